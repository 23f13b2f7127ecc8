import Foundation
import WeftGraph

/// The survey export layouts `weft survey import` reads.
public enum SurveyFormat: String, CaseIterable, Sendable {
    case long, wide
    case rosterMatrix = "roster-matrix"
    case qualtrics, surveymonkey, kobo, googleforms, polinode, kumu
}

/// A survey export read whole (surveys are small): the header row(s) and every data row with
/// its line, as strings. Rows with a broken quote, a wrong field count or invalid UTF-8 carry
/// the problem, to be rejected by the adapter.
struct SurveyTable {
    struct Row {
        let line: Int
        var fields: [String]
        var problem: Reject?
    }

    let file: String
    let header: [String]
    let headerLine: Int
    var rows: [Row]
    /// How rejects name columns: numbers for text, letters for a sheet.
    let columnNaming: ColumnNaming

    init(path: String, label: String? = nil, reading: ReadingOptions = ReadingOptions()) throws {
        let reader = try InputSource.open(path: path, label: label, options: reading)
        try self.init(reader: reader)
    }

    /// The non-empty cells of column `position`, trimmed, in row order.
    func cells(of position: Int) -> [String] {
        rows.compactMap { row in
            let text = position < row.fields.count ? row.fields[position].trimmingCharacters(in: .whitespacesAndNewlines) : ""
            return text.isEmpty ? nil : text
        }
    }

    init(reader: some RecordReader) throws {
        file = reader.label
        header = reader.header
        headerLine = reader.headerLine
        columnNaming = reader.layout.columnNaming
        var rows: [Row] = []
        var record = CSVRecord()
        let context = RowContext(file: reader.label, header: reader.header, limits: InputLimits(), columnNaming: reader.layout.columnNaming)
        while try reader.next(&record) {
            if let reject = context.oversizedFieldReject(record) {   // rejected without copying the long field
                rows.append(Row(line: record.line, fields: Array(repeating: "", count: record.fieldCount), problem: reject))
                continue
            }
            var row = Row(line: record.line, fields: (0..<record.fieldCount).map { record.displayString($0) })
            if let reject = context.shapeReject(record) {
                row.problem = reject
            } else if let bad = (0..<record.fieldCount).first(where: { !record.isValidUTF8($0) }) {
                row.problem = context.reject(record, column: bad, "text is not valid UTF-8")
            }
            rows.append(row)
        }
        self.rows = rows
    }

    /// Removes the first data rows when they are header rows in disguise (Qualtrics' question
    /// text and ImportId rows, SurveyMonkey's sub-question row); returns them.
    mutating func takeHeaderRows(_ count: Int) -> [[String]] {
        let taken = rows.prefix(count).map(\.fields)
        rows.removeFirst(min(count, rows.count))
        return taken
    }

    /// Whether any row has a non-blank cell in column `i`.
    func hasData(_ i: Int) -> Bool {
        rows.contains { i < $0.fields.count && !$0.fields[i].trimmingCharacters(in: .whitespaces).isEmpty }
    }

    func reject(_ row: Row, column: Int?, _ reason: String) -> Reject {
        Reject(file: file, line: row.line, column: column.map { $0 + 1 },
               field: column.flatMap { $0 < header.count ? header[$0] : nil },
               value: column.flatMap { $0 < row.fields.count ? row.fields[$0] : nil }, reason: reason, columnNaming: columnNaming)
    }
}

/// One nomination read from an export, before its names are resolved to members.
public struct RawNomination: Sendable, Equatable {
    public var respondent: String
    public var alter: String
    public var relation: String
    public var value: Double
    public var wave: String
    /// Where the alter was read: line and 1-based column.
    public var line: Int
    public var column: Int
}

/// A respondent seen in an export (whether or not they named anyone).
public struct RawRespondent: Sendable, Equatable {
    public var text: String
    public var wave: String
    public var line: Int
    public var column: Int
}

/// What an adapter read from one export: nominations, respondents, and an account of every
/// data row (rows read = accepted + rejected).
public struct SurveyExtraction: Sendable {
    public var nominations: [RawNomination] = []
    public var respondents: [RawRespondent] = []
    public var rejects: [Reject] = []
    public var rowsRead = 0
    public var accepted = 0
    /// Cells left empty or answered 0 (no tie), for the summary.
    public var zeroAnswers = 0
    /// How the columns were read, one line each (printed so a user can check the guess).
    public var layout: [String] = []

    public var rejected: Int { rejects.count }

    /// Adds another export's account; its layout lines start with `label` (its path) when given.
    mutating func add(_ other: SurveyExtraction, labelled label: String?) {
        nominations += other.nominations
        respondents += other.respondents
        rejects += other.rejects
        rowsRead += other.rowsRead
        accepted += other.accepted
        zeroAnswers += other.zeroAnswers
        layout += other.layout.map { line in label.map { "\($0): \(line)" } ?? line }
    }
}

/// Settings shared by every adapter.
public struct SurveyImportSettings: Sendable {
    public var format: SurveyFormat
    /// The column holding the respondent (header name, case-insensitive); guessed when nil.
    public var respondentColumn: String?
    /// The nomination columns: a header name or a glob (`Q2_*`, `advice_?`); guessed when nil.
    public var alterColumns: String?
    /// KoboToolbox choices: choice name → label.
    public var choices: [String: String] = [:]
    /// The relation for every nomination (overrides what the headers say).
    public var relation: String?
    /// The wave for every row without a wave column.
    public var wave: String?
    public var scale = LikertScale.standard
    public var thresholds = MatchThresholds()
    /// How the export (and the review file) are decoded (`--encoding`).
    public var reading = ReadingOptions()

    public init(format: SurveyFormat) { self.format = format }

    /// The wave label used when neither the file nor `--wave` gives one.
    public static let defaultWave = "1"
}

/// Header text helpers shared by the adapters.
enum SurveyHeader {
    /// Lower case, runs of non-alphanumerics as one underscore, no leading or trailing underscore.
    static func slug(_ text: String) -> String {
        var out = ""
        var pendingUnderscore = false
        for scalar in text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                if pendingUnderscore && !out.isEmpty { out += "_" }
                pendingUnderscore = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingUnderscore = true
            }
        }
        return out
    }

    /// Relation words recognised in question text; the first found names the relation.
    static let relationWords = ["advice", "information", "collaboration", "collaborate", "trust", "support", "help",
                                "innovation", "energy", "friendship", "mentoring", "mentor", "communication",
                                "problem", "ideas", "learning", "influence", "contact", "know"]

    /// The relation a header or question speaks of: a known relation word in it, else its slug.
    static func relation(in text: String) -> String {
        let words = slug(text).split(separator: "_").map(String.init)
        for word in relationWords where words.contains(word) {
            return word == "collaborate" ? "collaboration" : word
        }
        return slug(text)
    }

    /// Whether a header or question mentions one of `relationWords`.
    static func mentionsRelation(_ text: String) -> Bool {
        let words = slug(text).split(separator: "_")
        return relationWords.contains { words.contains(Substring($0)) }
    }

    /// Whether `name` matches `pattern`: equal (case-insensitively), or a glob with `*` and `?`.
    static func matches(_ name: String, pattern: String) -> Bool {
        let n = Array(name.lowercased()), p = Array(pattern.lowercased())
        if !pattern.contains("*") && !pattern.contains("?") {
            return name.trimmingCharacters(in: .whitespaces).lowercased() == pattern.trimmingCharacters(in: .whitespaces).lowercased()
        }
        // Iterative glob matching with backtracking to the last star.
        var i = 0, j = 0, star = -1, mark = 0
        while i < n.count {
            if j < p.count && (p[j] == "?" || p[j] == n[i]) { i += 1; j += 1 }
            else if j < p.count && p[j] == "*" { star = j; mark = i; j += 1 }
            else if star >= 0 { j = star + 1; mark += 1; i = mark }
            else { return false }
        }
        while j < p.count && p[j] == "*" { j += 1 }
        return j == p.count
    }

    /// The header positions matching a comma-separated list of names or globs.
    static func positions(matching patterns: String, in names: [String]) -> [Int] {
        let list = patterns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return names.indices.filter { i in list.contains { matches(names[i], pattern: $0) } }
    }

    /// The first position whose slug is one of `aliases` (in alias order).
    static func find(_ aliases: [String], in names: [String], excluding: Set<Int> = []) -> Int? {
        let slugs = names.map(slug)
        for alias in aliases {
            if let i = slugs.indices.first(where: { slugs[$0] == alias && !excluding.contains($0) }) { return i }
        }
        return nil
    }

    /// Headers that can hold the respondent, most specific first.
    static let respondentAliases = ["respondent", "respondent_id", "respondent_name", "respondent_email", "ego", "ego_id",
                                    "your_name", "what_is_your_name", "your_full_name", "full_name", "name", "your_email",
                                    "email", "email_address", "your_email_address", "participant", "member", "member_id", "id"]
    static let waveAliases = ["wave", "survey_wave", "round", "period"]
}
