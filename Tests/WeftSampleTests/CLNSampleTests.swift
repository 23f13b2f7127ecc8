import Foundation
import Testing
import WeftGraph
@testable import WeftSample

@Suite struct CLNSampleTests {
    let sample: GeneratedSample

    init() throws { sample = try clnSample.get() }

    @Test func writesTheFiveFiles() throws {
        #expect(sample.summary.files == ["members.csv", "attendance.csv", "interactions.csv", "survey.csv", "respondents.csv"])
        #expect(Set(sample.files.keys) == Set(sample.summary.files), "no temporary or extra files are left behind")
        #expect(try sample.table("members.csv").rows.count == sample.summary.members)
        #expect(try sample.table("interactions.csv").rows.count == sample.summary.interactions)
        #expect(try sample.table("attendance.csv").rows.count == sample.summary.attendance)
        #expect(try sample.table("survey.csv").rows.count == sample.summary.surveyAnswers)
    }

    @Test func headersAreExact() throws {
        #expect(try sample.table("members.csv").header == memberHeader)
        #expect(try sample.table("interactions.csv").header == interactionHeader)
        #expect(try sample.table("attendance.csv").header == attendanceHeader)
        #expect(try sample.table("survey.csv").header == surveyHeader)
        #expect(try sample.table("respondents.csv").header == respondentsHeader)
    }

    @Test func sameSeedGivesIdenticalBytes() throws {
        let again = try GeneratedSample(size: .cln, seed: 7)
        for file in sample.summary.files {
            #expect(try again.bytes(file) == sample.bytes(file), "\(file) is reproducible")
        }
    }

    @Test func differentSeedsGiveDifferentSamples() throws {
        let other = try GeneratedSample(size: .cln, seed: 8)
        for file in sample.summary.files {
            #expect(try other.bytes(file) != sample.bytes(file), "\(file) depends on the seed")
        }
    }

    @Test func progressRisesToOne() {
        #expect(!sample.progress.isEmpty)
        #expect(sample.progress == sample.progress.sorted())
        #expect(sample.progress.last == 1)
    }

    @Test func sizeAndShapeAreRealistic() throws {
        let total = sample.summary.files.reduce(0) { $0 + (sample.files[$1]?.count ?? 0) }
        #expect(total < 2_000_000, "the committed CLN sample stays under 2 MB (is \(total))")
        #expect(sample.summary.members == 300)
        #expect((10_000...25_000).contains(sample.summary.interactions))
        let members = try sample.table("members.csv")
        #expect(Set(members.column("country")).count >= 20)
        #expect(Set(members.column("organisation")).count >= 40)
        let governance = members.column("governance").filter { $0 == "yes" }.count
        #expect((9...21).contains(governance), "about 5% in governance")
        #expect(members.column("left").contains { !$0.isEmpty }, "some members left")
        #expect(Set(members.column("cohort")).count >= 4, "members join in waves")
    }

    @Test func membersAreWellFormed() throws {
        let members = try sample.table("members.csv")
        #expect(members.rows.allSatisfy { $0.count == memberHeader.count })
        let ids = members.column("id")
        #expect(ids == ids.sorted() && Set(ids).count == ids.count)
        #expect(ids.allSatisfy { matches($0, "m[0-9]{4}") })
        #expect(Set(members.column("email")).count == ids.count, "emails are unique")
        #expect(members.column("email").allSatisfy { matches($0, "[a-z0-9.]+@[a-z0-9.-]+") })
        #expect(Set(members.column("name")).count == ids.count, "names are unique")
        #expect(Set(members.column("role")).isSubset(of: ["policymaker", "practitioner", "researcher", "technical adviser"]))
        #expect(Set(members.column("governance")).isSubset(of: ["yes", "no"]))
        for m in members.records {
            #expect(matches(m["joined"]!, datePattern))
            if !m["left"]!.isEmpty {
                #expect(matches(m["left"]!, datePattern))
                #expect(m["left"]! > m["joined"]!)
            }
        }
    }

    @Test func interactionsAreValidAndSorted() throws {
        let members = try sample.table("members.csv").records
        let ids = Set(members.map { $0["id"]! })
        let joined = Dictionary(uniqueKeysWithValues: members.map { ($0["id"]!, $0["joined"]!) })
        let left = Dictionary(uniqueKeysWithValues: members.map { ($0["id"]!, $0["left"]!) })
        let interactions = try sample.table("interactions.csv")
        var previous = ""
        var problems: [String] = []
        for (line, row) in zip(2..., interactions.records) {
            let source = row["source"]!, target = row["target"]!, time = row["timestamp"]!
            func check(_ ok: Bool, _ what: String) { if !ok { problems.append("line \(line): \(what)") } }
            check(source != target, "self-loop")
            check(ids.contains(source) && ids.contains(target), "unknown member")
            check(matches(time, dateTimePattern), "timestamp format")
            check(time >= previous, "not sorted by timestamp")
            previous = time
            check(["message", "call", "meeting", "co-authoring"].contains(row["type"]!), "type")
            check((Double(row["weight"]!) ?? 0) > 0, "weight")
            let day = String(time.prefix(10))
            check(day >= "2022-01-01" && day <= "2024-12-31", "outside 2022–2024")
            for person in [source, target] {
                check(day >= joined[person]!, "before \(person) joined")
                if let end = left[person], !end.isEmpty { check(day < end, "after \(person) left") }
            }
        }
        #expect(problems.isEmpty, "\(problems.count) problems, e.g. \(problems.prefix(5))")
        #expect(Set(interactions.column("type")).count == 4)
    }

    @Test func tiesAreReciprocatedOftenButNotAlways() throws {
        let interactions = try sample.table("interactions.csv")
        let directed = Set(interactions.rows.map { $0[0] + ">" + $0[1] })
        let reciprocated = interactions.rows.filter { directed.contains($0[1] + ">" + $0[0]) }.count
        let share = Double(reciprocated) / Double(interactions.rows.count)
        #expect(share > 0.5 && share < 0.99)
        let pairs = Set(interactions.rows.map { [$0[0], $0[1]].sorted().joined(separator: "-") })
        #expect(pairs.count * 4 < interactions.rows.count, "ties carry repeated records")
    }

    @Test func attendanceIsValidAndSorted() throws {
        let ids = Set(try sample.table("members.csv").column("id"))
        let attendance = try sample.table("attendance.csv")
        let keys = attendance.rows.map { [$0[2], $0[1], $0[0]] }
        #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) }, "sorted by date, event, member")
        #expect(Set(keys.map { $0.joined(separator: "|") }).count == keys.count, "one row per member and event")
        #expect(Set(attendance.column("member")).isSubset(of: ids))
        #expect(attendance.column("event").allSatisfy { matches($0, "e[0-9]{4}") })
        #expect(attendance.column("date").allSatisfy { matches($0, datePattern) && $0 >= "2022-01-01" && $0 <= "2024-12-31" })
        #expect(Set(attendance.column("role")) == ["attendee", "presenter", "facilitator", "host"])
        #expect(Set(attendance.column("event_type")) == ["webinar", "workshop", "country-exchange", "pairing"])
        #expect(Set(attendance.column("topic")).count >= 8)

        var sizes: [String: (type: String, count: Int)] = [:]
        for row in attendance.records { sizes[row["event"]!, default: (row["event_type"]!, 0)].count += 1 }
        let webinars = sizes.values.filter { $0.type == "webinar" }.map(\.count)
        let pairings = sizes.values.filter { $0.type == "pairing" }.map(\.count)
        #expect(pairings.allSatisfy { $0 == 2 })
        #expect(webinars.reduce(0, +) / max(1, webinars.count) >= 30, "webinars are large")
    }

    @Test func activeRolesAreConcentratedInTheCrew() throws {
        let attendance = try sample.table("attendance.csv").records
        var active: [String: Int] = [:], steering: [String: Int] = [:]
        for row in attendance where row["role"] != "attendee" {
            active[row["member"]!, default: 0] += 1
            if row["role"] == "host" || row["role"] == "facilitator" { steering[row["member"]!, default: 0] += 1 }
        }
        let top = active.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(30).map(\.key)
        let topShare = Double(top.reduce(0) { $0 + (steering[$1] ?? 0) }) / Double(steering.values.reduce(0, +))
        #expect(topShare > 0.6, "the top decile by active roles holds most host/facilitator rows (\(topShare))")
    }

    @Test func deepDiversFocusOnOneOrTwoTopics() throws {
        let attendance = try sample.table("attendance.csv").records
        var topics: [String: [String: Int]] = [:]
        for row in attendance { topics[row["member"]!, default: [:]][row["topic"]!, default: 0] += 1 }
        func focus(_ counts: [String: Int]) -> Double {
            let sorted = counts.values.sorted(by: >)
            return Double(sorted.prefix(2).reduce(0, +)) / Double(sorted.reduce(0, +))
        }
        let focused = topics.values.filter { $0.values.reduce(0, +) >= 4 && focus($0) >= 0.8 }
        #expect(focused.count >= 20, "some members concentrate on ≤2 topics")

        let profiles = Dictionary(uniqueKeysWithValues: SampleGenerator(size: .cln, seed: 7).latentProfiles().map { ($0.member, $0.profile) })
        func meanFocus(_ profile: String) -> Double {
            let values = topics.filter { profiles[$0.key] == profile && $0.value.values.reduce(0, +) >= 3 }.map { focus($0.value) }
            return values.reduce(0, +) / Double(max(1, values.count))
        }
        #expect(meanFocus("deep diver") > meanFocus("passenger") + 0.2)
        #expect(meanFocus("deep diver") > meanFocus("crew") + 0.2)
    }

    @Test func profilesDifferInBehaviour() throws {
        let truth = SampleGenerator(size: .cln, seed: 7).latentProfiles()
        #expect(truth.count == 300)
        let profiles = Dictionary(uniqueKeysWithValues: truth.map { ($0.member, $0.profile) })
        let count = { (p: String) in Double(profiles.values.filter { $0 == p }.count) }
        #expect((30...45).contains(count("crew")))

        let interactions = try sample.table("interactions.csv")
        var partners: [String: Set<String>] = [:]
        for row in interactions.rows {
            partners[row[0], default: []].insert(row[1])
            partners[row[1], default: []].insert(row[0])
        }
        func meanPartners(_ p: String) -> Double {
            Double(profiles.filter { $0.value == p }.reduce(0) { $0 + (partners[$1.key]?.count ?? 0) }) / count(p)
        }
        #expect(meanPartners("crew") > 2 * meanPartners("deep diver"))
        #expect(meanPartners("deep diver") > 2 * meanPartners("passenger"))
        #expect(meanPartners("inactive") == 0)

        // Drifters are active early in their membership and fade out.
        let joined = Dictionary(uniqueKeysWithValues: try sample.table("members.csv").records.map { ($0["id"]!, $0["joined"]!) })
        var early = 0, late = 0
        for row in try sample.table("attendance.csv").records where profiles[row["member"]!] == "drifter" {
            let offset = days(from: joined[row["member"]!]!, to: row["date"]!)
            if offset < 365 { early += 1 } else if offset >= 365 && offset < 730 { late += 1 }
        }
        #expect(early > 4 * late, "drifters fade (\(early) events in year 1, \(late) in year 2)")
    }

    @Test func tieStrengthChangesOverTime() throws {
        // Among ties with at least ten records, some are silent in the last year and some only
        // start after the first year.
        var years: [String: [Int]] = [:]
        for row in try sample.table("interactions.csv").rows {
            let pair = [row[0], row[1]].sorted().joined(separator: "-")
            let year = Int(row[2].prefix(4))! - 2022
            years[pair, default: [0, 0, 0]][year] += 1
        }
        let strong = years.values.filter { $0.reduce(0, +) >= 10 }
        #expect(strong.count > 100)
        #expect(strong.filter { $0[0] > 0 && $0[2] == 0 }.count >= 10, "ties fade")
        #expect(strong.filter { $0[0] == 0 && $0[2] > 0 }.count >= 10, "ties form")
    }

    @Test func countryHomophily() throws {
        let country = Dictionary(uniqueKeysWithValues: try sample.table("members.csv").records.map { ($0["id"]!, $0["country"]!) })
        let pairs = Set(try sample.table("interactions.csv").rows.map { [$0[0], $0[1]].sorted() })
        let same = pairs.filter { country[$0[0]] == country[$0[1]] }.count
        var sizes: [String: Int] = [:]
        for c in country.values { sizes[c, default: 0] += 1 }
        let n = Double(country.count)
        let expected = sizes.values.reduce(0.0) { $0 + Double($1 * ($1 - 1)) } / (n * (n - 1))
        #expect(Double(same) / Double(pairs.count) > 2 * expected)
        #expect(Double(same) / Double(pairs.count) < 0.6, "there are plenty of cross-country ties")
    }

    @Test func surveyHasTwoWavesWithRealisticResponse() throws {
        let members = try sample.table("members.csv").records
        let survey = try sample.table("survey.csv")
        let ids = Set(members.map { $0["id"]! })
        #expect(Set(survey.column("wave")) == ["baseline", "follow-up"])
        #expect(Set(survey.column("relation")) == ["advice", "collaboration"])
        #expect(Set(survey.column("value")).isSubset(of: ["1", "2", "3", "4"]))
        #expect(Set(survey.column("respondent")).isSubset(of: ids) && Set(survey.column("alter")).isSubset(of: ids))
        #expect(survey.rows.allSatisfy { $0[0] != $0[1] })

        var perQuestion: [String: Int] = [:]
        for row in survey.rows { perQuestion[row[0] + row[2] + row[4], default: 0] += 1 }
        #expect(perQuestion.values.allSatisfy { $0 <= 5 }, "fixed choice: at most five names")

        for (wave, date, rate) in [("baseline", "2022-06-13", 0.75), ("follow-up", "2024-06-10", 0.70)] {
            let invited = members.filter { $0["joined"]! <= date && ($0["left"]!.isEmpty || $0["left"]! > date) }.count
            let respondents = Set(survey.records.filter { $0["wave"] == wave }.map { $0["respondent"]! }).count
            #expect(abs(Double(respondents) / Double(invited) - rate) < 0.02, "\(wave): \(respondents) of \(invited)")
        }
    }

    /// respondents.csv lists exactly the members who named someone in each wave (every
    /// respondent names at least one person), with the wave's opening day on every row, so that
    /// the response rate over the members on that day is the documented 75% and 70%.
    @Test func respondentsListEveryRespondentWithTheWaveDate() throws {
        let members = try sample.table("members.csv").records
        let survey = try sample.table("survey.csv").records
        let listed = try sample.table("respondents.csv").records
        for (wave, date, rate) in [("baseline", "2022-06-13", 0.75), ("follow-up", "2024-06-10", 0.70)] {
            let rows = listed.filter { $0["wave"] == wave }
            #expect(rows.allSatisfy { $0["wave_date"] == date })
            let ids = rows.map { $0["respondent"]! }
            #expect(ids == ids.sorted() && Set(ids).count == ids.count, "one row per respondent, in member order")
            #expect(Set(ids) == Set(survey.filter { $0["wave"] == wave }.map { $0["respondent"]! }))
            let invited = members.filter { $0["joined"]! <= date && ($0["left"]!.isEmpty || $0["left"]! > date) }.count
            #expect(ids.count == Int((rate * Double(invited)).rounded()), "\(wave): \(ids.count) of \(invited)")
        }
    }

    @Test func surveyNominationsFollowTheInteractionTies() throws {
        let pairs = Set(try sample.table("interactions.csv").rows.map { [$0[0], $0[1]].sorted().joined(separator: "-") })
        let survey = try sample.table("survey.csv").rows
        let backed = survey.filter { pairs.contains([$0[0], $0[1]].sorted().joined(separator: "-")) }.count
        let share = Double(backed) / Double(survey.count)
        #expect(share > 0.85 && share < 1, "mostly true ties plus some noise (\(share))")
    }
}

/// Whole days between two `YYYY-MM-DD` dates.
func days(from a: String, to b: String) -> Int {
    func day(_ s: String) -> Int {
        let parts = s.split(separator: "-").map { Int($0)! }
        return Int(Timestamp.days(year: parts[0], month: parts[1], day: parts[2]))
    }
    return day(b) - day(a)
}
