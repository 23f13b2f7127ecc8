import LinearAlgebra
import WeftGraph

/// Katz centrality: x_i = α·Σ_j A_ji·x_j + β — walks of every length arriving at i, each step
/// damped by α — on the directed graph, unweighted (NetworkX `katz_centrality(G, weight=None)`,
/// which counts incoming walks), β = 1, scaled to unit Euclidean norm.
///
/// α must lie below 1/ρ(A). The default is α = min(0.1, 0.9/λ), where λ is the largest
/// eigenvalue of the unweighted union of both directions (a tie wherever either direction
/// exists, whatever the symmetrisation rule): λ ≥ ρ(A) for any orientation of its ties, so the
/// series always converges; the α used is reported.
///
/// - Dense path: the linear system (I − αAᵀ)·x = β·1 solved by LAPACK dgesv (exact).
/// - Sparse path, undirected graphs: the same system, symmetric and positive definite there (α is
///   below 1/λmax), solved by conjugate gradients (`ConjugateGradients`) to a residual below 1e-12
///   of β·1's norm, in about the square root of the iteration's products.
/// - Sparse path, directed graphs: the iteration x ← αAᵀx + β until the L1 change is below n · 1e-12.
/// Reference: Katz, "A new status index derived from sociometric analysis", Psychometrika 1953.
public struct KatzCentrality: Sendable {
    public let values: [Double]
    public let alpha: Double
    public let path: KernelPath
    /// Products with the adjacency the sparse path took (0 on the dense path).
    public let iterations: Int

    public init(_ graph: Graph, alpha requestedAlpha: Double? = nil, beta: Double = 1, path requested: KernelPath = .auto) {
        let n = graph.nodeCount
        path = requested.resolved(nodeCount: n)
        if let requestedAlpha {
            alpha = requestedAlpha
        } else {
            let lambda = EigenvectorCentrality(adjacency: KatzCentrality.structuralUnion(graph), path: path).eigenvalue
            alpha = lambda > 0 ? min(0.1, 0.9 / lambda) : 0.1
        }
        guard n > 0 else { (values, iterations) = ([], 0); return }
        let alpha = self.alpha
        let inAdjacency = graph.in
        if path == .dense {
            var m = Matrix.identity(n)
            for i in 0..<n {
                for p in inAdjacency.offsets[i]..<inAdjacency.offsets[i + 1] { m[i, Int(inAdjacency.neighbours[p])] -= alpha }
            }
            if let x = try? LinearSolve.general(m, [Double](repeating: beta, count: n)) {
                values = Vectors.unitPositive(x)
                iterations = 0
                return
            }
        }
        if !graph.isDirected {
            // A symmetric: I − αA is positive definite for α < 1/λmax.
            let solved = ConjugateGradients.solve(SparseProduct(inAdjacency, weighted: false), scale: [Double](repeating: 1, count: n),
                                                  alpha: alpha, rhs: [Double](repeating: beta, count: n))
            (values, iterations) = (Vectors.unitPositive(solved.z), solved.iterations)
            return
        }
        var x = Scratch<Double>(repeating: 0, count: n)
        var next = Scratch<Double>(repeating: 0, count: n)
        var iteration = 0
        let tolerance = Double(n) * 1e-12 * max(1, abs(beta))
        let product = SparseProduct(inAdjacency, weighted: false)
        while iteration < 100_000 {
            iteration += 1
            _ = product.apply(x, into: next) { _ in () }
            var change = 0.0
            for i in 0..<n {
                next[i] = alpha * next[i] + beta
                change += abs(next[i] - x[i])
            }
            swap(&x, &next)
            if change < tolerance { break }
        }
        values = Vectors.unitPositive(x.array)
        iterations = iteration
    }

    /// Every pair with a tie in either direction, once per direction (the undirected view under
    /// any symmetrisation but `min`, which drops unreciprocated ties).
    static func structuralUnion(_ graph: Graph) -> Adjacency {
        guard graph.isDirected, graph.symmetrisation == .min else { return graph.undirected }
        let n = graph.nodeCount
        var offsets = [Int](repeating: 0, count: n + 1)
        var neighbours: [Int32] = []
        for v in 0..<n {
            var p = graph.out.offsets[v], q = graph.in.offsets[v]
            let pEnd = graph.out.offsets[v + 1], qEnd = graph.in.offsets[v + 1]
            while p < pEnd || q < qEnd {
                let a = p < pEnd ? graph.out.neighbours[p] : Int32.max
                let b = q < qEnd ? graph.in.neighbours[q] : Int32.max
                let u = min(a, b)
                if a == u { p += 1 }
                if b == u { q += 1 }
                neighbours.append(u)
            }
            offsets[v + 1] = neighbours.count
        }
        return Adjacency(offsets: offsets, neighbours: neighbours, weights: Array(repeating: 1, count: neighbours.count))
    }
}
