#!/usr/bin/env python3
"""Loads Weft's network.graphml and network.gexf with the real readers (NetworkX read_graphml and
read_gexf, igraph Graph.Read_GraphML), checks that they agree with each other and with
members.csv, and prints the figures the Swift tests hold the exports to (expected.json).

    .build/release/weft analyze SampleData --out /tmp/exports
    Benchmarks/compare/.venv/bin/python Tests/WeftCLITests/Fixtures/exports/check_exports.py /tmp/exports \
        > Tests/WeftCLITests/Fixtures/exports/expected.json
"""
import csv
import json
import math
import os
import sys

import igraph as ig
import networkx as nx

folder = sys.argv[1]
graphml = os.path.join(folder, "network.graphml")
gexf = os.path.join(folder, "network.gexf")

g_nx = nx.read_graphml(graphml)
g_ig = ig.Graph.Read_GraphML(graphml)
g_gx = nx.read_gexf(gexf)

with open(os.path.join(folder, "members.csv"), newline="") as f:
    members = {row["id"]: row for row in csv.DictReader(f)}


def weight_sum(edges):
    return math.fsum(float(w) for w in edges)


figures = {
    "nodes": g_nx.number_of_nodes(),
    "edges": g_nx.number_of_edges(),
    "directed": g_nx.is_directed(),
    "weight_sum": weight_sum(d["weight"] for _, _, d in g_nx.edges(data=True)),
    "records_sum": sum(int(d["records"]) for _, _, d in g_nx.edges(data=True)),
}
# igraph and NetworkX's GEXF reader see the same network.
assert g_ig.vcount() == figures["nodes"] and g_ig.ecount() == figures["edges"]
assert g_ig.is_directed() == figures["directed"]
assert abs(weight_sum(g_ig.es["weight"]) - figures["weight_sum"]) < 1e-9 * figures["weight_sum"]
assert g_gx.number_of_nodes() == figures["nodes"] and g_gx.number_of_edges() == figures["edges"]
assert g_gx.is_directed() == figures["directed"]
assert abs(weight_sum(d["weight"] for _, _, d in g_gx.edges(data=True)) - figures["weight_sum"]) < 1e-9 * figures["weight_sum"]
# Node attributes match members.csv in both files and both readers.
assert set(g_nx.nodes) == set(members) == set(g_gx.nodes) == set(g_ig.vs["id"])
for node, data in g_nx.nodes(data=True):
    row = members[node]
    assert data["degree"] == int(row["degree"]), node
    assert abs(data["pagerank"] - float(row["pagerank"])) <= 1e-15, node
    assert data.get("country", "") == row.get("country", ""), node
    assert data["label"] == (row["name"] or node)
for v in g_ig.vs:
    assert v["degree"] == int(members[v["id"]]["degree"])
for node, data in g_gx.nodes(data=True):
    assert data["degree"] == int(members[node]["degree"]), node
    assert data["label"] == (members[node]["name"] or node)
# Time: edges carry spells (runs of periods with a record), nodes a start date.
spells = [len(d.get("spells", [])) for _, _, d in g_gx.edges(data=True)]
figures["edges_with_spells"] = sum(1 for s in spells if s > 0)
figures["spells"] = sum(spells)
figures["nodes_with_start"] = sum(1 for _, d in g_gx.nodes(data=True) if "start" in d)
first = sorted(g_gx.edges(data=True), key=lambda e: (e[0], e[1]))[0]
figures["first_edge"] = {"source": first[0], "target": first[1], "spells": [list(s) for s in first[2]["spells"]]}
figures["readers"] = {"networkx": nx.__version__, "igraph": ig.__version__}
print(json.dumps(figures, indent=2, sort_keys=True))
