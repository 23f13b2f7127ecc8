import Foundation
import WeftGraph

/// Identifiers as they appear in the files: a letter and a zero-padded number (`m0001`, `e0042`).
enum SampleID {
    /// `prefix` followed by `number` padded with zeros to `width` digits.
    static func make(_ prefix: Character, _ number: Int, width: Int) -> String {
        let digits = String(number)
        let padding = digits.count < width ? String(repeating: "0", count: width - digits.count) : ""
        return String(prefix) + padding + digits
    }
}

/// Fast `YYYY-MM-DD` / `YYYY-MM-DDTHH:MM:SSZ` text for instants inside a known span of days.
///
/// Writing millions of timestamps through `Timestamp.formatDateTime` builds several small strings
/// per call; this formatter caches the ten date bytes of every day in the span and fills a 20-byte
/// string in one step. Instants outside the span fall back to `Timestamp`.
struct TimestampText {
    private let firstDay: Int64
    private var dateBytes: [UInt8]  // 10 bytes per day
    private var lastSeconds: Int64 = .min
    private var lastText = ""

    init(firstDay: Int64, lastDay: Int64) {
        self.firstDay = firstDay
        dateBytes = []
        dateBytes.reserveCapacity(Int(lastDay - firstDay + 1) * 10)
        for day in firstDay...lastDay {
            dateBytes.append(contentsOf: Timestamp.formatDate(day * Timestamp.secondsPerDay).utf8)
        }
    }

    /// `YYYY-MM-DD` for a day number (days since 1970-01-01).
    func date(day: Int64) -> String {
        let offset = Int(day - firstDay)
        guard offset >= 0, offset * 10 < dateBytes.count else {
            return Timestamp.formatDate(day * Timestamp.secondsPerDay)
        }
        return String(decoding: dateBytes[offset * 10 ..< offset * 10 + 10], as: UTF8.self)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` for an instant (seconds since the epoch, UTC).
    mutating func dateTime(_ seconds: Int64) -> String {
        if seconds == lastSeconds { return lastText }
        let day = Timestamp.floorDiv(seconds, Timestamp.secondsPerDay)
        let offset = Int(day - firstDay)
        guard offset >= 0, offset * 10 < dateBytes.count else {
            return Timestamp.formatDateTime(seconds)
        }
        let rest = Int(seconds - day * Timestamp.secondsPerDay)
        let hour = rest / 3600, minute = rest / 60 % 60, second = rest % 60
        let text = dateBytes.withUnsafeBufferPointer { dates in
            String(unsafeUninitializedCapacity: 20) { out in
                for i in 0..<10 { out[i] = dates[offset * 10 + i] }
                let zero = UInt8(ascii: "0")
                out[10] = UInt8(ascii: "T")
                out[11] = zero + UInt8(hour / 10); out[12] = zero + UInt8(hour % 10)
                out[13] = UInt8(ascii: ":")
                out[14] = zero + UInt8(minute / 10); out[15] = zero + UInt8(minute % 10)
                out[16] = UInt8(ascii: ":")
                out[17] = zero + UInt8(second / 10); out[18] = zero + UInt8(second % 10)
                out[19] = UInt8(ascii: "Z")
                return 20
            }
        }
        lastSeconds = seconds
        lastText = text
        return text
    }
}

/// Calendar helpers on day numbers (days since 1970-01-01, UTC).
enum Day {
    /// Day number of a Gregorian date.
    static func of(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
        Timestamp.days(year: year, month: month, day: day)
    }

    /// 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
    static func weekday(_ day: Int64) -> Int {
        Int(((day + 4) % 7 + 7) % 7)
    }

    static func isWeekend(_ day: Int64) -> Bool {
        let w = weekday(day)
        return w == 0 || w == 6
    }

    /// The same day if it is a weekday, otherwise the following Monday.
    static func nextWorkday(_ day: Int64) -> Int64 {
        switch weekday(day) {
        case 6: return day + 2
        case 0: return day + 1
        default: return day
        }
    }
}

/// Email-safe ASCII for a person's name part: accents stripped (NFD, keep ASCII), letters
/// lower-cased, spaces, apostrophes and hyphens dropped ("N'Guessan" → "nguessan",
/// "Đặng" → "dang").
func asciiHandle(_ text: String) -> String {
    let replaced = text.replacingOccurrences(of: "Đ", with: "D").replacingOccurrences(of: "đ", with: "d")
    var out = ""
    for scalar in replaced.decomposedStringWithCanonicalMapping.unicodeScalars where scalar.isASCII {
        let c = Character(scalar)
        if c.isLetter || c.isNumber { out.append(Character(c.lowercased())) }
    }
    return out
}
