import WeftGraph

/// How robust the segments are to the thresholds: each numeric threshold in turn is moved down and
/// up by a relative step (±20% by default) while the others stay, and the members whose segment
/// changes are counted. Percentile thresholds are moved as resolved values (p75 = 6 becomes 4.8 and
/// 7.2). A threshold of 0 does not move; on a whole-number feature a move smaller than the gap to
/// the next whole number changes nobody (`events_attended >= 2` at 1.6 still needs 2 events).
public struct ThresholdSensitivity: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let rule: Int
        public let condition: Int
        public let threshold: Double
        public let lower: Double
        public let upper: Double
        /// Members whose segment changes with the threshold at `lower` and at `upper`.
        public let changedLower: Int
        public let changedUpper: Int
    }

    public let entries: [Entry]
    public let step: Double
    /// Members whose segment changes under at least one of the moves: the members inside the
    /// thresholds' ±step band, whose movement between snapshots may be threshold noise.
    public let changedMembers: [Bool]

    /// How many members change segment under at least one move.
    public var changedCount: Int { changedMembers.reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// - Parameter base: each member's segment at `thresholds` (`rules.classify(features, thresholds:)`).
    ///
    /// Cost: O(members) per move rather than a full classification: only the active members
    /// whose moved condition turns (holds at one threshold and not at the other) can change
    /// segment, so only they are classified again. The members are split into a fixed number of
    /// ranges counted on both cores (counts and flags: the same whatever the threads).
    public init(rules: SegmentConfig, features: EngagementFeatures, thresholds: [[Double]], base: [Int32], step: Double,
                threads: Int = Parallel.threadCount) {
        self.step = step
        // Each numeric threshold moved down, then up.
        var moves: [(condition: SegmentCondition, column: Int, t: Double, moved: Double, classifier: SegmentConfig.Classifier)] = []
        var entries: [(rule: Int, condition: Int, threshold: Double)] = []
        for r in rules.rules.indices {
            for c in rules.rules[r].conditions.indices where rules.rules[r].conditions[c].comparison != nil {
                let t = thresholds[r][c]
                guard !t.isNaN else { continue }
                let condition = rules.rules[r].conditions[c]
                let column = EngagementFeatures.index(condition.feature) * features.memberCount
                for factor in [1 - step, 1 + step] {
                    var moved = thresholds
                    moved[r][c] = t * factor
                    moves.append((condition, column, t, t * factor, SegmentConfig.Classifier(rules, features, thresholds: moved)))
                }
                entries.append((r, c, t))
            }
        }
        let n = base.count, chunks = 8
        let parts = Parallel.map(chunks: chunks, threads: threads) { chunk -> (counts: [Int], changed: [Bool]) in
            let members = (n * chunk / chunks)..<(n * (chunk + 1) / chunks)
            var counts = [Int](repeating: 0, count: moves.count)
            var changed = [Bool](repeating: false, count: members.count)
            for (m, move) in moves.enumerated() {
                for v in members where features.isActive[v] {
                    let x = features.values[move.column + v]
                    guard move.condition.holds(x, move.t) != move.condition.holds(x, move.moved),
                          move.classifier.classify(v).segment != base[v] else { continue }
                    counts[m] += 1
                    changed[v - members.lowerBound] = true
                }
            }
            return (counts, changed)
        }
        self.entries = entries.enumerated().map { e, entry in
            let (lower, upper) = parts.reduce((0, 0)) { ($0.0 + $1.counts[2 * e], $0.1 + $1.counts[2 * e + 1]) }
            return Entry(rule: entry.rule, condition: entry.condition, threshold: entry.threshold,
                         lower: entry.threshold * (1 - step), upper: entry.threshold * (1 + step),
                         changedLower: lower, changedUpper: upper)
        }
        changedMembers = parts.flatMap(\.changed)
    }
}
