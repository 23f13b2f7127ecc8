import Foundation
import WeftAnalysis
import WeftIO

extension HTMLReport {
    /// Every definition behind the figures, the settings used, and the data-quality warnings.
    func methods(_ page: inout HTMLPage, _ c: Context) {
        let r = report, a = figures, w = c.words
        var html = "<h3>\(w("methods.warnings"))</h3>"
        let warnings = dataWarnings(c)
        html += warnings.isEmpty ? "<p>\(w("methods.none"))</p>" : "<ul class=\"warn\">" + warnings.map { "<li>\($0)</li>" }.joined() + "</ul>"
        html += "<h3>\(w("methods.definitions"))</h3><dl>"
        for (term, definition) in definitions(c) { html += "<dt>\(HTMLText.escape(term))</dt><dd>\(definition)</dd>" }
        html += "</dl><h3>\(w("methods.inputs"))</h3>"
        html += table([(w.plain("inputs.file"), false), (w.plain("inputs.kind"), false), (w.plain("inputs.read"), true), (w.plain("inputs.accepted"), true), (w.plain("inputs.rejected"), true)],
                      r.inputs.map { [HTMLText.escape($0.path), HTMLText.escape($0.kind), HTMLText.count($0.rowsRead), HTMLText.count($0.accepted), HTMLText.count($0.rejected)] })
        html += "<p class=\"note\">\(w("methods.records", HTMLText.count(r.records.interactions), HTMLText.count(r.records.attendance), HTMLText.count(r.records.events), HTMLText.escape(r.records.firstRecord.map(HTMLText.date) ?? "–"), HTMLText.escape(r.records.lastRecord.map(HTMLText.date) ?? "–"), String(a.settings.seed)))</p>"
        page.section("methods", w.plain("section.methods"), html)
    }

    /// Warnings about the data and the computation, already escaped.
    func dataWarnings(_ c: Context) -> [String] {
        let r = report, a = figures, words = c.words
        var w: [String] = []
        if r.rows.rejected > 0 { w.append(words("issue.rejected", HTMLText.count(r.rows.rejected), HTMLText.count(r.rows.read))) }
        if r.membership.addedFromRecords > 0 { w.append(words("issue.added", HTMLText.count(r.membership.addedFromRecords))) }
        let silent = r.membership.total - r.membership.active
        if silent > 0 { w.append(words("issue.silent", HTMLText.count(silent))) }
        if r.network.isolates > 0 { w.append(words("issue.isolates", HTMLText.count(r.network.isolates))) }
        if r.measures.betweennessMethod == .sampled {
            w.append(words("issue.sampled", HTMLText.count(r.measures.pathSources))
                     + (r.measures.betweennessErrorBound.map { " " + words("issue.sampled.bound", HTMLText.number($0, digits: 4)) } ?? ""))
        }
        if r.measures.eigenvectorUnique == false { w.append(words("issue.eigenvector")) }
        if let p = a.structure.primary, let g = r.groups[p.attribute], g.ungrouped > 0 {
            w.append(words("issue.ungrouped", HTMLText.count(g.ungrouped), HTMLText.escape(p.attribute)))
        }
        if a.structure.primary == nil { w.append(words("issue.noGroups")) }
        if r.time == nil { w.append(words("issue.undated")) }
        if a.time != nil, case let rows = model.timeline, let last = rows.last, rows.count >= 2, let p = a.time?.periods,
           p.ends[p.count - 1] - p.starts[p.count - 1] < (p.ends[0] - p.starts[0]) * 3 / 4 {
            w.append(words("issue.shortLast", HTMLText.escape(c.periodLabels.last ?? ""), HTMLText.count(last.ties)))
        }
        if extras.responseRate == nil { w.append(words("issue.noSurvey")) }
        if extras.segments == nil { w.append(words("issue.noSegments")) }
        if a.settings.pseudonymise { w.append(words("issue.pseudonymised")) }
        if let s = c.map?.subset { w.append(words("maps.subset", HTMLText.count(s.members), HTMLText.count(s.drawn), HTMLText.count(s.largestComponent))) }
        return w
    }

    /// (term, escaped definition) pairs.
    func definitions(_ c: Context) -> [(String, String)] {
        let r = report, a = figures, w = c.words
        var d: [(String, String)] = []
        func define(_ key: String, _ arguments: String...) { d.append((w.plain("def." + key), w("def." + key + ".text", arguments))) }
        let direction = r.graph.directed ? w("def.network.directed") : w("def.network.undirected", HTMLText.escape(r.graph.symmetrisation))
        define("network", w("def.network." + a.settings.network.rawValue), direction)
        let layouts = r.inputs.flatMap { input in input.dateFormats.sorted { $0.key < $1.key }.map { "\(input.kind) \($0.key): \($0.value)" } }
        define("times", HTMLText.escape(a.settings.timeZone), layouts.isEmpty ? w("methods.none").lowercased() : HTMLText.escape(layouts.joined(separator: "; ")))
        for key in ["active", "connections", "density", "retention", "newTies", "reciprocity", "isolates"] { define(key) }
        let n = model.graph.nodeCount, chosen = a.structure.groupAttributes
        d.append((w.plain("def.groups"), (a.settings.groupAttributesGiven ? w("def.groups.given")
            : w("def.groups.automatic", String(StructureAnalysis.defaultGroupValueLimit(nodeCount: n)), HTMLText.count(n)))
            + (chosen.isEmpty ? w("def.groups.none") : w("def.groups.used", HTMLText.escape(chosen.joined(separator: ", "))))))
        if let g = a.structure.primary?.attribute { define("ei", HTMLText.escape(g)) }
        if let t = r.time {
            let unit = w("period." + t.period + "s")
            define("periods", unit, HTMLText.count(t.periods), w(t.comparedWith == "previous period" ? "def.periods.previous" : "def.periods.withRecords"),
                   a.settings.skipEmptyPeriods ? w("def.periods.skipped", HTMLText.count(t.emptyPeriodsSkipped)) : w("def.periods.notSkipped"))
            define("strength", HTMLText.escape(t.typeWeights.sorted { $0.key < $1.key }.map { "\($0.key) \(HTMLText.number($0.value))" }.joined(separator: ", ")),
                   HTMLText.number(t.halfLifeDays, digits: 0), HTMLText.count(t.largeEventSize), HTMLText.count(t.maxEventSize), HTMLText.number(t.tieThreshold))
            define("changes", HTMLText.number(t.relativeChange), HTMLText.number(t.dormancyMinimumDays, digits: 0), HTMLText.number(t.dormancyMultiple, digits: 1))
            define("drifting")
        }
        if let s = r.survey, !s.byRelation.isEmpty {
            define("waves", HTMLText.escape(c.symmetrisation(s.symmetrisation)), HTMLText.number(SurveyWaveComparison.responseSpreadLimit, digits: 0))
            if let i = s.inference {
                define("inference", HTMLText.escape(i.wave), HTMLText.count(i.members), HTMLText.count(i.tieCount), HTMLText.count(i.draws), String(i.seed),
                       i.groupAttribute.map { w("def.inference.group", HTMLText.escape($0)) } ?? "")
            }
            if s.byRelation.contains(where: \.hasValues) { define("value") }
        }
        define("betweenness", w(r.measures.betweennessMethod == .sampled ? "def.betweenness.sampled" : "def.betweenness.exact"),
               w(r.measures.weightedPaths ? "def.betweenness.weighted" : "def.betweenness.hops"))
        define("holes")
        define("core")
        if let cs = r.communities {
            define("communities", w(cs.method == .leiden ? "def.communities.leiden" : "def.communities.louvain"), HTMLText.number(cs.resolution), String(cs.seed))
        }
        for (term, definition) in c.segmentRules(extras.segments) { d.append((c.segmentName(term), definition)) }
        let methods = (c.map?.methods ?? []).map { w.plain("layout." + $0.rawValue) }
        let layout = methods.count == 2 ? w.plain("list.and", methods[0], methods[1]) : methods.first ?? w.plain("methods.none").lowercased()
        define("layout", HTMLText.escape(layout), HTMLText.count(GraphLayout.defaultStressLimit), String(options.labels))
        return d
    }
}
