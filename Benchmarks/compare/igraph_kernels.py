#!/usr/bin/env python3
"""Times igraph's kernels on the same graphs as Weft's package-benchmark suite (MeasureBenchmarks).

Reads Benchmarks/data/<size>/interactions.csv (written by the benchmark suite, or by
`weft sample --size <size> --seed 42 --out Benchmarks/data/<size>`), aggregates the records into
a directed graph with summed weights (as Weft's GraphBuilder does), and prints the median of
several single-threaded runs of each kernel, plus a checksum to compare with Weft's values.

    python3 -m pip install igraph
    python3 Benchmarks/compare/igraph_kernels.py s m
"""
import csv
import os
import statistics
import sys
import time

import igraph as ig

HERE = os.path.dirname(os.path.abspath(__file__))


def load(size):
    folder = os.path.join(HERE, "..", "data", size)
    ids = {}
    with open(os.path.join(folder, "members.csv"), newline="") as f:
        for row in csv.DictReader(f):
            ids.setdefault(row["id"], len(ids))
    weights = {}
    with open(os.path.join(folder, "interactions.csv"), newline="") as f:
        for row in csv.DictReader(f):
            s = ids.setdefault(row["source"], len(ids))
            t = ids.setdefault(row["target"], len(ids))
            weights[(s, t)] = weights.get((s, t), 0.0) + float(row.get("weight") or 1)
    edges = sorted(weights)
    g = ig.Graph(n=len(ids), edges=edges, directed=True)
    g.es["weight"] = [weights[e] for e in edges]
    u = g.as_undirected(mode="collapse", combine_edges="sum")
    return g, u


def timed(fn, repeats):
    times = []
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(sizes):
    for size in sizes:
        g, u = load(size)
        print(f"\n{size.upper()}: {g.vcount()} members, {g.ecount()} directed ties, {u.ecount()} undirected ties")
        kernels = [
            ("components", lambda: len(g.connected_components("weak")) + len(g.connected_components("strong"))),
            ("k-core", lambda: max(u.coreness())),
            ("clustering", lambda: sum(x for x in u.transitivity_local_undirected(mode="zero"))),
            ("pagerank", lambda: max(g.pagerank(weights="weight"))),
            ("eigenvector", lambda: max(u.eigenvector_centrality(scale=False))),
            # Kleinberg's hubs and authorities on the directed, weighted graph (Weft's HITS).
            ("hits", lambda: max(g.hub_score(weights="weight")) + max(g.authority_score(weights="weight"))),
            ("closeness", lambda: sum(x for x in g.closeness(mode="in") if x == x)),
        ]
        if size == "s":
            kernels.append(("betweenness", lambda: sum(g.betweenness(directed=True))))
        for name, fn in kernels:
            seconds, checksum = timed(fn, 5 if name not in ("closeness", "betweenness") else 3)
            print(f"  {name:<12} {seconds * 1000:10.2f} ms   checksum {checksum}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["s", "m"])
