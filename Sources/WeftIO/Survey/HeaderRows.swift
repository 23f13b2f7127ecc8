import Foundation

/// Exports with more than one header row.
///
/// - Qualtrics: row 1 the internal ids (`Q2_1`, `RecipientEmail`…), row 2 the question text,
///   row 3 the ImportId JSON (absent from legacy exports). A question's text ending in ` - ` and
///   a label is a matrix row or a form field, told apart by the label and the cells, not the
///   header alone: a matrix row (`How often … - Ana Silva`, a column per member) has a roster
///   member as its label, or scale values in its cells (choice text such as `Weekly`, or numeric
///   recode values); a form field of a multiple text entry question (`Who … - Name 1`) holds one
///   typed name per cell. A text or multi-select question holds names (comma-joined).
///   `--alter-columns` globs the ids (`Q2_*`).
/// - SurveyMonkey: row 1 the question (blank over the columns that continue it), row 2 the
///   sub-question or choice, or `Response` / `Open-Ended Response`. A choice column is a member
///   (the cell holds the choice's own text when ticked, or a scale label); a response column
///   holds a name. `--alter-columns` globs the questions.
///
/// The extra header rows are header rows, not data: they are not counted as rows read.
enum HeaderRows {
    static let qualtricsMetadata: Set<String> = [
        "startdate", "enddate", "status", "ipaddress", "progress", "duration_in_seconds", "finished", "recordeddate",
        "responseid", "recipientlastname", "recipientfirstname", "recipientemail", "externalreference",
        "externaldatareference", "locationlatitude", "locationlongitude", "distributionchannel", "userlanguage",
    ]

    static func readQualtrics(_ table: SurveyTable, settings: SurveyImportSettings, isKnownName: @escaping (String) -> Bool) throws -> SurveyExtraction {
        var table = table
        let questions = table.takeHeaderRows(1).first ?? []
        if let importRow = table.rows.first, importRow.fields.contains(where: { $0.hasPrefix("{\"ImportId\"") || $0.hasPrefix("{'ImportId'") }) {
            _ = table.takeHeaderRows(1)
        }
        let ids = table.header
        let text = ids.indices.map { $0 < questions.count ? questions[$0] : "" }
        let (respondent, wave) = try RespondentColumns.resolve(ids, settings: settings, file: table.file) {
            let known = ["externalreference", "externaldatareference", "recipientemail"].compactMap { SurveyHeader.find([$0], in: ids) }.filter(table.hasData)
            if let first = known.first { return [first] }
            if let asked = SurveyHeader.find(SurveyHeader.respondentAliases, in: text) { return [asked] }
            throw SurveyError("\(table.file): cannot tell which column holds the respondent (ExternalReference and RecipientEmail are empty); name it with --respondent-column")
        }
        let taken = Set(respondent + [wave].compactMap { $0 })
        let positions = settings.alterColumns.map { SurveyHeader.positions(matching: $0, in: ids) }
            ?? ids.indices.filter { i in
                !qualtricsMetadata.contains(SurveyHeader.slug(ids[i]))
                    && (splitLabel(text[i]) != nil || SurveyHeader.mentionsRelation(text[i]))
            }
        var columns: [NominationColumn] = []
        for i in positions where !taken.contains(i) {
            let (question, label) = splitLabel(text[i]) ?? (text[i], "")
            let relation = settings.relation ?? SurveyHeader.relation(in: question.isEmpty ? ids[i] : question)
            let content: NominationColumn.Content
            if label.isEmpty || Double(label) != nil {
                content = .names(separator: ",")
            } else if isKnownName(label) || table.cells(of: i).allSatisfy({ settings.scale.value(of: $0) != nil || LikertScale.normalise($0) == LikertScale.normalise(label) }) {
                content = .member(label)
            } else {
                content = .names(separator: nil)   // a form field: one typed name per cell
            }
            columns.append(NominationColumn(position: i, relation: relation, content: content))
        }
        let named = ids.indices.map { text[$0].isEmpty ? ids[$0] : ids[$0] + " (" + text[$0] + ")" }
        return try NameGenerator.extract(table, names: named, respondent: respondent, wave: wave, columns: columns,
                                         settings: settings, isKnownName: isKnownName)
    }

    /// `Question - Label` → (`Question`, `Label`), split at the last ` - `.
    static func splitLabel(_ text: String) -> (String, String)? {
        guard let range = text.range(of: " - ", options: .backwards) else { return nil }
        let label = text[range.upperBound...].trimmingCharacters(in: .whitespaces)
        return label.isEmpty ? nil : (String(text[..<range.lowerBound]).trimmingCharacters(in: .whitespaces), label)
    }

    static let surveyMonkeyMetadata: Set<String> = [
        "respondent_id", "collector_id", "start_date", "end_date", "ip_address", "email_address", "first_name", "last_name",
        "custom_data_1", "custom_data",
    ]
    static let responseWords: Set<String> = ["response", "open_ended_response", "other_please_specify", ""]

    static func readSurveyMonkey(_ table: SurveyTable, settings: SurveyImportSettings, isKnownName: @escaping (String) -> Bool) throws -> SurveyExtraction {
        var table = table
        let subs = table.takeHeaderRows(1).first ?? []
        var questions: [String] = []
        for h in table.header {
            let q = h.trimmingCharacters(in: .whitespaces)
            questions.append(q.isEmpty ? (questions.last ?? "") : q)
        }
        let sub = questions.indices.map { $0 < subs.count ? subs[$0].trimmingCharacters(in: .whitespaces) : "" }
        let names = questions.indices.map { responseWords.contains(SurveyHeader.slug(sub[$0])) ? questions[$0] : questions[$0] + " / " + sub[$0] }
        let hasData = table.hasData
        let (respondent, wave) = try RespondentColumns.resolve(names, settings: settings, file: table.file) {
            let email = SurveyHeader.find(["email_address"], in: names).flatMap { hasData($0) ? $0 : nil }
            let first = SurveyHeader.find(["first_name"], in: names), last = SurveyHeader.find(["last_name"], in: names)
            if let email { return [email] }
            if let first, let last, hasData(first) || hasData(last) { return [first, last] }
            if let custom = SurveyHeader.find(["custom_data_1", "custom_data"], in: names), hasData(custom) { return [custom] }
            if let asked = SurveyHeader.find(SurveyHeader.respondentAliases, in: names) { return [asked] }
            throw SurveyError("\(table.file): cannot tell which column holds the respondent (Email Address, First/Last Name and Custom Data 1 are empty); name it with --respondent-column")
        }
        let taken = Set(respondent + [wave].compactMap { $0 })
        let positions = settings.alterColumns.map { pattern in
            names.indices.filter { SurveyHeader.matches(names[$0], pattern: pattern) || SurveyHeader.matches(questions[$0], pattern: pattern) }
        } ?? names.indices.filter { i in
            !surveyMonkeyMetadata.contains(SurveyHeader.slug(questions[i]))
                && SurveyHeader.mentionsRelation(questions[i])
        }
        var columns: [NominationColumn] = []
        for i in positions where !taken.contains(i) {
            let relation = settings.relation ?? SurveyHeader.relation(in: questions[i])
            let isName = responseWords.contains(SurveyHeader.slug(sub[i]))
            columns.append(NominationColumn(position: i, relation: relation, content: isName ? .names(separator: nil) : .member(sub[i])))
        }
        return try NameGenerator.extract(table, names: names, respondent: respondent, wave: wave, columns: columns,
                                         settings: settings, isKnownName: isKnownName)
    }
}
