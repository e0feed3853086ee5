"""Learning from a user's own coded data: ``conflictlens train --gold CODED.csv``.

No PyPI package ships the villages of the Sahel (see docs/geoparsing.md), and most events there
happen in villages. A monitor who holds a coded dataset of its own (an ACLED export under its
licence, its own coding) already knows where those villages are: ``train`` reads the coded rows'
locations (name, country, admin1, admin2, point) into a places file kept *outside* the package, in
the user's cache folder, and the gazetteer index takes them in when it is next built. Nothing learnt
is written into the package or the repository.

The places file has the shape of ``data/place_fixes.json``'s ``places`` list, so the gazetteer reads
both the same way: a coded place with the name of a GeoNames entry nearby is merged with it (its
spelling becomes one more name of that entry); any other becomes a new entry.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from conflictlens.errors import InputError
from conflictlens.evaluate import read_gold
from conflictlens.geo.gazetteer import gazetteer, user_places_path
from conflictlens.nlp.lexicon import fold

PLACES_FORMAT = 1


def _point(row: dict[str, str]) -> tuple[float, float] | None:
    try:
        lat, lon = float(row.get("latitude") or ""), float(row.get("longitude") or "")
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None
    return lat, lon


def learn_places(rows: Iterable[dict[str, str]]) -> list[dict[str, Any]]:
    """One entry per coded location (country, name): the point, admin1 and admin2 its rows give most
    often, rows coded at the place itself (geo_precision 1) counting first."""
    gaz = gazetteer()  # country names only: the places file does not change them
    seen: dict[tuple[str, str], Counter[tuple[Any, ...]]] = defaultdict(Counter)
    names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in rows:
        name = (row.get("location") or "").strip()
        point = _point(row)
        country = (row.get("country") or "").strip()
        cc = gaz.country_code(country) if country else None
        if not name or point is None or cc is None:
            continue
        exact = (row.get("geo_precision") or "").strip() == "1"
        key = (cc, fold(name))
        where = (
            round(point[0], 4),
            round(point[1], 4),
            row.get("admin1", "").strip(),
            row.get("admin2", "").strip(),
        )
        seen[key][where] += 10 if exact else 1
        names[key][name] += 1
    out = []
    for (cc, folded), votes in sorted(seen.items()):
        (lat, lon, admin1, admin2), _n = votes.most_common(1)[0]
        name = names[(cc, folded)].most_common(1)[0][0]
        entry: dict[str, Any] = {"name": name, "cc": cc, "lat": lat, "lon": lon}
        if admin1:
            entry["admin1"] = admin1
        if admin2:
            entry["admin2"] = admin2
        out.append(entry)
    return out


def train(gold: str | Path, out: Path | None = None) -> tuple[Path, int]:
    """Learn the places of a coded CSV and write them where the gazetteer reads them; returns the
    file written and how many places it holds. The next run rebuilds the gazetteer index once."""
    places = learn_places(read_gold(gold))
    if not places:
        raise InputError(str(gold), "no row with a location, a known country and a point to learn from")
    path = out or user_places_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "format": PLACES_FORMAT,
        "about": f"Places learnt by `conflictlens train` from {Path(gold).name}; the user's own data, "
        "not part of conflictlens.",
        "places": places,
    }
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
    return path, len(places)
