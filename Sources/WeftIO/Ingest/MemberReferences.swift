import WeftGraph

/// Whether records may name members by email or name, and how such names are matched.
public struct NameMatchingOptions: Sendable, Equatable {
    /// On, off, or nil: on when the members file has a name or email column (`--match-names`).
    public var enabled: Bool?
    public var thresholds = MatchThresholds()
    /// A `match-review.csv` whose decisions apply (`--match-review`).
    public var reviewFile: String?

    public init(enabled: Bool? = nil, thresholds: MatchThresholds = MatchThresholds(), reviewFile: String? = nil) {
        self.enabled = enabled
        self.thresholds = thresholds
        self.reviewFile = reviewFile
    }
}

/// How the member references of records that are not member ids were resolved: the account the
/// match report, the review file and the terminal summary are written from.
public struct MemberMatchAccount: Sendable {
    /// Every distinct (role, text) with a non-exact outcome, in order of first appearance; a text
    /// that matched nobody is listed only when it looks like a name or an email (it holds a space
    /// or an `@`) — otherwise it is an unknown id, left to `--unknown-members`.
    public internal(set) var entries: [SurveyImport.MatchEntry]
    /// Distinct texts by outcome (exact ids are not counted: they never reach the matcher).
    public internal(set) var distinct: [MatchMethod: Int]
    /// Decisions read from the review file (kept when it is written again).
    public internal(set) var decisions: [ReviewDecision]
    /// Rows rejected because a reference waits for review (ambiguous, or a close but uncertain name).
    public internal(set) var rowsWaiting: Int

    /// Texts that a person must still decide (listed in match-review.csv).
    public var waiting: [SurveyImport.MatchEntry] {
        entries.filter { $0.match.method == .review || $0.match.method == .ambiguous }
    }
}

/// Resolves the member named in a record's field: an exact member id (looked up as bytes, with no
/// allocation: the hot path); else, with name matching on, the member whose email (ignoring case)
/// or name the text is, through the same `MatchLedger` (and so the same matcher, thresholds and
/// review decisions) as `weft survey import`; else the unknown-member policy.
///
/// Precision first: a name that fits two members, or fits one only between the review and
/// auto-match thresholds, is never guessed — its row is rejected and the text waits in the review
/// file until a person decides. A decision of "nobody" leaves the text to the unknown-member policy.
///
/// The matcher (normalised names of the whole roster) is built on the first reference that is
/// not an id, so that records written with ids pay nothing for matching being on.
struct MemberReferences {
    let policy: UnknownMemberPolicy
    let membersFileGiven: Bool
    /// What names are matched against, with matching on; nil when it is off.
    private let roster: MemberTable?
    private let thresholds: MatchThresholds
    let decisions: [ReviewDecision]
    private var ledger: MatchLedger?
    private var rowsWaiting = 0

    init(policy: UnknownMemberPolicy, membersFileGiven: Bool, matchingAgainst roster: MemberTable? = nil,
         thresholds: MatchThresholds = MatchThresholds(), decisions: [ReviewDecision] = []) {
        self.policy = policy
        self.membersFileGiven = membersFileGiven
        self.roster = roster
        self.thresholds = thresholds
        self.decisions = decisions
    }

    /// The member named in `column` of `record`, or the reject saying why there is none.
    /// `role` names the column in the match report (`interactions source`, `attendance member`, …).
    mutating func resolve(_ record: borrowing CSVRecord, column: Int, role: String, in members: MemberTable,
                          context: RowContext) throws(Reject) -> MemberLookup {
        // One look at the bytes: the index of a known id, else the id as text (nil: not UTF-8).
        let found: (index: Int32?, text: String?, empty: Bool) = record.withTrimmedBytes(column) { bytes in
            if bytes.isEmpty { return (nil, nil, true) }
            if let index = members.ids.index(ofBytes: bytes, hash: record.keyHashes.hash(ofField: column)) { return (index, nil, false) }
            return (nil, UTF8Text.validated(bytes), false)
        }
        if found.empty { throw context.reject(record, column: column, "member id is empty") }
        if let index = found.index { return .known(index) }
        guard let text = found.text else { throw context.reject(record, column: column, "member id is not valid UTF-8") }
        // Control, invisible and odd space characters are refused before any name is matched.
        if let problem = IdentifierRules.problem(in: text) { throw context.reject(record, column: column, problem) }
        if let roster {
            if ledger == nil { ledger = MatchLedger(members: roster, thresholds: thresholds, decisions: decisions) }
            let looksLikeName = text.contains(" ") || text.contains("@")
            let member = ledger!.resolve(text, role: role, listUnmatched: looksLikeName, firstSeen: context.location(record, column: column))
            if let member { return .known(member) }
            let outcome = ledger!.outcome(of: text)
            if outcome.method == .review || outcome.method == .ambiguous {
                rowsWaiting += 1
                throw context.reject(record, column: column, MemberReferences.waitingReason(text, outcome, members: members))
            }
        }
        if policy == .reject && membersFileGiven {
            throw context.reject(record, column: column, "unknown member '\(text)' (not in the members file" + (roster == nil ? ")" : ", by id, email or name)"))
        }
        return .new(text)
    }

    /// Why a row waits: the text and its candidates, each quoted (so pseudonymised rejects redact them).
    static func waitingReason(_ text: String, _ m: NameMatch, members: MemberTable) -> String {
        func who(_ index: Int32?) -> String {
            guard let index else { return "''" }
            let name = members.names[Int(index)]
            return "'" + members.ids[index] + (name.isEmpty ? "" : " " + name) + "'"
        }
        if m.method == .ambiguous {
            return "'\(text)' fits \(who(m.member)) and \(who(m.runnerUp)) equally: it waits for a decision in match-review.csv"
        }
        return "'\(text)' may be \(who(m.member)) (similarity \(SurveyImportWriter.rounded(m.score))): it waits for a decision in match-review.csv"
    }

    /// The account of what was matched, or nil with matching off.
    var account: MemberMatchAccount? {
        guard roster != nil else { return nil }
        return MemberMatchAccount(entries: ledger?.entries ?? [], distinct: ledger?.distinct ?? [:], decisions: decisions, rowsWaiting: rowsWaiting)
    }
}
