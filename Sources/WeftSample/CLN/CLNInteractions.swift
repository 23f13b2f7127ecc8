import Foundation
import WeftGraph

/// The kinds of interaction record, as written in `interactions.csv`'s `type` column.
enum InteractionType: Int, Sendable {
    case message, call, meeting, coAuthoring

    var label: String {
        switch self {
        case .message: return "message"
        case .call: return "call"
        case .meeting: return "meeting"
        case .coAuthoring: return "co-authoring"
        }
    }
}

/// One row of `interactions.csv`, with member indices instead of ids.
///
/// The weight depends on the type: for a message, the number of messages in the thread (1 most of
/// the time); for a call or meeting, its length in hours; for co-authoring, the hours of joint work
/// on a knowledge product in that session.
struct InteractionRecord: Sendable {
    var time: Int64
    var source: Int32
    var target: Int32
    var type: InteractionType
    var weight: Double

    /// Chronological order, with ties broken by source, target, type and weight.
    static func precedes(_ a: InteractionRecord, _ b: InteractionRecord) -> Bool {
        if a.time != b.time { return a.time < b.time }
        if a.source != b.source { return a.source < b.source }
        if a.target != b.target { return a.target < b.target }
        if a.type != b.type { return a.type.rawValue < b.type.rawValue }
        return a.weight < b.weight
    }
}

/// The latent state of one relationship between two members.
///
/// Strength rises with every boost (meeting at an event, being introduced, preparing a session,
/// a pairing, co-authoring) and decays between boosts with the tie's half-life. A tie with
/// strength s produces on average `CLNInteractions.weeklyRate · s` records a week, scaled down by
/// the two members' current engagement, so ties form, strengthen and fade in the log.
struct LatentTie: Sendable {
    var a: Int
    var b: Int
    var strength = 0.0
    var updated: Int64
    var halfLife: Double
    /// Probability that a record on this tie goes a → b (rather than b → a).
    var forward: Double
    var sameCountry: Bool
    /// Strength never decays below this (secretariat colleagues keep working together).
    var floor = 0.0

    func strength(on day: Int64) -> Double {
        guard day > updated else { return strength }
        return max(floor, strength * exp2(-Double(day - updated) / halfLife))
    }

    mutating func boost(_ amount: Double, on day: Int64) {
        strength = strength(on: day) + amount
        updated = max(updated, day)
    }
}

/// The CLN's interaction log, simulated week by week over the three years.
///
/// * One in five pairs of colleagues in the same organisation start with a tie; secretariat staff
///   all do, with a strength that never drops below a floor.
/// * Before an event, the host writes to (and sometimes calls) its facilitators and presenters,
///   who mostly reply: crew collect many partners across countries this way.
/// * At an event, each pair of participants may strike up (or renew) a tie, with odds that fall
///   with the event's size (webinar ≪ workshop ≪ exchange) and rise with both members'
///   sociability and engagement, a shared country (×3), a shared topic focus and an existing tie.
///   A new or renewed tie brings a burst of records in the following days; at a country
///   exchange, the first record is an in-person meeting.
/// * Facilitators introduce pairs of deep divers or drifters from different countries who share
///   the topic.
/// * A pairing brings calls every two weeks for two to three months (some fizzle after one or two).
/// * Some workshops spawn a knowledge product: two to four presenters, facilitators or focused
///   deep divers co-author over 4–10 weeks (`co-authoring` records).
/// * Every week each tie produces a Poisson number of records with mean ∝ its current strength;
///   stronger and same-country ties use calls and meetings more often. Ties between deep divers
///   who share a focus decay slowest (half-life 200 days), then colleagues (120), other ties of a
///   deep diver (110), crew among themselves (90) and the rest (75), so occasional contacts fade
///   while focused ties last.
/// * Direction: crew send most records on their ties with non-crew (70%); a quarter of the other
///   ties are lopsided (88% one way); the rest are roughly balanced.
/// Records are sent in the sender's local working hours, mostly on weekdays, and only while both
/// people are members.
struct CLNInteractions: Sendable {
    static let weeklyRate = 0.22

    private(set) var records: [InteractionRecord] = []
    private(set) var ties: [LatentTie] = []
    private var tieIndex: [UInt64: Int] = [:]
    private var random: SeededGenerator
    private let members: [CLNMember]

    init(population: CLNPopulation, calendar: CLNCalendar, seed: UInt64) {
        random = SeededGenerator(seed: seed, stream: .interactions)
        members = population.members
        seedColleagueTies()

        var nextEvent = 0
        let events = calendar.events
        var weekStart = CLNWindow.firstDay
        while weekStart <= CLNWindow.lastDay {
            while nextEvent < events.count && events[nextEvent].day < weekStart + 7 {
                handle(events[nextEvent])
                nextEvent += 1
            }
            ongoingActivity(weekStart: weekStart)
            weekStart += 7
        }
        records.sort(by: InteractionRecord.precedes)
    }

    // MARK: ties

    private mutating func tie(_ x: Int, _ y: Int, on day: Int64) -> Int {
        let a = min(x, y), b = max(x, y)
        let key = UInt64(a) << 32 | UInt64(b)
        if let index = tieIndex[key] { return index }
        let ma = members[a], mb = members[b]
        var halfLife = 75.0
        let sharedFocus = sampleTopics.indices.contains { ma.isFocused(on: $0) && mb.isFocused(on: $0) }
        if ma.profile == .deepDiver && mb.profile == .deepDiver && sharedFocus {
            halfLife = 200
        } else if ma.organisation == mb.organisation {
            halfLife = 120
        } else if ma.profile == .crew && mb.profile == .crew {
            halfLife = 90
        } else if ma.profile == .deepDiver || mb.profile == .deepDiver {
            halfLife = 110
        }
        let forward: Double
        if ma.profile == .crew && mb.profile != .crew {
            forward = 0.7
        } else if mb.profile == .crew && ma.profile != .crew {
            forward = 0.3
        } else if random.chance(0.25) {
            forward = random.chance(0.5) ? 0.88 : 0.12
        } else {
            forward = random.uniform(0.4, 0.6)
        }
        ties.append(LatentTie(a: a, b: b, updated: day, halfLife: halfLife, forward: forward,
                              sameCountry: ma.country == mb.country))
        tieIndex[key] = ties.count - 1
        return ties.count - 1
    }

    private mutating func seedColleagueTies() {
        for a in members.indices {
            for b in (a + 1)..<members.count where members[a].organisation == members[b].organisation {
                let secretariat = members[a].isSecretariat && members[b].isSecretariat
                guard secretariat || random.chance(0.2) else { continue }
                let day = max(members[a].joined, members[b].joined)
                let t = tie(a, b, on: day)
                ties[t].boost(secretariat ? 2 : 0.8, on: day)
                if secretariat { ties[t].floor = 0.5 }
            }
        }
    }

    // MARK: records

    /// Adds a record from `source` to `target` on `day` (moved off weekends most of the time) in
    /// the sender's local working hours, if both are members then and it falls in the window.
    private mutating func emit(_ source: Int, _ target: Int, day: Int64, type: InteractionType,
                               weight: Double? = nil, localHour: Int? = nil) {
        guard source != target else { return }
        var day = day
        if Day.isWeekend(day) && random.chance(0.85) { day = Day.nextWorkday(day) }
        guard CLNWindow.contains(day), members[source].isMember(on: day), members[target].isMember(on: day) else { return }
        let offset = Int64(sampleCountries[members[source].country].utcOffsetMinutes) * 60
        let local: Int64
        switch type {
        case .message:
            local = Int64(random.int(in: 7 * 3600 + 1800 ... 19 * 3600))
        case .call, .meeting, .coAuthoring:
            let hour = localHour ?? random.int(in: 8...16)
            local = Int64(hour * 3600 + 900 * random.int(below: 4))
        }
        let w = weight ?? defaultWeight(type)
        append(InteractionRecord(time: day * Timestamp.secondsPerDay + local - offset,
                                 source: Int32(source), target: Int32(target), type: type, weight: w))
    }

    /// Keeps a record only if its UTC date lies in the window and both people are members then
    /// (local working hours can move the UTC date a day away from the local one).
    private mutating func append(_ record: InteractionRecord) {
        let day = Timestamp.floorDiv(record.time, Timestamp.secondsPerDay)
        guard CLNWindow.contains(day), members[Int(record.source)].isMember(on: day),
              members[Int(record.target)].isMember(on: day) else { return }
        records.append(record)
    }

    private mutating func defaultWeight(_ type: InteractionType) -> Double {
        switch type {
        case .message:
            let u = random.nextUnit()
            return u < 0.8 ? 1 : (u < 0.92 ? 2 : Double(random.int(in: 3...5)))
        case .call: return [0.5, 1, 1, 1.5][random.int(below: 4)]
        case .meeting: return [1, 1.5, 2, 2, 3][random.int(below: 5)]
        case .coAuthoring: return Double(random.int(in: 1...3))
        }
    }

    /// One record on tie `t` in the tie's usual direction mix, of a type suited to its strength.
    private mutating func emitOnTie(_ t: Int, day: Int64, type: InteractionType? = nil) {
        let tie = ties[t]
        let (source, target) = random.chance(tie.forward) ? (tie.a, tie.b) : (tie.b, tie.a)
        let chosen = type ?? pickType(strength: tie.strength(on: day), sameCountry: tie.sameCountry)
        emit(source, target, day: day, type: chosen)
    }

    private mutating func pickType(strength: Double, sameCountry: Bool) -> InteractionType {
        let strong = strength > 1.5 ? 1.6 : 1
        let meeting = (sameCountry ? 0.12 : 0.04) * strong
        let call = 0.12 * strong
        let u = random.nextUnit()
        return u < meeting ? .meeting : (u < meeting + call ? .call : .message)
    }

    /// A burst of records in the days after `day` on a tie just formed or renewed.
    private mutating func burst(_ t: Int, after day: Int64) {
        let count = 1 + random.poisson(min(5, 0.8 * ties[t].strength(on: day)))
        for _ in 0..<count {
            emitOnTie(t, day: day + 1 + Int64(random.exponential(mean: 5)))
        }
    }

    // MARK: events

    private func sociability(_ i: Int, on day: Int64) -> Double {
        members[i].profile.sociability * members[i].engagement(on: day)
    }

    private mutating func handle(_ event: CLNEvent) {
        let day = event.day
        if event.type == .pairing {
            handlePairing(event)
            return
        }
        let host = event.members(in: .host).first
        let facilitators = event.members(in: .facilitator)
        let presenters = event.members(in: .presenter)

        // Preparation: the host writes to facilitators and presenters, who mostly reply.
        if let h = host {
            for x in facilitators + presenters {
                let t = tie(h, x, on: day - 14)
                ties[t].boost(0.35, on: day - 14)
                let sent = day - Int64(random.int(in: 7...18))
                emit(h, x, day: sent, type: .message)
                if random.chance(0.75) { emit(x, h, day: sent + Int64(random.int(in: 0...2)), type: .message) }
                if event.type != .webinar && random.chance(0.5) {
                    emit(h, x, day: day - Int64(random.int(in: 2...6)), type: .call)
                }
            }
        }

        // Pairs of participants strike up or renew ties.
        let base: Double, boost: Double
        switch event.type {
        case .webinar: (base, boost) = (0.005, 0.5)
        case .workshop: (base, boost) = (0.05, 0.9)
        default: (base, boost) = (0.15, 1.3)
        }
        let people = event.participants.map(\.member)
        let hostCountry = event.countries.first.map { sampleCountries[$0] }
        for x in 0..<people.count {
            let i = people[x]
            let si = sociability(i, on: day)
            guard si > 0 else { continue }
            for y in (x + 1)..<people.count {
                let j = people[y]
                let sj = sociability(j, on: day)
                guard sj > 0 else { continue }
                let mi = members[i], mj = members[j]
                let bothFocused = mi.isFocused(on: event.topic) && mj.isFocused(on: event.topic)
                var odds = base * (si * sj).squareRoot()
                if mi.country == mj.country { odds *= 3 }
                if bothFocused { odds *= 1.6 }
                let key = UInt64(i) << 32 | UInt64(j)
                if let existing = tieIndex[key], ties[existing].strength(on: day) > 0.2 { odds *= 1.8 }
                guard random.chance(min(0.9, odds)) else { continue }
                let t = tie(i, j, on: day)
                let deep = mi.profile == .deepDiver && mj.profile == .deepDiver && bothFocused
                ties[t].boost(boost * (deep ? 2.2 : 1), on: day)
                if event.type == .countryExchange {
                    let hour = random.int(in: 9...16)
                    let meetDay = day + Int64(random.int(below: 2))
                    let (s, r) = random.chance(0.5) ? (i, j) : (j, i)
                    emitMeeting(s, r, day: meetDay, localHourAtHost: hour, hostOffset: hostCountry?.utcOffsetMinutes ?? 0)
                }
                burst(t, after: day)
            }
        }

        // Facilitators introduce people from different countries who share the topic.
        for f in facilitators where random.chance(0.5) {
            let focused = people.filter {
                $0 != f && members[$0].isFocused(on: event.topic)
                    && (members[$0].profile == .deepDiver || members[$0].profile == .drifter)
            }
            guard focused.count >= 2 else { continue }
            let a = random.element(of: focused)
            let others = focused.filter { members[$0].country != members[a].country }
            guard !others.isEmpty else { continue }
            let b = random.element(of: others)
            let sent = day + Int64(random.int(in: 1...4))
            emit(f, a, day: sent, type: .message)
            emit(f, b, day: sent, type: .message)
            let t = tie(a, b, on: sent)
            ties[t].boost(0.6, on: sent)
            if random.chance(0.7) { emit(a, b, day: sent + Int64(random.int(in: 1...5)), type: .message) }
        }

        if event.type == .workshop && random.chance(0.4) {
            knowledgeProduct(event)
        }
    }

    /// An in-person meeting during a country exchange, at a local hour of the host country.
    private mutating func emitMeeting(_ source: Int, _ target: Int, day: Int64, localHourAtHost: Int, hostOffset: Int) {
        guard CLNWindow.contains(day), members[source].isMember(on: day), members[target].isMember(on: day) else { return }
        let local = Int64(localHourAtHost * 3600 + 1800 * random.int(below: 2))
        let weight = [0.5, 1, 1, 1.5][random.int(below: 4)]
        append(InteractionRecord(time: day * Timestamp.secondsPerDay + local - Int64(hostOffset) * 60,
                                 source: Int32(source), target: Int32(target), type: .meeting, weight: weight))
    }

    private mutating func handlePairing(_ event: CLNEvent) {
        guard event.participants.count == 2 else { return }
        let a = event.participants[0].member, b = event.participants[1].member
        let t = tie(a, b, on: event.day)
        ties[t].boost(2.5, on: event.day)
        ties[t].forward = 0.5
        let sessions = random.chance(0.2) ? random.int(in: 1...2) : random.int(in: 4...6)
        for k in 0..<sessions {
            let day = event.day + Int64(14 * k + random.int(in: -2...2))
            let (s, r) = k % 2 == 0 ? (a, b) : (b, a)
            emit(s, r, day: max(event.day, day), type: .call, weight: 1)
            ties[t].boost(0.3, on: max(event.day, day))
            if random.chance(0.7) { emitOnTie(t, day: day + Int64(random.int(in: 3...9)), type: .message) }
        }
    }

    /// A team co-authors a knowledge product after a workshop.
    private mutating func knowledgeProduct(_ event: CLNEvent) {
        let weights = event.participants.map { p -> Double in
            let m = members[p.member]
            if m.profile == .deepDiver && m.isFocused(on: event.topic) { return p.role.isActive ? 5 : 3 }
            if m.profile == .crew { return p.role.isActive ? 2 : 0.5 }
            return p.role.isActive ? 0.5 : 0
        }
        let team = random.weightedSample(weights, count: random.int(in: 2...4)).map { event.participants[$0].member }
        guard team.count >= 2 else { return }
        let weeks = random.int(in: 4...10)
        for week in 1...weeks {
            for x in 0..<team.count {
                for y in (x + 1)..<team.count where random.chance(0.45) {
                    let day = event.day + Int64(7 * week + random.int(below: 5))
                    let t = tie(team[x], team[y], on: day)
                    ties[t].boost(0.5, on: day)
                    emitOnTie(t, day: day, type: .coAuthoring)
                    if random.chance(0.5) { emitOnTie(t, day: day + 1, type: .message) }
                }
            }
        }
    }

    // MARK: ongoing

    private mutating func ongoingActivity(weekStart: Int64) {
        for t in ties.indices {
            let s = ties[t].strength(on: weekStart)
            guard s >= 0.08 else { continue }
            let ea = members[ties[t].a].engagement(on: weekStart)
            let eb = members[ties[t].b].engagement(on: weekStart)
            guard ea > 0, eb > 0 else { continue }
            let count = random.poisson(CLNInteractions.weeklyRate * s * ea * eb)
            for _ in 0..<count {
                emitOnTie(t, day: weekStart + Int64(random.int(below: 7)))
                ties[t].boost(0.03, on: weekStart)
            }
        }
    }
}
