import WeftGraph
import WeftIO

/// iCalendar files (RFC 5545) as Outlook and Google Calendar export them → attendance.
///
/// Each VEVENT with at least one ATTENDEE is a meeting. Its attendance: the ORGANIZER (role
/// `organiser`) and every attendee with `PARTSTAT=ACCEPTED` (role `attendee`); declined,
/// tentative and unanswered attendees, and rooms and resources (`CUTYPE=ROOM|RESOURCE`), are
/// counted and left out. A person listed twice (Google lists the organiser as an attendee too) is
/// one presence with the higher role. Everyone present is credited with the event's length
/// (DTEND − DTSTART, or DURATION; a DATE event without either lasts a day, a DATE-TIME one none).
///
/// Recurring events (RRULE, see `RecurrenceRule`) are expanded, EXDATEs removed, and an
/// occurrence that a VEVENT of the same UID with a RECURRENCE-ID replaces (moved, or cancelled)
/// is taken from that VEVENT instead. Each occurrence is a meeting keyed by the UID and dated by
/// its clock date: the TZID's clock, or for UTC times the calendar's X-WR-TIMEZONE when given.
/// Without `to`, a rule is expanded up to the file's latest DTSTAMP (Google writes the export
/// time there; Outlook the last change): later occurrences have not been held. Cancelled events
/// (`STATUS:CANCELLED`) are skipped; properties inside VALARM are not the event's.
///
/// Kept: the UID, dates, lengths, attendee names and emails (to match), PARTSTAT and the
/// organiser. Not kept: SUMMARY (Outlook's subject), DESCRIPTION, LOCATION, anything else.
///
/// Accounting: records read are the VEVENTs, plus lines outside any VEVENT that are not content
/// lines or lie outside every VCALENDAR (several calendars joined in one file are all read); a VEVENT is rejected (with the line at fault) when its DTSTART, DTEND, DURATION, RRULE,
/// EXDATE or RECURRENCE-ID cannot be read, when it holds a line that is not a content line, or when
/// it is not closed. The file is read line by line; the events (without their text) are held
/// until its end, because an override can come before or after the event it changes.
public enum CalendarFile {
    /// Reads `path`, keeping occurrences dated from `from` to `to` (days since 1970-01-01, inclusive).
    /// A recurring event expands to at most `occurrenceLimit` occurrences; the events cut there are
    /// counted in the import's account.
    public static func read(path: String, from: Int64? = nil, to: Int64? = nil,
                            occurrenceLimit: Int = CalendarFile.occurrenceLimit) throws -> AttendanceExtraction {
        var parse = CalendarParse(path: path)
        try CalendarContentLine.unfold(LineStream(path: path)) { number, bytes in
            try parse.take(number, bytes)
        }
        return parse.finish(from: from, to: to, occurrenceLimit: occurrenceLimit)
    }

    /// The most occurrences one recurring event is expanded to by default: a daily meeting for
    /// 270 years.
    public static let occurrenceLimit = 100_000
}

/// The events of one VEVENT, read, before expansion.
private struct CalendarEvent {
    var line: Int
    var uid: String
    var start: CalendarTime
    var seconds: Int64
    var rule: RecurrenceRule?
    var exceptions: [CalendarTime] = []
    var recurrenceID: CalendarTime?
    var cancelled = false
    var organiser: (Participant, line: Int)?
    var attendees: [(person: Participant, status: String, kind: String, line: Int)] = []
}

/// The state of reading one file: the open components, the VEVENT being read, the events read.
private struct CalendarParse {
    var x: AttendanceExtraction
    var path: String
    var components: [String] = []
    var seenCalendar = false
    var draft: [CalendarContentLine]?
    var draftLine = 0
    var draftProblem: (line: Int, field: String?, value: String?, reason: String)?
    var events: [CalendarEvent] = []
    var latestStamp: Int64?
    var calendarZone: String?
    var producer = ""
    var zones = CalendarZones()

    init(path: String) {
        self.path = path
        x = AttendanceExtraction(path: path)
    }

    mutating func take(_ number: Int, _ bytes: ArraySlice<UInt8>) throws {
        guard let line = CalendarContentLine(bytes, line: number) else {
            if components.isEmpty && !seenCalendar { throw notCalendar(String(decoding: bytes.prefix(200), as: UTF8.self)) }
            let reason = "not an iCalendar content line (NAME[;PARAM=value]:VALUE)"
            if draft != nil {
                if draftProblem == nil { draftProblem = (number, nil, nil, reason) }
            } else {
                x.account.rowsRead += 1
                x.reject(line: number, value: String(decoding: bytes.prefix(80), as: UTF8.self), reason)
            }
            return
        }
        if components.isEmpty {
            // Before the first VCALENDAR, anything else is another format; between calendars
            // (files joined end to end), a stray line.
            let opensCalendar = line.name == "BEGIN" && line.value.uppercased() == "VCALENDAR"
            if !opensCalendar && !seenCalendar { throw notCalendar(line.name + ":" + line.value) }
            if !opensCalendar {
                x.account.rowsRead += 1
                x.reject(line: number, field: line.name, value: String(line.value.prefix(80)), "outside BEGIN:VCALENDAR … END:VCALENDAR")
                return
            }
            seenCalendar = true
        }
        switch line.name {
        case "BEGIN":
            let name = line.value.uppercased()
            if name == "VEVENT" && draft == nil && components.last == "VCALENDAR" {
                (draft, draftLine, draftProblem) = ([], number, nil)
            }
            components.append(name)
        case "END":
            let name = line.value.uppercased()
            guard let open = components.lastIndex(of: name) else {
                if draft != nil, draftProblem == nil { draftProblem = (number, "END", line.value, "END:\(line.value) closes nothing open") }
                return
            }
            if name == "VEVENT" && draft != nil && open == components.count - 1 { finishEvent() }
            components.removeSubrange(open...)
        default:
            if components.last == "VEVENT" && draft != nil {
                draft!.append(line)
            } else if components == ["VCALENDAR"] {
                if line.name == "X-WR-TIMEZONE" { calendarZone = line.value.trimmedSpace }
                if line.name == "PRODID" { producer = line.value }
            }
        }
    }

    private func notCalendar(_ first: String) -> ImportError {
        let seen = ExportSniffer.looksLike([first]).map { " (it looks like \($0))" } ?? ""
        return ImportError("\(path): not \(ImportFormat.ics.exportName)\(seen): it should begin with BEGIN:VCALENDAR; found: \(first.prefix(80))")
    }

    /// Turns the VEVENT's lines into an event, or rejects it with the line at fault.
    private mutating func finishEvent() {
        let lines = draft!
        draft = nil
        x.account.rowsRead += 1
        if let p = draftProblem {
            x.reject(line: p.line, field: p.field, value: p.value, p.reason)
            return
        }
        func first(_ name: String) -> CalendarContentLine? { lines.first { $0.name == name } }
        func reject(_ l: CalendarContentLine, _ reason: String) { x.reject(line: l.line, field: l.name, value: String(l.value.prefix(80)), reason) }
        if let stamp = first("DTSTAMP"), let t = CalendarTime(stamp.value, parameters: stamp.parameters) {
            latestStamp = max(latestStamp ?? t.wall, t.wall)
        }
        guard let startLine = first("DTSTART") else {
            x.reject(line: draftLine, field: "DTSTART", "the VEVENT has no DTSTART")
            return
        }
        guard let start = CalendarTime(startLine.value, parameters: startLine.parameters) else {
            return reject(startLine, "not an iCalendar date or date-time (YYYYMMDD, YYYYMMDDTHHMMSS[Z])")
        }
        var seconds: Int64 = start.isDate ? Timestamp.secondsPerDay : 0
        if let endLine = first("DTEND") {
            guard var end = CalendarTime(endLine.value, parameters: endLine.parameters) else {
                return reject(endLine, "not an iCalendar date or date-time (YYYYMMDD, YYYYMMDDTHHMMSS[Z])")
            }
            if end.zone == .floating && !end.isDate, case .named = start.zone { end.zone = start.zone }
            seconds = zones.utc(end) - zones.utc(start)
            guard seconds >= 0 else { return reject(endLine, "DTEND is before DTSTART") }
        } else if let durationLine = first("DURATION") {
            guard let d = CalendarDuration.seconds(durationLine.value), d >= 0 else {
                return reject(durationLine, "not a positive iCalendar duration (e.g. PT1H30M)")
            }
            seconds = d
        }
        var event = CalendarEvent(line: draftLine, uid: first("UID")?.value ?? "\(ExportText.stem(path)):\(draftLine)", start: start, seconds: seconds)
        if let ruleLine = first("RRULE") {
            do throws(ImportError) { event.rule = try RecurrenceRule(ruleLine.value) } catch { return reject(ruleLine, "RRULE: " + error.message) }
        }
        for exLine in lines where exLine.name == "EXDATE" {
            guard let times = CalendarTime.list(exLine.value, parameters: exLine.parameters) else {
                return reject(exLine, "not a list of iCalendar dates or date-times")
            }
            event.exceptions += times
        }
        if let idLine = first("RECURRENCE-ID") {
            guard let id = CalendarTime(idLine.value, parameters: idLine.parameters) else {
                return reject(idLine, "not an iCalendar date or date-time (YYYYMMDD, YYYYMMDDTHHMMSS[Z])")
            }
            event.recurrenceID = id
        }
        event.cancelled = first("STATUS")?.value.uppercased() == "CANCELLED"
        if let o = first("ORGANIZER") { event.organiser = (participant(o), o.line) }
        for a in lines where a.name == "ATTENDEE" {
            event.attendees.append((participant(a), (a.parameters["PARTSTAT"] ?? "NEEDS-ACTION").uppercased(),
                                    (a.parameters["CUTYPE"] ?? "INDIVIDUAL").uppercased(), a.line))
        }
        events.append(event)
    }

    /// The person of an ORGANIZER or ATTENDEE line: the `mailto:` address and the CN (dropped
    /// when it only repeats the address, as Google writes it).
    private func participant(_ line: CalendarContentLine) -> Participant {
        var email = line.value.trimmedSpace
        if email.lowercased().hasPrefix("mailto:") { email = String(email.dropFirst(7)) } else if !email.contains("@") { email = "" }
        let name = line.parameters["CN"] ?? ""
        return Participant(name: name.lowercased() == email.lowercased() ? "" : name, email: email)
    }

    /// Expands the events read into meetings and presences.
    mutating func finish(from: Int64?, to: Int64?, occurrenceLimit: Int) -> AttendanceExtraction {
        if draft != nil {
            x.account.rowsRead += 1
            x.reject(line: draftLine, field: "VEVENT", "the VEVENT is not closed by END:VEVENT")
            draft = nil
        }
        x.account.layout.append(producer.lowercased().contains("google") ? "iCalendar from Google Calendar"
                                : producer.lowercased().contains("microsoft") ? "iCalendar from Outlook" : "iCalendar")
        // Every instant an override replaces: UID and the UTC instant of its RECURRENCE-ID.
        var replaced = Set<String>()
        for e in events { if let id = e.recurrenceID { replaced.insert(e.uid + "\u{0}" + String(zones.utc(id))) } }
        let bound: Int64
        if let to { bound = (to + 1) * Timestamp.secondsPerDay - 1 } else { bound = latestStamp ?? events.map(\.start.wall).max() ?? 0 }
        x.account.layout.append("recurrences expanded up to " + Timestamp.formatDate(bound) + (to != nil ? " (--to)" : latestStamp != nil ? " (the latest DTSTAMP)" : " (the latest DTSTART)"))
        var notAccepted: [String: Int] = [:], resources = 0, occurrencesWritten = 0, eventsCut = 0
        for e in events {
            if e.cancelled { x.skip(e.recurrenceID == nil ? "cancelled" : "cancelled occurrence"); continue }
            guard !e.attendees.isEmpty else { x.skip("no attendees (a personal appointment)"); continue }
            var people: [(Participant, MeetingRole, Int)] = []
            func add(_ p: Participant, _ role: MeetingRole, _ line: Int) {
                if let i = people.firstIndex(where: { $0.0.key == p.key }) { people[i].1 = max(people[i].1, role) } else { people.append((p, role, line)) }
            }
            if let (o, line) = e.organiser { add(o, .organiser, line) }
            for a in e.attendees {
                if a.kind == "ROOM" || a.kind == "RESOURCE" { resources += 1; continue }
                if a.status == "ACCEPTED" { add(a.person, .attendee, a.line) } else { notAccepted[a.status.lowercased(), default: 0] += 1 }
            }
            guard !people.isEmpty else { x.skip("no one accepted"); continue }
            let (expanded, cut) = occurrences(of: e, bound: bound, replaced: replaced, limit: occurrenceLimit)
            if cut { eventsCut += 1 }
            let dates = expanded.filter { day in
                let d = Timestamp.floorDiv(day, Timestamp.secondsPerDay)
                return (from.map { d >= $0 } ?? true) && (to.map { d <= $0 } ?? true)
            }
            guard !dates.isEmpty else { x.skip("no occurrence within the dates read"); continue }
            x.accept()
            for shown in dates {
                x.meetings.append(Meeting(key: e.uid, topic: "", start: shown))
                occurrencesWritten += 1
                for (person, role, line) in people {
                    x.presences.append(Presence(meeting: x.meetings.count - 1, participant: person, seconds: e.seconds, role: role,
                                                joins: 1, firstSeen: "\(path):\(line)"))
                }
            }
        }
        x.account.layout.append("occurrences \(occurrencesWritten)")
        if eventsCut > 0 {
            x.account.layout.append("recurring events cut at \(occurrenceLimit) occurrences each: \(eventsCut)")
        }
        if !notAccepted.isEmpty {
            x.account.layout.append("attendees not accepted, left out: " + notAccepted.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
        }
        if resources > 0 { x.account.layout.append("rooms and resources left out: \(resources)") }
        if !zones.unknown.isEmpty { x.account.layout.append("time zones not known, times read as written: " + zones.unknown.sorted().joined(separator: ", ")) }
        return x
    }

    /// The clock times (as dated in attendance.csv) of an event's occurrences, and whether the
    /// limit cut them.
    private mutating func occurrences(of e: CalendarEvent, bound: Int64, replaced: Set<String>, limit: Int) -> ([Int64], cut: Bool) {
        var starts = [e.start.wall]
        var cut = false
        if let rule = e.rule {
            let until = rule.until.map { u in u.isDate ? u.wall + Timestamp.secondsPerDay - 1 : zones.convert(u, to: e.start.zone).wall }
            let excluded = Set(e.exceptions.filter { !$0.isDate }.map { zones.convert($0, to: e.start.zone).wall })
            let excludedDays = Set(e.exceptions.filter(\.isDate).map(\.day))
            let expanded = rule.occurrences(from: e.start.wall, until: until, bound: bound, limit: limit)
            cut = expanded.cut
            starts = expanded.times.filter { wall in
                guard !excluded.contains(wall), !excludedDays.contains(Timestamp.floorDiv(wall, Timestamp.secondsPerDay)) else { return false }
                let instant = zones.utc(CalendarTime(wall: wall, isDate: e.start.isDate, zone: e.start.zone))
                return !replaced.contains(e.uid + "\u{0}" + String(instant))
            }
        }
        guard e.start.zone == .utc, let zone = calendarZone else { return (starts, cut) }
        return (starts.map { zones.wall(of: $0, in: .named(zone)) }, cut)
    }
}
