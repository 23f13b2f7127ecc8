/// Polinode's and Kumu's import layouts, read as edge sheets saved to CSV.
///
/// - Polinode (https://docs.polinode.com/guide/networks.html): an Edges sheet with `Source`,
///   `Target` and optional attribute columns; a `Relation`/`Question`/`Network` column names the
///   relation and `Weight`/`Value` the strength.
/// - Kumu (kumu/docs `guides/import/import.md`): a Connections sheet with `From` and `To` in its
///   first columns, optional `Type` (several values joined by `|` make one nomination per
///   relation) and `Strength`.
///
/// Sources and targets are labels or ids; both resolve through the name matcher like any
/// other survey's names.
enum PolinodeKumu {
    static func readPolinode(_ table: SurveyTable, settings: SurveyImportSettings) throws -> SurveyExtraction {
        try EdgeRows.read(table, aliases: EdgeRows.polinode, settings: settings)
    }

    static func readKumu(_ table: SurveyTable, settings: SurveyImportSettings) throws -> SurveyExtraction {
        try EdgeRows.read(table, aliases: EdgeRows.kumu, settings: settings)
    }
}
