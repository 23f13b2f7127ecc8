/// A read-only view of one CSR adjacency as raw buffers: the one place where the analysis
/// kernels read a graph without Swift's array checks.
///
/// Node v's entries are the positions `entries(v)` = `offsets[v] ..< offsets[v + 1]`; entry p
/// leads to `target(p)` with `weight(p)`. A view is taken once (`Adjacency.withView`) and shared
/// read-only by all the loops of a kernel, across threads too: it never outlives the closure it
/// is given to, and nothing writes the arrays it points into while it exists.
///
/// The accessors check their index with `assert`, so a debug build stops at the first index out
/// of range while a release build compiles them to bare loads, as fast as the raw pointers they
/// wrap. Modelled on swift-collections' `Deque._UnsafeHandle`: the unsafe code lives in one small
/// type whose every access states its bound.
public struct CSRView {
    /// `nodeCount + 1` positions, non-decreasing, from 0 to `entryCount`.
    public let offsets: UnsafeBufferPointer<Int>
    /// The target of each entry.
    public let targets: UnsafeBufferPointer<Int32>
    /// The weight (or, for a path search, the length) of each entry; nil for an unweighted view.
    public let weights: UnsafeBufferPointer<Double>?

    @inlinable
    init(offsets: UnsafeBufferPointer<Int>, targets: UnsafeBufferPointer<Int32>, weights: UnsafeBufferPointer<Double>?) {
        assert(offsets.count >= 1 && offsets.last == targets.count, "inconsistent CSR arrays")
        assert(weights == nil || weights?.count == targets.count, "one weight per entry")
        self.offsets = offsets
        self.targets = targets
        self.weights = weights
    }

    @inlinable public var nodeCount: Int { offsets.count &- 1 }
    @inlinable public var entryCount: Int { targets.count }
    @inlinable public var isWeighted: Bool { weights != nil }

    /// Positions of `v`'s entries.
    @inlinable @inline(__always)
    public func entries(_ v: Int) -> Range<Int> {
        assert(v >= 0 && v < nodeCount, "node out of range")
        return offsets[v]..<offsets[v &+ 1]
    }

    /// Number of `v`'s entries.
    @inlinable @inline(__always)
    public func degree(_ v: Int) -> Int {
        assert(v >= 0 && v < nodeCount, "node out of range")
        return offsets[v &+ 1] &- offsets[v]
    }

    /// First position of `v`'s entries (`entries(v).lowerBound`); `start(nodeCount)` is `entryCount`.
    @inlinable @inline(__always)
    public func start(_ v: Int) -> Int {
        assert(v >= 0 && v <= nodeCount, "node out of range")
        return offsets[v]
    }

    /// Target of entry `p`.
    @inlinable @inline(__always)
    public func target(_ p: Int) -> Int32 {
        assert(p >= 0 && p < targets.count, "entry out of range")
        return targets[p]
    }

    /// Weight of entry `p` (the view must be weighted).
    @inlinable @inline(__always)
    public func weight(_ p: Int) -> Double {
        assert(weights != nil, "unweighted view")
        assert(p >= 0 && p < targets.count, "entry out of range")
        return weights.unsafelyUnwrapped[p]
    }

    /// Whether `u` is among `v`'s targets (binary search; targets sorted ascending).
    @inlinable
    public func contains(_ v: Int, _ u: Int32) -> Bool {
        let range = entries(v)
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi {
            let mid = (lo &+ hi) >> 1
            if target(mid) < u { lo = mid &+ 1 } else { hi = mid }
        }
        return lo < range.upperBound && target(lo) == u
    }
}

extension Adjacency {
    /// `body` over a weighted view of this adjacency.
    @inlinable
    public func withView<R>(_ body: (CSRView) throws -> R) rethrows -> R {
        try withView(weights: weights, body)
    }

    /// `body` over a view of this adjacency whose entry weights are `weights` (one per entry, for
    /// instance path lengths) or absent (nil: an unweighted view).
    @inlinable
    public func withView<R>(weights: [Double]?, _ body: (CSRView) throws -> R) rethrows -> R {
        try CSRView.with(offsets: offsets, targets: neighbours, weights: weights, body)
    }

    /// `body` over views of two adjacencies at once (for instance a graph's `out` and `in`).
    @inlinable
    public static func withViews<R>(_ a: Adjacency, _ b: Adjacency, _ body: (CSRView, CSRView) throws -> R) rethrows -> R {
        try a.withView { va in try b.withView { vb in try body(va, vb) } }
    }
}

extension CSRView {
    /// `body` over a view of CSR arrays built by a kernel (for instance a forward or aggregated
    /// adjacency): `offsets` has one more entry than there are nodes, ending at `targets.count`,
    /// and `weights` is nil or holds one value per target.
    @inlinable
    public static func with<R>(offsets: [Int], targets: [Int32], weights: [Double]?,
                               _ body: (CSRView) throws -> R) rethrows -> R {
        precondition(offsets.last == targets.count, "inconsistent CSR arrays")
        precondition(weights == nil || weights?.count == targets.count, "one weight per entry")
        return try offsets.withUnsafeBufferPointer { offsets in
            try targets.withUnsafeBufferPointer { targets in
                guard let weights else { return try body(CSRView(offsets: offsets, targets: targets, weights: nil)) }
                return try weights.withUnsafeBufferPointer { try body(CSRView(offsets: offsets, targets: targets, weights: $0)) }
            }
        }
    }
}

extension CSRView {
    /// `body` over a weighted view of CSR arrays a kernel built in `Scratch` storage (one weight
    /// per target).
    @inlinable
    public static func with<R>(offsets: borrowing Scratch<Int>, targets: borrowing Scratch<Int32>,
                               weights: borrowing Scratch<Double>, _ body: (CSRView) throws -> R) rethrows -> R {
        precondition(offsets.count >= 1 && offsets[offsets.count - 1] == targets.count, "inconsistent CSR arrays")
        precondition(weights.count == targets.count, "one weight per entry")
        return try body(CSRView(offsets: offsets.buffer, targets: targets.buffer, weights: weights.buffer))
    }

    /// `body` over an unweighted view of CSR arrays a kernel built in `Scratch` storage.
    @inlinable
    public static func with<R>(offsets: borrowing Scratch<Int>, targets: borrowing Scratch<Int32>,
                               _ body: (CSRView) throws -> R) rethrows -> R {
        precondition(offsets.count >= 1 && offsets[offsets.count - 1] == targets.count, "inconsistent CSR arrays")
        return try body(CSRView(offsets: offsets.buffer, targets: targets.buffer, weights: nil))
    }
}
