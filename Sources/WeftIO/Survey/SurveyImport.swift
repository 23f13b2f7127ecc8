import Foundation
import WeftGraph

/// Converts a survey export to Weft's long form: reads it with the adapter for its format,
/// resolves every respondent and nominee through the `NameMatcher` (with a person's review
/// decisions applied), and produces the long rows, the match report and the review list.
///
/// Nothing is matched silently: every match that is not an exact id or email is listed in the
/// match report with its method and score; texts waiting for review or unmatched are listed
/// too, and their nominations are left out of the long form until a person decides.
public struct SurveyImport: Sendable {
    public let settings: SurveyImportSettings

    public init(settings: SurveyImportSettings) { self.settings = settings }

    /// One row of the long form, with member indices.
    public struct LongRow: Sendable, Equatable {
        public var respondent: Int32
        public var alter: Int32
        public var relation: String
        public var value: Double
        public var wave: String
    }

    /// One distinct text and how it was matched.
    public struct MatchEntry: Sendable, Equatable {
        /// respondent or alter (a text seen in both roles is listed once per role).
        public var role: String
        public var text: String
        public var occurrences: Int
        /// file:line:column of the first occurrence.
        public var firstSeen: String
        public var match: NameMatch
    }

    public struct Outcome: Sendable {
        public var extraction: SurveyExtraction
        public var rows: [LongRow] = []
        /// Respondents by member and wave, in order of first appearance.
        public var respondents: [(member: Int32, wave: String)] = []
        /// Every distinct text with a non-exact outcome (not an id, an email, or a name spelt exactly as
        /// in the roster), in order of first appearance.
        public var matches: [MatchEntry] = []
        /// Nominations whose respondent or alter is unresolved (waiting for review, ambiguous, unmatched).
        public var unresolvedNominations = 0
        /// Respondents who could not be resolved.
        public var unresolvedRespondents = 0
        public var selfNominations = 0
        /// Nominations repeated within (respondent, alter, relation, wave), merged keeping the larger value.
        public var mergedDuplicates = 0
        /// Decisions read from the review file.
        public var decisions: [ReviewDecision] = []
    }

    /// Reads the export at `path`. `members` is the roster names are matched against. A Kobo
    /// export in a workbook with a `choices` sheet takes its choices from it unless `--choices` gave some.
    public func read(path: String, members: MemberTable) throws -> SurveyExtraction {
        var settings = self.settings
        if settings.format == .kobo, settings.choices.isEmpty, let own = try KoboChoices.readOwnSheet(ofWorkbook: path) {
            settings.choices = own
        }
        return try read(path: path, members: members, settings: settings)
    }

    private func read(path: String, members: MemberTable, settings: SurveyImportSettings) throws -> SurveyExtraction {
        let table = try SurveyTable(path: path, reading: settings.reading)
        let matcher = NameMatcher(members: members, thresholds: settings.thresholds)
        let isKnownName: (String) -> Bool = { text in
            let m = matcher.match(settings.choices[text] ?? text)
            return m.method.isMatched && m.method != .fuzzy
        }
        switch settings.format {
        case .long: return try EdgeRows.read(table, aliases: EdgeRows.long, settings: settings)
        case .polinode: return try PolinodeKumu.readPolinode(table, settings: settings)
        case .kumu: return try PolinodeKumu.readKumu(table, settings: settings)
        case .wide: return try NameGenerator.readWide(table, settings: settings, isKnownName: isKnownName)
        case .kobo: return try NameGenerator.readKobo(table, settings: settings, isKnownName: isKnownName)
        case .googleforms: return try NameGenerator.readGoogleForms(table, settings: settings, isKnownName: isKnownName)
        case .rosterMatrix:
            return try RosterMatrix.read(table, settings: settings, isKnownName: isKnownName,
                                         resemblesMember: { matcher.match($0).method != .unmatched })
        case .qualtrics: return try HeaderRows.readQualtrics(table, settings: settings, isKnownName: isKnownName)
        case .surveymonkey: return try HeaderRows.readSurveyMonkey(table, settings: settings, isKnownName: isKnownName)
        }
    }

    /// One export to convert, and the wave of its rows when it has no wave column (nil: the settings').
    public struct Input: Sendable {
        public var path: String
        public var wave: String?
        public init(path: String, wave: String? = nil) {
            self.path = path
            self.wave = wave
        }
    }

    /// Reads, matches and converts one export.
    public func run(path: String, members: MemberTable, decisions: [ReviewDecision] = []) throws -> Outcome {
        try run(inputs: [Input(path: path)], members: members, decisions: decisions)
    }

    /// Reads, matches and converts several exports of one survey (a wave each, say) into one
    /// outcome: every name through the same ledger, so the match report and review file list
    /// each text once. With several exports, each must say its wave (`Input.wave`, or a wave
    /// column), so that two waves are never merged into the default wave.
    public func run(inputs: [Input], members: MemberTable, decisions: [ReviewDecision] = []) throws -> Outcome {
        var ledger = MatchLedger(members: members, thresholds: settings.thresholds, decisions: decisions)
        var outcome = Outcome(extraction: SurveyExtraction())
        outcome.decisions = decisions
        var seenRespondent = Set<String>()
        var rowIndex: [String: Int] = [:]
        for input in inputs {
            var own = settings
            if let wave = input.wave { own.wave = wave }
            let extraction = try SurveyImport(settings: own).read(path: input.path, members: members)
            if inputs.count > 1 && own.wave == nil
                && extraction.respondents.allSatisfy({ $0.wave == SurveyImportSettings.defaultWave })
                && extraction.nominations.allSatisfy({ $0.wave == SurveyImportSettings.defaultWave }) {
                throw SurveyError("\(input.path): several exports were given and this one has no wave column; give --wave once per export, in order, or its rows would all join wave \(SurveyImportSettings.defaultWave)")
            }
            outcome.extraction.add(extraction, labelled: inputs.count > 1 ? input.path : nil)
            func resolve(_ text: String, role: String, line: Int, column: Int) -> Int32? {
                ledger.resolve(text, role: role, firstSeen: "\(input.path):\(line):\(column)")
            }
            for r in extraction.respondents {
                guard let member = resolve(r.text, role: "respondent", line: r.line, column: r.column) else {
                    outcome.unresolvedRespondents += 1
                    continue
                }
                if seenRespondent.insert("\(member)\u{0}\(r.wave)").inserted { outcome.respondents.append((member, r.wave)) }
            }
            for n in extraction.nominations {
                let who = resolve(n.respondent, role: "respondent-nominating", line: n.line, column: n.column)
                let whom = resolve(n.alter, role: "alter", line: n.line, column: n.column)
                guard let who, let whom else { outcome.unresolvedNominations += 1; continue }
                if who == whom { outcome.selfNominations += 1; continue }
                let key = "\(who)\u{0}\(whom)\u{0}\(n.relation)\u{0}\(n.wave)"
                if let i = rowIndex[key] {
                    outcome.rows[i].value = max(outcome.rows[i].value, n.value)
                    outcome.mergedDuplicates += 1
                } else {
                    rowIndex[key] = outcome.rows.count
                    outcome.rows.append(LongRow(respondent: who, alter: whom, relation: n.relation, value: n.value, wave: n.wave))
                }
            }
        }
        // A respondent's row is listed once in the report (as respondent), not once per nomination.
        ledger.removeEntries(role: "respondent-nominating")
        outcome.matches = ledger.entries
        return outcome
    }
}

/// A person's decision about one text in the review file: a member, or nobody.
public struct ReviewDecision: Sendable, Equatable {
    public var text: String
    /// nil: the text names nobody in the roster.
    public var member: Int32?
}

/// The review file, `match-review.csv`: every text waiting for a person (similarity between the
/// review and auto-match thresholds, ambiguous, or unmatched), with the best candidates, and a
/// `decision` column for the person to fill: a member id, `accept` (the candidate), or `none`
/// (nobody in the roster). Decided rows are kept when the file is rewritten, so decisions
/// accumulate; the next `weft survey import` applies them.
public enum ReviewFile {
    public static let header = ["text", "status", "occurrences", "first_seen", "candidate_id", "candidate_name", "score",
                                "second_id", "second_name", "second_score", "decision"]

    /// Reads decisions; rows with an empty decision are pending and ignored.
    public static func read(path: String, members: MemberTable, reading: ReadingOptions = ReadingOptions()) throws -> [ReviewDecision] {
        let table = try SurveyTable(path: path, reading: reading)
        let names = table.header.map(SurveyHeader.slug)
        guard let text = names.firstIndex(of: "text"), let decision = names.firstIndex(of: "decision") else {
            throw SurveyError("\(path): a review file needs 'text' and 'decision' columns")
        }
        let candidate = names.firstIndex(of: "candidate_id")
        var out: [ReviewDecision] = []
        for row in table.rows {
            if let problem = row.problem { throw SurveyError(problem.message) }
            func cell(_ i: Int?) -> String {
                guard let i, i < row.fields.count else { return "" }
                return row.fields[i].trimmingCharacters(in: .whitespaces)
            }
            let choice = cell(decision)
            if choice.isEmpty { continue }
            switch choice.lowercased() {
            case "none", "nobody", "no", "reject":
                out.append(ReviewDecision(text: cell(text), member: nil))
            case "accept", "yes", "ok", "y":
                guard let m = members.ids.index(of: cell(candidate)) else {
                    throw SurveyError("\(path):\(row.line): 'accept' but candidate_id '\(cell(candidate))' is not a member")
                }
                out.append(ReviewDecision(text: cell(text), member: m))
            default:
                let id = choice.hasPrefix("'") ? String(choice.dropFirst()) : choice
                guard let m = members.ids.index(of: id) else {
                    throw SurveyError("\(path):\(row.line): decision '\(choice)' is not a member id (write a member id, accept or none)")
                }
                out.append(ReviewDecision(text: cell(text), member: m))
            }
        }
        return out
    }
}

/// Writes `survey.csv`, `respondents.csv`, `match-report.csv` and `match-review.csv`, each atomically.
public enum SurveyImportWriter {
    public static let matchReportHeader = ["role", "text", "occurrences", "first_seen", "method", "member_id", "member_name",
                                           "score", "second_id", "second_name", "second_score"]

    public static func writeLong(_ outcome: SurveyImport.Outcome, members: MemberTable, to path: String) throws {
        let writer = try CSVTableWriter(path: path, header: ["respondent", "alter", "relation", "value", "wave"])
        for row in outcome.rows {
            try writer.writeRow([.text(members.ids[row.respondent]), .text(members.ids[row.alter]), .text(row.relation),
                                 .real(row.value), .text(row.wave)])
        }
        try writer.commit()
    }

    public static func writeRespondents(_ outcome: SurveyImport.Outcome, members: MemberTable, to path: String) throws {
        let writer = try CSVTableWriter(path: path, header: ["respondent", "wave"])
        for r in outcome.respondents { try writer.writeRow([.text(members.ids[r.member]), .text(r.wave)]) }
        try writer.commit()
    }

    private static func candidateCells(_ member: Int32?, _ score: Double?, members: MemberTable) -> [CSVCell] {
        guard let member else { return [.empty, .empty, .empty] }
        return [.text(members.ids[member]), .text(members.names[Int(member)]), score.map { .real(rounded($0)) } ?? .empty]
    }

    /// Scores to 4 decimals (enough to read against the thresholds, stable across platforms).
    static func rounded(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }

    public static func writeMatchReport(_ outcome: SurveyImport.Outcome, members: MemberTable, to path: String) throws {
        try writeMatchReport(outcome.matches, members: members, to: path)
    }

    /// `match-report.csv`: every text matched other than exactly, with its method, score and runner-up.
    public static func writeMatchReport(_ matches: [SurveyImport.MatchEntry], members: MemberTable, to path: String) throws {
        let writer = try CSVTableWriter(path: path, header: matchReportHeader)
        for e in matches {
            let m = e.match
            try writer.writeRow([.plain(e.role), .text(e.text), .integer(e.occurrences), .text(e.firstSeen), .plain(m.method.rawValue)]
                                + candidateCells(m.member, m.score, members: members)
                                + candidateCells(m.runnerUp, m.runnerUpScore, members: members))
        }
        try writer.commit()
    }

    /// The review file: decisions already made (kept), then every text still waiting.
    public static func writeReview(_ outcome: SurveyImport.Outcome, members: MemberTable, to path: String) throws {
        try writeReview(outcome.matches, decisions: outcome.decisions, members: members, to: path)
    }

    /// The review file from a ledger's entries and the decisions already made.
    public static func writeReview(_ matches: [SurveyImport.MatchEntry], decisions: [ReviewDecision], members: MemberTable,
                                   to path: String) throws {
        let writer = try CSVTableWriter(path: path, header: ReviewFile.header)
        var written = Set<String>()
        var firstSeen: [String: (Int, String)] = [:]
        for e in matches {
            let key = NameMatcher.reviewKey(e.text)
            let before = firstSeen[key]
            firstSeen[key] = ((before?.0 ?? 0) + e.occurrences, before?.1 ?? e.firstSeen)
        }
        for d in decisions where written.insert(NameMatcher.reviewKey(d.text)).inserted {
            let seen = firstSeen[NameMatcher.reviewKey(d.text)]
            try writer.writeRow([.text(d.text), .plain("decided"), .integer(seen?.0 ?? 0), seen.map { .text($0.1) } ?? .empty]
                                + candidateCells(d.member, nil, members: members) + [.empty, .empty, .empty]
                                + [d.member.map { .text(members.ids[$0]) } ?? .plain("none")])
        }
        for e in matches where [.review, .ambiguous, .unmatched].contains(e.match.method) {
            let key = NameMatcher.reviewKey(e.text)
            guard written.insert(key).inserted else { continue }
            let m = e.match
            let seen = firstSeen[key]!
            try writer.writeRow([.text(e.text), .plain(m.method.rawValue), .integer(seen.0), .text(seen.1)]
                                + candidateCells(m.member, m.score, members: members)
                                + candidateCells(m.runnerUp, m.runnerUpScore, members: members) + [.empty])
        }
        try writer.commit()
    }
}
