import WeftGraph
import WeftIO

/// What the survey says about each tie of a survey layer's graph, for the network files
/// (GraphML, GEXF) in place of the record count and record times a survey tie does not have.
///
/// - `relation`: the layer's relations as selected (`advice`, or `advice+trust`);
/// - `wave`: the wave's label, and `waveDate` its day (ISO 8601) when one is known
///   (`--wave-dates`, the respondents list's `wave_date`, or a label that is a date);
/// - `namedBy[i]` for tie i = (s, t), from the nominations of the layer's relations in the wave
///   between members present at it:
///   - directed layer (`directed`, `reconstruct`): `source` when s named t; `target` when only t
///     named s and the tie was filled in from t's report because s did not respond
///     (`reconstruct`);
///   - undirected layer (`max`, `min`, `mean`): `both` when each named the other, else `source`
///     or `target`, whichever named the other (ids as the file writes them).
/// O(nominations + ties · log).
public struct SurveyEdges: Sendable {
    public enum NamedBy: String, Sendable { case source, target, both }

    public let relation: String
    public let wave: String
    public let waveDate: String?
    public let namedBy: [NamedBy]

    public init(_ layer: SurveyNetwork, dataset: Dataset, graph: Graph) {
        relation = layer.selection.relations.joined(separator: "+")
        let membership = layer.membership
        wave = membership.label
        waveDate = membership.date.map(Timestamp.formatDate)
        let log = dataset.survey
        var named = Set<Int64>()
        let n = Int64(dataset.members.count)
        for k in 0..<log.count where log.wave[k] == membership.wave && layer.relationCodes.contains(log.relation[k]) {
            let s = log.respondent[k], t = log.alter[k]
            guard s != t, membership.present[Int(s)], membership.present[Int(t)] else { continue }
            named.insert(Int64(s) * n + Int64(t))
        }
        let ties = graph.ties
        namedBy = (0..<ties.count).map { i in
            let s = Int64(ties.source[i]), t = Int64(ties.target[i])
            let forward = named.contains(s * n + t), backward = named.contains(t * n + s)
            if graph.isDirected || !backward { return forward ? .source : .target }
            return forward ? .both : .target
        }
    }
}
