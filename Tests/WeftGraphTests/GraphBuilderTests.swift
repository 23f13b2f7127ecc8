import PropertyBased
import Testing
@testable import WeftGraph

/// A small log: 0→1 twice (message, call), 1→0 once, 1→2 once undirected, 3 isolated.
func handLog() throws -> InteractionLog {
    var log = InteractionLog()
    let message = log.typeCode("message"), call = log.typeCode("call")
    try log.append(source: 0, target: 1, time: 100, weight: 1, type: message)
    try log.append(source: 1, target: 0, time: 150, weight: 4, type: call)
    try log.append(source: 0, target: 1, time: 200, weight: 2, type: call)
    try log.append(source: 1, target: 2, time: 300, weight: 5, type: message, directed: false)
    return log
}

@Suite struct GraphBuilderTests {
    @Test func aggregatesOrderedPairs() throws {
        let g = GraphBuilder().build(try handLog(), nodeCount: 4)
        #expect(g.isDirected && g.nodeCount == 4)
        // Ties, sorted by (source, target): 0→1, 1→0, 1→2, 2→1 (the undirected record counts both ways).
        #expect(g.ties.source == [0, 1, 1, 2] && g.ties.target == [1, 0, 2, 1])
        #expect(g.ties.weight == [3, 4, 5, 5])
        #expect(g.ties.recordCount == [2, 1, 1, 1])
        #expect(g.ties.firstTime == [100, 150, 300, 300] && g.ties.lastTime == [200, 150, 300, 300])
        let message = TieTable.typeBit(1), call = TieTable.typeBit(2)
        #expect(g.ties.typeMask == [message | call, call, message, message])
    }

    @Test func outInAndSymmetrisedViews() throws {
        let g = GraphBuilder().build(try handLog(), nodeCount: 4)
        #expect(Array(g.out.neighbours(of: 1)) == [0, 2])
        #expect(Array(g.in.neighbours(of: 1)) == [0, 2])
        #expect(Array(g.in.neighbours(of: 0)) == [1])
        #expect(g.out.degree(3) == 0 && g.in.degree(3) == 0 && g.undirected.degree(3) == 0)
        // Undirected weights: {0,1} = 3 + 4 (sum rule); {1,2} = 5 (the undirected record counts once).
        #expect(Array(g.undirected.neighbours(of: 1)) == [0, 2])
        #expect(g.undirected.weights[g.undirected.offsets[1]...].prefix(2) == [7, 5])
        #expect(g.hasTie(from: 0, to: 1) && !g.hasTie(from: 0, to: 2))
    }

    @Test(arguments: [(Symmetrisation.max, 4.0), (.min, 3.0), (.mean, 3.5), (.sum, 7.0)])
    func symmetrisationRules(_ rule: Symmetrisation, _ expected: Double) throws {
        let g = GraphBuilder(symmetrisation: rule).build(try handLog(), nodeCount: 4)
        #expect(g.undirected.weights[g.undirected.offsets[0]] == expected)
        #expect(g.undirected.strength(2) == 5)
    }

    @Test func minRuleDropsUnreciprocatedTies() throws {
        var log = InteractionLog()
        try log.append(source: 0, target: 1, time: 0, weight: 2)
        try log.append(source: 1, target: 2, time: 0, weight: 2)
        try log.append(source: 2, target: 1, time: 0, weight: 3)
        let g = GraphBuilder(symmetrisation: .min).build(log, nodeCount: 3)
        #expect(g.undirected.degree(0) == 0)
        #expect(Array(g.undirected.neighbours(of: 1)) == [2] && g.undirected.strength(1) == 2)
    }

    @Test func undirectedGraphUsesCanonicalPairs() throws {
        let g = GraphBuilder(undirected: true).build(try handLog(), nodeCount: 4)
        #expect(!g.isDirected)
        #expect(g.ties.source == [0, 1] && g.ties.target == [1, 2])
        #expect(g.ties.weight == [7, 5] && g.ties.recordCount == [3, 1])
        #expect(Array(g.out.neighbours(of: 1)) == [0, 2] && Array(g.in.neighbours(of: 1)) == [0, 2])
    }

    @Test func windowsSelectRecordsByTime() throws {
        let log = try handLog()
        let g = GraphBuilder().build(log, nodeCount: 4, window: TimeWindow(start: 150, end: 300))
        #expect(g.ties.source == [0, 1] && g.ties.weight == [2, 4])
        #expect(g.nodeCount == 4)   // members without ties in the window stay as isolates
        #expect(log.range(in: TimeWindow(start: 301)).isEmpty)
        #expect(log.range(in: TimeWindow(end: 100)).isEmpty)
    }

    @Test func selfLoopsAndBadWeightsAreRefusedWithAReason() {
        var log = InteractionLog()
        #expect(throws: RecordProblem.selfLoop) { try log.append(source: 2, target: 2, time: 0) }
        #expect(throws: RecordProblem.nonPositiveWeight(0)) { try log.append(source: 1, target: 2, time: 0, weight: 0) }
        #expect(throws: RecordProblem.nonPositiveWeight(-1)) { try log.append(source: 1, target: 2, time: 0, weight: -1) }
        #expect(throws: RecordProblem.nonFiniteWeight) { try log.append(source: 1, target: 2, time: 0, weight: .nan) }
        #expect(log.count == 0)
    }

    @Test func sortByTimeIsStable() throws {
        var log = InteractionLog()
        try log.append(source: 0, target: 1, time: 50, weight: 1)
        try log.append(source: 0, target: 2, time: 10, weight: 2)
        try log.append(source: 0, target: 3, time: 50, weight: 3)
        try log.append(source: 0, target: 4, time: 10, weight: 4)
        #expect(!log.isTimeSorted)
        log.sortByTime()
        #expect(log.time == [10, 10, 50, 50] && log.target == [2, 4, 1, 3])
    }

    @Test func equalTimesAreOrderedByContentNotInputOrder() throws {
        func log(_ rows: [(Int32, Int32, Double, String)]) throws -> InteractionLog {
            var log = InteractionLog()
            for (s, t, w, label) in rows {
                try log.append(source: s, target: t, time: 7, weight: w, type: log.typeCode(label))
            }
            log.sortByTime()
            return log
        }
        let rows: [(Int32, Int32, Double, String)] = [(1, 2, 0.5, "message"), (0, 3, 2, "call"), (1, 2, 0.25, "message"),
                                                      (1, 2, 0.5, "call"), (0, 1, 1, "message")]
        let a = try log(rows), b = try log(rows.reversed())
        #expect(a.source == [0, 0, 1, 1, 1] && a.target == [1, 3, 2, 2, 2])
        #expect(a.weight == [1, 2, 0.5, 0.25, 0.5])   // call before message, then by weight
        #expect(a.weight == b.weight && a.source == b.source && a.target == b.target)
        #expect((0..<5).map { a.types[Int32(a.type[$0])] } == (0..<5).map { b.types[Int32(b.type[$0])] })
    }

    @Test func registryInternsOnceAndLooksUpByBytes() {
        var r = IdentifierRegistry()
        #expect(r.intern("alice") == (0, true))
        #expect(r.intern("bob") == (1, true))
        #expect(r.intern("alice") == (0, false))
        for i in 0..<5000 { r.intern("m\(i)") }
        #expect(r.count == 5002 && r.index(of: "m4999") == 5001 && r[5001] == "m4999")
        #expect(r.index(of: "carol") == nil)
        let bytes: [UInt8] = Array("bob".utf8)
        #expect(bytes.withUnsafeBytes { r.index(ofBytes: $0) } == 1)
        #expect(r.intern("") == (5002, true) && r.index(of: "") == 5002)
    }

    @Test func registryDistinguishesLongIdsWithSharedPrefixes() {
        var r = IdentifierRegistry()
        let ids = (0..<3000).map { "member.\($0 % 7)@example.org/\($0)" } + ["abcdefgh", "abcdefgh1", "abcdefgh2", "abcdefg", "é-ü-名"]
        for id in ids { r.intern(id) }
        #expect(r.count == ids.count)
        for (i, id) in ids.enumerated() { #expect(r.index(of: id) == Int32(i)) }
        #expect(r.index(of: "abcdefgh3") == nil && r.index(of: "abcdefg\0") == nil && r.index(of: "member.0@example.org/") == nil)
    }

    @Test func timestampCalendarRoundTrips() {
        #expect(Timestamp.days(year: 1970, month: 1, day: 1) == 0)
        #expect(Timestamp.days(year: 2000, month: 3, day: 1) == 11017)
        #expect(Timestamp.formatDateTime(Timestamp.seconds(year: 2024, month: 2, day: 29, hour: 23, minute: 5, second: 9)) == "2024-02-29T23:05:09Z")
        #expect(Timestamp.formatDate(-1) == "1969-12-31")
        for day in stride(from: Int64(-800_000), to: 800_000, by: 997) {
            let (y, m, d) = Timestamp.civil(days: day)
            #expect(Timestamp.days(year: y, month: m, day: d) == day)
        }
    }

    /// Month shifts clamp the day to the target month and keep the time of day; shifting back
    /// and forth by the same months returns to the start whenever no clamping happened.
    @Test func addingMonthsClampsTheDay() {
        func shifted(_ months: Int, _ y: Int, _ m: Int, _ d: Int, hour: Int = 0) -> String {
            Timestamp.formatDateTime(Timestamp.addingMonths(months, to: Timestamp.seconds(year: y, month: m, day: d, hour: hour)))
        }
        #expect(shifted(-1, 2024, 3, 31, hour: 9) == "2024-02-29T09:00:00Z")
        #expect(shifted(-12, 2024, 2, 29) == "2023-02-28T00:00:00Z")
        #expect(shifted(-6, 2024, 1, 15) == "2023-07-15T00:00:00Z")
        #expect(shifted(13, 2023, 12, 31, hour: 23) == "2025-01-31T23:00:00Z")
        #expect(shifted(-1, 1970, 1, 1) == "1969-12-01T00:00:00Z")
        for day in stride(from: Int64(-40_000), to: 40_000, by: 37) {
            let t = day * Timestamp.secondsPerDay + 3_600
            for months in [-25, -12, -1, 1, 7] where Timestamp.civil(days: day).day <= 28 {
                #expect(Timestamp.addingMonths(-months, to: Timestamp.addingMonths(months, to: t)) == t)
            }
        }
        #expect(Timestamp.formatDateTime(Timestamp.startOfNextDay(Timestamp.seconds(year: 2024, month: 2, day: 29, hour: 23))) == "2024-03-01T00:00:00Z")
        #expect(Timestamp.startOfNextDay(-1) == 0)
    }

    /// The digit writer against plain zero-padded decimal text, over years 0 to 9999 and a
    /// second at every hour, minute and second; years outside 0...9999 keep their old text.
    @Test func timestampTextIsZeroPaddedDecimal() {
        func padded(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var state: UInt64 = 7
        let first = Timestamp.seconds(year: 0, month: 1, day: 1), last = Timestamp.seconds(year: 10_000, month: 1, day: 1)
        for step in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let seconds = step == 0 ? first : step == 1 ? last - 1 : first + Int64(state >> 1) % (last - first)
            let (y, m, d) = Timestamp.civil(days: Timestamp.floorDiv(seconds, Timestamp.secondsPerDay))
            let rest = Int(seconds - Timestamp.floorDiv(seconds, Timestamp.secondsPerDay) * Timestamp.secondsPerDay)
            let date = padded(y, 4) + "-" + padded(m, 2) + "-" + padded(d, 2)
            #expect(Timestamp.formatDate(seconds) == date)
            #expect(Timestamp.formatDateTime(seconds) == date + "T" + padded(rest / 3600, 2) + ":" + padded(rest / 60 % 60, 2) + ":" + padded(rest % 60, 2) + "Z")
        }
        #expect(Timestamp.formatDateTime(last + 3_661) == "10000-01-01T01:01:01Z")
        #expect(Timestamp.formatDate(first - 1) == "00-1-12-31")   // year −1, as the padding always wrote it
    }
}

/// Invariants of the graph builder on random logs.
@Suite struct GraphBuilderProperties {
    static func randomLog(seed: UInt64, nodes: Int, records: Int) -> InteractionLog {
        var rng = SeededGenerator(seed: seed)
        var log = InteractionLog()
        var time: Int64 = 0
        while log.count < records {
            let s = Int32(rng.next() % UInt64(nodes)), t = Int32(rng.next() % UInt64(nodes))
            time += Int64(rng.next() % 3)
            try? log.append(source: s, target: t, time: time, weight: Double(1 + rng.next() % 5),
                            type: UInt16(rng.next() % 4), directed: rng.next() % 5 != 0)
        }
        return log
    }

    @Test func weightsAndRecordsAreConserved() async {
        await propertyCheck(input: Gen.int(in: 0...10_000), Gen.int(in: 2...40), Gen.int(in: 0...300)) { seed, n, m in
            let log = GraphBuilderProperties.randomLog(seed: UInt64(seed), nodes: n, records: m)
            let g = GraphBuilder().build(log, nodeCount: n)
            var expectedWeight = 0.0, expectedRecords = 0
            for k in 0..<log.count {
                let copies = log.directed[k] ? 1 : 2
                expectedWeight += log.weight[k] * Double(copies)
                expectedRecords += copies
            }
            #expect(g.ties.weight.reduce(0, +) == expectedWeight)
            #expect(g.ties.recordCount.reduce(0) { $0 + Int($1) } == expectedRecords)
            // Handshake: every tie appears once in out and once in in.
            #expect(g.out.entryCount == g.tieCount && g.in.entryCount == g.tieCount)
            // The symmetrised view is symmetric, with equal weights both ways.
            for v in 0..<n {
                for p in g.undirected.offsets[v]..<g.undirected.offsets[v + 1] {
                    let u = Int(g.undirected.neighbours[p])
                    #expect(u != v)
                    let q = g.undirected.offsets[u] + g.undirected.neighbours(of: u).firstIndex(of: Int32(v))! - g.undirected.offsets[u]
                    #expect(g.undirected.weights[p] == g.undirected.weights[q])
                }
            }
            // Under the sum rule every record counts once in the undirected view.
            let recordWeight = log.weight.reduce(0, +)
            #expect(abs(g.undirected.weights.reduce(0, +) - 2 * recordWeight) < 1e-9)
        }
    }

    @Test func threadsDoNotChangeTheGraph() {
        let log = GraphBuilderProperties.randomLog(seed: 99, nodes: 3000, records: 60_000)
        let one = GraphBuilder(threads: 1).build(log, nodeCount: 3000)
        for threads in [2, 3, 7] {
            let many = GraphBuilder(threads: threads).build(log, nodeCount: 3000)
            #expect(one.ties.source == many.ties.source && one.ties.target == many.ties.target)
            #expect(one.ties.weight == many.ties.weight && one.ties.firstTime == many.ties.firstTime)
            #expect(one.out.offsets == many.out.offsets && one.undirected.weights == many.undirected.weights)
        }
    }

    @Test func recordOrderWithinAnInstantDoesNotMatter() async {
        await propertyCheck(input: Gen.int(in: 0...10_000)) { seed in
            var rng = SeededGenerator(seed: UInt64(seed))
            var records: [(Int32, Int32, Double)] = []
            for _ in 0..<60 {
                let s = Int32(rng.next() % 8), t = Int32(rng.next() % 8)
                if s != t { records.append((s, t, Double(1 + rng.next() % 3))) }
            }
            var a = InteractionLog(), b = InteractionLog()
            for r in records { try? a.append(source: r.0, target: r.1, time: 0, weight: r.2) }
            for r in records.shuffled(using: &rng) { try? b.append(source: r.0, target: r.1, time: 0, weight: r.2) }
            let ga = GraphBuilder().build(a, nodeCount: 8), gb = GraphBuilder().build(b, nodeCount: 8)
            #expect(ga.ties.source == gb.ties.source && ga.ties.target == gb.ties.target)
            #expect(ga.ties.weight == gb.ties.weight && ga.undirected.neighbours == gb.undirected.neighbours)
        }
    }
}

/// The buckets filled by several threads (each member range by its own) are the buckets one
/// thread fills, entry for entry: directed logs with mixed direction flags and weights, logs all
/// of one weight and direction (whose columns stay single values), and undirected builds.
@Test(arguments: [(false, false), (false, true), (true, false)])
func recordBucketsAreTheSameForAnyThreadCount(uniform: Bool, undirected: Bool) throws {
    var log = InteractionLog()
    var generator = SeededGenerator(seed: 7)
    let n = 3_000
    for k in 0..<90_000 {
        let s = Int32.random(in: 0..<Int32(n), using: &generator)
        let t = (s + Int32.random(in: 1..<Int32(n), using: &generator)) % Int32(n)   // never s
        try log.append(source: s, target: t, time: Int64(k), weight: uniform ? 1 : Double(k % 5 + 1),
                       type: UInt16(k % 3), directed: uniform || k % 4 != 0)
    }
    let one = RecordBuckets(log, records: 0..<log.count, nodeCount: n, undirected: undirected, threads: 1)
    for threads in [2, 3] {
        let many = RecordBuckets(log, records: 0..<log.count, nodeCount: n, undirected: undirected, threads: threads)
        #expect(many.offsets == one.offsets && many.target == one.target && many.time == one.time && many.type == one.type)
        #expect(many.weight == one.weight && many.directed == one.directed)
        #expect(many.weight.isUniform == uniform && many.directed.isUniform == (uniform || undirected))
    }
    // A range of members alone, as the tie-strength pass builds them.
    let part = RecordBuckets(log, records: 0..<log.count, nodeCount: n, undirected: undirected, members: 200..<3_000, threads: 2)
    let partOne = RecordBuckets(log, records: 0..<log.count, nodeCount: n, undirected: undirected, members: 200..<3_000)
    #expect(part.offsets == partOne.offsets && part.target == partOne.target && part.time == partOne.time && part.weight == partOne.weight)
}
