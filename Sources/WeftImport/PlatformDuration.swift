import Foundation

/// The durations meeting platforms write in their exports (Teams' In-Meeting Duration, Meet's
/// Duration). Their dates are read through WeftIO's date parser (`ExportDates`).
enum PlatformDuration {
    /// Seconds in a duration as platforms write it: `1h 2m 28s`, `28m 57s`, `2 hr 5 min`, `45 sec`,
    /// `01:02:28` or `62:05` (h:mm:ss or mm:ss); nil when it is none of these.
    static func seconds(_ text: String) -> Int64? {
        let trimmed = text.trimmedSpace
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
