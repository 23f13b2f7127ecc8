import Foundation
import WeftAnalysis
import WeftGraph
import WeftIO

/// Every survey wave side by side, one relation at a time: report.json's `survey.by_relation` and
/// report.html's "Connections reported in the survey".
///
/// All waves of all relations are combined with one symmetrisation rule, the layer's
/// (`SurveyNetwork.symmetrisation`: given with `--survey-symmetrise`, or chosen once from the
/// lowest response rate over the waves), so that the waves' densities compare. Each wave's figures
/// are over the members present at it (`SurveyWaveMembership`); the change from the previous wave
/// is over the members present at both.
///
/// Values: a relation *has values* when its nominations carry more than one distinct value or a
/// value other than 1 (a value, frequency or usefulness scale); the average value of ties is then
/// the mean of the values respondents gave to the nominations of the wave that name a member
/// present at it, and by group the same mean over the nominations of respondents in each group of
/// the primary group attribute.
public struct SurveyWaveComparison: Sendable {
    public let relations: [Report.SurveyRelationWaves]

    public init(dataset: Dataset, layer: SurveyNetwork, groupAttributes: [String]?) throws {
        let log = dataset.survey
        let n = dataset.members.count
        let columns = StructureAnalysis.groupAttributes(dataset.members.attributes, nodeCount: n, named: groupAttributes)
        let primary = columns.first
        let groups = primary.map { NodeGroups(column: $0, nodeCount: n) }
        let rule = layer.symmetrisation
        let responses = layer.memberships.map { SurveyResponse(dataset: dataset, membership: $0, groupAttributes: groupAttributes) }
        relations = try log.relations.identifiers.enumerated().sorted { $0.element < $1.element }.map { (code, name) in   // by name, whatever the rows' order
            let codes: Set<UInt16> = [UInt16(code)]
            let rows = (0..<log.count).filter { log.relation[$0] == UInt16(code) }
            let valued = Set(rows.map { log.value[$0] }).count > 1 || rows.contains { log.value[$0] != 1 }
            var waves: [Report.SurveyWave] = []
            for (w, m) in layer.memberships.enumerated() {
                let nodes = (0..<Int32(n)).filter { m.present[Int($0)] }
                let g = SurveyNetwork.graph(dataset, relations: codes, membership: m, symmetrisation: rule, over: nodes)
                let s = NetworkSummary(g)
                let mixing = try groups.map { try GroupMixing(SurveyNetwork.graph(dataset, relations: codes, membership: m, symmetrisation: rule), groups: $0).network }
                let grouped = mixing.map { $0.externalTies + $0.internalTies } ?? 0
                let named = rows.filter { log.wave[$0] == m.wave && m.present[Int(log.alter[$0])] }
                var value: Double? = nil, valueByGroup: [String: Double]? = nil
                if valued, !named.isEmpty {
                    value = named.reduce(0) { $0 + log.value[$1] } / Double(named.count)
                    if let groups {
                        var sums: [String: (Double, Int)] = [:]
                        for k in named where groups.group[Int(log.respondent[k])] >= 0 {
                            let label = groups.labels[Int(groups.group[Int(log.respondent[k])])]
                            let c = sums[label] ?? (0, 0)
                            sums[label] = (c.0 + log.value[k], c.1 + 1)
                        }
                        valueByGroup = sums.mapValues { $0.0 / Double($0.1) }
                    }
                }
                let r = responses[w]
                var wave = Report.SurveyWave(
                    wave: m.label, date: m.date.map(Timestamp.formatDate), members: r.members, respondents: r.respondents,
                    responseRate: r.rate, confidence: r.confidence.rawValue, responseByGroup: r.byGroup,
                    nominations: named.count, tieCount: s.ties, density: s.density, averageConnections: s.averageNeighbours,
                    reciprocity: s.reciprocity, crossGroupShare: grouped > 0 ? Double(mixing!.externalTies) / Double(grouped) : nil,
                    eiIndex: mixing?.index, averageValue: value, averageValueByGroup: valueByGroup, change: nil)
                if w > 0 {
                    wave.change = try SurveyWaveComparison.change(dataset, relations: codes, before: layer.memberships[w - 1], after: m,
                                                             rule: rule, value: value, previousValue: waves[w - 1].averageValue)
                }
                waves.append(wave)
            }
            return Report.SurveyRelationWaves(relation: name, hasValues: valued, groupAttribute: primary?.name, waves: waves)
        }
    }

    /// Ties and connections of wave `after` against wave `before`, over the members present at both.
    static func change(_ dataset: Dataset, relations: Set<UInt16>, before: SurveyWaveMembership, after: SurveyWaveMembership,
                       rule: SurveySymmetrisation, value: Double?, previousValue: Double?) throws -> Report.SurveyWaveChange {
        let stable = (0..<Int32(after.present.count)).filter { before.present[Int($0)] && after.present[Int($0)] }
        let from = SurveyNetwork.graph(dataset, relations: relations, membership: before, symmetrisation: rule, over: stable)
        let to = SurveyNetwork.graph(dataset, relations: relations, membership: after, symmetrisation: rule, over: stable)
        let t = try TieTurnover(from: from, to: to)
        let a = DegreeCentrality(from).neighbours, b = DegreeCentrality(to).neighbours
        return Report.SurveyWaveChange(fromWave: before.label, membersInBoth: stable.count, new: t.gained, sustained: t.kept, dissolved: t.lost,
                                       membersGained: zip(a, b).filter { $1 > $0 }.count, membersLost: zip(a, b).filter { $1 < $0 }.count,
                                       averageValueChange: value.flatMap { v in previousValue.map { v - $0 } })
    }

    /// The largest difference between two waves' response rates, in percentage points, beyond
    /// which the report warns that the waves' figures rest on different shares of the members.
    public static let responseSpreadLimit = 15.0
}

extension Report {
    /// One survey relation's waves side by side (report.json `survey.by_relation[]`).
    public struct SurveyRelationWaves: Codable, Sendable, Equatable {
        public var relation: String
        /// Whether the nominations carry values (see `SurveyWaveComparison`).
        public var hasValues: Bool
        /// The primary group attribute of `cross_group_share`, `ei_index` and `average_value_by_group`; null without one.
        @NullCoded public var groupAttribute: String?
        public var waves: [SurveyWave]
    }

    /// One wave of one relation under the layer's symmetrisation, over the members present at the wave.
    public struct SurveyWave: Codable, Sendable, Equatable {
        public var wave: String
        @NullCoded public var date: String?
        public var members: Int
        public var respondents: Int
        public var responseRate: Double
        public var confidence: String
        public var responseByGroup: [String: [String: SurveyRate]]
        /// Nominations of the relation in the wave naming a member present at it.
        public var nominations: Int
        public var tieCount: Int
        public var density: Double
        /// Mean number of distinct members each member is connected to (as report.json's `summary.average_connections`).
        public var averageConnections: Double
        @NullCoded public var reciprocity: Double?
        @NullCoded public var crossGroupShare: Double?
        @NullCoded public var eiIndex: Double?
        @NullCoded public var averageValue: Double?
        @NullCoded public var averageValueByGroup: [String: Double]?
        /// Change from the previous wave; null at the first.
        @NullCoded public var change: SurveyWaveChange?
    }

    /// Ties and connections against the previous wave, over the members present at both.
    public struct SurveyWaveChange: Codable, Sendable, Equatable {
        public var fromWave: String
        public var membersInBoth: Int
        public var new: Int
        public var sustained: Int
        public var dissolved: Int
        /// Members of both waves with more, and with fewer, distinct connections than at the previous wave.
        public var membersGained: Int
        public var membersLost: Int
        /// This wave's average value of ties minus the previous wave's; null without values.
        @NullCoded public var averageValueChange: Double?
    }
}

extension Analysis {
    /// The survey summary of report.json's `survey`: the survey layer analysed with
    /// `--network survey:…`, or, on any other network when the data hold a survey
    /// (`withSurveyData`), the survey analysed beside it with no flag — every relation at the last
    /// wave, with each relation's waves side by side. Nil without survey data. Pseudonymised
    /// outputs keep only the group attributes `--keep-attributes` keeps.
    public func surveySummary(withSurveyData: Bool = true) throws -> Report.SurveySummary? {
        let o = options, log = dataset.survey
        let selection: SurveySelection
        if o.network == .survey, let chosen = o.survey {
            selection = chosen
        } else if withSurveyData, log.waves.count > 0, log.relations.count > 0 {
            selection = SurveySelection(relations: log.relations.identifiers.sorted())   // whatever the rows' order
        } else {
            return nil
        }
        guard let layer = try? SurveyNetwork(dataset: dataset, selection: selection, symmetrisation: o.surveySymmetrisation,
                                             groupAttributes: o.groupAttributes, waveDates: o.surveyWaveDates) else { return nil }
        var summary = try layer.summary(dataset, graph: o.network == .survey ? graph : layer.graph(dataset), groupAttributes: o.groupAttributes)
        if o.inferenceDraws > 0 {
            summary.inference = try layer.inference(dataset, groupAttributes: o.groupAttributes, draws: o.inferenceDraws, seed: o.seed)
        }
        if o.pseudonymise {   // only the attributes --keep-attributes keeps may show their values
            let kept = { (name: String) in self.outputNodes.attributes.column(named: name) != nil }
            if let g = summary.inference?.groupAttribute, !kept(g) {   // the group figures would speak of it
                summary.inference?.groupAttribute = nil
                summary.inference?.figures.removeAll { NetworkFigure(rawValue: $0.figure)?.needsGroups ?? false }
            }
            summary.responseByGroup = summary.responseByGroup.filter { kept($0.key) }
            for r in summary.byRelation.indices {
                if let g = summary.byRelation[r].groupAttribute, !kept(g) {
                    summary.byRelation[r].groupAttribute = nil
                    for w in summary.byRelation[r].waves.indices { summary.byRelation[r].waves[w].averageValueByGroup = nil }
                }
                for w in summary.byRelation[r].waves.indices {
                    summary.byRelation[r].waves[w].responseByGroup = summary.byRelation[r].waves[w].responseByGroup.filter { kept($0.key) }
                }
            }
        }
        return summary
    }
}
