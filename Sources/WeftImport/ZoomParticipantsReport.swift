import Foundation
import WeftIO

/// Zoom's Participants report, as the web portal exports it (Reports → Usage → Participants →
/// Export), read as a stream.
///
/// Two layouts: with "Export with meeting data" the file opens with a one-row meeting block
/// (`Meeting ID, Topic, Start Time, End Time, User Email, Duration (Minutes), Participants`; the
/// email is the host's), a blank line, then the participant table; without it, the participant
/// table alone. Participant columns (case-insensitive): `Name (Original Name)` (or `Name`),
/// `User Email` (or `Email`), `Join Time`, `Leave Time`, `Duration (Minutes)`, `Guest`, and in
/// newer reports `In Waiting Room`. Times are `MM/DD/YYYY hh:mm:ss AM` (ISO 8601 also read).
///
/// Rules: a join lasts Leave − Join (or `Duration (Minutes)` when a time is missing); a person's
/// joins are summed (one attendance); rows spent in the waiting room are skipped and counted; the
/// host named in the meeting block gets the role `host`. A renamed participant's
/// "Current (Original)" name is read as the current name. Without the meeting block, the meeting
/// is keyed by the digits of Zoom's default file name (`participants_<meeting id>.csv`), by the
/// file name, or by `event`. The Guest column and the times themselves are not kept.
public enum ZoomParticipantsReport {
    /// Zoom's layout, read through WeftIO's date parser (a value in ISO 8601 is read as ISO 8601).
    static let dates = ExportDates(format: .pattern(try! DatePattern("MM/DD/YYYY hh:mm:ss A")))

    public static func read(path: String, event: String? = nil) throws -> AttendanceExtraction {
        let reader = try InputSource.open(path: path)
        var x = AttendanceExtraction(path: path)
        let header = reader.header.map(ExportText.normalisedHeader)
        var hostEmail = ""
        var columns: Columns?
        if header.first == "meeting id" {
            // The meeting row, then the participant table's header, then its rows.
            var meetingRowRead = false
            try reader.forEachRecord { (record: borrowing CSVRecord) in
                func text(_ i: Int) -> String { record.displayString(i).trimmedSpace }
                if let columns {
                    readRow(record, columns, into: &x)
                } else if !meetingRowRead {
                    meetingRowRead = true
                    func cell(_ names: [String]) -> String { header.firstIndex { names.contains($0) }.map(text) ?? "" }
                    let id = cell(["meeting id"]).filter { !$0.isWhitespace }
                    hostEmail = cell(["user email", "email", "host email"])
                    x.meetings.append(Meeting(key: event ?? (id.isEmpty ? ExportText.stem(path) : id), topic: cell(["topic"]),
                                              start: dates.seconds(cell(["start time"]))))
                    x.account.layout.append("with meeting data (meeting \(x.meetings[0].key))")
                } else {
                    columns = try participantColumns((0..<record.fieldCount).map { ExportText.normalisedHeader(text($0)) }, path: path)
                }
            }
            guard columns != nil else { throw ImportError("\(path): a meeting block but no participant table after it") }
        } else {
            x.meetings.append(Meeting(key: event ?? meetingKey(fromFileName: path), topic: "", start: nil))
            x.account.layout.append("participant table only (meeting keyed \(x.meetings[0].key))")
            let table = try participantColumns(header, path: path)
            try reader.forEachRecord { readRow($0, table, into: &x) }
        }
        if !hostEmail.isEmpty { x.promote(email: hostEmail, in: 0, to: .host) }
        return x
    }

    private static func participantColumns(_ header: [String], path: String) throws -> Columns {
        guard let columns = Columns(header) else {
            let seen = ExportSniffer.looksLike([header.joined(separator: ",")]).map { " (it looks like \($0))" } ?? ""
            throw ImportError("\(path): not \(ImportFormat.zoom.exportName)\(seen): needs the columns Name (Original Name), Join Time and Leave Time or Duration (Minutes); found: \(header.joined(separator: ", "))")
        }
        return columns
    }

    /// The positions of the participant table's columns.
    private struct Columns {
        let name: Int, email: Int?, join: Int, leave: Int?, minutes: Int?, waitingRoom: Int?

        init?(_ header: [String]) {
            func find(_ names: String...) -> Int? { header.firstIndex { names.contains($0) } }
            guard let name = find("name (original name)", "name", "participant", "user name"),
                  let join = find("join time") else { return nil }
            (self.name, self.join) = (name, join)
            email = find("user email", "email")
            leave = find("leave time")
            minutes = find("duration (minutes)", "duration (mins)", "duration")
            waitingRoom = find("in waiting room")
            if leave == nil && minutes == nil { return nil }
        }
    }

    private static func readRow(_ record: borrowing CSVRecord, _ c: Columns, into x: inout AttendanceExtraction) {
        x.account.rowsRead += 1
        if let problem = record.problem {
            x.reject(line: record.line, column: problem.column, problem.description)
            return
        }
        func text(_ i: Int?) -> String { i.map { record.displayString($0).trimmedSpace } ?? "" }
        if let w = c.waitingRoom, ["yes", "true", "1"].contains(text(w).lowercased()) {
            x.skip("in the waiting room")
            return
        }
        let person = Participant(name: currentName(text(c.name)), email: text(c.email))
        if person.name.isEmpty && person.email.isEmpty {
            x.reject(line: record.line, column: c.name + 1, field: "Name (Original Name)", "neither a name nor an email")
            return
        }
        guard let join = dates.seconds(text(c.join)) else {
            x.reject(line: record.line, column: c.join + 1, field: "Join Time", value: text(c.join),
                     "not a date-time in Zoom's layout (MM/DD/YYYY hh:mm:ss AM)")
            return
        }
        var seconds: Int64
        if let l = c.leave, !text(l).isEmpty {
            guard let leave = dates.seconds(text(l)) else {
                x.reject(line: record.line, column: l + 1, field: "Leave Time", value: text(l),
                         "not a date-time in Zoom's layout (MM/DD/YYYY hh:mm:ss AM)")
                return
            }
            guard leave >= join else {
                x.reject(line: record.line, column: l + 1, field: "Leave Time", value: text(l), "leave time is before the join time")
                return
            }
            seconds = leave - join
        } else if let m = c.minutes, let minutes = Int64(text(m)), (0...1_000_000).contains(minutes) {
            seconds = minutes * 60
        } else {
            x.reject(line: record.line, column: (c.minutes ?? c.join) + 1, field: "Duration (Minutes)", value: text(c.minutes),
                     "no leave time and no whole number of minutes")
            return
        }
        x.addJoin(meeting: 0, participant: person, start: join, seconds: seconds, role: .attendee, line: record.line)
    }

    /// Zoom writes a renamed participant as "Current Name (Original Name)": the current name.
    static func currentName(_ text: String) -> String {
        guard text.hasSuffix(")"), let open = text.lastIndex(of: "("), open > text.startIndex else { return text }
        let before = text[..<open].trimmedSpace
        return before.isEmpty ? text : before
    }

    /// Zoom names its download `participants_<meeting id>.csv`: the id, else the file's name.
    static func meetingKey(fromFileName path: String) -> String {
        let stem = ExportText.stem(path)
        if stem.lowercased().hasPrefix("participants_") {
            let id = stem.dropFirst("participants_".count)
            if !id.isEmpty && id.allSatisfy(\.isNumber) { return String(id) }
        }
        return stem
    }
}
