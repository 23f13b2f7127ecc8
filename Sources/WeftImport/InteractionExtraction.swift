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
///
/// With a `sink`, each record goes to it as the parser makes it and `contacts` stays empty, so
/// that a 2 GB mailbox is never held as records (`InteractionImport` resolves them as they come);
/// without one (tests, fuzzing), they are kept in `contacts`.
public struct InteractionExtraction: AccountedExtraction {
    public var contacts: [Contact] = []
    public var rejects: [Reject] = []
    public var account: InputAccount
    /// Records not made, by the rule that left them out (a message no one answered, a list address).
    public var dropped: [String: Int] = [:]
    private let sink: ((Contact) -> Void)?

    public init(path: String, sink: ((Contact) -> Void)? = nil) {
        account = InputAccount(path: path)
        self.sink = sink
    }

    /// Hands over one record.
    mutating func add(_ contact: Contact) {
        if let sink { sink(contact) } else { contacts.append(contact) }
    }
}
