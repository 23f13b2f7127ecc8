import WeftGraph

/// Conjugate gradients for the linear systems of the undirected kernels (PageRank, Katz):
///
///   (I − α·D·W·D)·z = b
///
/// where W is the symmetric matrix of `product` (an undirected adjacency, weighted or not) and D
/// the diagonal matrix `scale`. The system is symmetric, and positive definite when α·ρ(D·W·D) < 1,
/// which the callers guarantee (PageRank: D·W·D is the normalised adjacency, ρ ≤ 1, α < 1; Katz:
/// D = I and α < 1/λmax). It stops when the residual falls below 1e-12 of b's norm (or after
/// 10,000 products, or if a direction shows the matrix is not positive definite). Partial sums add
/// up per row range of the product, in range order, so the result does not depend on the number
/// of threads. Reference: Hestenes & Stiefel, "Methods of conjugate gradients for solving linear
/// systems", J. Res. NBS 49 (1952); Golub & Van Loan, "Matrix Computations", 4th ed., §11.3.
enum ConjugateGradients {
    static func solve(_ product: SparseProduct, scale: [Double], alpha: Double, rhs: [Double]) -> (z: [Double], iterations: Int) {
        let n = rhs.count
        let scale = Scratch(scale)
        let z = Scratch<Double>(repeating: 0, count: n)
        let r = Scratch(rhs)
        let direction = Scratch(rhs)
        let scaled = Scratch<Double>(repeating: 0, count: n)
        for i in 0..<n { scaled[i] = scale[i] * direction[i] }
        let q = Scratch<Double>(repeating: 0, count: n)
        var rr = product.map { rows in rows.reduce(0.0) { $0 + r[$1] * r[$1] } }.reduce(0, +)
        let target = 1e-12 * rr.squareRoot()
        var iterations = 0
        while rr.squareRoot() > target && iterations < 10_000 {
            iterations += 1
            // q = M·d = d − α·D·W·(D·d), with the partial sums of d·q.
            let curvature = product.apply(scaled, into: q) { rows -> Double in
                var s = 0.0
                for k in rows {
                    let value = direction[k] - alpha * scale[k] * q[k]
                    q[k] = value
                    s += direction[k] * value
                }
                return s
            }.reduce(0, +)
            guard curvature > 0 else { break }
            let step = rr / curvature
            let next = product.map { rows -> Double in
                var s = 0.0
                for k in rows {
                    z[k] += step * direction[k]
                    r[k] -= step * q[k]
                    s += r[k] * r[k]
                }
                return s
            }.reduce(0, +)
            let beta = next / rr
            _ = product.map { rows in
                for k in rows {
                    direction[k] = r[k] + beta * direction[k]
                    scaled[k] = scale[k] * direction[k]
                }
            }
            rr = next
        }
        return (z.array, iterations)
    }
}
