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
    /// segment, so only they are classified again.
    public init(rules: SegmentConfig, features: EngagementFeatures, thresholds: [[Double]], base: [Int32], step: Double) {
        self.step = step
        var entries: [Entry] = []
        var anyChange = [Bool](repeating: false, count: base.count)
        for r in rules.rules.indices {
            for c in rules.rules[r].conditions.indices where rules.rules[r].conditions[c].comparison != nil {
                let t = thresholds[r][c]
                guard !t.isNaN else { continue }
                let condition = rules.rules[r].conditions[c]
                let column = EngagementFeatures.index(condition.feature) * features.memberCount
                var changed: [Int] = []
                for factor in [1 - step, 1 + step] {
                    var moved = thresholds
                    moved[r][c] = t * factor
                    let classifier = SegmentConfig.Classifier(rules, features, thresholds: moved)
                    var count = 0
                    for v in base.indices where features.isActive[v] {
                        let x = features.values[column + v]
                        guard condition.holds(x, t) != condition.holds(x, t * factor),
                              classifier.classify(v).segment != base[v] else { continue }
                        count += 1
                        anyChange[v] = true
                    }
                    changed.append(count)
                }
                entries.append(Entry(rule: r, condition: c, threshold: t, lower: t * (1 - step), upper: t * (1 + step),
                                     changedLower: changed[0], changedUpper: changed[1]))
            }
        }
        self.entries = entries
        changedMembers = anyChange
    }
}
