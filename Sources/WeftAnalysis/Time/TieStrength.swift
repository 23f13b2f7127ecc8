import Foundation
import WeftGraph

/// Tie strength with decay, at the end of each period:
///
///   S_ij(t) = Σ_k c_k · 2^(−(t − t_k)/h)   over the records k between i and j with t_k < t,
///
/// where c_k = w_type(k) · weight_k (the type's weight, 1 for types not listed, times the record's
/// own weight) and h is the half-life. A record counts fully when it happens and half as much
/// h later; records before the first period still count, decayed. Ties are unordered pairs by
/// default (a relationship, whoever initiated each record) or ordered pairs when `directed`.
///
/// Computed in one pass over the records, bucketed by member and in time order: each tie keeps
/// its running strength and the time of its last record, and is decayed forward to each period
/// end as its records pass it — O(records + ties × periods), never periods × records.
/// Reference: Ahmad, Porter & Beguerisse-Díaz, "Tie-decay networks in continuous time and
/// eigenvector-based centralities" (2021) for the decayed sum; ../shared/domain-brief.md §4.
public struct TieStrengthSeries: Sendable {
    public let periods: Periods
    public let halfLifeSeconds: Double
    /// Tie i joins source[i] and target[i] (source < target when undirected), sorted.
    public let source: [Int32]
    public let target: [Int32]
    /// strength[i · periods.count + p]: tie i's strength at the end of period p.
    public let strength: [Double]

    public var tieCount: Int { source.count }

    public func strength(tie i: Int, period p: Int) -> Double { strength[i * periods.count + p] }

    /// - Parameters:
    ///   - halfLifeDays: h in days (default 180).
    ///   - typeWeights: weight per interaction type label; unlisted types weigh 1.
    public init(_ log: InteractionLog, nodeCount n: Int, periods: Periods, halfLifeDays: Double = 180,
                typeWeights: [String: Double] = [:], directed: Bool = false) {
        precondition(halfLifeDays > 0, "the half-life must be positive")
        self.periods = periods
        halfLifeSeconds = halfLifeDays * Double(Timestamp.secondsPerDay)
        let typeWeight = (0..<log.types.count).map { typeWeights[log.types[Int32($0)]] ?? 1 }
        let records = log.range(in: TimeWindow(end: periods.ends.last))
        let buckets = RecordBuckets(log, records: records, nodeCount: n, undirected: !directed)
        let ends = periods.ends, periodCount = periods.count
        let rate = 1 / halfLifeSeconds
        var source: [Int32] = [], target: [Int32] = [], strength: [Double] = []
        var slotOf = [Int32](repeating: -1, count: n)
        // Per tie of the current bucket: running strength, time of the last record, next period.
        var running: [Double] = [], last: [Int64] = [], nextPeriod: [Int] = [], targets: [Int32] = []
        var local: [Double] = []
        for v in 0..<n {
            running.removeAll(keepingCapacity: true); last.removeAll(keepingCapacity: true)
            nextPeriod.removeAll(keepingCapacity: true); targets.removeAll(keepingCapacity: true)
            local.removeAll(keepingCapacity: true)
            for p in buckets.offsets[v]..<buckets.offsets[v + 1] {
                let t = Int(buckets.target[p]), when = buckets.time[p]
                var i = Int(slotOf[t])
                if i < 0 {
                    i = targets.count
                    slotOf[t] = Int32(i)
                    targets.append(Int32(t)); running.append(0); last.append(when); nextPeriod.append(0)
                    local.append(contentsOf: repeatElement(0, count: periodCount))
                }
                // Period ends up to this record see the strength before it.
                while nextPeriod[i] < periodCount && ends[nextPeriod[i]] <= when {
                    local[i * periodCount + nextPeriod[i]] = running[i] * exp2(-Double(ends[nextPeriod[i]] - last[i]) * rate)
                    nextPeriod[i] += 1
                }
                running[i] = running[i] * exp2(-Double(when - last[i]) * rate) + typeWeight[Int(buckets.type[p])] * buckets.weight[p]
                last[i] = when
            }
            for i in 0..<targets.count {
                while nextPeriod[i] < periodCount {
                    local[i * periodCount + nextPeriod[i]] = running[i] * exp2(-Double(ends[nextPeriod[i]] - last[i]) * rate)
                    nextPeriod[i] += 1
                }
            }
            for i in targets.indices.sorted(by: { targets[$0] < targets[$1] }) {
                source.append(Int32(v)); target.append(targets[i])
                strength.append(contentsOf: local[(i * periodCount)..<((i + 1) * periodCount)])
                slotOf[Int(targets[i])] = -1
            }
        }
        (self.source, self.target, self.strength) = (source, target, strength)
    }
}
