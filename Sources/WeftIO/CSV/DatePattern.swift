import WeftGraph

/// A date layout in Weft's small pattern language, as `--date-format` takes it: the fields of a
/// date and time in the order a file writes them, with the text between them.
///
/// | token | field | matches |
/// |---|---|---|
/// | `YYYY` | year | four digits |
/// | `YY` | year | two digits: 00–68 → 2000–2068, 69–99 → 1969–1999 (as POSIX `strptime`'s `%y`) |
/// | `MM` or `M` | month | 1 or 2 digits, 1–12 |
/// | `DD` or `D` | day of the month | 1 or 2 digits |
/// | `HH` or `H` | hour, 24-hour clock | 1 or 2 digits, 0–23 |
/// | `hh` or `h` | hour, 12-hour clock (needs `A`) | 1 or 2 digits, 1–12 |
/// | `mm` | minute | 2 digits |
/// | `ss` | second | 2 digits |
/// | `S`, `SS`, `SSS`… | fraction of a second | 1 or more digits (dropped: Weft keeps whole seconds) |
/// | `A` or `a` | AM or PM | `AM`, `PM`, `a.m.`, `p.m.` in any case |
/// | `Z` | UTC offset | `Z`, `±HH:MM`, `±HHMM` or `±HH` |
/// | a space | spaces | one or more spaces |
/// | any other character | itself | e.g. `/`, `-`, `.`, `,`, `T`, `:` |
///
/// Letters other than the tokens are errors (so `dd/mm/yyyy` is caught: the month is `MM`,
/// `mm` is minutes). The tokens follow Unicode TR35 / Moment.js conventions, the ones spreadsheet
/// users meet in Excel's and Google Sheets' custom formats (`DD/MM/YYYY`, `MM/DD/YYYY hh:mm:ss A`,
/// `YYYY-MM-DD HH:mm`).
///
/// Matching is O(length of the value), with no allocation.
public struct DatePattern: Sendable, Equatable, CustomStringConvertible {
    enum Field: Equatable, Sendable {
        case year4, year2, month, day, hour24, hour12, minute, second, fraction, meridiem, offset, spaces
        case literal(UInt8)
    }

    let fields: [Field]
    /// Per field, the least digits a number there may have: 2 when a one-or-two-digit field is
    /// written with two letters and the next field is a number with no separator between
    /// (`YYYYMMDD`), else 1.
    let minimumDigits: [Int]
    /// The pattern as written.
    public let description: String

    /// Whether the pattern has a time of day (otherwise values are dates, 00:00 of the day).
    public var hasTime: Bool { fields.contains(.hour24) || fields.contains(.hour12) }

    /// Parses a pattern; throws a `DatePatternError` saying what is wrong and what to write.
    public init(_ text: String) throws(DatePatternError) {
        description = text
        let tokens = try DatePattern.tokens(text)
        fields = tokens.map(\.field)
        minimumDigits = try DatePattern.widths(tokens, text)
        try DatePattern.check(fields, text)
    }

    // MARK: - Reading the pattern

    private static func tokens(_ text: String) throws(DatePatternError) -> [(field: Field, letters: Int)] {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw DatePatternError(pattern: text, reason: "the pattern is empty") }
        var fields: [(field: Field, letters: Int)] = []
        var p = 0
        while p < bytes.count {
            let c = bytes[p]
            var run = 1
            while p + run < bytes.count && bytes[p + run] == c { run += 1 }
            let isLetter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
            guard isLetter else {
                if c == 0x20 {
                    if fields.last?.field != .spaces { fields.append((.spaces, 0)) }
                } else {
                    for _ in 0..<run { fields.append((.literal(c), 0)) }
                }
                p += run
                continue
            }
            let token = String(decoding: bytes[p..<(p + run)], as: UTF8.self)
            let field: Field
            switch (Character(UnicodeScalar(c)), run) {
            case ("Y", 4): field = .year4
            case ("Y", 2): field = .year2
            case ("M", 1...2): field = .month
            case ("D", 1...2): field = .day
            case ("H", 1...2): field = .hour24
            case ("h", 1...2): field = .hour12
            case ("m", 2): field = .minute
            case ("s", 2): field = .second
            case ("S", _): field = .fraction
            case ("A", 1), ("a", 1): field = .meridiem
            case ("Z", 1...2): field = .offset
            case ("T", 1): field = .literal(c)
            default: throw DatePatternError(pattern: text, reason: unknownTokenReason(token))
            }
            fields.append((field, run))
            p += run
        }
        return fields
    }

    private static func unknownTokenReason(_ token: String) -> String {
        switch token.first {
        case "d", "y": return "'\(token)' is not a field: write days as DD and years as YYYY (upper case); MM is the month and mm the minutes"
        case "Y": return "'\(token)': a year is YYYY (four digits) or YY (two)"
        case "m", "s": return "'\(token)': minutes are mm and seconds ss (two letters)"
        default: return "'\(token)' is not a field (fields: YYYY YY MM M DD D HH H hh h mm ss S A Z)"
        }
    }

    private static func check(_ fields: [Field], _ text: String) throws(DatePatternError) {
        func count(_ f: Field) -> Int { fields.filter { $0 == f }.count }
        func fail(_ reason: String) -> DatePatternError { DatePatternError(pattern: text, reason: reason) }
        let hours = count(.hour24) + count(.hour12)
        if count(.minute) == 1 && hours == 0 { throw fail("minutes (mm) without an hour; the month is MM") }
        let years = count(.year4) + count(.year2)
        guard years == 1 else { throw fail(years == 0 ? "no year (YYYY or YY)" : "more than one year") }
        guard count(.month) == 1 else { throw fail(count(.month) == 0 ? "no month (MM)" : "more than one month") }
        guard count(.day) == 1 else { throw fail(count(.day) == 0 ? "no day (DD)" : "more than one day") }
        guard hours <= 1 else { throw fail("more than one hour") }
        for f in [Field.minute, .second, .fraction, .meridiem, .offset] where count(f) > 1 {
            throw fail("a field is repeated")
        }
        if count(.second) == 1 && count(.minute) == 0 { throw fail("seconds (ss) without minutes (mm)") }
        if count(.fraction) == 1 && count(.second) == 0 { throw fail("a fraction (S) without seconds (ss)") }
        if count(.hour12) == 1 && count(.meridiem) == 0 { throw fail("a 12-hour clock (hh) needs AM/PM (A); for a 24-hour clock write HH") }
        if count(.meridiem) == 1 && count(.hour12) == 0 { throw fail("AM/PM (A) needs a 12-hour clock (hh)") }
        if count(.offset) == 1 && hours == 0 { throw fail("a UTC offset (Z) without a time") }
    }

    private static let numeric: [Field] = [.year4, .year2, .month, .day, .hour24, .hour12, .minute, .second, .fraction]
    private static let oneOrTwoDigits: [Field] = [.month, .day, .hour24, .hour12]

    /// The least digits of each field. A one-or-two-digit field followed directly by another
    /// number must be written with two letters (`MMDD`), and then takes exactly two digits.
    private static func widths(_ tokens: [(field: Field, letters: Int)], _ text: String) throws(DatePatternError) -> [Int] {
        var widths = [Int](repeating: 1, count: tokens.count)
        for k in tokens.indices where oneOrTwoDigits.contains(tokens[k].field) {
            guard k + 1 < tokens.count, numeric.contains(tokens[k + 1].field) else { continue }
            guard tokens[k].letters == 2 else {
                throw DatePatternError(pattern: text, reason: "a one-letter field directly followed by a number cannot be read; write it with two letters (MM, DD, HH) or put a separator between")
            }
            widths[k] = 2
        }
        return widths
    }

    // MARK: - Matching values

    /// Reads `bytes` (surrounding spaces ignored) as this pattern.
    func match(_ bytes: UnsafeRawBufferPointer) -> Result<DateFields, DateProblem> {
        var lo = 0, hi = bytes.count
        while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
        while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
        if lo == hi { return .failure(.empty) }
        var value = DateFields()
        var p = lo
        var pm: Bool?
        func number(_ minDigits: Int, _ maxDigits: Int) -> Int? {
            var n = 0, k = 0
            while k < maxDigits, p + k < hi, bytes[p + k] >= 48, bytes[p + k] <= 57 { n = n * 10 + Int(bytes[p + k] - 48); k += 1 }
            guard k >= minDigits else { return nil }
            p += k
            return n
        }
        func mismatch(_ what: String) -> Result<DateFields, DateProblem> {
            .failure(.malformed("expected \(what) (--date-format \(description))"))
        }
        for (k, field) in fields.enumerated() {
            let least = minimumDigits[k]
            switch field {
            case .year4: guard let y = number(4, 4) else { return mismatch("a four-digit year") }; value.year = y
            case .year2: guard let y = number(2, 2) else { return mismatch("a two-digit year") }; value.year = y <= 68 ? 2000 + y : 1900 + y
            case .month: guard let m = number(least, 2) else { return mismatch("a month") }; value.month = m
            case .day: guard let d = number(least, 2) else { return mismatch("a day") }; value.day = d
            case .hour24, .hour12: guard let h = number(least, 2) else { return mismatch("an hour") }; value.hour = h; value.hasTime = true
            case .minute: guard let m = number(2, 2) else { return mismatch("two-digit minutes") }; value.minute = m
            case .second: guard let s = number(2, 2) else { return mismatch("two-digit seconds") }; value.second = s
            case .fraction: guard number(1, Int.max) != nil else { return mismatch("a fraction of a second") }
            case .meridiem:
                guard let (isPM, length) = DatePattern.meridiem(bytes, at: p, limit: hi) else { return mismatch("AM or PM") }
                pm = isPM
                p += length
            case .offset:
                guard let (seconds, length) = DatePattern.offset(bytes, at: p, limit: hi) else { return mismatch("a UTC offset (Z or ±HH:MM)") }
                value.offset = seconds
                p += length
            case .spaces:
                guard p < hi, bytes[p] == 0x20 else { return mismatch("a space") }
                while p < hi, bytes[p] == 0x20 { p += 1 }
            case .literal(let c):
                guard p < hi, bytes[p] == c else { return mismatch("'\(Character(UnicodeScalar(c)))'") }
                p += 1
            }
        }
        guard p == hi else { return mismatch("nothing after the date") }
        if let pm {
            guard (1...12).contains(value.hour) else { return .failure(.impossible("hour \(value.hour) on a 12-hour clock")) }
            value.hour = value.hour % 12 + (pm ? 12 : 0)
        }
        return value.checked()
    }

    /// AM/PM at `p`: `AM`, `PM`, `a.m.`, `p.m.` in any case; (is PM, bytes taken).
    private static func meridiem(_ bytes: UnsafeRawBufferPointer, at p: Int, limit: Int) -> (Bool, Int)? {
        guard p < limit else { return nil }
        let first = bytes[p] | 0x20
        guard first == UInt8(ascii: "a") || first == UInt8(ascii: "p") else { return nil }
        if p + 1 < limit, bytes[p + 1] | 0x20 == UInt8(ascii: "m") { return (first == UInt8(ascii: "p"), 2) }
        if p + 3 < limit, bytes[p + 1] == UInt8(ascii: "."), bytes[p + 2] | 0x20 == UInt8(ascii: "m"), bytes[p + 3] == UInt8(ascii: ".") {
            return (first == UInt8(ascii: "p"), 4)
        }
        return nil
    }

    /// A UTC offset at `p`: `Z`, `±HH:MM`, `±HHMM` or `±HH`; (seconds east of UTC, bytes taken).
    private static func offset(_ bytes: UnsafeRawBufferPointer, at p: Int, limit: Int) -> (Int, Int)? {
        guard p < limit else { return nil }
        if bytes[p] | 0x20 == UInt8(ascii: "z") { return (0, 1) }
        guard bytes[p] == UInt8(ascii: "+") || bytes[p] == UInt8(ascii: "-") else { return nil }
        let sign = bytes[p] == UInt8(ascii: "-") ? -1 : 1
        guard let hours = ISO8601.digits(bytes, at: p + 1, count: 2, limit: limit), hours <= 14 else { return nil }
        var length = 3, minutes = 0
        if p + length < limit, bytes[p + length] == UInt8(ascii: ":") { length += 1 }
        if let m = ISO8601.digits(bytes, at: p + length, count: 2, limit: limit) {
            guard m <= 59 else { return nil }
            minutes = m
            length += 2
        } else if length == 4 {
            return nil                      // a colon with no minutes
        }
        return (sign * (hours * 3600 + minutes * 60), length)
    }
}

/// The fields of a date read from a value, before any time zone is applied.
struct DateFields: Equatable {
    var year = 1970, month = 1, day = 1
    var hour = 0, minute = 0, second = 0
    var hasTime = false
    /// Seconds east of UTC when the value gave an offset.
    var offset: Int?

    /// Checks the calendar (month 13, 30 February, hour 24 are impossible).
    func checked() -> Result<DateFields, DateProblem> {
        guard (1...12).contains(month) else { return .failure(.impossible("month \(month)")) }
        guard day >= 1 && day <= Timestamp.daysInMonth(year: year, month: month) else {
            return .failure(.impossible("\(year)-\(month < 10 ? "0" : "")\(month) has no day \(day)"))
        }
        guard hour <= 23 else { return .failure(.impossible("hour \(hour)")) }
        guard minute <= 59 else { return .failure(.impossible("minute \(minute)")) }
        guard second <= 59 else { return .failure(.impossible("second \(second)")) }
        return .success(self)
    }

    /// The wall-clock time as seconds since 1970-01-01 00:00 (UTC if the value had no offset and
    /// no time zone applies).
    var wallSeconds: Int64 { Timestamp.seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second) }
}

/// Why a value could not be read as a date.
public enum DateProblem: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case malformed(String)
    case impossible(String)
    /// Not ISO 8601, in `ISO8601.Problem`'s words.
    case notISO8601(String)

    public var description: String {
        switch self {
        case .empty: return "date is empty"
        case .malformed(let why): return "not a date: \(why)"
        case .impossible(let why): return "impossible date: \(why)"
        case .notISO8601(let why): return why
        }
    }
}

/// A `--date-format` pattern that cannot be used, and why.
public struct DatePatternError: Error, Equatable, Sendable, CustomStringConvertible {
    public let pattern: String
    public let reason: String

    public var description: String { "--date-format '\(pattern)': \(reason)" }
}
