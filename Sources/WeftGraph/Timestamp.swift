/// Instants in Weft are whole seconds since 1970-01-01T00:00:00Z (UTC), stored as `Int64`.
///
/// Date-only values mean the start of that day in UTC. Calendar conversions use the proleptic
/// Gregorian calendar (Howard Hinnant's `days_from_civil` algorithm), with no Foundation formatter
/// in the hot path.
public enum Timestamp {
    public static let secondsPerDay: Int64 = 86_400

    /// Days since 1970-01-01 for a Gregorian date. `month` is 1...12, `day` 1...31 (not validated).
    @inlinable
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The Gregorian date of a day number (days since 1970-01-01).
    @inlinable
    public static func civil(days z0: Int64) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The instant `months` calendar months after `t` (before it when negative), at the same time
    /// of day; the day of the month is clamped to the target month's length (31 March − 1 month
    /// is 29 February in a leap year).
    public static func addingMonths(_ months: Int, to t: Int64) -> Int64 {
        let day = floorDiv(t, secondsPerDay)
        let timeOfDay = t - day * secondsPerDay
        let (y, m, d) = civil(days: day)
        let index = y * 12 + (m - 1) + months
        let year = Int(floorDiv(Int64(index), 12)), month = index - year * 12 + 1
        return seconds(year: year, month: month, day: min(d, daysInMonth(year: year, month: month))) + timeOfDay
    }

    /// The start of the UTC day after the one containing `t`.
    public static func startOfNextDay(_ t: Int64) -> Int64 {
        (floorDiv(t, secondsPerDay) + 1) * secondsPerDay
    }

    /// Seconds since the epoch for a UTC date and time.
    public static func seconds(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Int64 {
        days(year: year, month: month, day: day) * secondsPerDay + Int64(hour * 3600 + minute * 60 + second)
    }

    /// `YYYY-MM-DD` for the UTC day containing `seconds`.
    public static func formatDate(_ seconds: Int64) -> String {
        let (y, m, d) = civil(days: floorDiv(seconds, secondsPerDay))
        guard (0...9999).contains(y) else { return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) }
        return String(unsafeUninitializedCapacity: 10) { text in
            writeDate(year: y, month: m, day: d, into: text)
            return 10
        }
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` in UTC.
    public static func formatDateTime(_ seconds: Int64) -> String {
        guard let (y, m, d, rest) = fourDigitYear(seconds) else { return wideDateTime(seconds) }
        return String(unsafeUninitializedCapacity: 20) { text in
            writeDateTime(year: y, month: m, day: d, secondOfDay: rest, into: text)
            return 20
        }
    }

    /// Appends `formatDateTime(seconds)`'s UTF-8 to `bytes` without making a String (the writers
    /// of large tables append one per row).
    public static func appendDateTime(_ seconds: Int64, to bytes: inout [UInt8]) {
        guard let (y, m, d, rest) = fourDigitYear(seconds) else {
            bytes.append(contentsOf: wideDateTime(seconds).utf8)
            return
        }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: 20))
        bytes.withUnsafeMutableBufferPointer { all in
            writeDateTime(year: y, month: m, day: d, secondOfDay: rest, into: UnsafeMutableBufferPointer(rebasing: all[start...]))
        }
    }

    /// The civil date and the second of the day of `seconds`, when its year has four digits.
    private static func fourDigitYear(_ seconds: Int64) -> (Int, Int, Int, Int)? {
        let day = floorDiv(seconds, secondsPerDay)
        let (y, m, d) = civil(days: day)
        return (0...9999).contains(y) ? (y, m, d, Int(seconds - day * secondsPerDay)) : nil
    }

    /// A date-time whose year does not have four digits, padded to at least four.
    private static func wideDateTime(_ seconds: Int64) -> String {
        let rest = Int(seconds - floorDiv(seconds, secondsPerDay) * secondsPerDay)
        return formatDate(seconds) + "T" + pad(rest / 3600, 2) + ":" + pad(rest / 60 % 60, 2) + ":" + pad(rest % 60, 2) + "Z"
    }

    /// Writes `YYYY-MM-DDTHH:MM:SSZ` (year 0...9999) into the first twenty bytes of `text`.
    private static func writeDateTime(year: Int, month: Int, day: Int, secondOfDay rest: Int, into text: UnsafeMutableBufferPointer<UInt8>) {
        writeDate(year: year, month: month, day: day, into: text)
        text[10] = UInt8(ascii: "T")
        writeDigits(rest / 3600, 2, into: text, at: 11)
        text[13] = UInt8(ascii: ":")
        writeDigits(rest / 60 % 60, 2, into: text, at: 14)
        text[16] = UInt8(ascii: ":")
        writeDigits(rest % 60, 2, into: text, at: 17)
        text[19] = UInt8(ascii: "Z")
    }

    /// Writes `YYYY-MM-DD` (year 0...9999) into the first ten bytes of `text`.
    private static func writeDate(year: Int, month: Int, day: Int, into text: UnsafeMutableBufferPointer<UInt8>) {
        writeDigits(year, 4, into: text, at: 0)
        text[4] = UInt8(ascii: "-")
        writeDigits(month, 2, into: text, at: 5)
        text[7] = UInt8(ascii: "-")
        writeDigits(day, 2, into: text, at: 8)
    }

    /// Writes a non-negative `value` below 10^width as `width` zero-padded decimal digits.
    private static func writeDigits(_ value: Int, _ width: Int, into text: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        var rest = value
        for i in stride(from: start + width - 1, through: start, by: -1) {
            text[i] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }

    @inlinable
    public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
