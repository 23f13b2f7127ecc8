import WeftGraph
import WeftIO

/// Settings of an attendance import (`weft import zoom|teams|meet|ics`): the shared ones
/// (`ImportSettings`, read through as if they were this type's own) and the attendance rules.
@dynamicMemberLookup
public struct AttendanceImportSettings: Sendable {
    public var common: ImportSettings
    /// A person's summed time in a meeting below this many minutes is dropped (and counted).
    public var minMinutes = 10.0
    /// The event key of exports that carry no meeting id or title.
    public var event: String?
    /// iCalendar: the most occurrences one recurring event is expanded to (events cut there are
    /// counted in the account).
    public var occurrenceLimit = CalendarFile.occurrenceLimit

    public init(format: ImportFormat) { common = ImportSettings(format: format) }

    public subscript<T>(dynamicMember path: WritableKeyPath<ImportSettings, T>) -> T {
        get { common[keyPath: path] }
        set { common[keyPath: path] = newValue }
    }
}

/// Turns attendance exports into Weft's attendance.csv rows: reads each input with its format's
/// parser, resolves every person (email, then name through the shared `MatchLedger` and review
/// decisions; or, without a roster, creates members from the people seen), merges a member's
/// presences in one meeting, and applies the stated rules in this order: resolve → exclude →
/// merge per (meeting, member) → drop below `minMinutes`.
///
/// Cost: O(rows + people · roster) time (fuzzy matching dominates for large rosters), memory
/// proportional to the distinct presences, never to the file.
public struct AttendanceImport: Sendable {
    public let settings: AttendanceImportSettings

    public init(settings: AttendanceImportSettings) { self.settings = settings }

    /// One row of attendance.csv.
    public struct Row: Sendable, Equatable {
        public var member: String
        public var event: String
        /// YYYY-MM-DD of the meeting's start (the clock date the export shows).
        public var date: String
        public var role: MeetingRole
        public var topic: String
        /// Minutes present, summed over joins, to two decimals.
        public var minutes: Double
    }

    public struct Outcome: Sendable {
        public var rows: [Row] = []
        public var people = ResolvedPeople()
        public var accounts: [InputAccount] = []
        public var rejects: [Reject] = []
        /// People seen (distinct per meeting), and what became of them.
        public var presences = 0
        public var joinsSummed = 0
        public var unmatchedLeftOut = 0
        public var excluded = 0
        public var belowMinimum = 0
        /// Presences of two texts (a laptop and a phone, say) that resolved to one member in one meeting.
        public var mergedSameMember = 0
    }

    /// Reads, resolves and converts `inputs` (several files of the format are merged).
    public func run(inputs: [String], roster: MemberTable?, decisions: [ReviewDecision] = []) throws -> Outcome {
        var outcome = Outcome()
        var people = ImportPeople(settings: settings.common, roster: roster, decisions: decisions)
        var merged: [String: Int] = [:]    // event + member → index in rows
        var seconds: [Int64] = []
        for path in inputs {
            let extraction = try read(path)
            outcome.accounts.append(extraction.account)
            outcome.rejects += extraction.rejects
            for p in extraction.presences {
                outcome.presences += 1
                outcome.joinsSummed += p.joins - 1
                guard let member = people.member(p.participant, firstSeen: p.firstSeen) else {
                    outcome.unmatchedLeftOut += 1
                    continue
                }
                if people.isExcluded(member, p.participant) {
                    outcome.excluded += 1
                    continue
                }
                let meeting = extraction.meetings[p.meeting]
                let date = meeting.start.map(Timestamp.formatDate) ?? ""
                let event = meeting.key + (date.isEmpty ? "" : " " + date)
                let key = event + "\u{0}" + member
                if let i = merged[key] {
                    seconds[i] += p.seconds
                    outcome.rows[i].role = max(outcome.rows[i].role, p.role)
                    outcome.mergedSameMember += 1
                } else {
                    merged[key] = outcome.rows.count
                    seconds.append(p.seconds)
                    outcome.rows.append(Row(member: member, event: event, date: date, role: p.role, topic: meeting.topic, minutes: 0))
                }
            }
        }
        var kept: [Row] = []
        for (i, var row) in outcome.rows.enumerated() {
            guard Double(seconds[i]) >= settings.minMinutes * 60 else { outcome.belowMinimum += 1; continue }
            row.minutes = (Double(seconds[i]) / 60 * 100).rounded() / 100
            kept.append(row)
        }
        outcome.people = people.outcome
        for i in kept.indices { kept[i].member = people.written(kept[i].member) }
        outcome.rows = kept.sorted { ($0.date, $0.event, $0.member) < ($1.date, $1.event, $1.member) }
        return outcome
    }

    /// Recognises the file first, so that another platform's export is named, not half-read.
    private func read(_ path: String) throws -> AttendanceExtraction {
        try ExportSniffer.check(path: path, as: settings.format)
        switch settings.format {
        case .zoom: return try ZoomParticipantsReport.read(path: path, event: settings.event)
        case .teams: return try TeamsAttendanceReport.read(path: path, event: settings.event)
        case .meet: return try MeetAttendanceReport.read(path: path, event: settings.event, dateFormat: settings.dateFormat)
        case .ics: return try CalendarFile.read(path: path, from: settings.from, to: settings.to, occurrenceLimit: settings.occurrenceLimit)
        case .whatsapp, .email, .slack: throw ImportError("\(settings.format.exportName) becomes interactions, not attendance")
        }
    }
}
