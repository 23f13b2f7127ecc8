import Foundation
import Testing
@testable import WeftAnalysis
import WeftGraph

/// Tie change classes, pair records from attendance and member activity on small crafted
/// histories whose answers are worked out by hand in the comments.
@Suite struct TieChangeTests {
    let day: Int64 = 86_400
    let rule = TieChangeRule()   // θ 0.25, δ 0.25, dormancy 8 × usual gap, at least 180 days

    @Test func classifyFollowsTheTable() {
        #expect(rule.classify(before: 0, now: 0.3, wasTie: false, idle: 0, usualGap: nil) == .new)
        #expect(rule.classify(before: 0.1, now: 0.3, wasTie: true, idle: 0, usualGap: nil) == .new)   // reactivated
        #expect(rule.classify(before: 1, now: 1.25, wasTie: true, idle: 0, usualGap: nil) == .strengthened)
        #expect(rule.classify(before: 1, now: 1.2, wasTie: true, idle: 0, usualGap: nil) == .sustained)
        #expect(rule.classify(before: 1, now: 0.8, wasTie: true, idle: 0, usualGap: nil) == .sustained)
        #expect(rule.classify(before: 1, now: 0.75, wasTie: true, idle: 0, usualGap: nil) == .weakened)
        // Fell below θ: weakened while recent, dormant once idle beyond the gap.
        #expect(rule.classify(before: 0.3, now: 0.2, wasTie: true, idle: Double(100 * day), usualGap: nil) == .weakened)
        #expect(rule.classify(before: 0.3, now: 0.2, wasTie: true, idle: Double(181 * day), usualGap: nil) == .dormant)
        // A pair that usually talks every 30 days: gap = max(180, 8 × 30) = 240 days.
        #expect(rule.classify(before: 0.3, now: 0.2, wasTie: true, idle: Double(200 * day), usualGap: Double(30 * day)) == .weakened)
        #expect(rule.classify(before: 0.2, now: 0.1, wasTie: true, idle: Double(241 * day), usualGap: Double(30 * day)) == .dormant)
        // Never a tie: nothing to class.
        #expect(rule.classify(before: 0.1, now: 0.2, wasTie: false, idle: Double(400 * day), usualGap: nil) == .none)
        // Below θ after a weakening, not yet idle long enough: not counted.
        #expect(rule.classify(before: 0.2, now: 0.15, wasTie: true, idle: Double(120 * day), usualGap: nil) == .none)
    }

    @Test func lifeCycleOfOneTie() throws {
        // One message (weight 1, type weight 1) on day 0 and again on day 30; half-life 180 days;
        // 90-day periods. Strength at each period end:
        //   day 90:  2^(−90/180) + 2^(−60/180)  = 0.7071 + 0.7937 = 1.5008 → new
        //   day 180: × 2^(−1/2) = 1.0612 (−29%) → weakened
        //   day 270: 0.7504 (−29%) → weakened;  day 360: 0.5306 → weakened; day 450: 0.3752 → weakened
        //   day 540: 0.2653 (−29%) → weakened;  day 630: 0.1876 < θ, idle 600 days > max(180, 8×30) → dormant
        //   day 720: 0.1327, still idle → dormant
        var log = InteractionLog()
        try log.append(source: 0, target: 1, time: 0)
        try log.append(source: 1, target: 0, time: 30 * day)
        let ends = (1...8).map { Int64($0) * 90 * day }
        let periods = try Periods(starts: [0] + ends.dropLast(), ends: ends)
        let s = try TieStrengthSeries(log, nodeCount: 2, periods: periods, halfLifeDays: 180)
        #expect(s.tieCount == 1 && s.records == [2] && s.firstTime == [0] && s.lastTime == [30 * day])
        #expect(abs(s.strength(tie: 0, period: 0) - (pow(2, -0.5) + pow(2, -1.0 / 3))) < 1e-12)
        #expect((0..<8).map { s.change(tie: 0, period: $0) }
                == [.new, .weakened, .weakened, .weakened, .weakened, .weakened, .dormant, .dormant])
        #expect(s.peak == [s.strength(tie: 0, period: 0)] && s.peakPeriod == [0])
        let counts = s.changeCounts
        #expect(counts[0][Int(TieChange.new.rawValue)] == 1 && counts[7][Int(TieChange.dormant.rawValue)] == 1)
    }

    @Test func aTieThatKeepsTalkingIsSustainedAndOneThatGrowsIsStrengthened() throws {
        // Pair 0–1 talks every 10 days; pair 2–3 talks once in period 0, then 5 times in period 1.
        var log = InteractionLog()
        var records: [(Int32, Int32, Int64)] = []
        for d in stride(from: Int64(0), to: 300, by: 10) { records.append((0, 1, d * day)) }
        records.append((2, 3, 5 * day))
        for k in Int64(0)..<5 { records.append((2, 3, (100 + k) * day)) }
        for (a, b, t) in records.sorted(by: { $0.2 < $1.2 }) { try log.append(source: a, target: b, time: t) }
        let periods = try Periods(starts: [0, 90 * day, 180 * day], ends: [90 * day, 180 * day, 270 * day])
        let s = try TieStrengthSeries(log, nodeCount: 4, periods: periods)
        #expect(s.source == [0, 2] && s.target == [1, 3])
        #expect(s.change(tie: 0, period: 0) == .new)
        #expect(s.change(tie: 0, period: 1) == .strengthened)   // still accumulating: 9 records in, 9 more
        #expect(s.change(tie: 1, period: 1) == .strengthened)
        #expect(s.change(tie: 1, period: 2) == .weakened)       // silent for 90 days: × 2^(−1/2)
        #expect(s.typeMask == [TieTable.typeBit(0), TieTable.typeBit(0)])
    }

    @Test func pairRecordsFromAttendance() throws {
        // Event a (day 1): members 0, 1 (presenter), 2 (host) → 3 pairs; 1–2 co-presenting.
        // Event b (day 2): 12 attendees (> large size 10) → 66 pairs of weight 9/11.
        // Event c (day 3): 5 attendees → 10 pairs. With maxEventSize 11, event b gives none.
        var attendance = AttendanceLog()
        _ = attendance.events.intern("a"); _ = attendance.events.intern("b"); _ = attendance.events.intern("c")
        let presenter = attendance.roleCode("presenter"), host = attendance.roleCode("host"), attendee = attendance.roleCode("attendee")
        attendance.append(member: 0, event: 0, date: day, role: attendee)
        attendance.append(member: 1, event: 0, date: day, role: presenter)
        attendance.append(member: 2, event: 0, date: day, role: host)
        attendance.append(member: 2, event: 0, date: day, role: attendee)   // repeated row: still a host
        for m in Int32(0)..<12 { attendance.append(member: m, event: 1, date: 2 * day, role: attendee) }
        for m in Int32(0)..<5 { attendance.append(member: m, event: 2, date: 3 * day, role: attendee) }
        let log = try AttendanceTies.records(attendance, nodeCount: 12, largeEventSize: 10, maxEventSize: 11)
        #expect(log.count == 3 + 10)   // event b has 12 > maxEventSize 11 attendees
        let wide = try AttendanceTies.records(attendance, nodeCount: 12, largeEventSize: 10, maxEventSize: 12)
        #expect(wide.count == 3 + 66 + 10)
        let first = (0..<3).map { (wide.source[$0], wide.target[$0], wide.types[Int32(wide.type[$0])], wide.weight[$0]) }
        #expect(first.map(\.0) == [0, 0, 1] && first.map(\.1) == [1, 2, 2])
        #expect(first.map(\.2) == ["co-attendance", "co-attendance", "co-presenting"])
        #expect(wide.weight[3] == 9.0 / 11 && wide.weight[3 + 66] == 1)
        #expect(wide.isTimeSorted && (0..<wide.count).allSatisfy { !wide.directed[$0] })
    }

    @Test func memberActivityAndRetention() throws {
        // Monthly periods Jan–Apr 2024. Member 0 active in Jan, Feb, Apr; 1 in Jan, Feb; 2 only in
        // Mar (new then); 3 in Dec 2023 (before the periods) and Feb (returning); 4 in Dec 2023,
        // Feb, Mar and Apr. Active: Jan {0,1}, Feb {0,1,3,4}, Mar {2,4}, Apr {0,4}.
        func date(_ m: Int, _ d: Int, year: Int = 2024) -> Int64 { Timestamp.seconds(year: year, month: m, day: d) }
        var log = InteractionLog()
        for (a, b, t) in [(Int32(3), Int32(4), date(12, 5, year: 2023)), (0, 1, date(1, 10)), (0, 1, date(2, 10)),
                          (3, 4, date(2, 20)), (2, 4, date(3, 3)), (0, 4, date(4, 4))] {
            try log.append(source: a, target: b, time: t)
        }
        let periods = try Periods.calendar(.month, covering: date(1, 1), date(4, 30))
        let a = MemberActivity(interactions: log, attendance: AttendanceLog(), nodeCount: 5, periods: periods)
        #expect(a.activeCount == [2, 4, 2, 2])
        #expect(a.newCount == [2, 0, 1, 0])         // 0 and 1 in Jan; 2 in Mar (3 and 4 started in 2023)
        #expect(a.returningCount == [0, 2, 0, 1])   // Feb: 3 and 4 back after Dec; Apr: 0 after a gap
        #expect(a.retainedCount == [0, 2, 1, 1])
        #expect(a.retention(period: 0) == nil && a.retention(period: 1) == 1 && a.retention(period: 2) == 0.25)
        #expect(a.activePeriods == [3, 2, 1, 1, 3] && a.first[3] == date(12, 5, year: 2023))
        #expect(a.tenureDays(0) == Double(date(4, 4) - date(1, 10)) / 86_400 && a.tenureDays(4) != nil)
    }
}

@Suite struct TieStrengthAggregateTests {
    @Test func bucketsCopiedARangeOfMembersAtATimeChangeNoResult() throws {
        // Two logs (one with records both ways), undirected and directed ties: the series built
        // with every record bucketed at once equals those built a few members at a time.
        var rng = SeededGenerator(seed: 11)
        var logs = [InteractionLog(), InteractionLog()]
        var time: Int64 = 0
        for _ in 0..<2000 {
            time += Int64(rng.int(below: 86_400 * 3))
            let a = Int32(rng.int(below: 60)), b = Int32(rng.int(below: 60))
            try? logs[rng.int(below: 2)].append(source: a, target: b, time: time, weight: Double(1 + rng.int(below: 3)),
                                                   directed: rng.int(below: 3) > 0)
        }
        let periods = try Periods.calendar(.month, covering: 0, time)
        for directed in [false, true] {
            let whole = try TieStrengthSeries(logs, nodeCount: 60, periods: periods, halfLifeDays: 45, directed: directed)
            for limit in [1, 37, 500] {
                let parts = try TieStrengthSeries(logs, nodeCount: 60, periods: periods, halfLifeDays: 45, directed: directed,
                                                  bucketEntryLimit: limit)
                #expect(parts.source == whole.source && parts.target == whole.target && parts.strength == whole.strength)
                #expect(parts.change == whole.change && parts.changeCounts == whole.changeCounts && parts.records == whole.records)
                #expect(parts.typeMask == whole.typeMask && parts.peak == whole.peak && parts.peakPeriod == whole.peakPeriod)
                #expect(parts.memberFinalStrength == whole.memberFinalStrength && parts.memberPeakStrength == whole.memberPeakStrength)
            }
            #expect(whole.tieCount > 100)
        }
        // The ranges cover the members in order, each within the limit unless one member alone exceeds it.
        #expect(RecordBuckets.memberRanges(counts: [3, 1, 1, 5, 0, 2], limit: 4) == [0..<2, 2..<3, 3..<4, 4..<6])
        #expect(RecordBuckets.memberRanges(counts: [], limit: 4) == [0..<0])
    }

    @Test func compactSeriesKeepsTheSameAggregates() throws {
        // Without the full series, the last period's values, the per-period class counts and the
        // member totals equal those computed from the full series.
        var rng = SeededGenerator(seed: 3)
        var log = InteractionLog()
        var time: Int64 = 0
        for _ in 0..<3000 {
            time += Int64(rng.int(below: 86_400 * 4))
            let a = Int32(rng.int(below: 80)), b = Int32(rng.int(below: 80))
            try? log.append(source: a, target: b, time: time, weight: rng.int(below: 3) == 0 ? 0.1 : Double(1 + rng.int(below: 3)))
        }
        let periods = try Periods.calendar(.month, covering: 0, time)
        let full = try TieStrengthSeries(log, nodeCount: 80, periods: periods, halfLifeDays: 60)
        let compact = try TieStrengthSeries(log, nodeCount: 80, periods: periods, halfLifeDays: 60, keepsSeries: false)
        let p = periods.count
        let ties = (0..<full.tieCount).filter { full.peak[$0] >= TieChangeRule().threshold }
        #expect(ties.count < full.tieCount)   // some pairs never reached θ: only the full series lists them
        #expect(compact.strength.isEmpty && compact.source == ties.map { full.source[$0] } && compact.peak == ties.map { full.peak[$0] })
        #expect(compact.finalStrength == ties.map { full.strength(tie: $0, period: p - 1) })
        #expect(compact.finalChange == ties.map { full.change(tie: $0, period: p - 1).rawValue })
        var counts = [[Int]](repeating: [Int](repeating: 0, count: TieChange.allCases.count), count: p)
        var totals = [Double](repeating: 0, count: 80 * p)
        for i in 0..<full.tieCount {
            for q in 0..<p {
                counts[q][Int(full.change(tie: i, period: q).rawValue)] += 1
                totals[Int(full.source[i]) * p + q] += full.strength(tie: i, period: q)
                totals[Int(full.target[i]) * p + q] += full.strength(tie: i, period: q)
            }
        }
        #expect(compact.changeCounts == counts && full.changeCounts == counts)
        let members = 0..<80
        #expect(closeArrays(compact.memberFinalStrength, members.map { totals[$0 * p + p - 1] }, tolerance: 1e-12))
        #expect(closeArrays(compact.memberPeakStrength, members.map { totals[($0 * p)..<($0 * p + p)].max()! }, tolerance: 1e-12))
        #expect(compact.memberPeakStrength.contains { $0 > 0 } && zip(compact.memberPeakStrength, compact.memberFinalStrength).allSatisfy { $0 >= $1 })
        #expect(counts.reduce(0) { $0 + $1[Int(TieChange.dormant.rawValue)] } > 0)
    }
}
