import Foundation
import WeftGraph

/// Tie strength with decay, at the end of each period, and how each tie changed between periods:
///
///   S_ij(t) = Σ_k c_k · 2^(−(t − t_k)/h)   over the records k between i and j with t_k < t,
///
/// where c_k = w_type(k) · weight_k (the type's weight, 1 for types not listed, times the record's
/// own weight) and h is the half-life. A record counts fully when it happens and half as much
/// h later; records before the first period still count, decayed. Ties are unordered pairs by
/// default (a relationship, whoever initiated each record) or ordered pairs when `directed`.
/// Between consecutive period ends each tie is classed by a `TieChangeRule` (the first period
/// compares with strength 0).
///
/// Computed in one pass over the records, bucketed by member and in time order (several logs —
/// interactions and the records derived from attendance — are merged by time): each tie keeps its
/// running strength and the time of its last record, and is decayed forward to each period end as
/// its records pass it — O(records + ties × periods), never periods × records.
/// Reference: Ahmad, Porter & Beguerisse-Díaz, "Tie-decay networks in continuous time and
/// eigenvector-based centralities" (2021) for the decayed sum; ../shared/domain-brief.md §4.
public struct TieStrengthSeries: Sendable {
    public let periods: Periods
    public let halfLifeSeconds: Double
    public let rule: TieChangeRule
    /// Tie i joins source[i] and target[i] (source < target when undirected), sorted.
    public let source: [Int32]
    public let target: [Int32]
    /// strength[i · periods.count + p]: tie i's strength at the end of period p, and
    /// change[i · periods.count + p] the `TieChange` raw value from period p − 1 to p — kept only
    /// when `keepsSeries` (ties × periods values: gigabytes on ten million records).
    public let strength: [Double]
    public let change: [UInt8]
    public let keepsSeries: Bool
    /// Per tie, the strength and change class at the last period end.
    public let finalStrength: [Double]
    public let finalChange: [UInt8]
    /// Ties per change class per period: changeCounts[p][class.rawValue].
    public let changeCounts: [[Int]]
    /// Each member's total tie strength (Σ over the member's ties) at the last period end, and the
    /// highest it reached at any period end. The totals at every period end are summed during the
    /// pass and reduced to these two (members × periods values: 144 MB on half a million members
    /// over 36 periods, which no output needs).
    public let memberFinalStrength: [Double]
    public let memberPeakStrength: [Double]
    /// Per tie, over the records up to the last period end: their number, first and last time,
    /// the interaction types among them (bit c = `types[c]`; 63 and above share bit 63), and the
    /// highest period-end strength with its period.
    public let records: [Int32]
    public let firstTime: [Int64]
    public let lastTime: [Int64]
    public let typeMask: [UInt64]
    public let peak: [Double]
    public let peakPeriod: [Int32]
    /// Type labels of all logs, merged (the first log's codes first).
    public let types: [String]

    public var tieCount: Int { source.count }

    /// The most bucket entries (copies of records, 23 bytes each) held at once by default: two
    /// million, 46 MB.
    public static let bucketEntryLimit = 2_000_000

    /// Tie i's strength at the end of period p (needs `keepsSeries`).
    public func strength(tie i: Int, period p: Int) -> Double { strength[i * periods.count + p] }
    /// Tie i's change from period p − 1 to p (needs `keepsSeries`).
    public func change(tie i: Int, period p: Int) -> TieChange { TieChange(rawValue: change[i * periods.count + p])! }

    public init(_ log: InteractionLog, nodeCount n: Int, periods: Periods, halfLifeDays: Double = 180,
                typeWeights: [String: Double] = [:], directed: Bool = false, rule: TieChangeRule = TieChangeRule(),
                keepsSeries: Bool = true) throws {
        try self.init([log], nodeCount: n, periods: periods, halfLifeDays: halfLifeDays, typeWeights: typeWeights,
                  directed: directed, rule: rule, keepsSeries: keepsSeries)
    }

    /// - Parameters:
    ///   - logs: time-sorted record logs over the same members (e.g. interactions and
    ///     `AttendanceTies.records`).
    ///   - halfLifeDays: h in days (default 180).
    ///   - typeWeights: weight per interaction type label; unlisted types weigh 1.
    ///   - keepsSeries: keep every pair's strength and change at every period end. Otherwise only
    ///     the per-period counts and member totals cover every pair, and the per-tie arrays
    ///     (source … finalChange) list only the pairs whose strength reached the rule's threshold
    ///     at some period end.
    ///   - bucketEntryLimit: the most records copied into member buckets at once (23 bytes each);
    ///     a larger log is copied a range of members at a time. No result depends on it.
    public init(_ logs: [InteractionLog], nodeCount n: Int, periods: Periods, halfLifeDays: Double = 180,
                typeWeights: [String: Double] = [:], directed: Bool = false, rule: TieChangeRule = TieChangeRule(),
                keepsSeries: Bool = true, bucketEntryLimit: Int = TieStrengthSeries.bucketEntryLimit) throws {
        try ArgumentError.require(halfLifeDays > 0 && halfLifeDays.isFinite, "TieStrength", "halfLifeDays",
                                  "must be a positive number of days (got \(halfLifeDays))")
        self.periods = periods
        self.rule = rule
        halfLifeSeconds = halfLifeDays * Double(Timestamp.secondsPerDay)
        // One type namespace for all logs.
        var labels = IdentifierRegistry([""])
        let unified: [[UInt16]] = logs.map { log in (0..<log.types.count).map { UInt16(labels.intern(log.types[Int32($0)]).index) } }
        types = (0..<labels.count).map { labels[Int32($0)] }
        let typeWeight = types.map { typeWeights[$0] ?? 1 }
        let spans = logs.map { $0.range(in: TimeWindow(end: periods.ends.last)) }
        let counts = zip(logs, spans).map { log, range in
            RecordBuckets.entryCounts(log, records: range, nodeCount: n, undirected: !directed)
        }
        var entries = [Int](repeating: 0, count: n)
        for c in counts { for v in 0..<n { entries[v] += c[v] } }
        let ends = periods.ends, periodCount = periods.count
        let rate = 1 / halfLifeSeconds
        // Ties are at most the records: reserving that much up front avoids the copies of growing
        // arrays (pages never written cost no memory).
        var out = Output(keepsSeries: keepsSeries, threshold: rule.threshold, nodeCount: n, periods: periodCount,
                         capacity: entries.reduce(0, +))
        var slotOf = [Int32](repeating: -1, count: n)
        var ties = OpenTies()
        var cursors = [Int](repeating: 0, count: logs.count)
        // The records are copied into member buckets a range of members at a time, so that the
        // copy never holds more than `bucketEntryLimit` of a large log.
        for members in RecordBuckets.memberRanges(counts: entries, limit: bucketEntryLimit) {
            let buckets = logs.indices.map { b in
                RecordBuckets(logs[b], records: spans[b], nodeCount: n, undirected: !directed, members: members, counts: counts[b])
            }
            for v in members {
                ties.removeAll()
                for b in buckets.indices { cursors[b] = buckets[b].offsets[v] }
                while true {
                    // The next record of v's buckets in time order (the earlier log first on equal times).
                    var pick = -1
                    for b in buckets.indices where cursors[b] < buckets[b].offsets[v + 1] {
                        if pick < 0 || buckets[b].time[cursors[b]] < buckets[pick].time[cursors[pick]] { pick = b }
                    }
                    guard pick >= 0 else { break }
                    let p = cursors[pick]
                    cursors[pick] += 1
                    // Read in place (a copy of the bucket would retain and release each of its arrays
                    // for every record).
                    let t = Int(buckets[pick].target[p]), when = buckets[pick].time[p]
                    let type = unified[pick][Int(buckets[pick].type[p])]
                    var i = Int(slotOf[t])
                    if i < 0 {
                        i = ties.open(target: Int32(t), time: when, periods: periodCount)
                        slotOf[t] = Int32(i)
                    }
                    // Period ends up to this record see the strength before it.
                    ties.closePeriods(i, before: when, ends: ends, rate: rate, rule: rule)
                    ties.add(i, time: when, contribution: typeWeight[Int(type)] * buckets[pick].weight[p],
                             typeBit: TieTable.typeBit(type), rate: rate)
                }
                for i in 0..<ties.count { ties.closePeriods(i, before: Int64.max, ends: ends, rate: rate, rule: rule) }
                for i in ties.targets.indices.sorted(by: { ties.targets[$0] < ties.targets[$1] }) {
                    out.append(source: Int32(v), tie: i, of: ties, periods: periodCount)
                    slotOf[Int(ties.targets[i])] = -1
                }
            }
        }
        self.keepsSeries = keepsSeries
        (source, target, strength, change) = (out.source, out.target, out.strength, out.change)
        (finalStrength, finalChange, changeCounts) = (out.finalStrength, out.finalChange, out.counts)
        (memberFinalStrength, memberPeakStrength) = out.memberTotals(nodeCount: n, periods: periodCount)
        (records, firstTime, lastTime, typeMask) = (out.records, out.firstTime, out.lastTime, out.typeMask)
        (peak, peakPeriod) = (out.peak, out.peakPeriod)
    }

    /// The ties of the member being processed, each with its running state.
    private struct OpenTies {
        var targets: [Int32] = [], running: [Double] = [], first: [Int64] = [], last: [Int64] = []
        var count32: [Int32] = [], mask: [UInt64] = [], nextPeriod: [Int] = [], wasTie: [Bool] = []
        var peak: [Double] = [], peakPeriod: [Int32] = []
        var strength: [Double] = [], change: [UInt8] = []

        var count: Int { targets.count }

        mutating func removeAll() {
            targets.removeAll(keepingCapacity: true); running.removeAll(keepingCapacity: true)
            first.removeAll(keepingCapacity: true); last.removeAll(keepingCapacity: true)
            count32.removeAll(keepingCapacity: true); mask.removeAll(keepingCapacity: true)
            nextPeriod.removeAll(keepingCapacity: true); wasTie.removeAll(keepingCapacity: true)
            peak.removeAll(keepingCapacity: true); peakPeriod.removeAll(keepingCapacity: true)
            strength.removeAll(keepingCapacity: true); change.removeAll(keepingCapacity: true)
        }

        mutating func open(target: Int32, time: Int64, periods: Int) -> Int {
            targets.append(target); running.append(0); first.append(time); last.append(time)
            count32.append(0); mask.append(0); nextPeriod.append(0); wasTie.append(false)
            peak.append(0); peakPeriod.append(0)
            strength.append(contentsOf: repeatElement(0, count: periods))
            change.append(contentsOf: repeatElement(0, count: periods))
            return targets.count - 1
        }

        /// Records tie i's strength and change at every period end up to `time` (inclusive).
        mutating func closePeriods(_ i: Int, before time: Int64, ends: [Int64], rate: Double, rule: TieChangeRule) {
            let periods = ends.count
            while nextPeriod[i] < periods && ends[nextPeriod[i]] <= time {
                let p = nextPeriod[i], end = ends[p]
                let s1 = running[i] == 0 ? 0 : running[i] * exp2(-Double(end - last[i]) * rate)
                let s0 = p == 0 ? 0 : strength[i * periods + p - 1]
                let hasRecords = count32[i] > 0
                let gap: Double? = count32[i] > 1 ? Double(last[i] - first[i]) / Double(count32[i] - 1) : nil
                let c = hasRecords ? rule.classify(before: s0, now: s1, wasTie: wasTie[i], idle: Double(end - last[i]), usualGap: gap) : .none
                strength[i * periods + p] = s1
                change[i * periods + p] = c.rawValue
                if s1 >= rule.threshold { wasTie[i] = true }
                if s1 > peak[i] { peak[i] = s1; peakPeriod[i] = Int32(p) }
                nextPeriod[i] += 1
            }
        }

        /// Adds a record of tie i: decays the running strength to `time` and adds `contribution`.
        mutating func add(_ i: Int, time: Int64, contribution: Double, typeBit: UInt64, rate: Double) {
            running[i] = running[i] == 0 ? contribution : running[i] * exp2(-Double(time - last[i]) * rate) + contribution
            last[i] = time
            count32[i] += 1
            mask[i] |= typeBit
        }
    }

    /// The finished ties, in (source, target) order, and the per-period aggregates.
    private struct Output {
        let keepsSeries: Bool
        let threshold: Double
        var source: [Int32] = [], target: [Int32] = [], strength: [Double] = [], change: [UInt8] = []
        var records: [Int32] = [], firstTime: [Int64] = [], lastTime: [Int64] = [], typeMask: [UInt64] = []
        var peak: [Double] = [], peakPeriod: [Int32] = []
        var finalStrength: [Double] = [], finalChange: [UInt8] = []
        var counts: [[Int]]
        var memberStrength: [Double]

        init(keepsSeries: Bool, threshold: Double, nodeCount n: Int, periods: Int, capacity: Int) {
            self.keepsSeries = keepsSeries
            self.threshold = threshold
            source.reserveCapacity(capacity); target.reserveCapacity(capacity)
            records.reserveCapacity(capacity); firstTime.reserveCapacity(capacity); lastTime.reserveCapacity(capacity)
            typeMask.reserveCapacity(capacity); peak.reserveCapacity(capacity); peakPeriod.reserveCapacity(capacity)
            finalStrength.reserveCapacity(capacity); finalChange.reserveCapacity(capacity)
            if keepsSeries {
                strength.reserveCapacity(capacity * periods); change.reserveCapacity(capacity * periods)
            }
            counts = [[Int]](repeating: [Int](repeating: 0, count: TieChange.allCases.count), count: periods)
            memberStrength = [Double](repeating: 0, count: n * periods)
        }

        /// Each member's total at the last period end and its highest at any period end (0 without periods).
        func memberTotals(nodeCount n: Int, periods: Int) -> (final: [Double], peak: [Double]) {
            guard periods > 0 else { return ([Double](repeating: 0, count: n), [Double](repeating: 0, count: n)) }
            var final = [Double](repeating: 0, count: n), peak = final
            for v in 0..<n {
                let row = memberStrength[(v * periods)..<((v + 1) * periods)]
                final[v] = row.last!
                peak[v] = row.max()!
            }
            return (final, peak)
        }

        mutating func append(source v: Int32, tie i: Int, of ties: OpenTies, periods: Int) {
            let t = ties.targets[i]
            let row = (i * periods)..<((i + 1) * periods)
            let a = Int(v) * periods, b = Int(t) * periods
            for p in 0..<periods {
                let s = ties.strength[row.lowerBound + p]
                counts[p][Int(ties.change[row.lowerBound + p])] += 1
                memberStrength[a + p] += s
                memberStrength[b + p] += s
            }
            guard keepsSeries || ties.peak[i] >= threshold else { return }
            source.append(v); target.append(t)
            if keepsSeries {
                strength.append(contentsOf: ties.strength[row])
                change.append(contentsOf: ties.change[row])
            }
            finalStrength.append(ties.strength[row.upperBound - 1]); finalChange.append(ties.change[row.upperBound - 1])
            records.append(ties.count32[i]); firstTime.append(ties.first[i]); lastTime.append(ties.last[i])
            typeMask.append(ties.mask[i]); peak.append(ties.peak[i]); peakPeriod.append(ties.peakPeriod[i])
        }
    }
}
