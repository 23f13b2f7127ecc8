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
    /// Normalised betweenness in the window's network (members.csv's `betweenness_normalized`,
    /// over the segment window; members.csv's `betweenness` is raw).
    case betweenness = "betweenness_normalized"
    /// The member's Krackhardt–Stern E-I index across the primary group attribute's groups.
    case eiIndex = "ei_index"
    /// Members who named this member in the survey wave of the window (any relation, each
    /// nominator once); empty without survey data, or for a member absent at that wave.
    case surveyInDegree = "survey_in_degree"
    /// 1 when members.csv flags the member as sitting in governance, else 0.
    case governance
    /// Days from joining (the `joined` date, or the first record) to the window's end (or `left`).
    case tenureDays = "tenure_days"
    /// Days from the last record before the window's end to the window's end.
    case daysSinceLastActivity = "days_since_last_activity"
    /// Distinct events in a steering role (`steering_roles`: host, facilitator and organiser by
    /// default). Steering is what crew do; presenting one's own work is sharing, not steering.
    case steeringEvents = "steering_events"
    /// Distinct events in a sharing role (`sharing_roles`: presenter by default).
    case sharingEvents = "sharing_events"
    /// Events attended / all events held in the window (what the network offered), 0 to 1.
    case eventShare = "event_share"
    /// Distinct topics attended / distinct topics of the events held in the window, 0 to 1
    /// (missing when no event in the window has a topic).
    case topicCoverage = "topic_coverage"
    /// Events in the member's top topic (the topic of most of their events; ties: the topic whose
    /// name sorts first, so that the order of the input rows does not matter).
    case focusEvents = "focus_events"
    /// The top topic's share of the member's events, shrunk towards what attending at random would
    /// give: (focus_events + b / T) / (events with a topic + b), with T the topics offered in the
    /// window and b = `focus_prior_events`. One event is not "focused": with b = 4 and T = 6 it
    /// scores 0.33, three of three 0.52, six of six 0.67 (an empirical-Bayes estimate with a
    /// Beta prior of mean 1/T and weight b; Efron & Morris 1975).
    case shrunkFocus = "shrunk_focus"
    /// Events in a sharing role whose topic is the member's top topic (presenting their own work).
    case focusSharingEvents = "focus_sharing_events"
    /// focus_events / the events held in the window on the member's top topic: how much of what
    /// the network offered in that topic the member took up, 0 to 1.
    case focusShare = "focus_share"

    /// The feature a rule or `cluster_features` names: its column name, or the name it had before
    /// schema 2.0.0 (`betweenness`, which now names raw betweenness in members.csv).
    public static func named(_ word: String) -> EngagementFeature? {
        EngagementFeature(rawValue: word) ?? (word == "betweenness" ? .betweenness : nil)
    }

    /// Counts and sums with a long right tail: k-means sees log(1 + x) of these.
    public var isCount: Bool {
        switch self {
        case .records, .eventsAttended, .activeRoleEvents, .roleScore, .topicBreadth, .partners, .repeatPartners,
             .strength, .initiated, .coreNumber, .surveyInDegree, .steeringEvents, .sharingEvents, .focusEvents,
             .focusSharingEvents:
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

    /// - Throws: `ArgumentError` when the three arrays differ in length.
    public init(governance: [Bool], joined: [Int64?], left: [Int64?]) throws {
        try ArgumentError.require(governance.count == joined.count && joined.count == left.count, "MemberFacts", "governance, joined, left",
                                  "must be of one length (got \(governance.count), \(joined.count) and \(left.count))")
        self.governance = governance
        self.joined = joined
        self.left = left
    }

    /// No facts for `n` members.
    public init(count n: Int) {
        governance = Array(repeating: false, count: n)
        joined = Array(repeating: nil, count: n)
        left = Array(repeating: nil, count: n)
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
    ///   - roles: which roles steer and which share, and the focus prior (the config's settings).
    ///   - surveyInDegree: `survey_in_degree` per member (NaN where missing); nil without survey data.
    public init(interactions: InteractionLog, attendance: AttendanceLog, facts: MemberFacts, window: TimeWindow,
                position: NetworkPosition = NetworkPosition(), roles: EngagementRoles = EngagementRoles(),
                surveyInDegree: [Double]? = nil) throws {
        guard let end = window.end else { throw ArgumentError("EngagementFeatures", "window", "must have an end") }
        let n = facts.count
        memberCount = n
        self.window = window
        // Each member's first record ever and last record before the window's end (a pass over
        // every record), beside the tallies of the window's records: the two are independent.
        let (span, (attended, contacts)) = Parallel.both(
            { RecordSpan(interactions: interactions, attendance: attendance, memberCount: n, window: window, end: end) },
            { (EngagementFeatures.attendanceFeatures(attendance, memberCount: n, window: window, roles: roles),
               EngagementFeatures.interactionFeatures(interactions, memberCount: n, window: window)) })
        let (first, last, records) = (span.first, span.last, span.records)
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
            (.surveyInDegree, { v in surveyInDegree?[v] ?? nan }),
            (.governance, { facts.governance[$0] ? 1 : 0 }),
            (.tenureDays, { v in joined[v].map { Double(max(0, min(end, facts.left[v] ?? end) - $0)) / day } ?? nan }),
            (.daysSinceLastActivity, { v in last[v] == .min ? nan : Double(end - last[v]) / day }),
            (.steeringEvents, { Double(attended.steeringEvents[$0]) }),
            (.sharingEvents, { Double(attended.sharingEvents[$0]) }),
            (.eventShare, { v in attended.eventsHeld > 0 ? Double(attended.events[v]) / Double(attended.eventsHeld) : nan }),
            (.topicCoverage, { v in attended.topicsOffered > 0 ? Double(attended.breadth[v]) / Double(attended.topicsOffered) : nan }),
            (.focusEvents, { Double(attended.focusEvents[$0]) }),
            (.shrunkFocus, { attended.shrunkFocus[$0] }),
            (.focusSharingEvents, { Double(attended.focusSharingEvents[$0]) }),
            (.focusShare, { attended.focusShare[$0] }),
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

    /// Each member's first record ever, last record before the window's end and records in the
    /// window, gathered in one pass (a value type, so the loop updates arrays in place).
    private struct RecordSpan {
        var first: [Int64], last: [Int64], records: [Int]

        init(memberCount n: Int) {
            first = [Int64](repeating: .max, count: n)
            last = [Int64](repeating: .min, count: n)
            records = [Int](repeating: 0, count: n)
        }

        /// The span of every interaction's two members and every attendance row's member.
        init(interactions: InteractionLog, attendance: AttendanceLog, memberCount n: Int, window: TimeWindow, end: Int64) {
            self.init(memberCount: n)
            for k in 0..<interactions.count {
                see(Int(interactions.source[k]), interactions.time[k], window: window, end: end)
                see(Int(interactions.target[k]), interactions.time[k], window: window, end: end)
            }
            for k in 0..<attendance.count { see(Int(attendance.member[k]), attendance.date[k], window: window, end: end) }
        }

        mutating func see(_ v: Int, _ t: Int64, window: TimeWindow, end: Int64) {
            first[v] = min(first[v], t)
            if t < end { last[v] = max(last[v], t) }
            if window.contains(t) { records[v] += 1 }
        }
    }

    /// Member v's value of every feature, in `EngagementFeature.allCases` order (nil: missing).
    public func values(of v: Int) -> [Double?] {
        (0..<EngagementFeatures.featureCount).map { i in
            let x = values[i * memberCount + v]
            return x.isNaN ? nil : x
        }
    }

    /// Feature f's values for every member (NaN: missing).
    public func column(_ f: EngagementFeature) -> ArraySlice<Double> {
        let i = EngagementFeatures.index(f) * memberCount
        return values[i..<(i + memberCount)]
    }

    static func index(_ f: EngagementFeature) -> Int { featureIndex[f]! }
    static let featureCount = EngagementFeature.allCases.count
    private static let featureIndex = Dictionary(uniqueKeysWithValues: EngagementFeature.allCases.enumerated().map { ($1, $0) })

    /// Attendance in the window, per member (see `AttendanceSummary`). Rows are grouped by sorting
    /// (member, event) keys, so a member listed twice for one event counts once.
    static func attendanceFeatures(_ log: AttendanceLog, memberCount n: Int, window: TimeWindow,
                                   roles: EngagementRoles = EngagementRoles()) -> AttendanceSummary {
        let rows = log.range(in: window)
        var keys: [(key: UInt64, row: Int)] = []
        keys.reserveCapacity(rows.count)
        var eventFirst = [Int64](repeating: .max, count: log.events.count)
        var eventTopic = [Int32](repeating: -1, count: log.events.count)
        // Topics ranked by name, so that no choice between topics depends on the order of the rows.
        var rank = [Int32](repeating: 0, count: log.topics.count)
        for (position, code) in (0..<log.topics.count).sorted(by: { log.topics[Int32($0)] < log.topics[Int32($1)] }).enumerated() {
            rank[code] = Int32(position)
        }
        for k in rows {
            keys.append(((UInt64(UInt32(log.member[k])) << 32) | UInt64(UInt32(log.event[k])), k))
            let e = Int(log.event[k])
            eventFirst[e] = min(eventFirst[e], log.date[k])
            // An event's topic: its rows' (they normally agree; else the one whose name sorts last,
            // so a topic wins over none).
            let t = log.topic[k]
            if eventTopic[e] < 0 || rank[Int(t)] > rank[Int(eventTopic[e])] { eventTopic[e] = t }
        }
        keys.sort { $0.key < $1.key || ($0.key == $1.key && $0.row < $1.row) }
        let roleNames = (0..<log.roles.count).map { log.roles[Int32($0)] }
        let roleWeight = roleNames.map { AttendanceRole(rawValue: $0).flatMap { roleWeights[$0] } ?? 1 }
        let roleActive = (0..<log.roles.count).map { log.isActiveRole(UInt16($0)) }
        let roleSteers = roleNames.map { roles.steering.contains($0) }, roleShares = roleNames.map { roles.sharing.contains($0) }
        var out = AttendanceSummary(memberCount: n)
        out.topicRank = rank
        out.eventsHeld = eventFirst.reduce(0) { $0 + ($1 != .max ? 1 : 0) }
        out.eventsPerTopic = [Int](repeating: 0, count: log.topics.count)
        for t in eventTopic where t >= 0 { out.eventsPerTopic[Int(t)] += 1 }
        out.topicsOffered = out.eventsPerTopic.dropFirst().reduce(0) { $0 + ($1 > 0 ? 1 : 0) }   // code 0: no topic
        var topics: [(topic: Int32, shares: Bool)] = []
        var i = 0
        while i < keys.count {
            let member = Int(keys[i].key >> 32)
            topics.removeAll(keepingCapacity: true)
            while i < keys.count && Int(keys[i].key >> 32) == member {
                // One event: the highest role weight, any active, steering or sharing role, the first row's topic.
                let key = keys[i].key
                var weight = 0.0, isActive = false, steers = false, shares = false
                let topic = log.topic[keys[i].row]
                while i < keys.count && keys[i].key == key {
                    let r = Int(log.role[keys[i].row])
                    weight = max(weight, roleWeight[r])
                    isActive = isActive || roleActive[r]
                    steers = steers || roleSteers[r]
                    shares = shares || roleShares[r]
                    i += 1
                }
                out.events[member] += 1
                out.roleScore[member] += weight
                if isActive { out.activeEvents[member] += 1 }
                if steers { out.steeringEvents[member] += 1 }
                if shares { out.sharingEvents[member] += 1 }
                if topic != 0 { topics.append((topic, shares)) }
            }
            guard !topics.isEmpty else { continue }
            out.addTopics(&topics, member: member, priorEvents: roles.focusPriorEvents)
        }
        out.eventDates = eventFirst.filter { $0 != .max }.sorted()
        return out
    }

    /// Interactions in the window, per member: distinct partners, partners met twice or more,
    /// strength (weights sent and received) and directed records sent.
    ///
    /// Each record gives both its members a sighting of the other (a record of a member with
    /// itself gives it two of itself). The sightings are grouped by member with a counting sort,
    /// then each member's are tallied against a stamp per partner: O(records + members), where
    /// sorting the pairs cost O(records · log records).
    static func interactionFeatures(_ log: InteractionLog, memberCount n: Int, window: TimeWindow)
        -> (partners: [Int], repeatPartners: [Int], strength: [Double], initiated: [Int]) {
        let rows = log.range(in: window)
        var strength = [Double](repeating: 0, count: n)
        var initiated = [Int](repeating: 0, count: n)
        var start = [Int](repeating: 0, count: n + 1)
        for k in rows {
            let s = Int(log.source[k]), t = Int(log.target[k])
            start[s + 1] += 1
            start[t + 1] += 1
            strength[s] += log.weight[k]
            strength[t] += log.weight[k]
            if log.directed[k] { initiated[s] += 1 }
        }
        for v in 0..<n { start[v + 1] += start[v] }
        var sighted = [Int32](repeating: 0, count: start[n])
        var next = start
        for k in rows {
            let s = log.source[k], t = log.target[k]
            sighted[next[Int(s)]] = t; next[Int(s)] += 1
            sighted[next[Int(t)]] = s; next[Int(t)] += 1
        }
        var partners = [Int](repeating: 0, count: n), repeated = partners
        var stamp = [Int](repeating: -1, count: n), times = [Int32](repeating: 0, count: n)
        for v in 0..<n {
            for p in start[v]..<start[v + 1] {
                let u = Int(sighted[p])
                if stamp[u] != v { stamp[u] = v; times[u] = 0; partners[v] += 1 }
                times[u] += 1
                if times[u] == 2 { repeated[v] += 1 }
            }
        }
        return (partners, repeated, strength, initiated)
    }
}

/// Which attendance roles steer and which share, and the weight of the focus prior: the settings
/// `steering_roles`, `sharing_roles` and `focus_prior_events` of the segments config. Role names
/// are normalised as the attendance reader normalises them ("organizer" → organiser).
public struct EngagementRoles: Sendable, Equatable {
    public var steering: Set<String>
    public var sharing: Set<String>
    /// b in `shrunk_focus`: the weight, in events, of the prior "attends topics at random".
    public var focusPriorEvents: Double

    public static let defaultSteering = ["host", "facilitator", "organiser"]
    public static let defaultSharing = ["presenter"]

    public init(steering: [String] = EngagementRoles.defaultSteering, sharing: [String] = EngagementRoles.defaultSharing,
                focusPriorEvents: Double = 4) {
        self.steering = Set(steering.map(EngagementRoles.normalised))
        self.sharing = Set(sharing.map(EngagementRoles.normalised))
        self.focusPriorEvents = focusPriorEvents
    }

    /// A role label as AttendanceLog stores it.
    public static func normalised(_ label: String) -> String { AttendanceRole(label: label)?.rawValue ?? label.lowercased() }
}

/// Per-member attendance figures over a window (inputs of the attendance features).
struct AttendanceSummary {
    var events: [Int], activeEvents: [Int], steeringEvents: [Int], sharingEvents: [Int], breadth: [Int]
    var focusEvents: [Int], focusSharingEvents: [Int]
    var roleScore: [Double]
    /// NaN for members with no event with a topic.
    var focus: [Double], herfindahl: [Double], shrunkFocus: [Double], focusShare: [Double]
    /// The first date of every event held in the window, sorted.
    var eventDates: [Int64] = []
    var eventsHeld = 0
    /// Distinct topics among the events held in the window, and the events held per topic code.
    var topicsOffered = 0
    var eventsPerTopic: [Int] = []
    /// Each topic code's rank by topic name.
    var topicRank: [Int32] = []

    init(memberCount n: Int) {
        events = [Int](repeating: 0, count: n)
        (activeEvents, steeringEvents, sharingEvents, breadth, focusEvents, focusSharingEvents) = (events, events, events, events, events, events)
        roleScore = [Double](repeating: 0, count: n)
        focus = [Double](repeating: .nan, count: n)
        (herfindahl, shrunkFocus, focusShare) = (focus, focus, focus)
    }

    /// The topic figures of one member from the topic of each attended event (and whether they
    /// shared there); `topics` is sorted in place. The top topic is the one with most events
    /// (ties: the topic whose name sorts first).
    mutating func addTopics(_ topics: inout [(topic: Int32, shares: Bool)], member: Int, priorEvents b: Double) {
        let rank = topicRank
        topics.sort { rank[Int($0.topic)] < rank[Int($1.topic)] }
        var counts: [Int] = []
        var top = (events: 0, sharing: 0, topic: Int32(0))
        var j = 0
        while j < topics.count {
            var run = 1, sharing = topics[j].shares ? 1 : 0
            while j + run < topics.count && topics[j + run].topic == topics[j].topic {
                if topics[j + run].shares { sharing += 1 }
                run += 1
            }
            counts.append(run)
            if run > top.events { top = (run, sharing, topics[j].topic) }
            j += run
        }
        counts.sort(by: >)
        let total = Double(topics.count)
        breadth[member] = counts.count
        focus[member] = Double(counts.prefix(2).reduce(0, +)) / total
        herfindahl[member] = counts.reduce(0.0) { $0 + (Double($1) / total) * (Double($1) / total) }
        focusEvents[member] = top.events
        focusSharingEvents[member] = top.sharing
        let prior = topicsOffered > 0 ? 1 / Double(topicsOffered) : 0
        shrunkFocus[member] = (Double(top.events) + b * prior) / (total + b)
        // Rows of one event that disagree on its topic can leave the
        // member's top topic with fewer events held than they attended: the share is then 1.
        focusShare[member] = Double(top.events) / Double(max(top.events, eventsPerTopic[Int(top.topic)]))
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
