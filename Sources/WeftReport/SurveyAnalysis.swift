import Foundation
import WeftAnalysis
import WeftGraph
import WeftIO

/// Which survey layer to analyse, written `survey:RELATION[+RELATION…][@WAVE]` (after `--network`
/// or as a QAP relation): the nominations of those relations (summed where a pair has several)
/// in that wave, by default the last.
public struct SurveySelection: Sendable, Equatable, CustomStringConvertible {
    public var relations: [String]
    public var wave: String?

    public init(relations: [String], wave: String? = nil) {
        self.relations = relations
        self.wave = wave
    }

    /// Parses `advice`, `advice+trust`, `advice@baseline` (the text after `survey:`).
    public init(parsing text: String) throws {
        let parts = text.split(separator: "@", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        relations = (parts.first ?? "").split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        wave = parts.count == 2 && !parts[1].isEmpty ? parts[1] : nil
        guard !relations.isEmpty else {
            throw Relation.ParseError(description: "'survey:\(text)': name a relation, e.g. survey:advice or survey:advice@baseline")
        }
    }

    public var description: String { "survey:" + relations.joined(separator: "+") + (wave.map { "@" + $0 } ?? "") }

    /// The relation and wave codes in `log`, or an error naming what the log has.
    public func resolve(_ log: SurveyLog) throws -> (relations: Set<UInt16>, wave: UInt16) {
        guard log.waves.count > 0 else { throw Relation.ParseError(description: "\(self): no survey data (give --survey FILE or put survey.csv in the data folder)") }
        var codes = Set<UInt16>()
        for r in relations {
            guard let code = log.relations.index(of: r) else {
                throw Relation.ParseError(description: "\(self): no survey relation '\(r)' (relations: \(log.relations.identifiers.joined(separator: ", ")))")
            }
            codes.insert(UInt16(code))
        }
        let waveCode: UInt16
        if let wave {
            guard let code = log.waves.index(of: wave) else {
                throw Relation.ParseError(description: "\(self): no survey wave '\(wave)' (waves: \(log.waves.identifiers.joined(separator: ", ")))")
            }
            waveCode = UInt16(code)
        } else {
            waveCode = UInt16(log.waves.count - 1)
        }
        return (codes, waveCode)
    }
}

/// How a survey layer's two directions combine. `directed` keeps the nominations as reported
/// (measures defined on undirected graphs then use the union, max); `reconstruct` is the
/// standard reconstruction of a network with non-respondents (Stork & Richards 1992; Huisman,
/// "Imputation of missing network data", Journal of Social Structure 10, 2009): a dyad of two
/// respondents stays as reported, and a tie i → j named by respondent i to non-respondent j is
/// also taken as j → i, so only dyads that involve a non-respondent are filled, from the
/// respondent's report; the network stays directed. `max` makes an undirected tie where either
/// member named the other (the stronger value), `min` only where both did (the weaker value),
/// `mean` averages the two (a missing direction counts 0).
///
/// Default (`SurveyNetwork.defaultSymmetrisation`): `max` when the lowest response rate over the
/// survey's waves is below 80% (one rule for every wave, so the waves compare), so that respondents' reports stand in for non-respondents' missing ones; `directed` at
/// 80% or more. Non-respondents are never deleted (listwise deletion is not offered). The
/// report's `survey.treatments` table shows the main figures under `directed`, `reconstruct`,
/// `max` and `min` side by side. Reference: ../shared/domain-brief.md §2.
public enum SurveySymmetrisation: String, CaseIterable, Sendable {
    case directed, reconstruct, max, min, mean

    /// Whether the layer's graph keeps direction.
    public var isDirected: Bool { self == .directed || self == .reconstruct }

    /// The treatments of non-response compared in `survey.treatments`: as reported,
    /// reconstruction, either named the other, both named each other.
    public static let compared: [SurveySymmetrisation] = [.directed, .reconstruct, .max, .min]
}

/// The response-rate thresholds of network surveys: at least 80% supports every use, naming
/// individual brokers included; 65–79% broad, directional patterns only; below 65% caution.
/// Reference: https://support.orgacuity.com/article/13-response-rates-for-network-based-listening
public enum ResponseConfidence: String, Sendable, Codable {
    case allUses = "all uses"
    case broadPatterns = "broad patterns only"
    case caution

    public init(rate: Double) {
        self = rate >= 0.8 ? .allUses : rate >= 0.65 ? .broadPatterns : .caution
    }

    public func warning(rate: Double) -> String? {
        let percent = String(format: "%.0f%%", rate * 100)
        switch self {
        case .allUses: return nil
        case .broadPatterns: return "response rate \(percent) (65–79%): use the survey figures for broad, directional patterns only, not to name individuals"
        case .caution: return "response rate \(percent) (below 65%): read every survey figure with caution; it may not represent the network"
        }
    }
}

/// Who answered a wave, overall and per group, among the members present at the wave (see
/// `SurveyWaveMembership`: anyone who answered counts as present).
public struct SurveyResponse: Sendable, Equatable {
    public var wave: String
    public var respondents: Int
    public var members: Int
    /// "respondents list" or "nominations".
    public var source: String
    public var byGroup: [String: [String: Report.SurveyRate]]

    public var rate: Double { members == 0 ? 0 : Double(respondents) / Double(members) }
    public var confidence: ResponseConfidence { ResponseConfidence(rate: rate) }

    public init(dataset: Dataset, membership: SurveyWaveMembership, groupAttributes: [String]?) {
        wave = membership.label
        source = membership.respondentsListed ? "respondents list" : "nominations"
        members = membership.presentCount
        respondents = membership.respondentCount
        let n = dataset.members.count
        var groups: [String: [String: Report.SurveyRate]] = [:]
        for column in StructureAnalysis.groupAttributes(dataset.members.attributes, nodeCount: n, named: groupAttributes) {
            var counts: [String: (Int, Int)] = [:]
            for v in 0..<n where membership.present[v] {
                let label = column.value(at: v)
                let c = counts[label] ?? (0, 0)
                counts[label] = (c.0 + (membership.responded[v] ? 1 : 0), c.1 + 1)
            }
            groups[column.name] = counts.mapValues { Report.SurveyRate(respondents: $0.0, members: $0.1) }
        }
        byGroup = groups
    }
}

/// A survey layer (relations × wave) as a graph, with the membership and response rate of every
/// wave and the symmetrisation used (chosen, or defaulted from the response rate).
public struct SurveyNetwork: Sendable {
    public let selection: SurveySelection
    public let relationCodes: Set<UInt16>
    public let wave: UInt16
    /// Every wave's members and respondents, in wave order.
    public let memberships: [SurveyWaveMembership]
    public let response: SurveyResponse
    public let symmetrisation: SurveySymmetrisation
    /// Whether `symmetrisation` was defaulted from the response rate (not given).
    public let symmetrisationDefaulted: Bool

    public static func defaultSymmetrisation(rate: Double) -> SurveySymmetrisation { rate < 0.8 ? .max : .directed }

    /// The wave with the lowest response rate (the first such), which chooses the default
    /// symmetrisation once for every wave, so that all waves combine ties the same way.
    public static func lowestRate(_ memberships: [SurveyWaveMembership]) -> (wave: String, rate: Double) {
        let rates = memberships.map { (wave: $0.label, rate: $0.presentCount == 0 ? 0 : Double($0.respondentCount) / Double($0.presentCount)) }
        return rates.min { $0.rate < $1.rate } ?? ("", 0)
    }

    /// Wave label → date, for waves whose labels are not dates (the response rate's members).
    public let waveDates: [String: Int64]

    public init(dataset: Dataset, selection: SurveySelection, symmetrisation: SurveySymmetrisation?, groupAttributes: [String]?,
                waveDates: [String: Int64] = [:]) throws {
        self.selection = selection
        self.waveDates = waveDates
        (relationCodes, wave) = try selection.resolve(dataset.survey)
        memberships = SurveyWaveMembership.all(dataset, waveDates: waveDates)
        response = SurveyResponse(dataset: dataset, membership: memberships[Int(wave)], groupAttributes: groupAttributes)
        self.symmetrisation = symmetrisation ?? SurveyNetwork.defaultSymmetrisation(rate: SurveyNetwork.lowestRate(memberships).rate)
        symmetrisationDefaulted = symmetrisation == nil
    }

    /// The selected wave's members and respondents.
    public var membership: SurveyWaveMembership { memberships[Int(wave)] }

    /// The layer's graph for the selected wave over all the dataset's members (node = member
    /// index); members absent at the wave are isolates and nominations naming them are left out.
    public func graph(_ dataset: Dataset) -> Graph {
        SurveyNetwork.graph(dataset, relations: relationCodes, membership: membership, symmetrisation: symmetrisation)
    }

    /// The graph of the nominations of `relations` in `membership`'s wave, combined by
    /// `symmetrisation`. Nodes are `nodes` (member indices; node k is member nodes[k]), or every
    /// member when nil. Nominations with an end that is absent at the wave or not among `nodes`
    /// are left out.
    public static func graph(_ dataset: Dataset, relations: Set<UInt16>, membership: SurveyWaveMembership,
                             symmetrisation: SurveySymmetrisation, over nodes: [Int32]? = nil) -> Graph {
        let survey = dataset.survey
        let n = dataset.members.count
        var node = [Int32](repeating: -1, count: n)
        if let nodes {
            for (k, v) in nodes.enumerated() where membership.present[Int(v)] { node[Int(v)] = Int32(k) }
        } else {
            for v in 0..<n where membership.present[v] { node[v] = Int32(v) }
        }
        var log = InteractionLog()
        for k in 0..<survey.count where survey.wave[k] == membership.wave && relations.contains(survey.relation[k]) {
            let source = node[Int(survey.respondent[k])], target = node[Int(survey.alter[k])]
            guard source >= 0, target >= 0 else { continue }
            try? log.append(source: source, target: target, time: 0, weight: survey.value[k])
            if symmetrisation == .reconstruct && !membership.responded[Int(survey.alter[k])] {
                try? log.append(source: target, target: source, time: 0, weight: survey.value[k])
            }
        }
        let rule: Symmetrisation = switch symmetrisation {
        case .directed, .reconstruct, .max: .max
        case .min: .min
        case .mean: .mean
        }
        let directed = GraphBuilder(undirected: false, symmetrisation: rule).build(log, nodeCount: nodes?.count ?? n)
        return symmetrisation.isDirected ? directed : SurveyNetwork.undirected(directed)
    }

    /// The undirected graph of a directed graph's symmetrised view: one tie per pair whose
    /// combined weight (the graph's symmetrisation rule: max, min or mean of the two directions)
    /// is positive. Building undirected from the records instead would add the two directions.
    static func undirected(_ directed: Graph) -> Graph {
        var log = InteractionLog()
        let view = directed.undirected
        for v in 0..<view.nodeCount {
            for p in view.offsets[v]..<view.offsets[v + 1] where Int(view.neighbours[p]) > v {
                try? log.append(source: Int32(v), target: view.neighbours[p], time: 0, weight: view.weights[p])
            }
        }
        return GraphBuilder(undirected: true).build(log, nodeCount: directed.nodeCount)
    }

    /// Nominations of the layer's relations in wave `w` that name a member absent at the wave.
    public func nominationsOfAbsentMembers(_ dataset: Dataset, wave w: UInt16) -> Int {
        let log = dataset.survey, present = memberships[Int(w)].present
        return (0..<log.count).reduce(0) { count, k in
            count + (log.wave[k] == w && relationCodes.contains(log.relation[k]) && !present[Int(log.alter[k])] ? 1 : 0)
        }
    }

    /// The main figures of wave `w` under `treatment`, over the members present at the wave.
    public func figures(_ dataset: Dataset, wave w: UInt16, treatment: SurveySymmetrisation) -> Report.SurveyFigures {
        let m = memberships[Int(w)]
        let nodes = (0..<Int32(m.present.count)).filter { m.present[Int($0)] }
        let g = SurveyNetwork.graph(dataset, relations: relationCodes, membership: m, symmetrisation: treatment, over: nodes)
        let summary = NetworkSummary(g)
        return Report.SurveyFigures(wave: m.label, treatment: treatment.rawValue, members: nodes.count, respondents: m.respondentCount,
                                    tieCount: summary.ties, density: summary.density, reciprocity: summary.reciprocity,
                                    averageDegree: summary.averageDegree, isolates: summary.isolates,
                                    transitivity: Clustering(g).transitivity)
    }

    /// How the ties of wave `w` changed since wave `w − 1`, composition change apart: tie change
    /// is counted over the dyads of members present at both waves (the only dyads observable in
    /// both); members who joined or left between the waves, and their ties, are counted apart.
    public func change(_ dataset: Dataset, wave w: UInt16) throws -> Report.SurveyChange {
        let before = memberships[Int(w) - 1], after = memberships[Int(w)]
        let stable = (0..<Int32(after.present.count)).filter { before.present[Int($0)] && after.present[Int($0)] }
        func graph(_ m: SurveyWaveMembership, over nodes: [Int32]? = nil) -> Graph {
            SurveyNetwork.graph(dataset, relations: relationCodes, membership: m, symmetrisation: symmetrisation, over: nodes)
        }
        let t = try TieTurnover(from: graph(before, over: stable), to: graph(after, over: stable))
        let joined = after.present.indices.filter { after.present[$0] && !before.present[$0] }.count
        let left = before.present.indices.filter { before.present[$0] && !after.present[$0] }.count
        return Report.SurveyChange(fromWave: before.label, membersInBoth: stable.count, joined: joined, left: left,
                                   new: t.gained, sustained: t.kept, dissolved: t.lost, jaccard: t.jaccard,
                                   joinerTieCount: graph(after).ties.count - (t.gained + t.kept),
                                   leaverTieCount: graph(before).ties.count - (t.lost + t.kept))
    }

    /// The report.json `survey` object: the layer, every wave's membership, response rate and
    /// figures, the figures under each treatment of non-response, and how the ties changed since
    /// the previous wave (composition change apart).
    public func summary(_ dataset: Dataset, graph: Graph, groupAttributes: [String]?) throws -> Report.SurveySummary {
        let log = dataset.survey
        let rate = response.rate
        let lowest = SurveyNetwork.lowestRate(memberships)
        let lowestText = memberships.count > 1
            ? "the lowest response rate over the \(memberships.count) waves, \(String(format: "%.0f%%", lowest.rate * 100)) (wave \(lowest.wave)), is"
            : "response rate \(String(format: "%.0f%%", lowest.rate * 100))"
        let reason = symmetrisationDefaulted
            ? "default, one rule for every wave: " + (symmetrisation == .max ? "\(lowestText) below 80%, so a tie reported by either member counts (max)" : "\(lowestText) at least 80%, so nominations are kept as reported (directed)")
            : "chosen with --survey-symmetrise, for every wave"
        let attributes = dataset.members.attributes
        let membersHaveDates = attributes.column(named: "joined") != nil || attributes.column(named: "left") != nil
        return Report.SurveySummary(
            relations: selection.relations, wave: response.wave, waves: log.waves.identifiers,
            nominations: (0..<log.count).reduce(0) { $0 + (log.wave[$1] == wave && relationCodes.contains(log.relation[$1]) ? 1 : 0) },
            nominationsOfAbsentMembers: nominationsOfAbsentMembers(dataset, wave: wave),
            tieCount: graph.ties.count, respondents: response.respondents, members: response.members,
            responseRate: rate, respondentsFrom: response.source, confidence: response.confidence.rawValue,
            warning: response.confidence.warning(rate: rate), responseByGroup: response.byGroup,
            responseByWave: memberships.map { m in
                let r = m.wave == wave ? response : SurveyResponse(dataset: dataset, membership: m, groupAttributes: [])
                return .init(wave: r.wave, date: m.date.map(Timestamp.formatDate), dateFrom: m.dateSource,
                             respondents: r.respondents, members: r.members, responseRate: r.rate, confidence: r.confidence.rawValue)
            },
            figuresByWave: memberships.map { figures(dataset, wave: $0.wave, treatment: symmetrisation) },
            treatments: SurveySymmetrisation.compared.map { figures(dataset, wave: wave, treatment: $0) },
            symmetrisation: symmetrisation.rawValue, symmetrisationReason: reason,
            changeFromPreviousWave: wave > 0 ? try change(dataset, wave: wave) : nil,
            warnings: memberships.flatMap { $0.warnings(membersHaveDates: membersHaveDates) } + responseSpreadWarning(),
            byRelation: try SurveyWaveComparison(dataset: dataset, layer: self, groupAttributes: groupAttributes).relations)
    }

    /// A warning when two waves' response rates differ by more than
    /// `SurveyWaveComparison.responseSpreadLimit` percentage points; empty otherwise. The spread
    /// is compared at a billionth of a point, so that 90% against 75% is 15 points (not
    /// 15.000000000000002) and does not warn.
    func responseSpreadWarning() -> [DataWarning] {
        let rates = memberships.map { $0.presentCount == 0 ? 0 : Double($0.respondentCount) / Double($0.presentCount) }
        guard let low = rates.indices.min(by: { rates[$0] < rates[$1] }), let high = rates.indices.max(by: { rates[$0] < rates[$1] }),
              ((rates[high] - rates[low]) * 100 * 1e9).rounded() / 1e9 > SurveyWaveComparison.responseSpreadLimit else { return [] }
        let percent = { (x: Double) in String(format: "%.0f%%", x * 100) }
        return [DataWarning(code: "survey_response_rates_differ", message:
            "survey response rates differ by \(String(format: "%.0f", (rates[high] - rates[low]) * 100)) points between waves (\(memberships[low].label) \(percent(rates[low])), \(memberships[high].label) \(percent(rates[high]))): changes between the waves may come from who answered rather than from the network",
            parameters: [String(format: "%.0f", (rates[high] - rates[low]) * 100), memberships[low].label, String(format: "%.0f", rates[low] * 100),
                         memberships[high].label, String(format: "%.0f", rates[high] * 100)])]
    }
}

extension Report {
    /// Respondents among members, for one group or wave.
    public struct SurveyRate: Codable, Sendable, Equatable {
        public var respondents: Int
        public var members: Int
        public var responseRate: Double

        public init(respondents: Int, members: Int) {
            self.respondents = respondents
            self.members = members
            responseRate = members == 0 ? 0 : Double(respondents) / Double(members)
        }
    }

    public struct SurveyWaveRate: Codable, Sendable, Equatable {
        public var wave: String
        /// The wave's day (YYYY-MM-DD), null when none is known.
        @NullCoded public var date: String?
        /// "--wave-dates", "respondents list" or "wave label"; null without a date.
        @NullCoded public var dateFrom: String?
        public var respondents: Int
        /// Members present at the wave (see `SurveyWaveMembership`).
        public var members: Int
        public var responseRate: Double
        /// "all uses", "broad patterns only" or "caution".
        public var confidence: String
    }

    /// The main figures of one wave under one treatment of non-response, over the members present
    /// at the wave (members not yet joined or already left are left out).
    public struct SurveyFigures: Codable, Sendable, Equatable {
        public var wave: String
        /// directed (as reported), reconstruct, max (either named the other), min (both did) or mean.
        public var treatment: String
        public var members: Int
        public var respondents: Int
        public var tieCount: Int
        public var density: Double
        /// Share of ties reciprocated; null on an undirected treatment.
        @NullCoded public var reciprocity: Double?
        public var averageDegree: Double
        public var isolates: Int
        /// Global clustering coefficient of the undirected view.
        public var transitivity: Double
    }

    /// Ties of this wave against the previous one's (same relations and symmetrisation), with
    /// composition change apart: `new`, `sustained`, `dissolved` and `jaccard` count the dyads of
    /// the `members_in_both` members present at both waves; `joined` and `left` count the members
    /// whose membership changed between the waves, `ties_of_joiners` this wave's ties that
    /// involve one who joined, `ties_of_leavers` the previous wave's ties that involve one who left.
    public struct SurveyChange: Codable, Sendable, Equatable {
        public var fromWave: String
        public var membersInBoth: Int
        public var joined: Int
        public var left: Int
        public var new: Int
        public var sustained: Int
        public var dissolved: Int
        public var jaccard: Double
        public var joinerTieCount: Int
        public var leaverTieCount: Int
    }

    /// report.json's `survey` object (null unless the network is a survey layer).
    public struct SurveySummary: Codable, Sendable, Equatable {
        public var relations: [String]
        public var wave: String
        public var waves: [String]
        /// Nominations of the selected relations in the wave (before symmetrisation).
        public var nominations: Int
        /// Of those, nominations naming a member absent at the wave (left out of the network).
        public var nominationsOfAbsentMembers: Int
        /// Ties of the analysed graph (after symmetrisation).
        public var tieCount: Int
        public var respondents: Int
        public var members: Int
        public var responseRate: Double
        /// "respondents list" or "nominations".
        public var respondentsFrom: String
        /// "all uses", "broad patterns only" or "caution".
        public var confidence: String
        @NullCoded public var warning: String?
        public var responseByGroup: [String: [String: SurveyRate]]
        public var responseByWave: [SurveyWaveRate]
        /// Every wave's figures under the layer's symmetrisation, over its members.
        public var figuresByWave: [SurveyFigures]
        /// The selected wave's figures under each treatment of non-response (directed,
        /// reconstruct, max, min), so the choice is visible.
        public var treatments: [SurveyFigures]
        /// directed, reconstruct, max, min or mean.
        public var symmetrisation: String
        public var symmetrisationReason: String
        @NullCoded public var changeFromPreviousWave: SurveyChange?
        /// What was assumed where the survey data were incomplete (no wave date, no respondents list),
        /// and response rates that differ by more than 15 points between waves.
        public var warnings: [DataWarning]
        /// Every relation's waves side by side under `symmetrisation` (`SurveyWaveComparison`).
        public var byRelation: [SurveyRelationWaves]
        /// CUG tests and bootstrap intervals for the selected wave's figures (`--inference-draws`);
        /// null when turned off.
        @NullCoded public var inference: SurveyInference? = nil
    }
}
