import Foundation
import LinearAlgebra
import WeftAnalysis
import WeftGraph
import WeftIO

/// Engagement segments (passengers, deep divers, crew): features and rule-based segments over a
/// rolling window, at the analysis window's end and at the end of each period before it, with the
/// k-means check, the transitions between snapshots and the threshold sensitivity. Part of
/// `Analysis`, and on its own behind `weft segments`.
public struct SegmentAnalysis: Sendable {
    /// One segmentation: the window, each member's segment (an index into `segments`) and the
    /// rule that fired (−1: none), and the members whose segment changes when one threshold moves
    /// by ±`sensitivity` (the threshold band). Only the main snapshot keeps its features (`features`).
    public struct Snapshot: Sendable {
        public let window: TimeWindow
        public let segment: [Int32]
        public let rule: [Int32]
        public let inBand: [Bool]
    }

    /// The rules used: the config given, or its thresholds fitted to the labels (`calibration`).
    public let config: SegmentConfig
    /// Where the config came from: a file's path, or "default" (and the labels file when fitted).
    public let configSource: String
    public let segments: [String]
    /// Snapshots in time order; the last is the main one (the window ending at the analysis end).
    public let snapshots: [Snapshot]
    /// The main snapshot's features and resolved thresholds (`[rule][condition]`).
    public let features: EngagementFeatures
    public let thresholds: [[Double]]
    /// The rules compiled against the main snapshot, for segments.csv's `reasons` and `next_step`.
    let explanation: SegmentExplanation
    public let clusters: EngagementClusters?
    /// The number each k-means cluster is shown with (cluster i: i + 1, unless aligned to a
    /// previous run's by `aligningClusters`), and where the previous numbers came from.
    public private(set) var clusterNumbers: NumberAlignment?
    public private(set) var clusterAlignmentSource: String?
    public let transitions: SegmentTransitions
    public let sensitivity: ThresholdSensitivity
    /// The thresholds fitted to the labelled members (`--labels`); nil without labels.
    public let calibration: SegmentCalibration?
    /// Each member's label (index into `segments`; −1: not labelled).
    let labelOf: [Int32]

    public var main: Snapshot { snapshots[snapshots.count - 1] }

    /// nil when the window holds no record.
    /// - Parameters:
    ///   - reuse: the analysis window's network position (k-core, coreness, betweenness, E-I), used
    ///     when the main snapshot's window holds the same records.
    ///   - labels: members the team is sure of (indices into `config.segments`); when given, the
    ///     config's thresholds are fitted to them on the main window (`SegmentCalibration`) and the
    ///     fitted rules segment every snapshot.
    public init?(dataset: Dataset, window: TimeWindow, options: AnalysisOptions, config given: SegmentConfig, configSource: String,
                 groups: NodeGroups?, reuse: NetworkPosition? = nil, labels: [SegmentCalibration.Label]? = nil,
                 threads: Int = Parallel.threadCount, clock: StageClock = StageClock(enabled: false)) throws {
        guard let ends = try SegmentAnalysis.snapshotEnds(dataset, window: window, config: given) else { return nil }
        let facts = try SegmentAnalysis.facts(dataset.members, config: given)
        // Segments are the members' property, not the measured network's: every run segments on
        // the interactions network, whichever network `--network` measures.
        var memberNetwork = options
        memberNetwork.network = .interactions
        let waves = dataset.survey.count > 0 ? SurveyWaveMembership.all(dataset, waveDates: options.surveyWaveDates) : []
        // Features per snapshot, one snapshot at a time (each snapshot's network freed before the next).
        func featuresAt(_ index: Int) throws -> EngagementFeatures {
            FreedMemory.release()   // the previous snapshot's network and searches
            return try clock.measure("snapshot to " + Timestamp.formatDateTime(ends[index])) { try snapshotFeatures(index) }
        }
        func snapshotFeatures(_ index: Int) throws -> EngagementFeatures {
            let snapshotEnd = ends[index], isMain = index == ends.count - 1
            let span = SegmentAnalysis.span(endingAt: snapshotEnd, window: window, config: given)
            let position: NetworkPosition
            if isMain, let reuse, SegmentAnalysis.sameRecords(dataset, span, window) {
                position = reuse
            } else {
                position = try SegmentAnalysis.position(memberNetwork.graph(of: dataset, in: span), options: memberNetwork, groups: groups,
                                                    full: isMain, config: given)
            }
            return try EngagementFeatures(interactions: dataset.interactions, attendance: dataset.attendance, facts: facts,
                                      window: span, position: position, roles: given.engagementRoles,
                                      surveyInDegree: SegmentAnalysis.surveyInDegree(dataset, waves: waves, at: snapshotEnd))
        }
        // The main snapshot's features are kept (segments.csv shows them). With labels they come
        // first, for the fit (which moves the thresholds every snapshot is classified by); without,
        // last, so that they are not held while the older snapshots' networks are built.
        let mainIndex = ends.count - 1
        var mainFeatures = labels == nil ? nil : try featuresAt(mainIndex)
        var config = given
        if let labels, let features = mainFeatures {
            let fit = clock.measure("fitting thresholds to the labels") {
                SegmentCalibration(rules: given, features: features, labels: labels, seed: options.seed)
            }
            calibration = fit
            config = fit.fitted
        } else {
            calibration = nil
        }
        var labelOf = [Int32](repeating: -1, count: dataset.members.count)
        for label in labels ?? [] { labelOf[label.member] = Int32(label.segment) }
        self.labelOf = labelOf
        self.config = config
        self.configSource = configSource
        segments = config.segments
        var snapshots: [Snapshot] = []
        var mainThresholds: [[Double]] = [], mainSensitivity: ThresholdSensitivity?
        for index in ends.indices {
            if index == mainIndex && mainFeatures == nil { mainFeatures = try featuresAt(mainIndex) }
            let f = index == mainIndex ? mainFeatures! : try featuresAt(index)
            let thresholds = config.resolve(f)
            let result = config.classify(f, thresholds: thresholds)
            let band = ThresholdSensitivity(rules: config, features: f, thresholds: thresholds, base: result.segment, step: config.sensitivity)
            snapshots.append(Snapshot(window: f.window, segment: result.segment, rule: result.rule, inBand: band.changedMembers))
            (mainThresholds, mainSensitivity) = (thresholds, band)
        }
        self.snapshots = snapshots
        let main = snapshots[snapshots.count - 1]
        let features = mainFeatures!
        self.features = features
        thresholds = mainThresholds
        explanation = SegmentExplanation(config, features: features, thresholds: mainThresholds)
        clusters = clock.measure("k-means check") {
            EngagementClusters(features: features, segments: main.segment, segmentCount: config.segments.count,
                               config: config, seed: options.seed, threads: threads)
        }
        clusterNumbers = clusters.map { NumberAlignment(count: $0.k) }
        transitions = SegmentTransitions(snapshots: snapshots.map(\.segment), segmentCount: segments.count)
        sensitivity = mainSensitivity!
    }

    /// The same analysis with its k-means clusters numbered after a previous run's (`--previous`):
    /// each cluster takes the number of the previous cluster it shares most members with
    /// (`NumberAlignment`), so that a monthly refresh keeps cluster numbers while members stay.
    /// - Parameters:
    ///   - previous: the previous run's cluster number per output id (segments.csv's `cluster`).
    ///   - ids: the output ids (pseudonyms in pseudonymised outputs, as the previous run wrote them).
    ///   - source: the previous report, as report.json records it.
    public func aligningClusters(to previous: [String: Int], ids: IdentifierRegistry, source: String) -> SegmentAnalysis {
        guard let clusters else { return self }
        var group = [Int32](repeating: -1, count: features.memberCount)
        for (i, v) in clusters.members.enumerated() { group[v] = clusters.labels[i] }
        var aligned = self
        aligned.clusterNumbers = NumberAlignment(group: group, count: clusters.k, ids: ids, previous: previous)
        aligned.clusterAlignmentSource = source
        return aligned
    }

    /// `survey_in_degree` at a snapshot ending at `end`: per member, the members who named them
    /// (any relation, each nominator once, nominations between members present at the wave) in
    /// the last wave dated before `end` — the last wave when no wave has a date, the last undated
    /// wave ahead of a later dated one not counted. NaN for a member absent at that wave; nil
    /// without survey data or when every dated wave comes after `end`.
    static func surveyInDegree(_ dataset: Dataset, waves: [SurveyWaveMembership], at end: Int64) -> [Double]? {
        let dated = waves.filter { $0.date != nil }
        guard let wave = dated.isEmpty ? waves.last : dated.last(where: { $0.date! < end }) else { return nil }
        let log = dataset.survey
        var nominators = [Set<Int32>](repeating: [], count: dataset.members.count)
        for k in 0..<log.count where log.wave[k] == wave.wave {
            let s = log.respondent[k], t = log.alter[k]
            if s != t && wave.present[Int(s)] && wave.present[Int(t)] { nominators[Int(t)].insert(s) }
        }
        return nominators.indices.map { v in wave.present[v] ? Double(nominators[v].count) : .nan }
    }

    /// k-core number, and for the main snapshot also coreness, betweenness and E-I, of a window's
    /// network. Continuous coreness costs about a minute on half a million members, so above
    /// `options.exactPathLimit` members it is computed only when a rule or `cluster_features` uses it.
    static func position(_ graph: Graph, options: AnalysisOptions, groups: NodeGroups?, full: Bool, config: SegmentConfig) throws -> NetworkPosition {
        var p = NetworkPosition(coreNumber: CoreNumber(graph).values)
        guard full else { return p }
        if graph.nodeCount <= options.exactPathLimit || config.uses(.coreness) {
            p.coreness = ContinuousCorePeriphery(graph).coreness
        }
        p.betweenness = try Betweenness(graph, weighted: options.weightedPaths, sampleSources: options.pathSources(nodeCount: graph.nodeCount),
                                    seed: options.seed).normalised
        p.eiIndex = try groups.map { StructureAnalysis.memberEIIndex(try GroupMixing(graph, groups: $0), groups: $0) }
        return p
    }

    /// The end of the main window: the analysis window's end, or the end of the day of the last record.
    static func end(_ dataset: Dataset, window: TimeWindow) -> Int64? {
        let i = dataset.interactions.range(in: window), a = dataset.attendance.range(in: window)
        let lasts = [i.last.map { dataset.interactions.time[$0] }, a.last.map { dataset.attendance.date[$0] }].compactMap { $0 }
        guard let last = lasts.max() else { return nil }
        if let end = window.end { return end }
        return Timestamp.startOfNextDay(last)
    }

    /// The ends of the snapshots the config's `period` cuts the window's records into, oldest
    /// first (one, the window's end, without a period); nil when the window holds no record.
    /// Commands count them to refuse a run of too many periods before any work.
    public static func snapshotEnds(_ dataset: Dataset, window: TimeWindow, config: SegmentConfig) throws -> [Int64]? {
        guard let end = SegmentAnalysis.end(dataset, window: window) else { return nil }
        guard let unit = config.period, let start = SegmentAnalysis.start(dataset, window: window), start < end else { return [end] }
        return try Periods.calendar(unit, covering: start, end - 1).ends.map { min($0, end) }
    }

    static func start(_ dataset: Dataset, window: TimeWindow) -> Int64? {
        let i = dataset.interactions.range(in: window), a = dataset.attendance.range(in: window)
        return [i.first.map { dataset.interactions.time[$0] }, a.first.map { dataset.attendance.date[$0] }].compactMap { $0 }.min()
    }

    /// The records a snapshot ending at `end` covers: the config's `windowMonths` before it (all
    /// records before it when 0), within the analysis window.
    static func span(endingAt end: Int64, window: TimeWindow, config: SegmentConfig) -> TimeWindow {
        var start = config.windowMonths > 0 ? Timestamp.addingMonths(-config.windowMonths, to: end) : nil
        if let s = window.start { start = max(start ?? s, s) }
        return TimeWindow(start: start, end: end)
    }

    /// Whether the main snapshot holds exactly the analysis window's records, so that it takes
    /// the analysis' own network position (`reuse`) instead of measuring its network again.
    public static func mainSnapshotIsTheWindow(_ dataset: Dataset, window: TimeWindow, config: SegmentConfig) throws -> Bool {
        guard let end = try snapshotEnds(dataset, window: window, config: config)?.last else { return false }
        return sameRecords(dataset, span(endingAt: end, window: window, config: config), window)
    }

    static func sameRecords(_ dataset: Dataset, _ a: TimeWindow, _ b: TimeWindow) -> Bool {
        dataset.interactions.range(in: a) == dataset.interactions.range(in: b) && dataset.attendance.range(in: a) == dataset.attendance.range(in: b)
    }

    /// The governance flag and join and leave dates from the config's members.csv columns. A
    /// governance value of yes, y, true, 1 or x (any case) is a flag; dates are ISO 8601.
    public static func facts(_ members: MemberTable, config: SegmentConfig) throws -> MemberFacts {
        let n = members.count
        let truthy: Set<String> = ["yes", "y", "true", "1", "x"]
        func column(_ name: String) -> [String]? {
            members.attributes.column(named: name).map { c in (0..<n).map { c.value(at: $0) } }
        }
        let governance = column(config.governanceColumn).map { $0.map { truthy.contains($0.trimmingCharacters(in: .whitespaces).lowercased()) } }
        return try MemberFacts(governance: governance ?? Array(repeating: false, count: n),
                           joined: members.instants(inColumn: config.joinedColumn),
                           left: members.instants(inColumn: config.leftColumn))
    }
}

/// One member's segment: a row of segments.csv and an entry of report.json's `segment_members`.
public struct SegmentRow: Sendable {
    public var member: String
    public var segment: String
    /// The rule that fired ("" for inactive and unclassified members).
    public var rule: String
    /// The fired rule's conditions with the member's values, or why no rule applies.
    public var reasons: String
    /// What would move the member up one segment.
    public var nextStep: String
    /// The k-means cluster (1-based; nil for members not clustered).
    public var cluster: Int?
    /// The segment in the snapshot before the main one, and the movement from it.
    public var previousSegment: String?
    public var movement: String?
    /// The segment in every snapshot, oldest first, `;`-separated.
    public var history: String
    /// The segment the member's k-means cluster maps to (nil for members not clustered); where it
    /// differs from `segment`, the clusters and the rules disagree.
    public var clusterSegment: String?
    /// The team's label from `--labels` (nil: not labelled).
    public var label: String?
    public var features: [Double?]

    public typealias Column = TableColumn<SegmentRow>

    private static func feature(_ index: Int) -> @Sendable (SegmentRow) -> CSVCell {
        { row in row.features[index].map { .real($0) } ?? .empty }
    }

    /// segments.csv's columns, in order; report.json's `segment_members` entries use the same names.
    public static let columns: [Column] = {
        var columns: [Column] = [
            ("member", { .text($0.member) }),
            ("segment", { .plain($0.segment) }),
            ("rule", { .plain($0.rule) }),
            ("reasons", { .plain($0.reasons) }),
            ("next_step", { .plain($0.nextStep) }),
            ("cluster", { $0.cluster.map { .integer($0) } ?? .empty }),
            ("previous_segment", { $0.previousSegment.map { .plain($0) } ?? .empty }),
            ("movement", { $0.movement.map { .plain($0) } ?? .empty }),
            ("history", { .plain($0.history) }),
            ("cluster_segment", { $0.clusterSegment.map { .plain($0) } ?? .empty }),
            ("label", { $0.label.map { .plain($0) } ?? .empty }),
        ]
        for (index, f) in EngagementFeature.allCases.enumerated() { columns.append((f.rawValue, feature(index))) }
        return columns
    }()
}

/// One cell of a transition matrix: a row of transitions.csv.
public struct TransitionRow: Sendable, Codable, Equatable {
    public var fromWindowEnd: String
    public var toWindowEnd: String
    public var fromSegment: String
    public var toSegment: String
    public var members: Int
    public var movement: String

    public static let columns: [(name: String, cell: @Sendable (TransitionRow) -> CSVCell)] = [
        ("from_window_end", { .plain($0.fromWindowEnd) }),
        ("to_window_end", { .plain($0.toWindowEnd) }),
        ("from_segment", { .plain($0.fromSegment) }),
        ("to_segment", { .plain($0.toSegment) }),
        ("members", { .integer($0.members) }),
        ("movement", { .plain($0.movement) }),
    ]
}

extension SegmentAnalysis {
    /// Member v's row, naming members by `ids` (pseudonyms in pseudonymised outputs).
    /// segments.csv's rows, gathered on demand (`row(_:ids:)`).
    public func rows(ids: IdentifierRegistry) -> RowList<SegmentRow> {
        RowList(count: features.memberCount) { [self] in row($0, ids: ids) }
    }

    public func row(_ v: Int, ids: IdentifierRegistry) -> SegmentRow {
        let main = self.main
        let s = main.segment[v], r = main.rule[v]
        var cluster: Int?, clusterSegment: String?
        if let clusters, let i = SegmentAnalysis.position(of: v, in: clusters.members) {
            cluster = clusterNumbers?.numbers[Int(clusters.labels[i])]
            clusterSegment = segments[clusters.clusterSegment(i)]
        }
        var previous: String?, movement: String?
        if snapshots.count >= 2 {
            let p = snapshots[snapshots.count - 2].segment[v]
            previous = segments[Int(p)]
            movement = transitions.movement(from: Int(p), to: Int(s)).rawValue
        }
        return SegmentRow(
            member: ids[Int32(v)], segment: segments[Int(s)], rule: r >= 0 ? config.rules[Int(r)].text : "",
            reasons: explanation.reasons(member: v, rule: r),
            nextStep: explanation.nextStep(member: v, segment: s),
            cluster: cluster, previousSegment: previous, movement: movement,
            history: snapshots.map { segments[Int($0.segment[v])] }.joined(separator: ";"),
            clusterSegment: clusterSegment, label: labelOf[v] >= 0 ? segments[Int(labelOf[v])] : nil,
            features: features.values(of: v))
    }

    static func position(of v: Int, in sorted: [Int]) -> Int? {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo] == v ? lo : nil
    }

    /// transitions.csv's rows: the non-zero cells of each consecutive pair's matrix, in segment order.
    public var transitionRows: [TransitionRow] {
        var rows: [TransitionRow] = []
        for (p, matrix) in transitions.matrices.enumerated() {
            let from = Timestamp.formatDateTime(snapshots[p].window.end!), to = Timestamp.formatDateTime(snapshots[p + 1].window.end!)
            for a in segments.indices {
                for b in segments.indices where matrix[a][b] > 0 {
                    rows.append(TransitionRow(fromWindowEnd: from, toWindowEnd: to, fromSegment: segments[a], toSegment: segments[b],
                                              members: matrix[a][b], movement: transitions.movement(from: a, to: b).rawValue))
                }
            }
        }
        return rows
    }

    func counts(_ snapshot: Snapshot) -> [String: Int] {
        var counts = Dictionary(uniqueKeysWithValues: segments.map { ($0, 0) })
        for s in snapshot.segment { counts[segments[Int(s)], default: 0] += 1 }
        return counts
    }

    /// report.json's `segments`, naming members by `ids` (pseudonyms in pseudonymised outputs).
    public func summary(ids: IdentifierRegistry) -> Report.SegmentsSummary {
        let main = self.main
        let n = features.memberCount
        let shares = { (counts: [String: Int]) in counts.mapValues { n > 0 ? Double($0) / Double(n) : 0 } }
        var fired = [Int](repeating: 0, count: config.rules.count)
        for r in main.rule where r >= 0 { fired[Int(r)] += 1 }
        let clusterSummary = clusters.map { c in
            let numbers = clusterNumbers?.numbers ?? (0..<c.k).map { $0 + 1 }
            return Report.ClusterCheck(
                k: c.k, features: c.features.map(\.rawValue), members: c.members.count,
                silhouettes: c.silhouettes.map { .init(k: $0.k, silhouette: $0.score) },
                clusters: (0..<c.k).map { i in
                    .init(cluster: numbers[i], size: c.sizes[i],
                          centroid: SegmentAnalysis.keyed(c.features, c.centroids[i]),
                          standardisedCentroid: SegmentAnalysis.keyed(c.features, c.standardisedCentroids[i]))
                },
                adjustedRandIndex: c.agreement.adjustedRandIndex,
                contingency: .init(segments: segments, clusters: numbers, counts: c.agreement.counts),
                clusterSegments: c.clusterSegments.map { segments[$0] },
                segmentAgreement: c.segmentAgreement.enumerated().compactMap { s, a in
                    a.members > 0 ? .init(segment: segments[s], members: a.members, agreeing: a.agreeing,
                                          share: Double(a.agreeing) / Double(a.members)) : nil
                },
                disagreeing: c.members.indices.reduce(0) { $0 + (c.clusterSegment($1) != Int(main.segment[c.members[$1]]) ? 1 : 0) },
                alignment: clusterAlignmentSource.flatMap { source in clusterNumbers?.summary(previous: source, sizes: c.sizes) })
        }
        let counted = counts(main)
        return Report.SegmentsSummary(
            config: .init(source: configSource, text: SegmentConfigFile.text(config)),
            windowStart: main.window.start.map(Timestamp.formatDateTime), windowEnd: Timestamp.formatDateTime(main.window.end!),
            segments: segments, members: n, counts: counted, shares: shares(counted),
            rulesFired: config.rules.indices.map { .init(segment: config.rules[$0].segment, rule: config.rules[$0].text, members: fired[$0]) },
            notes: SegmentAnalysis.notes,
            clusters: clusterSummary,
            overTime: snapshots.enumerated().map { p, s in
                let c = counts(s)
                let moves = p == 0 ? nil : Dictionary(uniqueKeysWithValues: SegmentTransitions.Movement.allCases.map {
                    ($0.rawValue, transitions.movements(p - 1)[$0] ?? 0)
                })
                let band = p == 0 ? nil : stability(p)
                return .init(windowStart: s.window.start.map(Timestamp.formatDateTime), windowEnd: Timestamp.formatDateTime(s.window.end!),
                             counts: c, shares: shares(c), movements: moves, sensitive: s.inBand.reduce(0) { $0 + ($1 ? 1 : 0) },
                             moved: band?.moved, movedSensitive: band?.inBand, mostlyThresholdNoise: band.map { $0.moved > 0 && 2 * $0.inBand > $0.moved })
            },
            transitions: transitionRows,
            sensitivity: .init(step: sensitivity.step, thresholds: sensitivity.entries.map { e in
                let rule = config.rules[e.rule]
                return .init(segment: rule.segment, rule: rule.text, condition: rule.conditions[e.condition].text,
                             threshold: e.threshold, lower: e.lower, upper: e.upper,
                             changedLower: e.changedLower, changedUpper: e.changedUpper)
            }),
            calibration: calibration.map { calibrationSummary($0, ids: ids) })
    }

    /// The fitted rules as a segments config the team can read, edit and keep (`--segments-config`),
    /// headed by comments saying what they were fitted to and how well they agree; nil without labels.
    public var fittedConfigText: String? {
        guard let c = calibration else { return nil }
        func figure(_ x: Double) -> String { SegmentConfig.format(x) }
        func oneLine(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ") }
        var lines = [
            "# Weft segments config fitted to labelled members: \(oneLine(configSource)) (\(c.labels.count) members).",
            "# Agreement with the labels: \(figure(c.agreementBefore)) before the fit, \(figure(c.agreementAfter)) after"
                + (c.crossValidated.map { "; \(c.folds)-fold cross-validated estimate on members not labelled: \(figure($0))." } ?? "."),
        ]
        lines += c.changes.isEmpty ? ["# No threshold moved."] : ["# Thresholds moved:"] + c.changes.map { change in
            let rule = c.start.rules[change.rule]
            return "#   \(rule.segment): \(rule.conditions[change.condition].text) → \(change.to.text)   (in \"\(rule.text)\")"
        }
        lines += ["# Use it with --segments-config, and edit it like config/segments.toml.", ""]
        return lines.joined(separator: "\n") + "\n" + SegmentConfigFile.text(config)
    }

    /// Between snapshot p − 1 and p: the members whose segment changed, and how many of them sit
    /// in the threshold band of either snapshot (their segment in it changes when one threshold
    /// moves by ±`sensitivity`), so that their move may be threshold noise rather than behaviour.
    func stability(_ p: Int) -> (moved: Int, inBand: Int) {
        let before = snapshots[p - 1], after = snapshots[p]
        var moved = 0, inBand = 0
        for v in before.segment.indices where before.segment[v] != after.segment[v] {
            moved += 1
            if before.inBand[v] || after.inBand[v] { inBand += 1 }
        }
        return (moved, inBand)
    }

    func calibrationSummary(_ c: SegmentCalibration, ids: IdentifierRegistry) -> Report.SegmentCalibrationSummary {
        Report.SegmentCalibrationSummary(
            labelled: c.labels.count, agreementBefore: c.agreementBefore, agreementAfter: c.agreementAfter,
            crossValidated: c.crossValidated, folds: c.folds,
            changes: c.changes.map { change in
                let rule = c.start.rules[change.rule]
                return .init(segment: rule.segment, rule: rule.text, condition: rule.conditions[change.condition].text,
                             from: change.from.text, to: change.to.text)
            },
            disagreements: c.disagreements.map { d in
                .init(member: ids[Int32(d.member)], label: segments[d.label], segment: segments[d.segment], reasons: d.reasons,
                      labelNeeds: d.labelNeeds)
            })
    }

    static let notes = [
        "attendance_rate: events attended / events held in the window while a member (invitations are not in the input format)",
        "survey_in_degree: members who named the member (any relation) in the last survey wave dated before the snapshot's end; empty without survey data",
        "percentile thresholds are taken over the members active in the window",
    ]

    static func keyed(_ features: [EngagementFeature], _ values: [Double]) -> [String: Double] {
        var out: [String: Double] = [:]
        for (f, x) in zip(features, values) where x.isFinite { out[f.rawValue] = x }
        return out
    }
}

extension Report {
    public struct SegmentsSummary: Codable, Sendable, Equatable {
        public var config: SegmentConfigEcho
        /// The main window (the rolling window ending at the analysis end).
        @NullCoded public var windowStart: String?
        public var windowEnd: String
        /// Segment names in rank order (top first), then inactive and unclassified.
        public var segments: [String]
        public var members: Int
        public var counts: [String: Int]
        /// Counts as shares of all members.
        public var shares: [String: Double]
        /// Every rule in order, with the members it classified in the main window.
        public var rulesFired: [RuleCount]
        public var notes: [String]
        /// The k-means check; null with too few active members.
        @NullCoded public var clusters: ClusterCheck?
        public var overTime: [SegmentSnapshot]
        public var transitions: [TransitionRow]
        public var sensitivity: SensitivitySummary
        /// The thresholds fitted to `--labels`; null without labels.
        @NullCoded public var calibration: SegmentCalibrationSummary?
    }

    public struct SegmentConfigEcho: Codable, Sendable, Equatable {
        /// The config file's path, or "default".
        public var source: String
        /// The config as used, without comments (it parses back to the same rules).
        public var text: String
    }

    public struct RuleCount: Codable, Sendable, Equatable {
        public var segment: String
        public var rule: String
        public var members: Int
    }

    public struct ClusterCheck: Codable, Sendable, Equatable {
        public var k: Int
        public var features: [String]
        public var members: Int
        public var silhouettes: [KSilhouette]
        public var clusters: [ClusterCentroid]
        public var adjustedRandIndex: Double
        public var contingency: Contingency
        /// The segment each cluster maps to (the one most of its members have), in `clusters` order.
        public var clusterSegments: [String]
        /// Per segment with clustered members: how many sit in a cluster that maps to it.
        public var segmentAgreement: [SegmentClusterAgreement]
        /// Clustered members whose cluster maps to another segment than theirs (segments.csv's
        /// `cluster_segment` names them).
        public var disagreeing: Int
        /// With `--previous`: how cluster numbers were aligned to the previous run's; null otherwise.
        @NullCoded public var alignment: AlignmentSummary<ClusterGroups>? = nil
    }

    public struct SegmentClusterAgreement: Codable, Sendable, Equatable {
        public var segment: String
        public var members: Int
        public var agreeing: Int
        public var share: Double
    }

    /// What `--labels` fitted: agreement on the labelled members before and after, the k-fold
    /// estimate, the thresholds moved, and the labelled members the fitted rules still disagree with.
    public struct SegmentCalibrationSummary: Codable, Sendable, Equatable {
        public var labelled: Int
        public var agreementBefore: Double
        public var agreementAfter: Double
        @NullCoded public var crossValidated: Double?
        public var folds: Int
        public var changes: [ThresholdFit]
        public var disagreements: [LabelDisagreement]
    }

    public struct ThresholdFit: Codable, Sendable, Equatable {
        public var segment: String
        /// The rule and condition as given, before the fit.
        public var rule: String
        public var condition: String
        public var from: String
        public var to: String
    }

    public struct LabelDisagreement: Codable, Sendable, Equatable {
        public var member: String
        public var label: String
        public var segment: String
        public var reasons: String
        public var labelNeeds: String
    }

    public struct KSilhouette: Codable, Sendable, Equatable {
        public var k: Int
        public var silhouette: Double
    }

    public struct ClusterCentroid: Codable, Sendable, Equatable {
        public var cluster: Int
        public var size: Int
        public var centroid: [String: Double]
        public var standardisedCentroid: [String: Double]
    }

    /// counts[s][c]: clustered members in segment s (of `segments`) and cluster c (of `clusters`).
    public struct Contingency: Codable, Sendable, Equatable {
        public var segments: [String]
        public var clusters: [Int]
        public var counts: [[Int]]
    }

    public struct SegmentSnapshot: Codable, Sendable, Equatable {
        @NullCoded public var windowStart: String?
        public var windowEnd: String
        public var counts: [String: Int]
        public var shares: [String: Double]
        /// Members per movement since the previous snapshot (stayed, up, down, left, joined,
        /// outside); null for the first.
        @NullCoded public var movements: [String: Int]?
        /// Members whose segment in this snapshot changes when one threshold moves by ±step.
        public var sensitive: Int
        /// Since the previous snapshot (null for the first): members whose segment changed, those
        /// of them in the threshold band of either snapshot, and whether they are most of the
        /// movement (then the movement may be threshold noise more than behaviour).
        @NullCoded public var moved: Int?
        @NullCoded public var movedSensitive: Int?
        @NullCoded public var mostlyThresholdNoise: Bool?
    }

    public struct SensitivitySummary: Codable, Sendable, Equatable {
        public var step: Double
        public var thresholds: [ThresholdChange]
    }

    public struct ThresholdChange: Codable, Sendable, Equatable {
        public var segment: String
        public var rule: String
        public var condition: String
        public var threshold: Double
        public var lower: Double
        public var upper: Double
        public var changedLower: Int
        public var changedUpper: Int
    }
}
