import WeftGraph

/// Group numbers — communities, k-means clusters — aligned to a previous run's, so that a monthly
/// refresh keeps a group's number (and a dashboard's colour for it) while its members stay.
///
/// Each current group takes the number of the previous group it shares the most members
/// with (members matched by output id: the member id, or the pseudonym — keyed pseudonyms match
/// across runs), greedily: the pairs are taken in decreasing order of shared members (ties: the
/// lower current index — for communities the larger one — then the lower previous number), and a
/// pair is used when neither side has been matched yet. A group with no match gets a new number
/// after every previous one, in index order. Without a previous run the numbers are the usual
/// index + 1. O(members + pairs · log pairs).
public struct NumberAlignment: Sendable, Equatable {
    /// The number shown for each current group (by index).
    public let numbers: [Int]
    /// For each current group, the previous number it took (nil: new) and the members shared with it.
    public let previous: [Int?]
    public let shared: [Int]

    /// The identity numbering: group i is i + 1.
    public init(count: Int) {
        numbers = (0..<count).map { $0 + 1 }
        previous = Array(repeating: nil, count: count)
        shared = Array(repeating: 0, count: count)
    }

    /// - Parameters:
    ///   - group: each node's current group (0-based; −1: in none).
    ///   - count: number of current groups.
    ///   - ids: each node's output id.
    ///   - previous: the previous run's group number per output id.
    public init(group: [Int32], count: Int, ids: IdentifierRegistry, previous previousNumber: [String: Int]) {
        var overlap: [Int: [Int: Int]] = [:]   // current → previous → shared members
        for v in group.indices {
            guard group[v] >= 0, let p = previousNumber[ids[Int32(v)]] else { continue }
            overlap[Int(group[v]), default: [:]][p, default: 0] += 1
        }
        var pairs: [(current: Int, previous: Int, shared: Int)] = []
        for (c, row) in overlap { for (p, n) in row { pairs.append((c, p, n)) } }
        pairs.sort { a, b in
            if a.shared != b.shared { return a.shared > b.shared }
            if a.current != b.current { return a.current < b.current }
            return a.previous < b.previous
        }
        var numbers = [Int?](repeating: nil, count: count), shared = [Int](repeating: 0, count: count)
        var taken = Set<Int>()
        for pair in pairs where numbers[pair.current] == nil && !taken.contains(pair.previous) {
            numbers[pair.current] = pair.previous
            shared[pair.current] = pair.shared
            taken.insert(pair.previous)
        }
        previous = numbers
        var next = (previousNumber.values.max() ?? 0) + 1
        self.numbers = numbers.map { number in
            if let number { return number }
            defer { next += 1 }
            return next
        }
        self.shared = shared
    }
}

extension NumberAlignment {
    /// As report.json records it: `previous` names the previous report; `sizes` are the current
    /// groups' sizes, by index.
    func summary<Kind>(previous source: String, sizes: [Int]) -> Report.AlignmentSummary<Kind> {
        Report.AlignmentSummary(previous: source, sharedMembers: shared.reduce(0, +),
                                matched: previous.compactMap { $0 }.count, new: previous.filter { $0 == nil }.count,
                                groups: numbers.indices.map {
                                    .init(number: numbers[$0], size: sizes[$0], previousNumber: previous[$0], sharedMembers: shared[$0])
                                })
    }
}
