import LinearAlgebra
import WeftGraph

/// Eigenvector centrality: the leading eigenvector x of the adjacency matrix A of the undirected
/// view (unweighted, as NetworkX's default `weight=None`), A·x = λmax·x, with unit Euclidean norm
/// and non-negative entries.
///
/// - Dense path: LAPACK dsyevr computes the largest eigenpair exactly (NetworkX
///   `eigenvector_centrality_numpy`).
/// - Sparse path: power iteration on A + I (the shift makes bipartite graphs converge, as NetworkX
///   `eigenvector_centrality` does) from the uniform vector, until the L1 change is below
///   n · 1e-12.
/// On a disconnected network the leading eigenvector lives on the component with the largest
/// λmax; members elsewhere get 0 (or a share, when two components tie — `isUnique` is then false).
/// Reference: Bonacich, "Power and centrality: a family of measures", AJS 1987.
public struct EigenvectorCentrality: Sendable {
    public let values: [Double]
    public let eigenvalue: Double
    /// False when the two largest eigenvalues coincide, so the vector is not unique; nil when the
    /// sparse path ran (it does not compute the second eigenvalue).
    public let isUnique: Bool?
    public let path: KernelPath
    public let iterations: Int

    public init(_ graph: Graph, path requested: KernelPath = .auto) {
        self.init(adjacency: graph.undirected, path: requested)
    }

    /// The leading eigenpair of a symmetric adjacency's unweighted structure.
    init(adjacency: Adjacency, path requested: KernelPath) {
        let n = adjacency.nodeCount
        path = requested.resolved(nodeCount: n)
        if n == 0 {
            (values, eigenvalue, isUnique, iterations) = ([], 0, true, 0)
            return
        }
        if adjacency.entryCount == 0 {
            // No ties: every vector is an eigenvector of the zero matrix; report the uniform one.
            (values, eigenvalue, isUnique, iterations) = (Array(repeating: 1 / Double(n).squareRoot(), count: n), 0, n == 1, 0)
            return
        }
        var unique: Bool? = nil
        if path == .dense, let eigen = try? SymmetricEigen(DenseAdjacency.matrix(adjacency, weighted: false),
                                                            selection: .largest(min(2, n))),
           let vectors = eigen.vectors, !eigen.values.isEmpty {
            let top = eigen.values.count - 1
            unique = top == 0 || eigen.values[top] - eigen.values[top - 1] > 1e-9 * max(1, abs(eigen.values[top]))
            if unique == true {
                (values, eigenvalue, isUnique, iterations) = (Vectors.unitPositive(vectors.column(top)), eigen.values[top], true, 0)
                return
            }
            // A repeated top eigenvalue: LAPACK's choice within the eigenspace is arbitrary, so use
            // the power iteration from the uniform vector, which treats members symmetrically.
        }
        var x = [Double](repeating: 1.0 / Double(n), count: n)
        var next = x
        var iteration = 0
        let tolerance = Double(n) * 1e-12
        let product = SparseProduct(adjacency, weighted: false)
        while iteration < 10_000 {
            iteration += 1
            product.apply(x, into: &next)
            for v in 0..<n { next[v] += x[v] }
            let norm = Vectors.euclideanNorm(next)
            if norm == 0 { break }
            for v in 0..<n { next[v] /= norm }
            let change = Vectors.l1Distance(next, x)
            swap(&x, &next)
            if change < tolerance { break }
        }
        values = Vectors.unitPositive(x)
        // Rayleigh quotient of A (the shift removed).
        var numerator = 0.0
        for v in 0..<n {
            for p in adjacency.offsets[v]..<adjacency.offsets[v + 1] { numerator += values[v] * values[Int(adjacency.neighbors[p])] }
        }
        eigenvalue = numerator
        isUnique = unique
        iterations = iteration
    }
}
