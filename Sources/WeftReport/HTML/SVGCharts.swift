/// The small charts of report.html, drawn as inline SVG (no script): line charts for the
/// timeline, stacked bars for the tie life cycle, a shaded grid for block densities.
enum SVGCharts {
    /// A categorical palette (Okabe & Ito's colour-blind-safe eight, then four more); the last
    /// colour is for "other".
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
                          "#8C564B", "#7F7FFF", "#2CA02C", "#BBBBBB"]
    static let otherColour = "#BBBBBB"
    static let inactiveColour = "#DDDDDD"

    /// A line chart of one series over the periods; nil values leave a gap. `labels` name the
    /// periods (first and last are printed under the axis).
    /// `na` is written across an empty chart.
    static func line(title: String, labels: [String], values: [Double?], percent: Bool = false, na: String) -> String {
        let (width, height) = (320.0, 170.0)
        let (left, right, top, bottom) = (46.0, 10.0, 24.0, 30.0)
        let known = values.compactMap { $0 }.filter(\.isFinite)
        var lo = min(0, known.min() ?? 0), hi = max(known.max() ?? 1, lo + 1e-9)
        if percent { lo = min(lo, 0); hi = max(hi, 1e-9) }
        if hi - lo < 1e-12 { hi = lo + 1 }
        let plotW = width - left - right, plotH = height - top - bottom
        func px(_ i: Int) -> Double { left + (values.count <= 1 ? plotW / 2 : plotW * Double(i) / Double(values.count - 1)) }
        func py(_ v: Double) -> Double { top + plotH * (1 - (v - lo) / (hi - lo)) }
        // Enough decimals for the largest value to show three significant digits.
        var digits = 0
        while digits < 6 && max(abs(hi), abs(lo)) * pow10(digits) < 100 { digits += 1 }
        func tick(_ v: Double) -> String { percent ? HTMLText.percent(v) : HTMLText.number(v, digits: digits) }
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\">"
        svg += "<text x=\"4\" y=\"14\" class=\"ct\">\(HTMLText.escape(title))</text>"
        for v in [lo, (lo + hi) / 2, hi] {
            let y = HTMLText.coordinate(py(v))
            svg += "<line x1=\"\(Int(left))\" x2=\"\(Int(width - right))\" y1=\"\(y)\" y2=\"\(y)\" class=\"grid\"/>"
            svg += "<text x=\"\(Int(left - 4))\" y=\"\(y)\" class=\"yl\">\(tick(v))</text>"
        }
        var path = "", pen = false
        for (i, v) in values.enumerated() {
            guard let v, v.isFinite else { pen = false; continue }
            path += (pen ? "L" : "M") + HTMLText.coordinate(px(i)) + " " + HTMLText.coordinate(py(v))
            pen = true
        }
        if !path.isEmpty { svg += "<path d=\"\(path)\" class=\"series\"/>" }
        if values.count <= 40 {
            for (i, v) in values.enumerated() {
                if let v, v.isFinite { svg += "<circle cx=\"\(HTMLText.coordinate(px(i)))\" cy=\"\(HTMLText.coordinate(py(v)))\" r=\"2\" class=\"dot\"/>" }
            }
        }
        if known.isEmpty { svg += "<text x=\"\(Int(width / 2))\" y=\"\(Int(height / 2))\" class=\"na\">\(HTMLText.escape(na))</text>" }
        if let first = labels.first, let last = labels.last {
            svg += "<text x=\"\(Int(left))\" y=\"\(Int(height - 10))\" class=\"xl\">\(HTMLText.escape(first))</text>"
            if labels.count > 1 { svg += "<text x=\"\(Int(width - right))\" y=\"\(Int(height - 10))\" class=\"xl end\">\(HTMLText.escape(last))</text>" }
        }
        return svg + "</svg>"
    }

    private static func pow10(_ k: Int) -> Double { (0..<k).reduce(1.0) { p, _ in p * 10 } }

    /// Stacked vertical bars: one bar per period, one segment per category (in `categories`
    /// order, bottom first), with a legend.
    static func stackedBars(title: String, labels: [String], categories: [String], counts: [[Int]]) -> String {
        let height = 230.0, (left, top, bottom) = (46.0, 24.0, 52.0)
        let barSpace = max(6.0, min(28.0, 640.0 / Double(max(1, counts.count))))
        let width = left + barSpace * Double(counts.count) + 10
        let totals = counts.map { $0.reduce(0, +) }
        let hi = Double(max(1, totals.max() ?? 1))
        let plotH = height - top - bottom
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(Int(max(width, 360))) \(Int(height))\" width=\"\(Int(max(width, 360)))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\">"
        svg += "<text x=\"4\" y=\"14\" class=\"ct\">\(HTMLText.escape(title))</text>"
        for v in [0, hi / 2, hi] {
            let y = HTMLText.coordinate(top + plotH * (1 - v / hi))
            svg += "<line x1=\"\(Int(left))\" x2=\"\(Int(width))\" y1=\"\(y)\" y2=\"\(y)\" class=\"grid\"/>"
            svg += "<text x=\"\(Int(left - 4))\" y=\"\(y)\" class=\"yl\">\(HTMLText.count(Int(v.rounded())))</text>"
        }
        for (p, row) in counts.enumerated() {
            var base = 0.0
            let x = HTMLText.coordinate(left + barSpace * Double(p) + 1)
            for (c, value) in row.enumerated() where value > 0 {
                let h = plotH * Double(value) / hi
                let y = top + plotH - base - h
                svg += "<rect x=\"\(x)\" y=\"\(HTMLText.coordinate(y))\" width=\"\(HTMLText.coordinate(barSpace - 2))\" height=\"\(HTMLText.coordinate(h))\" fill=\"\(palette[c % palette.count])\"><title>\(HTMLText.escape(labels[p])): \(HTMLText.escape(categories[c])) \(value)</title></rect>"
                base += h
            }
        }
        if let first = labels.first, let last = labels.last {
            svg += "<text x=\"\(Int(left))\" y=\"\(Int(height - bottom + 14))\" class=\"xl\">\(HTMLText.escape(first))</text>"
            if labels.count > 1 { svg += "<text x=\"\(Int(width))\" y=\"\(Int(height - bottom + 14))\" class=\"xl end\">\(HTMLText.escape(last))</text>" }
        }
        var x = left
        for (c, category) in categories.enumerated() {
            svg += "<rect x=\"\(HTMLText.coordinate(x))\" y=\"\(Int(height - 18))\" width=\"10\" height=\"10\" fill=\"\(palette[c % palette.count])\"/>"
            svg += "<text x=\"\(HTMLText.coordinate(x + 14))\" y=\"\(Int(height - 9))\" class=\"lg\">\(HTMLText.escape(category))</text>"
            x += 22 + 6.5 * Double(category.count)
        }
        return svg + "</svg>"
    }

    /// A 2 × 2 grid of block densities (core–core, core–periphery, periphery–core,
    /// periphery–periphery), shaded by value; nil cells say "–".
    static func densityGrid(core: Double?, cross: Double?, periphery: Double?, words w: Words) -> String {
        let cell = 90.0, left = 80.0, top = 30.0
        var svg = "<svg class=\"chart\" viewBox=\"0 0 270 220\" width=\"270\" height=\"220\" role=\"img\" aria-label=\"\(w("chart.blocks"))\">"
        svg += "<text x=\"4\" y=\"14\" class=\"ct\">\(w("chart.blocks"))</text>"
        let cells: [(Int, Int, Double?)] = [(0, 0, core), (0, 1, cross), (1, 0, cross), (1, 1, periphery)]
        for (r, c, value) in cells {
            let shade = value.map { 0.08 + 0.92 * min(1, max(0, $0)) } ?? 0
            let x = left + cell * Double(c), y = top + cell * Double(r)
            svg += "<rect x=\"\(Int(x))\" y=\"\(Int(y))\" width=\"\(Int(cell - 2))\" height=\"\(Int(cell - 2))\" fill=\"#0072B2\" fill-opacity=\"\(HTMLText.decimal(shade))\" stroke=\"#999\"/>"
            let text = value.map { HTMLText.number($0, digits: 3) } ?? "–"
            svg += "<text x=\"\(Int(x + cell / 2))\" y=\"\(Int(y + cell / 2 + 4))\" class=\"cv\(shade > 0.5 ? " light" : "")\">\(text)</text>"
        }
        svg += "<text x=\"\(Int(left + cell / 2))\" y=\"\(Int(top - 4))\" class=\"xl mid\">\(w("chart.core"))</text>"
        svg += "<text x=\"\(Int(left + cell * 1.5))\" y=\"\(Int(top - 4))\" class=\"xl mid\">\(w("chart.periphery"))</text>"
        svg += "<text x=\"\(Int(left - 6))\" y=\"\(Int(top + cell / 2))\" class=\"yl\">\(w("chart.core"))</text>"
        svg += "<text x=\"\(Int(left - 6))\" y=\"\(Int(top + cell * 1.5))\" class=\"yl\">\(w("chart.periphery"))</text>"
        return svg + "</svg>"
    }
}
