import Foundation
import WeftAnalysis
import WeftGraph

/// A graph from an edge list, for hand-made cases.
func makeGraph(_ n: Int, _ edges: [(Int, Int)], weights: [Double]? = nil, directed: Bool = false) -> Graph {
    var log = InteractionLog()
    for (k, e) in edges.enumerated() {
        try? log.append(source: Int32(e.0), target: Int32(e.1), time: 0, weight: weights?[k] ?? 1)
    }
    return GraphBuilder(undirected: !directed).build(log, nodeCount: n)
}

/// A seeded random graph: each ordered pair (or unordered, when undirected) is a tie with
/// probability p, with integer weights 1–4.
func randomGraph(seed: UInt64, n: Int, p: Double, directed: Bool) -> Graph {
    var rng = SeededGenerator(seed: seed)
    var edges: [(Int, Int)] = [], weights: [Double] = []
    for i in 0..<n {
        for j in 0..<n where i != j && (directed || i < j) {
            if rng.nextUnit() < p {
                edges.append((i, j))
                weights.append(Double(1 + rng.next() % 4))
            }
        }
    }
    return makeGraph(n, edges, weights: weights, directed: directed)
}

/// The same graph with member v renamed to permutation[v].
func relabel(_ graph: Graph, _ permutation: [Int]) -> Graph {
    var edges: [(Int, Int)] = [], weights: [Double] = []
    for i in 0..<graph.ties.count {
        edges.append((permutation[Int(graph.ties.source[i])], permutation[Int(graph.ties.target[i])]))
        weights.append(graph.ties.weight[i])
    }
    return makeGraph(graph.nodeCount, edges, weights: weights, directed: graph.isDirected)
}

func closeArrays(_ a: [Double], _ b: [Double], tolerance: Double) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($0), abs($1)) }
}
