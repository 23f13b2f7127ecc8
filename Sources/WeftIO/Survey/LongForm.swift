import Foundation

/// Reads exports with one row per tie: Weft's long form (respondent, alter, relation, value,
/// wave), and the edge sheets of Polinode (Source, Target, …) and Kumu (From, To, Type,
/// Strength). A blank value counts as 1; a label maps through the scale; 0 is no tie. A relation
/// cell may hold several relations joined by `|` (Kumu's multi-value separator).
struct EdgeRows {
    struct Aliases {
        let respondent: [String]
        let alter: [String]
        let relation: [String]
        let value: [String]
    }

    static let long = Aliases(respondent: ["respondent", "ego", "respondent_id", "rater", "source", "from"],
                              alter: ["alter", "nominee", "named", "alter_id", "target", "to"],
                              relation: ["relation", "question", "type", "network", "layer"],
                              value: ["value", "weight", "strength", "score"])
    static let polinode = Aliases(respondent: ["source", "source_id", "from", "respondent"],
                                  alter: ["target", "target_id", "to", "alter"],
                                  relation: ["relation", "question", "network", "type", "layer", "label"],
                                  value: ["value", "weight", "strength"])
    static let kumu = Aliases(respondent: ["from", "source"], alter: ["to", "target"],
                              relation: ["type", "connection_type", "relation", "tags"],
                              value: ["strength", "weight", "value"])

    static func read(_ table: SurveyTable, aliases: Aliases, settings: SurveyImportSettings) throws -> SurveyExtraction {
        let names = table.header
        func required(_ list: [String], _ what: String, flag: String?) throws -> Int {
            if let flag {
                guard let i = SurveyHeader.positions(matching: flag, in: names).first else {
                    throw SurveyError("\(table.file): no column '\(flag)' for the \(what) (headers: \(names.joined(separator: ", ")))")
                }
                return i
            }
            if let i = SurveyHeader.find(list, in: names) { return i }
            throw SurveyError("\(table.file): no \(what) column (accepted headers: \(list.joined(separator: ", ")); found: \(names.joined(separator: ", ")))")
        }
        let respondent = try required(aliases.respondent, "respondent", flag: settings.respondentColumn)
        let alter = try required(aliases.alter, "alter", flag: settings.alterColumns)
        let claimed: Set<Int> = [respondent, alter]
        let relation = settings.relation == nil ? SurveyHeader.find(aliases.relation, in: names, excluding: claimed) : nil
        let value = SurveyHeader.find(aliases.value, in: names, excluding: claimed)
        let wave = SurveyHeader.find(SurveyHeader.waveAliases, in: names, excluding: claimed)
        var out = SurveyExtraction()
        out.layout = ["respondent: '\(names[respondent])'", "alter: '\(names[alter])'",
                      "relation: " + (relation.map { "'\(names[$0])'" } ?? "'\(settings.relation ?? "tie")' for every row"),
                      "value: " + (value.map { "'\(names[$0])'" } ?? "1 for every row"),
                      "wave: " + (wave.map { "'\(names[$0])'" } ?? "'\(settings.wave ?? SurveyImportSettings.defaultWave)' for every row")]
        func cell(_ row: SurveyTable.Row, _ i: Int?) -> String {
            guard let i, i < row.fields.count else { return "" }
            return row.fields[i].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        for row in table.rows {
            out.rowsRead += 1
            do throws(Reject) {
                if let problem = row.problem { throw problem }
                let who = cell(row, respondent), whom = cell(row, alter)
                if who.isEmpty { throw table.reject(row, column: respondent, "respondent is empty") }
                let waveLabel = cell(row, wave).isEmpty ? (settings.wave ?? SurveyImportSettings.defaultWave) : cell(row, wave)
                var number = 1.0
                let valueText = cell(row, value)
                if !valueText.isEmpty {
                    guard let v = settings.scale.value(of: valueText) else {
                        throw table.reject(row, column: value, "'\(valueText)' is neither a number nor a known scale label (give it with --scale LABEL=NUMBER)")
                    }
                    if !(v >= 0) { throw table.reject(row, column: value, "a negative tie value") }
                    number = v
                }
                let relations = settings.relation.map { [$0] }
                    ?? cell(row, relation).split(separator: "|").map { SurveyHeader.slug(String($0)) }.filter { !$0.isEmpty }
                out.respondents.append(RawRespondent(text: who, wave: waveLabel, line: row.line, column: respondent + 1))
                if whom.isEmpty || number == 0 {
                    out.zeroAnswers += 1   // a respondent who named nobody, or a 0 answer
                } else {
                    for r in relations.isEmpty ? ["tie"] : relations {
                        out.nominations.append(RawNomination(respondent: who, alter: whom, relation: r, value: number,
                                                             wave: waveLabel, line: row.line, column: alter + 1))
                    }
                }
                out.accepted += 1
            } catch {
                out.rejects.append(error)
            }
        }
        return out
    }
}
