import Foundation
import WeftAnalysis
import WeftGraph

/// A categorical colouring of the members for the maps: country, community, segment, …
public struct NodeColouring: Sendable {
    /// What the categories are ("country", "community", "segment").
    public var title: String
    public var labels: [String]
    /// Each member's category (index into `labels`), −1 for none.
    public var category: [Int32]

    public init(title: String, labels: [String], category: [Int32]) {
        self.title = title
        self.labels = labels
        self.category = category
    }

    public init(title: String, groups: NodeGroups) {
        self.init(title: title, labels: groups.labels, category: groups.group)
    }

    /// The colour of each category: the most frequent categories of two or more members (at most
    /// 11, ties by label order) get the palette's colours, the rest share "other". Also the
    /// legend entries.
    func colours(_ words: Words) -> (colour: [String], legend: [(label: String, colour: String, count: Int)]) {
        var count = [Int](repeating: 0, count: labels.count)
        for c in category where c >= 0 { count[Int(c)] += 1 }
        let order = labels.indices.filter { count[$0] > 0 }.sorted { count[$0] != count[$1] ? count[$0] > count[$1] : $0 < $1 }
        let shown = SVGCharts.palette.count - 1
        var colour = [String](repeating: SVGCharts.otherColour, count: labels.count)
        var legend: [(String, String, Int)] = []
        for (rank, c) in order.enumerated() where rank < shown && count[c] > 1 {
            colour[c] = SVGCharts.palette[rank]
            legend.append((labels[c], colour[c], count[c]))
        }
        let rest = order.count - legend.count
        let restMembers = order.filter { colour[$0] == SVGCharts.otherColour }.reduce(0) { $0 + count[$1] }
        let none = category.filter { $0 < 0 }.count
        if rest > 0 { legend.append((words.plain("legend.other", String(rest)), SVGCharts.otherColour, restMembers)) }
        if none > 0 { legend.append((words.plain("legend.noValue"), SVGCharts.otherColour, none)) }
        return (colour, legend)
    }
}

/// The member measure that sizes the dots on the maps.
public enum MapSizeMeasure: String, CaseIterable, Sendable {
    case connections, strength, betweenness, pagerank, coreness

    /// The measure in words, from the catalogue (`size.connections`, …).
    func label(_ words: Words) -> String { words.plain("size." + rawValue) }

    /// The measure's value for each node of `a`.
    func values(_ a: Analysis) -> [Double] {
        switch self {
        case .connections: return a.degrees.neighbours.map(Double.init)
        case .strength: return a.degrees.strength
        case .betweenness: return a.betweenness.normalised
        case .pagerank: return a.pagerank.values
        case .coreness: return a.structure.coreness.coreness
        }
    }
}

/// The members drawn on the maps and their fixed positions: one layout of the whole window's
/// network (`GraphLayout`), reused for every period so that change is visible. network.json,
/// network.graphml and network.gexf carry the same positions (`NetworkMap.of(_:options:)`), so a
/// dashboard's map matches report.html's.
///
/// Networks of at most `limit` members are drawn whole. Larger ones are drawn as the `limit`
/// members of the largest component with the highest size measure (ties: member order), and the
/// report says so.
public struct NetworkMap: Sendable {
    /// Drawn members (analysis indices) and their screen positions.
    let members: [Int]
    let x: [Double]
    let y: [Double]
    let width: Double
    let height: Double
    /// position[v]: v's index in `members`, or −1 when v is not drawn.
    let position: [Int]
    let methods: [GraphLayout.Method]
    /// Set when only part of the network is drawn: the network's members, those drawn, and the
    /// largest component's size.
    let subset: (members: Int, drawn: Int, largestComponent: Int)?

    /// `subset` in words (English, for the network exports; report.html says it in its language).
    var subsetNote: String? {
        subset.map { "The network has \($0.members) members, too many to draw legibly: the maps show the \($0.drawn) members of the largest component (\($0.largestComponent) members) with the highest size measure, and the ties among them. Legend counts are over all members." }
    }

    /// The map report.html draws for `analysis` under `options` (size measure, member limit,
    /// layout method); nil when the network has no node.
    /// `sizes`: the size measure's values when the caller has them (else computed here).
    public static func of(_ analysis: Analysis, options: HTMLReport.Options, sizes: [Double]? = nil) -> NetworkMap? {
        analysis.graph.nodeCount == 0 ? nil
            : NetworkMap(graph: analysis.graph, sizes: sizes ?? options.sizeBy.values(analysis), components: analysis.summary.weakComponents,
                         limit: options.mapLimit, stressLimit: options.stressLimit, seed: analysis.options.seed)
    }

    /// Node v's position in the view box (x right, y down, in px of a `width` × `height` box), or
    /// nil when v is not drawn.
    public func point(_ v: Int) -> (x: Double, y: Double)? {
        position[v] >= 0 ? (x[position[v]], y[position[v]]) : nil
    }

    /// A map with its positions given (drawn members in drawing order, their points, and each
    /// node's index among them, −1 when not drawn).
    init(members: [Int], x: [Double], y: [Double], width: Double, height: Double, position: [Int],
         methods: [GraphLayout.Method], subset: (members: Int, drawn: Int, largestComponent: Int)?) {
        (self.members, self.x, self.y, self.width, self.height) = (members, x, y, width, height)
        (self.position, self.methods, self.subset) = (position, methods, subset)
    }

    init(graph: Graph, sizes: [Double], components: Components, limit: Int, stressLimit: Int, seed: UInt64, width: Double = 900) {
        let n = graph.nodeCount
        var chosen: [Int]
        if n <= limit {
            chosen = Array(0..<n)
            subset = nil
        } else {
            chosen = (0..<n).filter { components.membership[$0] == 0 }
            chosen.sort { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
            chosen = Array(chosen.prefix(limit)).sorted()
            subset = (n, chosen.count, components.largestSize)
        }
        var position = [Int](repeating: -1, count: n)
        for (i, v) in chosen.enumerated() { position[v] = i }
        var offsets = [0], neighbours: [Int32] = []
        for v in chosen {
            for u in graph.undirected.neighbours(of: v) where position[Int(u)] >= 0 && Int(u) != v { neighbours.append(Int32(position[Int(u)])) }
            offsets.append(neighbours.count)
        }
        let layout = GraphLayout(Adjacency(offsets: offsets, neighbours: neighbours, weights: [Double](repeating: 1, count: neighbours.count)),
                                 seed: seed, stressLimit: stressLimit)
        // Scale into the view box, keeping the aspect ratio (height between 0.5 and 0.9 widths).
        let margin = 24.0
        let minX = layout.x.min() ?? 0, maxX = layout.x.max() ?? 1, minY = layout.y.min() ?? 0, maxY = layout.y.max() ?? 1
        let spanX = max(maxX - minX, 1e-9), spanY = max(maxY - minY, 1e-9)
        let height = min(0.9 * width, max(0.5 * width, (width - 2 * margin) * spanY / spanX + 2 * margin))
        let scale = min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY)
        let offsetX = (width - scale * spanX) / 2, offsetY = (height - scale * spanY) / 2
        x = layout.x.map { offsetX + ($0 - minX) * scale }
        y = layout.y.map { offsetY + ($0 - minY) * scale }
        (self.members, self.position, self.width, self.height, self.methods) = (chosen, position, width, height, layout.methods)
    }

    /// Ties between drawn members, given as pairs of positions in `members` (`PageFigures.drawnTies`),
    /// as one SVG path ("M x y L x y" per tie).
    func tiePath(_ pairs: [Int32], scale: Double = 1) -> (path: String, count: Int) {
        var path = ""
        for k in stride(from: 0, to: pairs.count, by: 2) {
            let i = Int(pairs[k]), j = Int(pairs[k + 1])
            path += "M" + HTMLText.coordinate(x[i] * scale) + " " + HTMLText.coordinate(y[i] * scale)
            path += "L" + HTMLText.coordinate(x[j] * scale) + " " + HTMLText.coordinate(y[j] * scale)
        }
        return (path, pairs.count / 2)
    }

    /// Dot radii from the size measure: 2 to 9 px (area proportional to the value).
    func radii(_ sizes: [Double], scale: Double = 1) -> [Double] {
        let top = members.map { sizes[$0] }.filter(\.isFinite).max() ?? 0
        return members.map { v in
            let s = top > 0 && sizes[v].isFinite ? max(0, sizes[v]) / top : 0
            return (2 + 7 * s.squareRoot()) * scale
        }
    }

    /// The whole SVG: ties (given as a path, or a reference to a path drawn earlier), dots with
    /// a tooltip each, and non-overlapping labels for the `labelled` members.
    func svg(ties: String, colours: [String], radii: [Double], titles: [String], active: [Bool]? = nil,
             labelled: [(member: Int, text: String)], scale: Double = 1, caption: String) -> String {
        let w = width * scale, h = height * scale
        var svg = "<svg class=\"map\" viewBox=\"0 0 \(HTMLText.coordinate(w)) \(HTMLText.coordinate(h))\" width=\"\(HTMLText.coordinate(w))\" height=\"\(HTMLText.coordinate(h))\" role=\"img\" aria-label=\"\(HTMLText.escape(caption))\">"
        svg += ties
        for (i, _) in members.enumerated() {
            let on = active?[i] ?? true
            let fill = on ? colours[i] : SVGCharts.inactiveColour
            let r = on ? radii[i] : min(radii[i], 2 * scale)
            svg += "<circle cx=\"\(HTMLText.coordinate(x[i] * scale))\" cy=\"\(HTMLText.coordinate(y[i] * scale))\" r=\"\(HTMLText.coordinate(r))\" fill=\"\(fill)\">"
            if !titles.isEmpty { svg += "<title>\(titles[i])</title>" }
            svg += "</circle>"
        }
        for label in placeLabels(labelled, radii: radii, scale: scale) {
            svg += "<text x=\"\(HTMLText.coordinate(label.x))\" y=\"\(HTMLText.coordinate(label.y))\" class=\"nl\">\(HTMLText.escape(label.text))</text>"
        }
        return svg + "</svg>"
    }

    /// Greedy label placement: members in the given order (most important first) try right of,
    /// left of, above and below their dot; a label that would overlap an earlier one, or leave
    /// the picture, is dropped. Widths are estimated at 7 px per character (11 px bold font).
    func placeLabels(_ wanted: [(member: Int, text: String)], radii: [Double], scale: Double) -> [(x: Double, y: Double, text: String)] {
        var placed: [(x0: Double, y0: Double, x1: Double, y1: Double)] = []
        var out: [(x: Double, y: Double, text: String)] = []
        let w = width * scale, h = height * scale
        for (member, raw) in wanted {
            let i = position[member]
            guard i >= 0 else { continue }
            let text = raw.count > 28 ? String(raw.prefix(27)) + "…" : raw
            let tw = 7.0 * Double(text.count), th = 11.0
            let cx = x[i] * scale, cy = y[i] * scale, r = radii[i] + 2
            // (left, baseline) candidates.
            let candidates = [(cx + r, cy + 4), (cx - r - tw, cy + 4), (cx - tw / 2, cy - r - 2), (cx - tw / 2, cy + r + th)]
            for (lx, ly) in candidates {
                let box = (x0: lx - 1, y0: ly - th, x1: lx + tw + 1, y1: ly + 2)
                guard box.x0 >= 0, box.x1 <= w, box.y0 >= 0, box.y1 <= h else { continue }
                if placed.contains(where: { $0.x0 < box.x1 && box.x0 < $0.x1 && $0.y0 < box.y1 && box.y0 < $0.y1 }) { continue }
                placed.append(box)
                out.append((lx, ly, text))
                break
            }
        }
        return out
    }

    /// A legend as HTML (colour swatches with counts).
    static func legend(title: String, entries: [(label: String, colour: String, count: Int)]) -> String {
        var html = "<p class=\"legend\"><b>\(HTMLText.escape(title)):</b> "
        for e in entries {
            html += "<span><i style=\"background:\(e.colour)\"></i>\(HTMLText.escape(e.label)) (\(HTMLText.count(e.count)))</span> "
        }
        return html + "</p>"
    }

    /// The core–periphery picture: members on a sunflower spiral (Vogel 1979) in decreasing order
    /// of continuous coreness, so the most central sit in the middle and the periphery on the
    /// rim; members of the discrete core are drawn with a dark ring. Above `limit` members, every
    /// k-th member in that order is drawn (k = ⌈n / limit⌉), which keeps the picture's proportions.
    static func corePicture(coreness: [Double], isCore: [Bool], colours: [String], titles: [String], limit: Int, label: String, size: Double = 420) -> String {
        let all = (0..<coreness.count).sorted { coreness[$0] != coreness[$1] ? coreness[$0] > coreness[$1] : $0 < $1 }
        let step = (all.count + limit - 1) / max(1, limit)
        let order = step > 1 ? stride(from: 0, to: all.count, by: step).map { all[$0] } : all
        let n = order.count
        let radius = size / 2 - 12
        var svg = "<svg class=\"map\" viewBox=\"0 0 \(Int(size)) \(Int(size))\" width=\"\(Int(size))\" height=\"\(Int(size))\" role=\"img\" aria-label=\"\(HTMLText.escape(label))\">"
        svg += "<circle cx=\"\(Int(size / 2))\" cy=\"\(Int(size / 2))\" r=\"\(Int(radius + 6))\" class=\"rim\"/>"
        let dot = max(1.5, min(6, radius / Double(max(1, n)).squareRoot() * 0.8))
        for (rank, v) in order.enumerated() {
            let r = radius * ((Double(rank) + 0.5) / Double(max(1, n))).squareRoot()
            let angle = Double(rank) * 2.399963229728653
            let cx = size / 2 + r * cos(angle), cy = size / 2 + r * sin(angle)
            svg += "<circle cx=\"\(HTMLText.coordinate(cx))\" cy=\"\(HTMLText.coordinate(cy))\" r=\"\(HTMLText.coordinate(dot))\" fill=\"\(colours[v])\"\(isCore[v] ? " class=\"core\"" : "")>"
            if !titles.isEmpty { svg += "<title>\(titles[v])</title>" }
            svg += "</circle>"
        }
        return svg + "</svg>"
    }
}
