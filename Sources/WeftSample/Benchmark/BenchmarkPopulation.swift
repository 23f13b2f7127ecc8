import WeftGraph
import WeftIO

/// The members of a benchmark sample: communities with heavy-tailed sizes and members with
/// power-law activity.
///
/// Internally members are numbered community by community, so that each community is a
/// contiguous index range and one cumulative weight table serves both "anyone in the network"
/// and "anyone in this community" draws (binary search over the whole table or over the range).
/// Public ids are a random permutation of those numbers, so ids reveal nothing of the structure.
///
/// A member's weight (both how often they start ties and how attractive they are as a partner)
/// is Pareto-distributed with tail index 1.5, capped at max(50, 2√n): degrees come out
/// heavy-tailed, with a few hubs in every community.
///
/// Communities map onto the 24 countries in turn (community c is in country c mod 24). With at
/// most 24 communities (size `s`) a community is a country and organisations are drawn per member;
/// with more, each community is one organisation in its country.
struct BenchmarkPopulation {
    let preset: BenchmarkPreset
    /// `communityStart[c] ..< communityStart[c + 1]` are the members of community c.
    private(set) var communityStart: [Int] = [0]
    private(set) var communityOf: [Int32] = []
    private(set) var weights = CumulativeTable()
    /// Id text of each internal member index.
    private(set) var idText: [String] = []
    /// Internal index of each id number − 1 (the order `members.csv` is written in).
    private(set) var indexOfID: [Int32] = []

    init(preset: BenchmarkPreset, seed: UInt64) {
        self.preset = preset
        var random = SeededGenerator(seed: seed, stream: .benchmarkMembers)
        let n = preset.members
        let c = preset.communities

        let sizeWeights = (0..<c).map { _ in random.logNormal(median: 1, sigma: 0.6) }
        let sizes = apportion(n - 5 * c, weights: sizeWeights).map { $0 + 5 }
        communityOf.reserveCapacity(n)
        for (community, size) in sizes.enumerated() {
            communityStart.append(communityStart.last! + size)
            communityOf += Array(repeating: Int32(community), count: size)
        }

        let cap = max(50, 2 * Double(n).squareRoot())
        weights = CumulativeTable(weights: (0..<n).map { _ in min(cap, random.pareto(minimum: 1, alpha: 1.5)) })

        var permutation = (0..<n).map { Int32($0) }
        random.shuffle(&permutation)
        indexOfID = permutation
        idText = [String](repeating: "", count: n)
        for (idNumber, index) in permutation.enumerated() {
            idText[Int(index)] = SampleID.make("m", idNumber + 1, width: preset.idWidth)
        }
    }

    func community(of index: Int) -> Int { Int(communityOf[index]) }

    func range(ofCommunity c: Int) -> Range<Int> { communityStart[c] ..< communityStart[c + 1] }

    /// Writes `members.csv` in id order. Members joined between 2019 and 2021 (cohort = year of
    /// joining), so all are members for the whole log; nobody has left; about 1% sit in governance.
    func writeMembers(to path: String, seed: UInt64) throws -> Int {
        var random = SeededGenerator(seed: seed, stream: .names)
        let table = try CSVTableWriter(path: path, header: CLNSample.memberHeader)
        let countries = sampleCountries
        let organisationKinds: [OrganisationKind] = [
            .ministryOfHealth, .ministryOfFinance, .insuranceAgency, .publicHealthInstitute, .university,
            .whoOffice, .regionalHealthOffice,
        ]
        // Per country: the named organisations (7 public bodies, then the NGOs), with email domains.
        let options: [[(name: String, domain: String)]] = countries.map { country in
            organisationKinds.map { ($0.name(in: country), $0.emailDomain(in: country)) }
                + ngoNames.indices.map {
                    (OrganisationKind.ngo.name(in: country, ngoIndex: $0), OrganisationKind.ngo.emailDomain(in: country, ngoIndex: $0))
                }
        }
        // With more communities than countries, community c is one organisation: the named ones
        // first, then numbered district health offices.
        let communityOrganisation: [(name: String, domain: String)] = (0..<preset.communities).map { community in
            let country = countries[community % countries.count]
            let ordinal = community / countries.count
            if ordinal < options[0].count { return options[community % countries.count][ordinal] }
            let district = ordinal - options[0].count + 1
            return ("District Health Office \(district), \(country.name)", "dho\(district).health.go.\(country.code)")
        }
        let roles = ["policymaker", "practitioner", "researcher", "technical adviser"]
        let roleWeights = [0.35, 0.35, 0.15, 0.15]
        let firstJoin = Day.of(2019, 1, 1)
        let joinSpan = Int(Day.of(2021, 12, 31) - firstJoin) + 1
        let text = TimestampText(firstDay: firstJoin, lastDay: Day.of(2021, 12, 31))
        var cells = [CSVCell](repeating: .empty, count: 10)
        for idNumber in 1...preset.members {
            let index = Int(indexOfID[idNumber - 1])
            let community = self.community(of: index)
            let country = countries[community % countries.count]
            let organisation = preset.communities <= countries.count
                ? options[community % countries.count][random.int(below: options[0].count)]
                : communityOrganisation[community]
            let person = country.names.person(using: &random)
            let joined = firstJoin + Int64(random.int(below: joinSpan))
            cells[0] = .text(idText[index])
            cells[1] = .text(person.name)
            cells[2] = .text(person.handle + String(idNumber) + "@" + organisation.domain)
            cells[3] = .text(country.name)
            cells[4] = .text(organisation.name)
            cells[5] = .plain(roles[random.weightedIndex(roleWeights)!])
            cells[6] = .plain(String(Timestamp.civil(days: joined).year))
            cells[7] = .plain(text.date(day: joined))
            cells[8] = .empty
            cells[9] = .plain(random.chance(0.01) ? "yes" : "no")
            try table.writeRow(cells)
        }
        try table.commit()
        return preset.members
    }
}
