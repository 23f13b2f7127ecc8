import WeftGraph

/// Degree and strength of every member.
///
/// On a directed graph: in-degree and out-degree count distinct in- and out-neighbours, and
/// degree = in + out (as NetworkX's `DiGraph.degree`, so a reciprocated pair counts twice);
/// strengths are the sums of tie weights the same way. `neighbours` counts distinct contacts in
/// the symmetrised view (each reciprocated pair once). On an undirected graph every one of these
/// is the number of neighbours (strength: the sum of tie weights).
public struct DegreeCentrality: Sendable {
    public let inDegree: [Int]
    public let outDegree: [Int]
    public let degree: [Int]
    public let neighbours: [Int]
    public let inStrength: [Double]
    public let outStrength: [Double]
    public let strength: [Double]

    public init(_ graph: Graph) {
        let n = graph.nodeCount
        outDegree = (0..<n).map { graph.out.degree($0) }
        outStrength = (0..<n).map { graph.out.strength($0) }
        neighbours = (0..<n).map { graph.undirected.degree($0) }
        if graph.isDirected {
            inDegree = (0..<n).map { graph.in.degree($0) }
            inStrength = (0..<n).map { graph.in.strength($0) }
            degree = zip(inDegree, outDegree).map(+)
            strength = zip(inStrength, outStrength).map(+)
        } else {
            inDegree = outDegree
            inStrength = outStrength
            degree = outDegree
            strength = outStrength
        }
    }

    /// Freeman degree centralisation of the undirected view: Σ_i (max_j d_j − d_i) / ((n − 1)(n − 2)),
    /// with d the number of neighbours; 1 for a star, 0 when all degrees are equal; 0 when n < 3.
    /// Reference: Freeman, "Centrality in social networks: conceptual clarification", 1979.
    public var centralization: Double {
        let n = neighbours.count
        guard n >= 3, let top = neighbours.max() else { return 0 }
        let total = neighbours.reduce(0) { $0 + (top - $1) }
        return Double(total) / (Double(n - 1) * Double(n - 2))
    }
}
