import Foundation
import WeftAnalysis
import WeftGraph
import WeftIO

/// The explorable network map: the first static map of report.html plus its controls (zoom
/// buttons, search, filters, period slider, member card) and the JSON data `MapScript` reads.
/// Without script the controls stay hidden (CSS) and the map is the static one.
///
/// The data hold, per drawn member (in the map's order, which is the order of the SVG's
/// circles): display name and id (empty when members are hidden), segment and the rule that
/// placed them there, connections, group value, community, normalised betweenness, brokerage
/// roles and whether they are drifting away; per period: its label, the active members as a
/// string of 0/1 and its ties as pairs of member positions. Periods' ties are left out when the
/// network is too large for them (`periodTieLimit` pairs in all), and the slider then replays
/// activity alone.
struct MapExplorer {
    /// Most tie pairs written for the period slider, over all periods.
    static let periodTieLimit = 250_000

    let report: HTMLReport
    let context: Context
    let map: NetworkMap

    /// The controls shown above the map (hidden until the script runs).
    func controls() -> String {
        let w = context.words
        var html = "<div class=\"controls\">"
        html += "<button type=\"button\" data-ui=\"in\" title=\"\(w("explore.zoomIn"))\">+</button><button type=\"button\" data-ui=\"out\" title=\"\(w("explore.zoomOut"))\">−</button><button type=\"button\" data-ui=\"reset\">\(w("explore.reset"))</button>"
        if !context.hidesMembers {
            html += "<label>\(w("explore.search")) <input type=\"search\" data-ui=\"search\" placeholder=\"\(w("explore.searchHint"))\"></label><span data-ui=\"found\" class=\"found\"></span>"
        }
        for filter in filters() {
            let key = filter.key
            html += "<select data-ui=\"filter-\(key)\" aria-label=\"\(HTMLText.escape(filter.title))\"><option value=\"\">\(w("explore.all", HTMLText.escape(filter.title)))</option>"
            for (k, value) in filter.values.enumerated() { html += "<option value=\"\(k)\">\(HTMLText.escape(value))</option>" }
            html += "</select>"
        }
        if let periods = periodLabels(), !periods.isEmpty {
            html += "<label class=\"slider\">\(w("explore.period")) <input type=\"range\" data-ui=\"period\" min=\"0\" max=\"\(periods.count)\" value=\"\(periods.count)\"></label><span data-ui=\"period-label\">\(w("explore.wholeWindow"))</span>"
        }
        return html + "</div>"
    }

    /// The member card's place (filled by the script).
    func card() -> String { "<div class=\"mcard\" data-ui=\"card\" hidden></div>" }

    /// The filters: segment, the primary group attribute, community (those that exist).
    func filters() -> [(key: String, title: String, values: [String], category: [Int32])] {
        var out: [(String, String, [String], [Int32])] = []
        let w = context.words
        if let s = context.segmentColouring { out.append(("s", w.plain("explore.segment"), s.labels, s.category)) }
        if let p = report.figures.structure.primary, let g = context.colourings.first(where: { $0.title == p.attribute }) {
            out.append(("g", p.attribute, g.labels, g.category))
        }
        if let k = context.colourings.first(where: { $0.title == "community" }) { out.append(("k", w.plain("explore.community"), k.labels, k.category)) }
        return out
    }

    private func periodLabels() -> [String]? {
        guard let time = report.figures.time, time.periods != nil, time.active != nil else { return nil }
        return context.periodLabels
    }

    /// The JSON block the script reads.
    func data() -> String {
        let a = report.figures, c = context, w = c.words
        let filters = filters()
        var json = "{\"width\":\(HTMLText.coordinate(map.width)),\"height\":\(HTMLText.coordinate(map.height)),\"hidden\":\(c.hidesMembers)"
        json += ",\"order\":[" + c.ranked(c.sizes).compactMap { map.position[$0] >= 0 ? String(map.position[$0]) : nil }.joined(separator: ",") + "]"
        let drifting = Set(c.findings.driftingMembers)
        let segments = a.segments
        let brokerage = a.structure.brokerage
        json += ",\"members\":["
        for (i, v) in map.members.enumerated() {
            if i > 0 { json += "," }
            let name = c.hidesMembers ? "" : c.display(v), id = c.hidesMembers ? "" : c.ids[Int32(v)]
            json += "{\"n\":\(ScriptJSON.string(name)),\"id\":\(ScriptJSON.string(id))"
            for (key, _, _, category) in filters { json += ",\"\(key)\":\(category[v])" }
            if let segments, segments.rule[v] >= 0 { json += ",\"why\":" + ScriptJSON.string(c.rule(segments.rules[Int(segments.rule[v])])) }
            json += ",\"c\":\(a.connections[v]),\"b\":\(ScriptJSON.string(HTMLText.number(a.betweenness[v], digits: 4)))"
            if let brokerage { json += ",\"r\":\(brokerage[v])" }
            if a.time?.periods != nil { json += ",\"d\":\(drifting.contains(v) ? 1 : 0)" }
            json += "}"
        }
        json += "],\"filters\":{" + filters.map { "\"\($0.key)\":{\"title\":\(ScriptJSON.string($0.title)),\"values\":[" + $0.values.map(ScriptJSON.string).joined(separator: ",") + "]}" }.joined(separator: ",") + "}"
        json += ",\"periods\":[" + periods().joined(separator: ",") + "]"
        let words = ["member": "explore.member", "segment": "explore.segment", "connections": "explore.connections", "community": "explore.community",
                     "betweenness": "explore.betweenness", "brokerage": "explore.brokerage", "drifting": "explore.drifting", "yes": "explore.yes",
                     "no": "explore.no", "found": "explore.found", "wholeWindow": "explore.wholeWindow"]
        json += ",\"words\":{" + words.sorted { $0.key < $1.key }.map { "\"\($0.key)\":" + ScriptJSON.string(w.plain($0.value)) }.joined(separator: ",") + "}}"
        return "<script type=\"application/json\" id=\"weft-map-data\">" + json + "</script>"
    }

    /// Each period's label, active members and ties among the drawn members (ties left out
    /// once `periodTieLimit` pairs are written).
    private func periods() -> [String] {
        let a = report.figures
        guard let time = a.time, let periods = time.periods, time.active != nil else { return [] }
        var written = 0
        return (0..<periods.count).map { p in
            var active = ""
            for v in map.members { active += time.isActive(v, period: p) ? "1" : "0" }
            var pairs: [String] = []
            if written < MapExplorer.periodTieLimit {
                // Built by the model for exactly these periods (`Analysis.model`).
                for k in a.periodTies[p] ?? [] { pairs.append(String(k)) }
                written += pairs.count / 2
            }
            return "{\"label\":\(ScriptJSON.string(context.periodLabels[p])),\"active\":\"\(active)\",\"ties\":[\(pairs.joined(separator: ","))]}"
        }
    }
}

/// JSON string literals safe inside an HTML `<script>` data block: `JSONText.quoted` (RFC 8259
/// escapes), then `<`, `>`, `&`, U+2028 and U+2029 written as `\uXXXX`, so that no data string
/// can close the block or start markup.
enum ScriptJSON {
    static func string(_ text: String) -> String {
        var out = ""
        for scalar in JSONText.quoted(text).unicodeScalars {
            switch scalar {
            case "<", ">", "&", "\u{2028}", "\u{2029}": out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
