import Foundation

/// Name-generator exports: one row per respondent, nominations written as names.
///
/// - wide: one column per nominated name, `advice_1 … advice_5` (the relation is the header
///   without its number);
/// - KoboToolbox: a `select_multiple` answer as space-separated choice names, under a header
///   with `/` between group and question (`network/advice`); the 1/0 detail columns
///   (`network/advice/m0001`) are read only when the summary column is absent. Choice names map
///   to labels through `--choices` (the respondent's too, when a `select_one` question asks who
///   is answering). Headers are taken as the export writes them, group prefix and all
///   (`--respondent-column respondent/member_id`), or without it. A question with no relation
///   word in its name (`go_around_with`) is a nomination column when every answer names members
///   (choices whose labels, or texts, are roster names), its relation the question's name; an
///   "other, specify" text column (`advice_other`) is not one unless `--alter-columns` names it;
/// - Google Forms: checkbox answers joined by commas in one cell (a name that itself holds a
///   comma is kept whole when it is a known name); grid questions `Question [Option]` hold one
///   answer per member.
enum NameGenerator {
    static func readWide(_ table: SurveyTable, settings: SurveyImportSettings, isKnownName: @escaping (String) -> Bool) throws -> SurveyExtraction {
        let names = table.header
        let (respondent, wave) = try RespondentColumns.resolve(names, settings: settings, file: table.file)
        let taken = Set(respondent + [wave].compactMap { $0 })
        var columns: [NominationColumn] = []
        let positions = settings.alterColumns.map { SurveyHeader.positions(matching: $0, in: names) }
            ?? names.indices.filter { numberedPrefix(names[$0]) != nil }
        for i in positions where !taken.contains(i) {
            let relation = settings.relation ?? SurveyHeader.slug(numberedPrefix(names[i]) ?? names[i])
            columns.append(NominationColumn(position: i, relation: relation, content: .names(separator: nil)))
        }
        return try extract(table, names: names, respondent: respondent, wave: wave, columns: columns, settings: settings, isKnownName: isKnownName)
    }

    /// `advice_3` → `advice`; nil for a header without a trailing number.
    static func numberedPrefix(_ header: String) -> String? {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        var end = trimmed.endIndex
        while end > trimmed.startIndex, trimmed[trimmed.index(before: end)].isNumber { end = trimmed.index(before: end) }
        guard end < trimmed.endIndex else { return nil }
        let prefix = trimmed[..<end].trimmingCharacters(in: CharacterSet(charactersIn: " _-.#"))
        return prefix.isEmpty ? nil : prefix
    }

    /// KoboToolbox metadata columns, never nominations.
    static let koboMetadata: Set<String> = ["start", "end", "today", "deviceid", "username", "simserial", "subscriberid",
                                            "phonenumber", "audit", "instanceid", "version", "uuid", "submission_time",
                                            "validation_status", "notes", "status", "submitted_by", "tags", "index", "id"]

    static func readKobo(_ table: SurveyTable, settings: SurveyImportSettings, isKnownName: @escaping (String) -> Bool) throws -> SurveyExtraction {
        let full = table.header
        let last = full.map { String($0.split(separator: "/").last ?? Substring($0)) }
        // A respondent column named with its group prefix is looked up as the export writes it.
        let (respondent, wave) = try RespondentColumns.resolve(settings.respondentColumn?.contains("/") == true ? full : last,
                                                               settings: settings, file: table.file)
        let taken = Set(respondent + [wave].compactMap { $0 })
        let isMetadata: (Int) -> Bool = { i in
            full[i].hasPrefix("_") || full[i].hasPrefix("meta/") || koboMetadata.contains(SurveyHeader.slug(last[i]))
        }
        func parent(_ i: Int) -> String? {
            guard let slash = full[i].lastIndex(of: "/") else { return nil }
            return String(full[i][..<slash])
        }
        // A 1/0 detail column: under a parent path, every cell 0, 1, true, false or empty.
        let binary: Set<String> = ["", "0", "1", "true", "false"]
        let isDetail: (Int) -> Bool = { i in
            parent(i) != nil && table.rows.allSatisfy { binary.contains((i < $0.fields.count ? $0.fields[i] : "").lowercased()) }
        }
        // Every answer in the column is a list of members (choice names whose labels, or texts, are roster names).
        let namesMembers: (Int) -> Bool = { i in
            let cells = table.cells(of: i)
            return !cells.isEmpty && cells.allSatisfy { cell in
                cell.split(separator: " ").allSatisfy { token in isKnownName(settings.choices[String(token)] ?? String(token)) }
            }
        }
        let candidates = full.indices.filter { i in
            if taken.contains(i) || isMetadata(i) { return false }
            if let pattern = settings.alterColumns {
                return SurveyHeader.matches(full[i], pattern: pattern) || SurveyHeader.matches(last[i], pattern: pattern)
            }
            if SurveyHeader.slug(last[i]).hasSuffix("_other") { return false }   // "other, specify" text
            return isDetail(i) || SurveyHeader.mentionsRelation(last[i]) || namesMembers(i)
        }
        let summaries = Set(candidates.filter { !isDetail($0) }.map { full[$0] })
        var columns: [NominationColumn] = []
        for i in candidates {
            if isDetail(i), let p = parent(i) {
                if summaries.contains(p) { continue }   // the summary column beside it is read instead
                let choice = last[i]
                columns.append(NominationColumn(position: i, relation: settings.relation ?? SurveyHeader.relation(in: String(p.split(separator: "/").last ?? Substring(p))),
                                                content: .member(settings.choices[choice] ?? choice)))
            } else {
                columns.append(NominationColumn(position: i, relation: settings.relation ?? SurveyHeader.relation(in: last[i]),
                                                content: .names(separator: " ")))
            }
        }
        return try extract(table, names: full, respondent: respondent, wave: wave, columns: columns, settings: settings, isKnownName: isKnownName)
    }

    static func readGoogleForms(_ table: SurveyTable, settings: SurveyImportSettings, isKnownName: @escaping (String) -> Bool) throws -> SurveyExtraction {
        let names = table.header
        let (respondent, wave) = try RespondentColumns.resolve(names, settings: settings, file: table.file,
                                                               preferred: ["your_name", "what_is_your_name", "name", "email_address"])
        let taken = Set(respondent + [wave].compactMap { $0 })
        let metadata: Set<String> = ["timestamp", "score", "email_address"]
        let positions = settings.alterColumns.map { SurveyHeader.positions(matching: $0, in: names) }
            ?? names.indices.filter { i in
                !metadata.contains(SurveyHeader.slug(names[i]))
                    && (gridOption(names[i]) != nil || SurveyHeader.mentionsRelation(names[i]))
            }
        var columns: [NominationColumn] = []
        for i in positions where !taken.contains(i) {
            if let (question, option) = gridOption(names[i]) {
                columns.append(NominationColumn(position: i, relation: settings.relation ?? SurveyHeader.relation(in: question),
                                                content: .member(option)))
            } else {
                columns.append(NominationColumn(position: i, relation: settings.relation ?? SurveyHeader.relation(in: names[i]),
                                                content: .names(separator: ",")))
            }
        }
        return try extract(table, names: names, respondent: respondent, wave: wave, columns: columns, settings: settings, isKnownName: isKnownName)
    }

    /// `How often … [Ana Silva]` → (`How often …`, `Ana Silva`), as Google Forms heads grid rows.
    static func gridOption(_ header: String) -> (String, String)? {
        let h = header.trimmingCharacters(in: .whitespaces)
        guard h.hasSuffix("]"), let open = h.lastIndex(of: "[") else { return nil }
        let option = h[h.index(after: open)..<h.index(before: h.endIndex)].trimmingCharacters(in: .whitespaces)
        let question = h[..<open].trimmingCharacters(in: .whitespaces)
        return option.isEmpty ? nil : (question, option)
    }

    /// Runs the row reader once the columns are known (shared by every respondent-row format).
    static func extract(_ table: SurveyTable, names: [String], respondent: [Int], wave: Int?, columns: [NominationColumn],
                        settings: SurveyImportSettings, isKnownName: @escaping (String) -> Bool) throws -> SurveyExtraction {
        guard !columns.isEmpty else {
            throw SurveyError("\(table.file): no nomination columns found; name them with --alter-columns (headers: \(names.joined(separator: ", ")))")
        }
        var out = SurveyExtraction()
        RespondentRows(table: table, respondent: respondent, wave: wave, columns: columns, settings: settings,
                       isKnownName: isKnownName).read(into: &out, headers: names)
        return out
    }
}

/// KoboToolbox's (XLSForm's) choices sheet, saved as CSV or read from a workbook
/// (`form.xlsx#choices`): `list_name`, `name`, `label` (or a translated `label::English (en)`).
/// Gives choice name → label, for `--choices`.
public enum KoboChoices {
    /// The choices of a workbook export that carries its form's `choices` sheet beside the data
    /// (the sheet read being another); nil when `path` is not such a workbook.
    public static func readOwnSheet(ofWorkbook path: String) throws -> [String: String]? {
        let (file, sheet) = InputSource.location(of: path)
        guard sheet?.lowercased() != "choices", let names = try InputSource.sheetNames(of: file),
              let own = names.first(where: { $0.lowercased() == "choices" }) else { return nil }
        return try read(path: file + "#" + own)
    }

    public static func read(path: String, reading: ReadingOptions = ReadingOptions()) throws -> [String: String] {
        let table = try SurveyTable(path: path, reading: reading)
        let slugs = table.header.map(SurveyHeader.slug)
        guard let name = slugs.firstIndex(of: "name"), let label = slugs.firstIndex(where: { $0 == "label" || $0.hasPrefix("label_") }) else {
            throw SurveyError("\(path): a choices sheet needs 'name' and 'label' columns (found: \(table.header.joined(separator: ", ")))")
        }
        var choices: [String: String] = [:]
        for row in table.rows {
            if let problem = row.problem { throw SurveyError(problem.message) }
            let key = name < row.fields.count ? row.fields[name].trimmingCharacters(in: .whitespaces) : ""
            let text = label < row.fields.count ? row.fields[label].trimmingCharacters(in: .whitespaces) : ""
            if !key.isEmpty && !text.isEmpty && choices[key] == nil { choices[key] = text }
        }
        return choices
    }
}
