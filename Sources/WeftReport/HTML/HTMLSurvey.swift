import Foundation
import WeftAnalysis

extension HTMLReport {
    /// "Connections reported in the survey": per relation, every wave side by side (response,
    /// ties, density, connections, reciprocity, cross-group share, E-I, value of ties), then the
    /// change between consecutive waves — from report.json's `survey.by_relation`. The records'
    /// network and the survey's are two views of the same members, and the section says so.
    func surveyWaves(_ page: inout HTMLPage, _ c: Context) {
        guard let s = report.survey, !s.byRelation.isEmpty else { return }
        let members = HTMLText.count(report.membership.total)
        var html = "<p class=\"note\">Two views of the same \(members) members: "
        html += analysis.options.network == .survey
            ? "the figures and maps of this report come from the survey (who members say they are connected to); the records of interactions and attendance are a second view of the same members, analysed by weft analyze without --network.</p>"
            : "the maps and figures elsewhere in this report come from the records (who interacted or attended together); this section comes from the survey (who members say they are connected to).</p>"
        html += "<p class=\"note\">Every wave and relation is combined with one rule, <b>\(HTMLText.escape(SurveySymmetrisationText.describe(s.symmetrisation)))</b> (\(HTMLText.escape(s.symmetrisationReason))), so the waves' figures compare. Each wave's figures are over the members at that wave.</p>"
        for w in s.warnings where w.code == "survey_response_rates_differ" {
            html += "<p class=\"note\"><b>warning:</b> \(HTMLText.escape(w.message))</p>"
        }
        for r in s.byRelation {
            html += "<h3>\(HTMLText.escape(r.relation))</h3>"
            let header: [(String, Bool)] = [("", false)] + r.waves.map { ($0.wave + ($0.date.map { " (" + $0 + ")" } ?? ""), true) }
            var rows: [[String]] = []
            func row(_ label: String, _ value: (Report.SurveyWave) -> String) { rows.append([HTMLText.escape(label)] + r.waves.map(value)) }
            row("Members at the wave") { HTMLText.count($0.members) }
            row("Respondents") { HTMLText.count($0.respondents) }
            row("Response rate") { HTMLText.percent($0.responseRate) }
            if let g = r.groupAttribute {
                let sizes = r.waves.last?.responseByGroup[g] ?? [:]
                let labels = sizes.keys.sorted { (sizes[$0]!.members, $1) > (sizes[$1]!.members, $0) }
                for label in labels.prefix(12) {
                    row("Response rate, \(g) \(label)") { w in w.responseByGroup[g]?[label].map { HTMLText.percent($0.responseRate) + " (\($0.respondents)/\($0.members))" } ?? "–" }
                }
                if labels.count > 12 { row("(\(labels.count - 12) more \(g) values in report.json)") { _ in "" } }
            }
            row("Ties") { HTMLText.count($0.ties) }
            row("Density") { HTMLText.number($0.density, digits: 4) }
            row("Average connections") { HTMLText.number($0.averageConnections) }
            if r.waves.contains(where: { $0.reciprocity != nil }) { row("Reciprocated ties") { $0.reciprocity.map(HTMLText.percent) ?? "–" } }
            if let g = r.groupAttribute {
                row("Cross-\(g) ties") { $0.crossGroupShare.map(HTMLText.percent) ?? "–" }
                row("E-I index (\(g))") { $0.eiIndex.map { HTMLText.number($0) } ?? "–" }
            }
            if r.hasValues {
                row("Average value of ties") { $0.averageValue.map { HTMLText.number($0) } ?? "–" }
                if let g = r.groupAttribute {
                    let sizes = r.waves.last?.responseByGroup[g] ?? [:]   // the largest groups first, as the response rates
                    let labels = Set(r.waves.flatMap { $0.averageValueByGroup?.keys.map { $0 } ?? [] })
                        .sorted { ((sizes[$0]?.members ?? 0), $1) > ((sizes[$1]?.members ?? 0), $0) }
                    for label in labels.prefix(12) {
                        row("Average value, named by \(g) \(label)") { $0.averageValueByGroup?[label].map { HTMLText.number($0) } ?? "–" }
                    }
                    if labels.count > 12 { row("(\(labels.count - 12) more \(g) values in report.json)") { _ in "" } }
                }
            }
            html += table(header, rows)
            let changes = r.waves.compactMap(\.change)
            if !changes.isEmpty {
                var crows: [[String]] = []
                let cheader: [(String, Bool)] = [("", false)] + zip(r.waves.dropFirst(), changes).map { ("\($1.fromWave) → \($0.wave)", true) }
                func crow(_ label: String, _ value: (Report.SurveyWaveChange) -> String) { crows.append([HTMLText.escape(label)] + changes.map(value)) }
                crow("Members at both waves") { HTMLText.count($0.membersInBoth) }
                crow("New ties") { HTMLText.count($0.new) }
                crow("Sustained ties") { HTMLText.count($0.sustained) }
                crow("Dissolved ties") { HTMLText.count($0.dissolved) }
                crow("Members who gained connections") { HTMLText.count($0.membersGained) }
                crow("Members who lost connections") { HTMLText.count($0.membersLost) }
                if r.hasValues { crow("Change in the average value of ties") { $0.averageValueChange.map { ($0 > 0 ? "+" : "") + HTMLText.number($0) } ?? "–" } }
                html += "<p class=\"note\">Change between consecutive waves, over the members present at both (members who joined or left in between are counted in report.json's survey.change_from_previous_wave).</p>"
                html += table(cheader, crows)
            }
        }
        page.section("survey", c.words.plain("section.survey"), html)
    }
}

/// The symmetrisation rules in words.
enum SurveySymmetrisationText {
    static func describe(_ rule: String) -> String {
        switch rule {
        case "directed": return "as reported (directed)"
        case "reconstruct": return "reconstructed for non-respondents (reconstruct)"
        case "max": return "a tie when either member named the other (max)"
        case "min": return "a tie only when both named each other (min)"
        case "mean": return "the two answers averaged (mean)"
        default: return rule
        }
    }
}
