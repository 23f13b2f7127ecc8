#!/usr/bin/env python3
"""Weft beside igraph, NetworKit and NetworkX, kernel by kernel, on the same edge lists.

For each sample size (S, M; L on request) this script
  1. generates the sample once (`weft sample --size <size> --seed 42` into Benchmarks/data/<size>)
     and writes its aggregated undirected edge list once (edges.csv: source,target,weight, the
     weights of both directions and of every record of a pair summed — the undirected view Weft
     builds with the default `--symmetrise sum`);
  2. for M and L, also writes edges-part.csv: the ties inside a part of the network made of whole
     communities (the generator's planted communities, one organisation each, largest first until
     the part holds 10,000 members), on which the O(n·m) kernels run (exact betweenness and
     closeness on all 48,000 active members of M take minutes in every library but Weft's
     closeness, see --full-closeness);
  3. for each kernel, runs every library once and checks that they agree (see TOLERANCES), then
     times several runs of each, in alternating order, and reports median seconds and Weft's
     ratio to the fastest other library (below 1: Weft is faster).

Weft runs as `weft bench --kernel K --input FILE --reps 1 --warmup 1 --threads T`, one process per
timed run (loading excluded; one untimed warm-up run in the process, as the Python libraries are
warm from their check run). The Python libraries run in this process on graphs built beforehand,
numbered in the same order as Weft's (first appearance in the file). NetworKit and Weft run with
1 and 2 threads; igraph and NetworkX are single-threaded.

    Benchmarks/compare/compare.sh [s m l] [--reps N] [--kernels K …] [--no-networkx] [--full-closeness]
                                  [--pipeline | --pipeline-only] [--pipeline-reps N]

--pipeline adds the whole analysis: `weft analyze` on each size against pipeline_peers.py (pandas,
igraph and NetworKit, the fastest peer for each step, cross-checked where they overlap) and, on M,
pipeline_networkx.py (see `pipeline`).
"""
import argparse
import csv
import datetime
import importlib.metadata
import json
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import time

import igraph as ig
import networkit as nk
import networkx as nx
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DATA = os.path.join(ROOT, "Benchmarks", "data")
WEFT = os.path.join(ROOT, ".build", "release", "weft")

KERNELS = ["ingest", "load", "components", "kcore", "transitivity", "triangles", "clustering",
           "pagerank", "eigenvector", "hits", "katz", "louvain", "closeness", "betweenness"]
NODE_VALUED = {"clustering", "pagerank", "eigenvector", "hits", "katz", "closeness", "betweenness"}
# Kernels run on the whole-community part of M and L (exact all-pairs shortest paths).
PART_KERNELS = {"closeness", "betweenness"}
PART_MEMBERS = 10_000
# NetworkX runs the shortest-path kernels only up to this many nodes (on the 10,000-member part
# each would take several minutes per run).
NETWORKX_PATH_LIMIT = 5_000

# Relative tolerance of the cross-check per kernel; counts must agree exactly. PageRank and
# eigenvector centrality are iterative, each library stopping at its own convergence test (Weft:
# PageRank's L1 change below 1e-10, eigenvector's Lanczos residual below 1e-11·λ; igraph: PRPACK
# and ARPACK; NetworKit: tol 1e-10 (L1) and 1e-12; NetworkX: L1 change below 1e-10 and n·1e-12).
# Against igraph's converged ARPACK vector Weft's largest eigenvector centrality on M is within
# 2e-12 (relative; 1e-8 with the power iteration Weft used before), NetworKit's within 1.3e-6,
# hence 1e-5 there. HITS (Weft: Lanczos on AᵀA, residual below 1e-11·θ; igraph: ARPACK) and Katz
# (Weft: conjugate gradients to a residual of 1e-12; NetworkX: L1 change below n·1e-12) likewise.
# Louvain is randomised and every library finds a
# different partition: its modularity is reported, not checked.
TOLERANCES = {"ingest": 1e-12, "load": 1e-12, "transitivity": 1e-12, "clustering": 1e-9, "pagerank": 1e-6,
              "eigenvector": 1e-5, "hits": 1e-5, "katz": 1e-6, "closeness": 1e-9, "betweenness": 1e-9}

# Each contestant gets at most --reps timed runs and about this many seconds of timed runs per
# kernel; a first (check) run longer than SLOW_RUN seconds counts as a timed run.
BUDGET = 30.0
SLOW_RUN = 5.0


# ----------------------------------------------------------------------------- data

def sample(size):
    folder = os.path.join(DATA, size)
    if not os.path.exists(os.path.join(folder, "interactions.csv")):
        subprocess.run([WEFT, "sample", "--size", size, "--seed", "42", "--out", folder], check=True)
    return folder


def write_edges(folder):
    """Aggregates interactions.csv into edges.csv (undirected, summed weights), once."""
    path = os.path.join(folder, "edges.csv")
    if os.path.exists(path):
        return path
    weights = {}
    with open(os.path.join(folder, "interactions.csv"), newline="") as f:
        for row in csv.DictReader(f):
            a, b = row["source"], row["target"]
            if a == b:
                continue
            key = (a, b) if a < b else (b, a)
            weights[key] = weights.get(key, 0.0) + float(row.get("weight") or 1)
    write_edge_list(path, sorted(weights.items()))
    return path


def write_edge_list(path, items):
    with open(path + ".tmp", "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["source", "target", "weight"])
        for (a, b), w in items:
            out.writerow([a, b, int(w) if w == int(w) else repr(w)])
    os.replace(path + ".tmp", path)


def write_part(folder, edges_path):
    """edges-part.csv: the ties among the members of the largest planted communities (one
    organisation each in M and L; ties broken by name) taken whole until they hold at least
    PART_MEMBERS members."""
    path = os.path.join(folder, "edges-part.csv")
    if os.path.exists(path):
        return path
    community = {}
    with open(os.path.join(folder, "members.csv"), newline="") as f:
        for row in csv.DictReader(f):
            community[row["id"]] = row["organisation"]
    sizes = {}
    for c in community.values():
        sizes[c] = sizes.get(c, 0) + 1
    chosen, total = set(), 0
    for c in sorted(sizes, key=lambda c: (-sizes[c], c)):
        if total >= PART_MEMBERS:
            break
        chosen.add(c)
        total += sizes[c]
    keep = []
    with open(edges_path, newline="") as f:
        for a, b, w in (r for i, r in enumerate(csv.reader(f)) if i > 0):
            if community.get(a) in chosen and community.get(b) in chosen:
                keep.append(((a, b), float(w)))
    write_edge_list(path, keep)
    return path


class EdgeList:
    """An edge list read once, its members numbered by first appearance (as Weft numbers them)."""

    def __init__(self, path):
        self.path = path
        index, self.names, src, dst, w = {}, [], [], [], []
        with open(path, newline="") as f:
            rows = csv.reader(f)
            header = [h.strip().lower() for h in next(rows)]
            s, t, k = header.index("source"), header.index("target"), header.index("weight")
            for row in rows:
                for name, out in ((row[s], src), (row[t], dst)):
                    i = index.get(name)
                    if i is None:
                        i = index[name] = len(self.names)
                        self.names.append(name)
                    out.append(i)
                w.append(float(row[k]))
        self.n, self.m = len(self.names), len(w)
        self.src, self.dst, self.w = src, dst, w


# ----------------------------------------------------------------------------- summaries

def node_summary(values, names):
    """Sum, maximum, mean and the five highest members (ties: smaller id first), as weft bench."""
    values = [float(x) for x in values]
    order = sorted(range(len(values)), key=lambda v: (-values[v], names[v]))
    total = math.fsum(values)
    return {"sum": total, "max": max(values), "mean": total / len(values),
            "top5": [{"id": names[v], "value": values[v]} for v in order[:5]]}


def close(a, b, rel):
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-300)


def disagreement(kernel, ref, other):
    """None when `other` agrees with the reference summary, else what differs."""
    if kernel == "louvain":
        return None
    rel = TOLERANCES.get(kernel, 0.0)
    problems = []
    for key, value in ref.items():
        if key == "top5":
            continue
        if key not in other:
            problems.append(f"{key} missing")
        elif isinstance(value, int) and not isinstance(value, bool) and isinstance(other[key], int):
            if value != other[key]:
                problems.append(f"{key} {other[key]} ≠ {value}")
        elif not close(float(value), float(other[key]), rel):
            problems.append(f"{key} {other[key]!r} ≠ {value!r}")
    if "top5" in ref:
        mine, theirs = ref["top5"], other.get("top5", [])
        for i, (a, b) in enumerate(zip(mine, theirs)):
            if not close(a["value"], b["value"], rel):
                problems.append(f"top5[{i}] value {b['value']!r} ≠ {a['value']!r}")
            elif a["id"] != b["id"]:
                # A different member is fine only where values tie (within tolerance).
                tied = any(c["id"] == b["id"] and close(c["value"], a["value"], rel) for c in mine) \
                    or close(a["value"], mine[-1]["value"], rel)
                if not tied:
                    problems.append(f"top5[{i}] {b['id']} ≠ {a['id']}")
    return "; ".join(problems) or None


# ----------------------------------------------------------------------------- libraries

class Ingest:
    """Reading the interaction log (interactions.csv: source, target, timestamp, type, weight) in
    Python: pandas' C parser (`read_csv`, no date parsing) and the csv module, each keeping every
    row. Their summaries (rows, members named, total weight) are computed outside the timing.
    Weft's ingest does more: it checks every row, interns the ids, parses the timestamps and
    fingerprints the file with SHA-256."""

    @staticmethod
    def pandas(path):
        import pandas as pd
        return lambda: pd.read_csv(path)

    @staticmethod
    def pandas_summary(frame):
        ids = set(frame["source"].astype(str)) | set(frame["target"].astype(str))
        return {"rows": len(frame), "nodes": len(ids), "total_weight": math.fsum(frame["weight"].tolist())}

    @staticmethod
    def csv_module(path):
        def run():
            with open(path, newline="") as f:
                rows = csv.reader(f)
                header = next(rows)
                return header, [row for row in rows]
        return run

    @staticmethod
    def csv_summary(result):
        header, rows = result
        s, t, w = header.index("source"), header.index("target"), header.index("weight")
        ids = {r[s] for r in rows} | {r[t] for r in rows}
        return {"rows": len(rows), "nodes": len(ids), "total_weight": math.fsum(float(r[w]) for r in rows)}


def read_rows(path):
    with open(path, newline="") as f:
        rows = csv.reader(f)
        next(rows)
        return [(a, b, float(w)) for a, b, w in rows]


class IGraph:
    name, threads = "igraph", [1]
    version = ig.__version__

    def __init__(self, el):
        self.el = el
        self.g = ig.Graph(n=el.n, edges=list(zip(el.src, el.dst)), directed=False)
        self.g.es["weight"] = el.w
        random.seed(42)
        ig.set_random_number_generator(random)

    @staticmethod
    def load(path):
        with open(path, newline="") as f:
            rows = csv.reader(f)
            next(rows)
            g = ig.Graph.TupleList(((a, b, float(w)) for a, b, w in rows), directed=False, weights=True)
        return {"nodes": g.vcount(), "edges": g.ecount(), "total_weight": math.fsum(g.es["weight"])}

    def kernels(self):
        g, names = self.g, self.el.names

        def components():
            sizes = g.connected_components().sizes()
            return {"count": len(sizes), "largest": max(sizes)}

        def closeness(values):
            # igraph averages over the members each member reaches; Wasserman–Faust scales that
            # by the share of the others reached (NetworkX's default), computed outside the timing.
            membership = g.connected_components().membership
            size = np.bincount(membership)
            n = g.vcount()
            return node_summary([c * (size[k] - 1) / (n - 1) if c == c else 0.0
                                 for c, k in zip(values, membership)], names)

        def eigenvector(values):
            norm = math.sqrt(math.fsum(x * x for x in values))
            return node_summary([x / norm for x in values], names)

        def hits():
            # Hubs and authorities (equal on an undirected graph; Weft computes both at once).
            return g.hub_score(weights="weight"), g.authority_score(weights="weight")

        def authorities(result):
            # igraph scales the maximum to 1; Weft the sum (rescaled outside the timing).
            total = math.fsum(result[1])
            return node_summary([x / total for x in result[1]], names)

        return {
            "components": (components, lambda r: r),
            "kcore": (g.coreness, core_summary),
            "transitivity": (g.transitivity_undirected, lambda r: {"transitivity": r}),
            "triangles": (lambda: len(g.list_triangles()), lambda r: {"triangles": r}),
            "clustering": (lambda: g.transitivity_local_undirected(mode="zero"), lambda r: node_summary(r, names)),
            "pagerank": (lambda: g.pagerank(weights="weight"), lambda r: node_summary(r, names)),
            "eigenvector": (lambda: g.eigenvector_centrality(weights=None), eigenvector),
            "hits": (hits, authorities),
            "louvain": (lambda: g.community_multilevel(weights="weight").membership, self.communities),
            "closeness": (g.closeness, closeness),
            "betweenness": (lambda: g.betweenness(directed=False), lambda r: node_summary(r, names)),
        }

    def communities(self, membership):
        return {"modularity": self.g.modularity(membership, weights="weight"), "communities": len(set(membership))}


def core_summary(cores):
    top = max(cores)
    return {"max_core": int(top), "max_core_size": sum(1 for c in cores if c == top)}


class NetworKit:
    name, threads = "NetworKit", [1, 2]
    version = nk.__version__

    def __init__(self, el, modularity):
        self.el, self.modularity = el, modularity
        coo = (np.array(el.w), (np.array(el.src, dtype=np.uint64), np.array(el.dst, dtype=np.uint64)))
        self.g = nk.GraphFromCoo(coo, el.n, directed=False, weighted=True)
        self.u = nk.graphtools.toUnweighted(self.g)   # hop-count and unweighted kernels
        self.u.indexEdges()
        nk.setSeed(42, False)

    @staticmethod
    def load(path):
        # NetworKit's C++ reader; non-continuous ids map text labels; the header line is
        # skipped as a comment.
        g = nk.graphio.EdgeListReader(",", 0, commentPrefix="source", continuous=False, directed=False).read(path)
        return {"nodes": g.numberOfNodes(), "edges": g.numberOfEdges(), "total_weight": g.totalEdgeWeight()}

    def kernels(self):
        g, u, names = self.g, self.u, self.el.names
        C = nk.centrality

        def components():
            cc = nk.components.ConnectedComponents(u)
            cc.run()
            return {"count": cc.numberOfComponents(), "largest": max(cc.getComponentSizes().values())}

        def pagerank():
            pr = C.PageRank(g, damp=0.85, tol=1e-10)
            pr.norm = C.Norm.L1_NORM
            return pr.run().scores()

        def eigenvector(values):
            norm = math.sqrt(math.fsum(x * x for x in values))
            return node_summary([x / norm for x in values], names)

        def louvain():
            plm = nk.community.PLM(g, refine=False, gamma=1.0)
            plm.run()
            p = plm.getPartition()
            return [p.subsetOf(v) for v in range(g.numberOfNodes())]

        return {
            "components": (components, lambda r: r),
            "kcore": (lambda: C.CoreDecomposition(u).run().scores(), core_summary),
            "transitivity": (lambda: nk.globals.ClusteringCoefficient.exactGlobal(u), lambda r: {"transitivity": r}),
            "triangles": (lambda: nk.sparsification.TriangleEdgeScore(u).run().scores(),
                          lambda r: {"triangles": int(round(math.fsum(r))) // 3}),
            "clustering": (lambda: C.LocalClusteringCoefficient(u, turbo=True).run().scores(),
                           lambda r: node_summary(r, names)),
            "pagerank": (pagerank, lambda r: node_summary(r, names)),
            "eigenvector": (lambda: C.EigenvectorCentrality(u, tol=1e-12).run().scores(), eigenvector),
            "louvain": (louvain, self.modularity),
            "closeness": (lambda: C.Closeness(u, False, C.ClosenessVariant.GENERALIZED).run().scores(),
                          lambda r: node_summary(r, names)),
            # NetworKit counts each unordered pair twice on an undirected graph: halved outside the timing.
            "betweenness": (lambda: C.Betweenness(u, normalized=False).run().scores(),
                            lambda r: node_summary([x / 2 for x in r], names)),
        }


class NetworkX:
    name, threads = "NetworkX", [1]
    version = nx.__version__

    def __init__(self, el, modularity):
        self.el, self.modularity = el, modularity
        self.g = nx.Graph()
        self.g.add_nodes_from(range(el.n))
        self.g.add_weighted_edges_from(zip(el.src, el.dst, el.w))

    @staticmethod
    def load(path):
        with open(path, "rb") as f:
            next(f)
            g = nx.read_edgelist(f, delimiter=",", nodetype=str, data=[("weight", float)])
        return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
                "total_weight": math.fsum(w for _, _, w in g.edges(data="weight"))}

    def katz_alpha(self):
        if not hasattr(self, "alpha"):
            u = ig.Graph(n=self.el.n, edges=list(zip(self.el.src, self.el.dst)), directed=False)
            _, eigenvalue = u.eigenvector_centrality(weights=None, return_eigenvalue=True)
            self.alpha = min(0.1, 0.9 / eigenvalue) if eigenvalue > 0 else 0.1
        return self.alpha

    def kernels(self):
        g, names, n = self.g, self.el.names, self.el.n
        alpha = self.katz_alpha()

        def values(d):
            return [d[v] for v in range(n)]

        def components():
            sizes = [len(c) for c in nx.connected_components(g)]
            return {"count": len(sizes), "largest": max(sizes)}

        def louvain():
            membership = [0] * n
            for i, c in enumerate(nx.community.louvain_communities(g, weight="weight", seed=42)):
                for v in c:
                    membership[v] = i
            return membership

        found = {
            "components": (components, lambda r: r),
            "kcore": (lambda: values(nx.core_number(g)), core_summary),
            "transitivity": (lambda: nx.transitivity(g), lambda r: {"transitivity": r}),
            "triangles": (lambda: sum(nx.triangles(g).values()) // 3, lambda r: {"triangles": r}),
            "clustering": (lambda: values(nx.clustering(g)), lambda r: node_summary(r, names)),
            "pagerank": (lambda: values(nx.pagerank(g, alpha=0.85, tol=1e-10 / n, max_iter=1000, weight="weight")),
                         lambda r: node_summary(r, names)),
            # Power iteration with Weft's stopping rule (L1 change below n·1e-12); NetworkX's ARPACK
            # variant refuses disconnected graphs.
            "eigenvector": (lambda: values(nx.eigenvector_centrality(g, max_iter=10_000, tol=1e-12)),
                            lambda r: node_summary(r, names)),
            # Unweighted Katz with Weft's α = min(0.1, 0.9/λmax) (λmax from igraph, computed once
            # outside the timing), β = 1, unit norm, stopping at an L1 change below n·1e-12;
            # igraph has no Katz, and NetworKit's omits the β·1 term of the series.
            "katz": (lambda: values(nx.katz_centrality(g, alpha=alpha, beta=1.0, max_iter=100_000,
                                                       tol=1e-12, weight=None)),
                     lambda r: node_summary(r, names)),
            "louvain": (louvain, self.modularity),
        }
        if n <= NETWORKX_PATH_LIMIT:
            found["closeness"] = (lambda: values(nx.closeness_centrality(g)), lambda r: node_summary(r, names))
            found["betweenness"] = (lambda: values(nx.betweenness_centrality(g, normalized=False)),
                                    lambda r: node_summary(r, names))
        return found


# ----------------------------------------------------------------------------- running

class Contestant:
    """One library at one thread count: `run()` returns (seconds, raw result)."""

    def __init__(self, library, threads, run, summarise):
        self.library, self.threads, self.run_once, self.summarise = library, threads, run, summarise
        self.times = []

    @property
    def label(self):
        return self.library if self.library in ("igraph", "NetworkX") else f"{self.library} {self.threads}t"

    def run(self):
        if self.library == "NetworKit":
            nk.setNumberOfThreads(self.threads)
        start = time.perf_counter()
        result = self.run_once()
        return time.perf_counter() - start, result


class WeftContestant(Contestant):
    """`weft bench` in a process of its own per run, with one untimed warm-up run inside the
    process (as the Python libraries are warm from their check run) unless a run is slow enough
    for warming up not to matter."""

    def __init__(self, kernel, path, threads):
        super().__init__("Weft", threads, None, lambda r: r["summary"])
        self.command = [WEFT, "bench", "--kernel", kernel, "--input", path, "--reps", "1", "--threads", str(threads)]
        self.warmup = 1

    def run(self):
        command = self.command + ["--warmup", str(self.warmup)]
        out = subprocess.run(command, check=True, capture_output=True, text=True)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        if result["runs"][0] > SLOW_RUN:
            self.warmup = 0
        return result["runs"][0], result


def measure(kernel, contestants, reps, log):
    """Check run for everyone, then up to `reps` timed rounds in rotating order."""
    reference, status = None, []
    for c in contestants:
        seconds, result = c.run()
        c.check_seconds = seconds
        summary = c.summarise(result)
        c.summary = summary
        if seconds > SLOW_RUN:
            c.times.append(seconds)
        if c.library == "Weft" and reference is None:
            reference = summary
    for c in contestants:
        problem = disagreement(kernel, reference, c.summary) if c.summary is not reference else None
        c.problem = problem
        if problem:
            status.append(f"{c.label}: {problem}")
    for c in contestants:
        c.target = max(1, min(reps, int(BUDGET / max(c.check_seconds, 1e-9))))
    for r in range(reps):
        for i in range(len(contestants)):
            c = contestants[(i + r) % len(contestants)]
            if len(c.times) < c.target:
                c.times.append(c.run()[0])
    for c in contestants:
        log(f"    {c.label:<14} median {fmt(statistics.median(c.times)):>9} over {len(c.times)} run(s)"
            + (f"   MISMATCH {c.problem}" if c.problem else ""))
    return reference, status


def fmt(seconds):
    if seconds is None:
        return "—"
    if seconds >= 10:
        return f"{seconds:.1f} s"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 0.01:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds * 1000:.2f} ms"


COLUMNS = [("igraph", 1), ("NetworKit", 1), ("NetworKit", 2), ("NetworkX", 1), ("Weft", 1), ("Weft", 2)]


def run_size(size, args, log):
    folder = sample(size)
    edges_path = write_edges(folder)
    part_path = write_part(folder, edges_path) if size != "s" else None
    graphs = {edges_path: EdgeList(edges_path)}
    if part_path:
        graphs[part_path] = EdgeList(part_path)
    libraries = {}
    for path, el in graphs.items():
        igraph = IGraph(el)
        libs = [igraph, NetworKit(el, igraph.communities)]
        if args.networkx:
            libs.append(NetworkX(el, igraph.communities))
        libraries[path] = libs
    rows = []
    kernels = [k for k in KERNELS if not args.kernels or k in args.kernels]
    if "ingest" in kernels:
        log_path = os.path.join(folder, "interactions.csv")
        log(f"  ingest of {os.path.relpath(log_path, ROOT)} ({os.path.getsize(log_path) / 1e6:.0f} MB), "
            f"load average {os.getloadavg()[0]:.2f}")
        contestants = [WeftContestant("ingest", log_path, 1), WeftContestant("ingest", log_path, 2),
                       Contestant("pandas", 1, Ingest.pandas(log_path), Ingest.pandas_summary),
                       Contestant("csv module", 1, Ingest.csv_module(log_path), Ingest.csv_summary)]
        reference, status = measure("ingest", contestants, args.reps, log)
        rows.append({"kernel": "ingest", "graph": f"{reference['rows']:,} records", "status": status,
                     "medians": {(c.library, c.threads): statistics.median(c.times) for c in contestants}})
        kernels.remove("ingest")
    for kernel in kernels:
        path = part_path if kernel in PART_KERNELS and part_path else edges_path
        if kernel == "closeness" and args.full_closeness:
            path = edges_path
        el = graphs[path]
        log(f"  {kernel} on {os.path.relpath(path, ROOT)} ({el.n:,} members, {el.m:,} ties), "
            f"load average {os.getloadavg()[0]:.2f}")
        contestants = [WeftContestant(kernel, path, 1), WeftContestant(kernel, path, 2)]
        for lib in libraries[path]:
            if kernel == "load":
                if args.networkx or lib.name != "NetworkX":
                    contestants.append(Contestant(lib.name, 1, (lambda l: lambda: l.load(path))(lib), lambda r: r))
                continue
            found = lib.kernels().get(kernel)
            if found is None:
                continue
            for t in lib.threads:
                contestants.append(Contestant(lib.name, t, found[0], found[1]))
        reference, status = measure(kernel, contestants, args.reps, log)
        medians = {(c.library, c.threads): statistics.median(c.times) for c in contestants}
        extra = ""
        if kernel == "louvain":
            extra = "; ".join(f"{c.label} Q={c.summary['modularity']:.4f} ({c.summary['communities']})"
                              for c in contestants if c.threads == 1)
        rows.append({"kernel": kernel, "graph": f"{el.n:,} / {el.m:,}", "medians": medians, "status": status,
                     "runs": {(c.library, c.threads): len(c.times) for c in contestants}, "extra": extra,
                     "reference": reference})
    return rows


def ratios(medians):
    peers1 = [medians[k] for k in medians if k[0] != "Weft" and k[1] == 1]
    peers2 = [medians[k] for k in medians if k[0] != "Weft"]
    r1 = medians[("Weft", 1)] / min(peers1) if peers1 else None
    r2 = medians[("Weft", 2)] / min(peers2) if peers2 else None
    return r1, r2


def table(size, rows):
    ingest = [row for row in rows if row["kernel"] == "ingest"]
    rows = [row for row in rows if row["kernel"] != "ingest"]
    lines = []
    for row in ingest:
        m = row["medians"]
        best = min(m[("pandas", 1)], m[("csv module", 1)])
        check = "✓" if not row["status"] else "✗ " + ", ".join(s.split(":")[0] for s in row["status"])
        lines += ["| CSV ingest of interactions.csv | records | pandas `read_csv` | csv module | Weft 1t | Weft 2t "
                  "| Weft 1t ÷ best | Weft 2t ÷ best | check |",
                  "|---|---|---:|---:|---:|---:|---:|---:|---|",
                  f"| {row['kernel']} | {row['graph']} | {fmt(m[('pandas', 1)])} | {fmt(m[('csv module', 1)])} "
                  f"| {fmt(m[('Weft', 1)])} | {fmt(m[('Weft', 2)])} | {m[('Weft', 1)] / best:.2f} "
                  f"| {m[('Weft', 2)] / best:.2f} | {check} |", ""]
    lines += [f"| kernel | members / ties | igraph | NetworKit 1t | NetworKit 2t | NetworkX | Weft 1t | Weft 2t "
             f"| Weft 1t ÷ best 1t | Weft 2t ÷ best | check |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for row in rows:
        m = row["medians"]
        r1, r2 = ratios(m)
        cells = [fmt(m.get(col)) for col in COLUMNS]
        check = "✓" if not row["status"] else "✗ " + ", ".join(s.split(":")[0] for s in row["status"])
        if row["kernel"] == "louvain":
            check = "Q: " + row["extra"]
        lines.append(f"| {row['kernel']} | {row['graph']} | " + " | ".join(cells)
                     + f" | {r1:.2f} | {r2:.2f} | {check} |")
    problems = [f"- {row['kernel']}, {s}" for row in ingest + rows for s in row["status"]]
    if problems:
        lines += ["", "Results that differ from Weft's beyond the tolerance:", ""] + problems
    return "\n".join(lines)


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(next(l for l in f if l.startswith("MemTotal")).split()[1])
            memory = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        pass
    system = platform.platform()
    try:
        with open("/etc/os-release") as f:
            system = next(l.split("=", 1)[1].strip().strip('"') for l in f if l.startswith("PRETTY_NAME"))
    except (OSError, StopIteration):
        pass
    return f"{system}, {cpu}, {os.cpu_count()} cores{memory}"


def weft_commit():
    try:
        return subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", default=["s", "m"], choices=["s", "m", "l"])
    parser.add_argument("--reps", type=int, default=5, help="timed runs per library and kernel (at most)")
    parser.add_argument("--kernels", nargs="+", choices=KERNELS, help="only these kernels")
    parser.add_argument("--no-networkx", dest="networkx", action="store_false", help="leave NetworkX out")
    parser.add_argument("--full-closeness", action="store_true",
                        help="closeness on the whole M/L graph instead of the 10,000-member part")
    parser.add_argument("--pipeline", action="store_true",
                        help="also time `weft analyze` on each size against the peer pipeline (pipeline_peers.py; "
                             "on M also pipeline_networkx.py)")
    parser.add_argument("--pipeline-only", action="store_true", help="the whole-pipeline comparison alone, no kernels")
    parser.add_argument("--pipeline-reps", type=int, default=3, help="runs of each pipeline on S and M (L: one)")
    parser.add_argument("--out", help="Markdown file to write (default Benchmarks/compare/results-<date>.md)")
    args = parser.parse_args()
    today = datetime.date.today().isoformat()
    load_before = os.getloadavg()[0]
    out = args.out or os.path.join(HERE, f"results-{today}.md")
    sections = []

    def log(text):
        print(text, flush=True)

    for size in ([] if args.pipeline_only else dict.fromkeys(args.sizes)):
        log(f"{size.upper()}")
        rows = run_size(size, args, log)
        text = table(size, rows)
        log(text)
        sections.append(f"### {size.upper()} (`weft sample --size {size} --seed 42`)\n\n{text}\n")
    if args.pipeline or args.pipeline_only:
        sections.append(pipeline(list(dict.fromkeys(args.sizes)), args, log))
    load_after = os.getloadavg()[0]
    header = f"""# Weft beside igraph, NetworKit and NetworkX — {today}

Machine: {machine()}; 1-minute load average {load_before:.2f} before the run, {load_after:.2f} after it. Weft {weft_commit()} (release build); igraph {IGraph.version}, NetworKit {NetworKit.version},
NetworkX {NetworkX.version}, pandas {importlib.metadata.version("pandas")}, Python {platform.python_version()}. Produced by `make compare`
(Benchmarks/compare/compare.py{' ' + ' '.join(sys.argv[1:]) if sys.argv[1:] else ''}).

Median wall time of up to {args.reps} runs per library after one untimed check run (runs longer than {SLOW_RUN:.0f} s
count the check run and stop after about {BUDGET:.0f} s); loading is excluded except for `load`. Ratios are Weft's
median over the fastest other library's (below 1: Weft is faster): single-threaded against single-threaded, and
Weft on 2 threads against the best of every other library at any thread count. Every library's result is checked
against Weft's before timing: counts exactly; sums, maxima, means and top-5 values to a relative
{', '.join(f'{k} {v:g}' for k, v in TOLERANCES.items())}; top-5 members must match except among tied values.
Ingest reads each sample's interactions.csv: Weft's whole reader (checks, ids, timestamps, SHA-256 — on 2
threads the hashing runs beside the parsing) against
pandas `read_csv` (no date parsing) and the csv module keeping every row; rows, members named and total weight
must agree. Closeness and betweenness (exact, hop counts) run on M's 10,000-member part made of whole planted communities.
NetworkX runs them only on S. Louvain's modularity is reported (igraph computes it for every partition), not
checked.
"""
    with open(out, "w") as f:
        f.write(header + "\n" + "\n".join(sections))
    log(f"wrote {os.path.relpath(out, ROOT)}")


def pipeline(sizes, args, log):
    """`weft analyze` (defaults, and `--format json,csv`) against the peer pipeline
    (pipeline_peers.py: pandas, igraph, NetworKit) on each size, in alternating order, best and
    median of `--pipeline-reps` runs each; on M also against pipeline_networkx.py once (unless
    --no-networkx)."""
    import pipeline_networkx
    import pipeline_peers
    lines = ["### Whole pipeline", "",
             "| sample | `weft analyze` (all outputs) | `weft analyze --format json,csv` | peer pipeline "
             "| ratio, all outputs | ratio, json,csv |",
             "|---|---:|---:|---:|---:|---:|"]
    notes = []
    for size in sizes:
        folder = sample(size)
        weft = {"all": [], "json,csv": []}
        peers = []

        def analyze(kind):
            command = [WEFT, "analyze", folder, "--out", os.path.join(DATA, f"{size}-analyze-{kind.replace(',', '-')}")]
            if kind != "all":
                command += ["--format", kind]
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            return time.perf_counter() - start

        reps = 1 if size == "l" else args.pipeline_reps
        for r in range(reps):
            log(f"pipeline {size.upper()}, run {r + 1} of {reps}, load average {os.getloadavg()[0]:.2f}")
            steps = [("all", lambda: weft["all"].append(analyze("all"))),
                     ("json,csv", lambda: weft["json,csv"].append(analyze("json,csv"))),
                     ("peers", lambda: peers.append(pipeline_peers.run(folder, os.path.join(DATA, f"{size}-peers"))))]
            for i in range(len(steps)):
                name, step = steps[(i + r) % len(steps)]
                step()
            log(f"  weft {weft['all'][-1]:.2f} s, json,csv {weft['json,csv'][-1]:.2f} s, peers {peers[-1][0]:.2f} s")
        peer_times = [t for t, _ in peers]

        def cell(times):
            return f"{fmt(statistics.median(times))} ({fmt(min(times))}–{fmt(max(times))})"

        best = statistics.median(peer_times)
        lines.append(f"| {size.upper()} ({len(peer_times)} run{'s' if len(peer_times) > 1 else ''}) | {cell(weft['all'])} "
                     f"| {cell(weft['json,csv'])} | {cell(peer_times)} "
                     f"| {statistics.median(weft['all']) / best:.2f} | {statistics.median(weft['json,csv']) / best:.2f} |")
        notes.append(f"{size.upper()}: {peers[-1][1]}")
        if size == "m" and args.networkx:
            log("pipeline: NetworkX script on M")
            nx_seconds, nx_notes = pipeline_networkx.run(folder, os.path.join(DATA, "m-networkx"))
            log(f"  NetworkX {nx_seconds:.1f} s")
            notes.append(f"M, `pipeline_networkx.py` (the same measures in NetworkX, 1 thread): {fmt(nx_seconds)}, "
                         f"{nx_seconds / statistics.median(weft['all']):.0f}× `weft analyze`. {nx_notes}")
    return "\n".join(lines + [""] + [f"- {n}" for n in notes]) + "\n"


if __name__ == "__main__":
    main()
