import Foundation
import Testing
@testable import WeftAnalysis
import WeftGraph

@Suite struct PeriodTests {
    func date(_ y: Int, _ m: Int, _ d: Int) -> Int64 { Timestamp.seconds(year: y, month: m, day: d) }

    @Test func calendarPeriodsAreAligned() throws {
        let t0 = date(2024, 2, 14) + 3600, t1 = date(2024, 5, 2)
        let months = try Periods.calendar(.month, covering: t0, t1)
        #expect(months.starts == [date(2024, 2, 1), date(2024, 3, 1), date(2024, 4, 1), date(2024, 5, 1)])
        #expect(months.ends.last == date(2024, 6, 1))
        #expect(try Periods.calendar(.quarter, covering: t0, t1).starts == [date(2024, 1, 1), date(2024, 4, 1)])
        #expect(try Periods.calendar(.year, covering: t0, date(2025, 1, 1)).starts == [date(2024, 1, 1), date(2025, 1, 1)])
        // 2024-02-14 was a Wednesday: its ISO week starts on Monday 12 February.
        #expect(try Periods.calendar(.week, covering: t0, t0).starts == [date(2024, 2, 12)])
        #expect(try Periods.calendar(.day, covering: t0, t0 + 86_400).count == 2)
        #expect(try Periods.calendar(.quarter, covering: date(2023, 11, 5), date(2023, 11, 5)).ends == [date(2024, 1, 1)])
    }

    @Test func customBoundaries() throws {
        let p = try Periods.boundaries([date(2024, 7, 1), date(2024, 1, 1)], dataEnd: date(2024, 12, 31))
        #expect(p.starts == [date(2024, 1, 1), date(2024, 7, 1)] && p.ends == [date(2024, 7, 1), date(2024, 12, 31)])
    }
}

@Suite struct TieStrengthTests {
    let day: Int64 = 86_400

    @Test func halfLifeHalvesTheStrength() throws {
        var log = InteractionLog()
        try log.append(source: 0, target: 1, time: 0, weight: 2)
        let periods = try Periods(starts: [0, 180 * day, 360 * day], ends: [180 * day, 360 * day, 540 * day])
        let s = try TieStrengthSeries(log, nodeCount: 2, periods: periods, halfLifeDays: 180)
        #expect(s.tieCount == 1)
        #expect(closeArrays((0..<3).map { s.strength(tie: 0, period: $0) }, [1, 0.5, 0.25], tolerance: 1e-12))
    }

    @Test func matchesTheDefinitionOnRandomLogs() throws {
        var rng = SeededGenerator(seed: 17)
        var log = InteractionLog()
        let message = log.typeCode("message"), call = log.typeCode("call")
        var time: Int64 = 0
        for _ in 0..<2000 {
            time += Int64(rng.int(below: 3 * Int(day)))
            let a = Int32(rng.int(below: 12)), b = Int32(rng.int(below: 12))
            try? log.append(source: a, target: b, time: time, weight: Double(1 + rng.int(below: 3)),
                            type: rng.int(below: 2) == 0 ? message : call, directed: rng.int(below: 4) != 0)
        }
        let periods = try Periods.calendar(.month, covering: 30 * day, time)
        let weights = ["message": 0.5, "call": 1.0]
        for directed in [false, true] {
            let s = try TieStrengthSeries(log, nodeCount: 12, periods: periods, halfLifeDays: 90, typeWeights: weights, directed: directed)
            for i in 0..<s.tieCount {
                let a = s.source[i], b = s.target[i]
                for p in 0..<periods.count {
                    let end = periods.ends[p]
                    var expected = 0.0
                    for k in 0..<log.count where log.time[k] < end {
                        let (x, y) = (log.source[k], log.target[k])
                        let matches = directed ? ((x == a && y == b) || (!log.directed[k] && x == b && y == a))
                                               : (min(x, y) == a && max(x, y) == b)
                        if matches {
                            let c = weights[log.types[Int32(log.type[k])]]! * log.weight[k]
                            expected += c * exp2(-Double(end - log.time[k]) / (90 * Double(day)))
                        }
                    }
                    #expect(abs(s.strength(tie: i, period: p) - expected) <= 1e-9 * max(1, expected), "tie \(a)–\(b) period \(p)")
                }
            }
        }
    }
}

@Suite struct OverlapAndTurnoverTests {
    @Test func overlapOfSmallGraphs() {
        // Triangle 0-1-2 plus 2-3: O(0,1) = 1/(1+1−1) = 1; O(0,2) = 1/(1+2−1) = 0.5; O(2,3) = 0.
        let g = makeGraph(4, [(0, 1), (1, 2), (0, 2), (2, 3)])
        let o = NeighbourhoodOverlap(g)
        #expect(o.source == [0, 0, 1, 2] && o.target == [1, 2, 2, 3])
        #expect(o.sharedNeighbours == [1, 1, 1, 0])
        #expect(o.overlap == [1, 0.5, 0.5, 0])
        #expect(NeighbourhoodOverlap(makeGraph(2, [(0, 1)])).overlap == [0])
    }

    @Test func overlapMatchesBruteForce() {
        for seed in UInt64(1)...4 {
            let g = randomGraph(seed: seed, n: 40, p: 0.15, directed: seed % 2 == 0)
            let o = NeighbourhoodOverlap(g)
            let u = g.undirected
            for t in 0..<o.source.count {
                let i = Int(o.source[t]), j = Int(o.target[t])
                let ni = Set(u.neighbours(of: i)), nj = Set(u.neighbours(of: j))
                let common = ni.intersection(nj).count
                let denominator = (ni.count - 1) + (nj.count - 1) - common
                #expect(o.overlap[t] == (denominator > 0 ? Double(common) / Double(denominator) : 0))
            }
        }
    }

    @Test func turnoverIsTheJaccardOfTieSets() throws {
        let before = makeGraph(4, [(0, 1), (1, 2), (2, 3)], directed: true)
        let after = makeGraph(4, [(0, 1), (2, 3), (3, 0), (1, 0)], directed: true)
        let t = try TieTurnover(from: before, to: after)
        #expect(t.kept == 2 && t.gained == 2 && t.lost == 1 && t.jaccard == 0.4)
        #expect(try TieTurnover(from: makeGraph(3, []), to: makeGraph(3, [])).jaccard == 1)
    }

    @Test func tiePresenceRunsOfConsecutivePeriods() {
        let whole = makeGraph(4, [(0, 1), (1, 2), (2, 3)])
        let periods: [[(Int, Int)]] = [[(0, 1)], [(0, 1), (2, 3)], [], [(0, 1)], [(2, 3)]]
        var presence = TiePresence(ties: whole.ties, periodCount: periods.count)
        for (p, ties) in periods.enumerated() { presence.add(period: p, periodTies: makeGraph(4, ties).ties, of: whole.ties) }
        #expect(presence.isPresent(0, period: 3) && !presence.isPresent(0, period: 2))
        #expect(presence.runs(of: 0) == [0...1, 3...3])   // 0–1: periods 0, 1 and 3
        #expect(presence.runs(of: 1).isEmpty)              // 1–2: never in a period
        #expect(presence.runs(of: 2) == [1...1, 4...4])   // 2–3
        // More than 64 periods take several words per tie.
        var long = TiePresence(ties: whole.ties, periodCount: 130)
        for p in [63, 64, 65, 129] { long.add(period: p, periodTies: makeGraph(4, [(1, 2)]).ties, of: whole.ties) }
        #expect(long.runs(of: 1) == [63...65, 129...129] && long.runs(of: 0).isEmpty)
    }
}

/// The time family's public entry points refuse a caller's bad argument with an `ArgumentError`
/// that names the function, the parameter and the value, instead of trapping.
@Suite struct TimeArgumentTests {
    @Test func periodsRefuseEmptyOrMismatchedPeriods() {
        #expect(throws: ArgumentError("Periods", "starts, ends", "must be of one length (got 2 and 1)")) {
            try Periods(starts: [0, 10], ends: [10])
        }
        #expect(throws: ArgumentError("Periods", "starts, ends", "must give non-empty periods (period 1 starts at 10 and ends at 10)")) {
            try Periods(starts: [0, 10], ends: [10, 10])
        }
        #expect(throws: ArgumentError("Periods.calendar", "first, last", "must not be an empty span (got 5 after 4)")) {
            try Periods.calendar(.month, covering: 5, 4)
        }
        #expect(throws: ArgumentError("Periods.boundaries", "boundaries", "must name at least one boundary")) {
            try Periods.boundaries([], dataEnd: 100)
        }
        #expect(throws: ArgumentError("Periods.boundaries", "dataEnd", "must lie after the last boundary (got 50, last boundary 50)")) {
            try Periods.boundaries([0, 50], dataEnd: 50)
        }
    }

    @Test func tieStrengthRefusesANonPositiveHalfLife() throws {
        let periods = try Periods(starts: [0], ends: [86_400])
        for halfLife in [0.0, -1, .infinity, .nan] {
            #expect(throws: ArgumentError.self) {
                try TieStrengthSeries(InteractionLog(), nodeCount: 2, periods: periods, halfLifeDays: halfLife)
            }
        }
    }

    @Test func attendanceTiesRefuseEventSizesBelowTwo() {
        #expect(throws: ArgumentError("AttendanceTies.records", "largeEventSize", "must be at least 2 (got 1)")) {
            try AttendanceTies.records(AttendanceLog(), nodeCount: 0, largeEventSize: 1)
        }
        #expect(throws: ArgumentError("AttendanceTies.records", "maxEventSize", "must be at least 2 (got 0)")) {
            try AttendanceTies.records(AttendanceLog(), nodeCount: 0, maxEventSize: 0)
        }
    }

    @Test func turnoverRefusesGraphsOfDifferentMembers() {
        #expect(throws: ArgumentError("TieTurnover", "before, after", "must have the same members and direction (got 3 and 4 members)")) {
            try TieTurnover(from: makeGraph(3, []), to: makeGraph(4, []))
        }
        #expect(throws: ArgumentError.self) { try TieTurnover(from: makeGraph(3, []), to: makeGraph(3, [], directed: true)) }
    }
}
