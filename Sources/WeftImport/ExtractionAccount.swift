import WeftIO

/// How one input went: rows read = accepted + rejected, always.
///
/// A row read is the unit the format's parser counts (a CSV row of a meeting report, a chat
/// message, an mbox message, a Slack message, a VEVENT). It is either rejected (listed in
/// rejects.csv with file:line and the reason) or accepted. An accepted row may still make no
/// record: rows `skipped` by a stated rule (a waiting-room row, a bot or system message, a
/// cancelled event) are accepted and counted by reason, never rejected — so
/// rows read = accepted + rejected and skipped ≤ accepted.
public struct InputAccount: Sendable, Equatable {
    public var path: String
    /// What was recognised (layout, sections, date order), for the summary printed.
    public var layout: [String] = []
    public var rowsRead = 0
    public var accepted = 0
    public var rejected = 0
    /// Accepted rows skipped by a stated rule, by reason; they make no record.
    public var skipped: [String: Int] = [:]

    public init(path: String) { self.path = path }

    public var isBalanced: Bool { rowsRead == accepted + rejected }
}

/// What every parser hands over for one file besides its records: the account and the rejected
/// rows, kept by the one bookkeeping below (`AttendanceExtraction`, `InteractionExtraction`).
protocol AccountedExtraction {
    var account: InputAccount { get set }
    var rejects: [Reject] { get set }
}

extension AccountedExtraction {
    /// Counts a row accepted (it may make records, or none by a rule counted elsewhere).
    mutating func accept() { account.accepted += 1 }

    /// Counts a valid row that a stated rule leaves out (waiting room, bots, system lines).
    mutating func skip(_ reason: String) {
        account.accepted += 1
        account.skipped[reason, default: 0] += 1
    }

    /// Rejects one row, counting it. `file` names a file inside the input (a Slack export's day
    /// file) when it is not the input itself.
    mutating func reject(file: String? = nil, line: Int, column: Int? = nil, field: String? = nil, value: String? = nil, _ reason: String) {
        account.rejected += 1
        rejects.append(Reject(file: file ?? account.path, line: line, column: column, field: field, value: value, reason: reason))
    }
}
