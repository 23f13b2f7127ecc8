import Foundation
import WeftAnalysis
import WeftGraph
import WeftIO

/// report.html: the analysis for MEL officers as one self-contained page — no external file,
/// font or network request (a Content-Security-Policy forbids them; the one inline script,
/// `MapScript`, runs by its hash) — that prints on A4 and can be emailed. Rendered from the same `Analysis` and `Report` as
/// report.json, so the two never disagree.
///
/// Parts: headline figures; network maps (inline SVG, one fixed layout, coloured by segment,
/// group attribute or community, sized by a chosen measure) and the same map for the first,
/// middle and last periods; the core–periphery picture; brokers and members drifting away;
/// segment transitions; tie life-cycle bars; the timeline as line charts; groups and
/// communities; methods and data-quality warnings. Every string from the data is escaped with
/// `HTMLText.escape`. The bytes depend only on the inputs and options (no clock, no locale).
public struct HTMLReport {
    public struct Options: Sendable {
        /// The measure that sizes the dots.
        public var sizeBy: MapSizeMeasure = .connections
        /// Most members drawn on a map (larger networks: the top members of the largest component).
        public var mapLimit = 3_000
        /// Components up to this size are laid out by stress majorisation, larger ones force-directed.
        public var stressLimit = GraphLayout.defaultStressLimit
        /// Rows of the broker table.
        public var brokerRows = 12
        /// Labelled members per map.
        public var labels = 15
        /// The page's title (`--title`); nil: "Network report" in the report's language.
        public var title: String?
        /// A logo shown beside the title (`--logo`).
        public var logo: ReportLogo?
        /// The language of every fixed string, and of number and date formats (`--lang`).
        public var language: ReportLanguage = .en

        public init() {}
    }

    /// Figures that other parts of Weft add when they exist (survey import, engagement segments);
    /// absent ones are shown as "not available", never guessed.
    public struct Extras: Sendable {
        /// Share of the members who answered the survey, and a note (e.g. the wave).
        public var responseRate: Double?
        public var responseNote: String?
        public var segments: Segments?

        public init(responseRate: Double? = nil, responseNote: String? = nil, segments: Segments? = nil) {
            self.responseRate = responseRate
            self.responseNote = responseNote
            self.segments = segments
        }
    }

    /// Engagement segments: each member's segment at the window's end, and optionally the
    /// transitions between two points in time (`transitions[a][b]`: members moving from segment
    /// a to segment b) and a one-line summary of movement for the headline.
    public struct Segments: Sendable {
        public var colouring: NodeColouring
        public var transitions: [[Int]]?
        public var transitionsCaption: String?
        public var movement: String?
        /// What the movement figure counts (shown under it).
        public var movementNote: String?
        /// Definitions for the methods section.
        public var definitions: [(term: String, definition: String)]

        public init(colouring: NodeColouring, transitions: [[Int]]? = nil, transitionsCaption: String? = nil,
                    movement: String? = nil, definitions: [(term: String, definition: String)] = []) {
            self.colouring = colouring
            self.transitions = transitions
            self.transitionsCaption = transitionsCaption
            self.movement = movement
            self.definitions = definitions
        }
    }

    /// The report model the page renders; `figures` is its page part.
    let model: ReportModel
    let figures: PageFigures
    let report: Report
    let options: Options
    let extras: Extras
    /// The map's layout (`model.map`; nil without nodes).
    let map: NetworkMap?

    /// The page of `model`, which must have been built with a page (`Analysis.model(report:layout:page:)`,
    /// laid out under the same `options`).
    public init(model: ReportModel, options: Options = Options(), extras: Extras = Extras()) {
        guard let figures = model.page else { preconditionFailure("HTMLReport needs a model built with a page (Analysis.model(report:layout:page:))") }
        self.model = model
        self.figures = figures
        report = model.report
        self.options = options
        self.extras = extras
        map = model.map
    }

    /// Writes the page atomically.
    public func write(to path: String) throws {
        try AtomicFileWriter.write(render(), to: path)
    }

    /// The whole page.
    public func render() -> String {
        HTMLText.$locale.withValue(ReportLocale.of(options.language)) { renderPage() }
    }

    private func renderPage() -> String {
        let context = Context(self)
        var page = HTMLPage(title: context.title, language: options.language)
        page.header(context, logo: options.logo)
        brief(&page, context)
        headline(&page, context)
        surveyWaves(&page, context)
        maps(&page, context)
        corePeriphery(&page, context)
        brokers(&page, context)
        drifting(&page, context)
        segments(&page, context)
        tieLifeCycle(&page, context)
        timeline(&page, context)
        groups(&page, context)
        glossary(&page, context)
        methods(&page, context)
        if context.map != nil { page.script(MapScript.source) }
        return page.finish(context.words)
    }
}

/// What several sections share: display names, colourings, the map.
struct Context {
    let figures: PageFigures
    let ids: IdentifierRegistry
    let names: [String]
    let colourings: [NodeColouring]
    let sizes: [Double]
    let map: NetworkMap?
    let periodLabels: [String]
    let groupLabel: String?
    let records: Report.RecordCounts
    /// The survey's waves with their dates (empty without survey data).
    let surveyWaves: [Report.SurveyWaveRate]
    /// The fixed strings in the report's language.
    let words: Words
    /// The figures the "In brief" section states.
    let findings: Findings
    /// The page's title: the one given, or "Network report" (with the survey layer or
    /// co-attendance network named when that is what was analysed).
    let title: String
    /// The first and last day the report covers: the window given, else the first and last record.
    let windowBounds: (from: String, to: String)
    /// The engagement segments as the maps colour them, named as a reader says them.
    let segmentColouring: NodeColouring?

    /// Whether the page names no member: the network is a survey layer whose response rate is
    /// below the 80% that naming individuals needs (the report says so), so no name or id appears
    /// in a table, label or tooltip.
    let hidesMembers: Bool

    init(_ r: HTMLReport) {
        let a = r.figures
        surveyWaves = r.report.survey?.responseByWave ?? []
        hidesMembers = a.settings.network == .survey && (r.report.survey.map { $0.confidence != ResponseConfidence.allUses.rawValue } ?? false)
        let words = Words(r.options.language)
        self.words = words
        findings = a.findings
        title = r.options.title ?? (a.settings.network == .interactions ? words.plain("header.title") : words.plain("header.title") + " (\(a.settings.network.rawValue))")
        let recorded = r.report.records
        windowBounds = ((a.windowLabels.from ?? recorded.firstRecord).map(HTMLText.date) ?? "–",
                        (a.windowLabels.to ?? recorded.lastRecord).map(HTMLText.date) ?? "–")
        figures = a
        records = r.report.records
        ids = r.model.nodes.ids
        names = r.model.nodes.names
        var colourings: [NodeColouring] = []
        let segmentColouring = r.extras.segments.map { s in
            NodeColouring(title: s.colouring.title, labels: s.colouring.labels.map { Context.segmentName($0, words) }, category: s.colouring.category)
        }
        self.segmentColouring = segmentColouring
        if let segmentColouring { colourings.append(segmentColouring) }
        if let primary = a.structure.primary {
            let shown = a.showsGroupLabels
            let labels = primary.groups.labels.indices.map { shown ? primary.groups.labels[$0] : words.plain("colouring.group", String($0 + 1)) }
            colourings.append(NodeColouring(title: primary.attribute, labels: labels, category: primary.groups.group))
        }
        if let c = a.structure.communities {
            colourings.append(NodeColouring(title: "community", labels: (a.communityNumbers ?? Array(1...max(1, c.count))).map { words.plain("colouring.community", String($0)) },
                                            category: c.group))
        }
        self.colourings = colourings
        groupLabel = a.structure.primary?.attribute
        sizes = a.sizes
        map = r.map
        periodLabels = a.time?.periods?.starts.map { HTMLText.date(Timestamp.formatDate($0)) } ?? []
    }

    /// The name to show for member v: the name, or the id when there is none (pseudonymised).
    func display(_ v: Int) -> String { hidesMembers ? "" : names[v].isEmpty ? ids[Int32(v)] : names[v] }

    /// The member and name cells of a table row (escaped); "–" for both when members are hidden.
    func memberCells(_ v: Int) -> [String] {
        hidesMembers ? ["–", "–"] : [HTMLText.escape(ids[Int32(v)]), HTMLText.escape(names[v])]
    }

    /// The note saying that members are not named, or "".
    var hiddenNote: String {
        hidesMembers ? "<p class=\"note\"><b>\(words("hidden.title"))</b> \(words("hidden.text"))</p>" : ""
    }

    /// Member v's tooltip, already escaped.
    func title(_ v: Int) -> String {
        var text = hidesMembers ? words.plain("tooltip.member") : ids[Int32(v)]
        if !hidesMembers && !names[v].isEmpty { text += " — " + names[v] }
        for c in colourings where c.category[v] >= 0 { text += " · " + colouringTitle(c.title) + ": " + c.labels[Int(c.category[v])] }
        return HTMLText.escape(text)
    }

    /// Group g of the primary attribute as the page shows it: its value, or "group g + 1" when the
    /// attribute's values are not shown (pseudonymised reports).
    func groupName(_ g: Int, _ labels: [String]) -> String {
        figures.showsGroupLabels ? labels[g] : words.plain("colouring.group", String(g + 1))
    }

    /// Members in decreasing order of `values` (ties: member order).
    func ranked(_ values: [Double]) -> [Int] {
        (0..<values.count).sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
    }
}

/// The page being written: an HTML string with helpers for the repeated parts.
struct HTMLPage {
    private var toc: [(id: String, title: String)] = []
    private var body = ""
    private var top = ""

    private let title: String
    private let language: ReportLanguage
    private var scripts: [String] = []

    init(title: String, language: ReportLanguage) {
        (self.title, self.language) = (title, language)
    }

    /// Adds an inline script at the end of the body; the Content-Security-Policy allows it by
    /// its SHA-256 hash (CSP Level 2, "hash-source") and allows no other script.
    mutating func script(_ source: String) { scripts.append(source) }

    mutating func section(_ id: String, _ title: String, _ content: String) {
        toc.append((id, title))
        body += "<section id=\"\(id)\">\n<h2>\(HTMLText.escape(title))</h2>\n\(content)\n</section>\n"
    }

    mutating func raw(_ text: String) { body += text }

    func finish(_ words: Words) -> String {
        let hashes = scripts.map { source -> String in
            var sha = SHA256()
            sha.update(Array(source.utf8))
            return " 'sha256-" + Data(sha.digest()).base64EncodedString() + "'"
        }
        var html = "<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\(hashes.isEmpty ? "" : "; script-src" + hashes.joined())\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\(HTMLText.escape(title))</title>\n<style>\n\(HTMLPage.css)</style>\n</head>\n<body>\n"
        var nav = "<nav><b>\(words("nav.contents"))</b><ol>"
        for (id, title) in toc { nav += "<li><a href=\"#\(id)\">\(HTMLText.escape(title))</a></li>" }
        nav += "</ol></nav>\n"
        return html + top + nav + "<main>\n" + body + "</main>\n" + scripts.map { "<script>" + $0 + "</script>\n" }.joined() + "</body>\n</html>\n"
    }

    mutating func header(_ c: Context, logo: ReportLogo?) {
        let a = c.figures
        var text = "<header>\n"
        if let logo { text += "<img class=\"logo\" src=\"\(logo.dataURI)\" alt=\"\(c.words("header.logo"))\">" }
        text += "<h1>\(HTMLText.escape(c.title))</h1>\n<p>"
        let w = c.words
        text += w(c.surveyWaves.isEmpty ? "header.window" : "header.windowRecords", HTMLText.escape(c.windowBounds.from), HTMLText.escape(c.windowBounds.to)) + " "
        if !c.surveyWaves.isEmpty {   // waves are chosen by wave, not by the records' window
            text += w("header.waves", c.surveyWaves.map { HTMLText.escape($0.wave + ($0.date.map { " (" + HTMLText.date($0) + ")" } ?? "")) }.joined(separator: ", ")) + " "
        }
        let files = a.settings.fileNames.map(HTMLText.escape)
        text += w("header.data", files.joined(separator: ", ")) + " " + w("header.generated") + "</p>\n</header>\n"
        top = text
    }

    static let css = """
    :root { --ink: #1b1b1b; --muted: #5a5a5a; --line: #d8d8d8; --accent: #0072B2; }
    body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 980px; padding: 16px 24px 48px; }
    h1 { font-size: 26px; margin: 8px 0 4px; } h2 { font-size: 20px; border-bottom: 2px solid var(--accent); padding-bottom: 2px; margin-top: 32px; }
    h3 { font-size: 15px; margin: 18px 0 6px; } header p, .note { color: var(--muted); }
    nav { border: 1px solid var(--line); padding: 6px 12px; font-size: 13px; } nav ol { columns: 3; margin: 4px 0; }
    .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 10px; }
    .card { border: 1px solid var(--line); border-left: 4px solid var(--accent); padding: 8px 10px; break-inside: avoid; }
    .card .v { font-size: 22px; font-weight: 600; } .card .l { font-size: 12px; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
    .card .n { font-size: 12px; color: var(--muted); } .card.na { border-left-color: #bbb; } .card.na .v { color: #999; font-size: 16px; }
    table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 6px 0; } th, td { border-bottom: 1px solid var(--line); padding: 3px 6px; text-align: left; }
    td.r, th.r { text-align: right; font-variant-numeric: tabular-nums; } thead th { border-bottom: 2px solid #999; }
    svg { max-width: 100%; height: auto; } svg text { font: 11px system-ui, Arial, sans-serif; fill: #333; }
    .map { border: 1px solid var(--line); background: #fff; } .ties { stroke: #888; stroke-opacity: .28; stroke-width: .7; fill: none; }
    .nl { font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 3px; } circle.core { stroke: #000; stroke-width: 1.4; } .rim { fill: #f6f6f6; stroke: var(--line); }
    .multiples { display: flex; flex-wrap: wrap; gap: 8px; } .multiples figure { margin: 0; } .periods figure { width: 300px; } figcaption { font-size: 12px; color: var(--muted); }
    .charts { display: flex; flex-wrap: wrap; gap: 6px 14px; } .ct { font-weight: 600; font-size: 12px; } .yl { text-anchor: end; dominant-baseline: middle; fill: #666; }
    .xl { fill: #666; } .xl.end { text-anchor: end; } .xl.mid { text-anchor: middle; } .grid { stroke: #e6e6e6; } .series { stroke: var(--accent); stroke-width: 2; fill: none; } .dot { fill: var(--accent); }
    .na { text-anchor: middle; fill: #999; } .cv { text-anchor: middle; font-weight: 600; } .cv.light { fill: #fff; } .lg { fill: #333; }
    .legend span { display: inline-block; margin-right: 10px; font-size: 12px; } .legend i { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; vertical-align: -1px; }
    .brief p { font-size: 15px; margin: 6px 0; } .brief b { font-weight: 600; } header .logo { float: right; max-height: 64px; max-width: 220px; margin: 4px 0 8px 16px; }
    .controls, .hint { display: none; } .live .controls { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; margin: 6px 0; font-size: 13px; } .live .hint { display: block; }
    .controls button { min-width: 28px; } .controls input[type=search] { width: 150px; } .found { color: var(--muted); }
    #explorer svg { touch-action: none; cursor: grab; } #explorer circle { cursor: pointer; } circle.dim { opacity: .12; } circle.off { fill: #ddd; }
    circle.hit { stroke: #000; stroke-width: 2.5; } circle.sel { stroke: #D55E00; stroke-width: 3; } .zl text { font-weight: 600; } text.nl, .zl text { pointer-events: none; }
    .mcard { border: 1px solid var(--line); border-left: 4px solid #D55E00; padding: 6px 10px; margin: 6px 0; font-size: 13px; } .mcard dl { margin: 4px 0 0; display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; } .mcard dt { margin: 0; } .mcard dd { margin: 0; }
    .warn li { margin-bottom: 3px; } dt { font-weight: 600; margin-top: 6px; } dd { margin-left: 16px; }
    @page { size: A4; margin: 14mm; }
    @media print { body { max-width: none; padding: 0; font-size: 10.5pt; } nav, .controls, .hint, .mcard, .screen, .zl { display: none !important; } #explorer text.nl { display: inline !important; } section { break-inside: auto; } h2 { break-after: avoid; }
      figure, .card, svg, tr, .mapblock, dt, dd, .brief p { break-inside: avoid; } a { color: inherit; text-decoration: none; }
      h2, h3, dt { break-after: avoid; break-inside: avoid; } p, li, dd { orphans: 3; widows: 3; } thead { display: table-header-group; }
      h2::after, h3::after { content: ""; display: block; height: 45mm; margin-bottom: -45mm; } h3::after { height: 30mm; margin-bottom: -30mm; }
      #maps > h2::after { height: 170mm; margin-bottom: -170mm; } #periods > h2::after, #core > h2::after { height: 110mm; margin-bottom: -110mm; }
      .mapblock h3::after { content: none; }
      .map { border: none; } svg text { font-size: 10px; } header .logo { max-height: 48px; }
      .periods figure { flex: 1 1 30%; min-width: 0; width: auto; } .periods svg { width: 100%; height: auto; } }

    """
}
