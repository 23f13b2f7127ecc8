/// The words segments.csv gives each member — why they got their segment (`reasons`) and what
/// would move them up one (`nextStep`) — with the rules compiled once against one window's
/// features and resolved thresholds: each condition's feature column, and the parts of its text
/// that do not depend on the member ("name >= 2 (p75)"), are found once rather than per member.
///
/// The texts are `SegmentConfig.reasons`, `.nextStep` and `.needs` (which compile one of these):
/// - a met condition reads "feature = value op bound", a bare one "feature = value" (a flag's
///   value "yes" or "no");
/// - an unmet one "feature op bound (has value)", a bare one "feature (has value)";
/// - a value with at most four decimals (`SegmentConfig.format`), "no data" when missing; a bound
///   "n/a" when its percentile has no members, followed by " (p75)" for a percentile and
///   " and above 0" where a zero count never passes.
public struct SegmentExplanation: Sendable {
    /// One condition of one rule, compiled.
    struct Condition: Sendable {
        let condition: SegmentCondition
        /// Where the feature's values start in `EngagementFeatures.values`.
        let offset: Int
        let threshold: Double
        /// Met: "feature = " before the value, and " op bound" after it ("" for a bare feature).
        let metPrefix: String, metSuffix: String
        /// Unmet: "feature op bound (has " or "feature (has " before the value.
        let neededPrefix: String
        let isFlag: Bool
    }

    let config: SegmentConfig
    let features: EngagementFeatures
    let rules: [[Condition]]
    /// The rules of each segment (`config.segments` order), in config order.
    let rulesOfSegment: [[Int]]

    public init(_ config: SegmentConfig, features: EngagementFeatures, thresholds: [[Double]]) {
        self.config = config
        self.features = features
        let n = features.memberCount
        rules = config.rules.indices.map { r in
            config.rules[r].conditions.indices.map { c in
                let condition = config.rules[r].conditions[c], threshold = thresholds[r][c]
                let name = condition.feature.rawValue
                var bound = ""
                if let comparison = condition.comparison, let given = condition.threshold {
                    bound = comparison.rawValue + " " + (threshold.isNaN ? "n/a" : SegmentConfig.format(threshold))
                    if case .percentile = given { bound += " (\(given.text))" }
                    if condition.needsPositive && !(threshold > 0) { bound += " and above 0" }
                }
                let bare = condition.comparison == nil || condition.threshold == nil
                return Condition(condition: condition, offset: EngagementFeatures.index(condition.feature) * n, threshold: threshold,
                                 metPrefix: name + " = ", metSuffix: bare ? "" : " " + bound,
                                 neededPrefix: bare ? name + " (has " : name + " " + bound + " (has ",
                                 isFlag: bare && condition.feature.isFlag)
            }
        }
        rulesOfSegment = config.segments.map { name in config.rules.indices.filter { config.rules[$0].segment == name } }
    }

    /// Why member v got their segment: the fired rule's conditions with the member's values, or
    /// the reason for a built-in segment (rule −1).
    public func reasons(member v: Int, rule: Int32) -> String {
        guard rule >= 0 else {
            if !features.isActive[v] { return features.isMember[v] ? "no record in the window" : "not a member during the window" }
            return "no rule matched"
        }
        var text = ""
        for (c, condition) in rules[Int(rule)].enumerated() {
            if c > 0 { text += "; " }
            text += condition.metPrefix
            append(condition, member: v, to: &text)
            text += condition.metSuffix
        }
        return text
    }

    /// What would move member v (in segment `segment`) up one segment: "crew needs
    /// active_role_events >= 2 (has 1)". Empty for the top segment and for unclassified members.
    public func nextStep(member v: Int, segment: Int32) -> String {
        let names = config.segments
        let s = Int(segment)
        let target: Int
        if s == names.count - 1 { return "" }   // unclassified
        else if s == names.count - 2 { target = names.count - 3 }   // inactive → the lowest rule segment
        else if s == 0 { return "" }   // the top segment
        else { target = s - 1 }
        guard target >= 0 else { return "" }
        if s == names.count - 2 { return names[target] + " needs a record in the window" }
        return needs(member: v, segment: target).map { names[target] + " needs " + $0 } ?? ""
    }

    /// The unmet conditions, joined by "and", of the rule of segment `segment` (an index into
    /// `config.segments`) closest to holding for member v: fewest unmet conditions; among those,
    /// fewest unmet bare flags (governance is not a step a member takes); then the first rule.
    /// "" when a rule of the segment holds; nil when the segment has no rule.
    public func needs(member v: Int, segment: Int) -> String? {
        var best: (rule: Int, unmet: Int, flags: Int)?
        for r in rulesOfSegment[segment] {
            var unmet = 0, flags = 0
            for condition in rules[r] where !holds(condition, v) {
                unmet += 1
                if condition.condition.comparison == nil { flags += 1 }
            }
            if let b = best, (b.unmet, b.flags) <= (unmet, flags) { continue }
            best = (r, unmet, flags)
        }
        guard let r = best?.rule else { return nil }
        var text = "", first = true
        for condition in rules[r] where !holds(condition, v) {
            if !first { text += " and " }
            first = false
            text += condition.neededPrefix
            append(condition, member: v, to: &text)
            text += ")"
        }
        return text
    }

    private func value(_ condition: Condition, _ v: Int) -> Double { features.values[condition.offset + v] }

    private func holds(_ condition: Condition, _ v: Int) -> Bool {
        condition.condition.holds(value(condition, v), condition.threshold)
    }

    /// The member's value as the texts show it: "yes"/"no" for a bare flag, "no data" when missing.
    private func append(_ condition: Condition, member v: Int, to text: inout String) {
        let x = value(condition, v)
        if condition.isFlag { text += x == 1 ? "yes" : x.isNaN ? "no data" : "no" }
        else { text += x.isNaN ? "no data" : SegmentConfig.format(x) }
    }
}
