import WeftGraph

/// Onnela's neighbourhood overlap of every tie of the undirected view:
///
///   O_ij = n_ij / ((k_i − 1) + (k_j − 1) − n_ij)
///
/// where n_ij is the number of neighbours i and j share and k the number of neighbours; 0 when
/// the denominator is 0 (both ends have only each other). Strong ties tend to sit in dense
/// neighbourhoods (high overlap); ties with low overlap are bridges between groups, the ones
/// that hold a network together. Computed by sorted-list intersection, O(Σ_ties min(k_i, k_j)).
/// Reference: Onnela et al., "Structure and tie strengths in mobile communication networks",
/// PNAS 104 (2007).
public struct NeighbourhoodOverlap: Sendable {
    /// Tie i joins source[i] < target[i] (each unordered pair of the undirected view once).
    public let source: [Int32]
    public let target: [Int32]
    public let sharedNeighbours: [Int]
    public let overlap: [Double]

    public init(_ graph: Graph) {
        let adjacency = graph.undirected
        var source: [Int32] = [], target: [Int32] = [], shared: [Int] = [], overlap: [Double] = []
        for i in 0..<graph.nodeCount {
            for p in adjacency.offsets[i]..<adjacency.offsets[i + 1] {
                let j = Int(adjacency.neighbours[p])
                guard j > i else { continue }
                let o = NeighbourhoodOverlap.of(adjacency, i, j)
                source.append(Int32(i)); target.append(Int32(j)); shared.append(o.shared); overlap.append(o.overlap)
            }
        }
        (self.source, self.target, sharedNeighbours, self.overlap) = (source, target, shared, overlap)
    }

    /// The overlap of one pair i ≠ j of `adjacency` (a symmetric view) and the neighbours they
    /// share, by one merge of their sorted neighbour lists.
    public static func of(_ adjacency: Adjacency, _ i: Int, _ j: Int) -> (shared: Int, overlap: Double) {
        adjacency.withView { of($0, i, j) }
    }

    /// `of(_:_:_:)` on a view taken once for many pairs.
    @inlinable
    public static func of(_ g: CSRView, _ i: Int, _ j: Int) -> (shared: Int, overlap: Double) {
        var a = g.start(i), b = g.start(j), common = 0
        let aEnd = g.start(i &+ 1), bEnd = g.start(j &+ 1)
        while a < aEnd && b < bEnd {
            let x = g.target(a), y = g.target(b)
            if x < y { a &+= 1 } else if y < x { b &+= 1 } else { common &+= 1; a &+= 1; b &+= 1 }
        }
        let denominator = (g.degree(i) - 1) + (g.degree(j) - 1) - common
        return (common, denominator > 0 ? Double(common) / Double(denominator) : 0)
    }
}
