import LinearAlgebra
import WeftGraph

/// Which implementation runs a measure that has a matrix form: a dense BLAS/LAPACK kernel on the
/// n × n adjacency matrix (exact, O(n²) memory, fast for small networks), or a sparse CSR kernel
/// (iterative, O(n + m) memory, for large ones). `auto` picks by size; both give the same values
/// within the stated tolerance.
public enum KernelPath: String, CaseIterable, Sendable {
    case auto, dense, sparse

    /// Largest network for which `auto` chooses the dense path. Measured, not guessed: the
    /// eigenvector benchmark in Benchmarks/ (dense dsyevr against sparse power iteration on
    /// random graphs of average degree 10, 2 cores, OpenBLAS) found no speed crossover — the
    /// sparse path takes under 2 ms up to 4,000 members while dsyevr takes 4 ms at 250, 11 ms at
    /// 500, 49 ms at 1,000 and 340 ms at 2,000. The dense path is kept for what it gives beyond
    /// speed — exact values and the check that the leading eigenvalue is simple — where that
    /// costs little: up to 500 members (about 10 ms per measure).
    public static let denseLimit = 500

    /// The path to take for a graph of `n` nodes.
    public func resolved(nodeCount n: Int) -> KernelPath {
        switch self {
        case .auto: return n <= KernelPath.denseLimit ? .dense : .sparse
        case .dense, .sparse: return self
        }
    }
}

/// Dense matrices of a graph's views, for the dense kernels.
enum DenseAdjacency {
    /// A[i, j] = weight (or 1) of the entry j in i's list of `adjacency`.
    static func matrix(_ adjacency: Adjacency, weighted: Bool) -> Matrix {
        let n = adjacency.nodeCount
        var a = Matrix(rows: n, columns: n)
        for i in 0..<n {
            for p in adjacency.offsets[i]..<adjacency.offsets[i + 1] {
                a[i, Int(adjacency.neighbors[p])] = weighted ? adjacency.weights[p] : 1
            }
        }
        return a
    }
}

/// The sparse matrix–vector product of the iterative kernels, split across the cores by rows.
///
/// The rows are cut into a fixed number of ranges of about equal entry counts (one range on small
/// graphs, where starting threads costs more than it saves), whatever the number of threads, so
/// per-range partial sums (see `apply(_:into:then:)`) add up the same way on any machine.
public struct SparseProduct: Sendable {
    let adjacency: Adjacency
    let weighted: Bool
    let ranges: [Range<Int>]
    let threads: Int

    /// Below this many entries the product runs on one thread, as one range.
    static let parallelThreshold = 50_000
    /// Ranges above the threshold.
    static let rangeCount = 8

    public init(_ adjacency: Adjacency, weighted: Bool, threads: Int = Parallel.threadCount) {
        self.adjacency = adjacency
        self.weighted = weighted
        self.threads = threads
        let parts = adjacency.entryCount < SparseProduct.parallelThreshold ? 1 : SparseProduct.rangeCount
        ranges = Parallel.balancedRanges(prefix: adjacency.offsets, parts: parts).filter { !$0.isEmpty }
    }

    /// y[v] = Σ_{p in row v} w_p · x[column p], with w_p = 1 when unweighted. Each row is summed
    /// in the same order whatever the split, so y does not depend on the thread count.
    public func apply(_ x: [Double], into y: inout [Double]) {
        _ = apply(x, into: &y) { _, _ in () }
    }

    /// The memory traffic one product cannot avoid, in bytes: the row offsets, column indices and
    /// (when weighted) weights read once, x read once, y written once. Dividing by a product's
    /// time gives the bandwidth it achieved, to hold against the machine's (STREAM triad).
    public var compulsoryBytes: Int {
        let n = adjacency.nodeCount, entries = adjacency.entryCount
        return (n + 1) * MemoryLayout<Int>.size + entries * (MemoryLayout<Int32>.size + (weighted ? MemoryLayout<Double>.size : 0))
            + 2 * n * MemoryLayout<Double>.size
    }

    /// The product, then `then(rows, y)` on each range's rows as soon as they are done (while they
    /// are in cache): element-wise updates and partial sums fused into the same pass. Returns what
    /// `then` returned for each range, in range order.
    func apply<T>(_ x: [Double], into y: inout [Double], then: (Range<Int>, UnsafeMutableBufferPointer<Double>) -> T) -> [T] {
        let weighted = self.weighted, ranges = self.ranges
        return adjacency.offsets.withUnsafeBufferPointer { off in
            adjacency.neighbors.withUnsafeBufferPointer { nb in
                adjacency.weights.withUnsafeBufferPointer { w in
                    x.withUnsafeBufferPointer { x in
                        y.withUnsafeMutableBufferPointer { y in
                            Parallel.map(chunks: ranges.count, threads: threads) { chunk in
                                if weighted {
                                    SparseProduct.rows(ranges[chunk], off, nb, w, x, y)
                                } else {
                                    SparseProduct.rows(ranges[chunk], off, nb, nil, x, y)
                                }
                                return then(ranges[chunk], y)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Runs `body` on each of the product's row ranges across the threads and returns the results
    /// in range order: element-wise passes, and partial sums that add up the same whatever the
    /// number of threads.
    func map<T>(_ body: (Range<Int>) -> T) -> [T] {
        let ranges = self.ranges
        return Parallel.map(chunks: ranges.count, threads: threads) { body(ranges[$0]) }
    }

    @inline(__always)
    private static func rows(_ rows: Range<Int>, _ off: UnsafeBufferPointer<Int>, _ nb: UnsafeBufferPointer<Int32>,
                             _ w: UnsafeBufferPointer<Double>?, _ x: UnsafeBufferPointer<Double>,
                             _ y: UnsafeMutableBufferPointer<Double>) {
        for v in rows {
            var s = 0.0
            if let w {
                for p in off[v]..<off[v + 1] { s += w[p] * x[Int(nb[p])] }
            } else {
                for p in off[v]..<off[v + 1] { s += x[Int(nb[p])] }
            }
            y[v] = s
        }
    }
}

/// Vector helpers for the iterative kernels.
enum Vectors {
    static func l1Distance(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in a.indices { s += abs(a[i] - b[i]) }
        return s
    }

    static func euclideanNorm(_ a: [Double]) -> Double {
        var s = 0.0
        for x in a { s += x * x }
        return s.squareRoot()
    }

    /// Scales `a` to unit Euclidean norm with a non-negative sum (the sign convention for
    /// eigenvector-type centralities).
    static func unitPositive(_ a: [Double]) -> [Double] {
        let norm = euclideanNorm(a)
        guard norm > 0 else { return a }
        let sign: Double = a.reduce(0, +) < 0 ? -1 : 1
        return a.map { $0 * sign / norm }
    }

    /// Scales `a` to sum 1 (left as is when the sum is 0).
    static func sumOne(_ a: [Double]) -> [Double] {
        let s = a.reduce(0, +)
        return s == 0 ? a : a.map { $0 / s }
    }
}
