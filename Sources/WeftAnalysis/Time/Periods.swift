import WeftGraph

/// Calendar units for cutting a span of time into periods.
public enum PeriodUnit: String, CaseIterable, Sendable {
    case day, week, month, quarter, year
}

/// Consecutive half-open periods [starts[i], ends[i]) in UTC seconds, each ending where the next
/// begins.
///
/// Calendar periods are aligned to the calendar in UTC: days at 00:00, weeks on Mondays (ISO 8601),
/// months on the 1st, quarters on 1 January, April, July and October, years on 1 January. Custom
/// boundaries start a period at each boundary and run to the next, the last to the end of the data.
public struct Periods: Sendable, Equatable {
    public let starts: [Int64]
    public let ends: [Int64]

    public var count: Int { starts.count }

    public init(starts: [Int64], ends: [Int64]) throws {
        try ArgumentError.require(starts.count == ends.count, "Periods", "starts, ends",
                                  "must be of one length (got \(starts.count) and \(ends.count))")
        if let p = starts.indices.first(where: { starts[$0] >= ends[$0] }) {
            throw ArgumentError("Periods", "starts, ends", "must give non-empty periods (period \(p) starts at \(starts[p]) and ends at \(ends[p]))")
        }
        self.init(checkedStarts: starts, ends: ends)
    }

    /// Periods whose starts and ends the caller built in order (each start before its end).
    private init(checkedStarts starts: [Int64], ends: [Int64]) {
        assert(starts.count == ends.count && zip(starts, ends).allSatisfy { $0 < $1 })
        self.starts = starts
        self.ends = ends
    }

    /// The calendar periods of `unit` that cover [first, last] (both inclusive).
    public static func calendar(_ unit: PeriodUnit, covering first: Int64, _ last: Int64) throws -> Periods {
        try ArgumentError.require(first <= last, "Periods.calendar", "first, last", "must not be an empty span (got \(first) after \(last))")
        var starts: [Int64] = [], ends: [Int64] = []
        var start = alignedStart(unit, containing: first)
        while start <= last {
            let end = nextStart(unit, after: start)
            starts.append(start)
            ends.append(end)
            start = end
        }
        return Periods(checkedStarts: starts, ends: ends)
    }

    /// Periods starting at each of `boundaries` (sorted, distinct), the last running to `dataEnd`
    /// (exclusive), which must lie after the last boundary.
    public static func boundaries(_ boundaries: [Int64], dataEnd: Int64) throws -> Periods {
        let sorted = Array(Set(boundaries)).sorted()
        try ArgumentError.require(!sorted.isEmpty, "Periods.boundaries", "boundaries", "must name at least one boundary")
        try ArgumentError.require(sorted.last! < dataEnd, "Periods.boundaries", "dataEnd",
                                  "must lie after the last boundary (got \(dataEnd), last boundary \(sorted.last!))")
        return Periods(checkedStarts: sorted, ends: Array(sorted.dropFirst()) + [dataEnd])
    }

    /// The start of the `unit` period containing `t`.
    static func alignedStart(_ unit: PeriodUnit, containing t: Int64) -> Int64 {
        let day = Timestamp.floorDiv(t, Timestamp.secondsPerDay)
        let (y, m, _) = Timestamp.civil(days: day)
        switch unit {
        case .day: return day * Timestamp.secondsPerDay
        case .week:
            // 1970-01-01 was a Thursday: Monday-based weekday = (day + 3) mod 7.
            let weekday = ((day + 3) % 7 + 7) % 7
            return (day - weekday) * Timestamp.secondsPerDay
        case .month: return Timestamp.seconds(year: y, month: m, day: 1)
        case .quarter: return Timestamp.seconds(year: y, month: (m - 1) / 3 * 3 + 1, day: 1)
        case .year: return Timestamp.seconds(year: y, month: 1, day: 1)
        }
    }

    /// The start of the `unit` period after the one starting at `start` (an aligned start).
    static func nextStart(_ unit: PeriodUnit, after start: Int64) -> Int64 {
        let (y, m, _) = Timestamp.civil(days: Timestamp.floorDiv(start, Timestamp.secondsPerDay))
        switch unit {
        case .day: return start + Timestamp.secondsPerDay
        case .week: return start + 7 * Timestamp.secondsPerDay
        case .month: return m == 12 ? Timestamp.seconds(year: y + 1, month: 1, day: 1) : Timestamp.seconds(year: y, month: m + 1, day: 1)
        case .quarter: return m >= 10 ? Timestamp.seconds(year: y + 1, month: 1, day: 1) : Timestamp.seconds(year: y, month: m + 3, day: 1)
        case .year: return Timestamp.seconds(year: y + 1, month: 1, day: 1)
        }
    }
}
