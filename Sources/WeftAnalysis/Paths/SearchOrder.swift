import WeftGraph

/// A renumbering of a network's members for its shortest-path searches, so that members a search
/// reaches one after another sit near each other in memory.
///
/// The order is breadth-first over the undirected ties (Cuthill–McKee's order without its degree
/// sort): each component from its lowest-numbered member not yet numbered, neighbours in the order
/// of their ties. A search from any source then mostly touches a few nearby stretches of its
/// per-member arrays (distances, path counts, dependencies) instead of members scattered over the
/// whole network: on a network too large for the processor's caches, far fewer loads miss them.
///
/// Renumbering changes nothing a search computes. `PathNetwork(_:weighted:order:)` keeps every
/// member's ties in their original order, so a search from a renumbered source visits the same
/// members in the same sequence, counts the same paths and adds the same numbers in the same
/// order; `original(_:)` puts each member's result back at its own index. Cost: O(n + m) time,
/// two arrays of n 32-bit numbers, and a renumbered copy of each adjacency searched.
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
        let queue = Scratch<Int32>(repeating: 0, count: n)
        let number = Scratch<Int32>(repeating: -1, count: n)
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
        self.number = number.array
        self.member = queue.array
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
    func original<T: BitwiseCopyable>(_ values: [T], width: Int = 1) -> [T] {
        precondition(values.count == width * nodeCount, "one block of values per member")
        guard let first = values.first else { return values }
        let from = Scratch(values), result = Scratch<T>(repeating: first, count: values.count)
        for v in 0..<nodeCount {
            let source = Int(number[v]) &* width, target = v &* width
            for j in 0..<width { result[target &+ j] = from[source &+ j] }
        }
        return result.array
    }
}

extension Adjacency {
    /// The CSR arrays of this adjacency with the members renumbered by `order`: row i holds the
    /// ties of `order.member[i]`, in their original order (so its targets need not be ascending),
    /// each target replaced by its number; `weights` (one per entry, or nil) move with their ties.
    func renumbered(by order: SearchOrder, weights: [Double]?) -> (offsets: [Int], targets: [Int32], weights: [Double]?) {
        let n = nodeCount
        precondition(order.nodeCount == n, "an order of another network")
        let offsets = Scratch<Int>(repeating: 0, count: n + 1)
        let targets = Scratch<Int32>(repeating: 0, count: entryCount)
        let moved = Scratch<Double>(repeating: 0, count: weights == nil ? 0 : entryCount)
        let member = Scratch(order.member), number = Scratch(order.number)
        withView(weights: weights) { g in
            var q = 0
            for i in 0..<n {
                for p in g.entries(Int(member[i])) {
                    targets[q] = number[Int(g.target(p))]
                    if g.isWeighted { moved[q] = g.weight(p) }
                    q += 1
                }
                offsets[i + 1] = q
            }
        }
        return (offsets.array, targets.array, weights == nil ? nil : moved.array)
    }
}
