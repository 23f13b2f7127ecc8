import WeftIO

/// One directed record of a conversation before people are resolved: who addressed whom, when,
/// by which rule, and where the message began (file:line).
public struct Contact: Sendable, Equatable {
    public var source: Participant
    public var target: Participant
    /// Seconds since 1970-01-01 00:00: UTC when `utc`, else the clock time the export shows.
    public var time: Int64
    public var utc: Bool
    /// The record's `type` in interactions.csv (`chat`, `email`; Slack: `reply`, `mention`, `reaction`).
    public var type: String
    public var weight: Double
    /// The rule that made the record (`mention`, `reply-window`, `recipient`), for the summary.
    public var rule: String
    public var firstSeen: String
}

/// What a conversation parser hands over for one file: the records, the rejected lines and the
/// account (lines or messages read = accepted + rejected).
public struct InteractionExtraction: Sendable, AccountedExtraction {
    public var contacts: [Contact] = []
    public var rejects: [Reject] = []
    public var account: InputAccount
    /// Records not made, by the rule that left them out (a message no one answered, a list address).
    public var dropped: [String: Int] = [:]

    public init(path: String) { account = InputAccount(path: path) }
}
