"""Engagement features of SampleData's members over 2024 (the default segments window), computed
independently of Weft with plain Python from the CSV files, into sample_features.json.
SegmentsCLITests compares segments.csv with them. Run from the repository root:

    python3 Tests/WeftCLITests/Fixtures/segments/make_sample_features.py

Definitions (docs/outputs.md, segments.csv): events_attended = distinct events; active_role_events =
distinct events as presenter, facilitator, host or organiser; role_score = sum per event of the
highest role weight (attendee 1, presenter 2, facilitator/host/organiser 3); topic_breadth,
topic_focus (share of the events in the two most frequent topics), topic_herfindahl; partners and
repeat_partners (>= 2 records) over interactions in either direction; strength = weights sent and
received; initiated = records sent (all sample records are directed); records = attendance rows +
interaction ends.
"""
import collections
import csv
import json

START, END = "2024-01-01", "2025-01-01"
WEIGHT = {"attendee": 1, "presenter": 2, "facilitator": 3, "host": 3, "organiser": 3}

members = [r["id"] for r in csv.DictReader(open("SampleData/members.csv"))]
events = collections.defaultdict(dict)   # member -> event -> (weight, active, topic)
records = collections.Counter()
for r in csv.DictReader(open("SampleData/attendance.csv")):
    if not START <= r["date"] < END:
        continue
    records[r["member"]] += 1
    w, active, topic = events[r["member"]].get(r["event"], (0, False, r["topic"]))
    events[r["member"]][r["event"]] = (max(w, WEIGHT.get(r["role"], 1)), active or r["role"] in ("presenter", "facilitator", "host", "organiser"), topic)

pairs = collections.Counter()
strength = collections.Counter()
initiated = collections.Counter()
for r in csv.DictReader(open("SampleData/interactions.csv")):
    if not START <= r["timestamp"][:10] < END:
        continue
    a, b, w = r["source"], r["target"], float(r.get("weight") or 1)
    pairs[(a, b)] += 1
    pairs[(b, a)] += 1
    strength[a] += w
    strength[b] += w
    initiated[a] += 1
    records[a] += 1
    records[b] += 1
partners = collections.Counter(a for (a, _) in pairs)
repeat = collections.Counter(a for (a, _), c in pairs.items() if c >= 2)

out = {}
for m in members:
    e = events.get(m, {})
    topics = collections.Counter(t for (_, _, t) in e.values() if t)
    total = sum(topics.values())
    counts = sorted(topics.values(), reverse=True)
    out[m] = {
        "records": records[m],
        "events_attended": len(e),
        "active_role_events": sum(1 for (_, a, _) in e.values() if a),
        "role_score": sum(w for (w, _, _) in e.values()),
        "topic_breadth": len(topics),
        "topic_focus": sum(counts[:2]) / total if total else None,
        "topic_herfindahl": sum((c / total) ** 2 for c in counts) if total else None,
        "partners": partners[m],
        "repeat_partners": repeat[m],
        "strength": strength[m],
        "initiated": initiated[m],
    }
with open("Tests/WeftCLITests/Fixtures/segments/sample_features.json", "w") as f:
    json.dump(out, f, indent=0, sort_keys=True)
