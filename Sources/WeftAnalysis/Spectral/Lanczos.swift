import LinearAlgebra
import WeftGraph

/// The largest eigenvalue of a symmetric matrix and its eigenvector, by the Lanczos process with
/// explicit restarts, using only products with the matrix.
///
/// From a unit start vector q₀ the three-term recurrence β_{k+1}·q_{k+1} = A·q_k − α_k·q_k − β_k·q_{k−1}
/// builds an orthonormal basis of the Krylov space {q₀, A·q₀, A²·q₀, …} in which A is the
/// tridiagonal matrix T (α on the diagonal, β beside it). The largest eigenpair (θ, s) of T gives
/// the Ritz pair (θ, y = Σ s_j·q_j); its residual ‖A·y − θ·y‖ is β_{k+1}·|s_k|, so the process
/// stops when that falls below `tolerance`·|θ|, then checks the residual with one more product
/// and restarts from y if rounding (lost orthogonality) has made the estimate optimistic, or when
/// the basis outgrows its memory budget. Compared with the power iteration, the error falls with
/// the square root of the relative eigenvalue gap in the exponent rather than the gap itself, so
/// far fewer products are needed.
///
/// The Krylov space of q₀ holds only q₀'s own component in each eigenspace, so, like the power
/// iteration, the result is the normalised projection of q₀ on the leading eigenspace, also when
/// that eigenvalue is repeated. Everything runs in a fixed order: the result does not depend on
/// the number of threads the product uses. Reference: Golub & Van Loan, "Matrix Computations",
/// 4th ed., §10.1–10.3; Paige, "Accuracy and effectiveness of the Lanczos algorithm for the
/// symmetric eigenproblem", Linear Algebra Appl. 34 (1980).
struct Lanczos {
    let dimension: Int
    /// Basis vectors kept at most (the budget: `maxBasis`·n doubles).
    let maxBasis: Int
    let tolerance: Double
    let maxProducts: Int

    /// `basisBytes`: memory allowed for the basis (at least 8 and at most 64 vectors are kept).
    init(dimension n: Int, tolerance: Double, maxProducts: Int = 10_000, basisBytes: Int = 24 << 20) {
        dimension = n
        maxBasis = min(64, max(8, basisBytes / max(1, 8 * n)))
        self.tolerance = tolerance
        self.maxProducts = maxProducts
    }

    struct Result {
        var vector: [Double]
        var value: Double
        /// Products with the matrix.
        var products: Int
    }

    /// The leading eigenpair of the operator's (symmetric) matrix from `start`, which must not be
    /// orthogonal to the leading eigenspace. Every vector pass runs on the operator's row ranges
    /// across the threads, its sums added in range order.
    func leadingEigenpair<Operator: RowRangeOperator>(of product: Operator, start: [Double]) -> Result {
        let n = dimension
        let basis = LargeBuffer.allocate(Double.self, count: maxBasis * n)
        defer { LargeBuffer.deallocate(basis) }
        let previous = Scratch<Double>(repeating: 0, count: n)
        func sum(_ body: (Range<Int>) -> Double) -> Double { product.map(body).reduce(0, +) }
        let y = Scratch(start), q = Scratch(start), w = Scratch<Double>(repeating: 0, count: n)
        var products = 0, value = 0.0
        let startNorm = sum { rows in rows.reduce(0.0) { $0 + y[$1] * y[$1] } }.squareRoot()
        for i in 0..<n { y[i] /= startNorm }
        while true {
            for i in 0..<n { q[i] = y[i] }
            previous.fill(0)
            var alphas: [Double] = [], betas: [Double] = []
            var ritz: (value: Double, vector: [Double]) = (0, [1])
            for k in 0..<maxBasis {
                products += 1
                let beta = betas.last ?? 0
                // w = A·q with the partial sums of α = q·w, then w −= α·q + β·q_{k−1} (keeping q in
                // the basis) with the partial sums of ‖w‖².
                let alpha = product.apply(q, into: w) { rows in rows.reduce(0.0) { $0 + q[$1] * w[$1] } }.reduce(0, +)
                alphas.append(alpha)
                let next = sum { rows in
                    var s = 0.0
                    for i in rows {
                        basis[k * n + i] = q[i]
                        let v = w[i] - (alpha * q[i] + beta * previous[i])
                        w[i] = v
                        s += v * v
                    }
                    return s
                }.squareRoot()
                ritz = Lanczos.largestEigenpair(diagonal: alphas, offDiagonal: betas)
                let estimate = next * abs(ritz.vector[k])
                if estimate <= tolerance * abs(ritz.value) || next == 0 || k == maxBasis - 1 || products >= maxProducts { break }
                betas.append(next)
                _ = product.map { rows in
                    for i in rows { previous[i] = q[i]; q[i] = w[i] / next }
                }
            }
            // The Ritz vector, its eigenvalue (Rayleigh quotient) and its true residual.
            let coefficients = ritz.vector
            let norm = sum { rows in
                var s = 0.0
                for i in rows {
                    var t = 0.0
                    for (j, c) in coefficients.enumerated() { t += c * basis[j * n + i] }
                    y[i] = t
                    s += t * t
                }
                return s
            }.squareRoot()
            for i in 0..<n { y[i] /= norm }
            products += 1
            value = product.apply(y, into: w) { rows in rows.reduce(0.0) { $0 + y[$1] * w[$1] } }.reduce(0, +)
            let residual = sum { rows in rows.reduce(0.0) { $0 + (w[$1] - value * y[$1]) * (w[$1] - value * y[$1]) } }.squareRoot()
            if residual <= tolerance * abs(value) || products >= maxProducts { break }
        }
        return Result(vector: y.array, value: value, products: products)
    }

    /// The largest eigenpair of the tridiagonal T (LAPACK dstevr); if LAPACK fails, T's last
    /// diagonal entry and basis vector, which the residual check then rejects.
    static func largestEigenpair(diagonal: [Double], offDiagonal: [Double]) -> (value: Double, vector: [Double]) {
        (try? SymmetricEigen.largestOfTridiagonal(diagonal: diagonal, offDiagonal: offDiagonal))
            ?? (diagonal.last ?? 0, [Double](repeating: 0, count: diagonal.count - 1) + [1])
    }
}
