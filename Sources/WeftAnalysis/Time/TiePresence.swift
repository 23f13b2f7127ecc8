import WeftGraph

/// When each tie of a network was present: for every tie of the whole window's graph, the runs
/// of consecutive periods in which it had a record (its presence in a period's graph), as
/// inclusive period index ranges. This is what GEXF's edge spells show, so that Gephi's timeline
/// plays ties appearing, pausing and coming back.
///
/// Built in one pass over the periods' graphs, in period order: each period's tie table is
/// merged with the whole graph's (both sorted by (source, target)), so the cost is linear in the
/// ties of all periods, and memory is one entry per run.
public struct TiePresence: Sendable {
    /// Tie i's runs are `runStart[k]...runEnd[k]` for k in `offsets[i]..<offsets[i + 1]`, in
    /// period order.
    public let offsets: [Int]
    public let runStart: [Int32]
    public let runEnd: [Int32]

    /// The runs of tie `i`.
    public func runs(of i: Int) -> [ClosedRange<Int>] {
        (offsets[i]..<offsets[i + 1]).map { Int(runStart[$0])...Int(runEnd[$0]) }
    }

    /// Gathers presence period by period: `add` each period's graph in order, then `finish`.
    public struct Builder: Sendable {
        private let ties: TieTable
        /// Per tie: the period its open run started in and the last period it was seen in (−1: none).
        private var open: [Int32]
        private var last: [Int32]
        private var closed: [(tie: Int32, start: Int32, end: Int32)] = []
        private var period: Int32 = -1

        /// `ties`: the whole window's ties, which every period's ties must be among.
        public init(ties: TieTable) {
            self.ties = ties
            open = [Int32](repeating: -1, count: ties.count)
            last = [Int32](repeating: -1, count: ties.count)
        }

        /// Records the ties of the next period's graph.
        public mutating func add(_ periodTies: TieTable) {
            period += 1
            var i = 0
            for j in 0..<periodTies.count {
                let key = (periodTies.source[j], periodTies.target[j])
                while i < ties.count && (ties.source[i], ties.target[i]) < key { i += 1 }
                guard i < ties.count, (ties.source[i], ties.target[i]) == key else { continue }
                if last[i] != period - 1 || open[i] < 0 {
                    if open[i] >= 0 { closed.append((Int32(i), open[i], last[i])) }
                    open[i] = period
                }
                last[i] = period
                i += 1
            }
        }

        public func finish() -> TiePresence {
            var runs = closed
            for i in 0..<ties.count where open[i] >= 0 { runs.append((Int32(i), open[i], last[i])) }
            // Counting sort by tie; within a tie the runs were closed in period order, the open one last.
            var offsets = [Int](repeating: 0, count: ties.count + 1)
            for r in runs { offsets[Int(r.tie) + 1] += 1 }
            for i in 0..<ties.count { offsets[i + 1] += offsets[i] }
            var fill = Array(offsets.dropLast())
            var start = [Int32](repeating: 0, count: runs.count), end = start
            for r in runs {
                start[fill[Int(r.tie)]] = r.start
                end[fill[Int(r.tie)]] = r.end
                fill[Int(r.tie)] += 1
            }
            return TiePresence(offsets: offsets, runStart: start, runEnd: end)
        }
    }
}
