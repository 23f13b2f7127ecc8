import Foundation
import WeftAnalysis
import WeftGraph
import WeftIO

extension Analysis {
    /// The report model of this analysis: `report` (from `report(…)`), the tables, report.html's
    /// layout when `layout` gives its options (its size measure and member limit), and with
    /// `page` everything else the page reads. The last stage of the pipeline: every figure an
    /// output shows is computed here or before, once; the writers that take the model only
    /// render it.
    ///
    /// Cost: communities.csv's counts O(ties); with a layout, `NetworkMap`'s; with a page, one
    /// network per period the page draws (the first, middle and last, and the map explorer's
    /// until `MapExplorer.periodTieLimit` pairs), O(records in the period + members) each.
    /// - Parameters:
    ///   - layout: the page's options the map is laid out under (nil: no map, unless `page`,
    ///     which then uses the default options); network.json, GraphML and GEXF carry its positions.
    ///   - page: whether to gather report.html's figures (`PageFigures`).
    ///   - rejects: rejects.csv's rows (the dataset's, by default).
    public func model(report: Report, layout: HTMLReport.Options? = nil, page: Bool = false,
                      rejects: [Reject]? = nil) -> ReportModel {
        let ids = outputNodes.ids
        let drawn = layout != nil || page
        let sizes = drawn ? (layout ?? HTMLReport.Options()).sizeBy.values(self) : []
        let map = drawn ? NetworkMap.of(self, options: layout ?? HTMLReport.Options(), sizes: sizes) : nil
        let time = self.time, segments = self.segments, graph = self.graph
        return ReportModel(
            report: report, nodes: outputNodes, graph: graph,
            members: memberRows,
            timeline: time?.timeline ?? [],
            ties: RowStream(positions: time?.tiePositions ?? 0) { range, body in time?.forEachTie(in: range, graph: graph, ids: ids, body) },
            segmentRows: segments?.rows(ids: ids) ?? RowList([]),
            transitions: segments?.transitionRows ?? [],
            communities: communityRows,
            memberSegments: segments.map { ReportModel.MemberSegments(names: $0.segments, segment: $0.main.segment) },
            surveyEdges: surveyEdges,
            tieSpells: tieSpells,
            rejects: rejects ?? dataset.rejects,
            pseudonymised: options.pseudonymise,
            map: map,
            page: page ? pageFigures(report: report, sizes: sizes, map: map) : nil)
    }

    /// GEXF's spells: each tie's runs of periods, and each period's first and last day.
    private var tieSpells: ReportModel.TieSpells? {
        guard let presence = time?.presence, let periods = time?.periods else { return nil }
        // Periods are half-open [start, end): a period's last day is the day before its end.
        return ReportModel.TieSpells(runs: { presence.runs(of: $0) },
                                     start: periods.starts.map(Timestamp.formatDate),
                                     lastDay: periods.ends.map { Timestamp.formatDate($0 - 1) })
    }

    private func pageFigures(report: Report, sizes: [Double], map: NetworkMap?) -> PageFigures {
        let files = dataset.files.map { ($0.path as NSString).lastPathComponent }
        let settings = PageFigures.Settings(
            network: options.network, seed: options.seed, pseudonymise: options.pseudonymise,
            groupAttributesGiven: options.groupAttributes != nil, skipEmptyPeriods: options.time.skipEmptyPeriods,
            timeZone: dataset.timeZone, fileNames: files,
            hasGovernanceColumn: segments.map { dataset.members.attributes.column(named: $0.config.governanceColumn) != nil } ?? false)
        let drifting = time.map { t in
            t.drifting.map { PageFigures.Time.Drifting(member: $0.member, peak: $0.peak, now: $0.now) }
        } ?? []
        return PageFigures(connections: degrees.neighbours, betweenness: betweenness.normalised,
                           structure: pageStructure, time: time.map { pageTime($0, drifting: drifting) },
                           segments: segments.map { s in
                               PageFigures.Segments(rules: s.config.rules, governanceColumn: s.config.governanceColumn, rule: s.main.rule,
                                                    lastTransitions: s.transitions.matrices.last)
                           },
                           communityNumbers: communityAlignment?.numbers, showsGroupLabels: showsGroupLabels,
                           windowLabels: windowLabels, sizes: sizes, findings: Findings(analysis: self, report: report, drifting: drifting),
                           mapTies: map.map { PageFigures.drawnTies(graph, map: $0) } ?? [],
                           periodTies: periodTies(map: map), settings: settings)
    }

    /// The structure figures the page shows, per member.
    private var pageStructure: PageFigures.Structure {
        let s = structure
        return PageFigures.Structure(
            isCore: s.core.isCore, coreness: s.coreness.coreness, constraint: s.holes.constraint, effectiveSize: s.holes.effectiveSize,
            brokerage: s.brokerage.map { $0.counts[BrokerageRoles.Role.total.rawValue] },
            primary: s.primary.map { PageFigures.PrimaryGroups(attribute: $0.attribute, groups: $0.groups, mixing: $0.mixing.perGroup) },
            groupAttributes: s.groupings.map(\.attribute), communities: s.communities?.groups)
    }

    /// The periods, activity and drifting list the page shows.
    private func pageTime(_ t: TimeAnalysis, drifting: [PageFigures.Time.Drifting]) -> PageFigures.Time {
        PageFigures.Time(periods: t.periods, active: t.periods != nil ? t.activity?.active : nil,
                         lastActivity: t.activity?.last ?? [], drifting: drifting,
                         unit: t.settings.boundaries == nil ? t.settings.period.rawValue : nil, emptyPeriodsSkipped: t.emptyPeriodsSkipped)
    }

    /// The ties of each period report.html draws, among the map's drawn members: the explorer's
    /// periods from the first until `MapExplorer.periodTieLimit` pairs, and the first, middle and
    /// last period (the small multiples). Each is the period's network, built once here.
    private func periodTies(map: NetworkMap?) -> [[Int32]?] {
        guard let map, let time, let periods = time.periods, time.activity != nil, periods.count > 0 else { return [] }
        let multiples = Set([0, periods.count / 2, periods.count - 1])
        var ties = [[Int32]?](repeating: nil, count: periods.count)
        var written = 0
        for p in 0..<periods.count where written < MapExplorer.periodTieLimit || multiples.contains(p) {
            let pairs = PageFigures.drawnTies(options.graph(of: dataset, in: TimeWindow(start: periods.starts[p], end: periods.ends[p])), map: map)
            if written < MapExplorer.periodTieLimit { written += pairs.count / 2 }
            ties[p] = pairs
        }
        return ties
    }
}
