import Foundation

/// A column that holds nominations in a one-row-per-respondent export.
struct NominationColumn: Equatable {
    enum Content: Equatable {
        /// The cell holds names (one, or several joined by the separator).
        case names(separator: Character?)
        /// The column stands for one member (roster matrix, grid question, ticked-box column);
        /// the cell holds a number, a scale label, or the member's own label when ticked.
        case member(String)
    }

    let position: Int
    let relation: String
    let content: Content
}

/// Reads one-row-per-respondent exports: each row's respondent cell(s) and nomination columns.
/// Every row is accepted (its nominations kept) or rejected whole (a broken shape, an empty
/// respondent, a value that is neither a number nor a known label), so no half-read row.
struct RespondentRows {
    let table: SurveyTable
    /// Columns whose texts, joined by a space, name the respondent (e.g. First Name, Last Name).
    let respondent: [Int]
    let wave: Int?
    let columns: [NominationColumn]
    let settings: SurveyImportSettings
    /// Whether a text is a whole name someone could be nominated by (to rejoin names that
    /// contain the list separator, such as "Silva, Ana" in a comma-joined Google Forms answer).
    let isKnownName: (String) -> Bool

    func read(into out: inout SurveyExtraction, headers: [String]) {
        out.layout.append("respondent: " + respondent.map { "'\(headers[$0])'" }.joined(separator: " + "))
        if let wave { out.layout.append("wave: '\(headers[wave])'") }
        var described = Set<String>()
        for column in columns {
            let what: String
            switch column.content {
            case .names(let separator): what = separator.map { "names joined by '\($0)'" } ?? "one name"
            case .member(let label): what = "answers about '\(label)'"
            }
            let line = "\(column.relation): '\(headers[column.position])' (\(what))"
            if described.insert(line).inserted { out.layout.append(line) }
        }
        for row in table.rows {
            out.rowsRead += 1
            do throws(Reject) {
                if let problem = row.problem { throw problem }
                try read(row, into: &out)
                out.accepted += 1
            } catch {
                out.rejects.append(error)
            }
        }
    }

    private func cell(_ row: SurveyTable.Row, _ position: Int) -> String {
        position < row.fields.count ? row.fields[position].trimmingCharacters(in: .whitespacesAndNewlines) : ""
    }

    private func read(_ row: SurveyTable.Row, into out: inout SurveyExtraction) throws(Reject) {
        let typed = respondent.map { cell(row, $0) }.filter { !$0.isEmpty }.joined(separator: " ")
        let who = settings.choices[typed] ?? typed   // a select_one question: the choice's label
        if who.isEmpty { throw table.reject(row, column: respondent.first, "respondent is empty") }
        var waveLabel = settings.wave ?? SurveyImportSettings.defaultWave
        if let wave, !cell(row, wave).isEmpty { waveLabel = cell(row, wave) }
        var found: [RawNomination] = []
        var zeros = 0
        for column in columns {
            let text = cell(row, column.position)
            if text.isEmpty { continue }
            switch column.content {
            case .names(let separator):
                for name in split(text, by: separator) {
                    let alter = settings.choices[name] ?? name
                    found.append(RawNomination(respondent: who, alter: alter, relation: column.relation, value: 1,
                                               wave: waveLabel, line: row.line, column: column.position + 1))
                }
            case .member(let label):
                let value: Double
                if let v = settings.scale.value(of: text) {
                    value = v
                } else if LikertScale.normalise(text) == LikertScale.normalise(label) {
                    value = 1   // a ticked box exported as the option's own text
                } else {
                    throw table.reject(row, column: column.position,
                                       "'\(text)' is neither a number nor a known scale label (give it with --scale LABEL=NUMBER)")
                }
                if !(value >= 0) { throw table.reject(row, column: column.position, "a negative tie value") }
                if value == 0 { zeros += 1; continue }
                found.append(RawNomination(respondent: who, alter: label, relation: column.relation, value: value,
                                           wave: waveLabel, line: row.line, column: column.position + 1))
            }
        }
        out.nominations += found
        out.zeroAnswers += zeros
        out.respondents.append(RawRespondent(text: who, wave: waveLabel, line: row.line, column: (respondent.first ?? 0) + 1))
    }

    /// Splits a multi-select cell. A comma-separated piece is joined back to its neighbour when
    /// only the two together are a known name ("Silva, Ana").
    func split(_ text: String, by separator: Character?) -> [String] {
        guard let separator else { return [text] }
        let pieces = text.split(separator: separator).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard separator == "," else { return pieces }
        var out: [String] = []
        var i = 0
        while i < pieces.count {
            if i + 1 < pieces.count {
                let joined = pieces[i] + ", " + pieces[i + 1]
                if isKnownName(joined) && !(isKnownName(pieces[i]) && isKnownName(pieces[i + 1])) {
                    out.append(joined)
                    i += 2
                    continue
                }
            }
            out.append(pieces[i])
            i += 1
        }
        return out
    }
}

/// Finds the respondent and wave columns from `--respondent-column` or the usual headers.
struct RespondentColumns {
    /// `--respondent-column` when given, otherwise the columns `guess` picks (a format's own
    /// rules); then the wave column among the rest.
    static func resolve(_ names: [String], settings: SurveyImportSettings, file: String,
                        guess: () throws -> [Int]) throws -> (respondent: [Int], wave: Int?) {
        if settings.respondentColumn != nil { return try resolve(names, settings: settings, file: file) }
        let respondent = try guess()
        return (respondent, SurveyHeader.find(SurveyHeader.waveAliases, in: names, excluding: Set(respondent)))
    }

    static func resolve(_ names: [String], settings: SurveyImportSettings, file: String,
                        preferred: [String] = []) throws -> (respondent: [Int], wave: Int?) {
        let respondent: [Int]
        if let given = settings.respondentColumn {
            let found = given.split(separator: "+").map { part in
                SurveyHeader.positions(matching: part.trimmingCharacters(in: .whitespaces), in: names).first
            }
            guard !found.isEmpty, found.allSatisfy({ $0 != nil }) else {
                throw SurveyError("\(file): no column '\(given)' for --respondent-column (headers: \(names.joined(separator: ", ")))")
            }
            respondent = found.map { $0! }
        } else if let i = SurveyHeader.find(preferred + SurveyHeader.respondentAliases, in: names) {
            respondent = [i]
        } else {
            throw SurveyError("\(file): cannot tell which column holds the respondent; name it with --respondent-column (headers: \(names.joined(separator: ", ")))")
        }
        let wave = SurveyHeader.find(SurveyHeader.waveAliases, in: names, excluding: Set(respondent))
        return (respondent, wave)
    }
}
