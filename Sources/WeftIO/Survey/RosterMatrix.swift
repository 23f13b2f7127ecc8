/// Roster matrices: one row per respondent and one column per member, each cell a number, a
/// scale label (`Weekly`, `Agree`) or a tick. The column header names the member (id, email or
/// name, resolved by the name matcher); 0, `No` or an empty cell is no tie. Every column other
/// than the respondent's and the wave's whose header resembles a member (any match outcome but
/// unmatched) is read, unless `--alter-columns` picks them; the others are listed as ignored.
enum RosterMatrix {
    static let metadata: Set<String> = ["timestamp", "date", "submitted", "submission_time", "start_date", "end_date"]

    static func read(_ table: SurveyTable, settings: SurveyImportSettings, isKnownName: @escaping (String) -> Bool,
                     resemblesMember: (String) -> Bool) throws -> SurveyExtraction {
        let names = table.header
        let (respondent, wave) = try RespondentColumns.resolve(names, settings: settings, file: table.file)
        let taken = Set(respondent + [wave].compactMap { $0 })
        let positions = settings.alterColumns.map { SurveyHeader.positions(matching: $0, in: names) }
            ?? names.indices.filter { !metadata.contains(SurveyHeader.slug(names[$0])) && resemblesMember(names[$0]) }
        let ignored = names.indices.filter { !taken.contains($0) && !positions.contains($0) }.map { "'\(names[$0])'" }
        let relation = settings.relation ?? "tie"
        let columns = positions.filter { !taken.contains($0) }.map {
            NominationColumn(position: $0, relation: relation, content: .member(names[$0].trimmingCharacters(in: .whitespaces)))
        }
        var out = try NameGenerator.extract(table, names: names, respondent: respondent, wave: wave, columns: columns,
                                            settings: settings, isKnownName: isKnownName)
        if !ignored.isEmpty { out.layout.append("ignored (not members): " + ignored.joined(separator: ", ")) }
        return out
    }
}
