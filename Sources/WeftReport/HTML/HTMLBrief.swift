import WeftAnalysis

extension HTMLReport {
    /// "In brief": the questions a network's team asks first, answered in sentences from
    /// `Findings`, `Report.summary` and `Report.survey` — how many members are active and
    /// connected, whether they connect across groups, who holds the network together, who is
    /// drifting away, how engagement segments moved, what changed since the last survey wave.
    /// Members are named only where the report may name them (`Context.hidesMembers`).
    func brief(_ page: inout HTMLPage, _ c: Context) {
        let w = c.words, f = c.findings, s = report.summary
        var sentences: [String] = []
        let window = c.windowBounds
        sentences.append(w("brief.active", HTMLText.count(f.activeMembers), HTMLText.count(f.members),
                           HTMLText.percent(f.members > 0 ? Double(f.activeMembers) / Double(f.members) : 0),
                           HTMLText.escape(window.from), HTMLText.escape(window.to), HTMLText.count(f.connectedMembers),
                           HTMLText.percent(f.members > 0 ? Double(f.connectedMembers) / Double(f.members) : 0),
                           HTMLText.count(f.largestComponent)))
        if let cross = s.crossGroup {
            let attribute = HTMLText.escape(cross.attribute)
            if let share = cross.share {
                sentences.append(w(share >= 0.5 ? "brief.cross.across" : "brief.cross.within", attribute, HTMLText.percent(share),
                                   HTMLText.count(f.groupValues ?? 0)))
            } else {
                sentences.append(w("brief.cross.noTies", attribute))
            }
        } else {
            sentences.append(w("brief.cross.none"))
        }
        if f.brokers.isEmpty {
            sentences.append(w("brief.brokers.none"))
        } else if c.hidesMembers {
            sentences.append(w("brief.brokers.hidden", HTMLText.count(f.brokers.count), HTMLText.percent(f.brokerShare)))
        } else {
            sentences.append(w("brief.brokers", c.list(f.brokers.map { "<b>" + HTMLText.escape(c.display($0)) + "</b>" }), HTMLText.percent(f.brokerShare)))
        }
        if figures.time?.periods == nil {
            sentences.append(w("brief.drifting.na"))
        } else if f.driftingCount == 0 {
            sentences.append(w("brief.drifting.none"))
        } else if c.hidesMembers {
            sentences.append(w("brief.drifting.hidden", HTMLText.count(f.driftingCount)))
        } else {
            sentences.append(w("brief.drifting", HTMLText.count(f.driftingCount), c.list(f.drifting.map { "<b>" + HTMLText.escape(c.display($0)) + "</b>" })))
        }
        if extras.segments == nil || s.segments.isEmpty {   // as the key figures: segments shown only when computed
            sentences.append(w("brief.segments.na"))
        } else {
            let shares = s.segments.filter { $0.members > 0 }.map { HTMLText.escape(c.segmentName($0.segment)) + " " + HTMLText.percent($0.share) }
            var text = w("brief.segments", c.list(shares))
            if let m = s.movement, let span = f.movementSpan {
                let counts = [m.up, m.down, m.joined, m.left, m.stayed].map(HTMLText.count)
                text += " " + (span.months > 0
                    ? w("brief.movement.months", [String(span.months), HTMLText.escape(HTMLText.date(span.from)), HTMLText.escape(HTMLText.date(span.to))] + counts)
                    : w("brief.movement.window", [HTMLText.escape(HTMLText.date(span.from)), HTMLText.escape(HTMLText.date(span.to))] + counts))
            } else {
                text += " " + w("brief.movement.na")
            }
            sentences.append(text)
        }
        sentences += surveySentences(c)
        var html = "<div class=\"brief\">" + sentences.map { "<p>\($0)</p>" }.joined() + "</div>"
        html += c.hiddenNote
        html += "<p class=\"note\">\(w("brief.more"))</p>"
        page.section("brief", w.plain("brief.title"), html)
    }

    /// One sentence per survey relation on the change between its last two waves; one saying
    /// so when the survey has a single wave or none.
    private func surveySentences(_ c: Context) -> [String] {
        let w = c.words
        guard let survey = report.survey, !survey.byRelation.isEmpty else { return [w("brief.survey.none")] }
        return survey.byRelation.map { r in
            guard r.waves.count >= 2, let last = r.waves.last, let change = last.change else {
                return w("brief.survey.one", HTMLText.escape(r.waves.first?.wave ?? ""))
            }
            let before = r.waves[r.waves.count - 2]
            return w("brief.survey", [HTMLText.escape(r.relation), HTMLText.escape(change.fromWave), HTMLText.escape(last.wave),
                                      HTMLText.count(change.new), HTMLText.count(change.sustained), HTMLText.count(change.dissolved),
                                      HTMLText.number(before.averageConnections), HTMLText.number(last.averageConnections),
                                      HTMLText.count(change.membersGained), HTMLText.count(change.membersLost)])
        }
    }

    /// "Glossary": the technical words of the report in plain terms.
    func glossary(_ page: inout HTMLPage, _ c: Context) {
        let w = c.words
        var html = "<p class=\"note\">\(w("glossary.intro"))</p><dl class=\"glossary\">"
        for term in ["tie", "active", "connections", "density", "betweenness", "ei", "constraint", "core", "community", "retention", "drifting", "segments"] {
            html += "<dt>\(w("glossary." + term))</dt><dd>\(w("glossary." + term + ".text"))</dd>"
        }
        page.section("glossary", w.plain("glossary.title"), html + "</dl>")
    }
}

extension Context {
    /// Items joined as a sentence says them: "a", "a and b", "a, b and c" (already HTML).
    func list(_ items: [String]) -> String {
        guard var text = items.first else { return "" }
        for (k, item) in items.enumerated().dropFirst() {
            text = words(k == items.count - 1 ? "list.and" : "list.comma", text, item)
        }
        return text
    }

    /// A segment's name as a reader says it: the catalogue's ("Deep divers" for deep_diver), or,
    /// for a segment of a custom config, the name with underscores as spaces and a capital.
    func segmentName(_ segment: String) -> String { Context.segmentName(segment, words) }

    /// A colouring's title as the page shows it: "segment" and "community" in the report's
    /// language, a member attribute's name as the members file writes it.
    func colouringTitle(_ title: String) -> String {
        title == "segment" ? words.plain("explore.segment").lowercased() : title == "community" ? words.plain("explore.community").lowercased() : title
    }

    static func segmentName(_ segment: String, _ words: Words) -> String {
        let key = "segment." + segment
        if words.has(key) { return words.plain(key) }
        let spaced = segment.replacingOccurrences(of: "_", with: " ")
        return spaced.prefix(1).uppercased() + spaced.dropFirst()
    }
}
