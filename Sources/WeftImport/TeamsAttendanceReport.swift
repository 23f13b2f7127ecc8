import WeftIO

/// Microsoft Teams' attendance report as downloaded (UTF-16 LE with a byte-order mark,
/// tab-separated; UTF-8 or comma-separated copies are read too).
///
/// Two layouts. The current one is in sections: `1. Summary` (rows of label and value: Meeting
/// title, Start time, …), `2. Participants` (Name, First Join, Last Leave, In-Meeting Duration,
/// Email, Participant ID (UPN), Role: one row per person, the duration already summed over their
/// joins) and `3. In-Meeting Activities` (one row per join). The older one (2020–2021) is a single
/// table `Full Name, User Action, Timestamp` with Joined / Joined before / Left events.
///
/// Rules: the participant rows of section 2 are the records (their In-Meeting Duration, or Last
/// Leave − First Join, is the person's time); section 3's join lines are counted and used only
/// when section 2 is missing (then a person's joins are summed). In the older table a Joined is
/// closed by the person's next Left, or by the last time in the file. Roles: Organizer and
/// Co-organizer → organiser, Presenter → presenter, else attendee. The meeting is keyed by its
/// title (or `event`, or the file name) and its start date. Dates are read month-first unless a
/// date in the file can only be day-first (the report follows the organiser's locale); a file
/// with both is an error. Dates are read through WeftIO's parser (`ExportDates`, the layout worked
/// out from the file's values). The file is streamed twice (once to settle the date layout).
public enum TeamsAttendanceReport {
    public static func read(path: String, event: String? = nil) throws -> AttendanceExtraction {
        let tabbed = try ExportText.head(path: path).contains { $0.contains("\t") }
        let lines = NumberedLines(path: path, delimiter: tabbed ? 0x09 : UInt8(ascii: ","))
        var samples: [DateDetection.Sample] = []
        try lines.forEach { line in
            samples += line.fields.filter(looksLikeDateTime).map { DateDetection.Sample(text: $0, line: line.number) }
        }
        let order = try ExportDates(samples: samples, field: "dates", path: path, given: nil, undecidedDayFirst: false)
        var x = AttendanceExtraction(path: path)
        x.account.layout.append(tabbed ? "tab-separated" : "comma-separated")
        x.account.layout.append(order.isDayFirst ? "dates day-first" : "dates month-first")
        var layout: Layout?
        try lines.forEach { line in
            if layout == nil {
                if sectionTitle(line.fields) != nil {
                    layout = .sections(SectionedReport(event: event, order: order))
                } else if line.fields.map(ExportText.normalisedHeader).starts(with: ["full name", "user action", "timestamp"]) {
                    layout = .events(EventTable(event: event, order: order))
                    x.account.layout.append("single table of join and leave events (older layout)")
                    return
                } else {
                    let seen = ExportSniffer.looksLike([line.fields.joined(separator: ",")]).map { " (it looks like \($0))" } ?? ""
                    throw ImportError("\(path): not \(ImportFormat.teams.exportName)\(seen): expected '1. Summary' or the columns Full Name, User Action, Timestamp; found: \(line.fields.joined(separator: ", "))")
                }
            }
            switch layout! {
            case .sections(var report): try report.take(line, into: &x); layout = .sections(report)
            case .events(var table): table.take(line, into: &x); layout = .events(table)
            }
        }
        switch layout {
        case .sections(let report): try report.finish(into: &x)
        case .events(let table): table.finish(into: &x)
        case nil: throw ImportError("\(path): the file is empty")
        }
        return x
    }

    private enum Layout {
        case sections(SectionedReport)
        case events(EventTable)
    }

    /// The lines of a report as fields, streamed through WeftIO's `InputSource` (which detects and
    /// transcodes UTF-16), with the delimiter named because a sectioned report's first line
    /// ("1. Summary") cannot show it. Blank lines are skipped.
    private struct NumberedLines {
        let path: String
        let delimiter: UInt8

        func forEach(_ body: ((number: Int, fields: [String])) throws -> Void) throws {
            var options = ReadingOptions()
            options.delimiter = delimiter
            let reader = try InputSource.open(path: path, options: options)
            try body((reader.headerLine, reader.header.map { $0.trimmedSpace }))
            try reader.forEachRecord { record in
                try body((record.line, (0..<record.fieldCount).map { record.displayString($0).trimmedSpace }))
            }
        }
    }

    /// `1. Summary` → "summary" (the title of a numbered section heading), else nil.
    private static func sectionTitle(_ fields: [String]) -> String? {
        guard fields.count >= 1, fields.dropFirst().allSatisfy(\.isEmpty) else { return nil }
        let parts = fields[0].split(separator: ".", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy(\.isNumber) else { return nil }
        return parts[1].trimmedSpace.lowercased()
    }

    /// Whether a field is a date-time the report wrote (numbers with `/`, `.` or `-` and a clock
    /// time), the values whose layout `ExportDates` works out for the whole file.
    static func looksLikeDateTime(_ field: String) -> Bool {
        field.first?.isNumber == true && field.contains(":") && field.contains { "/.-".contains($0) }
    }

    /// The current layout, read section by section.
    private struct SectionedReport {
        let event: String?
        let order: ExportDates
        var section = ""
        var title = "", start: Int64?
        var table: JoinTable?
        var participantRows = 0, activityLines = 0
        var usesActivities = false

        init(event: String?, order: ExportDates) { (self.event, self.order) = (event, order) }

        mutating func take(_ line: (number: Int, fields: [String]), into x: inout AttendanceExtraction) throws {
            if let title = sectionTitle(line.fields) {
                if section == "summary" || (x.meetings.isEmpty && title != "summary") { openMeeting(&x) }
                section = title
                table = nil
                return
            }
            switch section {
            case "summary" where line.fields.count >= 2:
                switch ExportText.normalisedHeader(line.fields[0]) {
                case "meeting title", "title": title = line.fields[1]
                case "start time", "meeting start time": start = order.seconds(line.fields[1])
                default: break
                }
            case "participants":
                participantRows += 1
                try readJoins(line, joinColumn: ["first join", "join time"], leaveColumn: ["last leave", "leave time"],
                              durationColumn: ["in-meeting duration", "duration", "attendance duration"], into: &x)
            case "in-meeting activities":
                activityLines += 1
                // Section 2 already holds each person's total: the join lines are counted, not read.
                guard participantRows == 0 else { return }
                usesActivities = true
                try readJoins(line, joinColumn: ["join time", "first join"], leaveColumn: ["leave time", "last leave"],
                              durationColumn: ["duration", "in-meeting duration"], into: &x)
            default:
                break
            }
        }

        private mutating func openMeeting(_ x: inout AttendanceExtraction) {
            x.meetings.append(Meeting(key: event ?? (title.isEmpty ? ExportText.stem(x.account.path) : title), topic: title, start: start))
        }

        /// The first line of a table is its header; every later line is one join.
        private mutating func readJoins(_ line: (number: Int, fields: [String]), joinColumn: [String], leaveColumn: [String],
                                        durationColumn: [String], into x: inout AttendanceExtraction) throws {
            guard let table else {
                table = try JoinTable(header: line, joinColumn: joinColumn, leaveColumn: leaveColumn, durationColumn: durationColumn,
                                      path: x.account.path)
                return
            }
            table.read(line, order: order, into: &x)
        }

        func finish(into x: inout AttendanceExtraction) throws {
            if participantRows > 1 {
                x.account.layout.append("sections: summary, participants" + (activityLines > 1 ? ", in-meeting activities (\(activityLines - 1) join lines, totals taken from participants)" : ""))
            } else if usesActivities && activityLines > 1 {
                x.account.layout.append("sections: summary, in-meeting activities (joins summed per person)")
            } else {
                throw ImportError("\(x.account.path): a sectioned Teams report without a '2. Participants' or '3. In-Meeting Activities' table")
            }
        }
    }

    /// The columns of a participants or activities table.
    private struct JoinTable {
        let header: [String]
        let name: Int, join: Int, leave: Int?, duration: Int?, email: Int?, upn: Int?, role: Int?

        init(header line: (number: Int, fields: [String]), joinColumn: [String], leaveColumn: [String], durationColumn: [String],
             path: String) throws {
            header = line.fields
            let normalised = line.fields.map(ExportText.normalisedHeader)
            func find(_ names: [String]) -> Int? { normalised.firstIndex { names.contains($0) } }
            guard let name = find(["name", "full name", "participant"]), let join = find(joinColumn) else {
                throw ImportError("\(path):\(line.number): the table needs Name and \(joinColumn[0]) columns; found: \(line.fields.joined(separator: ", "))")
            }
            (self.name, self.join) = (name, join)
            (leave, duration) = (find(leaveColumn), find(durationColumn))
            (email, upn, role) = (find(["email", "e-mail"]), find(["participant id (upn)", "upn"]), find(["role"]))
        }

        func read(_ row: (number: Int, fields: [String]), order: ExportDates, into x: inout AttendanceExtraction) {
            x.account.rowsRead += 1
            func cell(_ i: Int?) -> String { i.flatMap { $0 < row.fields.count ? row.fields[$0] : nil } ?? "" }
            var mail = cell(email)
            if mail.isEmpty && cell(upn).contains("@") { mail = cell(upn) }
            let person = Participant(name: cell(name), email: mail)
            if person.name.isEmpty && person.email.isEmpty {
                x.reject(line: row.number, column: name + 1, field: header[name], "neither a name nor an email")
                return
            }
            guard let joined = order.seconds(cell(join)) else {
                x.reject(line: row.number, column: join + 1, field: header[join], value: cell(join), "not a date-time")
                return
            }
            let seconds: Int64
            if let d = duration, let s = PlatformDuration.seconds(cell(d)) {
                seconds = s
            } else if let l = leave, let left = order.seconds(cell(l)), left >= joined {
                seconds = left - joined
            } else {
                let column = duration ?? leave ?? join
                x.reject(line: row.number, column: column + 1, field: header[column], value: cell(column),
                         "no readable duration (like 1h 2m 28s) and no leave time after the join")
                return
            }
            x.addJoin(meeting: 0, participant: person, start: joined, seconds: seconds,
                      role: MeetingRole(platformLabel: cell(role)), line: row.number)
        }
    }

    /// The older single table: Joined / Joined before / Left events per person. A join is closed
    /// by the person's next Left (or next Joined), or at the end by the last time in the file.
    private struct EventTable {
        let event: String?
        let order: ExportDates
        var open: [String: (person: Participant, since: Int64, line: Int)] = [:]
        var openOrder: [String] = []
        var latest: Int64 = .min

        init(event: String?, order: ExportDates) { (self.event, self.order) = (event, order) }

        private func openMeeting(_ x: inout AttendanceExtraction) {
            if x.meetings.isEmpty { x.meetings.append(Meeting(key: event ?? ExportText.stem(x.account.path), topic: "", start: nil)) }
        }

        mutating func take(_ row: (number: Int, fields: [String]), into x: inout AttendanceExtraction) {
            openMeeting(&x)
            x.account.rowsRead += 1
            let cells = row.fields + Array(repeating: "", count: max(0, 3 - row.fields.count))
            let person = Participant(name: cells[0], email: "")
            if person.name.isEmpty {
                x.reject(line: row.number, column: 1, field: "Full Name", "the name is empty")
                return
            }
            guard let time = order.seconds(cells[2]) else {
                x.reject(line: row.number, column: 3, field: "Timestamp", value: cells[2], "not a date-time")
                return
            }
            latest = max(latest, time)
            let key = person.key
            switch cells[1].lowercased() {
            case "joined", "joined before":
                // Every row counts once: a Joined row is accepted when read, so closing its join
                // later (addJoin counts a row) takes that count back.
                if let before = open[key] { close(before, at: time, into: &x) }
                open[key] = (person, time, row.number)
                if !openOrder.contains(key) { openOrder.append(key) }
                x.accept()
            case "left":
                guard let since = open[key] else {
                    x.reject(line: row.number, column: 2, field: "User Action", value: cells[1], "left without having joined")
                    return
                }
                guard time >= since.since else {
                    x.reject(line: row.number, column: 3, field: "Timestamp", value: cells[2], "left before joining")
                    return
                }
                open[key] = nil
                x.addJoin(meeting: 0, participant: person, start: since.since, seconds: time - since.since, role: .attendee, line: since.line)
            default:
                x.reject(line: row.number, column: 2, field: "User Action", value: cells[1], "expected Joined, Joined before or Left")
            }
        }

        private func close(_ join: (person: Participant, since: Int64, line: Int), at time: Int64, into x: inout AttendanceExtraction) {
            x.addJoin(meeting: 0, participant: join.person, start: join.since, seconds: time - join.since, role: .attendee, line: join.line)
            x.account.accepted -= 1
        }

        /// Joins never followed by a leave last until the last time in the file.
        func finish(into x: inout AttendanceExtraction) {
            openMeeting(&x)
            for key in openOrder {
                if let still = open[key] { close(still, at: latest, into: &x) }
            }
        }
    }
}
