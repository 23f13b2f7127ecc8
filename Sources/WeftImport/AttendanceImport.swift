import WeftGraph
import WeftIO

/// Settings of an attendance import (`weft import zoom|teams`).
public struct AttendanceImportSettings: Sendable {
    public var format: ImportFormat
    /// A person's summed time in a meeting below this many minutes is dropped (and counted).
    public var minMinutes = 10.0
    /// Keep people not in the roster as members with `guest` = 1 (default: left out and counted).
    public var keepUnmatched = false
    /// Member ids or emails (case-insensitive) whose attendance is left out: hosts, organisers.
    public var exclude: [String] = []
    public var thresholds = MatchThresholds()
    /// With a key, every member id written becomes its keyed pseudonym (as `weft analyze
    /// --pseudonymise --pseudonym-key-file` writes it) and names and emails are not written.
    public var pseudonymKey: [UInt8]?
    /// The event key of exports that carry no meeting id or title.
    public var event: String?
    /// The layout of the export's dates (`--date-format`; Meet); nil: detected from the values.
    public var dateFormat: DateFormat?

    public init(format: ImportFormat) { self.format = format }
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

    /// A member created by the import: everyone seen when there is no roster, and guests.
    public typealias NewMember = ImportedMember

    public struct Outcome: Sendable {
        public var rows: [Row] = []
        public var newMembers: [NewMember] = []
        public var accounts: [InputAccount] = []
        public var rejects: [Reject] = []
        public var matches: [SurveyImport.MatchEntry] = []
        public var decisions: [ReviewDecision] = []
        /// People seen (distinct per meeting), and what became of them.
        public var presences = 0
        public var joinsSummed = 0
        public var matchedByEmail = 0
        public var unmatchedLeftOut = 0
        public var guests = 0
        public var excluded = 0
        public var belowMinimum = 0
        /// Presences of two texts (a laptop and a phone, say) that resolved to one member in one meeting.
        public var mergedSameMember = 0
    }

    /// Reads, resolves and converts `inputs` (several files of the format are merged).
    public func run(inputs: [String], roster: MemberTable?, decisions: [ReviewDecision] = []) throws -> Outcome {
        var outcome = Outcome()
        outcome.decisions = decisions
        var people = PersonResolver(roster: roster, thresholds: settings.thresholds, decisions: decisions, keepUnmatched: settings.keepUnmatched)
        var merged: [String: Int] = [:]    // event + member → index in rows
        var seconds: [Int64] = []
        let excluded = Set(settings.exclude.map { $0.lowercased() })
        for path in inputs {
            let extraction = try read(path)
            outcome.accounts.append(extraction.account)
            outcome.rejects += extraction.rejects
            for p in extraction.presences {
                outcome.presences += 1
                outcome.joinsSummed += p.joins - 1
                guard let member = people.resolve(p.participant, firstSeen: p.firstSeen) else {
                    outcome.unmatchedLeftOut += 1
                    continue
                }
                if excluded.contains(member.lowercased()) || (!p.participant.email.isEmpty && excluded.contains(p.participant.email.lowercased())) {
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
        outcome.matches = people.matches
        outcome.newMembers = people.newMembers
        (outcome.matchedByEmail, outcome.guests) = (people.matchedByEmail, people.guests)
        if let key = settings.pseudonymKey {
            for i in kept.indices { kept[i].member = Pseudonym.of(kept[i].member, key: key) }
            outcome.newMembers = outcome.newMembers.map { NewMember(id: Pseudonym.of($0.id, key: key), name: "", email: "", guest: $0.guest) }
        }
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
        case .whatsapp, .email: throw ImportError("\(settings.format.exportName) becomes interactions, not attendance")
        }
    }
}

/// Keyed pseudonyms, as `weft analyze --pseudonymise --pseudonym-key-file` computes them:
/// `p` + the first 16 hex digits of HMAC-SHA256(key, id), so imports and analyses agree.
public enum Pseudonym {
    public static func of(_ id: String, key: [UInt8]) -> String {
        "p" + SHA256.hex(Array(SHA256.hmac(key: key, message: Array(id.utf8)).prefix(8)))
    }
}
