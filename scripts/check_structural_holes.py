#!/usr/bin/env python3
"""Checks Weft's structural-hole columns against NetworkX on any run's outputs (the conventions
README.md states): the unweighted columns are NetworkX's on the undirected view, the weighted
ones NetworkX's on the directed graph with mutual weights w_ij + w_ji (per-node effective_size,
whose default all-nodes call divides by the wrong node's maximum).

    weft analyze SampleData --network survey:advice@baseline --survey-symmetrise directed \
        --format graphml,csv --out /tmp/advice
    python3 scripts/check_structural_holes.py /tmp/advice

On SampleData's directed advice layer (264 ties, 102 of them reciprocated) every column agrees
to 4e-15. Reference values for the tests are made by
Tests/WeftAnalysisTests/Fixtures/make_brokerage_reference.py.
"""
import csv
import math
import sys

import networkx as nx


def difference(text, value):
    weft = float(text) if text not in ("", None) else float("nan")
    if math.isnan(weft) and math.isnan(value):
        return 0.0
    return abs(weft - value)


def main(folder):
    g = nx.read_graphml(folder + "/network.graphml")
    rows = {r["id"]: r for r in csv.DictReader(open(folder + "/members.csv", encoding="utf-8"))}
    view = g.to_undirected() if g.is_directed() else g
    checks = {
        "constraint": nx.constraint(view),
        "effective_size": nx.effective_size(view),
        "constraint_weighted": nx.constraint(g, weight="weight"),
        "effective_size_weighted": nx.effective_size(g, nodes=list(g), weight="weight"),
    }
    worst = 0.0
    for column, reference in checks.items():
        # NetworkX's per-node loop takes a member with in-ties only for an isolate: skip those.
        members = [v for v in g if column != "effective_size_weighted" or len(g[v]) > 0]
        error = max(difference(rows[v][column], reference[v]) for v in members)
        worst = max(worst, error)
        print("%-24s max |Weft - NetworkX| = %.3g over %d members" % (column, error, len(members)))
    sys.exit(0 if worst < 1e-9 else 1)


if __name__ == "__main__":
    main(sys.argv[1])
