import WeftIO

/// One directed record of a conversation before people are resolved: who addressed whom, when,
/// by which rule, and where the message began (file:line).
public struct Contact: Sendable, Equatable {
    public var source: Participant
    public var target: Participant
    /// Seconds since 1970-01-01 00:00: UTC when `utc`, else the clock time the export shows.
    public var time: Int64
    public var utc: Bool
    public var weight: Double
    /// The rule that made the record (`mention`, `reply-window`, `recipient`), for the summary.
    public var rule: String
    public var firstSeen: String
}

/// What a conversation parser hands over for one file: the records, the rejected lines and the
/// account (lines or messages read = accepted + rejected).
public struct InteractionExtraction: Sendable {
    public var contacts: [Contact] = []
    public var rejects: [Reject] = []
    public var account: InputAccount
    /// Records not made, by the rule that left them out (a message no one answered, a list address).
    public var dropped: [String: Int] = [:]

    public init(path: String) { account = InputAccount(path: path) }

    /// Counts a valid unit (a message, a line) that a stated rule leaves out.
    mutating func skip(_ reason: String) {
        account.accepted += 1
        account.skipped[reason, default: 0] += 1
    }

    /// Rejects one unit, counting it.
    mutating func reject(line: Int, column: Int? = nil, field: String? = nil, value: String? = nil, _ reason: String) {
        account.rejected += 1
        rejects.append(Reject(file: account.path, line: line, column: column, field: field, value: value, reason: reason))
    }
}
