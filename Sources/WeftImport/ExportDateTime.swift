import WeftGraph

/// The date-times and durations meeting platforms write in their exports, read as the local clock
/// time they show (no time zone is applied; exports carry none).
///
/// Accepted date-times: `M/D/Y h:mm[:ss] [AM|PM]` and `D/M/Y …` (separators `/`, `.` or `-`, an
/// optional comma before the time, a two- or four-digit year, 12- or 24-hour clock; the narrow
/// no-break space Teams puts before AM/PM is a space), and ISO 8601 (`YYYY-MM-DD[ T]HH:MM[:SS]`).
/// Which of month and day comes first is the caller's `FieldOrder`; `impliedOrder` tells it when a
/// text settles the question (a first number above 12 can only be a day).
///
/// This is WeftImport's own small reader, kept behind this one type so that the import switches
/// to WeftIO's date-pattern parser (`--date-format`) without touching the format parsers.
enum ExportDateTime {
    enum FieldOrder: Sendable, Equatable {
        case monthFirst, dayFirst
    }

    /// Seconds since 1970-01-01 00:00 of the clock time written, or nil when `text` is not a
    /// date-time of the accepted forms (or names an impossible date or time).
    static func parse(_ text: String, order: FieldOrder) -> Int64? {
        guard let parts = Parts(text) else { return nil }
        var (year, month, day) = parts.yearFirst ? (parts.numbers[0], parts.numbers[1], parts.numbers[2])
            : order == .monthFirst ? (parts.numbers[2], parts.numbers[0], parts.numbers[1])
            : (parts.numbers[2], parts.numbers[1], parts.numbers[0])
        if year < 100 && !parts.yearFirst { year += 2000 }
        var hour = parts.numbers.count > 3 ? parts.numbers[3] : 0
        let minute = parts.numbers.count > 4 ? parts.numbers[4] : 0
        let second = parts.numbers.count > 5 ? parts.numbers[5] : 0
        if let pm = parts.isAfternoon {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (pm ? 12 : 0)
        }
        guard (1...12).contains(month), (1...Timestamp.daysInMonth(year: year, month: month)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        return Timestamp.seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// The field order a text can only have been written in: day-first when its first number is
    /// above 12, month-first when its second is; nil when both read (or it is ISO or not a date).
    static func impliedOrder(_ text: String) -> FieldOrder? {
        guard let parts = Parts(text), !parts.yearFirst else { return nil }
        if parts.numbers[0] > 12 && parts.numbers[1] <= 12 { return .dayFirst }
        if parts.numbers[1] > 12 && parts.numbers[0] <= 12 { return .monthFirst }
        return nil
    }

    /// The numbers of a date-time in the order written, and its AM/PM marker.
    private struct Parts {
        var numbers: [Int] = []
        var yearFirst = false
        var isAfternoon: Bool?

        init?(_ text: String) {
            var current: Int?, digits = 0, word = ""
            func endNumber() -> Bool {
                guard let value = current else { return true }
                if numbers.isEmpty && digits == 4 { yearFirst = true }
                numbers.append(value)
                current = nil
                return digits <= 4
            }
            for scalar in text.unicodeScalars {
                if scalar.isASCII, let d = Int(String(scalar)) {
                    if !word.isEmpty {
                        guard setMarker(word) else { return nil }
                        word = ""
                    }
                    current = (current ?? 0) * 10 + d
                    digits += 1
                    if digits > 4 { return nil }
                    continue
                }
                guard endNumber() else { return nil }
                digits = 0
                if scalar.properties.isAlphabetic {
                    word.unicodeScalars.append(scalar)
                } else if scalar == "." && !word.isEmpty {
                    continue   // "a.m."
                } else if !word.isEmpty {
                    guard setMarker(word) else { return nil }
                    word = ""
                } else if !["/", ".", "-", ",", ":", " ", "T", "\u{202F}", "\u{00A0}"].contains(scalar) {
                    return nil
                }
            }
            guard endNumber() else { return nil }
            if !word.isEmpty { guard setMarker(word) else { return nil } }
            guard (3...6).contains(numbers.count), numbers.count != 4 else { return nil }
        }

        /// Reads AM or PM (any case, with or without dots); false for any other word.
        private mutating func setMarker(_ word: String) -> Bool {
            switch word.lowercased() {
            case "am": isAfternoon = false
            case "pm": isAfternoon = true
            case "t" where numbers.count == 3: break
            default: return false
            }
            return true
        }
    }

    /// Seconds in a duration as platforms write it: `1h 2m 28s`, `28m 57s`, `2 hr 5 min`, `45 sec`,
    /// `01:02:28` or `62:05` (h:mm:ss or mm:ss); nil when it is none of these.
    static func durationSeconds(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        if trimmed.contains(":") {
            let fields = trimmed.split(separator: ":", omittingEmptySubsequences: false)
            guard (2...3).contains(fields.count) else { return nil }
            var total: Int64 = 0
            for (i, field) in fields.enumerated() {
                guard let v = Int64(field), v >= 0, v <= 1_000_000, i == 0 || v < 60 else { return nil }
                total = total * 60 + v
            }
            return total
        }
        var total: Int64 = 0, number: Int64?, unit = "", sawUnit = false
        func close() -> Bool {
            guard let n = number else { return unit.isEmpty }
            let scale: Int64
            switch unit {
            case "h", "hr", "hrs", "hour", "hours": scale = 3600
            case "m", "min", "mins", "minute", "minutes": scale = 60
            case "s", "sec", "secs", "second", "seconds": scale = 1
            default: return false
            }
            total += n * scale
            (number, unit, sawUnit) = (nil, "", true)
            return true
        }
        for ch in trimmed.lowercased() {
            if let d = ch.wholeNumberValue, ch.isASCII {
                if !unit.isEmpty { guard close() else { return nil } }
                number = (number ?? 0) * 10 + Int64(d)
                if number! > 1_000_000 { return nil }
            } else if ch.isLetter {
                guard number != nil else { return nil }
                unit.append(ch)
            } else if ch != " " {
                return nil
            }
        }
        guard close(), sawUnit else { return nil }
        return total
    }
}

import Foundation
