#!/usr/bin/env python3
"""Times community detection in igraph, NetworKit and NetworkX on the benchmark graphs, single-
threaded, with the modularity each reaches (compare with Weft's `louvain`/`leiden` benchmarks).

Reads Benchmarks/data/<size>/ (see igraph_kernels.py), builds the undirected view with summed
weights (Weft's default symmetrisation) and prints, per library and method, the median seconds of
several runs and the median modularity reached (weighted, resolution 1, computed by igraph).

    python3 -m pip install igraph networkit networkx
    python3 Benchmarks/compare/community_kernels.py m
"""
import os
import random
import statistics
import sys
import time

import igraph as ig

from igraph_kernels import load


def timed_runs(fn, repeats):
    times, qualities = [], []
    for r in range(repeats):
        start = time.perf_counter()
        membership = fn(r)
        times.append(time.perf_counter() - start)
        qualities.append(membership)
    return statistics.median(times), qualities


def main(sizes):
    for size in sizes:
        _, u = load(size)
        print(f"\n{size.upper()}: {u.vcount()} members, {u.ecount()} undirected ties")
        q = lambda m: u.modularity(m, weights="weight")
        rows = []

        def igraph_louvain(r):
            random.seed(r); ig.set_random_number_generator(random)
            return u.community_multilevel(weights="weight").membership

        def igraph_leiden(r):
            random.seed(r); ig.set_random_number_generator(random)
            return u.community_leiden(objective_function="modularity", weights="weight", n_iterations=-1).membership

        rows.append(("igraph multilevel", igraph_louvain, 5))
        rows.append(("igraph leiden (n_iterations=-1)", igraph_leiden, 5))
        try:
            import networkit as nk
            nk.setNumberOfThreads(1)
            g = nk.Graph(u.vcount(), weighted=True)
            for e, w in zip(u.get_edgelist(), u.es["weight"]):
                g.addEdge(e[0], e[1], w)

            def nk_run(cls, r, **kw):
                nk.setSeed(r + 1, False)
                algo = cls(g, **kw)
                algo.run()
                p = algo.getPartition()
                return [p.subsetOf(v) for v in range(g.numberOfNodes())]

            rows.append(("networkit PLM", lambda r: nk_run(nk.community.PLM, r, refine=False), 5))
            rows.append(("networkit PLM refine", lambda r: nk_run(nk.community.PLM, r, refine=True), 5))
            rows.append(("networkit ParallelLeiden", lambda r: nk_run(nk.community.ParallelLeiden, r), 5))
        except ImportError:
            print("  (networkit not installed)")
        if u.vcount() <= 60000 and "--networkx" in sys.argv:
            import networkx as nx
            h = nx.Graph()
            h.add_nodes_from(range(u.vcount()))
            h.add_weighted_edges_from((a, b, w) for (a, b), w in zip(u.get_edgelist(), u.es["weight"]))

            def nx_louvain(r):
                m = [0] * u.vcount()
                for i, c in enumerate(nx.community.louvain_communities(h, weight="weight", seed=r)):
                    for v in c:
                        m[v] = i
                return m
            rows.append(("networkx louvain", nx_louvain, 1))
        for name, fn, repeats in rows:
            seconds, memberships = timed_runs(fn, repeats)
            values = [q(m) for m in memberships]
            print(f"  {name:<34} {seconds:8.3f} s   modularity median {statistics.median(values):.4f} "
                  f"(min {min(values):.4f}, max {max(values):.4f})")


if __name__ == "__main__":
    main([a for a in sys.argv[1:] if not a.startswith("--")] or ["m"])
