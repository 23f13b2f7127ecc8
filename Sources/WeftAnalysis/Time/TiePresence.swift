import WeftGraph

/// When each tie of a network was present: for every tie of the whole window's graph, the
/// periods in which it had a record (its presence in that period's graph), as one bit per tie
/// and period, and as runs of consecutive periods. This is what GEXF's edge spells show, so that
/// Gephi's timeline plays ties appearing, pausing and coming back.
///
/// Built in one pass over the periods' graphs, in period order: each period's tie table is
/// merged with the whole graph's (both sorted by (source, target)), so the cost is linear in the
/// ties of all periods; memory is ties × ⌈periods / 64⌉ words (16 MB for 2 million ties and up to
/// 64 periods).
public struct TiePresence: Sendable {
    public let periodCount: Int
    private let wordsPerTie: Int
    private var bits: [UInt64]

    /// `ties`: the whole window's ties, which every period's ties must be among.
    public init(ties: TieTable, periodCount: Int) {
        self.periodCount = periodCount
        wordsPerTie = max(1, (periodCount + 63) / 64)
        bits = [UInt64](repeating: 0, count: ties.count * wordsPerTie)
    }

    /// Marks the ties of period `p`'s graph present in `p` (`ties` is the whole window's table).
    public mutating func add(period p: Int, periodTies: TieTable, of ties: TieTable) {
        precondition(p < periodCount, "period \(p) beyond the \(periodCount) periods")
        var i = 0
        for j in 0..<periodTies.count {
            let key = (periodTies.source[j], periodTies.target[j])
            while i < ties.count && (ties.source[i], ties.target[i]) < key { i += 1 }
            guard i < ties.count, (ties.source[i], ties.target[i]) == key else { continue }
            bits[i * wordsPerTie + p / 64] |= 1 << UInt64(p % 64)
            i += 1
        }
    }

    /// Whether tie `i` had a record in period `p`.
    public func isPresent(_ i: Int, period p: Int) -> Bool {
        bits[i * wordsPerTie + p / 64] & (1 << UInt64(p % 64)) != 0
    }

    /// Tie `i`'s runs of consecutive periods with a record, in period order.
    public func runs(of i: Int) -> [ClosedRange<Int>] {
        var runs: [ClosedRange<Int>] = []
        var start: Int? = nil
        for p in 0...periodCount {
            let present = p < periodCount && isPresent(i, period: p)
            if present, start == nil { start = p }
            if !present, let s = start {
                runs.append(s...(p - 1))
                start = nil
            }
        }
        return runs
    }
}
