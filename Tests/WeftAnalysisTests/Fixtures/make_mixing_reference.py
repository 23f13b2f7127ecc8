#!/usr/bin/env python3
"""Makes the reference fixtures for group mixing (GroupMixing) and QAP (QAPCorrelation,
MRQAPRegression). Run once; the outputs are committed. The Swift tests never call Python.

It reads the committed fixtures <name>/members.csv and <name>/interactions.csv (records of one
pair summed into one tie, pairs unordered for the undirected datasets — the graph Weft builds)
and writes:

<name>/mixing.json for karate, florentine, lesmis and directed:
  attribute, labels (in order of first appearance over the members, as NodeGroups numbers them),
  group {member id: label or null}. karate uses NetworkX's 'club' attribute; the others get a
  seeded random attribute ("country", 3 or 4 groups) assigned here, lesmis and directed with a
  few members left without a group to check that their ties are left out.
  counts        nx.attribute_mixing_matrix(G[grouped], "group", mapping, normalized=False)
  weights       the same with tie weights summed (a Python loop; undirected ties add to (a, b)
                and (b, a), as NetworkX counts them)
  assortativity nx.attribute_assortativity_coefficient(G[grouped], "group")
  ei            network / per-group / per-member external and internal tie counts and weights
                and E-I indexes, from independent loops over the tie list
  expected      E-I of the complete graph on the grouped members (pairs counted by itertools)
  crossing      per member flag, counts and shares

<name>/qap.json for florentine, lesmis and directed:
  QAP correlation and MR-QAP (double semi-partialling, t-statistic) computed with numpy:
  observed r = numpy.corrcoef over the off-diagonal cells (all ordered cells directed, upper
  triangle undirected); coefficients, standard errors, t-values and R² from numpy.linalg.lstsq;
  permutation p-values, mean and sd (ddof=1) from the same permutations Weft draws — the script
  re-implements Weft's SeededGenerator (xoshiro256** seeded by SplitMix64, Lemire's bounded
  integers), its Fisher–Yates and its 16-chunk seeding, and records the generator's first outputs
  so that the Swift test checks the re-implementation. Relations:
  - florentine: marriage ties (NetworkX's florentine_families_graph) against a second relation
    made here by a seeded perturbation of it (each pair flipped with probability 0.15; Padgett's
    business ties are not in NetworkX), stored as an edge list.
  - lesmis: co-appearance weights against the binary ties; MR-QAP of the weights on "same
    country" and the number of common neighbours (binary A·A).
  - directed: the weighted ties against their transpose (reciprocation); MR-QAP of the weights on
    the binary transpose, "same country" and shared out-neighbours (binary A·Aᵀ).

    python3 -m pip install networkx==3.6.1 numpy
    python3 Tests/WeftAnalysisTests/Fixtures/make_mixing_reference.py
"""
import csv
import itertools
import json
import os
import random

import networkx as nx
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
COUNTRIES = ["Kenya", "Ghana", "Uganda", "Rwanda"]
PERMUTATIONS = 1000
SEED = 42
CHUNKS = 16
TOLERANCE = 1e-10


# --------------------------------------------------------------------------------------------
# Loading


def load(name, directed):
    folder = os.path.join(HERE, name)
    with open(os.path.join(folder, "members.csv")) as f:
        members = list(csv.DictReader(f))
    ids = [m["id"] for m in members]
    index = {v: i for i, v in enumerate(ids)}
    weight = {}
    with open(os.path.join(folder, "interactions.csv")) as f:
        for row in csv.DictReader(f):
            u, v = index[row["source"]], index[row["target"]]
            key = (u, v) if directed else (min(u, v), max(u, v))
            weight[key] = weight.get(key, 0.0) + float(row["weight"])
    g = nx.DiGraph() if directed else nx.Graph()
    g.add_nodes_from(range(len(ids)))
    for (u, v), w in sorted(weight.items()):
        g.add_edge(u, v, weight=w)
    return ids, [m["name"] for m in members], g


def dense(g, weighted):
    n = g.number_of_nodes()
    a = np.zeros((n, n))
    for u, v, w in g.edges(data="weight"):
        a[u, v] = w if weighted else 1.0
        if not g.is_directed():
            a[v, u] = a[u, v]
    return a


# --------------------------------------------------------------------------------------------
# Mixing


def seeded_groups(n, k, seed, ungrouped):
    rng = random.Random(seed)
    labels = [COUNTRIES[rng.randrange(k)] for _ in range(n)]
    for v in rng.sample(range(n), ungrouped):
        labels[v] = None
    return labels


def mixing(ids, g, group, attribute):
    directed = g.is_directed()
    labels = []
    for label in group:
        if label is not None and label not in labels:
            labels.append(label)
    mapping = {label: i for i, label in enumerate(labels)}
    k = len(labels)
    grouped = [v for v in g if group[v] is not None]
    nx.set_node_attributes(g, {v: group[v] for v in g}, "group")
    sub = g.subgraph(grouped)
    counts = nx.attribute_mixing_matrix(sub, "group", mapping=mapping, normalized=False)
    assortativity = nx.attribute_assortativity_coefficient(sub, "group")

    weights = np.zeros((k, k))
    ties = [(u, v, w) for u, v, w in g.edges(data="weight") if group[u] is not None and group[v] is not None]
    for u, v, w in ties:
        a, b = mapping[group[u]], mapping[group[v]]
        weights[a, b] += w
        if not directed:
            weights[b, a] += w

    # E-I from the tie list: each tie (arc or edge) once.
    def zero():
        return {"external": 0, "internal": 0, "externalWeight": 0.0, "internalWeight": 0.0}

    def add(entry, inside, w):
        kind = "internal" if inside else "external"
        entry[kind] += 1
        entry[kind + "Weight"] += w

    network = zero()
    groups = [zero() for _ in labels]
    members = [zero() for _ in ids]
    for u, v, w in ties:
        inside = group[u] == group[v]
        add(network, inside, w)
        add(groups[mapping[group[u]]], inside, w)
        if not inside:
            add(groups[mapping[group[v]]], inside, w)
        add(members[u], inside, w)
        add(members[v], inside, w)

    def index(e, weighted):
        ext = e["externalWeight"] if weighted else e["external"]
        inn = e["internalWeight"] if weighted else e["internal"]
        return None if ext + inn == 0 else (ext - inn) / (ext + inn)

    def finish(e):
        return dict(e, index=index(e, False), weightedIndex=index(e, True))

    pairs = list(itertools.combinations(grouped, 2))
    internal_pairs = sum(1 for u, v in pairs if group[u] == group[v])
    expected = None if not pairs else (len(pairs) - 2 * internal_pairs) / len(pairs)

    crosses = {ids[v]: group[v] is not None and members[v]["external"] > 0 for v in g}
    connected = sum(1 for v in grouped if members[v]["external"] + members[v]["internal"] > 0)
    crossing = sum(crosses.values())
    return {
        "attribute": attribute,
        "directed": directed,
        "labels": labels,
        "group": {ids[v]: group[v] for v in g},
        "counts": counts.tolist(),
        "weights": weights.tolist(),
        "assortativity": assortativity,
        "ei": {
            "network": finish(network),
            "groups": [finish(e) for e in groups],
            "members": {ids[v]: finish(members[v]) for v in g},
        },
        "expected": expected,
        "crossing": {
            "members": crosses,
            "grouped": len(grouped),
            "connected": connected,
            "crossing": crossing,
            "shareOfGrouped": crossing / len(grouped),
            "shareOfConnected": crossing / connected,
        },
    }


# --------------------------------------------------------------------------------------------
# Weft's random permutations, re-implemented

MASK = (1 << 64) - 1


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class SeededGenerator:
    """xoshiro256** seeded through SplitMix64, as Sources/WeftGraph/SeededGenerator.swift."""

    def __init__(self, seed):
        x = seed & MASK
        self.s = []
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & MASK
            z = x
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            self.s.append(z ^ (z >> 31))

    def next(self):
        s0, s1, s2, s3 = self.s
        result = (rotl((s1 * 5) & MASK, 7) * 9) & MASK
        t = (s1 << 17) & MASK
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return result

    def below(self, n):
        """Lemire's multiply-and-reject bounded integer."""
        product = self.next() * n
        if product & MASK < n:
            threshold = ((1 << 64) - n) % n
            while product & MASK < threshold:
                product = self.next() * n
        return product >> 64


def permutations(n, count, seed):
    master = SeededGenerator(seed)
    seeds = [master.next() for _ in range(CHUNKS)]
    out = []
    for chunk in range(CHUNKS):
        rng = SeededGenerator(seeds[chunk])
        for _ in range(chunk * count // CHUNKS, (chunk + 1) * count // CHUNKS):
            p = list(range(n))
            for i in range(n - 1, 0, -1):
                j = rng.below(i + 1)
                p[i], p[j] = p[j], p[i]
            out.append(p)
    return out


# --------------------------------------------------------------------------------------------
# QAP


def cell_mask(n, directed):
    if directed:
        return ~np.eye(n, dtype=bool)
    return np.triu(np.ones((n, n), dtype=bool), 1)


def symmetric(m, directed):
    if directed:
        return m
    upper = np.triu(m, 1)
    return upper + upper.T


def p_values(observed, permuted):
    tol = TOLERANCE * max(1.0, abs(observed))
    permuted = np.asarray(permuted)
    count = len(permuted) + 1
    return {
        "greaterOrEqual": (1 + int(np.sum(permuted >= observed - tol))) / count,
        "lessOrEqual": (1 + int(np.sum(permuted <= observed + tol))) / count,
        "absoluteGreaterOrEqual": (1 + int(np.sum(np.abs(permuted) >= abs(observed) - tol))) / count,
    }


def qap_correlation(x, y, directed, perms):
    mask = cell_mask(len(x), directed)
    ys = symmetric(y, directed)
    observed = float(np.corrcoef(x[mask], y[mask])[0, 1])
    permuted = [float(np.corrcoef(x[mask], ys[np.ix_(p, p)][mask])[0, 1]) for p in perms]
    return {
        "observed": observed,
        "pValues": p_values(observed, permuted),
        "permutationMean": float(np.mean(permuted)),
        "permutationStandardDeviation": float(np.std(permuted, ddof=1)),
        "observations": int(mask.sum()),
    }


def ols(design, y):
    beta, _, _, _ = np.linalg.lstsq(design, y, rcond=None)
    residual = y - design @ beta
    sse = float(residual @ residual)
    sigma2 = sse / (len(y) - design.shape[1])
    se = np.sqrt(sigma2 * np.diag(np.linalg.inv(design.T @ design)))
    return beta, se, sse


def mrqap(y, predictors, directed, perms):
    n = len(y)
    mask = cell_mask(n, directed)
    yv = y[mask]
    xs = [x[mask] for x in predictors]
    k = len(xs)
    design = np.column_stack([np.ones(len(yv))] + xs)
    beta, se, sse = ols(design, yv)
    t = beta / se
    sst = float(np.sum((yv - yv.mean()) ** 2))
    r2 = 1 - sse / sst
    nobs = len(yv)
    result = {
        "observations": nobs,
        "rSquared": r2,
        "adjustedRSquared": 1 - (1 - r2) * (nobs - 1) / (nobs - k - 1),
        "intercept": {"coefficient": beta[0], "standardError": se[0], "tValue": t[0]},
        "predictors": [],
    }
    for p in range(k):
        others = np.column_stack([np.ones(len(yv))] + [xs[q] for q in range(k) if q != p])
        gamma, _, _, _ = np.linalg.lstsq(others, xs[p], rcond=None)
        e = np.zeros((n, n))
        e[mask] = xs[p] - others @ gamma
        e = symmetric(e, directed)
        permuted = []
        for perm in perms:
            d = np.column_stack([others, e[np.ix_(perm, perm)][mask]])
            b, s, _ = ols(d, yv)
            permuted.append(float(b[-1] / s[-1]))
        result["predictors"].append({
            "coefficient": beta[p + 1], "standardError": se[p + 1], "tValue": t[p + 1],
            "pValues": p_values(float(t[p + 1]), permuted),
        })
    return result


def as_float(obj):
    if isinstance(obj, dict):
        return {k: as_float(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [as_float(v) for v in obj]
    if isinstance(obj, np.floating):
        return float(obj)
    return obj


def write(name, file, obj):
    with open(os.path.join(HERE, name, file), "w") as f:
        json.dump(as_float(obj), f, indent=1, sort_keys=True, allow_nan=False)
        f.write("\n")


def main():
    datasets = {"karate": False, "florentine": False, "lesmis": False, "directed": True}
    groups = {}
    graphs = {}
    for name, directed in datasets.items():
        ids, names, g = load(name, directed)
        n = len(ids)
        if name == "karate":
            club = nx.get_node_attributes(nx.karate_club_graph(), "club")
            group, attribute = [club[int(names[v])] for v in range(n)], "club"
        else:
            k, ungrouped, seed = {"florentine": (3, 0, 11), "lesmis": (4, 2, 12), "directed": (4, 3, 13)}[name]
            group, attribute = seeded_groups(n, k, seed, ungrouped), "country"
        groups[name], graphs[name] = group, (ids, g)
        write(name, "mixing.json", mixing(ids, g, group, attribute))

    perm_cache = {}

    def perms(n):
        if n not in perm_cache:
            perm_cache[n] = permutations(n, PERMUTATIONS, SEED)
        return perm_cache[n]

    check = SeededGenerator(SEED)
    generator = {"seed": SEED, "first": [str(check.next()) for _ in range(4)]}

    def same_group(name):
        group = groups[name]
        n = len(group)
        s = np.zeros((n, n))
        for i in range(n):
            for j in range(n):
                if i != j and group[i] is not None and group[i] == group[j]:
                    s[i, j] = 1.0
        return s

    # florentine: marriage against a seeded perturbation of it.
    ids, g = graphs["florentine"]
    n = len(ids)
    rng = random.Random(2024)
    marriage = dense(g, False)
    other = marriage.copy()
    for i, j in itertools.combinations(range(n), 2):
        if rng.random() < 0.15:
            other[i, j] = other[j, i] = 1.0 - other[i, j]
    edges = [[ids[i], ids[j]] for i, j in itertools.combinations(range(n), 2) if other[i, j] == 1.0]
    write("florentine", "qap.json", {
        "generator": generator, "permutations": PERMUTATIONS, "seed": SEED,
        "perturbed": edges,
        "firstPermutation": perms(n)[0],
        "correlation": qap_correlation(marriage, other, False, perms(n)),
        "regression": mrqap(other, [marriage, same_group("florentine")], False, perms(n)),
    })

    ids, g = graphs["lesmis"]
    n = len(ids)
    weights, binary = dense(g, True), dense(g, False)
    write("lesmis", "qap.json", {
        "generator": generator, "permutations": PERMUTATIONS, "seed": SEED,
        "firstPermutation": perms(n)[0],
        "correlation": qap_correlation(weights, binary, False, perms(n)),
        "regression": mrqap(weights, [same_group("lesmis"), binary @ binary], False, perms(n)),
    })

    ids, g = graphs["directed"]
    n = len(ids)
    weights, binary = dense(g, True), dense(g, False)
    write("directed", "qap.json", {
        "generator": generator, "permutations": PERMUTATIONS, "seed": SEED,
        "firstPermutation": perms(n)[0],
        "correlation": qap_correlation(weights, weights.T.copy(), True, perms(n)),
        "regression": mrqap(weights, [binary.T.copy(), same_group("directed"), binary @ binary.T], True, perms(n)),
    })
    for name in datasets:
        m = json.load(open(os.path.join(HERE, name, "mixing.json")))
        print("%-10s groups %d  assortativity %.4f  E-I %.4f (expected %.4f)  crossing %d/%d" % (
            name, len(m["labels"]), m["assortativity"], m["ei"]["network"]["index"], m["expected"],
            m["crossing"]["crossing"], m["crossing"]["connected"]))
    for name in ["florentine", "lesmis", "directed"]:
        q = json.load(open(os.path.join(HERE, name, "qap.json")))
        c, r = q["correlation"], q["regression"]
        print("%-10s r %.4f p %s  R² %.4f  t %s p %s" % (
            name, c["observed"], c["pValues"]["absoluteGreaterOrEqual"], r["rSquared"],
            [round(t["tValue"], 3) for t in r["predictors"]],
            [t["pValues"]["absoluteGreaterOrEqual"] for t in r["predictors"]]))


if __name__ == "__main__":
    main()
