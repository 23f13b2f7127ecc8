import Foundation
import WeftAnalysis

extension HTMLReport {
    /// "Connections reported in the survey": per relation, every wave side by side (response,
    /// ties, density, connections, reciprocity, cross-group share, E-I, value of ties), then the
    /// change between consecutive waves — from report.json's `survey.by_relation`. The records'
    /// network and the survey's are two views of the same members, and the section says so.
    func surveyWaves(_ page: inout HTMLPage, _ c: Context) {
        guard let s = report.survey, !s.byRelation.isEmpty else { return }
        let w = c.words
        let members = HTMLText.count(report.membership.total)
        var html = "<p class=\"note\">" + w(figures.settings.network == .survey ? "survey.views.survey" : "survey.views.records", members) + "</p>"
        html += "<p class=\"note\">\(w("survey.rule", "<b>" + HTMLText.escape(c.symmetrisation(s.symmetrisation)) + "</b>", c.symmetrisationReason(s)))</p>"
        for warning in s.warnings where warning.code == "survey_response_rates_differ" {
            html += "<p class=\"note\"><b>\(w("note.label", w("note.warning")))</b> \(c.warning(warning))</p>"
        }
        for r in s.byRelation {
            html += "<h3>\(HTMLText.escape(r.relation))</h3>"
            let header: [(String, Bool)] = [("", false)] + r.waves.map { ($0.wave + ($0.date.map { " (" + HTMLText.date($0) + ")" } ?? ""), true) }
            var rows: [[String]] = []
            func row(_ label: String, _ value: (Report.SurveyWave) -> String) { rows.append([label] + r.waves.map(value)) }
            row(w("survey.row.members")) { HTMLText.count($0.members) }
            row(w("survey.row.respondents")) { HTMLText.count($0.respondents) }
            row(w("survey.row.response")) { HTMLText.percent($0.responseRate) }
            let g = r.groupAttribute.map(HTMLText.escape)
            if let attribute = r.groupAttribute, let g {
                let sizes = r.waves.last?.responseByGroup[attribute] ?? [:]
                let labels = sizes.keys.sorted { (sizes[$0]!.members, $1) > (sizes[$1]!.members, $0) }
                for label in labels.prefix(12) {
                    row(w("survey.row.responseGroup", g, HTMLText.escape(label))) { wave in
                        wave.responseByGroup[attribute]?[label].map { HTMLText.percent($0.responseRate) + " (\(HTMLText.count($0.respondents))/\(HTMLText.count($0.members)))" } ?? "–"
                    }
                }
                if labels.count > 12 { row(w("survey.row.more", HTMLText.count(labels.count - 12), g)) { _ in "" } }
            }
            row(w("survey.row.ties")) { HTMLText.count($0.tieCount) }
            row(w("card.density")) { HTMLText.number($0.density, digits: 4) }
            row(w("card.connections")) { HTMLText.number($0.averageConnections) }
            if r.waves.contains(where: { $0.reciprocity != nil }) { row(w("card.reciprocity")) { $0.reciprocity.map(HTMLText.percent) ?? "–" } }
            if let g {
                row(w("card.cross", g)) { $0.crossGroupShare.map(HTMLText.percent) ?? "–" }
                row(w("card.ei", g)) { $0.eiIndex.map { HTMLText.number($0) } ?? "–" }
            }
            if r.hasValues {
                row(w("survey.row.value")) { $0.averageValue.map { HTMLText.number($0) } ?? "–" }
                if let attribute = r.groupAttribute, let g {
                    let sizes = r.waves.last?.responseByGroup[attribute] ?? [:]   // the largest groups first, as the response rates
                    let labels = Set(r.waves.flatMap { $0.averageValueByGroup?.keys.map { $0 } ?? [] })
                        .sorted { ((sizes[$0]?.members ?? 0), $1) > ((sizes[$1]?.members ?? 0), $0) }
                    for label in labels.prefix(12) {
                        row(w("survey.row.valueGroup", g, HTMLText.escape(label))) { $0.averageValueByGroup?[label].map { HTMLText.number($0) } ?? "–" }
                    }
                    if labels.count > 12 { row(w("survey.row.more", HTMLText.count(labels.count - 12), g)) { _ in "" } }
                }
            }
            html += table(header, rows)
            let changes = r.waves.compactMap(\.change)
            if !changes.isEmpty {
                var crows: [[String]] = []
                let cheader: [(String, Bool)] = [("", false)] + zip(r.waves.dropFirst(), changes).map { ("\($1.fromWave) → \($0.wave)", true) }
                func crow(_ key: String, _ value: (Report.SurveyWaveChange) -> String) { crows.append([w(key)] + changes.map(value)) }
                crow("survey.change.members") { HTMLText.count($0.membersInBoth) }
                crow("survey.change.new") { HTMLText.count($0.new) }
                crow("survey.change.sustained") { HTMLText.count($0.sustained) }
                crow("survey.change.dissolved") { HTMLText.count($0.dissolved) }
                crow("survey.change.gained") { HTMLText.count($0.membersGained) }
                crow("survey.change.lost") { HTMLText.count($0.membersLost) }
                if r.hasValues { crow("survey.change.value") { $0.averageValueChange.map { ($0 > 0 ? "+" : "") + HTMLText.number($0) } ?? "–" } }
                html += "<p class=\"note\">\(w("survey.change.note"))</p>"
                html += table(cheader, crows)
            }
        }
        page.section("survey", w.plain("section.survey"), html)
    }
}
