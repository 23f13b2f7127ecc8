import LinearAlgebra
import WeftGraph

/// PageRank on the directed graph (the undirected view counts as both directions), weighted by
/// tie weight, as NetworkX `pagerank(G, alpha=0.85, weight="weight")` defines it:
///
///   x = α·Pᵀx + α·(Σ_{dangling d} x_d)·u + (1 − α)·p
///
/// where P is the row-normalised weight matrix, p the teleport (personalisation) distribution —
/// uniform unless given — and u the distribution the mass of dangling members (no out-ties) goes
/// to: p itself (NetworkX's default when `dangling=None`), which is uniform without
/// personalisation. The values sum to 1.
///
/// - Dense path: the linear system (I − αPᵀ − α·u·dᵀ)·x = (1 − α)·p solved by LAPACK dgesv (exact).
/// - Sparse path, directed graphs: power iteration until the L1 change is below 1e-10, each
///   product gathered over the in-ties and split across the cores, the vector updates fused into
///   the product (`powerIteration`).
/// - Sparse path, undirected graphs: the same values from a symmetric positive definite system
///   solved by conjugate gradients, in half the products (`conjugateGradients`).
/// Reference: Page, Brin, Motwani & Winograd, "The PageRank citation ranking", 1999.
public struct PageRank: Sendable {
    public let values: [Double]
    public let alpha: Double
    /// The path that ran: the requested one resolved by size, except that a dense solve LAPACK
    /// reports as singular falls back to (and records) the sparse path.
    public let path: KernelPath
    public let iterations: Int

    /// `personalization`: non-negative weights per member (normalised here); nil means uniform.
    public init(_ graph: Graph, alpha: Double = 0.85, personalization: [Double]? = nil, path requested: KernelPath = .auto) {
        let n = graph.nodeCount
        self.alpha = alpha
        let resolved = requested.resolved(nodeCount: n)
        guard n > 0 else { (values, iterations, path) = ([], 0, resolved); return }
        var teleport = [Double](repeating: 1.0 / Double(n), count: n)
        if let personalization, personalization.count == n, personalization.reduce(0, +) > 0 {
            teleport = Vectors.sumOne(personalization.map { max($0, 0) })
        }
        let out = graph.out
        let alpha = self.alpha
        let strength = (0..<n).map { out.strength($0) }
        if resolved == .dense {
            // M = I − α(Pᵀ + u·dᵀ), column j of Pᵀ·x collects x_j·w_jk/s_j into row k.
            var m = Matrix.identity(n)
            for j in 0..<n {
                if strength[j] > 0 {
                    for p in out.offsets[j]..<out.offsets[j + 1] {
                        m[Int(out.neighbours[p]), j] -= alpha * out.weights[p] / strength[j]
                    }
                } else {
                    for k in 0..<n { m[k, j] -= alpha * teleport[k] }
                }
            }
            if let x = try? LinearSolve.general(m, teleport.map { (1 - alpha) * $0 }) {
                values = Vectors.sumOne(x)
                iterations = 0
                path = .dense
                return
            }
        }
        path = .sparse
        (values, iterations) = graph.isDirected
            ? PageRank.powerIteration(graph.in, alpha: alpha, teleport: teleport, strength: strength)
            : PageRank.conjugateGradients(graph.out, alpha: alpha, teleport: teleport, strength: strength)
    }

    /// Power iteration in pull form, next[k] = (1 − α + α·dangling mass)·p_k + Σ_{j → k} w_jk·α·x_j / s_j,
    /// over the rows of the in-adjacency split across the cores, until the L1 change is below
    /// 1e-10. Each range finishes its rows in the product's pass: adds the teleport term, sums its
    /// part of the L1 change and of the dangling mass, and prepares the shares α·x_k / s_k the
    /// next product reads.
    static func powerIteration(_ inAdjacency: Adjacency, alpha: Double, teleport: [Double], strength: [Double]) -> (values: [Double], iterations: Int) {
        let n = teleport.count
        let product = SparseProduct(inAdjacency, weighted: true)
        let teleport = Scratch(teleport), strength = Scratch(strength)
        var x = Scratch<Double>(repeating: 0, count: n)
        for j in 0..<n { x[j] = teleport[j] }
        var next = Scratch<Double>(repeating: 0, count: n)
        var share = Scratch<Double>(repeating: 0, count: n), nextShare = Scratch<Double>(repeating: 0, count: n)
        var danglingMass = 0.0
        for j in 0..<n {
            if strength[j] > 0 { share[j] = alpha * x[j] / strength[j] } else { danglingMass += x[j] }
        }
        var iteration = 0
        while iteration < 100_000 {
            iteration += 1
            let base = 1 - alpha + alpha * danglingMass
            let parts = product.apply(share, into: next) { rows -> (change: Double, dangling: Double) in
                var change = 0.0, dangling = 0.0
                for k in rows {
                    let value = next[k] + base * teleport[k]
                    next[k] = value
                    change += abs(value - x[k])
                    if strength[k] > 0 { nextShare[k] = alpha * value / strength[k] } else { dangling += value }
                }
                return (change, dangling)
            }
            swap(&x, &next)
            swap(&share, &nextShare)
            danglingMass = parts.reduce(0) { $0 + $1.dangling }
            if parts.reduce(0, { $0 + $1.change }) < 1e-10 { break }
        }
        return (x.array, iteration)
    }

    /// Undirected graphs, where P = S⁻¹W with W symmetric. The dangling members' mass returns along
    /// p, so x is proportional to y = (I − α·W·S⁻¹)⁻¹·p; with y = S^{1/2}·z that system becomes
    /// (I − α·S^{−1/2}·W·S^{−1/2})·z = S^{−1/2}·p, symmetric and positive definite (the normalised
    /// adjacency's eigenvalues lie in [−1, 1] and α < 1), with condition number at most
    /// (1 + α)/(1 − α). Conjugate gradients (`ConjugateGradients`) solve it to a residual below
    /// 1e-12 of the right-hand side's in about 45 products at α = 0.85, where the power iteration
    /// takes about 90. Members without ties decouple: y = p there.
    /// Reference: Gleich, "PageRank beyond the web", SIAM Review 57 (2015), §4.
    static func conjugateGradients(_ adjacency: Adjacency, alpha: Double, teleport: [Double], strength: [Double]) -> (values: [Double], iterations: Int) {
        let n = teleport.count
        let inverseRoot = strength.map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
        let (z, iterations) = ConjugateGradients.solve(SparseProduct(adjacency, weighted: true), scale: inverseRoot, alpha: alpha,
                                                       rhs: (0..<n).map { inverseRoot[$0] * teleport[$0] })
        let y = (0..<n).map { strength[$0] > 0 ? strength[$0].squareRoot() * z[$0] : teleport[$0] }
        return (Vectors.sumOne(y), iterations)
    }
}
