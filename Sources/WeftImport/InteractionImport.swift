import WeftGraph
import WeftIO

/// Settings of a conversation import (`weft import whatsapp|email`).
public struct InteractionImportSettings: Sendable {
    public var format: ImportFormat
    /// Keep people not in the roster as members with `guest` = 1 (default: left out and counted).
    public var keepUnmatched = false
    /// Member ids, emails or phone numbers whose records are left out (in either direction).
    public var exclude: [String] = []
    public var thresholds = MatchThresholds()
    /// With a key, every member id written becomes its keyed pseudonym.
    public var pseudonymKey: [UInt8]?
    /// The layout of the export's dates (`--date-format`); nil: detected from the values.
    public var dateFormat: DateFormat?
    /// WhatsApp: a message answers the previous one when it came within this many minutes.
    public var replyWindowMinutes = 30.0
    /// Email: each recipient gets weight 1 / recipients (`split`) or 1 (`full`).
    public var emailWeight = EmailWeight.split
    /// Email: the instant (00:00 UTC of `--date`) given to records of an Outlook CSV export, which has no dates.
    public var defaultDate: Int64?

    public init(format: ImportFormat) { self.format = format }
}

/// How an email's weight is shared among its recipients.
public enum EmailWeight: String, Sendable, CaseIterable {
    /// 1 / number of recipients to each (a message to 20 people says less about each tie).
    case split
    /// 1 to each recipient.
    case full
}

/// Turns conversation exports into Weft's interactions.csv rows: reads each input with its
/// format's parser (which applies the format's rule: who a message is directed to), resolves
/// source and target through the same `PersonResolver` as attendance imports, and leaves out, in
/// this order: unresolved people (counted), excluded members, and records from a member to
/// themselves (a person writing under two names).
///
/// Cost: O(records + people · roster) time; memory proportional to the records kept, never to the file.
public struct InteractionImport: Sendable {
    public let settings: InteractionImportSettings

    public init(settings: InteractionImportSettings) { self.settings = settings }

    /// One row of interactions.csv.
    public struct Row: Sendable, Equatable {
        public var source: String
        public var target: String
        /// ISO 8601: `…Z` when the export gave UTC (email), else the clock time it showed.
        public var timestamp: String
        public var weight: Double
        public var type: String
    }

    public struct Outcome: Sendable {
        public var rows: [Row] = []
        public var newMembers: [ImportedMember] = []
        public var accounts: [InputAccount] = []
        public var rejects: [Reject] = []
        public var matches: [SurveyImport.MatchEntry] = []
        /// Records the rules made, by rule; records left out by a parser rule, by reason.
        public var byRule: [String: Int] = [:]
        public var dropped: [String: Int] = [:]
        /// Distinct people seen, and those matched by email and by phone.
        public var people = 0
        public var matchedByEmail = 0
        public var matchedByPhone = 0
        public var guests = 0
        /// Records left out because a side was unresolved, excluded, or both were one member.
        public var unresolved = 0
        public var excluded = 0
        public var selfLoops = 0
    }

    /// The `type` written for the format's records.
    var type: String { settings.format == .email ? "email" : "chat" }

    /// Reads, resolves and converts `inputs` (several files of the format are merged).
    public func run(inputs: [String], roster: MemberTable?, decisions: [ReviewDecision] = []) throws -> Outcome {
        var outcome = Outcome()
        var people = PersonResolver(roster: roster, thresholds: settings.thresholds, decisions: decisions, keepUnmatched: settings.keepUnmatched)
        var resolved: [String: String?] = [:]   // person key → member id (nil: left out)
        let excluded = Set(settings.exclude.map { $0.lowercased() })
        func member(_ p: Participant, _ firstSeen: String) -> String? {
            if let known = resolved[p.key] { return known }
            let m = people.resolve(p, firstSeen: firstSeen)
            resolved[p.key] = .some(m)
            return m
        }
        func isExcluded(_ id: String, _ p: Participant) -> Bool {
            excluded.contains(id.lowercased()) || (!p.email.isEmpty && excluded.contains(p.email.lowercased()))
                || (!p.phone.isEmpty && excluded.contains(where: { !PhoneNumber.digits($0).isEmpty && PhoneNumber.digits($0) == PhoneNumber.digits(p.phone) }))
        }
        for path in inputs {
            let x = try read(path)
            outcome.accounts.append(x.account)
            outcome.rejects += x.rejects
            for (reason, n) in x.dropped { outcome.dropped[reason, default: 0] += n }
            for c in x.contacts {
                outcome.byRule[c.rule, default: 0] += 1
                guard let s = member(c.source, c.firstSeen), let t = member(c.target, c.firstSeen) else { outcome.unresolved += 1; continue }
                if isExcluded(s, c.source) || isExcluded(t, c.target) { outcome.excluded += 1; continue }
                if s == t { outcome.selfLoops += 1; continue }
                let stamp = c.utc ? Timestamp.formatDateTime(c.time) : String(Timestamp.formatDateTime(c.time).dropLast())
                outcome.rows.append(Row(source: s, target: t, timestamp: stamp, weight: c.weight, type: type))
            }
        }
        outcome.people = resolved.count
        outcome.matches = people.matches
        outcome.newMembers = people.newMembers
        (outcome.matchedByEmail, outcome.matchedByPhone, outcome.guests) = (people.matchedByEmail, people.matchedByPhone, people.guests)
        if let key = settings.pseudonymKey {
            for i in outcome.rows.indices {
                outcome.rows[i].source = Pseudonym.of(outcome.rows[i].source, key: key)
                outcome.rows[i].target = Pseudonym.of(outcome.rows[i].target, key: key)
            }
            outcome.newMembers = outcome.newMembers.map { ImportedMember(id: Pseudonym.of($0.id, key: key), name: "", email: "", guest: $0.guest) }
        }
        outcome.rows.sort { ($0.timestamp, $0.source, $0.target) < ($1.timestamp, $1.source, $1.target) }
        return outcome
    }

    private func read(_ path: String) throws -> InteractionExtraction {
        try ExportSniffer.check(path: path, as: settings.format)
        switch settings.format {
        case .whatsapp:
            return try WhatsAppChat.read(path: path, dateFormat: settings.dateFormat, replyWindowSeconds: Int64(settings.replyWindowMinutes * 60))
        case .email:
            return try Mailbox.read(path: path, weight: settings.emailWeight, defaultDate: settings.defaultDate)
        case .zoom, .teams, .meet:
            throw ImportError("\(settings.format.exportName) becomes attendance, not interactions")
        }
    }
}
