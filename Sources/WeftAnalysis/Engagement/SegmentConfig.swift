import WeftGraph

/// A threshold in a segment rule: a number, or a percentile of the feature among the members
/// active in the window (`p75`), resolved per window.
public enum SegmentThreshold: Sendable, Equatable {
    case value(Double)
    case percentile(Double)

    public var text: String {
        switch self {
        case .value(let x): return SegmentConfig.exact(x)
        case .percentile(let p): return "p" + SegmentConfig.exact(p)
        }
    }
}

public enum SegmentComparison: String, Sendable, CaseIterable {
    case atLeast = ">=", above = ">", atMost = "<=", below = "<", equal = "==", notEqual = "!="

    func holds(_ x: Double, _ t: Double) -> Bool {
        switch self {
        case .atLeast: return x >= t
        case .above: return x > t
        case .atMost: return x <= t
        case .below: return x < t
        case .equal: return x == t
        case .notEqual: return x != t
        }
    }
}

/// One test of a rule: `feature op threshold`, or a bare feature (`governance`), which holds when
/// the feature is non-zero. A missing feature value never satisfies a condition. A count that is
/// zero never satisfies `>=` or `>` a percentile: when most members have none of something, its
/// p75 is 0, and "at least the 75th percentile" should not then admit everyone.
public struct SegmentCondition: Sendable, Equatable {
    public var feature: EngagementFeature
    /// nil: the bare form (feature ≠ 0).
    public var comparison: SegmentComparison?
    public var threshold: SegmentThreshold?

    public init(_ feature: EngagementFeature, _ comparison: SegmentComparison? = nil, _ threshold: SegmentThreshold? = nil) {
        self.feature = feature
        self.comparison = comparison
        self.threshold = threshold
    }

    public var text: String {
        guard let comparison, let threshold else { return feature.rawValue }
        return "\(feature.rawValue) \(comparison.rawValue) \(threshold.text)"
    }

    /// Whether x satisfies the condition with the resolved threshold t.
    func holds(_ x: Double, _ t: Double) -> Bool {
        guard !x.isNaN else { return false }
        guard let comparison else { return x != 0 }
        if needsPositive && x <= 0 { return false }
        return !t.isNaN && comparison.holds(x, t)
    }

    /// `>=` or `>` a percentile of a count: zero never passes.
    var needsPositive: Bool {
        guard case .percentile? = threshold, feature.isCount else { return false }
        return comparison == .atLeast || comparison == .above
    }
}

/// A rule: the segment it assigns and the conditions that must all hold.
public struct SegmentRule: Sendable, Equatable {
    public var segment: String
    public var conditions: [SegmentCondition]

    public init(segment: String, conditions: [SegmentCondition]) {
        self.segment = segment
        self.conditions = conditions
    }

    public var text: String { conditions.map(\.text).joined(separator: " and ") }
}

/// The engagement segmentation's settings and ordered rules (config/segments.toml).
///
/// Rules are tried in order and the first whose conditions all hold assigns its segment. Segments
/// rank in the order they first appear (the first is the top, e.g. crew). Two segments are built
/// in: `inactive` (a member during the window with no record in it) and `unclassified` (not a
/// member during the window, or active but matched by no rule).
public struct SegmentConfig: Sendable, Equatable {
    public static let inactive = "inactive"
    public static let unclassified = "unclassified"

    public var rules: [SegmentRule] { didSet { segments = SegmentConfig.segmentNames(rules) } }
    /// Months in the rolling window that ends at each snapshot (0: the whole analysis window).
    public var windowMonths = 12
    /// Snapshots for "over time": one at the end of each calendar period ("none": only the
    /// analysis window's end).
    public var period: PeriodUnit? = .year
    /// members.csv columns read for the governance flag and the join and leave dates.
    public var governanceColumn = "governance"
    public var joinedColumn = "joined"
    public var leftColumn = "left"
    /// k-means: the k range searched by silhouette, restarts per k, the features clustered, and
    /// the most members clustered (a seeded sample beyond; every member is then assigned to its
    /// nearest centroid) and used for the silhouette.
    public var clustersMin = 2
    public var clustersMax = 6
    public var clusterRestarts = 10
    public var clusterFeatures: [EngagementFeature] = SegmentConfig.defaultClusterFeatures
    public var clusterSample = 20_000
    public var silhouetteSample = 2_000
    /// Relative change of every threshold in the sensitivity check (0.2: ±20%).
    public var sensitivity = 0.2
    /// Attendance roles that count as steering (`steering_events`) and as sharing
    /// (`sharing_events`, `focus_sharing_events`), and the focus prior's weight in events.
    public var steeringRoles = EngagementRoles.defaultSteering
    public var sharingRoles = EngagementRoles.defaultSharing
    public var focusPriorEvents = 4.0

    /// The role and focus settings as the feature computation takes them.
    public var engagementRoles: EngagementRoles {
        EngagementRoles(steering: steeringRoles, sharing: sharingRoles, focusPriorEvents: focusPriorEvents)
    }

    public static let defaultClusterFeatures: [EngagementFeature] = [
        .eventShare, .topicCoverage, .steeringEvents, .sharingEvents, .shrunkFocus, .focusSharingEvents, .partners,
        .repeatPartners, .strength, .betweenness, .governance,
    ]

    public init(rules: [SegmentRule]) {
        self.rules = rules
        segments = SegmentConfig.segmentNames(rules)
    }

    /// Whether a rule or the k-means check reads feature f.
    public func uses(_ f: EngagementFeature) -> Bool {
        clusterFeatures.contains(f) || rules.contains { $0.conditions.contains { $0.feature == f } }
    }

    /// The rule segments in rank order (top first), then `inactive` and `unclassified`: kept
    /// beside `rules` (segments.csv's rows read them once per member).
    public private(set) var segments: [String]

    private static func segmentNames(_ rules: [SegmentRule]) -> [String] {
        var seen: [String] = []
        for rule in rules where !seen.contains(rule.segment) { seen.append(rule.segment) }
        return seen + [SegmentConfig.inactive, SegmentConfig.unclassified]
    }

    /// Percentile p (0–100) of `values` by linear interpolation between the closest ranks (NumPy's
    /// default), NaN for no values.
    public static func percentile(_ p: Double, sorted values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let h = Double(values.count - 1) * p / 100
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, values.count - 1)
        return values[lo] + (h - Double(lo)) * (values[hi] - values[lo])
    }

    /// Every condition's threshold as a number for these features: `[rule][condition]`, NaN for a
    /// percentile of a feature no active member has, 0 for bare conditions. Percentiles are taken
    /// over the members active in the window.
    public func resolve(_ features: EngagementFeatures) -> [[Double]] {
        var sortedCache: [EngagementFeature: [Double]] = [:]
        return rules.map { rule in
            rule.conditions.map { condition in
                switch condition.threshold {
                case .value(let x)?: return x
                case nil: return 0
                case .percentile(let p)?:
                    if sortedCache[condition.feature] == nil {
                        let column = features.column(condition.feature)
                        sortedCache[condition.feature] = zip(column, features.isActive).compactMap { $1 && !$0.isNaN ? $0 : nil }.sorted()
                    }
                    return SegmentConfig.percentile(p, sorted: sortedCache[condition.feature]!)
                }
            }
        }
    }

    /// Each member's segment (index into `segments`) and the rule that fired (−1: none), with
    /// resolved `thresholds` (see `resolve`).
    public func classify(_ features: EngagementFeatures, thresholds: [[Double]]) -> (segment: [Int32], rule: [Int32]) {
        let classifier = Classifier(self, features, thresholds: thresholds)
        var segment = [Int32](repeating: 0, count: features.memberCount), fired = segment
        for v in 0..<features.memberCount { (segment[v], fired[v]) = classifier.classify(v) }
        return (segment, fired)
    }

    /// The rules compiled against one window's features and thresholds: conditions as (feature
    /// column offset, condition, threshold) on the features' contiguous values.
    struct Classifier {
        let features: EngagementFeatures
        let plans: [[(offset: Int, condition: SegmentCondition, threshold: Double)]]
        let ruleSegment: [Int32]
        let inactive: Int32, unclassified: Int32

        init(_ rules: SegmentConfig, _ features: EngagementFeatures, thresholds: [[Double]]) {
            let names = rules.segments, n = features.memberCount
            self.features = features
            ruleSegment = rules.rules.map { Int32(names.firstIndex(of: $0.segment)!) }
            (inactive, unclassified) = (Int32(names.count - 2), Int32(names.count - 1))
            plans = rules.rules.indices.map { r in
                rules.rules[r].conditions.indices.map { c in
                    (EngagementFeatures.index(rules.rules[r].conditions[c].feature) * n, rules.rules[r].conditions[c], thresholds[r][c])
                }
            }
        }

        /// Member v's segment and fired rule (−1: none).
        func classify(_ v: Int) -> (segment: Int32, rule: Int32) {
            guard features.isActive[v] else { return (features.isMember[v] ? inactive : unclassified, -1) }
            let values = features.values
            for (r, plan) in plans.enumerated() where plan.allSatisfy({ $0.condition.holds(values[$0.offset + v], $0.threshold) }) {
                return (ruleSegment[r], Int32(r))
            }
            return (unclassified, -1)
        }
    }

    /// Why member v got their segment: the fired rule's conditions with the member's values
    /// ("active_role_events = 3 >= 2"), or the reason for a built-in segment (`SegmentExplanation`,
    /// which callers asking for many members should compile once).
    public func reasons(_ features: EngagementFeatures, member v: Int, rule: Int32, thresholds: [[Double]]) -> String {
        SegmentExplanation(self, features: features, thresholds: thresholds).reasons(member: v, rule: rule)
    }

    /// What would move member v (in segment `segment`) up one segment: the unmet conditions of the
    /// next segment's rule that is closest to holding (see `needs`), e.g. "crew needs
    /// active_role_events >= 2 (has 1)". Empty for the top segment and for unclassified members.
    public func nextStep(_ features: EngagementFeatures, member v: Int, segment: Int32, thresholds: [[Double]]) -> String {
        SegmentExplanation(self, features: features, thresholds: thresholds).nextStep(member: v, segment: segment)
    }

    /// The unmet conditions, joined by "and", of the rule of `segment` that is closest to holding
    /// for member v (`SegmentExplanation.needs`). "" when a rule of the segment holds; nil when
    /// the segment has no rule.
    public func needs(_ features: EngagementFeatures, member v: Int, segment: String, thresholds: [[Double]]) -> String? {
        guard let s = segments.firstIndex(of: segment) else { return nil }
        return SegmentExplanation(self, features: features, thresholds: thresholds).needs(member: v, segment: s)
    }

    /// A number as it would be written in a config: whole numbers without a decimal point, others
    /// in the shortest form that reads back to the same value.
    public static func exact(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
    }

    /// A number with at most four decimals, trailing zeros removed.
    public static func format(_ x: Double) -> String {
        if x.isNaN { return "n/a" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        var text = String(Double((x * 10_000).rounded()) / 10_000)
        if text.utf8.contains(UInt8(ascii: "e")) { text = String(x) }
        return text
    }
}
