import LinearAlgebra
import WeftGraph

/// k-means clustering (Lloyd's algorithm) with k-means++ seeding, seeded and deterministic.
///
/// Minimises the inertia Σ_i ‖x_i − c_{label(i)}‖². Squared distances to the centroids come from
/// one gemm per iteration: ‖x‖² + ‖c‖² − 2·X·Cᵀ. Each of `restarts` independent runs draws its own
/// k-means++ start from a generator seeded with (seed, restart); the run of lowest inertia is kept
/// (ties: the earlier restart). Restarts run in parallel and are combined in restart order, so the
/// result does not depend on the number of threads. An emptied cluster is re-seeded with the
/// point farthest from its centroid. Stops when no label changes or after `maxIterations`.
/// References: Lloyd, "Least squares quantization in PCM" (1982); Arthur & Vassilvitskii,
/// "k-means++: the advantages of careful seeding" (2007); scikit-learn's `KMeans`.
public struct KMeans: Sendable {
    public let k: Int
    /// Cluster of each point (0..<k).
    public let labels: [Int32]
    /// Centroids, k × d.
    public let centroids: Matrix
    public let inertia: Double
    public let iterations: Int

    /// - Parameter points: n × d, one point per row (n ≥ k ≥ 1).
    /// - Throws: `ArgumentError` when k < 1 or there are fewer than k points.
    public init(points: Matrix, k: Int, seed: UInt64, restarts: Int = 10, maxIterations: Int = 300,
                threads: Int = Parallel.threadCount) throws {
        self = try KMeans.fits(points: points, ks: [(k, seed)], restarts: restarts, maxIterations: maxIterations, threads: threads)[0]
    }

    /// One fit per (k, seed) of `ks`, each the same as `KMeans(points:k:seed:restarts:…)`: every
    /// restart of every k is a task of its own and they share the threads together, so that no
    /// core waits for one k's longest restart before the next k starts.
    /// - Throws: `ArgumentError` when a k is below 1 or above the number of points.
    public static func fits(points: Matrix, ks: [(k: Int, seed: UInt64)], restarts: Int = 10, maxIterations: Int = 300,
                            threads: Int = Parallel.threadCount) throws -> [KMeans] {
        for (k, _) in ks {
            try ArgumentError.require(k >= 1 && points.rows >= k, "KMeans", "k", "must be from 1 to the number of points, \(points.rows) (got \(k))")
        }
        let norms = KMeans.rowNorms(points)
        let perK = max(1, restarts)
        let runs = Parallel.map(chunks: ks.count * perK, threads: threads) { task in
            let (k, seed) = ks[task / perK], r = task % perK
            return KMeans.run(points, norms: norms, k: k, seed: seed &+ UInt64(r) &* 0x9E37_79B9_7F4A_7C15, maxIterations: maxIterations)
        }
        return ks.indices.map { i in
            var best = i * perK
            for r in i * perK..<(i + 1) * perK where runs[r].inertia < runs[best].inertia { best = r }
            return KMeans(k: ks[i].k, fit: runs[best])
        }
    }

    private init(k: Int, fit: (labels: [Int32], centroids: Matrix, inertia: Double, iterations: Int)) {
        self.k = k
        (labels, centroids, inertia, iterations) = fit
    }

    /// The nearest centroid of each row of `points` (ties: the lower cluster).
    public static func assign(_ points: Matrix, to centroids: Matrix) -> [Int32] {
        nearestCentroids(points, rowNorms(points), centroids).labels
    }

    static func rowNorms(_ x: Matrix) -> [Double] {
        let n = x.rows
        var norms = [Double](repeating: 0, count: n)
        x.values.withUnsafeBufferPointer { values in
            norms.withUnsafeMutableBufferPointer { norms in
                for j in 0..<x.columns {
                    let column = j * n
                    for i in 0..<n { norms[i] += values[column + i] * values[column + i] }
                }
            }
        }
        return norms
    }

    /// The nearest centroid of each point (ties: the lower cluster) and its squared distance
    /// ‖x_i − c_j‖² = ‖x_i‖² − 2 x_i·c_j + ‖c_j‖², clamped at 0. The products come from one matrix
    /// product (n × k); each point's k distances are then formed and compared in one pass over its
    /// row, the best kept in registers: where a pass per centroid stored every distance and
    /// compared it in memory, branching on each comparison.
    static func nearestCentroids(_ x: Matrix, _ norms: [Double], _ c: Matrix) -> (labels: [Int32], distance: [Double]) {
        var products = Matrix(rows: x.rows, columns: c.rows)
        BLAS.gemm(x, c, transB: .transpose, alpha: -2, into: &products)
        let centroidNorms = rowNorms(c)
        let n = x.rows, k = c.rows
        var labels = [Int32](repeating: 0, count: n), best = [Double](repeating: .infinity, count: n)
        products.values.withUnsafeBufferPointer { products in
            norms.withUnsafeBufferPointer { norms in
                centroidNorms.withUnsafeBufferPointer { centroidNorms in
                    labels.withUnsafeMutableBufferPointer { labels in
                        best.withUnsafeMutableBufferPointer { best in
                            for i in 0..<n {
                                var nearest: Int32 = 0, distance = Double.infinity
                                for j in 0..<k {
                                    let d = max(0, products[j &* n &+ i] + norms[i] + centroidNorms[j])
                                    if d < distance { distance = d; nearest = Int32(truncatingIfNeeded: j) }
                                }
                                labels[i] = nearest
                                best[i] = distance
                            }
                        }
                    }
                }
            }
        }
        return (labels, best)
    }

    static func run(_ x: Matrix, norms: [Double], k: Int, seed: UInt64, maxIterations: Int)
        -> (labels: [Int32], centroids: Matrix, inertia: Double, iterations: Int) {
        var random = SeededGenerator(seed: seed)
        var c = plusPlus(x, norms: norms, k: k, random: &random)
        var labels = [Int32](repeating: -1, count: x.rows)
        var distance: [Double] = []
        var iterations = 0
        while iterations < maxIterations {
            iterations += 1
            let assigned = nearestCentroids(x, norms, c)
            distance = assigned.distance
            if assigned.labels == labels { break }
            labels = assigned.labels
            c = means(x, labels: labels, distance: distance, k: k)
        }
        return (labels, c, distance.reduce(0, +), iterations)
    }

    /// Centroids as the means of their points; an empty cluster takes the point farthest from its
    /// own centroid (not already taken).
    static func means(_ x: Matrix, labels: [Int32], distance: [Double], k: Int) -> Matrix {
        let n = x.rows
        var size = [Int](repeating: 0, count: k)
        // Column sums per cluster (k × d, column-major), each point added in row order; a row's
        // d additions go to d independent sums, so they overlap instead of waiting on each other.
        let d = x.columns
        var sums = [Double](repeating: 0, count: k * d)
        x.values.withUnsafeBufferPointer { values in
            labels.withUnsafeBufferPointer { labels in
                size.withUnsafeMutableBufferPointer { size in
                    sums.withUnsafeMutableBufferPointer { sums in
                        for i in 0..<n {
                            let cluster = Int(labels[i])
                            size[cluster] += 1
                            for j in 0..<d { sums[j * k + cluster] += values[j * n + i] }
                        }
                    }
                }
            }
        }
        var c = Matrix(rows: k, columns: x.columns, columnMajor: sums)
        var taken = Set<Int>()
        for cluster in 0..<k {
            if size[cluster] > 0 {
                for j in 0..<x.columns { c[cluster, j] /= Double(size[cluster]) }
                continue
            }
            var far = -1
            for i in 0..<x.rows where !taken.contains(i) && (far < 0 || distance[i] > distance[far]) { far = i }
            taken.insert(far)
            for j in 0..<x.columns { c[cluster, j] = x[far, j] }
        }
        return c
    }

    /// k-means++: the first centre uniformly, each next one with probability ∝ D(x)², the squared
    /// distance to the nearest centre chosen so far.
    static func plusPlus(_ x: Matrix, norms: [Double], k: Int, random: inout SeededGenerator) -> Matrix {
        var c = Matrix(rows: k, columns: x.columns)
        var chosen = random.int(below: x.rows)
        var closest = [Double](repeating: .infinity, count: x.rows)
        let n = x.rows
        for cluster in 0..<k {
            for j in 0..<x.columns { c[cluster, j] = x[chosen, j] }
            guard cluster + 1 < k else { break }
            x.values.withUnsafeBufferPointer { values in
                closest.withUnsafeMutableBufferPointer { closest in
                    for i in 0..<n {
                        var d = 0.0
                        for j in 0..<x.columns { let t = values[j * n + i] - values[j * n + chosen]; d += t * t }
                        closest[i] = min(closest[i], d)
                    }
                }
            }
            let total = closest.reduce(0, +)
            if total <= 0 { chosen = random.int(below: x.rows); continue }
            var target = random.nextUnit() * total
            chosen = x.rows - 1
            for i in 0..<x.rows {
                target -= closest[i]
                if target < 0 { chosen = i; break }
            }
        }
        return c
    }
}

/// The silhouette of a clustering: for each point, a = mean distance to the other points of its
/// cluster, b = the smallest mean distance to the points of another cluster, s = (b − a)/max(a, b)
/// (0 for a point alone in its cluster); the score is the mean of s. Euclidean distances, computed
/// directly (no Gram-matrix rounding), O(n²·d). As scikit-learn's `silhouette_score`.
/// Reference: Rousseeuw, "Silhouettes: a graphical aid to the interpretation and validation of
/// cluster analysis" (1987).
public enum Silhouette {
    /// - Parameters: points n × d, labels in 0..<k. nil with fewer than 2 clusters or n − 1 or more.
    public static func score(_ points: Matrix, labels: [Int32], k: Int, threads: Int = Parallel.threadCount) -> Double? {
        scores(points, labelings: [(labels, k)], threads: threads)[0]
    }

    /// The score of each labelling of the same points (each as `score`), from one pass over the
    /// pairs: each distance is computed once and added to every labelling's sums, in the same
    /// order as `score` adds them, so each score is the same to the last bit.
    public static func scores(_ points: Matrix, labelings: [(labels: [Int32], k: Int)], threads: Int = Parallel.threadCount) -> [Double?] {
        let n = points.rows
        let sizes = labelings.map { labelling in
            var size = [Int](repeating: 0, count: labelling.k)
            for l in labelling.labels { size[Int(l)] += 1 }
            return size
        }
        let scored = labelings.indices.filter { t in
            let used = sizes[t].filter { $0 > 0 }.count
            return used >= 2 && used < n
        }
        guard !scored.isEmpty else { return labelings.map { _ in nil } }
        // Row-major copy: each point's features side by side.
        let d = points.columns
        var flat = [Double](repeating: 0, count: n * d)
        for i in 0..<n { for f in 0..<d { flat[i * d + f] = points[i, f] } }
        // The scored labellings side by side, and each one's offset into a row of sums.
        let labels = scored.flatMap { labelings[$0].labels }
        var offsets = [0]
        for t in scored { offsets.append(offsets.last! + labelings[t].k) }
        let rows = flat, chunk = 64, width = offsets.last!
        // Per chunk of points: s(i) of each scored labelling, labelling by labelling.
        let parts = Parallel.map(chunks: (n + chunk - 1) / chunk, threads: threads) { part -> [[Double]] in
            let range = part * chunk..<min(n, (part + 1) * chunk)
            var values = [[Double]](repeating: [], count: scored.count)
            var sums = [Double](repeating: 0, count: width)
            for i in range {
                for c in 0..<width { sums[c] = 0 }
                rows.withUnsafeBufferPointer { rows in
                    labels.withUnsafeBufferPointer { labels in
                        sums.withUnsafeMutableBufferPointer { sums in
                            let xi = i * d
                            for j in 0..<n where j != i {
                                var distance = 0.0
                                let xj = j * d
                                for f in 0..<d { let t = rows[xi + f] - rows[xj + f]; distance += t * t }
                                let root = distance.squareRoot()
                                for t in 0..<scored.count { sums[offsets[t] + Int(labels[t * n + j])] += root }
                            }
                        }
                    }
                }
                for (t, labelling) in scored.enumerated() {
                    let size = sizes[labelling], base = offsets[t]
                    let own = Int(labels[t * n + i])
                    guard size[own] > 1 else { values[t].append(0); continue }
                    let a = sums[base + own] / Double(size[own] - 1)
                    var b = Double.infinity
                    for c in 0..<labelings[labelling].k where c != own && size[c] > 0 { b = min(b, sums[base + c] / Double(size[c])) }
                    let m = max(a, b)
                    values[t].append(m > 0 ? (b - a) / m : 0)
                }
            }
            return values
        }
        var result = [Double?](repeating: nil, count: labelings.count)
        for (t, labelling) in scored.enumerated() {
            result[labelling] = parts.lazy.map { $0[t] }.joined().reduce(0, +) / Double(n)
        }
        return result
    }
}
