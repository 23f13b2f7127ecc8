#!/usr/bin/env python3
"""Makes the reference fixture for the directed degree assortativity
(DegreeAssortativity.directed). Run once; the output is committed. The Swift tests never call
Python.

It reads the committed directed fixtures <name>/members.csv and <name>/interactions.csv (records
of one ordered pair summed into one tie: the graph Weft builds) and writes
<name>/assortativity.json with

  directed_degree_assortativity  nx.degree_assortativity_coefficient(G) on the DiGraph with its
                                 defaults x="out", y="in", weight=None: the Pearson correlation,
                                 over the ties u → v, of u's out-degree and v's in-degree (what
                                 NetworkX and igraph report by default for a directed network)
  degree_assortativity           the same on the undirected view (as measures.json)

    python3 -m pip install networkx==3.6.1
    python3 Tests/WeftAnalysisTests/Fixtures/make_assortativity_reference.py
"""
import csv
import json
import os

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))


def load(name):
    g = nx.DiGraph()
    with open(os.path.join(HERE, name, "members.csv"), newline="") as f:
        g.add_nodes_from(row["id"] for row in csv.DictReader(f))
    with open(os.path.join(HERE, name, "interactions.csv"), newline="") as f:
        for row in csv.DictReader(f):
            u, v = row["source"], row["target"]
            if u != v:
                g.add_edge(u, v)
    return g


for name in ["directed", "directed_weighted"]:
    g = load(name)
    out = {
        "directed_degree_assortativity": nx.degree_assortativity_coefficient(g),
        "degree_assortativity": nx.degree_assortativity_coefficient(g.to_undirected()),
        "ties": g.number_of_edges(),
    }
    with open(os.path.join(HERE, name, "assortativity.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print(name, out)
