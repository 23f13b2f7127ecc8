#!/usr/bin/env python3
"""The measures `weft analyze` computes with its default settings, each step in the fastest peer
library for it, for the whole-pipeline comparison (compare.py --pipeline).

The steps, and the library that runs each:
  - pandas: reading members.csv and interactions.csv (C parser) and aggregating the records into
    directed ties with summed weights (`groupby`); every member is a node, numbered in
    members.csv order (then any id only the records name);
  - igraph: the directed graph and its undirected view (weights of both directions summed);
    degrees and strengths, reach in two steps, eigenvector centrality (undirected, unweighted)
    and its eigenvalue, PageRank (weighted), HITS hubs and authorities (weighted), local
    clustering (plain; weighted by Barrat's definition — igraph has no geometric-mean variant),
    core numbers, weak and strong components, density, reciprocity, transitivity, degree
    assortativity, Leiden communities (modularity objective, weighted) and the modularity of
    every member attribute Weft groups by;
  - NetworKit (every core): betweenness (directed hop counts) estimated from 500 sampled sources
    (EstimateBetweenness), and from the same number of sampled sources the breadth-first distances
    (SPSP) that give closeness (incoming along the ties, outgoing on the reversed graph) and
    harmonic centrality scaled up to n, and the sampled diameter and average path length on the
    undirected view — as Weft estimates them above 20,000 members; up to 20,000 members, as Weft,
    exactly: Betweenness, and every member a source;
  - SciPy: Katz centrality with Weft's α (min(0.1, 0.9/λ), λ the eigenvalue above), by BiCGSTAB
    on the sparse system (igraph has no Katz; NetworKit's leaves out the series' β·1 term);
  - pandas again: writing members.csv.
The timing covers all of that. Afterwards, outside the timing, `cross_check` verifies where the
libraries overlap that they give equal results: igraph's core numbers and connected components
against NetworKit's, igraph's breadth-first distances from ten of the sampled sources against
NetworKit's, and pandas' aggregated ties against igraph's edge count and total weight.

    python3 Benchmarks/compare/pipeline_peers.py Benchmarks/data/m OUT_FOLDER
"""
import math
import os
import random
import sys
import time

import igraph as ig
import networkit as nk
import numpy as np
import pandas as pd
import scipy.sparse
import scipy.sparse.linalg

SOURCES = 500
SEED = 42
# Weft's default --exact-up-to: exact betweenness and closeness (every member a source) up to this
# many members, 500 sampled sources above it.
EXACT_UP_TO = 20_000
GROUP_ATTRIBUTES = ["country", "governance", "organisation", "role"]
# Sampled sources whose distance rows are held in memory at once (rows of n doubles).
SOURCE_BLOCK = 50


def read(folder):
    """members.csv and interactions.csv by pandas; returns (ids, members frame, directed ties
    as source index, target index and summed weight arrays)."""
    members = pd.read_csv(os.path.join(folder, "members.csv"), dtype=str, keep_default_na=False)
    records = pd.read_csv(os.path.join(folder, "interactions.csv"), usecols=["source", "target", "weight"],
                          dtype={"source": str, "target": str})
    ids = pd.Index(members["id"])
    extra = pd.Index(pd.unique(pd.concat([records["source"], records["target"]], ignore_index=True))).difference(ids)
    ids = ids.append(extra)
    records["weight"] = records["weight"].fillna(1.0)
    ties = records.groupby(["source", "target"], sort=False, as_index=False)["weight"].sum()
    return ids, members, ids.get_indexer(ties["source"]), ids.get_indexer(ties["target"]), ties["weight"].to_numpy()


def networkit_graph(n, src, dst, directed):
    coo = (np.ones(len(src)), (np.asarray(src, dtype=np.uint64), np.asarray(dst, dtype=np.uint64)))
    return nk.GraphFromCoo(coo, n, directed=directed, weighted=False)


def sampled_distances(graph, sources, n):
    """Per member: the sum of hop distances from the sampled sources that reach it, how many
    reach it, and the sum of 1/distance; plus the largest distance and all distances' sum and
    count (NetworKit SPSP, in blocks of SOURCE_BLOCK sources)."""
    total, reached, harmonic = np.zeros(n), np.zeros(n), np.zeros(n)
    largest, length_sum, length_count = 0.0, 0.0, 0
    for start in range(0, len(sources), SOURCE_BLOCK):
        block = sources[start:start + SOURCE_BLOCK]
        spsp = nk.distance.SPSP(graph, block)
        spsp.run()
        d = np.asarray(spsp.getDistances())
        ok = (d > 0) & (d < 1e300)
        dist = np.where(ok, d, 0.0)
        total += dist.sum(axis=0)
        reached += ok.sum(axis=0)
        harmonic += np.where(ok, 1.0 / np.where(ok, d, 1.0), 0.0).sum(axis=0)
        if ok.any():
            largest = max(largest, float(dist.max()))
        length_sum += float(dist.sum())
        length_count += int(ok.sum())
    return total, reached, harmonic, largest, length_sum, length_count


def katz(n, src, dst, alpha):
    """Katz centrality counting incoming walks, β = 1, unit norm (NetworkX `katz_centrality` with
    weight=None): (I − α·Aᵀ)·x = 1 solved by SciPy's BiCGSTAB to a relative residual of 1e-12."""
    a = scipy.sparse.csr_matrix((np.ones(len(src)), (dst, src)), shape=(n, n))   # Aᵀ
    x, info = scipy.sparse.linalg.bicgstab(scipy.sparse.identity(n, format="csr") - alpha * a, np.ones(n),
                                           rtol=1e-12, atol=0.0, maxiter=10_000)
    assert info == 0, f"Katz: BiCGSTAB stopped with info {info}"
    return x / np.linalg.norm(x)


def run(folder, out):
    start = time.perf_counter()
    ids, members, src, dst, weight = read(folder)
    n = len(ids)
    g = ig.Graph(n=n, edges=np.column_stack((src, dst)).tolist(), directed=True, edge_attrs={"weight": weight})
    u = g.as_undirected(mode="collapse", combine_edges="sum")
    columns = {"id": ids}
    columns["in_degree"] = g.indegree()
    columns["out_degree"] = g.outdegree()
    columns["neighbours"] = u.degree()
    columns["in_strength"] = g.strength(mode="in", weights="weight")
    columns["out_strength"] = g.strength(mode="out", weights="weight")
    columns["reach_2"] = [s - 1 for s in u.neighborhood_size(order=2)]

    nk.setSeed(SEED, False)
    nk.setNumberOfThreads(os.cpu_count())
    nk_g = networkit_graph(n, src, dst, directed=True)
    nk_reversed = networkit_graph(n, dst, src, directed=True)
    nk_u = networkit_graph(n, src, dst, directed=False)
    nk_u.removeMultiEdges()
    if n <= EXACT_UP_TO:
        columns["betweenness"] = nk.centrality.Betweenness(nk_g, normalized=False).run().scores()
        sources, scale = list(range(n)), 1.0
    else:
        columns["betweenness"] = nk.centrality.EstimateBetweenness(nk_g, SOURCES, normalized=False, parallel=True).run().scores()
        sources = random.Random(SEED).sample(range(n), SOURCES)
        scale = (n - 1) / SOURCES
    for name, graph in (("closeness", nk_g), ("closeness_out", nk_reversed)):
        # Distances from the sampled sources along the ties give every member's incoming
        # distances from the sample (on the reversed graph: outgoing), scaled up to n.
        total, reached, harmonic, _, _, _ = sampled_distances(graph, sources, n)
        safe = np.where(total > 0, total, 1.0)
        columns[name] = np.where(total > 0, (reached * scale / (n - 1)) * (reached / safe), 0.0)
        if name == "closeness":
            columns["harmonic"] = harmonic * scale
    columns["eigenvector"], eigenvalue = u.eigenvector_centrality(weights=None, return_eigenvalue=True)
    columns["pagerank"] = g.pagerank(damping=0.85, weights="weight")
    alpha = min(0.1, 0.9 / eigenvalue)
    columns["katz"] = katz(n, src, dst, alpha)
    columns["hub"] = g.hub_score(weights="weight")
    columns["authority"] = g.authority_score(weights="weight")
    columns["clustering"] = u.transitivity_local_undirected(mode="zero")
    columns["clustering_weighted"] = u.transitivity_local_undirected(mode="zero", weights="weight")
    columns["core_number"] = u.coreness()
    for name, mode in (("weak_component", "weak"), ("strong_component", "strong")):
        columns[name] = g.connected_components(mode).membership
    leiden = u.community_leiden(objective_function="modularity", weights="weight", n_iterations=-1)
    columns["community"] = leiden.membership

    network = {
        "density": g.density(loops=False),
        "reciprocity": g.reciprocity(),
        "transitivity": u.transitivity_undirected(),
        "average_clustering": float(np.mean(columns["clustering"])),
        "assortativity": u.assortativity_degree(directed=False),
        "modularity": u.modularity(leiden.membership, weights="weight"),
    }
    _, _, _, diameter, length_sum, length_count = sampled_distances(nk_u, sources, n)
    network["diameter"] = int(diameter)
    network["average_path_length"] = length_sum / max(length_count, 1)
    for attribute in GROUP_ATTRIBUTES:
        labels = pd.Series(list(members[attribute]) + [""] * (n - len(members)))
        network[f"modularity_{attribute}"] = u.modularity(pd.factorize(labels)[0].tolist(), weights="weight")

    os.makedirs(out, exist_ok=True)
    pd.DataFrame(columns).to_csv(os.path.join(out, "members.csv"), index=False)
    seconds = time.perf_counter() - start
    checks = cross_check(g, u, nk_u, weight, sources)
    notes = ("The peer pipeline (`pipeline_peers.py`): pandas reads and aggregates the records and writes "
             "members.csv; igraph computes the exact node and network measures and Leiden; NetworKit, on every "
             "core, computes betweenness, closeness, harmonic centrality, the diameter and average path length "
             "(exact up to 20,000 members, as Weft; above, from 500 sampled sources); SciPy "
             "solves Katz's linear system. It does not validate input rows, analyse time or segments, or write report.json or the HTML "
             "report. Cross-checks where the peers overlap: " + "; ".join(checks) + ". Network figures: " +
             ", ".join(f"{k} {v:.4f}" if isinstance(v, float) else f"{k} {v}" for k, v in network.items()) + ".")
    return seconds, notes


def cross_check(g, u, nk_u, weight, sources):
    """Equal results where the peers overlap (raises AssertionError otherwise); returns what was
    checked."""
    cores = nk.centrality.CoreDecomposition(nk_u).run().scores()
    assert [int(c) for c in cores] == u.coreness(), "core numbers: igraph and NetworKit differ"
    cc = nk.components.ConnectedComponents(nk_u)
    cc.run()
    assert cc.numberOfComponents() == len(u.connected_components()), "components: igraph and NetworKit differ"
    assert sorted(cc.getComponentSizes().values()) == sorted(u.connected_components().sizes())
    sample = sources[:10]
    spsp = nk.distance.SPSP(nk_u, sample)
    spsp.run()
    theirs = np.asarray(spsp.getDistances())
    mine = np.asarray(u.distances(source=sample), dtype=float)
    assert np.array_equal(np.where(theirs < 1e300, theirs, np.inf), mine), "distances: igraph and NetworKit differ"
    assert g.ecount() == len(weight) and math.isclose(math.fsum(g.es["weight"]), math.fsum(weight), rel_tol=1e-12)
    return ["core numbers (igraph = NetworKit, every member)",
            f"undirected components (igraph = NetworKit: {len(u.connected_components())})",
            "hop distances from 10 of the sources (igraph = NetworKit)",
            "aggregated ties and total weight (pandas = igraph)"]


if __name__ == "__main__":
    seconds, notes = run(sys.argv[1], sys.argv[2])
    print(f"{seconds:.1f} s\n{notes}")
