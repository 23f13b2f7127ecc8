#!/usr/bin/env python3
"""Makes the reference values for Weft's structural-hole and brokerage measures. Run once; the
outputs are committed. The Swift tests never call Python.

It reads the datasets that make_reference.py wrote (<name>/members.csv, <name>/interactions.csv,
<name>/reference.json for the direction), aggregates the records as Weft does (the weights of
all records of a pair are summed) and writes:

<name>/structural_holes.json (karate, lesmis, florentine, directed, directed_weighted,
disconnected), keyed by member id; null stands for NaN (isolates):
  constraint                        nx.constraint(G.to_undirected(), weight=None): the undirected,
                                    unweighted view, where a reciprocated directed pair is one
                                    contact of mutual weight 1 (NetworkX 3.6.1; on the DiGraph
                                    itself NetworkX gives such a pair weight 2)
  constraint_weighted               nx.constraint(G, weight="weight"): mutual weights w_ij + w_ji
  effective_size[_weighted]         Burt's effective size, computed below by plain loops:
                                    sum over j in N(i) of 1 - sum_{q in N(i), q != j} p_iq m_jq,
                                    m_jq = a_jq / max_k a_jk. NetworkX 3.6.1's default
                                    nx.effective_size divides a_jq by q's maximum instead of j's
                                    (its sparse-matrix branch broadcasts the row maxima along
                                    columns), so it is used only where that cannot matter:
                                    unweighted undirected graphs (Borgatti's n - 2t/n). The script
                                    asserts agreement there, and with NetworkX's per-node loop
                                    (nodes=list(G)), which implements Burt's formula, everywhere
                                    except members of a directed graph with in-ties only, which
                                    that loop takes for isolates (nan).
  efficiency[_weighted]             effective size / |N(i)| (in- and out-neighbours, counted once)

<name>/brokerage.json (karate, florentine, directed): Gould-Fernandez brokerage roles as R's
sna::brokerage computes them, for a categorical attribute:
  karate      the 'club' attribute of nx.karate_club_graph()
  florentine  three groups drawn with random.Random(7)
  directed    three groups drawn with random.Random(11); members n060..n063 (the isolates) and
              n005, n017 have no group and are left out: the analysis runs on the subgraph of
              grouped members (N = grouped members, m = ties among them), as one would run sna
              after dropping members with a missing attribute.
  groups            member id -> group label (null = no group)
  N, m, density     grouped members, tied ordered pairs among them, m / (N (N - 1))
  counts, expected, sd, z   per role, member id -> value (ungrouped: count 0, others null)
  group_expected, group_sd  per role, group label -> value
  network           per role: observed, expected, sd, z
Roles (sna's column names): coordinator w_I, itinerant w_O, representative b_IO, gatekeeper b_OI,
liaison b_O, total t. Counts are brute-force loops over ordered triples (i, v, k) with i -> v,
v -> k, i != k and no tie i -> k; an undirected tie counts in both directions. Expected values and
variances follow sna::brokerage's formulas (Gould & Fernandez 1989, under a Bernoulli graph of
the observed density), written out here as loops over the groups.

    python3 Tests/WeftAnalysisTests/Fixtures/make_brokerage_reference.py
"""
import csv
import json
import math
import os
import random

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
HOLES_DATASETS = ["karate", "lesmis", "florentine", "directed", "directed_weighted", "disconnected"]
ROLES = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total"]


def load(name):
    folder = os.path.join(HERE, name)
    with open(os.path.join(folder, "reference.json")) as f:
        directed = json.load(f)["directed"]
    g = nx.DiGraph() if directed else nx.Graph()
    names = {}
    with open(os.path.join(folder, "members.csv")) as f:
        for row in csv.DictReader(f):
            g.add_node(row["id"])
            names[row["id"]] = row["name"]
    with open(os.path.join(folder, "interactions.csv")) as f:
        for row in csv.DictReader(f):
            u, v, w = row["source"], row["target"], float(row["weight"])
            if g.has_edge(u, v):
                g[u][v]["weight"] += w
            else:
                g.add_edge(u, v, weight=w)
    return g, names


def nan_to_none(x):
    return None if isinstance(x, float) and math.isnan(x) else x


def close(a, b, tol=1e-12):
    if a is None or b is None or (isinstance(a, float) and math.isnan(a)) or (isinstance(b, float) and math.isnan(b)):
        return (a is None or math.isnan(a)) and (b is None or math.isnan(b))
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


# ---------------------------------------------------------------------------------------------
# Structural holes


def mutual_weights(g, weighted):
    """a[i][j] = w_ij + w_ji over in- and out-neighbours; unweighted, 1 for every contact (the
    undirected, unweighted view)."""
    a = {v: {} for v in g}
    if not weighted:
        for u, v in g.edges():
            if u != v:
                a[u][v] = a[v][u] = 1.0
        return a
    for u, v, w in g.edges(data="weight"):
        if g.is_directed():
            a[u][v] = a[u].get(v, 0.0) + w
            a[v][u] = a[v].get(u, 0.0) + w
        else:
            a[u][v] = a[u].get(v, 0.0) + 2 * w
            a[v][u] = a[v].get(u, 0.0) + 2 * w
    return a


def burt_effective_size(g, weighted):
    a = mutual_weights(g, weighted)
    out = {}
    for i in g:
        if not a[i]:
            out[i] = float("nan")
            continue
        total = sum(a[i].values())
        p = {q: a[i][q] / total for q in a[i]}
        size = 0.0
        for j in a[i]:
            top = max(a[j].values())
            redundancy = sum(p[q] * a[j].get(q, 0.0) / top for q in a[i] if q != j)
            size += 1 - redundancy
        out[i] = size
    return out


def structural_holes(name):
    g, _ = load(name)
    result = {}
    for suffix, weight in (("", None), ("_weighted", "weight")):
        # Unweighted: the undirected view (the README's convention); weighted: the graph itself.
        view = g.to_undirected() if weight is None else g
        constraint = nx.constraint(view, weight=weight)
        size = burt_effective_size(g, weighted=weight is not None)
        # NetworkX's per-node loop is Burt's formula; its sparse default is not (see above). The
        # loop takes a directed member without out-ties for an isolate (nan): skip those.
        loop = nx.effective_size(view, nodes=list(g), weight=weight)
        assert all(close(size[v], loop[v]) for v in g if len(view[v]) > 0), name
        default = nx.effective_size(view, weight=weight)
        differ = sum(not close(size[v], default[v]) for v in g)
        if weight is None:
            assert differ == 0, name   # Borgatti's n - 2t/n on the undirected view
        neighbours = {v: len(set(nx.all_neighbors(g, v))) for v in g}
        result["constraint" + suffix] = {v: nan_to_none(constraint[v]) for v in g}
        result["effective_size" + suffix] = {v: nan_to_none(size[v]) for v in g}
        result["efficiency" + suffix] = {v: nan_to_none(size[v] / neighbours[v] if neighbours[v] else float("nan")) for v in g}
        print("%-18s %-9s constraint/effective size written; NetworkX default effective_size differs on %d of %d"
              % (name, "weighted" if weight else "unweighted", differ, g.number_of_nodes()))
    with open(os.path.join(HERE, name, "structural_holes.json"), "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")


# ---------------------------------------------------------------------------------------------
# Gould-Fernandez brokerage


def choose2(x):
    return x * (x - 1) / 2


def brokerage_counts(g, group):
    """Role counts per broker by brute force over ordered triples; ungrouped members take no part."""
    counts = {v: [0] * 6 for v in g}
    succ = g.successors if g.is_directed() else g.neighbors
    pred = g.predecessors if g.is_directed() else g.neighbors
    for v in g:
        if group[v] is None:
            continue
        for i in pred(v):
            if group[i] is None:
                continue
            for k in succ(v):
                if k == i or group[k] is None or g.has_edge(i, k):
                    continue
                gi, gv, gk = group[i], group[v], group[k]
                if gi == gv == gk:
                    role = 0      # coordinator
                elif gi == gk:
                    role = 1      # itinerant: broker outside the pair's group
                elif gi == gv:
                    role = 2      # representative: broker speaks for its own group
                elif gv == gk:
                    role = 3      # gatekeeper: broker admits outsiders to its group
                else:
                    role = 4      # liaison: three groups
                counts[v][role] += 1
                counts[v][5] += 1
    return counts


def brokerage_moments(N, d, sizes):
    """sna::brokerage's expected values and variances, per broker group and for the network."""
    G = len(sizes)
    q = d * d * (1 - d)                     # P(i -> v, v -> k, not i -> k)
    x, y, z = d ** 3 * (1 - d) ** 3, d ** 4 * (1 - d) ** 2, d ** 5 * (1 - d)
    per_group = []
    for a in range(G):
        na = sizes[a]
        others = [sizes[b] for b in range(G) if b != a]
        e, v = [0.0] * 6, [0.0] * 6
        e[0] = q * (na - 1) * (na - 2)
        v[0] = e[0] * (1 - q) + 2 * (na - 1) * (na - 2) * (na - 3) * x
        e[1] = q * sum(nb * (nb - 1) for nb in others)
        v[1] = e[1] * (1 - q) + 2 * sum(nb * (nb - 1) * (nb - 2) for nb in others) * x
        e[2] = q * (N - na) * (na - 1)
        v[2] = e[2] * (1 - q) + 2 * ((na - 1) * choose2(N - na) + (N - na) * choose2(na - 1)) * x
        e[3], v[3] = e[2], v[2]
        pairs = 0.0
        for b in range(len(others)):
            for c in range(len(others)):
                if b != c:
                    pairs += others[b] * others[c]
        e[4] = q * pairs
        v[4] = e[4] * (1 - q) + 4 * sum(nb * choose2(N - nb - na) for nb in others) * x
        e[5] = q * (N - 1) * (N - 2)
        v[5] = e[5] * (1 - q) + 2 * (N - 1) * (N - 2) * (N - 3) * x
        per_group.append((e, v))
    e, v = [0.0] * 6, [0.0] * 6
    e[0] = q * sum(n * (n - 1) * (n - 2) for n in sizes)
    v[0] = e[0] * (1 - q) + sum(n * (n - 1) * (n - 2) * ((4 * n - 10) * x - 4 * (n - 3) * y + (n - 3) * z) for n in sizes)
    e[1] = q * sum(n * (N - n) * (n - 1) for n in sizes)
    extra = 0.0
    for a in range(G):
        for b in range(G):
            if a != b:
                na, nb = sizes[a], sizes[b]
                extra += na * nb * (na - 1) * ((2 * na + 2 * nb - 6) * x + (N - na - 1) * z)
    v[1] = e[1] * (1 - q) + extra
    e[2] = q * sum(n * (N - n) * (n - 1) for n in sizes)
    v[2] = e[2] * (1 - q) + sum(n * (N - n) * (n - 1) * ((N - 3) * x + (n - 2) * z) for n in sizes)
    e[3], v[3] = e[2], v[2]
    triples = 0.0
    for a in range(G):
        for b in range(G):
            if a != b:
                triples += sizes[a] * sizes[b] * (N - sizes[a] - sizes[b])
    e[4] = q * triples
    extra = 0.0
    for a in range(G):
        for b in range(G):
            for c in range(G):
                if a != b and b != c and a != c:
                    na, nb, nc = sizes[a], sizes[b], sizes[c]
                    extra += na * nb * nc * ((4 * (N - nb) - 2 * (na + nc + 1)) * x
                                             - (4 * (N - nc) - 2 * (na + nb + 1)) * y
                                             + (N - (na + nc + 1)) * z)
    v[4] = e[4] * (1 - q) + extra
    e[5] = q * N * (N - 1) * (N - 2)
    v[5] = e[5] * (1 - q) + N * (N - 1) * (N - 2) * ((4 * N - 10) * x - 4 * (N - 3) * y + (N - 3) * z)
    return per_group, (e, v)


def ratio(a, b):
    if b == 0:
        assert a == 0
        return float("nan")
    return a / b


def brokerage(name, group):
    g, _ = load(name)
    labels = sorted({x for x in group.values() if x is not None})
    grouped = [v for v in g if group[v] is not None]
    N = len(grouped)
    m = sum(1 for u, v in g.edges() if group[u] is not None and group[v] is not None)
    if not g.is_directed():
        m *= 2
    d = m / (N * (N - 1))
    sizes = [sum(1 for v in grouped if group[v] == label) for label in labels]
    per_group, (ge, gv) = brokerage_moments(N, d, sizes)
    counts = brokerage_counts(g, group)
    out = {"groups": group, "N": N, "m": m, "density": d,
           "counts": {}, "expected": {}, "sd": {}, "z": {},
           "group_expected": {}, "group_sd": {}, "network": {}}
    for r, role in enumerate(ROLES):
        out["counts"][role] = {v: counts[v][r] for v in g}
        out["expected"][role], out["sd"][role], out["z"][role] = {}, {}, {}
        for v in g:
            if group[v] is None:
                out["expected"][role][v] = out["sd"][role][v] = out["z"][role][v] = None
                continue
            e, var = per_group[labels.index(group[v])]
            sd = math.sqrt(var[r])
            out["expected"][role][v] = e[r]
            out["sd"][role][v] = sd
            out["z"][role][v] = nan_to_none(ratio(counts[v][r] - e[r], sd))
        out["group_expected"][role] = {label: per_group[a][0][r] for a, label in enumerate(labels)}
        out["group_sd"][role] = {label: math.sqrt(per_group[a][1][r]) for a, label in enumerate(labels)}
        observed = sum(counts[v][r] for v in g)
        sd = math.sqrt(gv[r])
        out["network"][role] = {"observed": observed, "expected": ge[r], "sd": sd,
                                "z": nan_to_none(ratio(observed - ge[r], sd))}
    with open(os.path.join(HERE, name, "brokerage.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print("%-18s brokerage: N=%d m=%d groups=%s totals=%s" % (
        name, N, m, sizes, [out["network"][r]["observed"] for r in ROLES]))


def seeded_groups(name, seed, missing=()):
    g, _ = load(name)
    rng = random.Random(seed)
    group = {}
    for v in sorted(g):
        label = rng.choice(["A", "B", "C"])
        group[v] = None if v in missing else label
    return group


def karate_groups():
    _, names = load("karate")
    club = nx.get_node_attributes(nx.karate_club_graph(), "club")
    return {v: club[int(names[v])] for v in names}


def tiny_case_check():
    """The 5-node case worked by hand in StructuralHolesTests / BrokerageRolesTests."""
    g = nx.DiGraph([(0, 1), (1, 2), (2, 3), (3, 4), (3, 0)])
    group = {0: "A", 1: "A", 2: "A", 3: "B", 4: "C"}
    c = brokerage_counts(g, group)
    assert c == {0: [0, 0, 0, 1, 0, 1], 1: [1, 0, 0, 0, 0, 1], 2: [0, 0, 1, 0, 0, 1],
                 3: [0, 1, 0, 0, 1, 2], 4: [0] * 6}, c


if __name__ == "__main__":
    tiny_case_check()
    for name in HOLES_DATASETS:
        structural_holes(name)
    brokerage("karate", karate_groups())
    brokerage("florentine", seeded_groups("florentine", 7))
    brokerage("directed", seeded_groups("directed", 11, missing={"n060", "n061", "n062", "n063", "n005", "n017"}))
