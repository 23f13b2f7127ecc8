import Foundation
import WeftGraph

/// A two-wave ONA survey of the CLN, in long form (one row per nomination).
///
/// Design: a roster survey with fixed choice ("name up to five people") for two relations,
/// `advice` ("whom do you go to for advice on your work?") and `collaboration` ("with whom have
/// you worked on a shared piece of work?"), each nomination rated for frequency 1–4 (1 rarely,
/// 2 every few months, 3 monthly, 4 weekly). Waves: `baseline` (opened 2022-06-13) and
/// `follow-up` (opened 2024-06-10); everyone who is a member on the opening day is invited.
///
/// Response: exactly 75% of the invited answer at baseline and 70% at follow-up, drawn with odds
/// by profile (crew 4, deep divers 2.5, passengers 1, drifters 1 fading to 0.3, inactive 0.3), so
/// non-response is not at random, as in real networks.
///
/// Nominations come from the true ties: for each alter, the decayed, type-weighted volume of
/// records between the two before the survey (half-life 180 days; message 0.5, call and meeting 1,
/// co-authoring 3). Advice favours alters with expertise on the respondent's main topic (deep
/// divers focused on it, crew, governance); collaboration favours calls, meetings and
/// co-authoring. Respondents recall strong ties more reliably than weak ones, name between one
/// and five per relation, and now and then name someone they only met at an event (noise). The
/// frequency rating follows the records per month over the six months before the survey, off by
/// one point one time in five. Every respondent names at least one person.
struct CLNSurvey: Sendable {
    enum Relation: Int, CaseIterable, Sendable {
        case advice, collaboration
        var label: String { self == .advice ? "advice" : "collaboration" }
    }

    struct Answer: Sendable {
        var respondent: Int
        var alter: Int
        var relation: Relation
        var value: Int
        var wave: Int
    }

    static let waves: [(label: String, day: Int64, responseRate: Double)] = [
        ("baseline", Day.of(2022, 6, 13), 0.75),
        ("follow-up", Day.of(2024, 6, 10), 0.70),
    ]

    private(set) var answers: [Answer] = []
    /// Respondents (member indices, ascending) of each wave.
    private(set) var respondents: [[Int]] = []
    /// Members invited to each wave.
    private(set) var invited: [Int] = []

    init(population: CLNPopulation, calendar: CLNCalendar, interactions: CLNInteractions, seed: UInt64) {
        var random = SeededGenerator(seed: seed, stream: .survey)
        let members = population.members
        for (wave, design) in CLNSurvey.waves.enumerated() {
            let day = design.day
            let invitedMembers = members.indices.filter { members[$0].isMember(on: day) }
            invited.append(invitedMembers.count)
            let weights = members.indices.map { i -> Double in
                let m = members[i]
                guard m.isMember(on: day) else { return 0 }
                switch m.profile {
                case .crew: return 4
                case .deepDiver: return 2.5
                case .passenger: return 1
                case .drifter: return 0.3 + 0.7 * m.engagement(on: day)
                case .inactive: return 0.3
                }
            }
            let count = Int((design.responseRate * Double(invitedMembers.count)).rounded())
            let chosen = random.weightedSample(weights, count: count).sorted()
            respondents.append(chosen)

            let ties = CLNSurvey.tieVolumes(records: interactions.records, before: day, memberCount: members.count)
            let acquaintances = CLNSurvey.coAttendees(calendar: calendar, before: day, memberCount: members.count)
            for i in chosen {
                answers += nominations(of: i, wave: wave, day: day, members: members, ties: ties[i],
                                       acquaintances: acquaintances[i], random: &random)
            }
        }
    }

    /// What a respondent knows about one alter before the survey.
    struct TieVolume {
        var decayed = 0.0
        var collaborative = 0.0
        var recentRecords = 0
    }

    /// Per member, the volume of records with each alter before `day` (both directions).
    static func tieVolumes(records: [InteractionRecord], before day: Int64, memberCount: Int) -> [[Int: TieVolume]] {
        var volumes = [[Int: TieVolume]](repeating: [:], count: memberCount)
        let cutoff = day * Timestamp.secondsPerDay
        let halfLife = 180.0 * Double(Timestamp.secondsPerDay)
        for r in records where r.time < cutoff {
            let decay = exp2(-Double(cutoff - r.time) / halfLife)
            let (typeWeight, collaborationWeight): (Double, Double)
            switch r.type {
            case .message: (typeWeight, collaborationWeight) = (0.5, 0.15)
            case .call: (typeWeight, collaborationWeight) = (1, 1)
            case .meeting: (typeWeight, collaborationWeight) = (1, 1.5)
            case .coAuthoring: (typeWeight, collaborationWeight) = (3, 3)
            }
            let recent = cutoff - r.time <= 182 * Timestamp.secondsPerDay ? 1 : 0
            for (me, other) in [(Int(r.source), Int(r.target)), (Int(r.target), Int(r.source))] {
                volumes[me][other, default: TieVolume()].decayed += typeWeight * decay
                volumes[me][other, default: TieVolume()].collaborative += collaborationWeight * decay
                volumes[me][other, default: TieVolume()].recentRecords += recent
            }
        }
        return volumes
    }

    /// Per member, the people met at events in the year before `day` (sorted).
    static func coAttendees(calendar: CLNCalendar, before day: Int64, memberCount: Int) -> [[Int]] {
        var met = [Set<Int>](repeating: [], count: memberCount)
        for event in calendar.events where event.day < day && event.day >= day - 365 {
            let people = event.participants.map(\.member)
            guard people.count <= 40 else { continue }
            for a in people { for b in people where a != b { met[a].insert(b) } }
        }
        return met.map { $0.sorted() }
    }

    /// How likely `me` is to name `other` for `relation`, from their tie volume.
    static func score(of other: CLNMember, for me: CLNMember, volume: TieVolume, relation: Relation) -> Double {
        switch relation {
        case .advice:
            var expertise = 1.0
            if other.profile == .crew { expertise += 0.8 }
            if other.profile == .deepDiver && other.isFocused(on: me.topTopic) { expertise += 1.5 }
            if other.governance { expertise += 0.3 }
            return volume.decayed * expertise
        case .collaboration:
            return volume.collaborative
        }
    }

    private func nominations(of i: Int, wave: Int, day: Int64, members: [CLNMember], ties: [Int: TieVolume],
                             acquaintances: [Int], random: inout SeededGenerator) -> [Answer] {
        let me = members[i]
        let alters = ties.keys.filter { members[$0].isMember(on: day) }.sorted()
        var result: [Answer] = []
        for relation in Relation.allCases {
            var scored: [(alter: Int, score: Double)] = []
            for j in alters {
                let score = CLNSurvey.score(of: members[j], for: me, volume: ties[j]!, relation: relation)
                if score > 0.05 { scored.append((j, score)) }
            }
            scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.alter < $1.alter }

            let budget: Int
            switch me.profile {
            case .crew: budget = 5
            case .deepDiver: budget = random.int(in: 2...5)
            case .inactive: budget = random.int(in: 1...2)
            default: budget = random.int(in: 1...4)
            }
            var named: [Int] = []
            for candidate in scored where named.count < budget {
                let recall = candidate.score >= 1 ? 0.92 : (candidate.score >= 0.3 ? 0.75 : 0.45)
                guard random.chance(recall) else { continue }
                named.append(candidate.alter)
                let recent = Double(ties[candidate.alter]!.recentRecords) / 6
                var value = recent >= 3 ? 4 : (recent >= 1 ? 3 : (recent >= 1.0 / 3 ? 2 : 1))
                if random.chance(0.2) { value += random.chance(0.5) ? 1 : -1 }
                result.append(Answer(respondent: i, alter: candidate.alter, relation: relation,
                                     value: min(4, max(1, value)), wave: wave))
            }
            // Noise: someone met at an event but with no real tie.
            if named.count < budget && random.chance(0.12) {
                let strangers = acquaintances.filter { !named.contains($0) && ties[$0] == nil && members[$0].isMember(on: day) }
                if !strangers.isEmpty {
                    result.append(Answer(respondent: i, alter: random.element(of: strangers), relation: relation,
                                         value: random.int(in: 1...2), wave: wave))
                }
            }
        }
        if result.isEmpty {
            // Nobody recalled: name a crew member of one's own country, else any secretariat member.
            let fallback = members.indices.filter { members[$0].profile == .crew && members[$0].country == me.country && $0 != i && members[$0].isMember(on: day) }
            let secretariat = members.indices.filter { members[$0].isSecretariat && $0 != i && members[$0].isMember(on: day) }
            if let j = fallback.first ?? secretariat.first {
                result.append(Answer(respondent: i, alter: j, relation: .advice, value: 1, wave: wave))
            }
        }
        return result
    }
}
