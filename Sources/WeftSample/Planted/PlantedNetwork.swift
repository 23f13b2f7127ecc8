import WeftGraph

/// A learning network planted from the engagement definitions (see `PlantedProfile`), to measure
/// how well a segmentation recovers them. Separate from the realistic CLN sample on purpose: the
/// CLN mixes in drifters and country structure; here every member behaves as one profile says,
/// so a member a segmentation gets wrong is a fault of the segmentation.
///
/// The network's year is 2024: `events` events on `topics` topics (topics dealt round-robin in a
/// shuffled order, days uniform, the last event on 31 December so a segmentation's window is the
/// calendar year). Members all joined before 2024 (crew in 2021–2022, the others 2022–2023).
/// * Crew: each attends every event with their own chance (`PlantedActivity.crewAttendance`),
///   whatever its topic; each event has a crew host, half of them a crew facilitator and one in
///   five a crew organiser; crew present at a tenth of the other events they attend; about a
///   third sit in governance; each writes to `crewPartners` members chosen at random, 1–4
///   records per tie.
/// * Deep divers: one focus topic each; they attend its events with their own chance
///   (`deepDiverAttendance`) and other events rarely (`offTopicAttendance`); they present at a
///   quarter of their focus events; each has 2–4 partners among the deep divers of their topic
///   (anyone active when there are none) with `deepDiverTieRecords` records per tie.
/// * Passengers: `passengerEvents` events chosen uniformly among all; some write one record to
///   one to three members (`passengerContact`).
/// * Inactive: half wrote one to three records in February–October 2023, half nothing ever.
///
/// Everything comes from one seeded stream; the same composition and seed give the same network.
public struct PlantedNetwork: Sendable {
    public struct Member: Sendable, Equatable {
        public let id: String
        public let profile: PlantedProfile
        public let governance: Bool
        /// The day joined (days since 1970-01-01).
        public let joined: Int64
        /// A deep diver's topic (index into `topics`), nil for the others.
        public let focusTopic: Int?
    }

    public struct Event: Sendable {
        public let id: String
        public let day: Int64
        public let topic: Int
    }

    public struct Attendance: Sendable {
        public let member: Int
        public let event: Int
        /// attendee, presenter, facilitator, host or organiser.
        public let role: String
    }

    public struct Interaction: Sendable {
        public let source: Int
        public let target: Int
        /// Seconds since the epoch.
        public let time: Int64
    }

    public let composition: PlantedComposition
    public let seed: UInt64
    public let members: [Member]
    public let events: [Event]
    /// Rows in event order, then member order.
    public let attendance: [Attendance]
    /// Records in time order (ties: source, target).
    public let interactions: [Interaction]
    public let topics: [String]

    /// The network's year: 2024-01-01 to 2025-01-01 (seconds since the epoch).
    public static let yearStart = Timestamp.seconds(year: 2024, month: 1, day: 1)
    public static let yearEnd = Timestamp.seconds(year: 2025, month: 1, day: 1)

    public init(_ composition: PlantedComposition, seed: UInt64) {
        self.composition = composition
        self.seed = seed
        var random = SeededGenerator(seed: seed, stream: .planted)
        let activity = composition.activity
        topics = (0..<composition.topics).map { "topic \($0 + 1)" }

        // Members: profiles in a shuffled order, so ids say nothing of them.
        var profiles: [PlantedProfile] = []
        for (profile, count) in zip(PlantedProfile.allCases, composition.counts) { profiles += Array(repeating: profile, count: count) }
        random.shuffle(&profiles)
        let firstDay = Day.of(2021, 1, 1), founders = Day.of(2022, 1, 1), lastJoin = Day.of(2023, 12, 31)
        members = profiles.enumerated().map { v, profile in
            let joined = profile == .crew ? random.int(in: Int(firstDay)...Int(founders)) : random.int(in: Int(founders)...Int(lastJoin))
            return Member(id: SampleID.make("m", v + 1, width: 4), profile: profile,
                          governance: profile == .crew && random.chance(1.0 / 3), joined: Int64(joined),
                          focusTopic: profile == .deepDiver ? random.int(below: composition.topics) : nil)
        }

        // Events: topics round-robin in a shuffled order, days uniform over 2024, the last on 31 December.
        let year = Day.of(2024, 1, 1), lastDay = Day.of(2024, 12, 31)
        var eventTopics = (0..<activity.events).map { $0 % composition.topics }
        random.shuffle(&eventTopics)
        var days = (0..<(activity.events - 1)).map { _ in Int64(random.int(in: Int(year)...Int(lastDay))) } + [lastDay]
        days.sort()
        events = days.enumerated().map { e, day in Event(id: SampleID.make("e", e + 1, width: 3), day: day, topic: eventTopics[e]) }

        attendance = PlantedNetwork.attend(members: members, events: events, activity: activity, random: &random)
        interactions = PlantedNetwork.interact(members: members, activity: activity, random: &random)
    }

    /// Who attends which event in which role (see the type's description).
    static func attend(members: [Member], events: [Event], activity: PlantedActivity, random: inout SeededGenerator) -> [Attendance] {
        let crew = members.indices.filter { members[$0].profile == .crew }
        let chance: [Double] = members.map { m in
            switch m.profile {
            case .crew: return random.uniform(activity.crewAttendance.lowerBound, activity.crewAttendance.upperBound)
            case .deepDiver: return random.uniform(activity.deepDiverAttendance.lowerBound, activity.deepDiverAttendance.upperBound)
            case .passenger, .inactive: return 0
            }
        }
        // Passengers pick their events up front: a few, anywhere.
        var passengerEvents = [[Int]](repeating: [], count: events.count)
        for v in members.indices where members[v].profile == .passenger {
            var pool = Array(events.indices)
            random.shuffle(&pool)
            for e in pool.prefix(random.int(in: activity.passengerEvents)) { passengerEvents[e].append(v) }
        }
        var rows: [Attendance] = []
        for (e, event) in events.enumerated() {
            // The event's steering roles, all from the crew.
            var roles: [Int: String] = [:]
            if !crew.isEmpty {
                roles[random.element(of: crew)] = "host"
                if random.chance(0.5) { let c = random.element(of: crew); if roles[c] == nil { roles[c] = "facilitator" } }
                if random.chance(0.2) { let c = random.element(of: crew); if roles[c] == nil { roles[c] = "organiser" } }
            }
            let passengers = Set(passengerEvents[e])
            for (v, m) in members.enumerated() {
                var role: String?
                switch m.profile {
                case .crew:
                    if let steering = roles[v] { role = steering } else if random.chance(chance[v]) {
                        role = random.chance(0.1) ? "presenter" : "attendee"
                    }
                case .deepDiver:
                    let inFocus = m.focusTopic == event.topic
                    if random.chance(inFocus ? chance[v] : activity.offTopicAttendance) {
                        role = inFocus && random.chance(0.25) ? "presenter" : "attendee"
                    }
                case .passenger:
                    if passengers.contains(v) { role = "attendee" }
                case .inactive:
                    break
                }
                if let role { rows.append(Attendance(member: v, event: e, role: role)) }
            }
        }
        return rows
    }

    /// The interaction records of the year (and the 2023 records of half the inactive).
    static func interact(members: [Member], activity: PlantedActivity, random: inout SeededGenerator) -> [Interaction] {
        let active = members.indices.filter { members[$0].profile != .inactive }
        var byTopic: [Int: [Int]] = [:]
        for v in members.indices { if let t = members[v].focusTopic { byTopic[t, default: []].append(v) } }
        let year = Day.of(2024, 1, 1), lastDay = Day.of(2024, 12, 31)
        var records: [Interaction] = []
        func write(_ source: Int, _ target: Int, from first: Int64 = year, to last: Int64 = lastDay) {
            let day = Int64(random.int(in: Int(first)...Int(last)))
            records.append(Interaction(source: source, target: target,
                                       time: day * Timestamp.secondsPerDay + Int64(random.int(in: 8...17)) * 3_600))
        }
        func partners(of v: Int, count: Int, among pool: [Int]) -> [Int] {
            var chosen: [Int] = []
            let candidates = pool.filter { $0 != v }
            guard !candidates.isEmpty else { return [] }
            for _ in 0..<(4 * count) where chosen.count < min(count, candidates.count) {
                let p = random.element(of: candidates)
                if !chosen.contains(p) { chosen.append(p) }
            }
            return chosen
        }
        for (v, m) in members.enumerated() {
            switch m.profile {
            case .crew:
                for p in partners(of: v, count: random.int(in: activity.crewPartners), among: active) {
                    for _ in 0..<random.int(in: 1...4) { write(v, p) }
                }
            case .deepDiver:
                let peers = byTopic[m.focusTopic!]!.count > 1 ? byTopic[m.focusTopic!]! : active
                for p in partners(of: v, count: random.int(in: 2...4), among: peers) {
                    for _ in 0..<random.int(in: activity.deepDiverTieRecords) {
                        if random.chance(0.5) { write(v, p) } else { write(p, v) }
                    }
                }
            case .passenger:
                let contact = activity.passengerContact
                guard random.chance(contact.chance) else { continue }
                for p in partners(of: v, count: random.int(in: contact.partners), among: active) { write(v, p) }
            case .inactive:
                guard random.chance(0.5) else { continue }
                for _ in 0..<random.int(in: 1...3) {
                    write(v, random.element(of: active), from: Day.of(2023, 2, 1), to: Day.of(2023, 10, 31))
                }
            }
        }
        records.sort { ($0.time, $0.source, $0.target) < ($1.time, $1.source, $1.target) }
        return records
    }

    /// The planted profile of each member, in member order.
    public var profiles: [PlantedProfile] { members.map(\.profile) }

    /// The network as Weft's columnar logs (members indexed as in `members`), sorted.
    public func logs() -> (interactions: InteractionLog, attendance: AttendanceLog) {
        var interactionLog = InteractionLog()
        for r in interactions {
            // Sources and targets are distinct members by construction.
            try! interactionLog.append(source: Int32(r.source), target: Int32(r.target), time: r.time)
        }
        interactionLog.sortByTime()
        var attendanceLog = AttendanceLog()
        for e in events { _ = attendanceLog.events.intern(e.id) }
        for t in topics { _ = attendanceLog.topicCode(t) }
        for row in attendance {
            let event = events[row.event]
            attendanceLog.append(member: Int32(row.member), event: Int32(row.event), date: event.day * Timestamp.secondsPerDay,
                                 role: attendanceLog.roleCode(row.role), topic: attendanceLog.topicCode(topics[event.topic]))
        }
        attendanceLog.sortByDate()
        return (interactionLog, attendanceLog)
    }

    /// Each member's join instant (seconds since the epoch), in member order.
    public var joinedInstants: [Int64] { members.map { $0.joined * Timestamp.secondsPerDay } }
}
