"""Limits and defaults in one place. Units are in the names."""

from __future__ import annotations

# Reading input
max_input_bytes = 20 * 1024 * 1024  # larger files are refused with a clear error
min_text_chars = 20  # a document shorter than this after cleaning is reported as empty

# Store
default_db_url = "sqlite:///conflictlens.db"

# NLP
nlp_batch_size = 64
max_doc_chars = 200_000  # longer texts are processed in chunks of paragraphs

# Deduplication (conflictlens.ingest.dedup)
dedup_minhash_permutations = 128  # MinHash signature length
dedup_shingle_words = 3  # near-duplicates are compared on overlapping word n-grams of this length
dedup_near_jaccard = 0.8  # estimated Jaccard similarity at or above which two texts are one source
dedup_minhash_seed = 1  # fixed so signatures are the same in every run
dedup_headline_max_words = 25  # a first line this short is a headline, left out of the comparison

# Incident resolution (conflictlens.resolve)
merge_date_slack_days = 1  # day-precision dates this many days apart may still be one event
merge_week_slack_days = 7  # slack for week-precision dates (ACLED time_precision 2)
merge_month_slack_days = 31  # slack for month-or-coarser dates (time_precision 3)
merge_radius_km = 15.0  # max distance between two exact places (geo_precision 1) of one event
merge_radius_near_km = 40.0  # when either place is "near/part of" (geo_precision 2)
merge_radius_region_km = 120.0  # when either place is only a region (geo_precision 3)
merge_same_place_km = 5.0  # closer than this counts as the same place
merge_fatality_ratio_max = 3.0  # tolls further apart than this factor are different events ...
merge_fatality_diff_min = 10  # ... unless they differ by at most this many deaths
merge_min_score = 5  # evidence points a pair needs to merge (see resolve/match.py)
merge_min_score_mixed_types = 6  # ... when they give different event or sub-event types
resolve_block_cell_deg = 1.0  # blocking grid cell size in degrees (about 110 km)
resolve_block_days = 7  # blocking date bucket width in days
resolve_batch_reports = 500  # reports resolved per transaction by Resolver.add_many
