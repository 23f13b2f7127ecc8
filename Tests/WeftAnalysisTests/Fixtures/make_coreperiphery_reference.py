#!/usr/bin/env python3
"""Reference values for Borgatti & Everett's core-periphery models (DiscreteCorePeriphery and
ContinuousCorePeriphery). Run once; the outputs are committed. The Swift tests never call Python.

Reads each dataset's members.csv and interactions.csv (written by make_reference.py), builds the
undirected adjacency matrix A over the members in file order (a tie's weight is the sum of its
records' weights; binary cells are 1 where a tie exists) and writes <name>/coreperiphery.json:

  labellings       a few fixed core sets (top-k members by degree, seeded random sets), each with,
                   for cells in {binary, valued} and cross in {missing, ones}:
                   rho = numpy.corrcoef of the observed and ideal cells over the pairs i < j
                   (ideal: core-core 1, periphery-periphery 0, core-periphery 1 or left out), and
                   the mean cell value of each block (null for a block without cells)
  optimum          (florentine only) the exact maximum of rho over all 2^n labellings, for binary
                   cells and both cross options, with every core set that attains it
  continuous       c minimising sum_{i<j} (a_ij - c_i c_j)^2, by scipy.optimize.least_squares
                   (Levenberg-Marquardt, analytic Jacobian, tolerances 1e-15, started at
                   s_i / sqrt(sum s)) polished by scipy.optimize.minimize (trust-exact Newton
                   steps with the exact Hessian), for binary and valued cells; with the
                   correlation between a_ij and c_i c_j over the pairs i < j. The script checks
                   that the gradient vanishes and the Hessian is positive definite.

    python3 -m pip install numpy scipy
    python3 Tests/WeftAnalysisTests/Fixtures/make_coreperiphery_reference.py
"""
import csv
import json
import os

import numpy as np
from scipy.optimize import least_squares, minimize

HERE = os.path.dirname(os.path.abspath(__file__))
DATASETS = ["karate", "florentine", "lesmis", "disconnected"]
CONTINUOUS = ["karate", "florentine", "lesmis"]
BRUTE_FORCE = ["florentine"]


def load(name):
    folder = os.path.join(HERE, name)
    with open(os.path.join(folder, "members.csv")) as f:
        ids = [row["id"] for row in csv.DictReader(f)]
    index = {m: k for k, m in enumerate(ids)}
    n = len(ids)
    weighted = np.zeros((n, n))
    with open(os.path.join(folder, "interactions.csv")) as f:
        for row in csv.DictReader(f):
            i, j = index[row["source"]], index[row["target"]]
            if i == j:
                continue
            weighted[i, j] += float(row["weight"])
            weighted[j, i] += float(row["weight"])
    return ids, weighted


def pearson(x, y):
    if len(x) < 2 or np.all(x == x[0]) or np.all(y == y[0]):
        return None
    return float(np.corrcoef(x, y)[0, 1])


def discrete(a, core, cross):
    """rho and block densities of one labelling, from the dense matrix."""
    n = len(a)
    iu, ju = np.triu_indices(n, 1)
    x = a[iu, ju]
    ci, cj = core[iu], core[ju]
    both, neither, mixed = ci & cj, ~ci & ~cj, ci ^ cj
    if cross == "missing":
        keep = both | neither
        rho = pearson(x[keep], both[keep].astype(float))
    else:
        rho = pearson(x, (ci | cj).astype(float))

    def mean(mask):
        return float(x[mask].mean()) if mask.any() else None

    return rho, mean(both), mean(mixed), mean(neither)


def brute_force(a, cross):
    """Exact maximum of rho over all labellings (vectorised over labellings)."""
    n = len(a)
    iu, ju = np.triu_indices(n, 1)
    x = a[iu, ju]
    codes = np.arange(2 ** n, dtype=np.int64)
    labels = ((codes[:, None] >> np.arange(n)) & 1).astype(bool)
    ci, cj = labels[:, iu], labels[:, ju]
    if cross == "missing":
        keep = ci == cj
        y = (ci & cj).astype(float)
    else:
        keep = np.ones_like(ci)
        y = (ci | cj).astype(float)
    w = keep.astype(float)
    count = w.sum(1)
    sx, sxx = (w * x).sum(1), (w * x * x).sum(1)
    sy, sxy = (w * y).sum(1), (w * x * y).sum(1)
    with np.errstate(invalid="ignore", divide="ignore"):
        vx = count * sxx - sx * sx
        vy = count * sy - sy * sy
        rho = (count * sxy - sx * sy) / np.sqrt(vx * vy)
    rho[~((vx > 1e-9) & (vy > 1e-9))] = -np.inf
    best = rho.max()
    winners = np.nonzero(rho >= best - 1e-12)[0]
    # Cross-check the winners with numpy's own correlation.
    for code in winners:
        check, *_ = discrete(a, labels[code], cross)
        assert abs(check - best) < 1e-12, (check, best)
    return float(best), [labels[code] for code in winners]


def continuous(a):
    n = len(a)
    iu, ju = np.triu_indices(n, 1)
    x = a[iu, ju]
    s = a.sum(1)
    start = s / np.sqrt(s.sum())

    def residual(c):
        return x - c[iu] * c[ju]

    def jacobian(c):
        jac = np.zeros((len(x), n))
        rows = np.arange(len(x))
        jac[rows, iu] = -c[ju]
        jac[rows, ju] = -c[iu]
        return jac

    def loss(c):
        r = residual(c)
        return 0.5 * (r @ r)

    def gradient(c):
        return c * ((c * c).sum() - c * c) - a @ c

    def hessian(c):
        h = 2 * np.outer(c, c) - a
        np.fill_diagonal(h, (c * c).sum() - c * c)
        return h

    fit = least_squares(residual, start, jac=jacobian, method="lm", xtol=1e-15, ftol=1e-15, gtol=1e-15,
                        max_nfev=100000)
    # Gauss-Newton converges only linearly here (the residuals are large); finish with Newton steps.
    polish = minimize(loss, fit.x, jac=gradient, hess=hessian, method="trust-exact", options={"gtol": 1e-14})
    c = polish.x
    assert np.linalg.eigvalsh(hessian(c))[0] > 0, "not a local minimum"
    # Stationarity: c_i * sum_{j != i} c_j^2 = sum_j a_ij c_j.
    assert np.abs(gradient(c)).max() < 1e-12 * max(1.0, np.abs(a @ c).max()), np.abs(gradient(c)).max()
    assert (c >= -1e-12).all()
    rho = pearson(x, c[iu] * c[ju])
    return [float(v) for v in c], rho


def labellings(a, ids, seed):
    n = len(a)
    degree = (a > 0).sum(1)
    order = sorted(range(n), key=lambda v: (-degree[v], v))
    rng = np.random.default_rng(seed)
    out = []
    for k in sorted({2, 5, n // 3}):
        core = np.zeros(n, bool)
        core[order[:k]] = True
        out.append((f"top{k}", core))
    for r in range(3):
        out.append((f"random{r}", rng.random(n) < 0.3))
    result = []
    for name, core in out:
        entry = {"name": name, "core": [ids[v] for v in range(n) if core[v]]}
        for cells, matrix in [("binary", (a > 0).astype(float)), ("valued", a)]:
            for cross in ["missing", "ones"]:
                rho, dc, dx, dp = discrete(matrix, core, cross)
                entry[f"{cells}_{cross}"] = {"rho": rho, "core_density": dc, "cross_density": dx,
                                            "periphery_density": dp}
        result.append(entry)
    return result


def main():
    for k, name in enumerate(DATASETS):
        ids, a = load(name)
        binary = (a > 0).astype(float)
        out = {"labellings": labellings(a, ids, seed=100 + k)}
        if name in BRUTE_FORCE:
            out["optimum"] = {}
            for cross in ["missing", "ones"]:
                best, cores = brute_force(binary, cross)
                out["optimum"][f"binary_{cross}"] = {
                    "rho": best, "cores": [[ids[v] for v in range(len(ids)) if core[v]] for core in cores]}
                print(f"{name} {cross}: optimum rho {best:.12f}, {len(cores)} labelling(s)")
        if name in CONTINUOUS:
            out["continuous"] = {}
            for cells, matrix in [("binary", binary), ("valued", a)]:
                c, rho = continuous(matrix)
                out["continuous"][cells] = {"fitted": dict(zip(ids, c)), "rho": rho}
                print(f"{name} continuous {cells}: rho {rho:.12f}")
        with open(os.path.join(HERE, name, "coreperiphery.json"), "w") as f:
            json.dump(out, f, indent=1, sort_keys=True)
            f.write("\n")


if __name__ == "__main__":
    main()
