#!/usr/bin/env python3
"""Makes the community fixtures for Weft's tests. Run once; the outputs are committed.

For each dataset folder it reads members.csv and interactions.csv (the graph exactly as Weft
loads it), builds the undirected weighted view (w_ij + w_ji summed over records, as Weft's
default "sum" symmetrisation) and writes <name>/communities.json:

  partitions: named partitions (lists of member-id lists):
      igraph_leiden      igraph community_leiden(objective_function="modularity", weights,
                         n_iterations=-1, seed 1) — the best over seeds 1..5 is kept
      igraph_multilevel  igraph community_multilevel(weights) (Louvain)
      networkx_louvain   networkx.community.louvain_communities(weight="weight", seed=1)
      seeded_groups      a seeded random assignment to 3 groups (every member in one)
      club               karate only: NetworkX's 'club' attribute
  modularity: {partition: {resolution: Q}} for resolutions 0.5, 1 and 2, by
      networkx.community.modularity(weight="weight", resolution=γ), cross-checked against
      igraph's Graph.modularity (and a direct double sum) to 1e-12.
  best_leiden: the highest modularity igraph's Leiden reached (the value Weft's Leiden must
      reach or beat).

    python3 -m pip install networkx==3.6.1 igraph==1.0.0
    python3 Tests/WeftAnalysisTests/Fixtures/make_community_reference.py
"""
import csv
import json
import os
import random

import igraph as ig
import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
DATASETS = ["karate", "lesmis", "florentine", "davis_women", "directed", "disconnected"]
RESOLUTIONS = [0.5, 1.0, 2.0]


def load(name):
    folder = os.path.join(HERE, name)
    with open(os.path.join(folder, "members.csv")) as f:
        members = [row["id"] for row in csv.DictReader(f)]
    g = nx.Graph()
    g.add_nodes_from(members)
    with open(os.path.join(folder, "interactions.csv")) as f:
        for row in csv.DictReader(f):
            u, v, w = row["source"], row["target"], float(row.get("weight") or 1.0)
            if g.has_edge(u, v):
                g[u][v]["weight"] += w
            else:
                g.add_edge(u, v, weight=w)
    return members, g


def direct_modularity(g, communities, gamma):
    m = g.size(weight="weight")
    label = {v: i for i, c in enumerate(communities) for v in c}
    k = dict(g.degree(weight="weight"))
    inside = sum(w for u, v, w in g.edges(data="weight") if label[u] == label[v])
    totals = {}
    for v in g:
        totals[label[v]] = totals.get(label[v], 0.0) + k[v]
    return inside / m - gamma * sum((t / (2 * m)) ** 2 for t in totals.values())


def main():
    for name in DATASETS:
        members, g = load(name)
        index = {v: i for i, v in enumerate(members)}
        h = ig.Graph(n=len(members), edges=[(index[u], index[v]) for u, v in g.edges()])
        h.es["weight"] = [w for _, _, w in g.edges(data="weight")]

        def as_lists(membership):
            groups = {}
            for i, c in enumerate(membership):
                groups.setdefault(c, []).append(members[i])
            return sorted(groups.values(), key=lambda c: (-len(c), c))

        partitions = {}
        best = None
        for seed in range(1, 6):
            random.seed(seed)
            ig.set_random_number_generator(random)
            p = h.community_leiden(objective_function="modularity", weights="weight", n_iterations=-1)
            q = h.modularity(p.membership, weights="weight")
            if best is None or q > best[0]:
                best = (q, p.membership)
        partitions["igraph_leiden"] = as_lists(best[1])
        random.seed(1)
        ig.set_random_number_generator(random)
        partitions["igraph_multilevel"] = as_lists(h.community_multilevel(weights="weight").membership)
        partitions["networkx_louvain"] = sorted((sorted(c) for c in nx.community.louvain_communities(g, weight="weight", seed=1)),
                                                key=lambda c: (-len(c), c))
        rng = random.Random(7)
        partitions["seeded_groups"] = as_lists([rng.randrange(3) for _ in members])
        if name == "karate":
            club = nx.karate_club_graph().nodes(data="club")
            names = {}
            with open(os.path.join(HERE, name, "members.csv")) as f:
                names = {row["id"]: row["name"] for row in csv.DictReader(f)}
            partitions["club"] = as_lists([club[int(names[v])] for v in members])

        modularity = {}
        for key, communities in partitions.items():
            modularity[key] = {}
            for gamma in RESOLUTIONS:
                q = nx.community.modularity(g, communities, weight="weight", resolution=gamma)
                assert abs(q - direct_modularity(g, communities, gamma)) < 1e-12, (name, key, gamma)
                if gamma == 1.0:
                    membership = [0] * len(members)
                    for i, c in enumerate(communities):
                        for v in c:
                            membership[index[v]] = i
                    assert abs(q - h.modularity(membership, weights="weight")) < 1e-12, (name, key)
                modularity[key][repr(gamma)] = q
        out = {"partitions": partitions, "modularity": modularity, "best_leiden": best[0]}
        with open(os.path.join(HERE, name, "communities.json"), "w") as f:
            json.dump(out, f, indent=1, sort_keys=True)
            f.write("\n")
        print("%-12s leiden %.6f  multilevel %.6f  nx-louvain %.6f" % (
            name, best[0], modularity["igraph_multilevel"]["1.0"], modularity["networkx_louvain"]["1.0"]))


if __name__ == "__main__":
    main()
