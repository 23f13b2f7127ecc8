import Foundation
import Testing
@testable import WeftSample

@Suite struct BenchmarkSampleTests {
    let sample: GeneratedSample

    init() throws { sample = try smallSample.get() }

    @Test func rowCountsAreExact() throws {
        #expect(sample.summary.files == ["members.csv", "attendance.csv", "interactions.csv"])
        #expect(Set(sample.files.keys) == Set(sample.summary.files))
        #expect(sample.summary.members == 2_000 && sample.summary.interactions == 20_000)
        #expect(sample.summary.surveyAnswers == 0)
        #expect(try sample.table("members.csv").rows.count == 2_000)
        #expect(try sample.table("interactions.csv").rows.count == 20_000)
        #expect(try sample.table("attendance.csv").rows.count == sample.summary.attendance)
        #expect(sample.summary.attendance > 5_000)
    }

    @Test func headersAreExact() throws {
        #expect(try sample.table("members.csv").header == memberHeader)
        #expect(try sample.table("interactions.csv").header == interactionHeader)
        #expect(try sample.table("attendance.csv").header == attendanceHeader)
    }

    @Test func sameSeedGivesIdenticalBytes() throws {
        let again = try GeneratedSample(size: .s, seed: 7)
        for file in sample.summary.files {
            #expect(try again.bytes(file) == sample.bytes(file), "\(file) is reproducible")
        }
    }

    @Test func differentSeedsGiveDifferentSamples() throws {
        let other = try GeneratedSample(size: .s, seed: 8)
        for file in sample.summary.files {
            #expect(try other.bytes(file) != sample.bytes(file), "\(file) depends on the seed")
        }
    }

    @Test func progressRisesToOne() {
        #expect(sample.progress.count > 10)
        #expect(sample.progress == sample.progress.sorted())
        #expect(sample.progress.last == 1)
    }

    @Test func membersAreWellFormed() throws {
        let members = try sample.table("members.csv")
        #expect(members.rows.allSatisfy { $0.count == memberHeader.count })
        let ids = members.column("id")
        #expect(ids == (1...2_000).map { String(format: "m%06d", $0) })
        #expect(Set(members.column("email")).count == ids.count)
        #expect(members.column("joined").allSatisfy { matches($0, datePattern) && $0 < "2022-01-01" })
        #expect(members.column("left").allSatisfy { $0.isEmpty })
        #expect(Set(members.column("governance")).isSubset(of: ["yes", "no"]))
        #expect(Set(members.column("country")).count == 24)
    }

    @Test func interactionsAreValidAndSorted() throws {
        let ids = Set(try sample.table("members.csv").column("id"))
        var previous = ""
        var problems: [String] = []
        for (line, row) in zip(2..., try sample.table("interactions.csv").rows) {
            func check(_ ok: Bool, _ what: String) { if !ok { problems.append("line \(line): \(what)") } }
            check(row.count == 5, "field count")
            check(row[0] != row[1], "self-loop")
            check(ids.contains(row[0]) && ids.contains(row[1]), "unknown member")
            check(matches(row[2], dateTimePattern), "timestamp format")
            check(row[2] >= previous, "not sorted by timestamp")
            previous = row[2]
            check(row[2] >= "2022-01-01" && row[2] < "2025-01-01", "outside 2022–2024")
            check(["message", "call", "meeting", "co-authoring"].contains(row[3]), "type")
            check((Double(row[4]) ?? 0) > 0, "weight")
        }
        #expect(problems.isEmpty, "\(problems.count) problems, e.g. \(problems.prefix(5))")
    }

    @Test func heavyTailsCommunitiesAndRepeatedTies() throws {
        let country = Dictionary(uniqueKeysWithValues: try sample.table("members.csv").rows.map { ($0[0], $0[3]) })
        let rows = try sample.table("interactions.csv").rows
        let pairs = Set(rows.map { [$0[0], $0[1]].sorted() })
        #expect(pairs.count * 3 < rows.count, "records aggregate into far fewer ties (\(pairs.count) ties)")

        var degree: [String: Int] = [:]
        for p in pairs { degree[p[0], default: 0] += 1; degree[p[1], default: 0] += 1 }
        let mean = Double(degree.values.reduce(0, +)) / Double(degree.count)
        #expect(Double(degree.values.max()!) > 8 * mean, "heavy-tailed degrees (max \(degree.values.max()!), mean \(mean))")

        let inside = pairs.filter { country[$0[0]] == country[$0[1]] }.count
        #expect(Double(inside) / Double(pairs.count) > 0.7, "most ties inside a community")
        #expect(Double(inside) / Double(pairs.count) < 0.95)
    }

    @Test func attendanceIsValidAndSorted() throws {
        let ids = Set(try sample.table("members.csv").column("id"))
        let attendance = try sample.table("attendance.csv")
        let keys = attendance.rows.map { [$0[2], $0[1], $0[0]] }
        #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) }, "sorted by date, event, member")
        #expect(Set(keys.map { $0.joined(separator: "|") }).count == keys.count)
        #expect(Set(attendance.column("member")).isSubset(of: ids))
        #expect(Set(attendance.column("role")) == ["attendee", "presenter", "facilitator", "host"])
        #expect(Set(attendance.column("event_type")) == ["webinar", "workshop", "country-exchange", "pairing"])
        #expect(attendance.column("date").allSatisfy { matches($0, datePattern) })
    }

    @Test func presetsHaveTheAdvertisedSizes() {
        let m = BenchmarkPreset(.m), l = BenchmarkPreset(.l)
        #expect(m.members == 50_000 && m.records == 1_000_000 && !m.withAttendance)
        #expect(l.members == 500_000 && l.records == 10_000_000 && !l.withAttendance)
        #expect(l.ties * 4 < l.records)
    }

    @Test func monthlyCountsSumExactly() {
        let population = BenchmarkPopulation(preset: BenchmarkPreset(members: 100, records: 12_345, communities: 4, ties: 50, withAttendance: false), seed: 1)
        let ties = BenchmarkTies(population: population, count: 50, seed: 1)
        let counts = BenchmarkLog(population: population, ties: ties, records: 12_345).monthlyCounts()
        #expect(counts.count == 36 && counts.reduce(0, +) == 12_345)
        #expect(counts[35] > counts[0], "activity grows")
    }
}
