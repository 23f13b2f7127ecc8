import WeftAnalysis
import WeftGraph

extension HTMLReport.Extras {
    /// What report.html shows beyond the network: the survey layer's response rate (with its
    /// confidence and warning) when the network is a survey layer, and the engagement segments —
    /// map colouring, the last transition matrix, the movement headline and the rules as
    /// definitions — when they were computed.
    public init(analysis: Analysis, report: Report) {
        self.init()
        if let survey = report.survey {
            responseRate = survey.responseRate
            responseNote = "\(survey.respondents) of \(survey.members) members answered (wave \(survey.wave)); "
                + survey.confidence + (survey.warning.map { ". " + $0 } ?? "")
        }
        if let s = analysis.segments {
            let matrices = s.transitions.matrices
            var movement: String? = nil, movementNote: String? = nil
            var caption: String? = nil
            if !matrices.isEmpty, s.snapshots.count >= 2 {
                let from = Timestamp.formatDate((s.snapshots[s.snapshots.count - 2].window.end ?? 1) - 1)
                let to = Timestamp.formatDate((s.main.window.end ?? 1) - 1)
                let span = s.config.windowMonths > 0 ? "the \(s.config.windowMonths) months to" : "the window ending"
                caption = "Members by segment in \(span) \(from) (rows) and \(span) \(to) (columns)"
                let moves = s.transitions.movements(matrices.count - 1)
                movement = "\(moves[.up] ?? 0) up, \(moves[.down] ?? 0) down"
                movementNote = "members who moved between segments from \(span) \(from) to \(span) \(to); "
                    + "\(moves[.stayed] ?? 0) stayed, \(moves[.joined] ?? 0) joined, \(moves[.left] ?? 0) left"
            }
            var shown = HTMLReport.Segments(
                colouring: NodeColouring(title: "segment", labels: s.segments, category: s.main.segment),
                transitions: matrices.last, transitionsCaption: caption, movement: movement,
                definitions: HTMLReport.Extras.ruleDefinitions(s.config, hasGovernance: analysis.dataset.members.attributes.column(named: s.config.governanceColumn) != nil))
            shown.movementNote = movementNote
            segments = shown
        }
    }

    /// The segment rules as definitions (the term is the segment's name, which report.html shows
    /// as a reader says it), without the rules that test a column the members file
    /// does not have (the governance flag): those hold for nobody, and one note says so.
    static func ruleDefinitions(_ config: SegmentConfig, hasGovernance: Bool) -> [(term: String, definition: String)] {
        let tests = { (r: SegmentRule) in r.conditions.contains { $0.feature == .governance } }
        var shown = config.rules.filter { hasGovernance || !tests($0) }.map { (term: $0.segment, definition: $0.text) }
        if !hasGovernance, config.rules.contains(where: tests) {
            shown.append((term: "Segment rules not shown", definition: "the rules that test the '\(config.governanceColumn)' flag: the members file has no '\(config.governanceColumn)' column, so they apply to nobody."))
        }
        return shown
    }
}
