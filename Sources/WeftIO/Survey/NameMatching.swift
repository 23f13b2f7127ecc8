import Foundation
import WeftGraph

/// Jaro–Winkler similarity of two strings, compared by Unicode scalar.
///
/// Jaro: with m matching characters (equal and no further apart than ⌊max(|a|,|b|)/2⌋ − 1) and t
/// half the number of matched characters out of order, J = (m/|a| + m/|b| + (m − t)/m) / 3
/// (0 when m = 0). Winkler's boost, applied when J > 0.7: JW = J + ℓ·p·(1 − J) with ℓ the
/// common prefix length up to 4 and p = 0.1. Identical strings (including two empty ones) score 1,
/// as in rapidfuzz; the values match rapidfuzz's `JaroWinkler.similarity` and jellyfish's
/// `jaro_winkler_similarity` (fixture `Tests/WeftIOTests/Survey/Fixtures/jaro_winkler.json`).
///
/// Reference: W. E. Winkler, "String comparator metrics and enhanced decision rules in the
/// Fellegi–Sunter model of record linkage", Proc. Section on Survey Research Methods, ASA, 1990.
public enum JaroWinkler {
    public static let prefixScale = 0.1
    public static let boostThreshold = 0.7

    public static func similarity(_ a: String, _ b: String) -> Double {
        similarity(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }

    public static func similarity(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Double {
        var scratch = Scratch()
        return similarity(a, b, scratch: &scratch)
    }

    /// Flags of matched characters, reused across calls so that scoring one name against a whole
    /// roster allocates once.
    public struct Scratch {
        var matchedA: [Bool] = []
        var matchedB: [Bool] = []
        public init() {}
    }

    public static func similarity(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], scratch: inout Scratch) -> Double {
        if a == b { return 1 }
        if a.isEmpty || b.isEmpty { return 0 }
        let window = max(0, max(a.count, b.count) / 2 - 1)
        if scratch.matchedA.count < a.count { scratch.matchedA = [Bool](repeating: false, count: a.count) }
        if scratch.matchedB.count < b.count { scratch.matchedB = [Bool](repeating: false, count: b.count) }
        for i in 0..<a.count { scratch.matchedA[i] = false }
        for j in 0..<b.count { scratch.matchedB[j] = false }
        var m = 0
        for i in 0..<a.count {
            let lo = max(0, i - window), hi = min(b.count - 1, i + window)
            if lo > hi { continue }
            for j in lo...hi where !scratch.matchedB[j] && a[i] == b[j] {
                scratch.matchedA[i] = true
                scratch.matchedB[j] = true
                m += 1
                break
            }
        }
        if m == 0 { return 0 }
        var outOfOrder = 0, j = 0
        for i in 0..<a.count where scratch.matchedA[i] {
            while !scratch.matchedB[j] { j += 1 }
            if a[i] != b[j] { outOfOrder += 1 }
            j += 1
        }
        let md = Double(m)
        let jaro = (md / Double(a.count) + md / Double(b.count) + (md - Double(outOfOrder / 2)) / md) / 3
        guard jaro > boostThreshold else { return jaro }
        var prefix = 0
        while prefix < min(4, a.count, b.count) && a[prefix] == b[prefix] { prefix += 1 }
        return jaro + Double(prefix) * prefixScale * (1 - jaro)
    }

    /// An upper bound on the similarity of strings of lengths `p` and `q` (all of the shorter
    /// matched in order, full prefix boost), to skip candidates that cannot win.
    public static func bound(_ p: Int, _ q: Int) -> Double {
        guard p > 0, q > 0 else { return p == q ? 1 : 0 }
        let m = Double(min(p, q))
        let jaro = (m / Double(p) + m / Double(q) + 1) / 3
        return jaro > boostThreshold ? jaro + 4 * prefixScale * (1 - jaro) : jaro
    }
}

/// Person names reduced to a comparable form: lower case, accents removed, punctuation turned
/// into spaces (letters lost to a bad encoding round trip, `?` and U+FFFD, dropped), honorifics and
/// titles dropped, runs of spaces collapsed. `key` also sorts the
/// words, so "Silva, Ana" and "Dr. Ana SILVA" share the key "ana silva".
public enum PersonName {
    /// Titles dropped from names (compared after normalisation, so without dots or accents).
    public static let honorifics: Set<String> = [
        "mr", "mrs", "ms", "miss", "mx", "dr", "dra", "prof", "professor", "sir", "dame", "hon", "honourable",
        "honorable", "rev", "fr", "sr", "sra", "srta", "mme", "mlle", "herr", "frau", "eng", "ing", "he", "h e",
        "amb", "ambassador", "phd", "jr", "esq", "mrs.", "madam", "madame", "monsieur", "don", "dona",
    ]

    /// The normalised words of a name, in their original order.
    public static func words(_ name: String) -> [String] {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var words: [String] = []
        var current = ""
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if scalar == "'" || scalar == "\u{2019}" {
                continue   // O'Neil = ONeil
            } else if scalar == "\u{FFFD}" || scalar == "?" {
                continue   // a letter lost in a bad encoding round trip: F?tima, F\u{FFFD}tima ≈ Fatima
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        let kept = words.filter { !honorifics.contains($0) }
        return kept.isEmpty ? words : kept
    }

    /// The words joined by single spaces, in their original order.
    public static func normalised(_ name: String) -> String { words(name).joined(separator: " ") }

    /// The words sorted and joined: equal for the same name written in another word order.
    public static func key(_ name: String) -> String { words(name).sorted().joined(separator: " ") }

    /// A display name with a second name in parentheses, as Zoom writes a renamed participant
    /// (`Kwame A. (Kwame Asante)`): the text outside and the text inside; nil for any other text.
    public static func parenthesised(_ text: String) -> (outside: String, inside: String)? {
        guard text.hasSuffix(")"), let open = text.lastIndex(of: "(") else { return nil }
        let inside = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingCharacters(in: .whitespaces)
        let outside = text[..<open].trimmingCharacters(in: .whitespaces)
        guard !inside.isEmpty, !outside.isEmpty else { return nil }
        return (outside, inside)
    }
}

/// How a nomination's text was resolved to a member.
public enum MatchMethod: String, Sendable, CaseIterable {
    /// The text is a member id.
    case id
    /// The text is a member's email address (compared case-insensitively).
    case email
    /// The normalised name (case, accents, spaces, honorifics, word order) equals a member's.
    case name
    /// Jaro–Winkler similarity at or above the auto-match threshold.
    case fuzzy
    /// Resolved by a person in the review file (to a member, or to nobody when `member` is nil).
    case reviewed
    /// Similarity between the review and auto-match thresholds: waits in the review file.
    case review
    /// Two or more members fit equally well: waits in the review file.
    case ambiguous
    /// Nothing close enough; or a person decided in the review file that it is nobody.
    case unmatched

    /// Whether the text resolved to a member.
    public var isMatched: Bool { [.id, .email, .name, .fuzzy, .reviewed].contains(self) }
}

/// The outcome of matching one text.
public struct NameMatch: Sendable, Equatable {
    public var method: MatchMethod
    /// The member matched (or, for review and ambiguous, the best candidate).
    public var member: Int32?
    /// Jaro–Winkler similarity to `member` (1 for id, email and name matches).
    public var score: Double
    /// The runner-up candidate, when one exists (helps a reviewer).
    public var runnerUp: Int32?
    public var runnerUpScore: Double?
}

/// Thresholds of the fuzzy stage.
public struct MatchThresholds: Sendable, Equatable {
    /// At or above: matched automatically (listed in the match report).
    public var auto = 0.93
    /// At or above (and below `auto`): listed in the review file for a person to decide.
    public var review = 0.85

    public init(auto: Double = 0.93, review: Double = 0.85) {
        self.auto = auto
        self.review = review
    }
}

/// Resolves the names, emails or ids that respondents write to member ids, in this order:
/// exact id → email (case-insensitive) → normalised name (`PersonName.key`) → Jaro–Winkler
/// similarity of the normalised names (the higher of same-order and sorted-word comparisons)
/// at or above `thresholds.auto` → between `thresholds.review` and `auto` to the review list →
/// below, unmatched. A text with a second name in parentheses (`Kwame A. (Kwame Asante)`) is
/// matched by each part first. Decisions from a review file override everything but exact ids. A normalised
/// name shared by two members (unless only one has the words in the text's order), or two
/// members tied for the best score in both comparisons, is ambiguous.
public struct NameMatcher: Sendable {
    public let ids: IdentifierRegistry
    public let names: [String]
    public let thresholds: MatchThresholds
    /// Texts longer than this (in Unicode scalars, normalised) are not compared fuzzily.
    public static let longestFuzzyText = 200
    private let emailIndex: [String: Int32]
    private var keyIndex: [String: [Int32]] = [:]
    private let normalisedNames: [[Unicode.Scalar]]
    private let sortedNames: [[Unicode.Scalar]]
    private let nameWords: [[String]]
    /// Review decisions: normalised text → member index, or nil for "nobody".
    public private(set) var decisions: [String: Int32?] = [:]

    public init(members: MemberTable, thresholds: MatchThresholds = MatchThresholds()) {
        ids = members.ids
        names = members.names
        self.thresholds = thresholds
        var emails: [String: Int32] = [:]
        for (i, email) in members.emails.enumerated() where !email.isEmpty {
            emails[email.lowercased()] = Int32(i)
        }
        emailIndex = emails
        var normalised: [[Unicode.Scalar]] = [], sorted: [[Unicode.Scalar]] = [], allWords: [[String]] = []
        for (i, name) in members.names.enumerated() {
            let words = PersonName.words(name.isEmpty ? members.ids[Int32(i)] : name)
            allWords.append(words)
            normalised.append(Array(words.joined(separator: " ").unicodeScalars))
            let key = words.sorted().joined(separator: " ")
            sorted.append(Array(key.unicodeScalars))
            if !key.isEmpty { keyIndex[key, default: []].append(Int32(i)) }
        }
        normalisedNames = normalised
        sortedNames = sorted
        nameWords = allWords
    }

    /// The key under which review decisions are stored: the text as `PersonName.normalised` gives it.
    public static func reviewKey(_ text: String) -> String {
        let n = PersonName.normalised(text)
        return n.isEmpty ? text.trimmingCharacters(in: .whitespaces).lowercased() : n
    }

    /// Records a person's decision for `text`: a member, or nil for "not a member".
    public mutating func decide(_ text: String, member: Int32?) {
        decisions[NameMatcher.reviewKey(text)] = .some(member)
    }

    public func match(_ raw: String) -> NameMatch {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        // `Display (Original)`: each part is matched on its own, and a match is taken only when the
        // parts do not point at two members (the whole text is compared as it stands otherwise).
        if let parts = PersonName.parenthesised(text), decisions[NameMatcher.reviewKey(text)] == nil, ids.index(of: text) == nil {
            let inside = match(parts.inside), outside = match(parts.outside)
            let found = [inside, outside].filter { $0.method.isMatched }
            if let first = found.first {
                if found.count == 2 && inside.member != outside.member {
                    return NameMatch(method: .ambiguous, member: inside.member, score: inside.score,
                                     runnerUp: outside.member, runnerUpScore: outside.score)
                }
                return first
            }
        }
        if let index = ids.index(of: text) { return NameMatch(method: .id, member: index, score: 1) }
        if let decided = decisions[NameMatcher.reviewKey(text)] {
            return decided.map { NameMatch(method: .reviewed, member: $0, score: 1) }
                ?? NameMatch(method: .reviewed, member: nil, score: 0)
        }
        if text.contains("@"), let index = emailIndex[text.lowercased()] {
            return NameMatch(method: .email, member: index, score: 1)
        }
        let words = PersonName.words(text)
        let key = words.sorted().joined(separator: " ")
        let plain = Array(words.joined(separator: " ").unicodeScalars)
        if let found = keyIndex[key] {
            if found.count == 1 { return NameMatch(method: .name, member: found[0], score: 1) }
            // Several members share the words: the one whose words come in the same order wins if
            // it alone does ("Ana Silva Kamau" beside "Ana Kamau Silva").
            let sameOrder = found.filter { normalisedNames[Int($0)] == plain }
            if sameOrder.count == 1 { return NameMatch(method: .name, member: sameOrder[0], score: 1) }
            return NameMatch(method: .ambiguous, member: found[0], score: 1, runnerUp: found[1], runnerUpScore: 1)
        }
        // No fuzzy comparison for an empty text or one longer than any name (it costs O(length²)).
        guard !words.isEmpty, plain.count <= NameMatcher.longestFuzzyText else { return NameMatch(method: .unmatched, member: nil, score: 0) }
        let sorted = Array(key.unicodeScalars)
        // Candidates rank by score, then by the same-order score (so that of two members whose
        // sorted words tie, the one written in the respondent's order wins).
        var best: Int32 = -1, bestScore = -1.0, bestPlain = -1.0
        var second: Int32 = -1, secondScore = -1.0, secondPlain = -1.0
        var scratch = JaroWinkler.Scratch()
        for v in 0..<normalisedNames.count {
            // Both forms have the same length, so one bound serves both comparisons.
            if JaroWinkler.bound(plain.count, normalisedNames[v].count) < secondScore { continue }
            let p = JaroWinkler.similarity(plain, normalisedNames[v], scratch: &scratch)
            let s = max(p, JaroWinkler.similarity(sorted, sortedNames[v], scratch: &scratch))
            if (s, p) > (bestScore, bestPlain) {
                (second, secondScore, secondPlain) = (best, bestScore, bestPlain)
                (best, bestScore, bestPlain) = (Int32(v), s, p)
            } else if (s, p) > (secondScore, secondPlain) {
                (second, secondScore, secondPlain) = (Int32(v), s, p)
            }
        }
        guard best >= 0 else { return NameMatch(method: .unmatched, member: nil, score: 0) }
        var result = NameMatch(method: .unmatched, member: nil, score: bestScore,
                               runnerUp: second >= 0 ? second : nil, runnerUpScore: second >= 0 ? secondScore : nil)
        if bestScore >= thresholds.review {
            result.member = best
            if secondScore == bestScore && secondPlain == bestPlain { result.method = .ambiguous }
            else { result.method = bestScore >= thresholds.auto ? .fuzzy : .review }
        } else {
            result.member = best   // closest candidate, shown in the report for context
        }
        return partialName(words, plain: plain, sorted: sorted, fuzzy: result)
    }

    /// A part of a name (`Mensah`, `J. Mensah`: fewer words than the member's name, or initials):
    /// when it is part of two or more members' names it is ambiguous, whatever the similarity
    /// says; when it is part of one member's name only, it is matched only if the fuzzy stage
    /// matched it to that same member, and otherwise waits for review with that member as the
    /// candidate (ambiguous if the fuzzy stage matched someone else).
    private func partialName(_ words: [String], plain: [Unicode.Scalar], sorted: [Unicode.Scalar], fuzzy: NameMatch) -> NameMatch {
        var covering: [Int32] = []
        for v in 0..<nameWords.count where NameMatcher.isPart(words, of: nameWords[v]) { covering.append(Int32(v)) }
        var scratch = JaroWinkler.Scratch()
        func score(_ v: Int32) -> Double {
            max(JaroWinkler.similarity(plain, normalisedNames[Int(v)], scratch: &scratch),
                JaroWinkler.similarity(sorted, sortedNames[Int(v)], scratch: &scratch))
        }
        if covering.count >= 2 {
            let ranked = covering.map { ($0, score($0)) }.sorted { ($0.1, -$0.0) > ($1.1, -$1.0) }
            return NameMatch(method: .ambiguous, member: ranked[0].0, score: ranked[0].1, runnerUp: ranked[1].0, runnerUpScore: ranked[1].1)
        }
        if let only = covering.first, !fuzzy.method.isMatched || fuzzy.member != only {
            if fuzzy.method.isMatched { return NameMatch(method: .ambiguous, member: fuzzy.member, score: fuzzy.score, runnerUp: only, runnerUpScore: score(only)) }
            return NameMatch(method: .review, member: only, score: score(only), runnerUp: fuzzy.member == only ? fuzzy.runnerUp : fuzzy.member,
                             runnerUpScore: fuzzy.member == only ? fuzzy.runnerUpScore : fuzzy.score)
        }
        return fuzzy
    }

    /// Whether `part` is a proper part of the name `whole`: each of its words is a different
    /// word of `whole`, or a single letter that begins one (an initial), and it is shorter
    /// than `whole` or uses an initial.
    static func isPart(_ part: [String], of whole: [String]) -> Bool {
        guard !part.isEmpty, part.count <= whole.count else { return false }
        var used = [Bool](repeating: false, count: whole.count)
        var initials = false
        for word in part {
            if let i = whole.indices.first(where: { !used[$0] && whole[$0] == word }) {
                used[i] = true
            } else if word.count == 1, let i = whole.indices.first(where: { !used[$0] && whole[$0].hasPrefix(word) }) {
                used[i] = true
                initials = true
            } else {
                return false
            }
        }
        return initials || part.count < whole.count
    }
}
