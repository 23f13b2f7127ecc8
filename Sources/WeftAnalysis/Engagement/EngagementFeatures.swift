import WeftGraph

/// The features engagement segments are built from (../shared/domain-brief.md §3), one value per
/// member per window. Names are the column names of segments.csv and the words a segment rule uses.
public enum EngagementFeature: String, CaseIterable, Sendable {
    /// Attendance rows plus interaction records (either end) in the window.
    case records
    /// Distinct events attended.
    case eventsAttended = "events_attended"
    /// Events attended / events held in the window while the member was a member (from `joined`,
    /// or the first record, to `left`). Invitations are not part of the input format, so this is
    /// the share of the events held, not of the events the member was invited to.
    case attendanceRate = "attendance_rate"
    /// Distinct events in an active role (presenter, facilitator, host, organiser).
    case activeRoleEvents = "active_role_events"
    /// Σ over attended events of the role's weight: attendee 1, presenter 2, facilitator, host
    /// and organiser 3 (the highest role when a member is listed twice for one event).
    case roleScore = "role_score"
    /// Distinct topics among the attended events.
    case topicBreadth = "topic_breadth"
    /// Share of the member's attended events (with a topic) in their two most frequent topics.
    case topicFocus = "topic_focus"
    /// Herfindahl index Σ p_t² of the member's topic shares.
    case topicHerfindahl = "topic_herfindahl"
    /// Distinct interaction partners (either direction).
    case partners
    /// Partners with two or more interaction records in the window.
    case repeatPartners = "repeat_partners"
    /// Σ interaction weights, sent and received.
    case strength
    /// Directed interaction records the member sent.
    case initiated
    /// k-core number in the window's network (undirected, unweighted; NetworkX `core_number`).
    case coreNumber = "core_number"
    /// Borgatti–Everett continuous coreness in the window's network.
    case coreness
    /// Normalised betweenness in the window's network.
    case betweenness
    /// The member's Krackhardt–Stern E-I index across the primary group attribute's groups.
    case eiIndex = "ei_index"
    /// Times named as an advice source in a survey. Survey data is not read yet: always empty.
    case surveyInDegree = "survey_in_degree"
    /// 1 when members.csv flags the member as sitting in governance, else 0.
    case governance
    /// Days from joining (the `joined` date, or the first record) to the window's end (or `left`).
    case tenureDays = "tenure_days"
    /// Days from the last record before the window's end to the window's end.
    case daysSinceLastActivity = "days_since_last_activity"

    /// Counts and sums with a long right tail: k-means sees log(1 + x) of these.
    public var isCount: Bool {
        switch self {
        case .records, .eventsAttended, .activeRoleEvents, .roleScore, .topicBreadth, .partners, .repeatPartners,
             .strength, .initiated, .coreNumber, .surveyInDegree:
            return true
        default: return false
        }
    }

    /// Features that hold 0 or 1.
    public var isFlag: Bool { self == .governance }
}

/// What members.csv says about each member that does not change with the window.
public struct MemberFacts: Sendable {
    public var governance: [Bool]
    /// The join and leave instants (nil: not given).
    public var joined: [Int64?]
    public var left: [Int64?]

    public init(governance: [Bool], joined: [Int64?], left: [Int64?]) {
        precondition(governance.count == joined.count && joined.count == left.count, "one fact per member")
        self.governance = governance
        self.joined = joined
        self.left = left
    }

    /// No facts for `n` members.
    public init(count n: Int) {
        self.init(governance: Array(repeating: false, count: n), joined: Array(repeating: nil, count: n),
                  left: Array(repeating: nil, count: n))
    }

    public var count: Int { governance.count }
}

/// Network position of every member in the window's network, computed by the caller (who holds
/// the graph and its options). nil arrays leave the feature empty.
public struct NetworkPosition: Sendable {
    public var coreNumber: [Int]?
    public var coreness: [Double]?
    public var betweenness: [Double]?
    public var eiIndex: [Double?]?

    public init(coreNumber: [Int]? = nil, coreness: [Double]? = nil, betweenness: [Double]? = nil, eiIndex: [Double?]? = nil) {
        self.coreNumber = coreNumber
        self.coreness = coreness
        self.betweenness = betweenness
        self.eiIndex = eiIndex
    }
}

/// Every member's engagement features over one window [start, end).
///
/// Values are held per feature in one contiguous array (`values[f · n + v]`), NaN where a value is
/// missing (no topic among the events, no survey, …). A member is *active* with at least one record
/// in the window, and a *member during the window* unless they joined after it ended or left before
/// it began (without a `joined` date, joining is their first record ever, even after the window).
public struct EngagementFeatures: Sendable {
    public let memberCount: Int
    public let window: TimeWindow
    public let values: [Double]
    public let isActive: [Bool]
    public let isMember: [Bool]

    public static let roleWeights: [AttendanceRole: Double] = [.attendee: 1, .presenter: 2, .facilitator: 3, .host: 3, .organiser: 3]

    /// - Parameters:
    ///   - window: the features' window; `end` must be set (the days-since and tenure figures are
    ///     counted to it).
    public init(interactions: InteractionLog, attendance: AttendanceLog, facts: MemberFacts, window: TimeWindow,
                position: NetworkPosition = NetworkPosition()) {
        precondition(window.end != nil, "an engagement window has an end")
        let n = facts.count
        let end = window.end!
        memberCount = n
        self.window = window
        // Each member's first record ever and last record before the window's end.
        var first = [Int64](repeating: .max, count: n), last = [Int64](repeating: .min, count: n)
        var records = [Int](repeating: 0, count: n)
        func see(_ v: Int, _ t: Int64) {
            first[v] = min(first[v], t)
            if t < end { last[v] = max(last[v], t) }
            if window.contains(t) { records[v] += 1 }
        }
        for k in 0..<interactions.count {
            see(Int(interactions.source[k]), interactions.time[k])
            see(Int(interactions.target[k]), interactions.time[k])
        }
        for k in 0..<attendance.count { see(Int(attendance.member[k]), attendance.date[k]) }

        let attended = EngagementFeatures.attendanceFeatures(attendance, memberCount: n, window: window)
        let contacts = EngagementFeatures.interactionFeatures(interactions, memberCount: n, window: window)
        let windowStart = window.start ?? Int64.min
        // Joining: the `joined` date, else the first record ever.
        let joined = (0..<n).map { v in facts.joined[v] ?? (first[v] == .max ? nil : first[v]) }
        isActive = records.map { $0 > 0 }
        isMember = (0..<n).map { v in
            records[v] > 0 || ((joined[v].map { $0 < end } ?? true) && (facts.left[v].map { $0 >= windowStart } ?? true))
        }
        // The attendance rate's denominator: events held (first row of each event in the window,
        // sorted) between joining and leaving.
        let eventDates = attended.eventDates
        func eventsHeld(_ v: Int) -> Int {
            let a = max(windowStart, min(joined[v] ?? windowStart, first[v]))
            let b = min(end, facts.left[v].map { max($0 + Timestamp.secondsPerDay, last[v] + 1) } ?? end)
            return a < b ? lowerBound(eventDates, b) - lowerBound(eventDates, a) : 0
        }
        let day = Double(Timestamp.secondsPerDay)
        let nan = Double.nan
        let columns: [(EngagementFeature, (Int) -> Double)] = [
            (.records, { Double(records[$0]) }),
            (.eventsAttended, { Double(attended.events[$0]) }),
            (.attendanceRate, { v in let held = eventsHeld(v); return held > 0 ? min(1, Double(attended.events[v]) / Double(held)) : nan }),
            (.activeRoleEvents, { Double(attended.activeEvents[$0]) }),
            (.roleScore, { attended.roleScore[$0] }),
            (.topicBreadth, { Double(attended.breadth[$0]) }),
            (.topicFocus, { attended.focus[$0] }),
            (.topicHerfindahl, { attended.herfindahl[$0] }),
            (.partners, { Double(contacts.partners[$0]) }),
            (.repeatPartners, { Double(contacts.repeatPartners[$0]) }),
            (.strength, { contacts.strength[$0] }),
            (.initiated, { Double(contacts.initiated[$0]) }),
            (.coreNumber, { v in position.coreNumber.map { Double($0[v]) } ?? nan }),
            (.coreness, { v in position.coreness.map { $0[v] } ?? nan }),
            (.betweenness, { v in position.betweenness.map { $0[v] } ?? nan }),
            (.eiIndex, { v in position.eiIndex.map { $0[v] ?? nan } ?? nan }),
            (.surveyInDegree, { _ in nan }),
            (.governance, { facts.governance[$0] ? 1 : 0 }),
            (.tenureDays, { v in joined[v].map { Double(max(0, min(end, facts.left[v] ?? end) - $0)) / day } ?? nan }),
            (.daysSinceLastActivity, { v in last[v] == .min ? nan : Double(end - last[v]) / day }),
        ]
        var values = [Double](repeating: 0, count: columns.count * n)
        for (f, value) in columns {
            let base = EngagementFeatures.index(f) * n
            for v in 0..<n { values[base + v] = value(v) }
        }
        self.values = values
    }

    /// Member v's value of feature f (nil: missing).
    public func value(_ f: EngagementFeature, _ v: Int) -> Double? {
        let x = values[EngagementFeatures.index(f) * memberCount + v]
        return x.isNaN ? nil : x
    }

    /// Feature f's values for every member (NaN: missing).
    public func column(_ f: EngagementFeature) -> ArraySlice<Double> {
        let i = EngagementFeatures.index(f) * memberCount
        return values[i..<(i + memberCount)]
    }

    static func index(_ f: EngagementFeature) -> Int { featureIndex[f]! }
    private static let featureIndex = Dictionary(uniqueKeysWithValues: EngagementFeature.allCases.enumerated().map { ($1, $0) })

    /// Attendance in the window, per member: distinct events, events in an active role, role
    /// score, and topic breadth, focus and concentration. Rows are grouped by sorting
    /// (member, event) keys, so a member listed twice for one event counts once.
    static func attendanceFeatures(_ log: AttendanceLog, memberCount n: Int, window: TimeWindow)
        -> (events: [Int], activeEvents: [Int], roleScore: [Double], breadth: [Int], focus: [Double], herfindahl: [Double], eventDates: [Int64]) {
        let rows = log.range(in: window)
        var keys: [(key: UInt64, row: Int)] = []
        keys.reserveCapacity(rows.count)
        var eventFirst = [Int64](repeating: .max, count: log.events.count)
        for k in rows {
            keys.append(((UInt64(UInt32(log.member[k])) << 32) | UInt64(UInt32(log.event[k])), k))
            let e = Int(log.event[k])
            eventFirst[e] = min(eventFirst[e], log.date[k])
        }
        keys.sort { $0.key < $1.key || ($0.key == $1.key && $0.row < $1.row) }
        let roleWeight = (0..<log.roles.count).map { code -> Double in
            AttendanceRole(rawValue: log.roles[Int32(code)]).flatMap { roleWeights[$0] } ?? 1
        }
        let roleActive = (0..<log.roles.count).map { log.isActiveRole(UInt16($0)) }
        var events = [Int](repeating: 0, count: n), activeEvents = events, breadth = events
        var score = [Double](repeating: 0, count: n)
        var focus = [Double](repeating: .nan, count: n), herfindahl = focus
        var topics: [Int32] = []
        var i = 0
        while i < keys.count {
            let member = Int(keys[i].key >> 32)
            topics.removeAll(keepingCapacity: true)
            while i < keys.count && Int(keys[i].key >> 32) == member {
                // One event: the highest role weight, any active role, the first row's topic.
                let key = keys[i].key
                var weight = 0.0, isActive = false
                let topic = log.topic[keys[i].row]
                while i < keys.count && keys[i].key == key {
                    let r = Int(log.role[keys[i].row])
                    weight = max(weight, roleWeight[r])
                    isActive = isActive || roleActive[r]
                    i += 1
                }
                events[member] += 1
                score[member] += weight
                if isActive { activeEvents[member] += 1 }
                if topic != 0 { topics.append(topic) }
            }
            guard !topics.isEmpty else { continue }
            topics.sort()
            var counts: [Int] = []
            var j = 0
            while j < topics.count {
                var run = 1
                while j + run < topics.count && topics[j + run] == topics[j] { run += 1 }
                counts.append(run)
                j += run
            }
            counts.sort(by: >)
            let total = Double(topics.count)
            breadth[member] = counts.count
            focus[member] = Double(counts.prefix(2).reduce(0, +)) / total
            herfindahl[member] = counts.reduce(0.0) { $0 + (Double($1) / total) * (Double($1) / total) }
        }
        let dates = eventFirst.filter { $0 != .max }.sorted()
        return (events, activeEvents, score, breadth, focus, herfindahl, dates)
    }

    /// Interactions in the window, per member: distinct partners, partners met twice or more,
    /// strength (weights sent and received) and directed records sent.
    static func interactionFeatures(_ log: InteractionLog, memberCount n: Int, window: TimeWindow)
        -> (partners: [Int], repeatPartners: [Int], strength: [Double], initiated: [Int]) {
        let rows = log.range(in: window)
        var keys: [UInt64] = []
        keys.reserveCapacity(2 * rows.count)
        var strength = [Double](repeating: 0, count: n)
        var initiated = [Int](repeating: 0, count: n)
        for k in rows {
            let s = UInt64(UInt32(log.source[k])), t = UInt64(UInt32(log.target[k]))
            keys.append(s << 32 | t)
            keys.append(t << 32 | s)
            strength[Int(s)] += log.weight[k]
            strength[Int(t)] += log.weight[k]
            if log.directed[k] { initiated[Int(s)] += 1 }
        }
        keys.sort()
        var partners = [Int](repeating: 0, count: n), repeated = partners
        var i = 0
        while i < keys.count {
            var run = 1
            while i + run < keys.count && keys[i + run] == keys[i] { run += 1 }
            let v = Int(keys[i] >> 32)
            partners[v] += 1
            if run >= 2 { repeated[v] += 1 }
            i += run
        }
        return (partners, repeated, strength, initiated)
    }
}

/// The first index of sorted `a` whose value is ≥ x.
func lowerBound(_ a: [Int64], _ x: Int64) -> Int {
    var lo = 0, hi = a.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if a[mid] < x { lo = mid + 1 } else { hi = mid }
    }
    return lo
}
