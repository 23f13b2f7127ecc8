import WeftGraph

/// A renumbering of a network's members for its shortest-path searches, so that members a search
/// reaches one after another sit near each other in memory.
///
/// The order is breadth-first over the undirected ties (Cuthill–McKee's order without its degree
/// sort): each component from its lowest-numbered member not yet numbered, neighbours in the order
/// of their ties. A search from any source then mostly touches a few nearby stretches of its
/// per-member arrays (distances, path counts, dependencies) instead of members scattered over the
/// whole network: on a network too large for the processor's caches, most loads stop missing.
///
/// Renumbering changes nothing a search computes. `PathNetwork(_:weighted:order:)` keeps every
/// member's ties in their original order, so a search from a renumbered source visits the same
/// members in the same sequence, counts the same paths and adds the same numbers in the same
/// order; `original(_:)` puts each member's result back at its own index. Cost: O(n + m) time,
/// two arrays of n 32-bit numbers.
///
/// Reference: E. Cuthill & J. McKee, "Reducing the bandwidth of sparse symmetric matrices",
/// Proc. 24th ACM National Conference (1969).
struct SearchOrder: Sendable {
    /// `number[v]`: member v's position in the order.
    let number: [Int32]
    /// `member[i]`: the member at position i (the inverse of `number`).
    let member: [Int32]

    /// The breadth-first order of `adjacency` (a network's undirected view).
    init(_ adjacency: Adjacency) {
        let n = adjacency.nodeCount
        var member = [Int32](repeating: 0, count: n)
        var number = [Int32](repeating: -1, count: n)
        member.withUnsafeMutableBufferPointer { queue in
            number.withUnsafeMutableBufferPointer { number in
                adjacency.withView { g in
                    var tail = 0, head = 0
                    for root in 0..<n where number[root] < 0 {
                        number[root] = Int32(truncatingIfNeeded: tail)
                        queue[tail] = Int32(truncatingIfNeeded: root); tail += 1
                        while head < tail {
                            let v = Int(queue[head]); head += 1
                            for p in g.entries(v) {
                                let w = Int(g.target(p))
                                if number[w] < 0 {
                                    number[w] = Int32(truncatingIfNeeded: tail)
                                    queue[tail] = Int32(truncatingIfNeeded: w); tail += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        self.number = number
        self.member = member
    }

    /// The order that lists `members` (a permutation of the members) in turn; `0..<n` keeps every
    /// member's number.
    init(members: [Int32]) {
        var number = [Int32](repeating: -1, count: members.count)
        for (i, v) in members.enumerated() {
            precondition(number[Int(v)] < 0, "member \(v) listed twice")
            number[Int(v)] = Int32(truncatingIfNeeded: i)
        }
        self.number = number
        self.member = members
    }

    var nodeCount: Int { number.count }

    /// `values` indexed by position in the order (`width` consecutive values per position),
    /// rearranged so that each member's values sit at its own index.
    func original<T>(_ values: [T], width: Int = 1) -> [T] {
        precondition(values.count == width * nodeCount, "one block of values per member")
        guard let first = values.first else { return values }
        var result = [T](repeating: first, count: values.count)
        values.withUnsafeBufferPointer { values in
            result.withUnsafeMutableBufferPointer { result in
                for v in 0..<nodeCount {
                    let from = Int(number[v]) &* width, to = v &* width
                    for j in 0..<width { result[to &+ j] = values[from &+ j] }
                }
            }
        }
        return result
    }
}

extension Adjacency {
    /// The CSR arrays of this adjacency with the members renumbered by `order`: row i holds the
    /// ties of `order.member[i]`, in their original order (so its targets need not be ascending),
    /// each target replaced by its number; `weights` (one per entry, or nil) move with their ties.
    func renumbered(by order: SearchOrder, weights: [Double]?) -> (offsets: [Int], targets: [Int32], weights: [Double]?) {
        let n = nodeCount
        precondition(order.nodeCount == n, "an order of another network")
        var offsets = [Int](repeating: 0, count: n + 1)
        var targets = [Int32](repeating: 0, count: entryCount)
        var moved = [Double](repeating: 0, count: weights == nil ? 0 : entryCount)
        withView(weights: weights) { g in
            offsets.withUnsafeMutableBufferPointer { offsets in
                targets.withUnsafeMutableBufferPointer { targets in
                    moved.withUnsafeMutableBufferPointer { moved in
                        var q = 0
                        for i in 0..<n {
                            let v = Int(order.member[i])
                            for p in g.entries(v) {
                                targets[q] = order.number[Int(g.target(p))]
                                if g.isWeighted { moved[q] = g.weight(p) }
                                q += 1
                            }
                            offsets[i + 1] = q
                        }
                    }
                }
            }
        }
        return (offsets, targets, weights == nil ? nil : moved)
    }
}
