"""Reference values for Weft's engagement checks, computed once with scikit-learn and stored in
reference.json (Tests/WeftAnalysisTests/EngagementTests.swift reads it; Swift never calls Python).

    python3 make_reference.py   # scikit-learn 1.9.1, NumPy

Cases:
- ari: label pairs -> sklearn.metrics.adjusted_rand_score (incl. the identical, all-one-cluster
  and all-singleton special cases, and a permuted relabelling);
- silhouette: points and labels -> sklearn.metrics.silhouette_score (Euclidean), incl. a
  singleton cluster;
- kmeans: three well-separated blobs; KMeans(n_clusters=3, n_init=10, random_state=0) inertia,
  which Weft's seeded k-means must match (the optimum is unique for such blobs).
"""
import json
import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score

rng = np.random.default_rng(20261130)
ari_cases = [
    ([0, 0, 1, 1, 2, 2], [0, 0, 1, 1, 2, 2]),
    ([0, 0, 1, 1, 2, 2], [1, 1, 2, 2, 0, 0]),
    ([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]),
    ([0, 0, 0, 0], [0, 0, 0, 0]),
    ([0, 1, 2, 3], [0, 1, 2, 3]),
    ([0, 0, 1, 1], [0, 1, 0, 1]),
    ([0, 1, 0, 1, 2, 2, 1, 0, 2, 2], [1, 1, 0, 0, 2, 2, 2, 0, 1, 1]),
]
for n, a, b in [(40, 3, 4), (200, 5, 3), (500, 2, 6)]:
    ari_cases.append((rng.integers(0, a, n).tolist(), rng.integers(0, b, n).tolist()))
ari = [{"a": a, "b": b, "ari": adjusted_rand_score(a, b)} for a, b in ari_cases]

silhouette = []
for n, d, k in [(12, 2, 3), (60, 4, 4), (150, 3, 2)]:
    x = rng.normal(size=(n, d)) + np.repeat(np.arange(k), n // k)[:, None] * 1.5
    labels = np.repeat(np.arange(k), n // k)
    rng.shuffle(labels[: n // 3])   # some points in the "wrong" cluster
    silhouette.append({"points": x.tolist(), "labels": labels.tolist(), "k": k,
                       "silhouette": float(silhouette_score(x, labels))})
x = np.array([[0.0, 0.0], [0.1, 0.0], [5.0, 5.0], [5.1, 5.2], [9.0, 0.0]])
silhouette.append({"points": x.tolist(), "labels": [0, 0, 1, 1, 2], "k": 3,
                   "silhouette": float(silhouette_score(x, [0, 0, 1, 1, 2]))})

centres = np.array([[0, 0, 0], [6, 0, 1], [0, 7, -2]], dtype=float)
blobs = np.vstack([c + rng.normal(scale=0.8, size=(30, 3)) for c in centres])
km = KMeans(n_clusters=3, n_init=10, random_state=0).fit(blobs)
kmeans = {"points": blobs.tolist(), "k": 3, "inertia": float(km.inertia_), "labels": km.labels_.tolist()}

with open("reference.json", "w") as f:
    json.dump({"sklearn": sklearn.__version__, "ari": ari, "silhouette": silhouette, "kmeans": kmeans}, f, indent=1)
