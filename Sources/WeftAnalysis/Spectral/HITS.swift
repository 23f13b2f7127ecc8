import LinearAlgebra
import WeftGraph

/// Hubs and authorities (Kleinberg's HITS) on the directed, weighted graph, as NetworkX `hits`:
/// authorities a = leading eigenvector of AᵀA, hubs h = leading eigenvector of AAᵀ
/// (A[i, j] = weight of tie i → j), each non-negative and scaled to sum 1. On an undirected
/// graph hubs equal authorities.
///
/// - Dense path: AᵀA by BLAS dsyrk, its largest eigenpair by LAPACK dsyevr (exact), and the hubs
///   as A·a (so hubs and authorities come from one eigenvector); when the top eigenvalue is
///   repeated, the sparse path below, which treats members symmetrically.
/// - Sparse path: the Lanczos process (`Lanczos`) on AᵀA, applied as two sparse products, from
///   a₀ = Aᵀ·1 (what the power iteration a ← Aᵀh, h ← A·a reaches from uniform hubs after one
///   step, so a repeated top eigenvalue gives that iteration's limit), until the residual
///   ‖AᵀA·a − θ·a‖ is below 1e-11·θ; then h = A·a. Both scaled to sum 1.
/// When the two largest eigenvalues of AᵀA coincide the vectors are not unique (`isUnique`).
/// Reference: Kleinberg, "Authoritative sources in a hyperlinked environment", JACM 1999.
public struct HITS: Sendable {
    public let hubs: [Double]
    public let authorities: [Double]
    public let isUnique: Bool?
    public let path: KernelPath
    /// Products with AᵀA the sparse path took (0 on the dense path).
    public let iterations: Int

    public init(_ graph: Graph, path requested: KernelPath = .auto) {
        let n = graph.nodeCount
        path = requested.resolved(nodeCount: n)
        guard n > 0, graph.tieCount > 0 else {
            let uniform = [Double](repeating: n == 0 ? 0 : 1.0 / Double(n), count: n)
            (hubs, authorities, isUnique, iterations) = (uniform, uniform, nil, 0)
            return
        }
        if path == .dense {
            let a = DenseAdjacency.matrix(graph.out, weighted: true)
            if let ata = try? SymmetricEigen(BLAS.syrk(a, trans: .transpose), selection: .largest(min(2, n))),
               let va = ata.vectors, !ata.values.isEmpty {
                let top = ata.values.count - 1
                let unique = top == 0 || ata.values[top] - ata.values[top - 1] > 1e-9 * max(1, ata.values[top])
                if unique {
                    // Hubs follow from the authorities (h ∝ A·a), so the two always match.
                    let authority = Vectors.sumOne(Vectors.unitPositive(va.column(top)))
                    (authorities, hubs, isUnique, iterations) = (authority, Vectors.sumOne(BLAS.product(a, vector: authority)), true, 0)
                    return
                }
                // A repeated top eigenvalue: take the sparse path below.
            }
        }
        // Authorities: the leading eigenvector of AᵀA (A·x by the out-ties, then Aᵀ· by the in-ties)
        // from a₀ = Aᵀ·1, the vector the power iteration from uniform hubs reaches after one step,
        // so that on a repeated top eigenvalue the result is the power iteration's limit.
        let toAuthorities = SparseProduct(graph.in, weighted: true), toHubs = SparseProduct(graph.out, weighted: true)
        var start = [Double](repeating: 0, count: n)
        toAuthorities.apply([Double](repeating: 1, count: n), into: &start)
        let eigen = Lanczos(dimension: n, tolerance: 1e-11)
            .leadingEigenpair(of: ComposedProduct(first: toHubs, then: toAuthorities), start: start)
        let authority = Vectors.sumOne(Vectors.unitPositive(eigen.vector))
        var hub = [Double](repeating: 0, count: n)
        toHubs.apply(authority, into: &hub)
        (hubs, authorities, iterations) = (Vectors.sumOne(hub), authority, eigen.products)
        isUnique = path == .dense ? false : nil
    }
}
