#!/usr/bin/env python3
"""Makes the longitudinal fixture for Weft's tests. Run once; the outputs are committed.

Data: Coleman's high-school friendship networks (73 boys, fall 1957 and spring 1958), the
`coleman` array in coleman.RData of the R package sna 2.7-1, taken from Debian's
r-cran-sna_2.7-1-1_amd64.deb (bookworm). No R is needed: the .deb is fetched with
`apt-get download` and unpacked with `dpkg -x`, and the .RData is read with the `rdata`
pip package.

Writes, beside this script:
  members.csv       id,name                       (a01..a73; name "Boy 01".. = sna's label 1..73)
  interactions.csv  source,target,timestamp,type,weight
                    one record per directed tie per wave (coleman[k, i, j] == 1 means i
                    nominated j in wave k); wave 1 (Fall) dated 2020-01-15, wave 2 (Spring)
                    dated 2020-04-15, so calendar quarters 2020-Q1 / 2020-Q2 separate them;
                    type "friendship", weight 1.0.
  reference.json    per-wave and per-consecutive-pair numbers computed with NetworkX from
                    the CSVs as written (see README.md), cross-checked with numpy on the
                    raw array.

    python3 -m pip install networkx==3.6.1 rdata==1.1.0 numpy
    python3 Tests/WeftAnalysisTests/Fixtures/longitudinal/make_longitudinal_reference.py
    # or, with the file already unpacked somewhere:
    python3 .../make_longitudinal_reference.py /path/to/sna/data/coleman.RData
"""
import csv
import glob
import hashlib
import json
import os
import subprocess
import sys
import tempfile

import networkx as nx
import numpy as np
import rdata

HERE = os.path.dirname(os.path.abspath(__file__))
DEB_NAME = "r-cran-sna"
DEB_VERSION = "2.7-1-1"
RDATA_IN_DEB = "usr/lib/R/site-library/sna/data/coleman.RData"
RDATA_SHA256 = "8763ca67f66132c07cd7012a4a869dd31948e86b0609a49d79b2ffa16ee69d94"
WAVES = [  # (label in the array, date used for the wave)
    ("Fall", "2020-01-15"),
    ("Spring", "2020-04-15"),
]
TIE_TYPE = "friendship"


def fetch_rdata(tmp):
    """apt-get download the pinned r-cran-sna .deb and unpack it; return coleman.RData's path."""
    subprocess.run(["apt-get", "download", f"{DEB_NAME}={DEB_VERSION}"], cwd=tmp, check=True)
    deb = glob.glob(os.path.join(tmp, f"{DEB_NAME}_*.deb"))[0]
    subprocess.run(["dpkg", "-x", deb, os.path.join(tmp, "x")], check=True)
    return os.path.join(tmp, "x", RDATA_IN_DEB)


def read_coleman(path):
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if digest != RDATA_SHA256:
        sys.exit(f"coleman.RData sha256 {digest} != expected {RDATA_SHA256}")
    arr = rdata.read_rda(path)["coleman"]
    labels = [str(x) for x in arr.coords["dim_0"].values]
    assert labels == [w for w, _ in WAVES], labels
    rows = [str(x) for x in arr.coords["dim_1"].values]
    cols = [str(x) for x in arr.coords["dim_2"].values]
    assert rows == cols == [str(i) for i in range(1, 74)], (rows, cols)
    a = np.asarray(arr.values)
    assert a.shape == (2, 73, 73)
    assert set(np.unique(a)) <= {0.0, 1.0}
    assert all(np.trace(a[k]) == 0 for k in range(a.shape[0]))
    return a.astype(int)


def write_csvs(a):
    n = a.shape[1]
    ids = [f"a{i + 1:02d}" for i in range(n)]
    with open(os.path.join(HERE, "members.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name"])
        for i, mid in enumerate(ids):
            w.writerow([mid, f"Boy {i + 1:02d}"])
    with open(os.path.join(HERE, "interactions.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "target", "timestamp", "type", "weight"])
        for k, (_, date) in enumerate(WAVES):
            for i in range(n):
                for j in range(n):
                    if a[k, i, j]:
                        w.writerow([ids[i], ids[j], date, TIE_TYPE, "1.0"])
    return ids


def load_waves():
    """Reads the CSVs back (the data exactly as Weft loads it): one DiGraph per wave date."""
    with open(os.path.join(HERE, "members.csv")) as f:
        members = [r["id"] for r in csv.DictReader(f)]
    graphs = {}
    for _, date in WAVES:
        g = nx.DiGraph()
        g.add_nodes_from(members)
        graphs[date] = g
    with open(os.path.join(HERE, "interactions.csv")) as f:
        for r in csv.DictReader(f):
            graphs[r["timestamp"]].add_edge(r["source"], r["target"])
    return members, [graphs[d] for _, d in WAVES]


def undirected_pairs(g):
    return {frozenset(e) for e in g.edges()}


def pair_numbers(a_set, b_set):
    union = a_set | b_set
    return {
        "ties_before": len(a_set),
        "ties_after": len(b_set),
        "new": len(b_set - a_set),
        "kept": len(a_set & b_set),
        "dropped": len(a_set - b_set),
        "jaccard": len(a_set & b_set) / len(union) if union else None,
    }


def wave_numbers(members, g):
    n = len(members)
    u = g.to_undirected()  # a tie if either direction
    comps = sorted((len(c) for c in nx.weakly_connected_components(g)), reverse=True)
    active = sum(1 for v in g if g.degree(v) > 0)
    return {
        "directed_ties": g.number_of_edges(),
        "undirected_ties": u.number_of_edges(),
        "reciprocated_pairs": sum(1 for x, y in g.edges() if x < y and g.has_edge(y, x)),
        "active_members": active,
        "isolates": n - active,
        "density": nx.density(g),  # m / (n (n-1)), over all members
        "reciprocity": nx.overall_reciprocity(g),
        "transitivity_undirected": nx.transitivity(u),
        "weak_components": nx.number_weakly_connected_components(g),
        "weak_component_sizes": comps,
        "largest_component_share": comps[0] / n,
    }


def cross_check(a, waves_out, pairs_out):
    """The same numbers straight from the array with numpy, independent of the CSVs."""
    n = a.shape[1]
    for k in range(a.shape[0]):
        m = a[k]
        s = ((m + m.T) > 0).astype(int)
        r = waves_out[k]
        assert r["directed_ties"] == m.sum()
        assert r["undirected_ties"] == s.sum() // 2
        assert r["active_members"] == int((s.sum(axis=1) > 0).sum())
        assert abs(r["density"] - m.sum() / (n * (n - 1))) < 1e-15
        assert abs(r["reciprocity"] - (m * m.T).sum() / m.sum()) < 1e-15
        s2 = s @ s
        triangles6 = np.trace(s2 @ s)  # 6 x triangles
        triples2 = s2.sum() - np.trace(s2)  # 2 x connected triples
        assert abs(r["transitivity_undirected"] - triangles6 / triples2) < 1e-12
    for k in range(a.shape[0] - 1):
        x, y = a[k], a[k + 1]
        p = pairs_out[k]["directed"]
        assert p["kept"] == (x & y).sum() and p["new"] == ((1 - x) & y).sum()
        assert p["dropped"] == (x & (1 - y)).sum()
        xs, ys = np.triu((x + x.T) > 0, 1), np.triu((y + y.T) > 0, 1)
        q = pairs_out[k]["undirected"]
        assert q["kept"] == (xs & ys).sum() and q["new"] == (~xs & ys).sum()
        assert q["dropped"] == (xs & ~ys).sum()


def main():
    if len(sys.argv) > 1:
        a = read_coleman(sys.argv[1])
    else:
        with tempfile.TemporaryDirectory() as tmp:
            a = read_coleman(fetch_rdata(tmp))
    write_csvs(a)
    members, graphs = load_waves()
    waves_out = []
    for (label, date), g in zip(WAVES, graphs):
        waves_out.append({"wave": len(waves_out) + 1, "label": label, "date": date,
                          **wave_numbers(members, g)})
    pairs_out = []
    for k in range(len(graphs) - 1):
        g0, g1 = graphs[k], graphs[k + 1]
        pairs_out.append({
            "from_wave": k + 1, "to_wave": k + 2,
            "from_date": WAVES[k][1], "to_date": WAVES[k + 1][1],
            "directed": pair_numbers(set(g0.edges()), set(g1.edges())),
            "undirected": pair_numbers(undirected_pairs(g0), undirected_pairs(g1)),
        })
    cross_check(a, waves_out, pairs_out)
    ref = {
        "dataset": "Coleman high-school friendship (sna 2.7-1 `coleman`, Debian r-cran-sna 2.7-1-1)",
        "members": len(members),
        "directed": True,
        "tie_type": TIE_TYPE,
        "wave_dates": {str(i + 1): d for i, (_, d) in enumerate(WAVES)},
        "waves": waves_out,
        "pairs": pairs_out,
        "notes": {
            "density": "networkx.density on the directed wave graph over all members: m / (n (n-1))",
            "reciprocity": "networkx.overall_reciprocity: reciprocated directed ties / directed ties",
            "transitivity_undirected": "networkx.transitivity of the undirected view (tie if either direction)",
            "weak_components": "networkx.number_weakly_connected_components over all members; isolates count",
            "largest_component_share": "largest weak component size / all members",
            "active_members": "members with at least one tie (either direction) in the wave",
            "jaccard": "|kept| / |union of the two tie sets|",
        },
        "generator": {"networkx": nx.__version__, "rdata": rdata.__version__ if hasattr(rdata, "__version__") else None},
    }
    with open(os.path.join(HERE, "reference.json"), "w") as f:
        json.dump(ref, f, indent=1, sort_keys=False)
        f.write("\n")


if __name__ == "__main__":
    main()
