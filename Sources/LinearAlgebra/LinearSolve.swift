import CLinearAlgebra

/// Solutions of linear systems A·X = B through LAPACK.
public enum LinearSolve {
    /// Solves A·X = B for a general square A by LU factorisation with partial pivoting (dgesv).
    /// Throws `.singular` when A is exactly singular.
    public static func general(_ a: Matrix, _ b: Matrix) throws -> Matrix {
        try checkShapes(a, b)
        try requireFinite(a.values + b.values, routine: "dgesv")
        var lu = a.values
        var x = b.values
        guard a.rows > 0, b.columns > 0 else { return b }
        var n = try lapackInt(a.rows)
        var nrhs = try lapackInt(b.columns)
        var (lda, ldb) = (n, n)
        var pivots = [Int32](repeating: 0, count: a.rows)
        var info: Int32 = 0
        dgesv_(&n, &nrhs, &lu, &lda, &pivots, &x, &ldb, &info)
        if info < 0 { throw LinearAlgebraError.invalidArgument(routine: "dgesv", position: Int(-info)) }
        if info > 0 { throw LinearAlgebraError.singular(pivot: Int(info)) }
        return Matrix(rows: b.rows, columns: b.columns, columnMajor: x)
    }

    /// Solves A·X = B for a symmetric positive-definite A by Cholesky factorisation (dposv).
    /// Only the upper triangle of A is read. Throws `.notPositiveDefinite` otherwise.
    public static func positiveDefinite(_ a: Matrix, _ b: Matrix) throws -> Matrix {
        try checkShapes(a, b)
        try requireFinite(a.values + b.values, routine: "dposv")
        var factor = a.values
        var x = b.values
        guard a.rows > 0, b.columns > 0 else { return b }
        var n = try lapackInt(a.rows)
        var nrhs = try lapackInt(b.columns)
        var (lda, ldb) = (n, n)
        var uplo = CChar(UInt8(ascii: "U"))
        var info: Int32 = 0
        dposv_(&uplo, &n, &nrhs, &factor, &lda, &x, &ldb, &info, 1)
        if info < 0 { throw LinearAlgebraError.invalidArgument(routine: "dposv", position: Int(-info)) }
        if info > 0 { throw LinearAlgebraError.notPositiveDefinite(minor: Int(info)) }
        return Matrix(rows: b.rows, columns: b.columns, columnMajor: x)
    }

    /// Solves A·x = b for one right-hand side (dgesv).
    public static func general(_ a: Matrix, _ b: [Double]) throws -> [Double] {
        try general(a, Matrix(rows: b.count, columns: 1, columnMajor: b)).values
    }

    private static func checkShapes(_ a: Matrix, _ b: Matrix) throws {
        guard a.rows == a.columns else {
            throw LinearAlgebraError.dimensionMismatch("A must be square, got \(a.rows)×\(a.columns)")
        }
        guard b.rows == a.rows else {
            throw LinearAlgebraError.dimensionMismatch("B has \(b.rows) rows, A has \(a.rows)")
        }
    }
}
