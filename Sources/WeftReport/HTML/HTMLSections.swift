import WeftAnalysis
import WeftGraph

/// A headline card (label, value and note already HTML); a nil value shows "not available" with
/// the note saying why.
private func htmlCard(_ label: String, _ value: String?, _ note: String, _ w: Words) -> String {
    guard let value else {
        return "<div class=\"card na\"><div class=\"l\">\(label)</div><div class=\"v\">\(w("card.na"))</div><div class=\"n\">\(note)</div></div>"
    }
    return "<div class=\"card\"><div class=\"l\">\(label)</div><div class=\"v\">\(value)</div><div class=\"n\">\(note)</div></div>"
}

/// A table; `right` marks the numeric columns. Cells must already be escaped.
func table(_ header: [(title: String, right: Bool)], _ rows: [[String]]) -> String {
    var html = "<table><thead><tr>"
    for h in header { html += "<th\(h.right ? " class=\"r\"" : "")>\(HTMLText.escape(h.title))</th>" }
    html += "</tr></thead><tbody>"
    for row in rows {
        html += "<tr>"
        for (k, cell) in row.enumerated() { html += "<td\(header[k].right ? " class=\"r\"" : "")>\(cell)</td>" }
        html += "</tr>"
    }
    return html + "</tbody></table>"
}

extension HTMLReport {
    func headline(_ page: inout HTMLPage, _ c: Context) {
        let r = report, n = report.network, w = c.words
        let card = { (label: String, value: String?, note: String) in htmlCard(label, value, note, w) }
        var cards: [String] = []
        cards.append(card(w("card.members"), HTMLText.count(r.membership.total),
                          w("card.members.note", HTMLText.count(r.membership.declared), HTMLText.count(r.membership.addedFromRecords))))
        cards.append(card(w("card.response"), extras.responseRate.map(HTMLText.percent),
                          extras.responseRate == nil ? w("card.response.na")
                            : r.survey.map { w("card.response.note", HTMLText.count($0.respondents), HTMLText.count($0.members), HTMLText.escape($0.wave)) }
                            ?? HTMLText.escape(extras.responseNote ?? "")))
        let headline = r.summary
        cards.append(card(w("card.active"), HTMLText.count(headline.activeMembers),
                          headline.activeShare.map { w("card.active.note", HTMLText.percent($0)) } ?? w("card.active.na")))
        cards.append(card(w("card.retention"), headline.retention.map(HTMLText.percent),
                          headline.retention == nil ? w("card.retention.na") : w("card.retention.note", HTMLText.escape(c.periodLabels.last ?? ""))))
        cards.append(card(w("card.connections"), HTMLText.number(headline.averageConnections), w("card.connections.note", HTMLText.number(headline.density, digits: 4))))
        cards.append(card(w("card.density"), HTMLText.number(headline.density, digits: 4), w("card.density.note")))
        if let cross = headline.crossGroup {
            let attribute = HTMLText.escape(cross.attribute)
            cards.append(card(w("card.cross", attribute), cross.share.map(HTMLText.percent),
                              cross.share != nil ? w("card.cross.note", HTMLText.count(cross.crossingTieCount), HTMLText.count(cross.groupedTieCount), attribute) : w("card.cross.na")))
            cards.append(card(w("card.ei", attribute), cross.eiIndex.map { HTMLText.number($0) },
                              w("card.ei.note") + (cross.expectedEiIndex.map { "; " + w("card.ei.expected", HTMLText.number($0)) } ?? "")))
        } else {
            cards.append(card(w("card.crossEI"), nil, w("card.crossEI.na")))
        }
        if let share = headline.newTieShare {
            cards.append(card(w("card.newTies"), HTMLText.percent(share), w("card.newTies.note", HTMLText.escape(c.periodLabels.last ?? ""))))
        } else {
            cards.append(card(w("card.newTies"), nil, w("card.newTies.na")))
        }
        if let reciprocity = n.reciprocity {
            cards.append(card(w("card.reciprocity"), HTMLText.percent(reciprocity), w("card.reciprocity.note", HTMLText.count(n.reciprocatedTieCount ?? 0))))
        }
        if let t = r.time, let strong = headline.strongTieCount {
            cards.append(card(w("card.strong"), HTMLText.count(strong), w("card.strong.note", HTMLText.number(t.tieThreshold), HTMLText.count(t.tieCount))))
        }
        cards.append(card(w("card.isolates"), HTMLText.count(n.isolates), w("card.isolates.note")))
        if let s = extras.segments, let colouring = c.segmentColouring {
            // The largest segments with their share of all members, as report.json's summary has
            // them (the map legend folds one-member segments into "other"; a share does not).
            let total = Double(max(1, colouring.category.count))
            var shares = headline.segments.filter { $0.members > 0 }.sorted { $0.members > $1.members }.map { (label: c.segmentName($0.segment), share: $0.share) }
            if shares.isEmpty { shares = colouring.colours(w).legend.map { (label: $0.label, share: Double($0.count) / total) } }
            cards.append(card(w("card.segments"), shares.prefix(4).map { "\(HTMLText.escape($0.label)) \(HTMLText.percent($0.share))" }.joined(separator: "<br>"), w("card.segments.note")))
            let movement = headline.movement.map { w("card.movement.value", HTMLText.count($0.up), HTMLText.count($0.down)) }
            let note = headline.movement.flatMap { m in c.findings.movementSpan.map { span in
                w(span.months > 0 ? "card.movement.months" : "card.movement.window", String(span.months), HTMLText.escape(HTMLText.date(span.from)),
                  HTMLText.escape(HTMLText.date(span.to)), HTMLText.count(m.stayed), HTMLText.count(m.joined), HTMLText.count(m.left))
            } }
            cards.append(card(w("card.movement"), headline.movement != nil ? movement : s.movement.map(HTMLText.escape),
                              note ?? s.movementNote.map(HTMLText.escape) ?? w("brief.movement.na")))
        } else {
            cards.append(card(w("card.segmentsMovement"), nil, w("card.segmentsMovement.na")))
        }
        let warnings = headline.warnings.map { "<p class=\"note\"><b>\(w("note.label", w($0.severity == .warning ? "note.warning" : "note.info")))</b> \(c.warning($0))</p>" }
        page.section("headline", w.plain("section.headline"), "<div class=\"cards\">\(cards.joined(separator: "\n"))</div>" + warnings.joined())
    }

    func maps(_ page: inout HTMLPage, _ c: Context) {
        let w = c.words
        guard let map = c.map else {
            page.section("maps", w.plain("section.maps"), "<p class=\"note\">\(w("maps.none"))</p>")
            return
        }
        let radii = map.radii(c.sizes)
        let titles = map.members.map(c.title)
        let top = c.hidesMembers ? [] : c.ranked(c.sizes).prefix(options.labels).map { (member: $0, text: c.display($0)) }
        let ties = map.tiePath(figures.mapTies)
        var html = "<p class=\"note\">\(w("maps.note", HTMLText.escape(options.sizeBy.label(w)), HTMLText.count(ties.count)))"
            + (c.hidesMembers ? "" : " <span class=\"screen\">\(w("maps.hover"))</span>") + "</p>" + c.hiddenNote
        if let s = map.subset {
            html += "<p class=\"note\"><b>\(w("maps.subset", HTMLText.count(s.members), HTMLText.count(s.drawn), HTMLText.count(s.largestComponent)))</b></p>"
        }
        // The first map is the explorable one (MapExplorer); its tie path is shared by the others.
        let explorer = MapExplorer(report: self, context: c, map: map)
        let shown: [NodeColouring?] = c.colourings.isEmpty ? [nil] : c.colourings
        for (k, colouring) in shown.enumerated() {
            let colours: [String]
            if let colouring {
                let (colour, legend) = colouring.colours(w)
                colours = map.members.map { colouring.category[$0] >= 0 ? colour[Int(colouring.category[$0])] : SVGCharts.otherColour }
                html += "<div class=\"mapblock\"\(k == 0 ? " id=\"explorer\"" : "")><h3>\(w("maps.colouredBy", HTMLText.escape(c.colouringTitle(colouring.title))))</h3>"
                html += NetworkMap.legend(title: c.colouringTitle(colouring.title), entries: legend)
            } else {
                colours = Array(repeating: SVGCharts.palette[0], count: map.members.count)
                html += "<div class=\"mapblock\" id=\"explorer\">"
            }
            let tieLayer = k == 0 ? "<defs><path id=\"window-ties\" d=\"\(ties.path)\"/></defs><use href=\"#window-ties\" class=\"ties wt\"/>"
                : "<use href=\"#window-ties\" class=\"ties\"/>"
            if k == 0 { html += "<p class=\"note hint\">\(w("explore.hint"))</p>" + explorer.controls() }
            html += map.svg(ties: tieLayer, colours: colours, radii: radii, titles: titles, labelled: Array(top),
                            caption: colouring.map { w.plain("maps.caption.colouredBy", c.colouringTitle($0.title)) } ?? w.plain("maps.caption"))
            if k == 0 { html += explorer.card() + explorer.data() }
            html += "</div>"
        }
        page.section("maps", w.plain("section.maps"), html)
        periodMaps(&page, c, map: map)
    }

    /// The first, middle and last periods on the whole window's layout: that period's ties, its
    /// active members in colour, the others grey.
    func periodMaps(_ page: inout HTMLPage, _ c: Context, map: NetworkMap) {
        guard let time = figures.time, let periods = time.periods, time.active != nil, periods.count > 0 else { return }
        let w = c.words
        let chosen = Array(Set([0, periods.count / 2, periods.count - 1])).sorted()
        let colouring = c.colourings.first
        let colour = colouring?.colours(w).colour
        let colours = map.members.map { v -> String in
            guard let colouring, let colour, colouring.category[v] >= 0 else { return SVGCharts.palette[0] }
            return colour[Int(colouring.category[v])]
        }
        let scale = chosen.count == 1 ? 0.6 : 0.33
        let radii = map.radii(c.sizes, scale: 0.6)
        var html = "<p class=\"note\">" + (colouring.map { w("periods.note.by", HTMLText.escape(c.colouringTitle($0.title))) } ?? w("periods.note")) + "</p><div class=\"multiples periods\">"
        for p in chosen {
            let ties = map.tiePath(figures.periodTies[p] ?? [], scale: scale)
            let active = map.members.map { time.isActive($0, period: p) }
            html += "<figure>" + map.svg(ties: "<path class=\"ties\" d=\"\(ties.path)\"/>", colours: colours, radii: radii, titles: [],
                                         active: active, labelled: [], scale: scale, caption: w.plain("periods.caption", c.periodLabels[p]))
            html += "<figcaption>\(w("periods.figcaption", HTMLText.escape(c.periodLabels[p]), HTMLText.count(active.filter { $0 }.count), HTMLText.count(ties.count)))</figcaption></figure>"
        }
        page.section("periods", w.plain("section.periods"), html + "</div>")
    }

    func corePeriphery(_ page: inout HTMLPage, _ c: Context) {
        let cp = report.corePeriphery, w = c.words
        let s = figures.structure
        let colours = [String](repeating: "#9ecae1", count: model.graph.nodeCount).enumerated().map { s.isCore[$0.offset] ? "#0072B2" : $0.element }
        var html = "<p class=\"note\">\(w("core.note", HTMLText.count(cp.coreSize)))"
        if model.graph.nodeCount > options.mapLimit { html += " " + w("core.sampled", HTMLText.count((model.graph.nodeCount + options.mapLimit - 1) / options.mapLimit)) }
        html += "</p><div class=\"multiples\"><figure>"
        html += NetworkMap.corePicture(coreness: s.coreness, isCore: s.isCore, colours: colours,
                                       titles: model.graph.nodeCount <= options.mapLimit ? (0..<model.graph.nodeCount).map(c.title) : [],
                                       limit: options.mapLimit, label: w.plain("section.core"))
        html += "</figure><figure>" + SVGCharts.densityGrid(core: cp.coreDensity, cross: cp.crossDensity, periphery: cp.peripheryDensity, words: w) + "</figure></div>"
        let correlation = cp.correlation.map { HTMLText.number($0, digits: 3) } ?? "–"
        let continuous = (cp.corenessCorrelation.map { HTMLText.number($0, digits: 3) } ?? "–") + (cp.corenessConverged ? "" : " " + w("core.notConverged"))
        html += "<p>\(w("core.fit", correlation, continuous))</p>"
        page.section("core", w.plain("section.core"), html)
    }

    func brokers(_ page: inout HTMLPage, _ c: Context) {
        let a = figures, s = a.structure
        let order = c.ranked(a.betweenness).prefix(options.brokerRows).filter { a.betweenness[$0] > 0 }
        let w = c.words
        var header: [(title: String, right: Bool)] = [(w.plain("table.member"), false), (w.plain("table.name"), false)]
        if let g = c.groupLabel { header.append((g, false)) }
        header += [(w.plain("table.connections"), true), (w.plain("table.betweenness"), true), (w.plain("table.constraint"), true), (w.plain("table.effectiveSize"), true)]
        if s.brokerage != nil { header.append((w.plain("explore.brokerage"), true)) }
        let groupColouring = s.primary.flatMap { p in c.colourings.first { $0.title == p.attribute } }
        let rows = order.map { v -> [String] in
            var row = c.memberCells(v)
            if let g = groupColouring { row.append(g.category[v] >= 0 ? HTMLText.escape(g.labels[Int(g.category[v])]) : "") }
            row += [HTMLText.count(a.connections[v]), HTMLText.number(a.betweenness[v], digits: 4),
                    HTMLText.number(s.constraint[v], digits: 3), HTMLText.number(s.effectiveSize[v])]
            if let b = s.brokerage { row.append(HTMLText.count(b[v])) }
            return row
        }
        var html = "<p class=\"note\">\(w("brokers.note"))</p>"
        html += rows.isEmpty ? "<p class=\"note\">\(w("brokers.none"))</p>" : table(header, rows)
        page.section("brokers", w.plain("section.brokers"), html)
    }

    func drifting(_ page: inout HTMLPage, _ c: Context) {
        let w = c.words
        guard let time = figures.time, time.periods != nil else {
            page.section("drifting", w.plain("section.drifting"), "<p class=\"note\">\(w("na.undated"))</p>")
            return
        }
        let list = time.drifting
        let rows = list.map { d -> [String] in
            c.memberCells(d.member) + [HTMLText.number(d.peak), HTMLText.number(d.now),
             HTMLText.percent((d.peak - d.now) / d.peak),
             time.lastActivity(of: d.member).map { HTMLText.escape(HTMLText.date(Timestamp.formatDate($0))) } ?? ""]
        }
        var html = "<p class=\"note\">\(w("drifting.note"))</p>"
        html += rows.isEmpty ? "<p class=\"note\">\(w("drifting.none"))</p>"
            : table([(w.plain("table.member"), false), (w.plain("table.name"), false), (w.plain("table.peak"), true),
                     (w.plain("table.now"), true), (w.plain("table.fall"), true), (w.plain("table.lastActivity"), false)], rows)
        page.section("drifting", w.plain("section.drifting"), html)
    }

    func segments(_ page: inout HTMLPage, _ c: Context) {
        let w = c.words
        guard let s = extras.segments else {
            page.section("segments", w.plain("section.segments"), "<p class=\"note\">\(w("segments.na"))</p>")
            return
        }
        guard let transitions = s.transitions else {   // the headline shows the segments; only their movement is missing
            page.section("segments", w.plain("section.segments"), "<p class=\"note\">\(w("segments.oneSnapshot"))</p>")
            return
        }
        let labels = c.segmentColouring?.labels ?? s.colouring.labels
        var header: [(title: String, right: Bool)] = [(w.plain("segments.fromTo"), false)]
        header += labels.map { ($0, true) }
        let rows = transitions.enumerated().map { (a, row) in [HTMLText.escape(labels[a])] + row.map(HTMLText.count) }
        let caption = c.findings.movementSpan.map { span in
            w(span.months > 0 ? "segments.caption.months" : "segments.caption.window", String(span.months),
              HTMLText.escape(HTMLText.date(span.from)), HTMLText.escape(HTMLText.date(span.to)))
        } ?? s.transitionsCaption.map(HTMLText.escape)
        var html = caption.map { "<p class=\"note\">\($0)</p>" } ?? ""
        html += table(header, rows)
        page.section("segments", w.plain("section.segments"), html)
    }

    func tieLifeCycle(_ page: inout HTMLPage, _ c: Context) {
        let w = c.words
        guard figures.time != nil, case let rows = model.timeline, !rows.isEmpty else {
            page.section("ties", w.plain("section.ties"), "<p class=\"note\">\(w("na.undated"))</p>")
            return
        }
        var html = "<p class=\"note\">\(w("ties.note"))</p>"
        html += SVGCharts.stackedBars(title: w.plain("chart.tieChange"), labels: c.periodLabels,
                                      categories: TieChange.counted.map { w.plain("tieChange." + $0.label) }, counts: rows.map(\.changes))
        html += SVGCharts.stackedBars(title: w.plain("chart.newKept"), labels: c.periodLabels,
                                      categories: [w.plain("tieChange.new"), w.plain("chart.kept")], counts: rows.map { [$0.tiesNew, $0.tiesKept] })
        page.section("ties", w.plain("section.ties"), html)
    }

    func timeline(_ page: inout HTMLPage, _ c: Context) {
        let w = c.words
        guard let time = figures.time, !model.timeline.isEmpty else {
            page.section("timeline", w.plain("section.timeline"), "<p class=\"note\">\(w("na.undated"))</p>")
            return
        }
        let rows = model.timeline
        let labels = c.periodLabels, na = w.plain("card.na")
        var charts = [
            SVGCharts.line(title: w.plain("card.active"), labels: labels, values: rows.map { Double($0.activeMembers) }, na: na),
            SVGCharts.line(title: w.plain("chart.ties"), labels: labels, values: rows.map { Double($0.ties) }, na: na),
            SVGCharts.line(title: w.plain("card.connections"), labels: labels, values: rows.map(\.averageDegree), na: na),
            SVGCharts.line(title: w.plain("card.density"), labels: labels, values: rows.map(\.density), na: na),
            SVGCharts.line(title: w.plain("card.retention"), labels: labels, values: rows.map(\.retention), percent: true, na: na),
            SVGCharts.line(title: w.plain("chart.newShare"), labels: labels, values: rows.map { $0.ties > 0 ? Double($0.tiesNew) / Double($0.ties) : nil }, percent: true, na: na),
            SVGCharts.line(title: w.plain("chart.largest"), labels: labels, values: rows.map(\.largestComponentShare), percent: true, na: na),
        ]
        if let g = c.groupLabel { charts.append(SVGCharts.line(title: w.plain("card.ei", g), labels: labels, values: rows.map(\.eiIndex), na: na)) }
        if rows.contains(where: { $0.reciprocity != nil }) {
            charts.append(SVGCharts.line(title: w.plain("chart.reciprocity"), labels: labels, values: rows.map(\.reciprocity), percent: true, na: na))
        }
        let unit = w(time.unit.map { "period." + $0 } ?? "period.period")
        let skipped = time.emptyPeriodsSkipped > 0 ? w("timeline.skipped", HTMLText.count(time.emptyPeriodsSkipped)) : ""
        page.section("timeline", w.plain("section.timeline"), "<p class=\"note\">\(w("timeline.note", unit, skipped))</p><div class=\"charts\">\(charts.joined())</div>")
    }

    func groups(_ page: inout HTMLPage, _ c: Context) {
        let w = c.words
        var html = ""
        if let p = figures.structure.primary, let summary = report.groups[p.attribute] {
            let labels = summary.mixing.labels
            let sizes = p.groups.sizes
            let order = labels.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }.prefix(20)
            let rows = order.map { g -> [String] in
                let e = p.mixing[g]
                return [HTMLText.escape(c.groupName(g, labels)), HTMLText.count(sizes[g]), HTMLText.count(e.internalTies), HTMLText.count(e.externalTies),
                        e.index.map { HTMLText.number($0) } ?? "–"]
            }
            html += "<h3>\(w("groups.by", HTMLText.escape(p.attribute)))</h3>"
            html += table([(p.attribute, false), (w.plain("card.members"), true), (w.plain("table.tiesInside"), true), (w.plain("table.tiesOutside"), true), (w.plain("table.ei"), true)], rows)
            if labels.count > 20 { html += "<p class=\"note\">\(w("groups.largest", HTMLText.count(labels.count)))</p>" }
        }
        let communities = model.communities.filter { $0.size > 1 }
        if let summary = report.communities {
            html += "<h3>\(w("groups.communities", HTMLText.escape(summary.method.rawValue), HTMLText.number(summary.modularity, digits: 3)))</h3>"
            let rows = communities.prefix(15).map { r -> [String] in
                [HTMLText.count(r.community), HTMLText.count(r.size), HTMLText.count(r.tiesInside), HTMLText.count(r.tiesOutside),
                 r.topGroup.map { HTMLText.escape($0) + " (" + HTMLText.percent(r.topGroupShare ?? 0) + ")" } ?? ""]
            }
            html += table([(w.plain("explore.community"), true), (w.plain("card.members"), true), (w.plain("table.tiesInside"), true), (w.plain("table.tiesOutside"), true),
                           (w.plain("table.mostCommon", c.groupLabel ?? w.plain("groups.group")), false)], rows)
            if communities.count > 15 { html += "<p class=\"note\">\(w("groups.communitiesLargest", HTMLText.count(communities.count)))</p>" }
        }
        if html.isEmpty { html = "<p class=\"note\">\(w("groups.none"))</p>" }
        page.section("groups", w.plain("section.groups"), html)
    }
}
