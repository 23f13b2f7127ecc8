#!/usr/bin/env python3
"""Makes the reference fixtures for Weft's analysis tests. Run once; the outputs are committed.

For each dataset it writes <name>/members.csv and <name>/interactions.csv (the graph as Weft
reads it), <name>/reference.json (counts, degrees, strengths, components: NetworkX) and
<name>/measures.json (centrality and cohesion measures: NetworkX, exact arithmetic where
floating point would be ambiguous). The Swift tests never call Python: they read these files.

Datasets:
- karate, lesmis, florentine: NetworkX's karate club, Les Miserables and Florentine families
  (real, undirected, weighted where the source is; Weft loads them with --undirected).
- directed: a seeded random directed graph (60 nodes + 4 isolates) whose ties are split into
  several records, to check aggregation, direction and reciprocity.
- davis_women, davis_events: Davis's Southern Women projected onto the women and onto the
  events (weight = shared events / shared women; undirected). davis/ also holds the two-mode
  data itself: davis/members.csv (the women), davis/attendance.csv (member,event,date; event
  e<k> is NetworkX's E<k+1>, dated 2024-01-01 + k weeks) and davis/projections.json (the
  shared-event counts, Newman's collaboration weights and the shared-member counts per pair).
- disconnected: undirected, unweighted: a 25-node G(n,p) piece, a 6-cycle, a 4-node path and
  two isolates, members in a seeded shuffled order.
- directed_weighted: a seeded directed G(n,p) on 40 nodes, integer weights 1..5 (one record
  per tie), weakly connected with a 16-node strong component.

measures.json, keyed by member id for node measures (G = the graph as loaded, U = its
undirected view with w_ij + w_ji; weighted path lengths are 1/weight):
  betweenness[_normalized]                nx.betweenness_centrality(G), hop counts
  betweenness_weighted[_normalized]       Brandes in exact rational arithmetic (Fraction(1, w)),
                                          so equal-length paths are ties; NetworkX's own values
                                          differ where its float sums break ties
  closeness, closeness_out                nx.closeness_centrality (incoming / outgoing)
  closeness_weighted[_out]                the same with distance = 1/weight
  harmonic, harmonic_out                  nx.harmonic_centrality, not normalised
  eigenvector                             on U unweighted, unit Euclidean norm (numpy eigh);
                                          eigenvector_unique says whether it is determined
  pagerank, pagerank_personalized         weighted, alpha 0.85, solved exactly as a linear
                                          system; personalization = first three members,
                                          which NetworkX also uses for dangling nodes
  katz                                    nx.katz_centrality_numpy(G, katz_alpha, weight=None),
                                          katz_alpha = min(0.1, 0.9/lambda_max(U unweighted))
  hub, authority                          HITS on the weighted adjacency, exact eigenvectors,
                                          each summing to 1; hits_unique as for eigenvector
  clustering, clustering_weighted         nx.clustering(U) (weighted: Onnela)
  core_number, reach_2                    on U
  network: transitivity, average_clustering[_weighted], diameter and average_path_length of
  U's largest component, degree_centralization, betweenness_centralization,
  degree_assortativity, core_max.
After writing, the script cross-checks the values (NetworkX's iterative routines, and
python-igraph where its definitions coincide) and prints an agreement table. igraph is used
only for these checks; without it they are skipped.

    python3 -m pip install networkx==3.6.1 igraph numpy scipy
    python3 Tests/WeftAnalysisTests/Fixtures/make_reference.py
"""
import csv
import datetime
import heapq
import itertools
import json
import math
import os
import random
import sys
from fractions import Fraction

import networkx as nx
import numpy as np
import scipy as sp

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


def undirected_dataset(name, graph, ids=None):
    ids = ids or node_ids(graph)
    records = [(u, v, "2024-01-01", w) for u, v, w in graph.edges(data="weight", default=1.0)]
    for u, v in graph.edges():
        graph[u][v].setdefault("weight", 1.0)
    write_dataset(name, graph, records, ids)
    return Dataset(graph, ids, False, reference(graph, ids, directed=False))


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
    return Dataset(g, ids, True, reference(g, ids, directed=True))


class Dataset:
    def __init__(self, graph, ids, directed, ref):
        self.graph, self.ids, self.directed, self.ref = graph, ids, directed, ref


def pair_list(graph, ids, weight_of):
    rows = []
    for u, v, data in graph.edges(data=True):
        a, b = sorted((ids[u], ids[v]))
        rows.append({"a": a, "b": b, "weight": weight_of(u, v, data)})
    return sorted(rows, key=lambda r: (r["a"], r["b"]))


def in_order(graph, order):
    index = {v: i for i, v in enumerate(order)}
    h = nx.Graph()
    h.add_nodes_from(order)
    edges = [(a, b, d) if index[a] < index[b] else (b, a, d) for a, b, d in graph.edges(data=True)]
    h.add_edges_from(sorted(edges, key=lambda e: (index[e[0]], index[e[1]])))
    return h


def davis_datasets():
    """Davis's Southern Women: the two-mode data in davis/, and the two projections."""
    B = nx.davis_southern_women_graph()
    women, events = B.graph["top"], B.graph["bottom"]
    wid = {v: "w%02d" % i for i, v in enumerate(women)}
    eid = {v: "e%02d" % i for i, v in enumerate(events)}
    date = {e: (datetime.date(2024, 1, 1) + datetime.timedelta(weeks=k)).isoformat()
            for k, e in enumerate(events)}
    folder = os.path.join(HERE, "davis")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "members.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name"])
        for v in women:
            w.writerow([wid[v], v])
    with open(os.path.join(folder, "attendance.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["member", "event", "date"])
        for v in women:
            for e in events:
                if B.has_edge(v, e):
                    w.writerow([wid[v], eid[e], date[e]])

    # NetworkX builds projections from sets of names, so their edge order follows the string
    # hash seed; rebuild them in member order to keep the files byte-identical across runs.
    women_g = in_order(nx.bipartite.weighted_projected_graph(B, women), women)
    events_g = in_order(nx.bipartite.weighted_projected_graph(B, events), events)
    newman_g = nx.bipartite.collaboration_weighted_projected_graph(B, women)
    # Newman's weights exactly: sum over shared events of 1/(event size - 1).
    size = {e: B.degree(e) for e in events}

    def newman_exact(u, v, data):
        exact = sum((Fraction(1, size[e] - 1) for e in set(B[u]) & set(B[v]) if size[e] > 1), Fraction(0))
        assert abs(float(exact) - data["weight"]) < 1e-12, (u, v, exact, data["weight"])
        return float(exact)

    assert list(women_g) == list(women) and list(events_g) == list(events)
    projections = {
        "women_shared": pair_list(women_g, wid, lambda u, v, d: d["weight"]),
        "women_newman": pair_list(newman_g, wid, newman_exact),
        "events_shared": pair_list(events_g, eid, lambda u, v, d: d["weight"]),
        "event_sizes": {eid[e]: size[e] for e in events},
        "event_names": {eid[e]: e for e in events},
        "event_dates": {eid[e]: date[e] for e in events},
    }
    with open(os.path.join(folder, "projections.json"), "w") as f:
        json.dump(projections, f, indent=1, sort_keys=True)
        f.write("\n")
    return (undirected_dataset("davis_women", women_g, ids=wid),
            undirected_dataset("davis_events", events_g, ids=eid))


def disconnected_dataset(name, seed):
    piece = nx.gnp_random_graph(25, 0.15, seed=seed)
    assert nx.is_connected(piece)
    order = list(range(37))  # 0-24 piece, 25-30 cycle, 31-34 path, 35-36 isolates
    random.Random(seed).shuffle(order)
    g = nx.Graph()
    g.add_nodes_from(order)
    g.add_edges_from(piece.edges())
    g.add_edges_from((25 + k, 25 + (k + 1) % 6) for k in range(6))
    g.add_edges_from((31 + k, 32 + k) for k in range(3))
    return undirected_dataset(name, g)


def directed_weighted_dataset(name, seed):
    rng = random.Random(seed)
    g = nx.gnp_random_graph(40, 0.05, seed=seed, directed=True)
    records = []
    for u, v in g.edges():
        weight = rng.randint(1, 5)
        g[u][v]["weight"] = float(weight)
        records.append((u, v, "2024-03-%02dT12:00:00Z" % rng.randint(1, 28), weight))
    rng.shuffle(records)
    ids = node_ids(g)
    write_dataset(name, g, records, ids)
    return Dataset(g, ids, True, reference(g, ids, directed=True))


# ---------------------------------------------------------------------------------------------
# Measures (measures.json)

ALPHA = 0.85
EIGEN_GAP = 1e-9


def undirected_view(g, directed):
    """U: a tie wherever either direction exists, weight w_ij + w_ji (the "sum" rule)."""
    if not directed:
        return g
    u = nx.Graph()
    u.add_nodes_from(g)
    for a, b, w in g.edges(data="weight"):
        if u.has_edge(a, b):
            u[a][b]["weight"] += w
        else:
            u.add_edge(a, b, weight=w)
    return u


def exact_dijkstra(g, s, length):
    """Exact shortest path lengths from s (successors on a DiGraph), lengths Fractions."""
    done, best, tie = {}, {s: Fraction(0)}, itertools.count()
    heap = [(Fraction(0), next(tie), s)]
    while heap:
        d, _, v = heapq.heappop(heap)
        if v in done:
            continue
        done[v] = d
        for w in g[v]:
            nd = d + length(v, w)
            if w not in done and (w not in best or nd < best[w]):
                best[w] = nd
                heapq.heappush(heap, (nd, next(tie), w))
    return done


def brandes_exact(g, length):
    """Brandes' betweenness over ordered (s, t) pairs with exact path lengths (so ties are exact)."""
    c = {v: Fraction(0) for v in g}
    for s in g:
        dist = exact_dijkstra(g, s, length)
        order = sorted(dist, key=dist.__getitem__)
        preds = {v: [] for v in dist}
        for v in order:
            for w in g[v]:
                if dist[v] + length(v, w) == dist[w]:
                    preds[w].append(v)
        sigma = dict.fromkeys(dist, 0)
        sigma[s] = 1
        for w in order:  # predecessors are strictly closer, so already final
            for v in preds[w]:
                sigma[w] += sigma[v]
        delta = dict.fromkeys(dist, Fraction(0))
        for w in reversed(order):
            for v in preds[w]:
                delta[v] += Fraction(sigma[v], sigma[w]) * (1 + delta[w])
            if w != s:
                c[w] += delta[w]
    return c


def scaled_betweenness(raw, n, directed, normalized):
    """NetworkX's scaling of ordered-pair counts: raw halved for undirected graphs;
    normalised by 1/((n-1)(n-2)) directed, 2/((n-1)(n-2)) undirected."""
    if normalized:
        scale = Fraction(1, (n - 1) * (n - 2)) if n > 2 else Fraction(1)
    else:
        scale = Fraction(1) if directed else Fraction(1, 2)
    return {v: b * scale for v, b in raw.items()}


def exact_weighted_betweenness(g, directed):
    inv = lambda a, b: 1 / Fraction(g[a][b]["weight"])
    raw = brandes_exact(g, inv)
    n = len(g)
    return (scaled_betweenness(raw, n, directed, False), scaled_betweenness(raw, n, directed, True))


def harmonic_exact(g, v):
    """Sum of 1/d over members at hop distance d >= 1 from v along g's edges, rounded once."""
    d = nx.single_source_shortest_path_length(g, v)
    return float(sum((Fraction(1, x) for x in d.values() if x > 0), Fraction(0)))


def onnela_clustering(u):
    """Onnela's weighted clustering as NetworkX defines it (weights / max weight, geometric
    mean over each triangle), with each node's triangle terms summed by math.fsum."""
    wmax = max((w for _, _, w in u.edges(data="weight")), default=1.0)
    out = {}
    for i in u:
        nbrs = [j for j in u[i] if j != i]
        k = len(nbrs)
        if k < 2:
            out[i] = 0.0
            continue
        terms = []
        for x, j in enumerate(nbrs):
            for l in nbrs[x + 1:]:
                if u.has_edge(j, l):
                    ws = sorted((u[i][j]["weight"] / wmax, u[i][l]["weight"] / wmax, u[j][l]["weight"] / wmax))
                    terms.append(float(np.cbrt(ws[0] * ws[1] * ws[2])))
        out[i] = 2 * math.fsum(terms) / (k * (k - 1))
    return out


def leading_eigenvector(m):
    """Eigenvalues (ascending), leading eigenvector (non-negative) and whether it is unique,
    for a symmetric non-negative matrix. When unique it lives on one block of the matrix's
    pattern and is computed there, so it is exactly zero elsewhere."""
    vals = np.linalg.eigvalsh(m)
    unique = len(vals) < 2 or vals[-1] - vals[-2] > EIGEN_GAP
    if unique:
        _, labels = sp.sparse.csgraph.connected_components(sp.sparse.csr_array(m != 0), directed=False)
        best = None
        for label in np.unique(labels):
            idx = np.flatnonzero(labels == label)
            lam = np.linalg.eigvalsh(m[np.ix_(idx, idx)])[-1]
            if best is None or lam > best[0]:
                best = (lam, idx)
        idx = best[1]
        vec = np.zeros(len(m))
        vec[idx] = np.abs(np.linalg.eigh(m[np.ix_(idx, idx)])[1][:, -1])
    else:
        vec = np.linalg.eigh(m)[1][:, -1]
        if vec.sum() < 0:
            vec = -vec
    return vals, vec, unique


def pagerank_exact(w, p, dangling):
    """Solves x = alpha P'^T x + (1 - alpha) p with P' the row-normalised weight matrix whose
    dangling rows are replaced by the dangling distribution."""
    n = len(w)
    out = w.sum(axis=1)
    P = np.array([w[i] / out[i] if out[i] > 0 else dangling for i in range(n)])
    x = np.linalg.solve(np.eye(n) - ALPHA * P.T, (1 - ALPHA) * p)
    return x / x.sum()


def largest_component(u, nodes):
    """Largest connected component of U; ties go to the one holding the lowest file index."""
    index = {v: i for i, v in enumerate(nodes)}
    comps = [set(c) for c in nx.connected_components(u)]
    return min(comps, key=lambda c: (-len(c), min(index[v] for v in c)))


def by_id(ids, values):
    return {ids[v]: values[v] for v in ids}


def close(a, b, tol=1e-9):
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def assert_close(what, expected, got, tol=1e-9):
    bad = [v for v in expected if not close(expected[v], got[v], tol)]
    assert not bad, "%s: %d values differ, e.g. %r: %r vs %r" % (what, len(bad), bad[0], expected[bad[0]], got[bad[0]])


def measures(name, ds):
    g, ids, directed = ds.graph, ds.ids, ds.directed
    nodes = list(g)
    n = len(nodes)
    for a, b, w in g.edges(data="weight"):
        g[a][b]["distance"] = 1.0 / w
    u = undirected_view(g, directed)
    rev = g.reverse() if directed else g
    m = {"dataset": name, "directed": directed, "members": n, "networkx": nx.__version__}
    notes = []

    # Betweenness: NetworkX (hops) and exact rationals (1/weight).
    b = nx.betweenness_centrality(g, normalized=False)
    bn = nx.betweenness_centrality(g, normalized=True)
    unit = brandes_exact(g, lambda a, c: 1)
    assert_close(name + " exact unit-length Brandes vs nx", b, {v: float(x) for v, x in scaled_betweenness(unit, n, directed, False).items()}, 1e-12)
    assert_close(name + " exact unit-length Brandes vs nx (normalised)", bn, {v: float(x) for v, x in scaled_betweenness(unit, n, directed, True).items()}, 1e-12)
    bw, bwn = exact_weighted_betweenness(g, directed)
    m["betweenness"] = by_id(ids, b)
    m["betweenness_normalized"] = by_id(ids, bn)
    m["betweenness_weighted"] = {ids[v]: float(x) for v, x in bw.items()}
    m["betweenness_weighted_normalized"] = {ids[v]: float(x) for v, x in bwn.items()}

    # Closeness and harmonic (incoming on a DiGraph; *_out on the reverse).
    m["closeness"] = by_id(ids, nx.closeness_centrality(g))
    m["closeness_out"] = by_id(ids, nx.closeness_centrality(rev))
    m["closeness_weighted"] = by_id(ids, nx.closeness_centrality(g, distance="distance"))
    m["closeness_weighted_out"] = by_id(ids, nx.closeness_centrality(rev, distance="distance"))
    # NetworkX sums harmonic terms in set order (string hash dependent in the last bit), so
    # the values written are exact sums rounded once; they must match NetworkX's.
    m["harmonic"] = {ids[v]: harmonic_exact(rev, v) for v in nodes}
    m["harmonic_out"] = {ids[v]: harmonic_exact(g, v) for v in nodes}
    assert_close(name + " harmonic vs nx", m["harmonic"], by_id(ids, nx.harmonic_centrality(g)), 1e-12)
    assert_close(name + " harmonic_out vs nx", m["harmonic_out"], by_id(ids, nx.harmonic_centrality(rev)), 1e-12)
    # Weighted closeness from exact distances (Wasserman-Faust) must match NetworkX's floats.
    inv = lambda a, c: 1 / Fraction(rev[a][c]["weight"])
    exact_cw = {}
    for v in nodes:
        d = exact_dijkstra(rev, v, inv)
        total, r = sum(d.values()), len(d)
        exact_cw[ids[v]] = float(Fraction(r - 1, n - 1) * (r - 1) / total) if total > 0 and n > 1 else 0.0
    assert_close(name + " weighted closeness exact vs nx", exact_cw, m["closeness_weighted"], 1e-12)

    # Eigenvector centrality on U, unweighted.
    a_u = nx.to_numpy_array(u, nodelist=nodes, weight=None)
    vals, vec, unique = leading_eigenvector(a_u)
    vec = vec / np.linalg.norm(vec)
    m["eigenvector"] = {ids[v]: float(x) for v, x in zip(nodes, vec)}
    m["eigenvector_unique"] = bool(unique)
    m["eigenvector_eigenvalue"] = float(vals[-1])
    if nx.is_connected(u):
        assert_close(name + " eigenvector vs nx", m["eigenvector"], by_id(ids, nx.eigenvector_centrality_numpy(u)), 1e-9)
    else:
        notes.append("U is disconnected: nx.eigenvector_centrality_numpy refuses; eigenvector is numpy's "
                     "leading eigenvector of the whole adjacency (zero outside its component when unique)")
    if not unique:
        notes.append("eigenvector not unique: top two eigenvalues of U's adjacency are %r and %r" % (vals[-1], vals[-2]))

    # PageRank, exact.
    w = nx.to_numpy_array(g, nodelist=nodes, weight="weight")
    uniform = np.full(n, 1.0 / n)
    pr = pagerank_exact(w, uniform, uniform)
    pers = np.array([1.0 if i < 3 else 0.0 for i in range(n)])
    pers /= pers.sum()
    ppr = pagerank_exact(w, pers, pers)
    m["pagerank"] = {ids[v]: float(x) for v, x in zip(nodes, pr)}
    m["pagerank_personalized"] = {ids[v]: float(x) for v, x in zip(nodes, ppr)}
    m["pagerank_alpha"] = ALPHA
    m["pagerank_personalization"] = [ids[v] for v in nodes[:3]]
    assert_close(name + " pagerank vs nx", m["pagerank"], by_id(ids, nx.pagerank(g, alpha=ALPHA, tol=1e-13, max_iter=10000)))
    nx_ppr = nx.pagerank(g, alpha=ALPHA, personalization={v: (1.0 if i < 3 else 0.0) for i, v in enumerate(nodes)}, tol=1e-13, max_iter=10000)
    assert_close(name + " personalised pagerank vs nx", m["pagerank_personalized"], by_id(ids, nx_ppr))

    # Katz: unweighted, alpha from U's unweighted spectral radius.
    lam = float(vals[-1])
    alpha = min(0.1, 0.9 / lam) if lam > 0 else 0.1
    katz = nx.katz_centrality_numpy(g, alpha=alpha, beta=1.0, normalized=True, weight=None)
    a_g = nx.to_numpy_array(g, nodelist=nodes, weight=None)
    k = np.linalg.solve(np.eye(n) - alpha * a_g.T, np.ones(n))
    k /= np.linalg.norm(k)
    assert_close(name + " katz vs own solve", by_id(ids, katz), {ids[v]: float(x) for v, x in zip(nodes, k)}, 1e-12)
    m["katz"] = by_id(ids, katz)
    m["katz_alpha"] = alpha
    m["katz_lambda"] = lam

    # HITS, exact: authorities = leading eigenvector of A^T A, hubs = A a.
    hvals, auth, hunique = leading_eigenvector(w.T @ w)
    hub = w @ auth
    if hunique:
        _, hub2, _ = leading_eigenvector(w @ w.T)
        assert np.allclose(hub / hub.sum(), hub2 / hub2.sum(), atol=1e-12), name + " hubs"
    auth, hub = auth / auth.sum(), hub / hub.sum()
    m["authority"] = {ids[v]: float(x) for v, x in zip(nodes, auth)}
    m["hub"] = {ids[v]: float(x) for v, x in zip(nodes, hub)}
    m["hits_unique"] = bool(hunique)
    m["hits_eigenvalue"] = float(hvals[-1])
    if hunique:
        try:
            nh, na = nx.hits(g, max_iter=10000, tol=1e-14)
            assert_close(name + " hubs vs nx", m["hub"], by_id(ids, nh), 1e-8)
            assert_close(name + " authorities vs nx", m["authority"], by_id(ids, na), 1e-8)
        except nx.PowerIterationFailedConvergence:
            notes.append("nx.hits did not converge")
    else:
        notes.append("HITS not unique: top two eigenvalues of A^T A are %r and %r" % (hvals[-1], hvals[-2]))

    # Cohesion on U.
    m["clustering"] = by_id(ids, nx.clustering(u))
    # Weighted clustering: NetworkX's terms summed with fsum (NetworkX's own order depends on
    # the string hash seed in the last bit); must match nx.clustering(U, weight="weight").
    cw = onnela_clustering(u)
    assert_close(name + " weighted clustering vs nx", cw, nx.clustering(u, weight="weight"), 1e-12)
    m["clustering_weighted"] = by_id(ids, cw)
    core = nx.core_number(u)
    m["core_number"] = by_id(ids, core)
    m["reach_2"] = {ids[v]: len(nx.single_source_shortest_path_length(u, v, cutoff=2)) - 1 for v in nodes}

    lcc = u.subgraph(largest_component(u, nodes))
    deg = dict(u.degree())
    dmax = max(deg.values())
    bmax = max(bn.values())
    net = {
        "transitivity": nx.transitivity(u),
        "average_clustering": nx.average_clustering(u),
        "average_clustering_weighted": math.fsum(cw.values()) / n,
        "largest_component_size": len(lcc),
        "diameter": nx.diameter(lcc),
        "average_path_length": nx.average_shortest_path_length(lcc),
        "degree_centralization": sum(dmax - d for d in deg.values()) / ((n - 1) * (n - 2)),
        "betweenness_centralization": sum(bmax - x for x in bn.values()) / (n - 1),
        "degree_assortativity": nx.degree_assortativity_coefficient(u),
        "core_max": max(core.values()),
    }
    assert close(net["average_clustering_weighted"], nx.average_clustering(u, weight="weight"), 1e-12)
    m["network"] = net
    m["notes"] = notes
    return m, u


def finite(x):
    """JSON without NaN/Infinity (Swift's JSONDecoder rejects them): such values become null."""
    if isinstance(x, dict):
        return {k: finite(v) for k, v in x.items()}
    if isinstance(x, list):
        return [finite(v) for v in x]
    if isinstance(x, float) and not math.isfinite(x):
        return None
    return x


def weighted_betweenness_report(name, ds, m):
    """Where NetworkX's float weighted betweenness differs from the exact one."""
    g, ids = ds.graph, ds.ids
    nxw = nx.betweenness_centrality(g, normalized=False, weight="distance")
    diff = sorted(((abs(nxw[v] - m["betweenness_weighted"][ids[v]]), ids[v], nxw[v], m["betweenness_weighted"][ids[v]])
                   for v in g), reverse=True)
    bad = [d for d in diff if not close(d[2], d[3])]
    if bad:
        ex = ", ".join("%s nx %.6g exact %.6g" % (i, a, b) for _, i, a, b in bad[:3])
        return "%-18s %2d of %3d members differ, max |diff| %.4g (%s)" % (name, len(bad), len(g), bad[0][0], ex)
    return "%-18s agrees" % name


# ---------------------------------------------------------------------------------------------
# Cross-check with python-igraph (not needed to write the fixtures)

def igraph_graph(ig, g, nodes, directed):
    index = {v: i for i, v in enumerate(nodes)}
    edges = list(g.edges(data="weight"))
    h = ig.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b, _ in edges], directed=directed)
    h.es["weight"] = [w for _, _, w in edges]
    h.es["distance"] = [1.0 / w for _, _, w in edges]
    return h


def igraph_checks(datasets, results):
    """Compares with igraph wherever the definitions coincide. Returns ({measure: {dataset:
    cell}}, failures); a failure makes the script exit 1 after the files are written."""
    try:
        import igraph as ig
    except ImportError:
        print("python-igraph not installed: igraph cross-checks skipped")
        return [], []
    import warnings
    cells, failures = {}, []

    def compare(measure, name, ours, theirs, tol=1e-9, note=None):
        if theirs is None:
            cells.setdefault(measure, {})[name] = note or "n/a"
            return
        if isinstance(ours, dict):
            pairs = [(ours[k], theirs[k]) for k in ours]
        else:
            pairs = [(ours, theirs)]
        worst = max((abs(a - b) / max(1.0, abs(a), abs(b)) for a, b in pairs), default=0.0)
        if worst <= tol:
            cell = "ok"
        else:
            cell = "FAIL %.1e" % worst
            failures.append("%s on %s: max relative difference %.3g" % (measure, name, worst))
        cells.setdefault(measure, {})[name] = cell

    for name, ds in datasets.items():
        m, u = results[name]
        g, ids, directed = ds.graph, ds.ids, ds.directed
        nodes = list(g)
        n = len(nodes)
        key = [ids[v] for v in nodes]
        h = igraph_graph(ig, g, nodes, directed)
        hu = igraph_graph(ig, u, nodes, False)
        vec = lambda values: dict(zip(key, (float(x) for x in values)))

        compare("betweenness", name, m["betweenness"], vec(h.betweenness(directed=directed)))
        compare("betweenness_weighted", name, m["betweenness_weighted"], vec(h.betweenness(directed=directed, weights="distance")))

        # igraph's closeness averages over the reachable members only; times (r-1)/(n-1) it is
        # NetworkX's Wasserman-Faust closeness (r = members reachable, itself included).
        for measure, mode, weights in (("closeness", "in", None), ("closeness_out", "out", None),
                                       ("closeness_weighted", "in", "distance"),
                                       ("closeness_weighted_out", "out", "distance")):
            raw = h.closeness(mode=mode, weights=weights, normalized=True)
            reach = [len(h.subcomponent(i, mode=mode)) for i in range(n)]
            wf = [0.0 if (r <= 1 or math.isnan(c)) else c * (r - 1) / (n - 1) for c, r in zip(raw, reach)]
            compare(measure, name, m[measure], vec(wf))
        compare("harmonic", name, m["harmonic"], vec(h.harmonic_centrality(mode="in", normalized=False)))
        compare("harmonic_out", name, m["harmonic_out"], vec(h.harmonic_centrality(mode="out", normalized=False)))

        compare("pagerank", name, m["pagerank"], vec(h.pagerank(directed=directed, damping=ALPHA, weights="weight")))
        reset = [1.0 if i < 3 else 0.0 for i in range(n)]
        compare("pagerank_personalized", name, m["pagerank_personalized"],
                vec(h.personalized_pagerank(directed=directed, damping=ALPHA, reset=reset, weights="weight")))

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if m["eigenvector_unique"]:
                e = np.array(hu.eigenvector_centrality(scale=False))
                compare("eigenvector", name, m["eigenvector"], vec(e / np.linalg.norm(e)))
            else:
                compare("eigenvector", name, None, None, note="not unique")
            if m["hits_unique"]:
                hs = np.array(h.hub_score(weights="weight"))
                au = np.array(h.authority_score(weights="weight"))
                compare("hub", name, m["hub"], vec(hs / hs.sum()))
                compare("authority", name, m["authority"], vec(au / au.sum()))
            else:
                compare("hub", name, None, None, note="not unique")
                compare("authority", name, None, None, note="not unique")

        net = m["network"]
        compare("transitivity", name, net["transitivity"], hu.transitivity_undirected())
        compare("clustering", name, m["clustering"], vec(hu.transitivity_local_undirected(mode="zero")))
        compare("average_clustering", name, net["average_clustering"], hu.transitivity_avglocal_undirected(mode="zero"))
        compare("core_number", name, m["core_number"], vec(hu.coreness()))
        compare("reach_2", name, m["reach_2"], vec(np.array(hu.neighborhood_size(order=2)) - 1))
        lcc = sorted(nodes.index(v) for v in largest_component(u, nodes))
        sub = hu.induced_subgraph(lcc)
        compare("diameter", name, net["diameter"], sub.diameter(directed=False))
        compare("average_path_length", name, net["average_path_length"], sub.average_path_length(directed=False))
        compare("degree_assortativity", name, net["degree_assortativity"], hu.assortativity_degree(directed=False))
    return cells, failures


def print_table(cells, names):
    if not cells:
        return
    width = max(len(k) for k in cells) + 1
    cols = [max(len(nm), 9) for nm in names]
    print("igraph agreement (max relative difference <= 1e-9 is ok):")
    print(" " * width + " ".join(nm.ljust(c) for nm, c in zip(names, cols)))
    for measure, row in cells.items():
        print(measure.ljust(width) + " ".join(row.get(nm, "").ljust(c) for nm, c in zip(names, cols)))


def main():
    datasets = {
        "karate": undirected_dataset("karate", nx.karate_club_graph()),
        "lesmis": undirected_dataset("lesmis", nx.les_miserables_graph()),
        "florentine": undirected_dataset("florentine", nx.florentine_families_graph()),
        "directed": directed_dataset("directed", seed=7),
    }
    datasets["davis_women"], datasets["davis_events"] = davis_datasets()
    datasets["disconnected"] = disconnected_dataset("disconnected", seed=1)
    datasets["directed_weighted"] = directed_weighted_dataset("directed_weighted", seed=2)
    for name, ds in datasets.items():
        with open(os.path.join(HERE, name, "reference.json"), "w") as f:
            json.dump(ds.ref, f, indent=1, sort_keys=True)
            f.write("\n")
    results = {}
    for name, ds in datasets.items():
        results[name] = measures(name, ds)
        with open(os.path.join(HERE, name, "measures.json"), "w") as f:
            json.dump(finite(results[name][0]), f, indent=1, sort_keys=True, allow_nan=False)
            f.write("\n")
    print("networkx", nx.__version__, "->", ", ".join(sorted(datasets)), "+ davis/")

    print("\nNotes:")
    for name in datasets:
        for note in results[name][0]["notes"]:
            print("  %s: %s" % (name, note))
    print("\nNetworkX weighted betweenness (float path sums) vs exact rationals:")
    for name, ds in datasets.items():
        print("  " + weighted_betweenness_report(name, ds, results[name][0]))
    print()
    cells, failures = igraph_checks(datasets, results)
    print_table(cells, list(datasets))
    if failures:
        print("\nigraph disagreements:\n  " + "\n  ".join(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
