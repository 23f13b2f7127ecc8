#!/usr/bin/env python3
"""The measures `weft analyze` computes with its default settings, in NetworkX, for the whole-
pipeline comparison (compare.py --pipeline).

From members.csv and interactions.csv (records aggregated into a directed graph with summed
weights, every member a node, and its undirected view with the weights of both directions
summed) it computes what members.csv and report.json hold: degrees and strengths, reach in two
steps, betweenness and closeness (incoming and outgoing) and harmonic centrality estimated from
500 sampled sources as Weft does above 20,000 members, eigenvector centrality, PageRank, Katz
(Weft's α), HITS, clustering (plain and weighted), core numbers, weak and strong components,
density, reciprocity, transitivity, degree assortativity, the sampled diameter and average path
length, Louvain communities (NetworkX has no Leiden) and the modularity of every member attribute
Weft groups by; then writes members.csv. Values are not compared with Weft's here: every kernel
is checked in compare.py, this only times the whole job.

    python3 Benchmarks/compare/pipeline_networkx.py Benchmarks/data/m OUT_FOLDER
"""
import csv
import os
import random
import sys
import time

import networkx as nx

SOURCES = 500
SEED = 42
GROUP_ATTRIBUTES = ["country", "governance", "organisation", "role"]


def add_weight(graph, a, b, w):
    """Adds w to the tie a–b, creating it if needed."""
    if graph.has_edge(a, b):
        graph[a][b]["weight"] += w
    else:
        graph.add_edge(a, b, weight=w)


def run(folder, out):
    start = time.perf_counter()
    with open(os.path.join(folder, "members.csv"), newline="") as f:
        members = list(csv.DictReader(f))
    ids = [m["id"] for m in members]
    g, u = nx.DiGraph(), nx.Graph()
    g.add_nodes_from(ids)
    u.add_nodes_from(ids)
    with open(os.path.join(folder, "interactions.csv"), newline="") as f:
        for row in csv.DictReader(f):
            add_weight(g, row["source"], row["target"], float(row.get("weight") or 1))
    for a, b, w in g.edges(data="weight"):
        add_weight(u, a, b, w)

    columns = {}
    columns["in_degree"] = dict(g.in_degree())
    columns["out_degree"] = dict(g.out_degree())
    columns["neighbours"] = dict(u.degree())
    columns["in_strength"] = dict(g.in_degree(weight="weight"))
    columns["out_strength"] = dict(g.out_degree(weight="weight"))
    columns["reach_2"] = {v: len(({x for n in u[v] for x in u[n]} | set(u[v])) - {v}) for v in u}

    sources = random.Random(SEED).sample(ids, SOURCES)
    n = len(ids)
    columns["betweenness"] = nx.betweenness_centrality(g, k=SOURCES, seed=SEED, normalized=False)
    for name, graph in (("closeness", g), ("closeness_out", g.reverse(copy=False))):
        # Distances from the sampled sources along the ties give every member's incoming
        # distances from the sample (on the reversed graph: outgoing), scaled up to n.
        total = dict.fromkeys(ids, 0.0)
        reached = dict.fromkeys(ids, 0)
        harmonic = dict.fromkeys(ids, 0.0)
        for s in sources:
            for v, d in nx.single_source_shortest_path_length(graph, s).items():
                if d > 0:
                    total[v] += d
                    reached[v] += 1
                    harmonic[v] += 1 / d
        scale = (n - 1) / SOURCES
        columns[name] = {v: 0.0 if total[v] == 0 else (reached[v] * scale / (n - 1)) * (reached[v] / total[v])
                         for v in ids}
        if name == "closeness":
            columns["harmonic"] = {v: harmonic[v] * scale for v in ids}
    columns["eigenvector"] = nx.eigenvector_centrality(u, max_iter=10_000, tol=1e-12)
    columns["pagerank"] = nx.pagerank(g, alpha=0.85, weight="weight")
    # Weft's α = min(0.1, 0.9/λ), λ the largest eigenvalue of the undirected structure (the
    # Rayleigh quotient of the unit eigenvector just computed).
    x = columns["eigenvector"]
    alpha = min(0.1, 0.9 / sum(x[v] * sum(x[w] for w in u[v]) for v in u))
    columns["katz"] = nx.katz_centrality(g, alpha=alpha, max_iter=10_000)
    columns["hub"], columns["authority"] = nx.hits(g)
    columns["clustering"] = nx.clustering(u)
    columns["clustering_weighted"] = nx.clustering(u, weight="weight")
    columns["core_number"] = nx.core_number(u)
    for name, parts in (("weak_component", nx.weakly_connected_components(g)),
                        ("strong_component", nx.strongly_connected_components(g))):
        columns[name] = {v: i for i, part in enumerate(sorted(parts, key=len, reverse=True), 1) for v in part}
    communities = nx.community.louvain_communities(u, weight="weight", seed=SEED)
    columns["community"] = {v: i for i, c in enumerate(sorted(communities, key=len, reverse=True), 1) for v in c}

    network = {
        "density": nx.density(g),
        "reciprocity": nx.reciprocity(g),
        "transitivity": nx.transitivity(u),
        "average_clustering": sum(columns["clustering"].values()) / n,
        "assortativity": nx.degree_assortativity_coefficient(u),
        "modularity": nx.community.modularity(u, communities, weight="weight"),
    }
    eccentricity, lengths = 0, []
    for s in sources:
        d = nx.single_source_shortest_path_length(u, s)
        eccentricity = max(eccentricity, max(d.values()))
        lengths.extend(x for x in d.values() if x > 0)
    network["diameter"] = eccentricity
    network["average_path_length"] = sum(lengths) / len(lengths)
    for attribute in GROUP_ATTRIBUTES:
        groups = {}
        for m in members:
            groups.setdefault(m[attribute], set()).add(m["id"])
        network[f"modularity_{attribute}"] = nx.community.modularity(u, groups.values(), weight="weight")

    os.makedirs(out, exist_ok=True)
    names = list(columns)
    with open(os.path.join(out, "members.csv"), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["id"] + names)
        for v in ids:
            writer.writerow([v] + [columns[c].get(v, "") for c in names])
    seconds = time.perf_counter() - start
    notes = ("NetworkX computes the same measures as `weft analyze`'s defaults (betweenness, closeness and "
             "harmonic centrality from 500 sampled sources, as Weft does above 20,000 members), with Louvain "
             "in place of Leiden (NetworkX has none), and writes members.csv; it does not validate input rows "
             "or write report.json. Network figures: " +
             ", ".join(f"{k} {v:.4f}" if isinstance(v, float) else f"{k} {v}" for k, v in network.items()) + ".")
    return seconds, notes


if __name__ == "__main__":
    seconds, notes = run(sys.argv[1], sys.argv[2])
    print(f"{seconds:.1f} s\n{notes}")
