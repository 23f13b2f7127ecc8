import LinearAlgebra
import WeftGraph

/// A two-dimensional drawing of a connected graph by stress majorisation, started from classical
/// multidimensional scaling.
///
/// Definition: with d_ij the shortest-path distance in hops between members i and j (undirected,
/// unweighted) and weights w_ij = d_ij⁻², the layout X = (x_i, y_i) minimises the stress
///
///     stress(X) = Σ_{i<j} w_ij (‖X_i − X_j‖ − d_ij)²,
///
/// so that drawn distances reproduce network distances, short ones most faithfully. Pairs in
/// different components (d = ∞) are given d = max finite d + 1; `GraphLayout` lays components
/// out one at a time, so this only matters when the class is used on its own.
///
/// Start: classical MDS (Torgerson 1952) — the two leading eigenvectors of the doubly centred
/// matrix B = −½ J D⁽²⁾ J, scaled by the square roots of their eigenvalues, computed by LAPACK
/// (`SymmetricEigen`, dsyevr). Each eigenvector's sign is fixed (its largest-magnitude entry
/// positive) and a seeded jitter of 0.01 separates members MDS puts on the same spot (the
/// leaves of a star), so the layout is the same on every machine for a given seed.
///
/// Iteration: the node-by-node (Gauss–Seidel) majorisation update of Gansner, Koren & North,
/// "Graph drawing by stress majorization", Graph Drawing 2004, LNCS 3383:
///
///     X_i ← Σ_{j≠i} w_ij (X_j + d_ij (X_i − X_j) / ‖X_i − X_j‖) / Σ_{j≠i} w_ij,
///
/// which minimises a quadratic majorant of the stress in X_i with the others fixed, so the stress
/// never increases from one sweep to the next. Stops when a sweep lowers the stress by less than
/// `tolerance` relative (default 10⁻⁴, Gansner et al.'s ε), or after `maxIterations` sweeps.
///
/// Cost: O(n²) memory for the distances and O(n²) time per sweep, plus O(n³) for the eigen
/// start: meant for up to a few thousand members (`GraphLayout` switches to `ForceDirected`
/// beyond `GraphLayout.stressLimit`).
public struct StressMajorization: Sendable {
    public let x: [Double]
    public let y: [Double]
    /// The stress of the MDS start (first entry) and after each sweep.
    public let stressHistory: [Double]

    public init(_ adjacency: Adjacency, seed: UInt64 = 42, maxIterations: Int = 300, tolerance: Double = 1e-4) {
        let n = adjacency.nodeCount
        let d = StressMajorization.distances(adjacency)
        var (x, y) = StressMajorization.classicalScaling(d, n: n, seed: seed)
        var history = [StressMajorization.stress(Scratch(x), Scratch(y), Scratch(d))]
        if n > 2 {
            // w_ij = d_ij⁻² once (n² more doubles), and its row sums.
            let dp = Scratch(d), wp = Scratch<Double>(repeating: 0, count: n * n)
            for k in 0..<(n * n) { wp[k] = d[k] > 0 ? 1 / (d[k] * d[k]) : 0 }
            var weightSum = [Double](repeating: 0, count: n)
            for i in 0..<n { for j in 0..<n { weightSum[i] += wp[i * n + j] } }
            let xp = Scratch(x), yp = Scratch(y)
            for _ in 0..<maxIterations {
                for i in 0..<n {
                    let row = i * n
                    // Two runs, j < i and j > i, so the loops need no test for j = i.
                    let (ax, ay) = StressMajorization.pull(0, i, xp[i], yp[i], xp, yp, dp, wp, row)
                    let (bx, by) = StressMajorization.pull(i + 1, n, xp[i], yp[i], xp, yp, dp, wp, row)
                    xp[i] = (ax + bx) / weightSum[i]
                    yp[i] = (ay + by) / weightSum[i]
                }
                let s = StressMajorization.stress(xp, yp, dp)
                let previous = history[history.count - 1]
                history.append(s)
                if previous <= 0 || (previous - s) / previous < tolerance { break }
            }
            x = xp.array
            y = yp.array
        }
        self.x = x
        self.y = y
        stressHistory = history
    }

    /// Σ_{lo ≤ j < hi} w_ij (X_j + d_ij (X_i − X_j) / ‖X_i − X_j‖): member i's part of the
    /// majorisation update (a coincident pair contributes w_ij X_j).
    @inline(__always)
    static func pull(_ lo: Int, _ hi: Int, _ xi: Double, _ yi: Double, _ x: borrowing Scratch<Double>,
                     _ y: borrowing Scratch<Double>, _ d: borrowing Scratch<Double>, _ w: borrowing Scratch<Double>,
                     _ row: Int) -> (Double, Double) {
        var sx = 0.0, sy = 0.0
        for j in lo..<hi {
            let dx = xi - x[j], dy = yi - y[j]
            let length = (dx * dx + dy * dy).squareRoot()
            let f = length > 1e-12 ? d[row + j] / length : 0
            sx += w[row + j] * (x[j] + f * dx)
            sy += w[row + j] * (y[j] + f * dy)
        }
        return (sx, sy)
    }

    /// All-pairs hop distances (n × n, row-major) by breadth-first search; unreachable pairs get
    /// the largest finite distance plus one.
    public static func distances(_ adjacency: Adjacency) -> [Double] {
        let n = adjacency.nodeCount
        var d = [Double](repeating: -1, count: n * n)
        var queue = [Int32](repeating: 0, count: max(1, n))
        var longest = 0.0
        for s in 0..<n {
            let row = s * n
            d[row + s] = 0
            var head = 0, tail = 1
            queue[0] = Int32(s)
            while head < tail {
                let v = Int(queue[head]); head += 1
                let next = d[row + v] + 1
                for u in adjacency.neighbours(of: v) where d[row + Int(u)] < 0 {
                    d[row + Int(u)] = next
                    longest = max(longest, next)
                    queue[tail] = u; tail += 1
                }
            }
        }
        for k in d.indices where d[k] < 0 { d[k] = longest + 1 }
        return d
    }

    /// Σ_{i<j} d_ij⁻² (‖X_i − X_j‖ − d_ij)² for n points (x, y) and n × n row-major distances.
    /// - Throws: `ArgumentError` when y or the distances do not match x's n.
    public static func stress(x: [Double], y: [Double], distances d: [Double]) throws -> Double {
        let n = x.count
        try ArgumentError.require(y.count == n, "StressMajorization.stress", "y", "must have as many entries as x (\(n), got \(y.count))")
        try ArgumentError.require(d.count == n * n, "StressMajorization.stress", "distances",
                                  "must hold n × n = \(n * n) entries (got \(d.count))")
        return stress(Scratch(x), Scratch(y), Scratch(d))
    }

    static func stress(_ x: borrowing Scratch<Double>, _ y: borrowing Scratch<Double>, _ d: borrowing Scratch<Double>) -> Double {
        let n = x.count
        var total = 0.0
        for i in 0..<n {
            let xi = x[i], yi = y[i], row = i * n
            var part = 0.0
            for j in (i + 1)..<max(i + 1, n) {
                let dij = d[row + j]
                let dx = xi - x[j], dy = yi - y[j]
                let e = (dx * dx + dy * dy).squareRoot() - dij
                part += e * e / (dij * dij)
            }
            total += part
        }
        return total
    }

    /// Classical MDS coordinates plus a seeded jitter of ±0.01; a seeded random start when LAPACK
    /// fails or n ≤ 2 (two members are placed d apart on the x axis).
    static func classicalScaling(_ d: [Double], n: Int, seed: UInt64) -> ([Double], [Double]) {
        var rng = SeededGenerator(seed: seed)
        var x = [Double](repeating: 0, count: n), y = [Double](repeating: 0, count: n)
        if n == 2 { x[1] = d[1]; return (x, y) }
        guard n > 2 else { return (x, y) }
        var b = Matrix(rows: n, columns: n)
        var rowMean = [Double](repeating: 0, count: n)
        var grand = 0.0
        for i in 0..<n {
            for j in 0..<n { rowMean[i] += d[i * n + j] * d[i * n + j] }
            grand += rowMean[i]
            rowMean[i] /= Double(n)
        }
        grand /= Double(n * n)
        for j in 0..<n {
            for i in 0..<n { b[i, j] = -0.5 * (d[i * n + j] * d[i * n + j] - rowMean[i] - rowMean[j] + grand) }
        }
        if let eigen = try? SymmetricEigen(b, selection: .largest(2)), let vectors = eigen.vectors, vectors.columns == 2 {
            // Ascending order: column 1 is the leading eigenvector.
            for (target, column) in [(0, 1), (1, 0)] {
                let scale = max(eigen.values[column], 0).squareRoot()
                var v = vectors.column(column)
                var largest = 0
                for k in 1..<n where abs(v[k]) > abs(v[largest]) + 1e-12 { largest = k }
                if v[largest] < 0 { for k in 0..<n { v[k] = -v[k] } }
                for k in 0..<n {
                    if target == 0 { x[k] = v[k] * scale } else { y[k] = v[k] * scale }
                }
            }
            for k in 0..<n {
                x[k] += 0.02 * (rng.nextUnit() - 0.5)
                y[k] += 0.02 * (rng.nextUnit() - 0.5)
            }
        } else {
            let side = Double(n).squareRoot()
            for k in 0..<n { x[k] = side * rng.nextUnit(); y[k] = side * rng.nextUnit() }
        }
        return (x, y)
    }
}
