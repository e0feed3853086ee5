"""Geoparsing benchmark: toponym recognition and resolution on GeoWebNews, TR-News and GeoVirus, the
ACLED development set through the whole extraction, and the gazetteer index's build/size/lookup cost.

The corpora are GPL-3.0 and are read at run time from ``../shared/data/geoparsing`` (never copied).

Measures (the standard ones, Gritta et al. 2019, "A Pragmatic Guide to Geoparsing Evaluation"):

- recognition precision/recall/F1 by span overlap. For GeoWebNews the target class is *literal*
  toponyms (types Literal, Literal_Modifier, Mixed, Coercion, Embedded_Literal); a prediction that
  overlaps an associative toponym (metonymy, demonym, non-literal modifier, ...) is neither right nor
  wrong there, one that overlaps no toponym is a false positive. "all" counts every toponym type.
- resolution, over the gold toponyms we recognised that have coordinates: share within 161 km
  (100 miles), mean and median error in km.
- ACLED: each row's notes extracted as one document (country in focus Burkina Faso, year from the
  row); the first event's place (for a note the coder split into one row per place, the row's own
  event, as ``conflictlens evaluate`` matches them) against the coded admin1 and latitude/longitude
  (share within 25 km).

Usage: .venv/bin/python benchmarks/geoparse.py [--limit N] [--corpora gwn,trnews,geovirus,acled,index]
       [--acled-limit N] [--errors N] [--json] [--data DIR]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import logging
import os
import random
import statistics
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# The shared data folder: ``--data``, else $CONFLICTLENS_SHARED_DATA, else ../shared/data beside the
# checkout (a git worktree elsewhere passes --data).
SHARED = Path(os.environ.get("CONFLICTLENS_SHARED_DATA") or ROOT.parent / "shared" / "data")


def _geo(name: str) -> Path:
    return SHARED / "geoparsing" / name


def _acled() -> Path:
    return SHARED / "acled-burkina-faso" / "acled-burkina-faso-1997-2020.csv"


LITERAL = frozenset({"Literal", "Literal_Modifier", "Mixed", "Coercion", "Embedded_Literal"})
ASSOCIATIVE = frozenset(
    {"Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit", "Demonym", "Language", "Homonym"}
)

log = logging.getLogger("benchmarks.geoparse")


@dataclass
class Gold:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    kind: str = "toponym"  # GeoWebNews type; "toponym" elsewhere


@dataclass
class Article:
    id: str
    text: str
    gold: list[Gold] = field(default_factory=list)


def _float(x: str | None) -> float | None:
    try:
        return float(x) if x not in (None, "") else None
    except ValueError:
        return None


def load_gwn(path: Path | None = None) -> list[Article]:
    path = path or _geo("GWN.xml")
    root = ET.parse(path).getroot()
    out = []
    for i, a in enumerate(root.iter("article")):
        text = a.findtext("text") or ""
        art = Article(a.get("file", str(i)), text)
        for t in a.iter("toponym"):
            start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            art.gold.append(
                Gold(
                    start,
                    end,
                    t.findtext("extractedName") or "",
                    _float(t.findtext("latitude")),
                    _float(t.findtext("longitude")),
                    t.findtext("type") or "",
                )
            )
        out.append(art)
    return out


def load_trnews(path: Path | None = None) -> list[Article]:
    path = path or _geo("Corpora__TR-News.xml")
    root = ET.parse(path).getroot()
    out = []
    for i, a in enumerate(root.iter("article")):
        text = a.findtext("text") or ""
        art = Article(a.get("docid", str(i)), text)
        for t in a.iter("toponym"):
            g = t.find("gaztag")
            lat = _float(g.findtext("lat")) if g is not None else None
            lon = _float(g.findtext("lon")) if g is not None else None
            art.gold.append(
                Gold(
                    int(t.findtext("start") or 0),
                    int(t.findtext("end") or 0),
                    t.findtext("phrase") or "",
                    lat,
                    lon,
                )
            )
        out.append(art)
    return out


def load_geovirus(path: Path | None = None) -> list[Article]:
    path = path or _geo("Corpora__GeoVirus.xml")
    root = ET.parse(path).getroot()
    out = []
    for i, a in enumerate(root.iter("article")):
        text = a.findtext("text") or ""
        art = Article(str(i), text)
        for t in a.iter("location"):
            art.gold.append(
                Gold(
                    int(t.findtext("start") or 0),
                    int(t.findtext("end") or 0),
                    t.findtext("name") or "",
                    _float(t.findtext("lat")),
                    _float(t.findtext("lon")),
                )
            )
        out.append(art)
    return out


LOADERS = {"gwn": load_gwn, "trnews": load_trnews, "geovirus": load_geovirus}
TITLES = {"gwn": "GeoWebNews", "trnews": "TR-News", "geovirus": "GeoVirus"}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, float]:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _resolution(errors: list[float]) -> dict[str, Any]:
    if not errors:
        return {"n": 0, "acc161": 0.0, "mean_km": None, "median_km": None}
    return {
        "n": len(errors),
        "acc161": round(sum(e <= 161 for e in errors) / len(errors), 4),
        "mean_km": round(statistics.fmean(errors), 1),
        "median_km": round(statistics.median(errors), 1),
    }


def score_corpus(name: str, articles: list[Article], keep_errors: int = 0) -> dict[str, Any]:
    """Run geoparse over the articles and score recognition and resolution."""
    from conflictlens.geo import distance_km, geoparse
    from conflictlens.model import Document

    started = time.monotonic()
    docs = [Document(id=a.id, text=a.text) for a in articles]
    predicted = {r["id"]: r["places"] for r in geoparse(docs)}
    elapsed = time.monotonic() - started
    target = (lambda g: g.kind in LITERAL) if name == "gwn" else (lambda g: True)
    ignored = (lambda g: g.kind in ASSOCIATIVE) if name == "gwn" else (lambda g: False)
    n_pred = tp_pred = n_gold = tp_gold = 0
    all_gold = all_tp = all_pred_tp = all_pred = 0
    errors: list[float] = []
    errors_all: list[float] = []
    misses: list[dict[str, Any]] = []
    for a in articles:
        preds = predicted.get(a.id, [])
        spans = [(p["start"], p["end"]) for p in preds]
        for p, sp in zip(preds, spans, strict=True):
            hits = [g for g in a.gold if _overlap(sp, (g.start, g.end))]
            if any(target(g) for g in hits):
                n_pred += 1
                tp_pred += 1
            elif not any(ignored(g) for g in hits):
                n_pred += 1
                if len(misses) < keep_errors:
                    misses.append({"doc": a.id, "fp": p["text"]})
            toponym_hits = [g for g in hits if target(g) or ignored(g)]
            all_pred += 1
            all_pred_tp += bool(toponym_hits)
        for g in a.gold:
            is_target = target(g)
            is_topo = is_target or ignored(g)
            if not is_topo:
                continue
            match = [p for p, sp in zip(preds, spans, strict=True) if _overlap(sp, (g.start, g.end))]
            all_gold += 1
            all_tp += bool(match)
            if is_target:
                n_gold += 1
                tp_gold += bool(match)
                if not match and len(misses) < keep_errors:
                    misses.append({"doc": a.id, "fn": g.text})
            if match and g.lat is not None and g.lon is not None:
                located = [p for p in match if p["lat"] is not None]
                if located:
                    p = located[0]
                    err = distance_km(g.lat, g.lon, p["lat"], p["lon"])
                    errors_all.append(err)
                    if is_target:
                        errors.append(err)
                    if err > 161 and len(misses) < keep_errors:
                        misses.append(
                            {
                                "doc": a.id,
                                "far": g.text,
                                "km": round(err),
                                "got": p["name"],
                                "cc": p["country_code"],
                                "target": is_target,
                            }
                        )
    out: dict[str, Any] = {
        "documents": len(articles),
        "seconds": round(elapsed, 1),
        "recognition": _prf(tp_pred, n_pred, tp_gold, n_gold),
        "resolution": _resolution(errors),
    }
    if name == "gwn":
        out["recognition_all_types"] = _prf(all_pred_tp, all_pred, all_tp, all_gold)
        out["resolution_all_types"] = _resolution(errors_all)
    if keep_errors:
        out["errors"] = misses
    return out


def score_acled(limit: int | None = None, path: Path | None = None) -> dict[str, Any]:
    """admin1 and 25 km accuracy of the first event's place, through the whole extraction."""
    path = path or _acled()
    from conflictlens.evaluate import RowMatcher
    from conflictlens.extract import extract_many
    from conflictlens.geo import distance_km
    from conflictlens.model import Document
    from conflictlens.nlp.lexicon import fold

    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if limit:
        rows = rows[:limit]

    def docs() -> Iterable[Document]:
        for i, row in enumerate(rows):
            year = int(row["year"]) if (row.get("year") or "").isdigit() else None
            yield Document(
                id=row.get("event_id_cnty") or str(i),
                text=row.get("notes") or "",
                published=dt.date(year, 12, 31) if year else None,
                country_hint="BF",
            )

    started = time.monotonic()
    admin1 = within = located = 0
    matcher = RowMatcher(rows)  # a note the coder split into one row per place: the row's own event
    for (_d, reports), row in zip(extract_many(docs(), country="BF"), rows, strict=True):
        event = matcher.event(reports, row)
        place = event.place if event else None
        if place is None:
            continue
        admin1 += fold(place.admin1 or "") == fold(row.get("admin1", ""))
        if place.latitude is not None and place.longitude is not None:
            located += 1
            d = distance_km(float(row["latitude"]), float(row["longitude"]), place.latitude, place.longitude)
            within += d <= 25
    n = len(rows)
    return {
        "rows": n,
        "seconds": round(time.monotonic() - started, 1),
        "admin1_accuracy": round(admin1 / n, 4) if n else 0.0,
        "within_25km": round(within / n, 4) if n else 0.0,
        "located": round(located / n, 4) if n else 0.0,
    }


def score_index(lookups: int = 2000) -> dict[str, Any]:
    """Build the gazetteer index from scratch in a temporary folder: time, size, lookup latency."""
    from conflictlens.geo.gazetteer import Gazetteer, build_index

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gazetteer.sqlite"
        started = time.monotonic()
        build_index(path)
        build_s = time.monotonic() - started
        size_mb = path.stat().st_size / 1e6
        gaz = Gazetteer(path)
        names = [p.name for p in gaz.places_in("US")[:500]] + [p.name for p in gaz.places_in("BF")]
        names += [p.name for p in gaz.places_in("FR")[:500]] + ["Tombouctou", "Ménaka", "Niger", "Gao"]
        random.Random(7).shuffle(names)
        names = (names * (lookups // max(1, len(names)) + 1))[:lookups]
        started = time.monotonic()
        for n in names:
            gaz._lookup_key.cache_clear()
            gaz.lookup(n)
        per_ms = (time.monotonic() - started) * 1000 / len(names)
    return {"build_seconds": round(build_s, 1), "size_mb": round(size_mb, 1), "lookup_ms": round(per_ms, 3)}


TARGETS = {
    ("gwn", "recognition", "f1"): 0.85,
    ("gwn", "resolution", "acc161"): 0.90,
    ("trnews", "resolution", "acc161"): 0.90,
    ("geovirus", "resolution", "acc161"): 0.90,
    ("acled", "admin1_accuracy", None): 0.95,
    ("acled", "within_25km", None): 0.85,
}


def run(
    corpora: list[str], limit: int | None, acled_limit: int | None, keep_errors: int = 0
) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for name in corpora:
        try:
            if name in LOADERS:
                articles = LOADERS[name]()
                if limit:
                    articles = articles[:limit]
                results[name] = score_corpus(name, articles, keep_errors)
            elif name == "acled":
                results["acled"] = score_acled(acled_limit)
            elif name == "index":
                results["index"] = score_index()
        except Exception as exc:  # one corpus failing (a missing file, a broken stage) spares the others
            log.error("%s: %s: %s", name, type(exc).__name__, exc)
            results.setdefault("failed", {})[name] = f"{type(exc).__name__}: {exc}"
    return results


def table(results: dict[str, Any]) -> str:
    head = ("corpus", "docs", "P", "R", "F1", "n", "@161", "mean", "median")
    widths = (-12, 5, 6, 6, 6, 5, 6, 7, 7)
    lines = [" ".join(f"{h:<{-w}}" if w < 0 else f"{h:>{w}}" for h, w in zip(head, widths, strict=True))]

    def row(label: str, docs: str, rec: dict[str, float], res: dict[str, Any]) -> str:
        return (
            f"{label:<12} {docs:>5} {rec['precision']:>6.3f} {rec['recall']:>6.3f} {rec['f1']:>6.3f} "
            f"{res['n']:>5} {res['acc161']:>6.3f} {res['mean_km'] or 0:>7.1f} {res['median_km'] or 0:>7.1f}"
        )

    for name in ("gwn", "trnews", "geovirus"):
        if name not in results:
            continue
        r = results[name]
        lines.append(row(TITLES[name], str(r["documents"]), r["recognition"], r["resolution"]))
        if name == "gwn":
            lines.append(row("  all types", "", r["recognition_all_types"], r["resolution_all_types"]))
    if "acled" in results:
        a = results["acled"]
        lines.append(
            f"ACLED BF     rows {a['rows']}: admin1 {a['admin1_accuracy']:.3f}, "
            f"within 25 km {a['within_25km']:.3f} (located {a['located']:.3f})"
        )
    for name, why in results.get("failed", {}).items():
        lines.append(f"{name:<12} FAILED: {why}")
    if "index" in results:
        i = results["index"]
        lines.append(
            f"index        build {i['build_seconds']} s, {i['size_mb']} MB, lookup {i['lookup_ms']} ms"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    global SHARED
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", default="gwn,trnews,geovirus,acled,index")
    parser.add_argument("--limit", type=int, default=None, help="documents per corpus")
    parser.add_argument("--acled-limit", type=int, default=None, help="ACLED rows")
    parser.add_argument("--errors", type=int, default=0, help="keep this many errors per corpus")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--data", type=Path, default=None, help=f"the shared data folder ({SHARED})")
    args = parser.parse_args(argv)
    if args.data is not None:
        SHARED = args.data
    logging.basicConfig(level=logging.WARNING)
    sys.path.insert(0, str(ROOT / "src"))
    results = run(args.corpora.split(","), args.limit, args.acled_limit, args.errors)
    if args.json:
        print(json.dumps(results, indent=1))
    else:
        print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
