import WeftGraph

/// A small, strict ISO 8601 parser for the dates and date-times found in CSV exports.
///
/// Accepted forms: `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:MM`, `HH:MM:SS`
/// or `HH:MM:SS.fff…` (fractions are truncated to the second), optionally followed by `Z`,
/// `±HH:MM`, `±HHMM` or `±HH`. Times with an offset are converted to UTC; times without one are
/// taken as UTC; a date alone means 00:00 UTC of that day. Impossible dates (2023-02-29,
/// month 13, hour 24) are errors, each with its reason.
public enum ISO8601 {
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case malformed(String)
        case impossible(String)

        public var description: String {
            switch self {
            case .empty: return "date is empty"
            case .malformed(let why): return "not an ISO 8601 date (YYYY-MM-DD[THH:MM[:SS][Z|±HH:MM]]): \(why)"
            case .impossible(let why): return "impossible date: \(why)"
            }
        }
    }

    /// The parsed instant and whether the text was a date without a time of day.
    public struct Value: Equatable, Sendable {
        public let seconds: Int64
        public let isDateOnly: Bool
        /// Whether the text gave a UTC offset (`Z`, `±HH:MM`); without one, a time of day is
        /// wall-clock time, read in `--timezone`'s zone.
        public var hasOffset = false
    }

    public static func parse(_ text: String) -> Result<Value, Problem> {
        var copy = text
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Result<Value, Problem> {
        var lo = 0, hi = bytes.count
        while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
        while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
        if lo == hi { return .failure(.empty) }
        var p = lo

        @inline(__always) func digits(_ count: Int) -> Int? {
            let v = ISO8601.digits(bytes, at: p, count: count, limit: hi)
            if v != nil { p += count }
            return v
        }
        @inline(__always) func expect(_ c: UInt8) -> Bool {
            guard p < hi, bytes[p] == c else { return false }
            p += 1
            return true
        }

        guard let year = digits(4) else { return .failure(.malformed("expected a four-digit year")) }
        guard expect(UInt8(ascii: "-")), let month = digits(2) else { return .failure(.malformed("expected -MM after the year")) }
        guard expect(UInt8(ascii: "-")), let day = digits(2) else { return .failure(.malformed("expected -DD after the month")) }
        guard (1...12).contains(month) else { return .failure(.impossible("month \(month)")) }
        guard day >= 1 && day <= Timestamp.daysInMonth(year: year, month: month) else {
            return .failure(.impossible("\(year)-\(pad2(month)) has no day \(day)"))
        }
        let date = Timestamp.days(year: year, month: month, day: day) * Timestamp.secondsPerDay
        if p == hi { return .success(Value(seconds: date, isDateOnly: true)) }

        guard bytes[p] == UInt8(ascii: "T") || bytes[p] == UInt8(ascii: "t") || bytes[p] == 0x20 else {
            return .failure(.malformed("unexpected text after the date"))
        }
        p += 1
        guard let hour = digits(2), expect(UInt8(ascii: ":")), let minute = digits(2) else {
            return .failure(.malformed("expected HH:MM after the date"))
        }
        var second = 0
        if expect(UInt8(ascii: ":")) {
            guard let s = digits(2) else { return .failure(.malformed("expected two-digit seconds")) }
            second = s
            if p < hi, bytes[p] == UInt8(ascii: ".") || bytes[p] == UInt8(ascii: ",") {
                p += 1
                let fractionStart = p
                while p < hi, bytes[p] >= 48, bytes[p] <= 57 { p += 1 }
                if p == fractionStart { return .failure(.malformed("empty fraction of a second")) }
            }
        }
        guard hour <= 23 else { return .failure(.impossible("hour \(hour)")) }
        guard minute <= 59 else { return .failure(.impossible("minute \(minute)")) }
        guard second <= 59 else { return .failure(.impossible("second \(second)")) }
        var offset = 0
        let timeEnd = p
        if p < hi {
            let c = bytes[p]
            if c == UInt8(ascii: "Z") || c == UInt8(ascii: "z") {
                p += 1
            } else if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
                p += 1
                guard let oh = digits(2) else { return .failure(.malformed("expected ±HH:MM offset")) }
                var om = 0
                if p < hi {
                    _ = expect(UInt8(ascii: ":"))
                    guard let m = digits(2) else { return .failure(.malformed("expected ±HH:MM offset")) }
                    om = m
                }
                guard oh <= 14, om <= 59 else { return .failure(.impossible("offset \(oh):\(pad2(om))")) }
                offset = (oh * 3600 + om * 60) * (c == UInt8(ascii: "-") ? -1 : 1)
            } else {
                return .failure(.malformed("unexpected text after the time"))
            }
        }
        guard p == hi else { return .failure(.malformed("unexpected text after the time zone")) }
        let seconds = date + Int64(hour * 3600 + minute * 60 + second - offset)
        return .success(Value(seconds: seconds, isDateOnly: false, hasOffset: p > timeEnd))
    }

    /// The decimal value of `count` ASCII digits at `p`, or nil.
    @inline(__always)
    static func digits(_ bytes: UnsafeRawBufferPointer, at p: Int, count: Int, limit: Int) -> Int? {
        guard p + count <= limit else { return nil }
        var v = 0
        for i in 0..<count {
            let d = Int(bytes[p + i]) &- 48
            guard d >= 0 && d <= 9 else { return nil }
            v = v &* 10 &+ d
        }
        return v
    }

    private static func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
