import Foundation
import WeftGraph

/// The span of the CLN sample: three years, 2022-01-01 to 2024-12-31 inclusive (day numbers).
enum CLNWindow {
    static let firstDay = Day.of(2022, 1, 1)
    static let lastDay = Day.of(2024, 12, 31)
    static func contains(_ day: Int64) -> Bool { day >= firstDay && day <= lastDay }
}

/// A member's latent way of engaging with the network. Never written to the data files: later
/// analyses (engagement segmentation) should recover it from behaviour alone.
///
/// * crew (12%) host, facilitate and present, sit in governance, have many partners and connect
///   countries; most joined with the founding cohort, and the network's secretariat staff are crew.
/// * deep divers (20%) go deep on one or two topics: they attend the workshops and exchanges on
///   those topics again and again, present on them, and keep a few strong ties.
/// * passengers (50%) attend now and then, mostly webinars, across topics, and form few ties.
/// * drifters (15%) start active and fade out some months after joining; nearly half leave.
/// * inactive (3%) joined but never show up.
enum EngagementProfile: Int, CaseIterable, Sendable {
    case crew, deepDiver, passenger, drifter, inactive

    var label: String {
        switch self {
        case .crew: return "crew"
        case .deepDiver: return "deep diver"
        case .passenger: return "passenger"
        case .drifter: return "drifter"
        case .inactive: return "inactive"
        }
    }

    /// Members of each profile out of 300.
    static func counts(total: Int) -> [EngagementProfile: Int] {
        let parts = apportion(total, weights: [0.12, 0.20, 0.50, 0.15, 0.03])
        return [.crew: parts[0], .deepDiver: parts[1], .passenger: parts[2], .drifter: parts[3], .inactive: parts[4]]
    }

    /// How readily a member forms ties with people met at events (scales tie-formation odds).
    var sociability: Double {
        switch self {
        case .crew: return 1.5
        case .deepDiver: return 0.65
        case .passenger: return 0.2
        case .drifter: return 0.9
        case .inactive: return 0
        }
    }

    /// Relative propensity to attend each kind of event, before activity and topic interest.
    func eventAffinity(_ type: EventType) -> Double {
        switch (self, type) {
        case (.inactive, _): return 0
        case (.crew, .webinar): return 1.2
        case (.crew, .workshop): return 1.3
        case (.crew, .countryExchange): return 2
        case (.crew, .pairing): return 1
        case (.deepDiver, .webinar): return 1.2
        case (.deepDiver, .workshop): return 3.5
        case (.deepDiver, .countryExchange): return 3
        case (.deepDiver, .pairing): return 3
        case (.passenger, .webinar): return 1
        case (.passenger, .workshop): return 0.2
        case (.passenger, .countryExchange): return 0.25
        case (.passenger, .pairing): return 0.1
        case (.drifter, .webinar): return 1.4
        case (.drifter, .workshop): return 1
        case (.drifter, .countryExchange): return 1
        case (.drifter, .pairing): return 0.8
        }
    }
}

/// One member of the CLN sample with the latent traits that drive their behaviour.
struct CLNMember: Sendable {
    var id = ""
    var name = ""
    var email = ""
    var country = 0
    var organisation = ""
    var role = ""
    var cohort = 0
    var joined: Int64 = 0
    var left: Int64?
    var governance = false
    var profile = EngagementProfile.passenger
    var isSecretariat = false
    /// Overall activity level (log-normal around 1).
    var activity = 1.0
    /// Interest in each topic of `sampleTopics`.
    var topicAffinity: [Double] = []
    /// For drifters: the day their engagement starts to fade, and the e-folding time of the fade.
    var fadeStart: Int64?
    var fadeDays = 60.0

    /// Whether the person is a member on `day` (joined on or before it, not yet left).
    func isMember(on day: Int64) -> Bool {
        day >= joined && (left.map { day < $0 } ?? true)
    }

    /// Engagement on `day` in 0…1: 0 outside membership; drifters fade exponentially after
    /// `fadeStart` (to a floor of 2%); everyone else is fully engaged while a member.
    func engagement(on day: Int64) -> Double {
        guard isMember(on: day), profile != .inactive else { return 0 }
        if let start = fadeStart, day > start {
            return max(0.02, exp2(-Double(day - start) / (fadeDays * 0.693)))
        }
        return 1
    }

    /// The member's favourite topic (highest affinity, lowest index on ties).
    var topTopic: Int {
        var best = 0
        for t in topicAffinity.indices where topicAffinity[t] > topicAffinity[best] { best = t }
        return best
    }

    /// Whether `topic` is one of the member's strong interests.
    func isFocused(on topic: Int) -> Bool { topicAffinity[topic] >= 0.75 }
}

/// The 300 members of the CLN sample, their countries, organisations, cohorts and profiles.
///
/// Membership grows in five cohorts (January and July of 2022 and 2023, January 2024); ids are
/// given in order of joining. Countries differ in size (at least five members each) and each
/// country has two priority topics, which its deep divers tend to share (topic homophily).
struct CLNPopulation: Sendable {
    static let memberCount = 300
    static let cohortStarts: [Int64] = [
        Day.of(2022, 1, 3), Day.of(2022, 7, 4), Day.of(2023, 1, 9), Day.of(2023, 7, 3), Day.of(2024, 1, 8),
    ]

    var members: [CLNMember]
    /// Two priority topics per country (indices into `sampleTopics`).
    var countryPriorities: [[Int]]

    init(seed: UInt64) {
        var random = SeededGenerator(seed: seed, stream: .population)
        var nameRandom = SeededGenerator(seed: seed, stream: .names)
        let countries = sampleCountries
        let n = CLNPopulation.memberCount

        // Country priorities and sizes.
        countryPriorities = countries.map { _ in
            let first = random.int(below: sampleTopics.count)
            var second = random.int(below: sampleTopics.count - 1)
            if second >= first { second += 1 }
            return [first, second]
        }
        let minimum = 5
        let extra = apportion(n - minimum * countries.count,
                              weights: countries.map { $0.weight * random.uniform(0.8, 1.25) })
        var slots: [Int] = []  // country of each member slot
        for (c, count) in extra.enumerated() {
            slots += Array(repeating: c, count: minimum + count)
        }
        random.shuffle(&slots)

        // Profiles: secretariat staff in six countries, one crew focal point per country, then
        // the other profiles at random.
        var profiles = [EngagementProfile?](repeating: nil, count: n)
        var secretariat = [Bool](repeating: false, count: n)
        let counts = EngagementProfile.counts(total: n)
        let secretariatCountries = random.weightedSample(countries.map(\.weight), count: 6)
        for c in secretariatCountries {
            if let slot = slots.indices.first(where: { slots[$0] == c && profiles[$0] == nil }) {
                profiles[slot] = .crew
                secretariat[slot] = true
            }
        }
        var countryOrder = Array(countries.indices)
        random.shuffle(&countryOrder)
        var crewLeft = counts[.crew, default: 0] - secretariatCountries.count
        for c in countryOrder where crewLeft > 0 {
            let open = slots.indices.filter { slots[$0] == c && profiles[$0] == nil }
            if !open.isEmpty {
                profiles[random.element(of: open)] = .crew
                crewLeft -= 1
            }
        }
        var rest: [EngagementProfile] = Array(repeating: .crew, count: max(0, crewLeft))
        for profile in [EngagementProfile.deepDiver, .passenger, .drifter, .inactive] {
            rest += Array(repeating: profile, count: counts[profile, default: 0])
        }
        random.shuffle(&rest)
        var next = 0
        for slot in 0..<n where profiles[slot] == nil {
            profiles[slot] = rest[next]
            next += 1
        }

        // Traits of each member.
        var drafts: [CLNMember] = []
        var usedNames = Set<String>()
        var usedEmails = Set<String>()
        for slot in 0..<n {
            var m = CLNMember()
            m.country = slots[slot]
            m.profile = profiles[slot]!
            m.isSecretariat = secretariat[slot]
            let country = countries[m.country]

            // Cohort and joining date: crew mostly founders; drifters lean early.
            let cohortWeights: [Double]
            switch m.profile {
            case .crew: cohortWeights = [0.85, 0.06, 0.05, 0.02, 0.02]
            case .drifter: cohortWeights = [0.45, 0.22, 0.18, 0.1, 0.05]
            default: cohortWeights = [0.3, 0.18, 0.18, 0.16, 0.18]
            }
            m.cohort = m.isSecretariat ? 0 : random.weightedIndex(cohortWeights)!
            m.joined = m.isSecretariat
                ? Day.nextWorkday(Day.of(2022, 1, 3) + Int64(random.int(below: 4)))
                : Day.nextWorkday(CLNPopulation.cohortStarts[m.cohort] + Int64(random.int(in: 0...(m.cohort == 0 ? 18 : 35))))

            // Role and organisation.
            let roleIndex = m.isSecretariat ? 3 : random.weightedIndex(
                m.profile == .crew ? [0.4, 0.2, 0.15, 0.25] : [0.34, 0.36, 0.15, 0.15])!
            m.role = ["policymaker", "practitioner", "researcher", "technical adviser"][roleIndex]
            let kind: OrganisationKind
            if m.isSecretariat {
                kind = .secretariat
            } else {
                let kinds: [OrganisationKind]
                let weights: [Double]
                switch roleIndex {
                case 0: (kinds, weights) = ([.ministryOfHealth, .ministryOfFinance, .insuranceAgency], [0.6, 0.25, 0.15])
                case 1: (kinds, weights) = ([.ministryOfHealth, .regionalHealthOffice, .insuranceAgency, .ngo], [0.25, 0.4, 0.2, 0.15])
                case 2: (kinds, weights) = ([.university, .publicHealthInstitute], [0.6, 0.4])
                default: (kinds, weights) = ([.whoOffice, .ngo, .publicHealthInstitute, .ministryOfHealth], [0.3, 0.4, 0.1, 0.2])
                }
                kind = kinds[random.weightedIndex(weights)!]
            }
            let ngoIndex = random.int(below: ngoNames.count)
            m.organisation = kind.name(in: country, ngoIndex: ngoIndex)

            // Name and email (unique within the sample); one in ten uses a personal address.
            var person = country.names.person(using: &nameRandom)
            while usedNames.contains(person.name) { person = country.names.person(using: &nameRandom) }
            usedNames.insert(person.name)
            m.name = person.name
            let domain = (!m.isSecretariat && nameRandom.chance(0.1))
                ? (nameRandom.chance(0.7) ? "gmail.com" : "yahoo.com")
                : kind.emailDomain(in: country, ngoIndex: ngoIndex)
            var email = person.handle + "@" + domain
            var suffix = 2
            while usedEmails.contains(email) {
                email = person.handle + String(suffix) + "@" + domain
                suffix += 1
            }
            usedEmails.insert(email)
            m.email = email

            // Activity, topic interests and fading.
            m.activity = random.logNormal(median: 1, sigma: m.profile == .crew ? 0.7 : 0.45)
            if m.isSecretariat { m.activity *= 1.5 }
            m.topicAffinity = CLNPopulation.topicAffinity(for: m.profile, priorities: countryPriorities[m.country],
                                                           random: &random)
            if m.profile == .drifter {
                m.fadeStart = m.joined + Int64(random.int(in: 120...400))
                m.fadeDays = random.uniform(35, 80)
                if random.chance(0.45) {
                    let leave = m.fadeStart! + Int64(random.int(in: 90...330))
                    if leave <= CLNWindow.lastDay { m.left = leave }
                }
            } else if !m.isSecretariat && m.profile != .crew && random.chance(0.03) {
                let leave = m.joined + Int64(random.int(in: 240...900))
                if leave <= CLNWindow.lastDay { m.left = leave }
            }
            drafts.append(m)
        }

        // Governance (about 5%): two secretariat staff, ten crew focal points, three deep divers,
        // the most active of each group being the likeliest.
        func pickGovernance(_ filter: (CLNMember) -> Bool, count: Int) {
            let weights = drafts.map { filter($0) && !$0.governance ? $0.activity : 0 }
            for i in random.weightedSample(weights, count: count) { drafts[i].governance = true }
        }
        pickGovernance({ $0.isSecretariat }, count: 2)
        pickGovernance({ $0.profile == .crew && !$0.isSecretariat }, count: 10)
        pickGovernance({ $0.profile == .deepDiver }, count: 3)

        // Ids in order of joining.
        let order = drafts.indices.sorted { drafts[$0].joined != drafts[$1].joined ? drafts[$0].joined < drafts[$1].joined : $0 < $1 }
        members = order.enumerated().map { rank, index in
            var m = drafts[index]
            m.id = SampleID.make("m", rank + 1, width: 4)
            return m
        }
    }

    /// Topic interests by profile: deep divers focus on one or two topics (often their country's
    /// priorities), drifters like two topics, crew and passengers are broad.
    static func topicAffinity(for profile: EngagementProfile, priorities: [Int],
                              random: inout SeededGenerator) -> [Double] {
        let k = sampleTopics.count
        func pickTopic(excluding: [Int]) -> Int {
            var topic: Int
            repeat {
                topic = random.chance(0.6) ? random.element(of: priorities) : random.int(below: k)
            } while excluding.contains(topic)
            return topic
        }
        switch profile {
        case .crew:
            return (0..<k).map { _ in random.uniform(0.6, 1.4) }
        case .deepDiver:
            var affinity = (0..<k).map { _ in random.uniform(0.03, 0.08) }
            let first = pickTopic(excluding: [])
            affinity[first] = 1
            if random.chance(0.6) { affinity[pickTopic(excluding: [first])] = 0.8 }
            return affinity
        case .drifter:
            var affinity = (0..<k).map { _ in random.uniform(0.25, 0.45) }
            let first = pickTopic(excluding: [])
            affinity[first] = 1
            affinity[pickTopic(excluding: [first])] = 0.9
            return affinity
        case .passenger:
            return (0..<k).map { _ in random.uniform(0.3, 1.5) }
        case .inactive:
            return (0..<k).map { _ in random.uniform(0.5, 1) }
        }
    }
}
