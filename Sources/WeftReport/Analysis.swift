import Foundation
import WeftAnalysis
import WeftGraph
import WeftIO

/// One run of the analysis over a dataset: the window, the network built for it, and every
/// measure computed on it. Produces the report model and the per-member rows.
public struct Analysis: Sendable {
    /// The dataset analysed; its interaction records are gone with `options.releasesRecords`.
    public private(set) var dataset: Dataset
    /// The records in the window, counted when the analysis was made (report.json's `records`),
    /// the time of the last one (nil: none) and the members with a record in it.
    public let records: Report.RecordCounts
    let lastRecordTime: Int64?
    let activeMemberCount: Int
    public let window: TimeWindow
    public let windowLabels: Report.Window
    public let options: AnalysisOptions
    public let graph: Graph
    public let summary: NetworkSummary
    public let strongComponents: Components
    public let degrees: DegreeCentrality
    public let betweenness: Betweenness
    public let closeness: Closeness
    public let paths: PathStatistics
    public let eigenvector: EigenvectorCentrality
    public let pagerank: PageRank
    public let katz: KatzCentrality
    public let hits: HITS
    public let clustering: Clustering
    public let weightedClustering: WeightedClustering
    public let cores: CoreNumber
    public let structure: StructureAnalysis
    /// Periods, tie strength and the timeline (nil on the event network, whose nodes are events).
    public let time: TimeAnalysis?
    /// Engagement segments (nil on the event network, or when the window holds no record).
    public let segments: SegmentAnalysis?
    /// The network's nodes: the members, or the events for the event projection.
    public let nodes: NodeTable
    /// The nodes as the outputs show them: `nodes`, or their pseudonymised form.
    public let outputNodes: NodeTable
    /// Community numbers, aligned to a previous run's with `--previous` (nil without communities).
    public let communityAlignment: NumberAlignment?
    /// Whether each node has a record in the window (an interaction or attendance for a member,
    /// an attendance row for an event).
    public let active: [Bool]
    /// The survey layer measured (nil unless `--network survey:…` names one that resolves).
    public let surveyLayer: SurveyNetwork?
    /// What the survey says about each tie of a survey layer (nil on other networks).
    public let surveyEdges: SurveyEdges?

    /// - Parameter clock: times each stage (`--timings`); a disabled clock records nothing.
    public init(dataset: consuming Dataset, window: TimeWindow, windowLabels: Report.Window, options: AnalysisOptions,
                clock: StageClock = StageClock(enabled: false)) throws {
        self.dataset = dataset
        self.window = window
        self.windowLabels = windowLabels
        self.options = options
        // On a large network (above the size where the segments run after the measures, the runs
        // whose peak matters), arrays of one value per member are the stages' churn: each gets
        // pages of its own, returned when it is freed, rather than leaving holes in the heap.
        if dataset.members.count > AnalysisOptions.concurrentSegmentsLimit {
            FreedMemory.mapAllocations(atLeast: 6 * dataset.members.count)
        }
        (records, lastRecordTime) = Analysis.recordCounts(dataset, window: window, pseudonymise: options.pseudonymise)
        let activeMembers = dataset.activeMembers(in: window)
        activeMemberCount = activeMembers.reduce(0) { $0 + ($1 ? 1 : 0) }
        graph = clock.measure("build network") { options.graph(of: dataset, in: window) }
        if options.network.nodesAreMembers {
            nodes = NodeTable(members: dataset.members)
            active = activeMembers
        } else {
            let events = dataset.attendance.events
            nodes = NodeTable(ids: events, names: Array(repeating: "", count: events.count), attributes: AttributeColumns())
            var attended = [Bool](repeating: false, count: events.count)
            for k in dataset.attendance.range(in: window) { attended[Int(dataset.attendance.event[k])] = true }
            active = attended
        }
        // Local copies: the stage closures below cannot capture `self` before every property is set.
        let (graph, nodes) = (self.graph, self.nodes)
        var shown = nodes.shown(under: options)
        let layer = options.surveyLayer(of: dataset)
        surveyLayer = layer
        if let layer {
            shown = shown.adding(SurveyWaveMembership.respondedColumns(layer.memberships))   // not identifying: kept when pseudonymised
            surveyEdges = SurveyEdges(layer, dataset: copy dataset, graph: graph)
        } else {
            surveyEdges = nil
        }
        outputNodes = shown
        let shownIDs = shown.ids
        let primaryGroups = StructureAnalysis.primaryGroups(nodes.attributes, nodeCount: graph.nodeCount, named: options.groupAttributes)
        // The segments are the members' own: their snapshots' networks are built from the records
        // and measured apart from the analysed network. Unless the main snapshot is the analysis
        // window itself (then it takes this analysis' betweenness and cores, measured below) or
        // the network is larger than `concurrentSegmentsLimit`, they start here on a thread of
        // their own, so that they fill the core the single-threaded stretches of the measures
        // leave idle, and are collected at the end. With `--timings` they run at the end, as a
        // stage of their own.
        func segmentAnalysis(_ records: borrowing Dataset, reuse: NetworkPosition?) throws -> SegmentAnalysis? {
            try SegmentAnalysis(dataset: copy records, window: window, options: options, config: options.segments,
                                configSource: options.segmentsSource, groups: primaryGroups, reuse: reuse,
                                labels: options.segmentLabels, clock: clock)
                .map { s in options.previousClusters.map { s.aligningClusters(to: $0, ids: shownIDs, source: options.previousSource ?? "") } ?? s }
        }
        let computesSegments = options.network.nodesAreMembers && options.computesSegments
        let segmentsReuse = computesSegments && options.network == .interactions
            && ((try? SegmentAnalysis.mainSnapshotIsTheWindow(dataset, window: window, config: options.segments)) ?? true)
        let segmentSearch = computesSegments && !segmentsReuse && graph.nodeCount <= AnalysisOptions.concurrentSegmentsLimit
            ? BackgroundWork(startNow: !clock.enabled) { [records = copy dataset] in Result { try segmentAnalysis(records, reuse: nil) } }
            : nil
        // The community search depends on the network alone and, on a large one, is the longest
        // stage that cannot split itself: it runs on a thread of its own from here, beside the
        // time analysis, the measures and the rest of the structure, and is collected at the end
        // of the structure stage. With `--timings` it runs just before that stage instead, as a
        // stage of its own.
        let communitySearch = BackgroundWork(startNow: !clock.enabled) {
            options.communityMethod.map {
                Communities(graph, method: $0, resolution: options.resolution, seed: options.seed, restarts: options.communityRestarts)
            }
        }
        // Core–periphery likewise depends on the network alone and cannot split itself.
        let corePeripherySearch = BackgroundWork(startNow: !clock.enabled) {
            StructureAnalysis.corePeriphery(graph, seed: options.seed)
        }
        // The spectral measures are short iterations whose products are too small on most
        // networks to keep both cores busy: they too run on a thread of their own (with
        // `--timings`, in their stages, in order, where they are collected).
        var personalization: [Double]? = nil
        if !options.pagerankSeeds.isEmpty {
            var p = [Double](repeating: 0, count: graph.nodeCount)
            for id in options.pagerankSeeds { if let v = nodes.ids.index(of: id) { p[Int(v)] = 1 } }
            personalization = p
        }
        let spectralMeasures = BackgroundWork(startNow: !clock.enabled) { [personalization] in
            (clock.measure("eigenvector") { EigenvectorCentrality(graph, path: options.kernel) },
             clock.measure("pagerank") { PageRank(graph, personalization: personalization, path: options.kernel) },
             clock.measure("katz") { KatzCentrality(graph, path: options.kernel) },
             clock.measure("hits") { HITS(graph, path: options.kernel) })
        }
        // Time first: its transient memory (the records bucketed by member) then sits on the
        // smallest base, which keeps the peak of large runs down.
        time = options.network.nodesAreMembers && options.network != .survey   // survey layers: see report.survey
            ? try clock.measure("time") {
                try TimeAnalysis(dataset: copy dataset, window: window, options: options, graph: graph, groups: primaryGroups)
            }
            : nil
        // The tie-strength pass's buckets (arrays of a few megabytes, from the heap) are free:
        // return their pages before the path searches take theirs.
        FreedMemory.release()
        (summary, strongComponents, degrees) = clock.measure("network summary and degree") {
            (NetworkSummary(graph), Components.strong(graph), DegreeCentrality(graph))
        }
        let sources = options.pathSources(nodeCount: graph.nodeCount)
        if let sources {
            (betweenness, closeness) = try clock.measure("betweenness and closeness") {
                try Betweenness.sampledWithCloseness(graph, weighted: options.weightedPaths, sampleSources: sources, seed: options.seed)
            }
        } else {
            betweenness = try clock.measure("betweenness") { try Betweenness(graph, weighted: options.weightedPaths) }
            closeness = clock.measure("closeness") { Closeness(graph, weighted: options.weightedPaths) }
        }
        paths = clock.measure("path statistics") { PathStatistics(graph, sampleSources: sources, seed: options.seed) }
        (eigenvector, pagerank, katz, hits) = spectralMeasures.result()
        (clustering, weightedClustering) = clock.measure("clustering") { (Clustering(graph), WeightedClustering(graph)) }
        cores = clock.measure("k-core") { CoreNumber(graph) }
        // Segments that neither run beside the measures nor take the analysis' position (networks
        // above `concurrentSegmentsLimit`) run now, once the path searches have freed their
        // scratch, while the community search goes on: on a large network it outlasts the
        // measures, and the structure stage would otherwise wait for it with one core idle.
        let segmentsAfterMeasures = computesSegments && segmentSearch == nil && !segmentsReuse
        var segmentsFound: SegmentAnalysis? = nil
        if segmentsAfterMeasures {
            FreedMemory.release()
            segmentsFound = try clock.measure("segments") { try segmentAnalysis(dataset, reuse: nil) }
            // The last stage that reads the records is done: free them before the structure.
            if options.releasesRecords {
                dataset.releaseInteractionRecords()
                self.dataset.releaseInteractionRecords()
            }
            FreedMemory.release()   // and the snapshots' scratch
        }
        if clock.enabled {
            _ = clock.measure("communities") { communitySearch.result() }
            _ = clock.measure("core-periphery") { corePeripherySearch.result() }
        }
        structure = try clock.measure("structure (groups, structural holes, brokerage)") {
            try StructureAnalysis(graph: graph, nodes: nodes, options: options,
                                  corePeriphery: corePeripherySearch.result, communities: communitySearch.result)
        }
        communityAlignment = structure.communities.map { c in
            options.previousCommunities.map { NumberAlignment(group: c.groups.group, count: c.count, ids: shownIDs, previous: $0) }
                ?? NumberAlignment(count: c.count)
        }
        if let segmentSearch {
            segments = try clock.measure("segments") { try segmentSearch.result().get() }
        } else if segmentsAfterMeasures {
            segments = segmentsFound
        } else if computesSegments {
            // The main snapshot is the window: it takes this analysis' own position.
            let primary = structure.primary
            let position = NetworkPosition(coreNumber: cores.values, coreness: structure.coreness.coreness,
                                           betweenness: betweenness.normalised,
                                           eiIndex: primary.map { StructureAnalysis.memberEIIndex($0.mixing, groups: $0.groups) })
            // The path searches and the structure have freed their scratch: return it before the
            // segments' snapshots take theirs (on large networks the holes would add to their peak).
            FreedMemory.release()
            segments = try clock.measure("segments") { try segmentAnalysis(dataset, reuse: position) }
        } else {
            segments = nil
        }
        // Nothing below reads the records (`records` counted them, the report model and the
        // outputs read what the analysis computed), but report.html's period maps do.
        if options.releasesRecords { self.dataset.releaseInteractionRecords() }
    }

    /// communities.csv's rows, numbered as the outputs show them.
    public var communityRows: [StructureAnalysis.CommunityRow] {
        structure.communityRows(graph, showGroups: showsGroupLabels, numbers: communityAlignment?.numbers)
    }

    /// Whether the outputs may show the primary group attribute's values: always, unless
    /// pseudonymised outputs drop that attribute.
    public var showsGroupLabels: Bool { structure.primary.map { showsLabels(of: $0.attribute) } ?? true }

    /// Whether the outputs may show an attribute's values (pseudonymised outputs keep only the
    /// attributes named in `--keep-attributes`).
    func showsLabels(of attribute: String) -> Bool {
        !options.pseudonymise || outputNodes.attributes.column(named: attribute) != nil
    }

    /// members.csv's rows (`memberRow(_:)`), gathered on demand as the writers stream them rather
    /// than held for every member at once.
    public var memberRows: RowList<MemberRow> {
        RowList(count: graph.nodeCount) { [self] in memberRow($0) }
    }

    /// Node v's figures: a row of members.csv and an entry of report.json's `members`, read from
    /// the measures' arrays.
    public func memberRow(_ v: Int) -> MemberRow {
        let d = degrees
        var row = MemberRow(name: options.pseudonymise ? "" : nodes.names[v], active: active[v],
                            inDegree: d.inDegree[v], outDegree: d.outDegree[v], degree: d.degree[v], neighbours: d.neighbours[v],
                            inStrength: d.inStrength[v], outStrength: d.outStrength[v], strength: d.strength[v],
                            betweenness: betweenness.raw[v], betweennessNormalized: betweenness.normalised[v],
                            closeness: closeness.incoming[v], closenessOut: closeness.outgoing[v], harmonic: closeness.harmonic[v],
                            eigenvector: eigenvector.values[v], pagerank: pagerank.values[v], katz: katz.values[v],
                            hub: hits.hubs[v], authority: hits.authorities[v],
                            clustering: clustering.local[v], clusteringWeighted: weightedClustering.local[v],
                            coreNumber: cores.values[v], reach2: paths.reachWithinTwo[v], isolate: d.neighbours[v] == 0,
                            weakComponent: summary.weakComponents.membership[v],
                            strongComponent: strongComponents.membership[v])
        structure.fill(&row, member: v, communityNumbers: communityAlignment?.numbers)
        time?.fill(&row, member: v)
        return row
    }

    /// The interactions, attendance rows and events in `window`, the first and last record's
    /// time as the outputs write it, and the interactions per type as the outputs name types;
    /// with the last record's time in seconds (report.json's `run.data_as_of`).
    static func recordCounts(_ dataset: Dataset, window: TimeWindow, pseudonymise: Bool) -> (Report.RecordCounts, last: Int64?) {
        let interactions = dataset.interactions.range(in: window)
        let attendance = dataset.attendance.range(in: window)
        // Tallied by type code, then named (a type's name is looked up once, not once per record).
        let types = dataset.interactions.types
        var perCode = [Int](repeating: 0, count: types.count)
        for k in interactions { perCode[Int(dataset.interactions.type[k])] += 1 }
        var typeCounts: [String: Int] = [:]
        let typeNames = RecordTypeNames(types.identifiers, pseudonymise: pseudonymise)
        for (code, count) in perCode.enumerated() where count > 0 {
            typeCounts[typeNames.shown(types[Int32(code)]), default: 0] += count
        }
        var events = Set<Int32>()
        for k in attendance { events.insert(dataset.attendance.event[k]) }
        let times = [interactions.first.map { dataset.interactions.time[$0] },
                     interactions.last.map { dataset.interactions.time[$0] },
                     attendance.first.map { dataset.attendance.date[$0] },
                     attendance.last.map { dataset.attendance.date[$0] }].compactMap { $0 }
        let counts = Report.RecordCounts(interactions: interactions.count, attendance: attendance.count, events: events.count,
                                         firstRecord: times.min().map(Timestamp.formatDateTime),
                                         lastRecord: times.max().map(Timestamp.formatDateTime),
                                         interactionTypes: typeCounts)
        return (counts, times.max())
    }

    /// The report model; `survey` is the survey layer's summary (nil unless the network is one),
    /// `arguments` the command line after `weft` and `dataFolder` the folder that input paths are
    /// recorded relative to (`RelativePath`; nil: as given).
    /// `unknownMembers` is the `--unknown-members` policy the dataset was read with (nil: not
    /// recorded, `run.settings` null).
    public func report(version: String, survey: Report.SurveySummary? = nil, arguments: [String] = [],
                       dataFolder: String? = nil, unknownMembers: UnknownMemberPolicy? = nil) -> Report {
        let shown = outputNodes
        let seedLabels = options.pagerankSeeds.compactMap { nodes.ids.index(of: $0).map { shown.ids[$0] } }
        let assortativity = DegreeAssortativity.coefficient(graph)
        let membership = Report.MemberCounts(total: dataset.members.count, declared: dataset.members.declaredCount,
                                             addedFromRecords: dataset.members.addedFromRecords,
                                             active: activeMemberCount)
        let network = Report.Network(
            members: summary.members, tieCount: summary.ties, density: summary.density,
            averageDegree: summary.averageDegree, averageNeighbours: summary.averageNeighbours,
            reciprocity: summary.reciprocity, reciprocatedTieCount: summary.reciprocatedTies,
            isolates: summary.isolates, components: summary.weakComponents.count,
            weakComponents: .init(summary.weakComponents),
            strongComponents: .init(strongComponents),
            transitivity: clustering.transitivity, averageClustering: clustering.averageClustering,
            averageClusteringWeighted: weightedClustering.average,
            diameter: paths.diameter, averagePathLength: paths.averagePathLength,
            degreeCentralization: degrees.centralization,
            betweennessCentralization: Betweenness.centralization(normalised: betweenness.normalised),
            degreeAssortativity: assortativity.isNaN ? nil : assortativity,
            directedDegreeAssortativity: { let r = DegreeAssortativity.directed(graph); return r.isNaN ? nil : r }(),
            coreMax: cores.maximum)
        let segmentsSummary = segments?.summary(ids: outputNodes.ids)
        return Report(
            generator: .init(version: version),
            window: windowLabels,
            graph: .init(network: options.network.rawValue, directed: graph.isDirected, symmetrisation: graph.symmetrisation.rawValue),
            measures: .init(weightedPaths: options.weightedPaths, betweennessMethod: betweenness.method,
                            closenessMethod: closeness.method,
                            distances: paths.method, pathSources: betweenness.sourceCount, seed: options.seed,
                            betweennessErrorBound: betweenness.isSampled ? betweenness.errorBound : nil,
                            kernel: eigenvector.path, pagerankAlpha: pagerank.alpha, pagerankSeeds: seedLabels,
                            katzAlpha: katz.alpha,
                            eigenvectorUnique: eigenvector.isUnique),
            inputs: Report.Input.all(dataset, dataFolder: dataFolder),
            rows: .init(read: dataset.rowsRead, accepted: dataset.rowsAccepted, rejected: dataset.rowsRejected),
            membership: membership,
            records: records,
            network: network,
            communities: structure.communities.map { c in
                let sizes = c.sizes
                return .init(method: c.method, resolution: c.resolution, seed: c.seed, restarts: c.restarts,
                             count: c.count, modularity: c.modularity.value, singletons: sizes.filter { $0 == 1 }.count,
                             sizes: sizes.filter { $0 > 1 },
                             alignment: options.previousCommunities.flatMap { _ in
                                 communityAlignment.map { $0.summary(previous: options.previousSource ?? "", sizes: sizes) }
                             })
            },
            groups: structure.groupSummaries(showLabels: showsLabels(of:)),
            primaryGroup: structure.primary?.attribute,
            corePeriphery: structure.corePeripherySummary,
            brokerage: structure.brokerageSummary,
            time: time?.summary(ids: outputNodes.ids),
            segments: segmentsSummary,
            survey: survey,
            summary: headlineFigures(membership: membership, network: network, records: records, segments: segmentsSummary, survey: survey),
            run: .init(arguments: arguments,
                       dataAsOf: lastRecordTime.map(Timestamp.formatDate),
                       windowStart: window.start.map(Timestamp.formatDateTime), windowEnd: window.end.map(Timestamp.formatDateTime),
                       pseudonymisation: .init(method: !options.pseudonymise ? "none" : options.pseudonymKey == nil ? "member_order" : "keyed",
                                               keptAttributes: outputNodes.attributes.columns.map(\.name)),
                       settings: unknownMembers.map {
                           Report.Settings(unknownMembers: $0.rawValue, waveDates: options.surveyWaveDates, layer: surveyLayer)
                       }))
    }
}

/// The nodes of the analysed network, for the output tables: ids, display names and attributes.
public struct NodeTable: Sendable {
    public let ids: IdentifierRegistry
    public let names: [String]
    public let attributes: AttributeColumns

    public init(ids: IdentifierRegistry, names: [String], attributes: AttributeColumns) {
        self.ids = ids
        self.names = names
        self.attributes = attributes
    }

    /// A dataset's members.
    public init(members: MemberTable) {
        self.init(ids: members.ids, names: members.names, attributes: members.attributes)
    }

    /// The table with `extra` attribute columns appended (one value per node), except those whose
    /// name an attribute already has.
    public func adding(_ extra: [(name: String, values: [String])]) -> NodeTable {
        var columns = attributes
        for (name, values) in extra where columns.column(named: name) == nil {
            let c = columns.addColumn(name)
            for value in values { columns.append(value, toColumn: c) }
        }
        return NodeTable(ids: ids, names: names, attributes: columns)
    }

    /// The table as the outputs show it: itself, or pseudonymised when `options.pseudonymise`.
    public func shown(under options: AnalysisOptions) -> NodeTable {
        options.pseudonymise ? pseudonymised(keeping: options.keptAttributes, key: options.pseudonymKey) : self
    }

    /// Ids replaced by pseudonyms, names dropped, and only the attributes in `keeping` kept.
    ///
    /// With a `key` (a secret the user keeps), member i's pseudonym is `p` and the first 16 hex
    /// digits of HMAC-SHA256(key, id): the same member gets the same pseudonym in every run,
    /// dataset and wave analysed with that key, so pseudonymised outputs can be joined, and
    /// without the key no one can tell who it is (or test a guessed id against it). Without a
    /// key, pseudonyms are p0001, p0002, … in the order of the ids (not of the file): stable while the
    /// set of members is, and no longer once a member is added or removed.
    public func pseudonymised(keeping: [String], key: [UInt8]? = nil) -> NodeTable {
        var pseudonyms: [String]
        if let key {
            pseudonyms = (0..<ids.count).map { "p" + SHA256.hex(Array(SHA256.hmac(key: key, message: Array(ids[Int32($0)].utf8)).prefix(8))) }
            // A collision of 64-bit pseudonyms is vanishingly rare; keep them distinct regardless.
            var seen: [String: Int] = [:]
            for i in pseudonyms.indices {
                seen[pseudonyms[i], default: 0] += 1
                if seen[pseudonyms[i]]! > 1 { pseudonyms[i] += "-\(seen[pseudonyms[i]]!)" }
            }
        } else {
            // Numbered in the order of the ids (their UTF-8 bytes), not of the file, so that a
            // re-sorted members file gives every member the same pseudonym.
            let width = max(4, String(ids.count).count)
            let byId = (0..<ids.count).sorted { ids[Int32($0)].utf8.lexicographicallyPrecedes(ids[Int32($1)].utf8) }
            pseudonyms = Array(repeating: "", count: ids.count)
            for (rank, i) in byId.enumerated() {
                let digits = String(rank + 1)
                pseudonyms[i] = "p" + String(repeating: "0", count: width - digits.count) + digits
            }
        }
        let kept = Set(keeping.map { $0.lowercased() })
        var attributes = AttributeColumns()
        for column in self.attributes.columns where kept.contains(column.name.lowercased()) {
            let c = attributes.addColumn(column.name)
            for row in 0..<ids.count { attributes.append(column.value(at: row), toColumn: c) }
        }
        return NodeTable(ids: IdentifierRegistry(pseudonyms), names: Array(repeating: "", count: ids.count), attributes: attributes)
    }
}
