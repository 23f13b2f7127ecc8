import WeftAnalysis
import WeftGraph

extension HTMLReport.Extras {
    /// What report.html shows beyond the network: the survey layer's response rate when the
    /// network is a survey layer, and the engagement segments — map colouring and the last
    /// transition matrix — when they were computed. The page words the movement, the matrix's
    /// caption and the segment rules itself, in its language, from the figures.
    public init(model: ReportModel) {
        let report = model.report
        self.init()
        if let survey = report.survey {
            responseRate = survey.responseRate
            responseNote = "\(survey.respondents) of \(survey.members) members answered (wave \(survey.wave)); "
                + survey.confidence + (survey.warning.map { ". " + $0 } ?? "")
        }
        if let s = model.page?.segments, let members = model.memberSegments {
            segments = HTMLReport.Segments(colouring: NodeColouring(title: "segment", labels: members.names, category: members.segment),
                                           transitions: s.lastTransitions)
        }
    }
}
