import Foundation
import WeftGraph

/// How the values of one date column are written: ISO 8601 (Weft's default), a `DatePattern`,
/// Unix time, or an Excel serial number. `--date-format` names one; otherwise `DateDetection`
/// picks one per column when the values leave no doubt.
public enum DateFormat: Sendable, Equatable, CustomStringConvertible {
    /// `YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM]` (`ISO8601`).
    case iso8601
    case pattern(DatePattern)
    /// Seconds since 1970-01-01T00:00:00Z (`unix`); a fraction is dropped.
    case unixSeconds
    /// Milliseconds since 1970-01-01T00:00:00Z (`unix-ms`), as JavaScript and many APIs write them.
    case unixMilliseconds
    /// Excel's serial day numbers in the 1900 date system (`excel`): day 1 is 1900-01-01, the
    /// fraction is the time of day; serial 60 is Excel's nonexistent 1900-02-29 (the Lotus 1-2-3
    /// leap-year bug it keeps), so from day 61 a serial counts from 1899-12-30.
    case excel1900
    /// Excel's 1904 date system (`excel-1904`, old Mac workbooks): day 0 is 1904-01-01.
    case excel1904

    /// Parses a `--date-format` value: `iso`, `unix`, `unix-ms`, `excel`, `excel-1904`, or a pattern.
    public init(_ text: String) throws(DatePatternError) {
        switch text.lowercased() {
        case "iso", "iso8601", "iso-8601": self = .iso8601
        case "unix", "unix-s", "epoch": self = .unixSeconds
        case "unix-ms", "epoch-ms": self = .unixMilliseconds
        case "excel", "excel-1900": self = .excel1900
        case "excel-1904": self = .excel1904
        default: self = .pattern(try DatePattern(text))
        }
    }

    public var description: String {
        switch self {
        case .iso8601: return "ISO 8601"
        case .pattern(let p): return p.description
        case .unixSeconds: return "unix"
        case .unixMilliseconds: return "unix-ms"
        case .excel1900: return "excel"
        case .excel1904: return "excel-1904"
        }
    }

    /// Reads one value: the instant in UTC, with `zone` applied to a time of day written without
    /// an offset. With a pattern, a value in ISO 8601 is read as ISO 8601. A date without a time stays the start of that day in UTC, whatever the zone, so
    /// that days and periods do not shift.
    func read(_ bytes: UnsafeRawBufferPointer, zone: inout LocalTimeZone) -> Result<ISO8601.Value, DateProblem> {
        switch self {
        case .iso8601:
            switch ISO8601.parse(bytes) {
            case .success(let v):
                guard !v.hasOffset && !v.isDateOnly && !zone.isUTC else { return .success(v) }
                return .success(ISO8601.Value(seconds: zone.utc(fromWallClock: v.seconds), isDateOnly: false, hasOffset: false))
            case .failure(.empty): return .failure(.empty)
            case .failure(let problem): return .failure(.notISO8601(problem.description))
            }
        case .pattern(let pattern):
            let matched = pattern.match(bytes)
            // A value in ISO 8601 is unambiguous (four-digit year first): read it as such in any column.
            if case .failure(let problem) = matched, problem != .empty, case .success = ISO8601.parse(bytes) {
                return DateFormat.iso8601.read(bytes, zone: &zone)
            }
            return matched.map { fields in
                let wall = fields.wallSeconds
                if let offset = fields.offset { return ISO8601.Value(seconds: wall - Int64(offset), isDateOnly: false, hasOffset: true) }
                if !fields.hasTime { return ISO8601.Value(seconds: wall, isDateOnly: true, hasOffset: false) }
                return ISO8601.Value(seconds: zone.utc(fromWallClock: wall), isDateOnly: false, hasOffset: false)
            }
        case .unixSeconds, .unixMilliseconds:
            return DateFormat.unixTime(bytes, perSecond: self == .unixSeconds ? 1 : 1000)
        case .excel1900, .excel1904:
            return DateFormat.excelSerial(bytes, system1904: self == .excel1904)
        }
    }

    /// Reads `text` as this format, times without an offset in `zone` (for tests, flags and fuzzing).
    public func read(_ text: String, in zone: LocalTimeZone = LocalTimeZone()) -> Result<ISO8601.Value, DateProblem> {
        var zone = zone, copy = text
        return copy.withUTF8 { read(UnsafeRawBufferPointer($0), zone: &zone) }
    }

    /// The latest instant Weft reads from a number: 9999-12-31T23:59:59Z.
    static let latestSeconds: Int64 = 253_402_300_799

    private static func number(_ bytes: UnsafeRawBufferPointer) -> Result<Double, DateProblem> {
        let text = trimmed(bytes)
        if text.isEmpty { return .failure(.empty) }
        guard let value = DecimalParser.parse(text), value.isFinite else {
            return .failure(.malformed("'\(UTF8Text.decoded(text))' is not a number"))
        }
        return .success(value)
    }

    private static func unixTime(_ bytes: UnsafeRawBufferPointer, perSecond: Double) -> Result<ISO8601.Value, DateProblem> {
        number(bytes).flatMap { value in
            let seconds = (value / perSecond).rounded(.down)
            guard abs(seconds) <= Double(latestSeconds) else {
                return .failure(.impossible("\(UTF8Text.decoded(trimmed(bytes))) is beyond the year 9999"))
            }
            return .success(ISO8601.Value(seconds: Int64(seconds), isDateOnly: false, hasOffset: true))
        }
    }

    private static func excelSerial(_ bytes: UnsafeRawBufferPointer, system1904: Bool) -> Result<ISO8601.Value, DateProblem> {
        number(bytes).flatMap { serial in
            guard serial >= (system1904 ? 0 : 1), serial < 2_958_466 else {
                return .failure(.impossible("Excel serial \(UTF8Text.decoded(trimmed(bytes))) is outside 1900–9999"))
            }
            let day = Int64(serial.rounded(.down))
            let secondOfDay = min(Int64(((serial - Double(day)) * 86_400).rounded()), 86_399)
            let epochDay: Int64
            if system1904 {
                epochDay = Timestamp.days(year: 1904, month: 1, day: 1) + day
            } else {
                guard day != 60 else { return .failure(.impossible("Excel serial 60 is 1900-02-29, a day that does not exist")) }
                epochDay = Timestamp.days(year: 1899, month: 12, day: day < 60 ? 31 : 30) + day
            }
            let seconds = epochDay * Timestamp.secondsPerDay + secondOfDay
            return .success(ISO8601.Value(seconds: seconds, isDateOnly: serial == Double(day), hasOffset: false))
        }
    }
}

/// The time zone of times written without an offset (`--timezone Area/City`, IANA names as
/// Foundation's `TimeZone` knows them; default UTC), with the offsets looked up cached per
/// quarter hour of wall-clock time, so a long log costs one lookup per distinct quarter hour.
public struct LocalTimeZone: Sendable, Equatable {
    public let zone: TimeZone?
    private var cachedOffsets: [Int64: Int] = [:]

    /// UTC.
    public init() { zone = nil }

    /// The zone named `identifier` (e.g. `Africa/Nairobi`), or nil if Foundation does not know it.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.zone = zone.identifier == "UTC" || zone.identifier == "GMT" ? nil : zone
    }

    public var isUTC: Bool { zone == nil }

    /// The zone's name as the user gave it (`UTC` by default).
    public var name: String { zone?.identifier ?? "UTC" }

    /// The UTC instant of a wall-clock time in this zone. A time in the hour that clocks skip
    /// is read with the offset before the change; a time in the hour that repeats, as its first
    /// occurrence (as Python's `zoneinfo` with `fold=0`).
    public mutating func utc(fromWallClock wall: Int64) -> Int64 {
        guard let zone else { return wall }
        let bucket = wall >= 0 ? wall / 900 : (wall - 899) / 900
        if let offset = cachedOffsets[bucket] { return wall - Int64(offset) }
        func offset(at instant: Int64) -> Int { zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))) }
        // The offsets a day either side cover both sides of any change near this time.
        let candidates = Set([offset(at: wall - 86_400), offset(at: wall), offset(at: wall + 86_400)])
        let fitting = candidates.filter { offset(at: wall - Int64($0)) == $0 }
        // Several fit in a repeated hour (take the earlier instant: the larger offset); none fits
        // in a skipped hour (take the offset before the change: the smaller one).
        let chosen = fitting.max() ?? candidates.min()!
        if cachedOffsets.count < 100_000 { cachedOffsets[bucket] = chosen }
        return wall - Int64(chosen)
    }

    public static func == (a: LocalTimeZone, b: LocalTimeZone) -> Bool { a.zone == b.zone }
}
