import WeftGraph

/// Whole-network figures for one graph.
///
/// - `density`: ties / possible ties — m / (n(n−1)) directed, 2m / (n(n−1)) undirected
///   (NetworkX `density`); 0 when n < 2.
/// - `averageDegree`: mean of `degree` (in + out on a directed graph, as NetworkX) = 2m / n.
///   Report it beside density: density falls as a network grows even when members keep as many
///   contacts.
/// - `averageNeighbours`: mean number of distinct contacts (symmetrised view).
/// - `reciprocity`: share of directed ties whose reverse tie also exists (NetworkX
///   `overall_reciprocity`); nil on an undirected graph, where it does not apply.
/// - `isolates`: members with no tie in either direction.
/// - `weakComponents`: the components of the undirected view. Strong components are
///   `Components.strong(graph)`, computed apart (the timeline's period networks do not need them).
public struct NetworkSummary: Sendable, Equatable {
    public let members: Int
    public let ties: Int
    public let isDirected: Bool
    public let density: Double
    public let averageDegree: Double
    public let averageNeighbours: Double
    public let reciprocity: Double?
    public let reciprocatedTies: Int?
    public let isolates: Int
    public let weakComponents: Components

    public init(_ graph: Graph) {
        let n = graph.nodeCount, m = graph.tieCount
        members = n
        ties = m
        isDirected = graph.isDirected
        let possible = Double(n) * Double(n - 1) / (graph.isDirected ? 1 : 2)
        density = n < 2 ? 0 : Double(m) / possible
        averageDegree = n == 0 ? 0 : 2 * Double(m) / Double(n)
        averageNeighbours = n == 0 ? 0 : Double(graph.undirected.entryCount) / Double(n)
        if graph.isDirected {
            var reciprocated = 0
            for i in 0..<graph.ties.count where graph.hasTie(from: Int(graph.ties.target[i]), to: Int(graph.ties.source[i])) {
                reciprocated += 1
            }
            reciprocatedTies = reciprocated
            reciprocity = m == 0 ? 0 : Double(reciprocated) / Double(m)
        } else {
            reciprocatedTies = nil
            reciprocity = nil
        }
        isolates = (0..<n).reduce(0) { $0 + (graph.undirected.degree($1) == 0 ? 1 : 0) }
        weakComponents = Components.weak(graph)
    }
}
