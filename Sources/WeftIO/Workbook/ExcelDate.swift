/// What a cell's number format shows of a serial number: a calendar date, a date and a time of
/// day, or a time of day alone.
enum DateDisplay: Equatable, Sendable {
    case date, dateTime, time
}

/// Excel's serial dates (ECMA-376 Part 1, §18.17.4 "Dates and Times"): a number of days, the
/// fraction being the time of day, counted in one of two systems.
///
/// - The 1900 system (the default): serial 1 is 1900-01-01. Excel keeps Lotus 1-2-3's mistake of
///   a 29 February 1900, serial 60; serials after it are one day ahead, so from serial 61
///   (1900-03-01) on, day 0 is 1899-12-30. Serial 60 is written `1900-02-29` as Excel shows it, a
///   date no reader accepts, so a row that holds it is rejected with its cell named.
/// - The 1904 system (`<workbookPr date1904="1"/>`, old Mac workbooks): serial 0 is 1904-01-01.
///
/// Text comes out in ISO 8601, as Weft's date columns read it: `YYYY-MM-DD` for a date format,
/// `YYYY-MM-DDTHH:MM:SS` for a date-and-time format, `HH:MM:SS` for a time format on a serial
/// below 1. Times round to the nearest second. A serial outside 0 … 2,958,465 (9999-12-31), or
/// not a number, is left as written.
enum ExcelDate {
    /// The largest serial Excel accepts: 9999-12-31.
    static let largestSerial = 2_958_465.0

    static func text(serial: Double, display: DateDisplay, uses1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < largestSerial + 1 else { return nil }
        let totalSeconds = Int64((serial * 86_400).rounded())
        let days = totalSeconds / 86_400, secondOfDay = Int(totalSeconds % 86_400)
        let time = twoDigits(secondOfDay / 3600) + ":" + twoDigits(secondOfDay / 60 % 60) + ":" + twoDigits(secondOfDay % 60)
        if display == .time && days == 0 { return time }
        let date: String
        if uses1904 {
            date = civil(daysSince1970: days + daysFrom1970To1904)
        } else if days == 60 {
            date = "1900-02-29"
        } else if days == 0 {
            date = "1900-01-00"          // as Excel shows serial 0 in a date format: no such day
        } else {
            date = civil(daysSince1970: days + (days < 60 ? daysFrom1970To1899_12_31 : daysFrom1970To1899_12_30))
        }
        return display == .date ? date : date + "T" + time
    }

    private static let daysFrom1970To1904: Int64 = -24_107
    private static let daysFrom1970To1899_12_31: Int64 = -25_568
    private static let daysFrom1970To1899_12_30: Int64 = -25_569

    /// `YYYY-MM-DD` of a day counted from 1970-01-01 (Howard Hinnant's `civil_from_days`).
    static func civil(daysSince1970: Int64) -> String {
        let z = daysSince1970 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return String(year) + "-" + twoDigits(Int(month)) + "-" + twoDigits(Int(day))
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }
}

/// Which number formats show dates (ECMA-376 Part 1, §18.8.30 `numFmt` and its table of built-in
/// formats). A cell is a date when its style's number format is one of the built-in date and
/// time formats — 14–22, 45–47, and the East Asian date formats 27–36 and 50–58 — or a custom
/// format code whose first section, outside quoted text, backslash escapes and `[…]` brackets
/// (colours, conditions, locales, elapsed-time markers), uses the letters y, m, d, h or s.
/// `m` is a month unless it stands with an hour or seconds; a format with `h` or `s` shows a time.
/// Elapsed-time formats (`[h]:mm`, built-in 46) show durations, not dates: their cells stay
/// numbers (days).
enum NumberFormat {
    static func builtInDisplay(_ id: Int) -> DateDisplay? {
        switch id {
        case 14...17, 27...36, 50...58: return .date
        case 22: return .dateTime
        case 18...21, 45, 47: return .time
        default: return nil
        }
    }

    static func display(ofCode code: String) -> DateDisplay? {
        var letters = Set<Character>()
        var inQuote = false, inBracket = false, escaped = false
        var bracket = ""
        for ch in code {
            if escaped { escaped = false; continue }
            if inQuote { if ch == "\"" { inQuote = false }; continue }
            if inBracket {
                guard ch == "]" else { bracket.append(ch); continue }
                inBracket = false
                let lowered = bracket.lowercased()
                if !lowered.isEmpty, Set(lowered).count == 1, "hms".contains(lowered.first!) { return nil }   // [h] [mm] [ss]: elapsed
                continue
            }
            switch ch {
            case "\\", "_", "*": escaped = true     // `_x` pads, `*x` repeats, `\x` is literal
            case "\"": inQuote = true
            case "[": inBracket = true; bracket = ""
            case ";": return classify(letters)
            default: letters.insert(Character(ch.lowercased()))
            }
        }
        return classify(letters)
    }

    private static func classify(_ letters: Set<Character>) -> DateDisplay? {
        let hasTime = letters.contains("h") || letters.contains("s")
        let hasDate = letters.contains("y") || letters.contains("d") || (letters.contains("m") && !hasTime)
        switch (hasDate, hasTime) {
        case (true, true): return .dateTime
        case (true, false): return .date
        case (false, true): return .time
        case (false, false): return nil
        }
    }
}
