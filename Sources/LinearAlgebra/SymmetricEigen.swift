import CLinearAlgebra

/// The eigen-decomposition A = V·diag(λ)·Vᵀ of a real symmetric matrix, computed by LAPACK's
/// dsyevr (relatively robust representations; Dhillon & Parlett 2004).
///
/// Eigenvalues are in ascending order; column k of `vectors` is the unit eigenvector of
/// `values[k]`. Only the upper triangle of the input is read. Eigenvector signs are as LAPACK
/// returns them; callers that need a canonical sign (eigenvector centrality) must fix it.
public struct SymmetricEigen: Sendable {
    public let values: [Double]
    /// n × k matrix of eigenvectors (k = number of eigenvalues computed), or nil if not requested.
    public let vectors: Matrix?

    /// Which eigenpairs to compute.
    public enum Selection: Sendable {
        case all
        /// The eigenpairs with 1-based indices `lower...upper` in ascending order.
        case indices(ClosedRange<Int>)
        /// The `count` largest eigenpairs.
        case largest(Int)
    }

    public init(_ matrix: Matrix, selection: Selection = .all, vectors wantVectors: Bool = true) throws {
        guard matrix.rows == matrix.columns else {
            throw LinearAlgebraError.dimensionMismatch("eigen-decomposition needs a square matrix, got \(matrix.rows)×\(matrix.columns)")
        }
        let n = matrix.rows
        if n == 0 {
            values = []
            vectors = wantVectors ? Matrix(rows: 0, columns: 0) : nil
            return
        }
        try requireFinite(matrix.values, routine: "dsyevr")
        var nn = try lapackInt(n)
        var (il, iu): (Int32, Int32) = (1, nn)
        var range = CChar(UInt8(ascii: "A"))
        switch selection {
        case .all: break
        case .indices(let r):
            guard r.lowerBound >= 1, r.upperBound <= n else {
                throw LinearAlgebraError.dimensionMismatch("eigenvalue indices \(r) outside 1...\(n)")
            }
            (il, iu) = (Int32(r.lowerBound), Int32(r.upperBound))
            range = CChar(UInt8(ascii: "I"))
        case .largest(let k):
            let k = min(max(k, 1), n)
            (il, iu) = (Int32(n - k + 1), nn)
            range = CChar(UInt8(ascii: "I"))
        }
        var a = matrix.values
        var jobz = CChar(UInt8(ascii: wantVectors ? "V" : "N"))
        var uplo = CChar(UInt8(ascii: "U"))
        var lda = nn
        var (vl, vu, abstol) = (0.0, 0.0, 0.0)
        var found: Int32 = 0
        var w = [Double](repeating: 0, count: n)
        let columnsWanted = Int(iu - il + 1)
        var z = [Double](repeating: 0, count: wantVectors ? n * columnsWanted : 1)
        var ldz = wantVectors ? nn : 1
        var isuppz = [Int32](repeating: 0, count: 2 * max(1, n))
        var info: Int32 = 0
        // Workspace query, then the real call.
        var lwork: Int32 = -1, liwork: Int32 = -1
        var workQuery = 0.0
        var iworkQuery: Int32 = 0
        dsyevr_(&jobz, &range, &uplo, &nn, &a, &lda, &vl, &vu, &il, &iu, &abstol, &found, &w, &z, &ldz,
                &isuppz, &workQuery, &lwork, &iworkQuery, &liwork, &info, 1, 1, 1)
        guard info == 0 else { throw LinearAlgebraError.invalidArgument(routine: "dsyevr", position: Int(-info)) }
        lwork = Int32(workQuery)
        liwork = iworkQuery
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        dsyevr_(&jobz, &range, &uplo, &nn, &a, &lda, &vl, &vu, &il, &iu, &abstol, &found, &w, &z, &ldz,
                &isuppz, &work, &lwork, &iwork, &liwork, &info, 1, 1, 1)
        if info < 0 { throw LinearAlgebraError.invalidArgument(routine: "dsyevr", position: Int(-info)) }
        if info > 0 { throw LinearAlgebraError.noConvergence(info: Int(info)) }
        let k = Int(found)
        if k != columnsWanted {
            guard range != CChar(UInt8(ascii: "A")) else { throw LinearAlgebraError.noConvergence(info: n - k) }
            // Some LAPACK builds (OpenBLAS's, seen on a complete graph, whose second eigenvalue has
            // multiplicity n − 1) return fewer eigenvalues than an index range asks for. Compute
            // them all and keep the requested ones.
            let full = try SymmetricEigen(matrix, selection: .all, vectors: wantVectors)
            let lower = Int(il) - 1
            values = Array(full.values[lower..<(lower + columnsWanted)])
            vectors = full.vectors.map {
                Matrix(rows: n, columns: columnsWanted, columnMajor: Array($0.values[(lower * n)..<((lower + columnsWanted) * n)]))
            }
            return
        }
        values = Array(w.prefix(k))
        vectors = wantVectors ? Matrix(rows: n, columns: k, columnMajor: Array(z.prefix(n * k))) : nil
    }
}

extension SymmetricEigen {
    /// The largest eigenvalue of the symmetric tridiagonal matrix with `diagonal` (k entries) and
    /// `offDiagonal` (k − 1 entries), and its unit eigenvector, by LAPACK's dstevr (MRRR, O(k) for
    /// one eigenpair: no reduction to tridiagonal form and no level-3 BLAS, so no BLAS threads).
    public static func largestOfTridiagonal(diagonal: [Double], offDiagonal: [Double]) throws -> (value: Double, vector: [Double]) {
        let k = diagonal.count
        guard k > 0 else { throw LinearAlgebraError.dimensionMismatch("an empty tridiagonal matrix has no eigenvalues") }
        guard offDiagonal.count == k - 1 else {
            throw LinearAlgebraError.dimensionMismatch("tridiagonal matrix of order \(k) needs \(k - 1) off-diagonal entries, got \(offDiagonal.count)")
        }
        try requireFinite(diagonal + offDiagonal, routine: "dstevr")
        var nn = try lapackInt(k)
        var d = diagonal, e = offDiagonal + [0]
        var jobz = CChar(UInt8(ascii: "V")), range = CChar(UInt8(ascii: "I"))
        var (vl, vu, abstol) = (0.0, 0.0, 0.0)
        var (il, iu) = (nn, nn)
        var found: Int32 = 0
        var w = [Double](repeating: 0, count: k), z = [Double](repeating: 0, count: k)
        var ldz = nn
        var isuppz = [Int32](repeating: 0, count: 2)
        var lwork = Int32(20 * k), liwork = Int32(10 * k)
        var work = [Double](repeating: 0, count: Int(lwork)), iwork = [Int32](repeating: 0, count: Int(liwork))
        var info: Int32 = 0
        dstevr_(&jobz, &range, &nn, &d, &e, &vl, &vu, &il, &iu, &abstol, &found, &w, &z, &ldz, &isuppz,
                &work, &lwork, &iwork, &liwork, &info, 1, 1)
        if info < 0 { throw LinearAlgebraError.invalidArgument(routine: "dstevr", position: Int(-info)) }
        if info > 0 { throw LinearAlgebraError.noConvergence(info: Int(info)) }
        guard found == 1 else {
            // As with dsyevr, some LAPACK builds may return no eigenvalue for an index range: fall
            // back to the dense decomposition.
            var t = Matrix(rows: k, columns: k)
            for i in 0..<k { t[i, i] = diagonal[i] }
            for i in 0..<(k - 1) { t[i, i + 1] = offDiagonal[i]; t[i + 1, i] = offDiagonal[i] }
            let full = try SymmetricEigen(t, selection: .all)
            return (full.values[k - 1], full.vectors!.column(k - 1))
        }
        return (w[0], z)
    }
}
