import ArgumentParser
import Foundation
import WeftAnalysis
import WeftGraph
import WeftIO
import WeftReport

extension PeriodUnit: ExpressibleByArgument {}

/// `--max-periods`: the most periods a run may cut its window into (timeline periods, segment
/// snapshots), each of which costs a network; shared by the commands that cut periods.
struct PeriodLimitOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Most periods a timeline, or snapshots a segments run, may have; a run whose window would cut more stops with a message (each period costs a network).")
    var maxPeriods = 5_000

    func validate() throws {
        if maxPeriods < 1 { throw ValidationError("--max-periods must be at least 1") }
    }

    /// Throws the message for `count` periods (`what`, e.g. "month periods") from `first` to `last` when over the limit.
    func check(_ count: Int, of what: String, from first: Int64, to last: Int64, change: String) throws {
        guard count > maxPeriods else { return }
        throw CommandFailure(message: "error: the data from \(Timestamp.formatDate(first)) to \(Timestamp.formatDate(last)) makes \(count) \(what), more than --max-periods \(maxPeriods); "
            + "choose \(change), narrow the window with --from/--to (or reject outlying dates with --earliest-date/--latest-date), or raise --max-periods", exitCode: 1)
    }
}

extension PeriodLimitOptions {
    /// Refuses, before any work, segments over more than --max-periods snapshots.
    func checkSegmentSnapshots(_ dataset: Dataset, window: TimeWindow, rules: SegmentConfig) throws {
        guard let ends = try SegmentAnalysis.snapshotEnds(dataset, window: window, config: rules), let last = ends.last else { return }
        try check(ends.count, of: "segment snapshots", from: ends[0], to: last, change: "a longer `period` in the segments config")
    }
}

/// Periods, tie strength and tie change (shared by `analyze`, `ties` and `timeline`).
struct TimeOptions: ParsableArguments {
    @Option(help: "Period for the timeline and tie change: day, week, month, quarter or year (calendar-aligned, UTC).")
    var period: PeriodUnit = .month

    @Option(help: "Custom periods instead of --period: comma-separated ISO dates; each period starts at one and runs to the next, the last to the end of the data.")
    var boundaries: String?

    @Option(parsing: .unconditional, help: "Half-life of tie strength in days: a record counts half as much this long after it happened.")
    var halfLife = 180.0

    @Option(help: "Weights of record types for tie strength, e.g. 'message=0.5,call=1,co-attendance=0.25' (overrides the defaults for the types named; other types weigh 1).")
    var typeWeights: String?

    @Option(parsing: .unconditional, help: "Strength at which a pair counts as a tie (θ).")
    var tieThreshold = 0.25

    @Option(parsing: .unconditional, help: "Relative change that makes a tie strengthened or weakened between periods (δ).")
    var changeThreshold = 0.25

    @Option(parsing: .unconditional, help: "A tie goes dormant after this many times its usual gap between records without one …")
    var dormancyMultiple = 8.0

    @Option(parsing: .unconditional, help: "… and never before this many days.")
    var dormancyMinDays = 180.0

    @Option(parsing: .unconditional, help: "Events with more attendees than this make weaker co-attendance ties ((N − 1)/(size − 1) each).")
    var largeEvent = 10

    @Option(parsing: .unconditional, help: "Events with more attendees than this make no co-attendance ties at all.")
    var maxEventSize = 100

    @Option(parsing: .unconditional, help: "How many members the 'drifting away' list in report.json names.")
    var drifting = 20

    @Flag(help: "Leave out periods with no record, so that each period is compared with the previous period that has records (daily data: Monday with Friday, not with an empty Sunday); report.json's time.compared_with states which comparison ran.")
    var skipEmptyPeriods = false

    @OptionGroup var periodLimit: PeriodLimitOptions

    /// Refuses, before any work, a timeline of more than --max-periods periods.
    func checkPeriodCount(_ dataset: Dataset, window: TimeWindow) throws {
        guard let span = try TimeAnalysis.periodSpan(dataset, window: window, settings: try settings()) else { return }
        try periodLimit.check(span.count, of: boundaries == nil ? "\(period.rawValue) periods" : "periods", from: span.first, to: span.last, change: "a longer --period")
    }

    func validate() throws {
        if !(halfLife > 0) || !halfLife.isFinite { throw ValidationError("--half-life must be a positive number of days") }
        if !(tieThreshold > 0) || !tieThreshold.isFinite { throw ValidationError("--tie-threshold must be positive") }
        if !(changeThreshold > 0 && changeThreshold < 1) { throw ValidationError("--change-threshold must lie between 0 and 1") }
        if !(dormancyMultiple >= 0) || !(dormancyMinDays >= 0) { throw ValidationError("--dormancy-multiple and --dormancy-min-days must not be negative") }
        if largeEvent < 2 || maxEventSize < 2 { throw ValidationError("--large-event and --max-event-size must be at least 2") }
        if drifting < 0 { throw ValidationError("--drifting must not be negative") }
        _ = try settings()
    }

    func settings() throws -> TimeSettings {
        var s = TimeSettings()
        s.period = period
        s.halfLifeDays = halfLife
        s.rule = TieChangeRule(threshold: tieThreshold, relativeChange: changeThreshold,
                               dormancyMultiple: dormancyMultiple, dormancyMinimumDays: dormancyMinDays)
        s.largeEventSize = largeEvent
        s.maxEventSize = maxEventSize
        s.driftingListLength = drifting
        s.skipEmptyPeriods = skipEmptyPeriods
        if let boundaries {
            s.boundaries = try MeasureOptions.uniqueList(boundaries, option: "--boundaries").map { text in
                guard case .success(let value) = ISO8601.parse(text) else {
                    throw ValidationError("--boundaries: '\(text)' is not an ISO 8601 date")
                }
                return value.seconds
            }
            if s.boundaries!.isEmpty { throw ValidationError("--boundaries needs at least one date") }
        }
        if let typeWeights {
            for item in try MeasureOptions.uniqueList(typeWeights, option: "--type-weights", key: MeasureOptions.namePart) {
                let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, !parts[0].isEmpty, let w = Double(parts[1]), w >= 0, w.isFinite else {
                    throw ValidationError("--type-weights: '\(item)' is not TYPE=WEIGHT with a non-negative number")
                }
                s.typeWeights[parts[0]] = w
            }
        }
        return s
    }
}
