import WeftGraph

/// A matrix the iterative kernels (`Lanczos`) use only through products, split into a fixed list
/// of row ranges: `apply` computes y = M·x and then runs `then` on each range's rows of y, `map`
/// runs a pass over the same ranges; both return the per-range results in range order, so sums
/// built from them do not depend on the number of threads. The kernels' vectors are `Scratch`
/// arrays, which the passes read and write (each range its own rows) without unsafe pointers.
protocol RowRangeOperator {
    func apply<T>(_ x: borrowing Scratch<Double>, into y: borrowing Scratch<Double>, then: (Range<Int>) -> T) -> [T]
    func map<T>(_ body: (Range<Int>) -> T) -> [T]
}

/// The product with a composition of two sparse matrices, y = second·(first·x), the intermediate vector kept in
/// a scratch buffer of its own (so one operator must not be used from two threads at once). Row
/// ranges are `second`'s. HITS's authorities are the leading eigenvector of AᵀA = `in`·`out`.
final class ComposedProduct: RowRangeOperator {
    let first: SparseProduct, second: SparseProduct
    private let middle: Scratch<Double>

    init(first: SparseProduct, then second: SparseProduct) {
        self.first = first
        self.second = second
        middle = Scratch(repeating: 0, count: first.adjacency.nodeCount)
    }

    func apply<T>(_ x: borrowing Scratch<Double>, into y: borrowing Scratch<Double>, then: (Range<Int>) -> T) -> [T] {
        _ = first.apply(x, into: middle) { _ in () }
        return second.apply(middle, into: y, then: then)
    }

    func map<T>(_ body: (Range<Int>) -> T) -> [T] { second.map(body) }
}

/// The sparse matrix–vector product of the iterative kernels, split across the cores by rows.
///
/// The rows are cut into a fixed number of ranges of about equal entry counts (one range on small
/// graphs, where starting threads costs more than it saves), whatever the number of threads, so
/// per-range partial sums (see `apply(_:into:then:)`) add up the same way on any machine.
public struct SparseProduct: Sendable, RowRangeOperator {
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
    public func apply(_ x: borrowing Scratch<Double>, into y: borrowing Scratch<Double>) {
        precondition(x.count == adjacency.nodeCount && y.count == adjacency.nodeCount, "vectors of the matrix's size")
        _ = apply(x, into: y) { _ in () }
    }

    /// The same product on arrays (a copy in and out).
    public func apply(_ x: [Double], into y: inout [Double]) {
        let result = Scratch<Double>(repeating: 0, count: y.count)
        apply(Scratch(x), into: result)
        y = result.array
    }

    /// The memory traffic one product cannot avoid, in bytes: the row offsets, column indices and
    /// (when weighted) weights read once, x read once, y written once. Dividing by a product's
    /// time gives the bandwidth it achieved, to hold against the machine's (STREAM triad).
    public var compulsoryBytes: Int {
        let n = adjacency.nodeCount, entries = adjacency.entryCount
        return (n + 1) * MemoryLayout<Int>.size + entries * (MemoryLayout<Int32>.size + (weighted ? MemoryLayout<Double>.size : 0))
            + 2 * n * MemoryLayout<Double>.size
    }

    /// The product, then `then(rows)` on each range's rows as soon as they are done (while they
    /// are in cache): element-wise updates and partial sums fused into the same pass. Returns what
    /// `then` returned for each range, in range order.
    func apply<T>(_ x: borrowing Scratch<Double>, into y: borrowing Scratch<Double>, then: (Range<Int>) -> T) -> [T] {
        assert(x.count == adjacency.nodeCount && y.count == adjacency.nodeCount, "vectors of the matrix's size")
        let ranges = self.ranges
        return adjacency.withView(weights: weighted ? adjacency.weights : nil) { g in
            Parallel.map(chunks: ranges.count, threads: threads) { chunk in
                SparseProduct.rows(ranges[chunk], g, x, y)
                return then(ranges[chunk])
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
    private static func rows(_ rows: Range<Int>, _ g: CSRView, _ x: borrowing Scratch<Double>, _ y: borrowing Scratch<Double>) {
        for v in rows {
            var s = 0.0
            if g.isWeighted {
                for p in g.entries(v) { s += g.weight(p) * x[Int(g.target(p))] }
            } else {
                for p in g.entries(v) { s += x[Int(g.target(p))] }
            }
            y[v] = s
        }
    }
}
