import WeftGraph

/// Community numbers aligned to a previous run's, so that a monthly refresh keeps a community's
/// number — and a dashboard's colour for it — while its members stay.
///
/// Each current community takes the number of the previous community it shares the most members
/// with (members matched by output id: the member id, or the pseudonym — keyed pseudonyms match
/// across runs), greedily: the pairs are taken in decreasing order of shared members (ties: the
/// larger current community, i.e. the lower current index, then the lower previous number), and a
/// pair is used when neither side has been matched yet. A community with no match gets a new
/// number after every previous one, in size order. Without a previous run the numbers are the
/// usual 1 = largest. O(members + pairs · log pairs).
public struct CommunityAlignment: Sendable, Equatable {
    /// The number shown for each current community (index 0 = largest).
    public let numbers: [Int]
    /// For each current community, the previous number it took (nil: new) and the members shared with it.
    public let previous: [Int?]
    public let shared: [Int]

    /// The identity numbering: community i is i + 1.
    public init(count: Int) {
        numbers = (0..<count).map { $0 + 1 }
        previous = Array(repeating: nil, count: count)
        shared = Array(repeating: 0, count: count)
    }

    /// - Parameters:
    ///   - group: each node's current community (0-based, 0 = largest).
    ///   - count: number of current communities.
    ///   - ids: each node's output id.
    ///   - previousCommunity: the previous run's community number per output id.
    public init(group: [Int32], count: Int, ids: IdentifierRegistry, previousCommunity: [String: Int]) {
        var overlap: [Int: [Int: Int]] = [:]   // current → previous → shared members
        for v in group.indices {
            guard group[v] >= 0, let p = previousCommunity[ids[Int32(v)]] else { continue }
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
        var next = (previousCommunity.values.max() ?? 0) + 1
        self.numbers = numbers.map { number in
            if let number { return number }
            defer { next += 1 }
            return next
        }
        self.shared = shared
    }
}
