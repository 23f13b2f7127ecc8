import WeftGraph

/// When each member was active, period by period: a member is active in a period when they have
/// an interaction (either end) or an attendance record in it.
///
/// Per member: the first and last record (over all records up to the last period end, including
/// those before the first period), tenure (last − first) and the number of active periods. Per
/// period: active members; new members (first record ever in the period); returning members
/// (active now, not in the previous period, active before it); retained members (active in both
/// this period and the previous one) and retention = retained / active in the previous period.
public struct MemberActivity: Sendable {
    public let periods: Periods
    public let nodeCount: Int
    /// active[v · periods.count + p]
    public let active: [Bool]
    /// First and last record time (nil: no record).
    public let first: [Int64?]
    public let last: [Int64?]
    public let activePeriods: [Int]
    public let activeCount: [Int]
    public let newCount: [Int]
    public let returningCount: [Int]
    public let retainedCount: [Int]

    public init(interactions: InteractionLog, attendance: AttendanceLog, nodeCount n: Int, periods: Periods) {
        self.periods = periods
        nodeCount = n
        let count = periods.count
        let window = TimeWindow(end: periods.ends.last)
        var active = [Bool](repeating: false, count: n * count)
        var first = [Int64?](repeating: nil, count: n), last = [Int64?](repeating: nil, count: n)
        func mark(_ v: Int, _ t: Int64) {
            if first[v].map({ t < $0 }) ?? true { first[v] = t }
            if last[v].map({ t > $0 }) ?? true { last[v] = t }
            if let p = periods.index(containing: t) { active[v * count + p] = true }
        }
        for k in interactions.range(in: window) {
            mark(Int(interactions.source[k]), interactions.time[k])
            mark(Int(interactions.target[k]), interactions.time[k])
        }
        for k in attendance.range(in: window) { mark(Int(attendance.member[k]), attendance.date[k]) }
        var activeCount = [Int](repeating: 0, count: count), newCount = activeCount
        var returning = activeCount, retained = activeCount
        var activePeriods = [Int](repeating: 0, count: n)
        for v in 0..<n {
            // −1 when the first record precedes the periods (the member is never new in them).
            let firstPeriod = first[v].map { periods.index(containing: $0) ?? -1 } ?? -1
            for p in 0..<count where active[v * count + p] {
                activePeriods[v] += 1
                activeCount[p] += 1
                if p == firstPeriod { newCount[p] += 1; continue }
                if p > 0 && active[v * count + p - 1] { retained[p] += 1 } else { returning[p] += 1 }
            }
        }
        self.active = active
        self.first = first
        self.last = last
        self.activePeriods = activePeriods
        self.activeCount = activeCount
        self.newCount = newCount
        self.returningCount = returning
        self.retainedCount = retained
    }

    public func isActive(_ v: Int, period p: Int) -> Bool { active[v * periods.count + p] }

    /// Tenure in days (last − first record), nil without records.
    public func tenureDays(_ v: Int) -> Double? {
        guard let f = first[v], let l = last[v] else { return nil }
        return Double(l - f) / Double(Timestamp.secondsPerDay)
    }

    /// Share of the members active in period p − 1 who are active in p (nil for the first period
    /// or when nobody was active before).
    public func retention(period p: Int) -> Double? {
        guard p > 0, activeCount[p - 1] > 0 else { return nil }
        return Double(retainedCount[p]) / Double(activeCount[p - 1])
    }
}

extension Periods {
    /// The period containing `t` (binary search), nil outside all periods.
    public func index(containing t: Int64) -> Int? {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ends[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo < count && starts[lo] <= t ? lo : nil
    }
}
