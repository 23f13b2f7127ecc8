import WeftAnalysis
import WeftGraph
import WeftIO

extension SurveyNetwork {
    /// CUG tests and node-bootstrap intervals (`NetworkInference`) for the selected wave's network
    /// under the layer's symmetrisation, over the members present at the wave, with `draws`
    /// draws of each and `seed`. The group figures use `groupAttributes`' first attribute (the
    /// primary one), left out without one.
    public func inference(_ dataset: Dataset, groupAttributes: [String]?, draws: Int, seed: UInt64) throws -> Report.SurveyInference {
        let m = memberships[Int(wave)]
        let nodes = (0..<Int32(m.present.count)).filter { m.present[Int($0)] }
        let g = SurveyNetwork.graph(dataset, relations: relationCodes, membership: m, symmetrisation: symmetrisation, over: nodes)
        let column = StructureAnalysis.groupAttributes(dataset.members.attributes, nodeCount: dataset.members.count, named: groupAttributes).first
        let groups = try column.map { NodeGroups(column: $0, nodeCount: dataset.members.count) }
            .map { all in try NodeGroups(group: nodes.map { all.group[Int($0)] }, labels: all.labels) }
        let network = try BinaryNetwork(g, groups: groups)
        let result = try NetworkInference(network, draws: draws, seed: seed)
        let defined = { (x: Double) -> Double? in x.isFinite ? x : nil }
        return Report.SurveyInference(
            wave: m.label, symmetrisation: symmetrisation.rawValue, directed: network.isDirected, members: network.nodeCount,
            tieCount: network.tieCount, groupAttribute: column?.name, draws: draws, seed: seed,
            figures: result.results.map { r in
                .init(figure: r.figure.rawValue, observed: defined(r.observed), nullMean: defined(r.nullMean),
                      nullStandardDeviation: defined(r.nullStandardDeviation), pGreaterOrEqual: defined(r.pGreaterOrEqual),
                      pLessOrEqual: defined(r.pLessOrEqual), bootstrapStandardError: defined(r.bootstrapStandardError),
                      intervalLow: defined(r.intervalLow), intervalHigh: defined(r.intervalHigh))
            })
    }
}

extension Report {
    /// report.json's `survey.inference`: CUG tests (members and ties fixed) and node-bootstrap
    /// percentile intervals for the selected wave's network-level figures (see NetworkInference.swift
    /// for definitions and references); null with `--inference-draws 0`.
    public struct SurveyInference: Codable, Sendable, Equatable {
        public var wave: String
        public var symmetrisation: String
        public var directed: Bool
        public var members: Int
        public var tieCount: Int
        /// The attribute whose groups the E-I index, assortativity and modularity use; null without one.
        @NullCoded public var groupAttribute: String?
        /// CUG draws, and bootstrap samples (as many).
        public var draws: Int
        public var seed: UInt64
        public var figures: [SurveyInferenceFigure]
    }

    /// One figure's test and interval; a value is null where it is undefined.
    public struct SurveyInferenceFigure: Codable, Sendable, Equatable {
        /// density, reciprocity, transitivity, ei_index, assortativity or modularity.
        public var figure: String
        @NullCoded public var observed: Double?
        @NullCoded public var nullMean: Double?
        @NullCoded public var nullStandardDeviation: Double?
        /// Share of CUG draws ≥ (≤) the observed value (sna's Pr(X>=Obs), Pr(X<=Obs)).
        @NullCoded public var pGreaterOrEqual: Double?
        @NullCoded public var pLessOrEqual: Double?
        @NullCoded public var bootstrapStandardError: Double?
        /// 2.5% and 97.5% percentiles of the bootstrap values.
        @NullCoded public var intervalLow: Double?
        @NullCoded public var intervalHigh: Double?

        /// The keys before the coders' snake_case conversion: the spelled-out names say what the
        /// figures are, the keys keep the schema's abbreviations (`null_sd`, `bootstrap_se`).
        enum CodingKeys: String, CodingKey {
            case figure, observed, nullMean, pGreaterOrEqual, pLessOrEqual, intervalLow, intervalHigh
            case nullStandardDeviation = "nullSd", bootstrapStandardError = "bootstrapSe"
        }
    }
}
