#!/usr/bin/env python3
"""Makes the reference fixtures for Weft's analysis tests. Run once; the outputs are committed.

For each dataset it writes <name>/members.csv and <name>/interactions.csv (the graph as Weft
reads it) and <name>/reference.json (values computed here with NetworkX). The Swift tests never
call Python: they read these files.

Datasets: NetworkX's karate club, Les Miserables and Florentine families (real, undirected,
weighted where the source is), and a seeded random directed graph whose ties are split into
several records, to check aggregation, direction and reciprocity.

    python3 -m pip install networkx==3.6.1
    python3 make_reference.py
"""
import csv
import json
import os
import random

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))


def sizes(components):
    return sorted((len(c) for c in components), reverse=True)


def node_ids(graph):
    # Stable ids that need no quoting, in NetworkX's node order.
    return {v: "n%03d" % i for i, v in enumerate(graph.nodes())}


def write_dataset(name, graph, records, ids):
    folder = os.path.join(HERE, name)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "members.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name"])
        for v in graph.nodes():
            w.writerow([ids[v], str(v)])
    with open(os.path.join(folder, "interactions.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "target", "timestamp", "weight"])
        for (u, v, t, weight) in records:
            w.writerow([ids[u], ids[v], t, repr(float(weight))])


def reference(graph, ids, directed):
    und = graph.to_undirected() if directed else graph
    ref = {
        "directed": directed,
        "members": graph.number_of_nodes(),
        "ties": graph.number_of_edges(),
        "density": nx.density(graph),
        "isolates": nx.number_of_isolates(graph),
        "weakComponentSizes": sizes(nx.weakly_connected_components(graph) if directed else nx.connected_components(graph)),
        "strongComponentSizes": sizes(nx.strongly_connected_components(graph)) if directed else sizes(nx.connected_components(graph)),
        "reciprocity": nx.overall_reciprocity(graph) if directed else None,
        "degree": {ids[v]: d for v, d in graph.degree()},
        "strength": {ids[v]: d for v, d in graph.degree(weight="weight")},
        "neighbours": {ids[v]: d for v, d in und.degree()},
    }
    if directed:
        ref["inDegree"] = {ids[v]: d for v, d in graph.in_degree()}
        ref["outDegree"] = {ids[v]: d for v, d in graph.out_degree()}
        ref["inStrength"] = {ids[v]: d for v, d in graph.in_degree(weight="weight")}
        ref["outStrength"] = {ids[v]: d for v, d in graph.out_degree(weight="weight")}
        # Symmetrised weight under the "sum" rule: w_ij + w_ji.
        sym = {}
        for u, v, w in graph.edges(data="weight"):
            key = tuple(sorted((ids[u], ids[v])))
            sym[key] = sym.get(key, 0.0) + w
        ref["symmetrisedStrength"] = {ids[v]: 0.0 for v in graph.nodes()}
        for (a, b), w in sym.items():
            ref["symmetrisedStrength"][a] += w
            ref["symmetrisedStrength"][b] += w
    return ref


def undirected_dataset(name, graph):
    ids = node_ids(graph)
    records = [(u, v, "2024-01-01", w) for u, v, w in graph.edges(data="weight", default=1.0)]
    for u, v in graph.edges():
        graph[u][v].setdefault("weight", 1.0)
    write_dataset(name, graph, records, ids)
    return reference(graph, ids, directed=False)


def directed_dataset(name, seed):
    rng = random.Random(seed)
    g = nx.gnp_random_graph(60, 0.04, seed=seed, directed=True)
    g.add_nodes_from(range(60, 64))  # four isolates
    records = []
    for u, v in g.edges():
        parts = [rng.randint(1, 4) for _ in range(rng.randint(1, 3))]
        g[u][v]["weight"] = float(sum(parts))
        for k, part in enumerate(parts):
            records.append((u, v, "2024-0%d-1%dT09:30:00Z" % (k + 1, rng.randint(0, 9)), part))
    rng.shuffle(records)
    ids = node_ids(g)
    write_dataset(name, g, records, ids)
    return reference(g, ids, directed=True)


def main():
    refs = {
        "karate": undirected_dataset("karate", nx.karate_club_graph()),
        "lesmis": undirected_dataset("lesmis", nx.les_miserables_graph()),
        "florentine": undirected_dataset("florentine", nx.florentine_families_graph()),
        "directed": directed_dataset("directed", seed=7),
    }
    for name, ref in refs.items():
        with open(os.path.join(HERE, name, "reference.json"), "w") as f:
            json.dump(ref, f, indent=1, sort_keys=True)
            f.write("\n")
    print("networkx", nx.__version__, "->", ", ".join(sorted(refs)))


if __name__ == "__main__":
    main()
