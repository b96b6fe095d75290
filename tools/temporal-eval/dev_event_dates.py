#!/usr/bin/env python3
"""Side by side on the event dev set: for every gold event with a date, does a time expression in its sentence
resolve to that date? Scores `dyad time` and chrono-node output on the same documents (each resolved against the
document's publication date).

usage: dev_event_dates.py DOCS.jsonl EVENTS.jsonl DYAD_TIME.jsonl CHRONO.jsonl

DYAD_TIME.jsonl: `dyad time DOCS.jsonl` (one expression a line: doc, start, end, day).
CHRONO.jsonl:    `../shared/bench/peers/peers.sh chrono DOCS.jsonl` (one doc a line: id, dates[{index, text, date}]).
"""
import json
import sys
from collections import defaultdict


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main(docs_path, events_path, dyad_path, chrono_path):
    texts = {d["id"]: d["text"] for d in load(docs_path)}
    dyad = defaultdict(list)
    for e in load(dyad_path):
        if e.get("day"):
            dyad[e["doc"]].append((e["start"], e["end"], e["day"]))
    chrono = defaultdict(list)
    for d in load(chrono_path):
        for e in d.get("dates", []):
            if e.get("date"):
                chrono[d["id"]].append((e["index"], e["index"] + len(e["text"]), e["date"]))
    seen = set()
    counts = {"dated gold events": 0, "with an expression (dyad)": 0, "with an expression (chrono)": 0,
              "right day (dyad)": 0, "right day (chrono)": 0}
    for ev in load(events_path):
        date, doc, sentence = ev.get("date"), ev["doc"], ev.get("sentence") or ""
        if not date or doc not in texts or (doc, sentence, date) in seen:
            continue
        seen.add((doc, sentence, date))
        start = texts[doc].find(sentence)
        if start < 0:
            continue
        end = start + len(sentence)
        counts["dated gold events"] += 1
        for name, found in (("dyad", dyad[doc]), ("chrono", chrono[doc])):
            inside = [day for s, e, day in found if s >= start and e <= end]
            if inside:
                counts[f"with an expression ({name})"] += 1
            if date in inside:
                counts[f"right day ({name})"] += 1
    for k, v in counts.items():
        print(f"{k:30s} {v}")
    n = counts["dated gold events"] or 1
    print(f"share of dated gold events whose own sentence gives the right day: dyad {counts['right day (dyad)'] / n:.3f}"
          f"  chrono {counts['right day (chrono)'] / n:.3f}")
    for name in ("dyad", "chrono"):
        w = counts[f"with an expression ({name})"] or 1
        print(f"  of sentences with an expression, right day: {name} {counts[f'right day ({name})'] / w:.3f}")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
