import LinearAlgebra

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

    /// `apply(x, &y)` sets y = A·x; `start` must not be orthogonal to the leading eigenspace.
    func leadingEigenpair(start: [Double], apply: ([Double], inout [Double]) -> Void) -> Result {
        let n = dimension
        var y = start
        Lanczos.scale(&y, by: 1 / Lanczos.norm(y))
        var products = 0
        var basis = [Double](repeating: 0, count: maxBasis * n)
        var w = [Double](repeating: 0, count: n)
        var value = 0.0
        while true {
            var q = y, previous = [Double](repeating: 0, count: n)
            var alphas: [Double] = [], betas: [Double] = []
            var ritz: (value: Double, vector: [Double]) = (0, [1])
            for k in 0..<maxBasis {
                basis.replaceSubrange(k * n..<(k + 1) * n, with: q)
                apply(q, &w)
                products += 1
                let alpha = Lanczos.dot(q, w)
                let beta = betas.last ?? 0
                for i in 0..<n { w[i] -= alpha * q[i] + beta * previous[i] }
                let next = Lanczos.norm(w)
                alphas.append(alpha)
                ritz = Lanczos.largestEigenpair(diagonal: alphas, offDiagonal: betas)
                let estimate = next * abs(ritz.vector[k])
                if estimate <= tolerance * abs(ritz.value) || next == 0 || k == maxBasis - 1 || products >= maxProducts { break }
                betas.append(next)
                swap(&previous, &q)
                for i in 0..<n { q[i] = w[i] / next }
            }
            // The Ritz vector, its eigenvalue (Rayleigh quotient) and its true residual.
            y = [Double](repeating: 0, count: n)
            for (j, s) in ritz.vector.enumerated() {
                for i in 0..<n { y[i] += s * basis[j * n + i] }
            }
            Lanczos.scale(&y, by: 1 / Lanczos.norm(y))
            apply(y, &w)
            products += 1
            value = Lanczos.dot(y, w)
            for i in 0..<n { w[i] -= value * y[i] }
            if Lanczos.norm(w) <= tolerance * abs(value) || products >= maxProducts { break }
        }
        return Result(vector: y, value: value, products: products)
    }

    /// The largest eigenpair of the tridiagonal T (LAPACK dstevr); if LAPACK fails, T's last
    /// diagonal entry and basis vector, which the residual check then rejects.
    static func largestEigenpair(diagonal: [Double], offDiagonal: [Double]) -> (value: Double, vector: [Double]) {
        (try? SymmetricEigen.largestOfTridiagonal(diagonal: diagonal, offDiagonal: offDiagonal))
            ?? (diagonal.last ?? 0, [Double](repeating: 0, count: diagonal.count - 1) + [1])
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in a.indices { s += a[i] * b[i] }
        return s
    }

    static func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }

    static func scale(_ a: inout [Double], by factor: Double) {
        for i in a.indices { a[i] *= factor }
    }
}
