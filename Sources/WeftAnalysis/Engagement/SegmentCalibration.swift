import WeftGraph

/// Fits the thresholds of a segment rule set to members a network's team already knows: a small,
/// legible search that keeps every rule and condition as written and moves only the numbers.
///
/// The search is coordinate ascent on the agreement with the labels (the share of labelled
/// members whose segment is their label). Each numeric condition in turn, in the rules' order,
/// tries every candidate threshold while the others stay, and keeps the one of highest agreement;
/// among equally good candidates it keeps the one nearest the current threshold (so a threshold
/// the labels say nothing about does not move). Candidates are the values the labelled members
/// have of the condition's feature, and the current threshold; for a percentile threshold they
/// are p0, p5, …, p100. Passes repeat until one changes nothing (at most `maxPasses`). Bare
/// conditions (`governance`) have no threshold and stay.
///
/// The agreement on the labelled members flatters the fit (the thresholds were chosen on them),
/// so a k-fold cross-validated estimate is reported beside it: the labelled members are dealt
/// into `folds` folds in a seeded order, the thresholds are fitted on all folds but one and scored
/// on the one left out, and the estimate is the share of left-out members agreed with over all
/// folds. References: coordinate search as in decision-stump and rule-list learners (Holte 1993,
/// "Very simple classification rules perform well on most commonly used datasets"); k-fold
/// cross-validation (Stone 1974; Kohavi 1995).
public struct SegmentCalibration: Sendable {
    /// A member the team is sure of: the member's index and the segment's index in `rules.segments`.
    public struct Label: Sendable, Equatable {
        public let member: Int
        public let segment: Int

        public init(member: Int, segment: Int) {
            self.member = member
            self.segment = segment
        }
    }

    /// One threshold the fit moved.
    public struct Change: Sendable, Equatable {
        public let rule: Int
        public let condition: Int
        public let from: SegmentThreshold
        public let to: SegmentThreshold
    }

    /// A labelled member the fitted rules still place elsewhere, and why.
    public struct Disagreement: Sendable, Equatable {
        public let member: Int
        public let label: Int
        public let segment: Int
        /// The fired rule's conditions with the member's values (or why no rule applies).
        public let reasons: String
        /// What the label's segment needs that the member lacks ("" when a rule of it holds but a
        /// segment above comes first).
        public let labelNeeds: String
    }

    public let start: SegmentConfig
    public let fitted: SegmentConfig
    public let labels: [Label]
    public let changes: [Change]
    /// Agreement on the labelled members with the starting and with the fitted thresholds.
    public let agreementBefore: Double
    public let agreementAfter: Double
    /// The k-fold estimate of the fitted rules' agreement on members not labelled; nil with
    /// fewer than two labelled members.
    public let crossValidated: Double?
    public let folds: Int
    public let disagreements: [Disagreement]

    public static let maxPasses = 4

    /// - Parameters:
    ///   - labels: members and their segments (indices into `rules.segments`); each member once.
    ///   - seed: deals the labelled members into folds.
    public init(rules: SegmentConfig, features: EngagementFeatures, labels: [Label], folds: Int = 5, seed: UInt64) {
        start = rules
        self.labels = labels
        let search = ThresholdSearch(rules: rules, features: features)
        let fittedThresholds = search.fit(labels)
        fitted = search.rules(with: fittedThresholds)
        agreementBefore = search.agreement(search.start, labels)
        agreementAfter = search.agreement(fittedThresholds, labels)
        var changes: [Change] = []
        for (r, rule) in rules.rules.enumerated() {
            for (c, condition) in rule.conditions.enumerated() where condition.threshold != fitted.rules[r].conditions[c].threshold {
                changes.append(Change(rule: r, condition: c, from: condition.threshold!, to: fitted.rules[r].conditions[c].threshold!))
            }
        }
        self.changes = changes

        // k-fold cross-validation over a seeded order of the labelled members.
        let k = min(folds, labels.count)
        self.folds = k
        if k >= 2 {
            var order = Array(labels.indices)
            var random = SeededGenerator(seed: seed)
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, random.int(below: i + 1)) }
            var agreed = 0
            for fold in 0..<k {
                let held = order.indices.filter { $0 % k == fold }.map { labels[order[$0]] }
                let kept = order.indices.filter { $0 % k != fold }.map { labels[order[$0]] }
                agreed += search.agreeing(search.fit(kept), held)
            }
            crossValidated = Double(agreed) / Double(labels.count)
        } else {
            crossValidated = nil
        }

        let final = fitted
        let resolved = final.resolve(features)
        let classifier = SegmentConfig.Classifier(final, features, thresholds: resolved)
        let names = final.segments
        let explanation = SegmentExplanation(final, features: features, thresholds: resolved)
        disagreements = labels.compactMap { label in
            let (segment, rule) = classifier.classify(label.member)
            guard Int(segment) != label.segment else { return nil }
            let name = names[label.segment]
            let needs: String
            if name == SegmentConfig.inactive {
                needs = "no record in the window"
            } else if name == SegmentConfig.unclassified {
                needs = "no rule to match"
            } else {
                needs = explanation.needs(member: label.member, segment: label.segment) ?? ""
            }
            return Disagreement(member: label.member, label: label.segment, segment: Int(segment),
                                reasons: explanation.reasons(member: label.member, rule: rule), labelNeeds: needs)
        }
    }
}

/// The coordinate search behind `SegmentCalibration`, on one window's features.
struct ThresholdSearch {
    let base: SegmentConfig
    let features: EngagementFeatures
    /// The starting thresholds as given (`[rule][condition]`, nil for bare conditions).
    let start: [[SegmentThreshold?]]
    /// The numeric conditions, in rule order.
    let slots: [(rule: Int, condition: Int)]
    /// Each active member's sorted values per feature, for percentile candidates.
    private let sortedValues: [EngagementFeature: [Double]]

    init(rules: SegmentConfig, features: EngagementFeatures) {
        base = rules
        self.features = features
        start = rules.rules.map { $0.conditions.map(\.threshold) }
        slots = rules.rules.indices.flatMap { r in
            rules.rules[r].conditions.indices.filter { rules.rules[r].conditions[$0].threshold != nil }.map { (r, $0) }
        }
        var sorted: [EngagementFeature: [Double]] = [:]
        for (r, c) in slots {
            let f = rules.rules[r].conditions[c].feature
            if sorted[f] == nil {
                sorted[f] = zip(features.column(f), features.isActive).compactMap { $1 && !$0.isNaN ? $0 : nil }.sorted()
            }
        }
        sortedValues = sorted
    }

    /// The rules with these thresholds.
    func rules(with thresholds: [[SegmentThreshold?]]) -> SegmentConfig {
        var out = base
        for r in out.rules.indices { for c in out.rules[r].conditions.indices { out.rules[r].conditions[c].threshold = thresholds[r][c] } }
        return out
    }

    /// Labelled members whose segment under `thresholds` is their label.
    func agreeing(_ thresholds: [[SegmentThreshold?]], _ labels: [SegmentCalibration.Label]) -> Int {
        let rules = self.rules(with: thresholds)
        let classifier = SegmentConfig.Classifier(rules, features, thresholds: resolve(thresholds))
        return labels.reduce(0) { $0 + (Int(classifier.classify($1.member).segment) == $1.segment ? 1 : 0) }
    }

    func agreement(_ thresholds: [[SegmentThreshold?]], _ labels: [SegmentCalibration.Label]) -> Double {
        labels.isEmpty ? 0 : Double(agreeing(thresholds, labels)) / Double(labels.count)
    }

    /// Thresholds as numbers; percentiles over the active members, as `SegmentConfig.resolve`.
    func resolve(_ thresholds: [[SegmentThreshold?]]) -> [[Double]] {
        thresholds.indices.map { r in
            thresholds[r].indices.map { c in
                switch thresholds[r][c] {
                case .value(let x)?: return x
                case nil: return 0
                case .percentile(let p)?: return SegmentConfig.percentile(p, sorted: sortedValues[base.rules[r].conditions[c].feature] ?? [])
                }
            }
        }
    }

    /// The candidates for one condition, given the labelled members.
    func candidates(_ slot: (rule: Int, condition: Int), current: SegmentThreshold, labels: [SegmentCalibration.Label]) -> [SegmentThreshold] {
        if case .percentile = current { return stride(from: 0.0, through: 100, by: 5).map { .percentile($0) } }
        let f = base.rules[slot.rule].conditions[slot.condition].feature
        var values = Set(labels.compactMap { features.value(f, $0.member) })
        if case .value(let x) = current { values.insert(x) }
        return values.sorted().map { .value($0) }
    }

    /// How far a candidate is from the current threshold (ties in agreement go to the nearest).
    static func distance(_ a: SegmentThreshold, _ b: SegmentThreshold) -> Double {
        switch (a, b) {
        case (.value(let x), .value(let y)), (.percentile(let x), .percentile(let y)): return abs(x - y)
        default: return .infinity
        }
    }

    /// Coordinate ascent from the starting thresholds on `labels`.
    func fit(_ labels: [SegmentCalibration.Label]) -> [[SegmentThreshold?]] {
        var thresholds = start
        guard !labels.isEmpty else { return thresholds }
        var best = agreeing(thresholds, labels)
        for _ in 0..<SegmentCalibration.maxPasses {
            var moved = false
            for slot in slots {
                let current = thresholds[slot.rule][slot.condition]!
                var choice = (threshold: current, agreed: best, distance: 0.0)
                for candidate in candidates(slot, current: current, labels: labels) where candidate != current {
                    var trial = thresholds
                    trial[slot.rule][slot.condition] = candidate
                    let agreed = agreeing(trial, labels)
                    let distance = ThresholdSearch.distance(candidate, current)
                    if agreed > choice.agreed || (agreed == choice.agreed && agreed > best && distance < choice.distance) {
                        choice = (candidate, agreed, distance)
                    }
                }
                if choice.agreed > best {
                    thresholds[slot.rule][slot.condition] = choice.threshold
                    best = choice.agreed
                    moved = true
                }
            }
            if !moved { break }
        }
        return thresholds
    }
}
