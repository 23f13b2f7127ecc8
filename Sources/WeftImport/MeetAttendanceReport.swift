import Foundation
import WeftGraph
import WeftIO

/// Google Meet's attendance report, as Meet sends it to the organiser after a meeting with
/// attendance tracking on (a Google Sheet, saved as CSV: File → Download → Comma-separated values).
///
/// One row per person, already summed by Meet over their joins: `First name`, `Last name`,
/// `Email`, `Duration` (`1 hr 4 min`, `58 min`, `45 sec`), `Time joined` (the first join) and
/// `Time exited` (the last exit). Columns are found by name in any case and order; a single
/// `Name` (or `Participant`) column is read when the name is not split. Dial-in participants
/// show a masked phone number (`(‪+44 20‬ ••• •• 12)`) and no email: they resolve by name, which
/// is left for review.
///
/// Rules: minutes are the Duration (or Time exited − Time joined when the duration is empty);
/// a person listed twice (two devices signed in under one email) is summed. Times are either a
/// full date-time (layout read as every Weft date is: `--date-format`, or detected from the
/// values) or a clock time alone; the meeting's date is then the first ISO date
/// (`YYYY-MM-DD`) in the file's name. The meeting is keyed by the file's name without
/// " - Attendance report" and the date (Meet names the sheet "<title> - Attendance report"),
/// or by `event`. Kept: name and email (to match), the meeting's date and title, minutes.
/// Not kept: the times.
public enum MeetAttendanceReport {
    public static func read(path: String, event: String? = nil, dateFormat: DateFormat? = nil) throws -> AttendanceExtraction {
        var x = AttendanceExtraction(path: path)
        let header = try InputSource.open(path: path).header.map(ExportText.normalisedHeader)
        guard let c = Columns(header) else {
            throw ImportError("\(path): not \(ImportFormat.meet.exportName): needs the columns First name (or Name), Email, Duration, Time joined; found: \(header.joined(separator: ", "))")
        }
        // First pass: the join and exit times, to work out their layout.
        var samples: [DateDetection.Sample] = []
        try InputSource.open(path: path).forEachRecord { record in
            for i in [c.joined, c.exited].compactMap({ $0 }) where i < record.fieldCount {
                let text = record.displayString(i)
                if text.contains("/") || text.contains("-") || text.contains(".") { samples.append(.init(text: text, line: record.line)) }
            }
        }
        let dates = try ExportDates(samples: samples, field: "Time joined", path: path, given: dateFormat)
        let (title, fileDate) = meetingName(path)
        x.meetings.append(Meeting(key: event ?? title, topic: title, start: fileDate))
        x.account.layout.append("meeting keyed \(x.meetings[0].key)" + (fileDate.map { ", dated " + Timestamp.formatDate($0) + " from the file name" } ?? ""))

        try InputSource.open(path: path).forEachRecord { (record: borrowing CSVRecord) in
            x.account.rowsRead += 1
            if let problem = record.problem {
                x.reject(line: record.line, column: problem.column, problem.description)
                return
            }
            func text(_ i: Int?) -> String { i.map { record.displayString($0).trimmedSpace } ?? "" }
            let name = c.last.map { (text(c.first) + " " + text($0)).trimmedSpace } ?? text(c.first)
            let person = Participant(name: name, email: text(c.email))
            if person.name.isEmpty && person.email.isEmpty {
                x.reject(line: record.line, column: c.first + 1, field: "First name", "neither a name nor an email")
                return
            }
            let joined = dates.seconds(text(c.joined)), exited = dates.seconds(text(c.exited))
            var seconds: Int64
            if let d = PlatformDuration.seconds(text(c.duration)) {
                seconds = d
            } else if let joined, let exited, exited >= joined {
                seconds = exited - joined
            } else {
                x.reject(line: record.line, column: c.duration + 1, field: "Duration", value: text(c.duration),
                         "not a duration (1 hr 4 min, 58 min, 45 sec) and no join and exit date-times to take it from")
                return
            }
            x.addJoin(meeting: 0, participant: person, start: fileDate == nil ? joined : nil, seconds: seconds, role: .attendee, line: record.line)
        }
        return x
    }

    /// The positions of the report's columns.
    private struct Columns {
        let first: Int, last: Int?, email: Int?, duration: Int, joined: Int?, exited: Int?

        init?(_ header: [String]) {
            func find(_ names: String...) -> Int? { header.firstIndex { names.contains($0) } }
            if let f = find("first name", "given name") {
                (first, last) = (f, find("last name", "surname", "family name"))
            } else if let n = find("name", "participant", "full name") {
                (first, last) = (n, nil)
            } else { return nil }
            guard let d = find("duration", "time in call", "time in meeting") else { return nil }
            duration = d
            email = find("email", "email address")
            joined = find("time joined", "joined", "first joined")
            exited = find("time exited", "exited", "last exited", "time left")
        }
    }

    /// The meeting's title and date from the report's file name: "Learning circle - Attendance
    /// report - 2024-03-14.csv" → ("Learning circle", 2024-03-14).
    static func meetingName(_ path: String) -> (title: String, date: Int64?) {
        var title = ExportText.stem(path)
        var date: Int64?
        if let r = title.range(of: #"\d{4}-\d{2}-\d{2}"#, options: .regularExpression),
           case .success(let v) = ISO8601.parse(String(title[r])) {
            date = v.seconds
            title.removeSubrange(r)
        }
        for suffix in [" - attendance report", " - attendance", "attendance report", "attendance"] {
            if let r = title.range(of: suffix, options: [.caseInsensitive, .backwards]) { title.removeSubrange(r); break }
        }
        title = title.trimmingCharacters(in: CharacterSet(charactersIn: " -_()"))
        return (title.isEmpty ? ExportText.stem(path) : title, date)
    }
}
