import Testing
import WeftGraph
@testable import WeftSample

@Suite struct SupportTests {
    @Test func timestampTextMatchesTimestamp() {
        var random = SeededGenerator(seed: 3)
        let first = Day.of(2022, 1, 1), last = Day.of(2024, 12, 31)
        var text = TimestampText(firstDay: first, lastDay: last)
        for _ in 0..<5_000 {
            let seconds = (first - 2) * 86_400 + Int64(random.int(below: Int(last - first + 5) * 86_400))
            #expect(text.dateTime(seconds) == Timestamp.formatDateTime(seconds))
            #expect(text.date(day: seconds / 86_400) == Timestamp.formatDate(seconds))
        }
    }

    @Test func boundedIntegersStayInRange() {
        var random = SeededGenerator(seed: 1)
        var seen = [Int](repeating: 0, count: 7)
        for _ in 0..<7_000 { seen[random.int(below: 7)] += 1 }
        #expect(seen.allSatisfy { $0 > 800 && $0 < 1_200 })
        for _ in 0..<1_000 { #expect((-3...4).contains(random.int(in: -3...4))) }
    }

    @Test func cumulativeTableDrawsByWeight() {
        let table = CumulativeTable(weights: [0, 1, 0, 3, 0])
        var random = SeededGenerator(seed: 2)
        var counts = [Int](repeating: 0, count: 5)
        for _ in 0..<8_000 { counts[table.index(unit: random.nextUnit())] += 1 }
        #expect(counts[0] == 0 && counts[2] == 0 && counts[4] == 0, "zero weights are never drawn")
        #expect(abs(Double(counts[3]) / 8_000 - 0.75) < 0.03)
        for _ in 0..<1_000 { #expect(table.index(in: 2..<5, unit: random.nextUnit()) == 3) }
    }

    @Test func weightedSamplesAreDistinctAndSkipZeros() {
        var random = SeededGenerator(seed: 4)
        let picked = random.weightedSample([1, 0, 2, 3, 0, 1], count: 10)
        #expect(Set(picked) == [0, 2, 3, 5] && picked.count == 4)
        let included = random.inclusionSample([Double](repeating: 1, count: 1_000), expected: 250)
        #expect(abs(included.count - 250) < 50)
    }

    @Test func apportionSumsExactly() {
        #expect(apportion(10, weights: [1, 1, 1]).reduce(0, +) == 10)
        #expect(apportion(7, weights: [0, 1, 0]) == [0, 7, 0])
        #expect(apportion(100, weights: [3, 1]) == [75, 25])
    }

    @Test func emailHandlesAreASCII() {
        #expect(asciiHandle("Nguyễn") == "nguyen")
        #expect(asciiHandle("Đặng") == "dang")
        #expect(asciiHandle("N'Guessan") == "nguessan")
        #expect(asciiHandle("Dela Cruz") == "delacruz")
        #expect(asciiHandle("Jean-Baptiste") == "jeanbaptiste")
        for table in nameTables {
            #expect((table.givenHandles + table.familyHandles).allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) })
        }
    }

    @Test func streamsAreIndependent() {
        var a = SeededGenerator(seed: 5, stream: .population)
        var b = SeededGenerator(seed: 5, stream: .calendar)
        var c = SeededGenerator(seed: 5, stream: .population)
        let first = a.next()
        #expect(first != b.next())
        #expect(first == c.next())
    }

    @Test func latentProfilesOnlyForTheCLN() {
        #expect(SampleGenerator(size: .s, seed: 1).latentProfiles().isEmpty)
        let profiles = SampleGenerator(size: .cln, seed: 1).latentProfiles()
        #expect(profiles.count == 300)
        #expect(Set(profiles.map(\.profile)) == ["crew", "deep diver", "passenger", "drifter", "inactive"])
    }
}
