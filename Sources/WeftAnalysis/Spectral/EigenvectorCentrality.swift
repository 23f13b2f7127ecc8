import LinearAlgebra
import WeftGraph

/// Eigenvector centrality: the leading eigenvector x of the adjacency matrix A of the undirected
/// view (unweighted, as NetworkX's default `weight=None`), A·x = λmax·x, with unit Euclidean norm
/// and non-negative entries.
///
/// - Dense path: LAPACK dsyevr computes the largest eigenpair exactly (NetworkX
///   `eigenvector_centrality_numpy`).
/// - Sparse path: the Lanczos process (`Lanczos`) from the uniform vector, until the residual
///   ‖A·x − λ·x‖ is below 1e-11·λ. Like NetworkX's power iteration `eigenvector_centrality` it
///   converges to the uniform vector's projection on the leading eigenspace, bipartite graphs
///   included, in far fewer products.
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
    /// Products with the adjacency matrix the sparse path took (0 on the dense path).
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
            // the sparse path from the uniform vector, which treats members symmetrically.
        }
        let product = SparseProduct(adjacency, weighted: false)
        let lanczos = Lanczos(dimension: n, tolerance: 1e-11).leadingEigenpair(of: product, start: [Double](repeating: 1, count: n))
        values = Vectors.unitPositive(lanczos.vector)
        eigenvalue = lanczos.value
        isUnique = unique
        iterations = lanczos.products
    }
}
