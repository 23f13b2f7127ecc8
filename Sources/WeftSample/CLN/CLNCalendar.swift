import WeftGraph

/// The kinds of network event, as written in `attendance.csv`'s `event_type` column.
enum EventType: Int, CaseIterable, Sendable {
    case webinar, workshop, countryExchange, pairing

    var label: String {
        switch self {
        case .webinar: return "webinar"
        case .workshop: return "workshop"
        case .countryExchange: return "country-exchange"
        case .pairing: return "pairing"
        }
    }
}

/// A member's role at an event, as written in `attendance.csv`'s `role` column.
enum AttendanceRole: Int, Sendable {
    case attendee, presenter, facilitator, host

    var label: String {
        switch self {
        case .attendee: return "attendee"
        case .presenter: return "presenter"
        case .facilitator: return "facilitator"
        case .host: return "host"
        }
    }

    var isActive: Bool { self != .attendee }
}

/// One event of the calendar with who took part in which role.
struct CLNEvent: Sendable {
    var id = ""
    var day: Int64
    var type: EventType
    var topic: Int
    /// For country exchanges: the host country first, then the visiting countries.
    var countries: [Int] = []
    /// Participants (indices into `CLNPopulation.members`) with their roles, in member order.
    var participants: [(member: Int, role: AttendanceRole)] = []

    func members(in role: AttendanceRole) -> [Int] {
        participants.filter { $0.role == role }.map(\.member)
    }
}

/// The network's three-year event calendar and its attendance.
///
/// * Webinars: twice a month (once in January 2022, August and December), 30–120 expected
///   attendees (30 + 90u², mean 60, at most 60% of current members), on a rotating topic;
///   mostly attended by passengers and crew.
/// * Workshops: ten a year (none in August and December), 15–40 participants (at most 30% of
///   current members), on topics in proportion to deep divers' interests.
/// * Country exchanges: eight a year, 5–15 participants from two or three countries (visitors
///   mostly from the host's region), on one of the host country's priority topics.
/// * Pairings: about two a month from March 2022: two members, usually from different countries,
///   who share a topic; mostly deep divers.
///
/// Every event but a pairing has a host (crew, secretariat staff most often), facilitators (crew)
/// and presenters (deep divers focused on the topic, crew, and for exchanges people from the host
/// country). The other participants are drawn independently, each with a probability that grows
/// with activity, the profile's taste for the event type, interest in the topic and current
/// engagement (so faded drifters stop coming), scaled so that the expected size hits the target.
struct CLNCalendar: Sendable {
    var events: [CLNEvent]

    init(population: CLNPopulation, seed: UInt64) {
        var random = SeededGenerator(seed: seed, stream: .calendar)
        let members = population.members
        let topicCount = sampleTopics.count
        var drafts: [CLNEvent] = []

        // Webinars.
        var previousTopic = -1
        for year in 2022...2024 {
            for month in 1...12 {
                let first = Day.of(year, month, 1)
                let single = month == 8 || month == 12 || (year == 2022 && month == 1)
                let days: [Int64] = single
                    ? [first + 20 + Int64(random.int(below: 4))]
                    : [first + 7 + Int64(random.int(below: 4)), first + 21 + Int64(random.int(below: 4))]
                for day in days {
                    var topic = random.int(below: topicCount)
                    while topic == previousTopic { topic = random.int(below: topicCount) }
                    previousTopic = topic
                    drafts.append(CLNEvent(day: Day.nextWorkday(day), type: .webinar, topic: topic))
                }
            }
        }

        // Workshops: topics in proportion to the number of deep divers interested in them.
        var deepInterest = [Double](repeating: 1, count: topicCount)
        for m in members where m.profile == .deepDiver {
            for t in 0..<topicCount where m.isFocused(on: t) { deepInterest[t] += 1 }
        }
        for year in 2022...2024 {
            for month in 1...12 where month != 8 && month != 12 && !(year == 2022 && month == 1) {
                let day = Day.nextWorkday(Day.of(year, month, 1) + Int64(random.int(in: 5...20)))
                drafts.append(CLNEvent(day: day, type: .workshop, topic: random.weightedIndex(deepInterest)!))
            }
        }

        // Country exchanges.
        let countries = sampleCountries
        for year in 2022...2024 {
            var months = Array(2...11)
            random.shuffle(&months)
            for month in months.prefix(8) {
                let day = Day.nextWorkday(Day.of(year, month, 1) + Int64(random.int(in: 0...24)))
                let host = random.weightedIndex(countries.map(\.weight))!
                let visitorCount = random.chance(0.55) ? 2 : 1
                let visitorWeights = countries.indices.map { c -> Double in
                    c == host ? 0 : (countries[c].region == countries[host].region ? 3 : 1)
                }
                let visitors = random.weightedSample(visitorWeights, count: visitorCount)
                let priorities = population.countryPriorities[host]
                let topic = random.chance(0.7) ? random.element(of: priorities) : random.int(below: topicCount)
                drafts.append(CLNEvent(day: day, type: .countryExchange, topic: topic, countries: [host] + visitors))
            }
        }

        // Pairings (topic and partner are chosen when attendance is drawn).
        for _ in 0..<70 {
            let day = Day.nextWorkday(Day.of(2022, 3, 1) + Int64(random.int(below: Int(CLNWindow.lastDay - Day.of(2022, 3, 1) - 10))))
            drafts.append(CLNEvent(day: day, type: .pairing, topic: 0))
        }

        // Chronological order and ids; then attendance, in that order.
        let order = drafts.indices.sorted {
            let a = drafts[$0], b = drafts[$1]
            if a.day != b.day { return a.day < b.day }
            if a.type != b.type { return a.type.rawValue < b.type.rawValue }
            return $0 < $1
        }
        events = []
        for (rank, index) in order.enumerated() {
            var event = drafts[index]
            event.id = SampleID.make("e", rank + 1, width: 4)
            CLNCalendar.drawAttendance(for: &event, members: members, random: &random)
            if !event.participants.isEmpty { events.append(event) }
        }
    }

    /// Draws the roles and the attendees of one event.
    static func drawAttendance(for event: inout CLNEvent, members: [CLNMember], random: inout SeededGenerator) {
        let day = event.day
        let engagement = members.map { $0.engagement(on: day) }
        var taken = [Bool](repeating: false, count: members.count)
        var chosen: [(member: Int, role: AttendanceRole)] = []
        func take(_ indices: [Int], as role: AttendanceRole) {
            for i in indices where !taken[i] {
                taken[i] = true
                chosen.append((i, role))
            }
        }

        if event.type == .pairing {
            let firstWeights = members.indices.map { i -> Double in
                let m = members[i]
                let base: Double
                switch m.profile {
                case .deepDiver: base = 3
                case .crew, .drifter: base = 1
                case .passenger: base = 0.15
                case .inactive: base = 0
                }
                return base * m.activity * engagement[i]
            }
            guard let a = random.weightedIndex(firstWeights) else { return }
            event.topic = members[a].topTopic
            let secondWeights = members.indices.map { i -> Double in
                let m = members[i]
                guard i != a else { return 0 }
                let place = m.country != members[a].country ? 3.0 : 0.4
                return m.profile.eventAffinity(.pairing) * m.topicAffinity[event.topic] * m.activity * engagement[i] * place
            }
            guard let b = random.weightedIndex(secondWeights) else { return }
            event.participants = [(min(a, b), .attendee), (max(a, b), .attendee)]
            return
        }

        let topic = event.topic
        let exchangeCountries = event.type == .countryExchange ? event.countries : nil
        func inPlace(_ i: Int) -> Bool {
            exchangeCountries.map { $0.contains(members[i].country) } ?? true
        }
        let hostCountry = event.countries.first

        // Host: crew, secretariat and governance members most often; for exchanges, crew of the
        // host country.
        let hostWeights = members.indices.map { i -> Double in
            let m = members[i]
            guard m.profile == .crew else { return 0 }
            var w = m.activity * engagement[i] * (m.governance ? 2 : 1) * (m.isSecretariat ? 2.5 : 1)
            if let host = hostCountry { w *= m.country == host ? 6 : 1 }
            return w
        }
        take(random.weightedSample(hostWeights, count: 1), as: .host)

        // Facilitators: crew interested in the topic, now and then a deep diver.
        let facilitatorCount: Int
        let presenterCount: Int
        let target: Double
        let eligible = engagement.reduce(0) { $0 + ($1 > 0.5 ? 1 : 0) }
        switch event.type {
        case .webinar:
            facilitatorCount = 1
            presenterCount = random.int(in: 2...3)
            let u = random.nextUnit()
            target = max(30, min(30 + 90 * u * u, 0.6 * Double(eligible)))
        case .workshop:
            facilitatorCount = random.int(in: 2...3)
            presenterCount = random.int(in: 3...5)
            target = min(random.uniform(15, 40), 0.3 * Double(eligible))
        case .countryExchange, .pairing:
            facilitatorCount = random.int(in: 1...2)
            presenterCount = random.int(in: 2...3)
            target = random.uniform(5, 15)
        }
        let facilitatorWeights = members.indices.map { i -> Double in
            let m = members[i]
            guard !taken[i] else { return 0 }
            switch m.profile {
            case .crew: return m.activity * m.topicAffinity[topic] * engagement[i]
            case .deepDiver: return m.isFocused(on: topic) ? 0.08 * m.activity * engagement[i] : 0
            default: return 0
            }
        }
        take(random.weightedSample(facilitatorWeights, count: facilitatorCount), as: .facilitator)

        // Presenters: deep divers focused on the topic, crew, sometimes others; for exchanges the
        // host country presents.
        let presenterWeights = members.indices.map { i -> Double in
            let m = members[i]
            guard !taken[i], inPlace(i) else { return 0 }
            var w: Double
            switch m.profile {
            case .deepDiver: w = m.isFocused(on: topic) ? 2.5 * m.activity : 0.02
            case .crew: w = 0.8 * m.activity * m.topicAffinity[topic]
            case .drifter: w = 0.4 * m.topicAffinity[topic]
            case .passenger: w = 0.06 * m.topicAffinity[topic]
            case .inactive: w = 0
            }
            if let host = hostCountry, m.country == host { w *= 5 }
            return w * engagement[i]
        }
        take(random.weightedSample(presenterWeights, count: presenterCount), as: .presenter)

        // Attendees.
        let attendeeWeights = members.indices.map { i -> Double in
            let m = members[i]
            guard !taken[i], inPlace(i) else { return 0 }
            return m.activity * m.profile.eventAffinity(event.type) * m.topicAffinity[topic] * engagement[i]
        }
        let expected = max(1, target - Double(chosen.count))
        take(random.inclusionSample(attendeeWeights, expected: expected), as: .attendee)

        chosen.sort { $0.member < $1.member }
        event.participants = chosen
    }
}
