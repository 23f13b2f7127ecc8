import WeftGraph

/// An RRULE (RFC 5545 §3.3.10) and the start times it generates.
///
/// Read: `FREQ` DAILY, WEEKLY, MONTHLY or YEARLY; `INTERVAL`; `COUNT` or `UNTIL`; `BYDAY` (weekdays,
/// with an ordinal such as `2TU` or `-1FR` under MONTHLY); `BYMONTHDAY` (negative from the month's
/// end); `BYMONTH`; `WKST`. Any other part (BYSETPOS, BYHOUR, BYWEEKNO, BYYEARDAY, …) is an error
/// naming it, so an event is rejected rather than expanded wrongly.
///
/// Expansion works on the clock of DTSTART's zone (as the RFC asks: a weekly 09:00 meeting stays
/// at 09:00 across daylight-saving changes). DTSTART is always the first occurrence and counts
/// towards COUNT; UNTIL is inclusive. Cost: O(periods up to the bound + occurrences).
struct RecurrenceRule: Equatable {
    enum Frequency: String { case daily = "DAILY", weekly = "WEEKLY", monthly = "MONTHLY", yearly = "YEARLY" }

    var frequency: Frequency
    var interval = 1
    var count: Int?
    var until: CalendarTime?
    /// A BYDAY item: a weekday (0 = Monday … 6 = Sunday) and its ordinal in the month (nil: every one).
    struct Day: Equatable {
        var ordinal: Int?
        var weekday: Int
    }

    var byDay: [Day] = []
    var byMonthDay: [Int] = []
    var byMonth: [Int] = []
    var weekStart = 0

    static let weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// Reads an RRULE value; throws the reason it cannot be used.
    init(_ text: String) throws(ImportError) {
        var frequency: Frequency?
        for part in text.split(separator: ";") where !part.isEmpty {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { throw ImportError("'\(part)' is not NAME=VALUE") }
            let (name, value) = (pair[0].uppercased(), pair[1].uppercased())
            func integers(_ range: ClosedRange<Int>) throws(ImportError) -> [Int] {
                var list: [Int] = []
                for item in value.split(separator: ",") {
                    guard let n = Int(item), range.contains(n), n != 0 else { throw ImportError("\(name)=\(value) is not a list of numbers in \(range)") }
                    list.append(n)
                }
                return list
            }
            switch name {
            case "FREQ":
                guard let f = Frequency(rawValue: value) else { throw ImportError("FREQ=\(value) is not supported (DAILY, WEEKLY, MONTHLY or YEARLY)") }
                frequency = f
            case "INTERVAL":
                guard let n = Int(value), (1...1000).contains(n) else { throw ImportError("INTERVAL=\(value) is not a number from 1 to 1000") }
                interval = n
            case "COUNT":
                guard let n = Int(value), n >= 1 else { throw ImportError("COUNT=\(value) is not a positive number") }
                count = n
            case "UNTIL":
                guard let t = CalendarTime(value, parameters: [:]) else { throw ImportError("UNTIL=\(value) is not a date or date-time") }
                until = t
            case "BYDAY":
                for item in value.split(separator: ",") {
                    let code = String(item.suffix(2)), number = item.dropLast(2)
                    guard let weekday = RecurrenceRule.weekdays.firstIndex(of: code) else { throw ImportError("BYDAY=\(value): '\(item)' is not a weekday") }
                    if number.isEmpty { byDay.append(Day(ordinal: nil, weekday: weekday)); continue }
                    guard let n = Int(number.hasPrefix("+") ? number.dropFirst() : number), n != 0, (-5...5).contains(n) else {
                        throw ImportError("BYDAY=\(value): '\(item)' has an ordinal outside ±1…5")
                    }
                    byDay.append(Day(ordinal: n, weekday: weekday))
                }
            case "BYMONTHDAY": byMonthDay = try integers(-31...31)
            case "BYMONTH": byMonth = try integers(1...12)
            case "WKST":
                guard let w = RecurrenceRule.weekdays.firstIndex(of: value) else { throw ImportError("WKST=\(value) is not a weekday") }
                weekStart = w
            default:
                if name.hasPrefix("X-") { continue }
                throw ImportError("\(name) is not supported (Weft expands FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, WKST)")
            }
        }
        guard let frequency else { throw ImportError("no FREQ") }
        self.frequency = frequency
        if count != nil && until != nil { throw ImportError("both COUNT and UNTIL") }
        if byDay.contains(where: { $0.ordinal != nil }) && frequency != .monthly {
            throw ImportError("BYDAY with an ordinal applies to FREQ=MONTHLY here")
        }
        if frequency == .yearly && !byDay.isEmpty { throw ImportError("BYDAY with FREQ=YEARLY is not supported") }
    }

    /// The clock times (in DTSTART's zone) of the occurrences from `start` on, up to and including
    /// `until` (already converted to that clock by the caller) and never past `bound`; at most
    /// `limit` of them (`cut`: the limit was reached where the rule allows more).
    func occurrences(from start: Int64, until: Int64?, bound: Int64, limit: Int = 100_000) -> (times: [Int64], cut: Bool) {
        let startDay = Timestamp.floorDiv(start, Timestamp.secondsPerDay)
        let timeOfDay = start - startDay * Timestamp.secondsPerDay
        let last = min(until ?? Int64.max, bound)
        var times: [Int64] = [start]
        let (startYear, startMonth, startDate) = Timestamp.civil(days: startDay)
        var period = 0
        periods: while times.count < min(count ?? Int.max, limit) {
            let days = candidateDays(period: period, startDay: startDay, year: startYear, month: startMonth, date: startDate)
            period += 1
            guard let days, period < 1_000_000 else { break }
            for day in days.sorted() where day > startDay {
                let time = day * Timestamp.secondsPerDay + timeOfDay
                if time > last || times.count >= min(count ?? Int.max, limit) { break periods }
                times.append(time)
            }
            // Stop once a whole period starts past the last time allowed.
            if periodStart(period, startDay: startDay, year: startYear, month: startMonth) * Timestamp.secondsPerDay > last { break }
        }
        return (times.filter { $0 <= last }, times.count >= limit && (count ?? Int.max) > limit)
    }

    /// Monday = 0 … Sunday = 6 of a day number (1970-01-01 was a Thursday).
    static func weekday(_ day: Int64) -> Int { Int(((day + 3) % 7 + 7) % 7) }

    /// The first day of period `k` (nil past the year 9999).
    private func periodStart(_ k: Int, startDay: Int64, year: Int, month: Int) -> Int64 {
        switch frequency {
        case .daily: return startDay + Int64(k * interval)
        case .weekly:
            let weekOrigin = startDay - Int64((RecurrenceRule.weekday(startDay) - weekStart + 7) % 7)
            return weekOrigin + Int64(7 * k * interval)
        case .monthly:
            let index = year * 12 + month - 1 + k * interval
            return Timestamp.days(year: min(index / 12, 10_000), month: index % 12 + 1, day: 1)
        case .yearly: return Timestamp.days(year: min(year + k * interval, 10_000), month: 1, day: 1)
        }
    }

    /// The days of period `k` the rule picks (unsorted), or nil past the year 9999.
    private func candidateDays(period k: Int, startDay: Int64, year: Int, month: Int, date: Int) -> [Int64]? {
        let first = periodStart(k, startDay: startDay, year: year, month: month)
        guard Timestamp.civil(days: first).year <= 9999 else { return nil }
        switch frequency {
        case .daily:
            return matchesFilters(first) ? [first] : []
        case .weekly:
            let weekdays = byDay.isEmpty ? [RecurrenceRule.weekday(startDay)] : byDay.map(\.weekday)
            return weekdays.map { first + Int64(($0 - weekStart + 7) % 7) }.filter(matchesMonth)
        case .monthly:
            let (y, m, _) = Timestamp.civil(days: first)
            guard byMonth.isEmpty || byMonth.contains(m) else { return [] }
            return daysInMonth(year: y, month: m, defaultDate: date)
        case .yearly:
            let (y, _, _) = Timestamp.civil(days: first)
            return (byMonth.isEmpty ? [month] : byMonth).flatMap { daysInMonth(year: y, month: $0, defaultDate: date) }
        }
    }

    /// The days of one month the rule picks: BYMONTHDAY (limited by plain BYDAY weekdays), else
    /// BYDAY (every such weekday, or the nth from the start or end), else DTSTART's date when the
    /// month has it.
    private func daysInMonth(year: Int, month: Int, defaultDate: Int) -> [Int64] {
        let length = Timestamp.daysInMonth(year: year, month: month)
        let first = Timestamp.days(year: year, month: month, day: 1)
        if !byMonthDay.isEmpty {
            let dates = byMonthDay.map { $0 > 0 ? $0 : length + 1 + $0 }.filter { (1...length).contains($0) }
            return dates.map { first + Int64($0 - 1) }.filter { day in byDay.isEmpty || byDay.contains { $0.weekday == RecurrenceRule.weekday(day) } }
        }
        if !byDay.isEmpty {
            var days: [Int64] = []
            for day in byDay {
                let (ordinal, weekday) = (day.ordinal, day.weekday)
                let matching = (0..<Int64(length)).map { first + $0 }.filter { RecurrenceRule.weekday($0) == weekday }
                if let n = ordinal {
                    let index = n > 0 ? n - 1 : matching.count + n
                    if matching.indices.contains(index) { days.append(matching[index]) }
                } else {
                    days += matching
                }
            }
            return days
        }
        return defaultDate <= length ? [first + Int64(defaultDate - 1)] : []
    }

    /// BYDAY and BYMONTHDAY and BYMONTH as limits on a daily rule.
    private func matchesFilters(_ day: Int64) -> Bool {
        if !byDay.isEmpty && !byDay.contains(where: { $0.weekday == RecurrenceRule.weekday(day) }) { return false }
        let (y, m, d) = Timestamp.civil(days: day)
        if !byMonthDay.isEmpty && !byMonthDay.contains(where: { ($0 > 0 ? $0 : Timestamp.daysInMonth(year: y, month: m) + 1 + $0) == d }) { return false }
        return matchesMonth(day)
    }

    private func matchesMonth(_ day: Int64) -> Bool {
        byMonth.isEmpty || byMonth.contains(Timestamp.civil(days: day).month)
    }
}
