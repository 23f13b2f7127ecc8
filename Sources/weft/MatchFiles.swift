import WeftIO

/// match-report.csv and match-review.csv for the names and emails that records used in place of
/// member ids: the same two files, columns and review workflow as `weft survey import`.
enum MatchFiles {
    static let names = ["match-report.csv", "match-review.csv"]

    /// Whether a run has anything to write: name matching ran and found a text that is not an
    /// exact id, email or name, or decisions were read.
    static func needed(_ dataset: Dataset) -> Bool {
        guard let m = dataset.memberMatching else { return false }
        return !m.entries.isEmpty || !m.decisions.isEmpty
    }

    /// Writes both files into `folder` (staged until it is published); false when no matching ran.
    @discardableResult
    static func write(_ dataset: Dataset, into folder: OutputFolder) throws -> Bool {
        guard let m = dataset.memberMatching else { return false }
        try folder.write("match-report.csv") { try SurveyImportWriter.writeMatchReport(m.entries, members: dataset.members, to: $0) }
        try folder.write("match-review.csv") {
            try SurveyImportWriter.writeReview(m.entries, decisions: m.decisions, members: dataset.members, to: $0)
        }
        return true
    }
}
