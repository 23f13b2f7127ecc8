import WeftGraph

/// Resolves texts (names, emails, ids) to members through one `NameMatcher` with a person's review
/// decisions applied, remembering each distinct text's outcome and keeping the account that the
/// match report and the review file are written from: every outcome that is not exact (an id, an
/// email, or a name spelt as the roster spells it) is listed once per role, with its occurrences
/// and where it was first seen.
///
/// Used by `weft survey import` (respondents and nominees) and `weft import` (participants and
/// senders of platform exports), so both share one matcher, one report and one review workflow.
public struct MatchLedger: Sendable {
    public private(set) var matcher: NameMatcher
    /// Every distinct (role, text) with a non-exact outcome, in order of first appearance.
    public private(set) var entries: [SurveyImport.MatchEntry] = []
    /// Distinct texts resolved, by outcome.
    public private(set) var distinct: [MatchMethod: Int] = [:]
    private var cache: [String: NameMatch] = [:]
    private var entryIndex: [String: Int] = [:]

    public init(members: MemberTable, thresholds: MatchThresholds, decisions: [ReviewDecision] = []) {
        matcher = NameMatcher(members: members, thresholds: thresholds)
        for d in decisions { matcher.decide(d.text, member: d.member) }
    }

    /// The member `text` names (nil while it waits for review, is ambiguous or unmatched).
    /// `firstSeen` (file:line:column) is evaluated only for the first occurrence of a listed text.
    /// `listUnmatched: false` leaves texts that match nobody out of the entries.
    public mutating func resolve(_ text: String, role: String, listUnmatched: Bool = true, firstSeen: @autoclosure () -> String) -> Int32? {
        let m = outcome(of: text)
        // Exact ids, emails and names (the text is a member's name as the roster spells it) are
        // not listed; every other outcome is.
        let exact = m.method == .id || m.method == .email
            || (m.method == .name && m.member.map { matcher.names[Int($0)] == text.trimmingCharacters(in: .whitespaces) } == true)
        if !exact && (listUnmatched || m.method != .unmatched) {
            let key = role + "\u{0}" + text
            if let i = entryIndex[key] {
                entries[i].occurrences += 1
            } else {
                entryIndex[key] = entries.count
                entries.append(SurveyImport.MatchEntry(role: role, text: text, occurrences: 1, firstSeen: firstSeen(), match: m))
            }
        }
        return m.method.isMatched ? m.member : nil
    }

    /// The matcher's outcome for `text`, without listing it.
    public mutating func outcome(of text: String) -> NameMatch {
        if let known = cache[text] { return known }
        let m = matcher.match(text)
        cache[text] = m
        distinct[m.method, default: 0] += 1
        return m
    }

    /// Drops the entries of one role (a role used only to resolve, not to report).
    public mutating func removeEntries(role: String) {
        entries.removeAll { $0.role == role }
        entryIndex = [:]
        for (i, e) in entries.enumerated() { entryIndex[e.role + "\u{0}" + e.text] = i }
    }
}
