import Foundation
import WeftAnalysis

extension HTMLReport {
    /// Every definition behind the figures, the settings used, and the data-quality warnings.
    func methods(_ page: inout HTMLPage, _ c: Context) {
        let r = report, a = analysis
        var html = "<h3>Data-quality warnings</h3>"
        let warnings = dataWarnings(c)
        html += warnings.isEmpty ? "<p>None.</p>" : "<ul class=\"warn\">" + warnings.map { "<li>\($0)</li>" }.joined() + "</ul>"
        html += "<h3>Definitions</h3><dl>"
        for (term, definition) in definitions(c) { html += "<dt>\(HTMLText.escape(term))</dt><dd>\(definition)</dd>" }
        html += "</dl><h3>Inputs</h3>"
        html += "<table><thead><tr><th>File</th><th>Kind</th><th class=\"r\">Rows read</th><th class=\"r\">Accepted</th><th class=\"r\">Rejected</th></tr></thead><tbody>"
        for input in r.inputs {
            html += "<tr><td>\(HTMLText.escape(input.path))</td><td>\(HTMLText.escape(input.kind))</td><td class=\"r\">\(HTMLText.count(input.rowsRead))</td><td class=\"r\">\(HTMLText.count(input.accepted))</td><td class=\"r\">\(HTMLText.count(input.rejected))</td></tr>"
        }
        html += "</tbody></table>"
        html += "<p class=\"note\">Records in the window: \(HTMLText.count(r.records.interactions)) interactions, \(HTMLText.count(r.records.attendance)) attendance rows at \(HTMLText.count(r.records.events)) events, from \(HTMLText.escape(r.records.firstRecord ?? "–")) to \(HTMLText.escape(r.records.lastRecord ?? "–")). Random choices use seed \(a.options.seed); the same data and settings give the same report byte for byte.</p>"
        page.section("methods", c.words.plain("section.methods"), html)
    }

    /// Warnings about the data and the computation, already escaped.
    func dataWarnings(_ c: Context) -> [String] {
        let r = report, a = analysis
        var w: [String] = []
        if r.rows.rejected > 0 {
            w.append("\(HTMLText.count(r.rows.rejected)) of \(HTMLText.count(r.rows.read)) input rows were rejected and left out of every figure; rejects.csv lists each with its reason.")
        }
        if r.membership.addedFromRecords > 0 {
            w.append("\(HTMLText.count(r.membership.addedFromRecords)) members appear in the records but not in the members file; they were added without attributes.")
        }
        let silent = r.membership.total - r.membership.active
        if silent > 0 { w.append("\(HTMLText.count(silent)) members have no record in the window; they count in the membership and in density but not as active.") }
        if r.network.isolates > 0 { w.append("\(HTMLText.count(r.network.isolates)) members have no tie in the window (isolates); absence of records is not proof of absence of contact.") }
        if r.measures.betweenness == "sampled" {
            w.append("Betweenness and closeness were estimated from \(HTMLText.count(r.measures.pathSources)) sampled source members\(r.measures.betweennessErrorBound.map { "; normalised betweenness is within ±\(HTMLText.number($0, digits: 4)) of its exact value with probability 0.95" } ?? "").")
        }
        if r.measures.eigenvectorUnique == false {
            w.append("Eigenvector centrality is not unique (the network is not connected); compare it only within the largest component.")
        }
        if let p = a.structure.primary, let g = r.groups[p.attribute], g.ungrouped > 0 {
            w.append("\(HTMLText.count(g.ungrouped)) members have no \(HTMLText.escape(p.attribute)); they are left out of the E-I index and the cross-group figures.")
        }
        if a.structure.primary == nil { w.append("No categorical member attribute (such as country) was found, so there are no cross-group figures.") }
        if r.time == nil { w.append("The window holds no dated record: there is no timeline, tie life cycle or drifting-away list.") }
        if let rows = a.time?.timeline, let last = rows.last, rows.count >= 2, let p = a.time?.periods,
           p.ends[p.count - 1] - p.starts[p.count - 1] < (p.ends[0] - p.starts[0]) * 3 / 4 {
            w.append("The last period (from \(HTMLText.escape(c.periodLabels.last ?? ""))) is shorter than the others, so its counts (\(HTMLText.count(last.ties)) ties) are not directly comparable.")
        }
        if extras.responseRate == nil { w.append("No survey was analysed: the survey response rate is not available.") }
        if extras.segments == nil { w.append("Engagement segments were not computed: segment shares, movement and transitions are not available.") }
        if a.options.pseudonymise { w.append("Pseudonymised report: members are shown by pseudonym only, and attributes not kept are shown as numbered groups.") }
        if let note = c.map?.subsetNote { w.append(note) }
        return w
    }

    /// (term, escaped definition) pairs.
    func definitions(_ c: Context) -> [(String, String)] {
        let r = report, a = analysis
        var d: [(String, String)] = []
        let network: String
        switch a.options.network {
        case .interactions: network = "a tie joins two members with at least one interaction record in the window (weight: the sum of the records' weights)"
        case .coAttendance: network = "a tie joins two members who attended the same event in the window (weight: shared events)"
        case .coAttendanceNewman: network = "a tie joins two members who attended the same event, weighted by Newman's 1/(n − 1) per event of n attendees"
        case .events: network = "events joined by shared attendees"
        case .survey: network = "a tie runs from a survey respondent to each member they named in the survey layer analysed (weight: the answer's value, 1 for a plain nomination)"
        }
        d.append(("Network", "\(network); \(r.graph.directed ? "directed (who contacted whom)" : "undirected (symmetrised: \(HTMLText.escape(r.graph.symmetrisation)))")."))
        let layouts = r.inputs.flatMap { input in input.dateFormats.sorted { $0.key < $1.key }.map { "\(input.kind) \($0.key): \($0.value)" } }
        d.append(("Times", "times written without a UTC offset were read as \(HTMLText.escape(a.dataset.timeZone)) time (--timezone) and converted to UTC; a date without a time is that day. "
                  + "Date layouts: \(layouts.isEmpty ? "none" : HTMLText.escape(layouts.joined(separator: "; ")))."))
        d.append(("Active member", "a member with at least one interaction (either end) or attendance record in the window or period."))
        d.append(("Connections", "a member's distinct contacts, ignoring direction; the average is over all members, isolates included."))
        d.append(("Density", "ties present divided by ties possible (n(n − 1) ordered pairs when directed, n(n − 1)/2 otherwise)."))
        d.append(("Retention", "share of the members active in the previous period who are active in this one."))
        d.append(("New ties", "ties with a record in a period that had none in the period before; the share is over the period's ties."))
        d.append(("Reciprocity", "share of directed ties whose reverse tie is also present (directed networks only)."))
        d.append(("Isolates", "members with no tie in the window."))
        let n = a.graph.nodeCount, chosen = a.structure.groupings.map(\.attribute)
        d.append(("Groups", (a.options.groupAttributes != nil
            ? "the member attributes given with --group-by"
            : "chosen automatically: every members-file column with at least 2 distinct values, at most \(StructureAnalysis.defaultGroupValueLimit(nodeCount: n)) for \(HTMLText.count(n)) members (one per ten members, but up to 10 on small networks and never more than one per two members), not one value per member, and not all dates or numbers (give --group-by to choose)")
            + (chosen.isEmpty ? "; none qualified." : "; used here: \(HTMLText.escape(chosen.joined(separator: ", "))), the first for the cross-group figures.")))
        if let g = a.structure.primary?.attribute {
            d.append(("E-I index", "(E − I)/(E + I) over ties between members with a \(HTMLText.escape(g)): E ties join different values, I ties the same value (Krackhardt & Stern 1988); from −1 (all inside) to +1 (all across). The cross-\(HTMLText.escape(g)) share is E/(E + I)."))
        }
        if let t = r.time {
            d.append(("Periods", "calendar \(HTMLText.escape(t.period))s from the first record to the last (\(t.periods) periods); each period is compared (retention, new ties, tie change) with the \(HTMLText.escape(t.comparedWith))"
                      + (a.options.time.skipEmptyPeriods ? ": \(t.emptyPeriodsSkipped) periods without any record were left out (--skip-empty-periods)." : ", empty or not (--skip-empty-periods compares with the previous period that has records).")))
            d.append(("Tie strength", "each record adds its type's weight (\(t.typeWeights.sorted { $0.key < $1.key }.map { "\(HTMLText.escape($0.key)) \(HTMLText.number($0.value))" }.joined(separator: ", "))), decaying with a half-life of \(HTMLText.number(t.halfLifeDays, digits: 0)) days; shared events of up to \(t.largeEventSize) attendees count as contact (larger events less, none above \(t.maxEventSize)). A pair is a tie (a strong tie) while its strength is at least θ = \(HTMLText.number(t.tieThreshold))."))
            d.append(("Tie change classes", "between consecutive period ends, with strengths s₀ and s₁ and δ = \(HTMLText.number(t.relativeChange)): new s₀ < θ ≤ s₁; strengthened s₁ ≥ (1 + δ)s₀; weakened s₁ ≤ (1 − δ)s₀, or fell below θ without being idle beyond the dormancy gap; sustained otherwise while a tie; dormant below θ and idle for longer than max(\(HTMLText.number(t.dormancyMinimumDays, digits: 0)) days, \(HTMLText.number(t.dormancyMultiple, digits: 1)) × the pair's usual gap); dissolved only when a survey says so."))
            d.append(("Drifting away", "members whose total tie strength at the window's end is furthest below their own peak, as a share of the peak; only members whose peak reached the median peak are listed."))
        }
        if let s = r.survey, !s.byRelation.isEmpty {
            d.append(("Survey waves", "each wave's figures are over the members at that wave (joined on or before the wave's date and not yet left, or who answered it); a tie comes from the nominations of one relation combined by one rule for every wave and relation: \(HTMLText.escape(SurveySymmetrisationText.describe(s.symmetrisation))). By default the rule is chosen once, from the lowest response rate over the waves: below 80% a tie named by either member counts (non-respondents' ties are then still seen from the other side), otherwise nominations are kept as reported. Response rates that differ by more than \(HTMLText.number(SurveyWaveComparison.responseSpreadLimit, digits: 0)) points between waves are warned about. New ties are tied at this wave and not the previous one, sustained at both, dissolved at the previous wave only, all over the members present at both; a member gained (lost) connections when they have more (fewer) distinct connections than at the previous wave."))
            if let i = s.inference {
                d.append(("Survey inference", "for wave \(HTMLText.escape(i.wave))'s network (\(HTMLText.count(i.members)) members, \(HTMLText.count(i.ties)) ties, binary): a conditional uniform graph test (Anderson, Butts & Carley 1999; sna's cug.test with cmode \"edges\") compares each figure with \(HTMLText.count(i.draws)) random graphs of the same members and number of ties; p(≥) and p(≤) are the shares of those graphs whose figure is at least (at most) the observed one. The 95% interval is the 2.5% to 97.5% percentile range of \(HTMLText.count(i.draws)) node-bootstrap samples (members drawn with replacement, each copy keeping its ties; Snijders & Borgatti 1999), the standard error their standard deviation. Seed \(i.seed). Figures: density, reciprocity (directed), transitivity of the undirected view"
                          + (i.groupAttribute.map { ", and over ties between members with a \(HTMLText.escape($0)): the E-I index, Newman's assortativity and the modularity of the \(HTMLText.escape($0)) groups (undirected view)." } ?? ".")))
            }
            if s.byRelation.contains(where: \.hasValues) {
                d.append(("Value of ties", "the mean of the values respondents gave to their nominations (a value, frequency or usefulness scale) at a wave; by group, over the nominations made by respondents in each group. Shown for relations whose nominations carry values (not all 1)."))
            }
        }
        d.append(("Betweenness", "share of shortest paths between other pairs that pass through a member (Brandes 2001), normalised to [0, 1]; \(HTMLText.escape(r.measures.betweenness))\(r.measures.weightedPaths ? ", weighted paths" : ", counting hops")."))
        d.append(("Constraint and effective size", "Burt's structural holes (1992): constraint is high when a member's contacts are tied to each other; effective size counts contacts net of their redundancy. Both are computed on the undirected, unweighted view (a pair who named each other is one contact), as NetworkX does on the undirected graph."))
        d.append(("Core and periphery", "Borgatti & Everett (1999): the discrete model splits members into a core and a periphery so that ties follow the ideal pattern (dense core, sparse periphery; core–periphery cells left out) as closely as possible; the continuous model gives each member a coreness."))
        if let cs = r.communities {
            d.append(("Communities", "\(HTMLText.escape(cs.method == "leiden" ? "Leiden (Traag, Waltman & van Eck 2019)" : "Louvain (Blondel et al. 2008)")) modularity maximisation at resolution \(HTMLText.number(cs.resolution)), seed \(cs.seed): groups of members with more ties among them than expected by chance."))
        }
        for (term, definition) in extras.segments?.definitions ?? [] { d.append((c.segmentName(term), HTMLText.escape(definition))) }
        let methods = c.map?.methods.map(\.rawValue).joined(separator: " and ") ?? "none"
        d.append(("Map layout", "\(HTMLText.escape(methods)), one connected component at a time, components packed by size. Stress majorisation (Gansner, Koren & North 2004) places members so that drawn distances match network distances in hops, started from classical multidimensional scaling (LAPACK eigen-solver); components above \(HTMLText.count(GraphLayout.defaultStressLimit)) members use Fruchterman–Reingold force-directed placement (1991). Deterministic for the seed; all maps share the positions. Labels name the \(options.labels) members with the largest size measure, skipping labels that would overlap."))
        return d
    }
}
