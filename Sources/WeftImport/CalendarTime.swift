import Foundation
import WeftGraph
import WeftIO

/// A DATE or DATE-TIME value of an iCalendar property (RFC 5545 §3.3.4–5), as the clock in its
/// zone shows it.
///
/// Three forms: UTC (`20240314T090000Z`), local time in the zone a `TZID` parameter names
/// (`DTSTART;TZID=Europe/Lisbon:20240314T090000`) and floating time (no zone: read as written).
/// A DATE (`VALUE=DATE:20240314`) is midnight of that day. Values are read through WeftIO's date
/// patterns (`YYYYMMDDTHHmmssZ`, `YYYYMMDDTHHmmss`, `YYYYMMDD`), not a parser of their own.
struct CalendarTime: Equatable {
    enum Zone: Equatable {
        case utc, floating
        /// A TZID as written (an IANA name, or a Windows name as Outlook writes them).
        case named(String)
    }

    /// Seconds since 1970-01-01 00:00 of the clock time written, in `zone`.
    var wall: Int64
    var isDate: Bool
    var zone: Zone

    private static let utcPattern = DateFormat.pattern(try! DatePattern("YYYYMMDDTHHmmssZ"))
    private static let localPattern = DateFormat.pattern(try! DatePattern("YYYYMMDDTHHmmss"))
    private static let datePattern = DateFormat.pattern(try! DatePattern("YYYYMMDD"))

    /// Reads the value of `property` (one value; a list is read by `list`); nil when unreadable.
    init?(_ value: String, parameters: [String: String]) {
        let text = value.trimmedSpace
        // The only forms RFC 5545 allows: 8 digits, then optionally T, 6 digits and Z.
        let shape = Array(text.utf8)
        guard [8, 15, 16].contains(shape.count), shape.enumerated().allSatisfy({ i, c in
            i == 8 ? c == UInt8(ascii: "T") : i == 15 ? c == UInt8(ascii: "Z") : (48...57).contains(c)
        }) else { return nil }
        let isDate = shape.count == 8
        if parameters["VALUE"]?.uppercased() == "DATE" && !isDate { return nil }
        let format = isDate ? CalendarTime.datePattern : text.hasSuffix("Z") ? CalendarTime.utcPattern : CalendarTime.localPattern
        guard case .success(let read) = format.read(text) else { return nil }
        wall = read.seconds
        self.isDate = isDate
        zone = text.hasSuffix("Z") ? .utc : parameters["TZID"].map { .named($0) } ?? .floating
        if isDate { zone = .floating }
    }

    init(wall: Int64, isDate: Bool, zone: Zone) { (self.wall, self.isDate, self.zone) = (wall, isDate, zone) }

    /// The comma-separated values of one property (EXDATE, RDATE); nil when any is unreadable.
    static func list(_ value: String, parameters: [String: String]) -> [CalendarTime]? {
        var times: [CalendarTime] = []
        for part in value.split(separator: ",") {
            guard let time = CalendarTime(String(part), parameters: parameters) else { return nil }
            times.append(time)
        }
        return times
    }

    /// The day (days since 1970-01-01) of the clock time written.
    var day: Int64 { Timestamp.floorDiv(wall, Timestamp.secondsPerDay) }
}

/// The time zones of one calendar file: each TZID resolved once (an IANA name as Foundation knows
/// it, or one of the Windows names Outlook writes, mapped as CLDR's windowsZones.xml maps them),
/// and the conversions between a zone's clock and UTC. A TZID neither names is read as floating
/// time (as written) and listed in `unknown`.
struct CalendarZones {
    private var zones: [String: LocalTimeZone?] = [:]
    private(set) var unknown: Set<String> = []

    /// The UTC instant of `time`.
    mutating func utc(_ time: CalendarTime) -> Int64 {
        guard case .named(let id) = time.zone, resolve(id) != nil, var zone = zones.removeValue(forKey: id) ?? nil else { return time.wall }
        // Taken out of `zones` first, so that its offset cache is updated in place rather than
        // copied on every call (quadratic in occurrences; found by FuzzICS).
        let instant = zone.utc(fromWallClock: time.wall)
        zones[id] = zone
        return instant
    }

    /// The clock time, in `zone`, of the UTC instant `instant` (UTC and floating: unchanged).
    mutating func wall(of instant: Int64, in zone: CalendarTime.Zone) -> Int64 {
        guard case .named(let id) = zone, let tz = resolve(id)?.zone else { return instant }
        return instant + Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
    }

    /// `time` as the clock of `zone` shows it (a DATE stays as it is).
    mutating func convert(_ time: CalendarTime, to zone: CalendarTime.Zone) -> CalendarTime {
        if time.isDate || time.zone == zone || time.zone == .floating || zone == .floating { return CalendarTime(wall: time.wall, isDate: time.isDate, zone: zone) }
        return CalendarTime(wall: wall(of: utc(time), in: zone), isDate: false, zone: zone)
    }

    private mutating func resolve(_ id: String) -> LocalTimeZone? {
        if let known = zones[id] { return known }
        let name = id.hasPrefix("/") ? String(id.dropFirst()) : id   // "/Europe/Paris" (a TZID prefix some exporters add)
        let zone = LocalTimeZone(identifier: name) ?? CalendarZones.windows[name].flatMap { LocalTimeZone(identifier: $0) }
        if zone == nil { unknown.insert(id) }
        zones[id] = .some(zone)
        return zone
    }

    /// Windows time zone names (as Outlook writes them in TZID) → IANA, for the zones of
    /// CLDR's windowsZones.xml territory "001" most networks meet.
    static let windows: [String: String] = [
        "UTC": "UTC", "GMT Standard Time": "Europe/London", "Greenwich Standard Time": "Atlantic/Reykjavik",
        "W. Europe Standard Time": "Europe/Berlin", "Romance Standard Time": "Europe/Paris",
        "Central Europe Standard Time": "Europe/Budapest", "Central European Standard Time": "Europe/Warsaw",
        "GTB Standard Time": "Europe/Bucharest", "FLE Standard Time": "Europe/Kiev", "E. Europe Standard Time": "Europe/Chisinau",
        "Russian Standard Time": "Europe/Moscow", "Turkey Standard Time": "Europe/Istanbul",
        "W. Central Africa Standard Time": "Africa/Lagos", "South Africa Standard Time": "Africa/Johannesburg",
        "E. Africa Standard Time": "Africa/Nairobi", "Egypt Standard Time": "Africa/Cairo", "Morocco Standard Time": "Africa/Casablanca",
        "Arabian Standard Time": "Asia/Dubai", "Arab Standard Time": "Asia/Riyadh", "Israel Standard Time": "Asia/Jerusalem",
        "Pakistan Standard Time": "Asia/Karachi", "India Standard Time": "Asia/Calcutta", "Bangladesh Standard Time": "Asia/Dhaka",
        "SE Asia Standard Time": "Asia/Bangkok", "China Standard Time": "Asia/Shanghai", "Singapore Standard Time": "Asia/Singapore",
        "Tokyo Standard Time": "Asia/Tokyo", "Korea Standard Time": "Asia/Seoul", "AUS Eastern Standard Time": "Australia/Sydney",
        "New Zealand Standard Time": "Pacific/Auckland", "Eastern Standard Time": "America/New_York",
        "Central Standard Time": "America/Chicago", "Mountain Standard Time": "America/Denver",
        "Pacific Standard Time": "America/Los_Angeles", "Central America Standard Time": "America/Guatemala",
        "Central Standard Time (Mexico)": "America/Mexico_City", "SA Pacific Standard Time": "America/Bogota",
        "SA Western Standard Time": "America/La_Paz", "E. South America Standard Time": "America/Sao_Paulo",
        "Argentina Standard Time": "America/Buenos_Aires", "Pacific SA Standard Time": "America/Santiago",
    ]
}

/// A DURATION value (RFC 5545 §3.3.6: `P1W`, `PT1H30M`, `P1DT2H`, optionally signed), in seconds;
/// nil when it is not one.
enum CalendarDuration {
    static func seconds(_ text: String) -> Int64? {
        var rest = Substring(text.trimmedSpace.uppercased())
        var sign: Int64 = 1
        if rest.first == "-" || rest.first == "+" { sign = rest.first == "-" ? -1 : 1; rest = rest.dropFirst() }
        guard rest.first == "P" else { return nil }
        rest = rest.dropFirst()
        var total: Int64 = 0, number: Int64?, inTime = false, sawUnit = false
        for c in rest {
            if let d = c.wholeNumberValue, c.isASCII {
                number = (number ?? 0) * 10 + Int64(d)
                if number! > 10_000_000 { return nil }
                continue
            }
            if c == "T" { guard number == nil, !inTime else { return nil }; inTime = true; continue }
            guard let n = number else { return nil }
            switch (c, inTime) {
            case ("W", false): total += n * 604_800
            case ("D", false): total += n * 86_400
            case ("H", true): total += n * 3600
            case ("M", true): total += n * 60
            case ("S", true): total += n
            default: return nil
            }
            (number, sawUnit) = (nil, true)
        }
        guard sawUnit, number == nil else { return nil }
        return sign * total
    }
}
