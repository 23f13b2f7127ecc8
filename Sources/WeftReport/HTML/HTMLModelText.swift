import WeftAnalysis
import WeftIO

/// The texts of report.html that describe what the model found — data-quality warnings, the
/// survey's symmetrisation rule, the segment rules — said in the report's language from their
/// codes and parameters through the catalogue, rather than from the English sentences the model
/// writes for the terminal and report.json.
extension Context {
    /// A data-quality warning, escaped: the catalogue's `warning.<code>` (for `low_survey_response`,
    /// `warning.low_survey_response.<broad|caution>`) filled with the warning's parameters — counts
    /// and days written in the report's conventions — or, for a warning the catalogue does not
    /// know or whose parameters do not fit the entry, its English message.
    func warning(_ warning: DataWarning) -> String {
        var key = "warning." + warning.code, parameters = warning.parameters
        if warning.code == "low_survey_response", parameters.count == 2 {
            key += parameters.removeLast() == ResponseConfidence.caution.rawValue ? ".caution" : ".broad"
        }
        guard words.has(key), words.placeholderCount(key) == parameters.count else { return HTMLText.escape(warning.message) }
        return words(key, parameters.map { p in
            if let n = Int(p) { return HTMLText.count(n) }
            return HTMLText.escape(HTMLText.date(p))   // a YYYY-MM-DD day in the report's conventions; other text unchanged
        })
    }

    /// A survey symmetrisation rule (report.json's `survey.symmetrisation`) in words, unescaped.
    func symmetrisation(_ rule: String) -> String {
        words.has("rule." + rule) ? words.plain("rule." + rule) : rule
    }

    /// Why the survey's rule was chosen (report.json's `survey.symmetrisation_reason`), escaped:
    /// the option given, or the default's reason from the waves' lowest response rate.
    func symmetrisationReason(_ survey: Report.SurveySummary) -> String {
        guard survey.symmetrisationReason.hasPrefix("default"),
              let lowest = survey.responseByWave.min(by: { $0.responseRate < $1.responseRate }) else { return words("survey.reason.chosen") }
        let rate = HTMLText.percent(lowest.responseRate)
        let key = survey.symmetrisation == "max" ? "survey.reason.max" : "survey.reason.directed"
        return survey.responseByWave.count > 1
            ? words(key + ".waves", HTMLText.count(survey.responseByWave.count), rate, HTMLText.escape(lowest.wave))
            : words(key, rate)
    }

    /// The segment rules as (segment, escaped definition) for Methods: the definitions `given`
    /// by the caller, else the analysis's rules in words, without the rules that test a
    /// governance flag the members file does not have (they hold for nobody; one entry says so).
    func segmentRules(_ given: HTMLReport.Segments?) -> [(String, String)] {
        if let given, !given.definitions.isEmpty { return given.definitions.map { ($0.term, HTMLText.escape($0.definition)) } }
        guard let s = figures.segments else { return [] }
        let hasGovernance = figures.settings.hasGovernanceColumn
        let testsGovernance = { (r: SegmentRule) in r.conditions.contains { $0.feature == .governance } }
        var shown = s.rules.filter { hasGovernance || !testsGovernance($0) }.map { ($0.segment, HTMLText.escape(rule($0))) }
        if !hasGovernance, s.rules.contains(where: testsGovernance) {
            shown.append((words.plain("rules.hidden"), words("rules.hidden.text", HTMLText.escape(s.governanceColumn))))
        }
        return shown
    }

    /// A segment rule in words, unescaped: "partners at least the 75th percentile and …".
    func rule(_ rule: SegmentRule) -> String {
        rule.conditions.map(condition).joined(separator: " " + words.plain("rule.and") + " ")
    }

    private func condition(_ c: SegmentCondition) -> String {
        let feature = words.has("feature." + c.feature.rawValue) ? words.plain("feature." + c.feature.rawValue) : c.feature.rawValue
        guard let comparison = c.comparison, let threshold = c.threshold else { return words.plain("rule.flag", feature) }
        let value: String
        switch threshold {
        case .value(let x): value = HTMLText.locale.localise(SegmentConfig.exact(x))
        case .percentile(let p): value = words.plain("rule.percentile", HTMLText.locale.localise(SegmentConfig.exact(p)))
        }
        let names: [SegmentComparison: String] = [.atLeast: "atLeast", .above: "above", .atMost: "atMost", .below: "below", .equal: "equal", .notEqual: "notEqual"]
        return words.plain("rule." + names[comparison]!, feature, value)
    }
}
