import LinearAlgebra
import WeftGraph

/// Hubs and authorities (Kleinberg's HITS) on the directed, weighted graph, as NetworkX `hits`:
/// authorities a = leading eigenvector of AᵀA, hubs h = leading eigenvector of AAᵀ
/// (A[i, j] = weight of tie i → j), each non-negative and scaled to sum 1. On an undirected
/// graph hubs equal authorities.
///
/// - Dense path: AᵀA by BLAS dsyrk, its largest eigenpair by LAPACK dsyevr (exact), and the hubs
///   as A·a (so hubs and authorities come from one eigenvector); when the top eigenvalue is
///   repeated, the sparse iteration below, which treats members symmetrically.
/// - Sparse path: the power iteration a ← Aᵀh, h ← A·a (normalised each step) from uniform
///   vectors, until the L1 change of both is below n · 1e-12.
/// When the two largest eigenvalues of AᵀA coincide the vectors are not unique (`isUnique`).
/// Reference: Kleinberg, "Authoritative sources in a hyperlinked environment", JACM 1999.
public struct HITS: Sendable {
    public let hubs: [Double]
    public let authorities: [Double]
    public let isUnique: Bool?
    public let path: KernelPath
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
                // A repeated top eigenvalue: take the power iteration from uniform vectors below.
            }
        }
        let toAuthorities = SparseProduct(graph.in, weighted: true), toHubs = SparseProduct(graph.out, weighted: true)
        var h = [Double](repeating: 1.0 / Double(n), count: n)
        var a = h
        var newA = a, newH = h
        var iteration = 0
        let tolerance = Double(n) * 1e-12
        while iteration < 100_000 {
            iteration += 1
            toAuthorities.apply(h, into: &newA)
            newA = Vectors.sumOne(newA)
            toHubs.apply(newA, into: &newH)
            newH = Vectors.sumOne(newH)
            let change = Vectors.l1Distance(newA, a) + Vectors.l1Distance(newH, h)
            (a, h) = (newA, newH)
            if change < tolerance { break }
        }
        (hubs, authorities, iterations) = (h, a, iteration)
        isUnique = path == .dense ? false : nil
    }
}
