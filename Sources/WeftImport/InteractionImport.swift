import WeftGraph
import WeftIO

/// Settings of a conversation import (`weft import whatsapp|email|slack`): the shared ones
/// (`ImportSettings`, read through as if they were this type's own) and each format's rule settings.
@dynamicMemberLookup
public struct InteractionImportSettings: Sendable {
    public var common: ImportSettings
    /// WhatsApp: a message answers the previous one when it came within this many minutes.
    public var replyWindowMinutes = 30.0
    /// Email: each recipient gets weight 1 / recipients (`split`) or 1 (`full`).
    public var emailWeight = EmailWeight.split
    /// Email: the instant (00:00 UTC of `--date`) given to records of an Outlook CSV export, which has no dates.
    public var defaultDate: Int64?
    /// Slack: the weight of a reaction record (replies and mentions weigh 1).
    public var reactionWeight = 0.25

    public init(format: ImportFormat) { common = ImportSettings(format: format) }

    public subscript<T>(dynamicMember path: WritableKeyPath<ImportSettings, T>) -> T {
        get { common[keyPath: path] }
        set { common[keyPath: path] = newValue }
    }
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
/// Cost: O(records · log records + people · roster) time; memory proportional to the rows kept
/// (about 80 bytes each with short member ids), never to the file.
public struct InteractionImport: Sendable {
    public let settings: InteractionImportSettings

    public init(settings: InteractionImportSettings) { self.settings = settings }

    /// One row of interactions.csv. The time is held as a number and written as text only when
    /// asked for, so that millions of rows cost little memory.
    public struct Row: Sendable, Equatable {
        public var source: String
        public var target: String
        /// Seconds since 1970-01-01 00:00: UTC when `utc`, else the clock time the export showed.
        public var time: Int64
        public var utc: Bool
        public var weight: Double
        public var type: String

        /// ISO 8601: `…Z` when the export gave UTC (email, Slack), else the clock time it showed.
        public var timestamp: String {
            utc ? Timestamp.formatDateTime(time) : String(Timestamp.formatDateTime(time).dropLast())
        }
    }

    public struct Outcome: Sendable {
        public var rows: [Row] = []
        public var people = ResolvedPeople()
        public var accounts: [InputAccount] = []
        public var rejects: [Reject] = []
        /// Records the rules made, by rule; records left out by a parser rule, by reason.
        public var byRule: [String: Int] = [:]
        public var dropped: [String: Int] = [:]
        /// Records left out because a side was unresolved, excluded, or both were one member.
        public var unresolved = 0
        public var excluded = 0
        public var selfLoops = 0
    }

    /// Reads, resolves and converts `inputs` (several files of the format are merged).
    public func run(inputs: [String], roster: MemberTable?, decisions: [ReviewDecision] = []) throws -> Outcome {
        var outcome = Outcome()
        var people = ImportPeople(settings: settings.common, roster: roster, decisions: decisions)
        // Each record is resolved as the parser makes it (never held as a Contact).
        let take: (Contact) -> Void = { c in
            outcome.byRule[c.rule, default: 0] += 1
            guard let s = people.member(c.source, firstSeen: c.firstSeen), let t = people.member(c.target, firstSeen: c.firstSeen) else {
                outcome.unresolved += 1
                return
            }
            if people.isExcluded(s, c.source) || people.isExcluded(t, c.target) { outcome.excluded += 1; return }
            if s == t { outcome.selfLoops += 1; return }
            outcome.rows.append(Row(source: people.written(s), target: people.written(t), time: c.time, utc: c.utc, weight: c.weight, type: c.type))
        }
        for path in inputs {
            let x = try read(path, sink: take)
            outcome.accounts.append(x.account)
            outcome.rejects += x.rejects
            for (reason, n) in x.dropped { outcome.dropped[reason, default: 0] += n }
        }
        outcome.people = people.outcome
        outcome.rows.sort { ($0.time, $0.source, $0.target, $0.type) < ($1.time, $1.source, $1.target, $1.type) }
        return outcome
    }

    private func read(_ path: String, sink: @escaping (Contact) -> Void) throws -> InteractionExtraction {
        try ExportSniffer.check(path: path, as: settings.format)
        switch settings.format {
        case .whatsapp:
            return try WhatsAppChat.read(path: path, dateFormat: settings.dateFormat, replyWindowSeconds: Int64(settings.replyWindowMinutes * 60), sink: sink)
        case .email:
            return try Mailbox.read(path: path, weight: settings.emailWeight, defaultDate: settings.defaultDate, sink: sink)
        case .slack:
            return try SlackExport.read(path: path, settings: settings, sink: sink)
        case .zoom, .teams, .meet, .ics:
            throw ImportError("\(settings.format.exportName) becomes attendance, not interactions")
        }
    }
}
