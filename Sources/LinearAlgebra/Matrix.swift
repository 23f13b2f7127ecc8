/// A dense matrix of doubles in column-major order, the layout BLAS and LAPACK expect.
///
/// Element (i, j) lives at `values[i + j * rows]`. Small and value-typed: copies are cheap until
/// written (copy-on-write array storage).
public struct Matrix: Equatable, Sendable, CustomStringConvertible {
    public let rows: Int
    public let columns: Int
    public var values: [Double]

    /// A `rows × columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        values = Array(repeating: value, count: rows * columns)
    }

    /// A matrix from column-major values.
    public init(rows: Int, columns: Int, columnMajor values: [Double]) {
        precondition(values.count == rows * columns, "expected \(rows * columns) values, got \(values.count)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix from a list of rows, as written on paper: `Matrix([[1, 2], [3, 4]])`.
    public init(_ rowList: [[Double]]) {
        let r = rowList.count
        let c = rowList.first?.count ?? 0
        precondition(rowList.allSatisfy { $0.count == c }, "all rows must have the same length")
        self.init(rows: r, columns: c)
        for i in 0..<r { for j in 0..<c { self[i, j] = rowList[i][j] } }
    }

    /// The n × n identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { values[row + column * rows] }
        set { values[row + column * rows] = newValue }
    }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] {
        Array(values[(j * rows)..<((j + 1) * rows)])
    }

    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns { for i in 0..<rows { t[j, i] = self[i, j] } }
        return t
    }

    public var description: String {
        (0..<rows).map { i in (0..<columns).map { j in "\(self[i, j])" }.joined(separator: " ") }
            .joined(separator: "\n")
    }
}

/// Errors reported by the LAPACK wrappers, with LAPACK's `info` code.
public enum LinearAlgebraError: Error, Equatable, CustomStringConvertible {
    case dimensionMismatch(String)
    /// The matrix is singular: U(i, i) is exactly zero (dgesv `info > 0`).
    case singular(pivot: Int)
    /// The matrix is not positive definite (dposv `info > 0`).
    case notPositiveDefinite(minor: Int)
    /// The eigensolver failed to converge (dsyevr `info > 0`).
    case noConvergence(info: Int)
    /// LAPACK rejected an argument (`info < 0`): a bug in the wrapper.
    case invalidArgument(routine: String, position: Int)
    /// The problem is larger than the 32-bit LAPACK interface can index.
    case tooLarge(Int)
    /// An entry is infinite or NaN: LAPACK's eigensolvers and solvers are not defined on them
    /// (and some builds loop or crash), so they are refused before the call.
    case nonFinite(routine: String)

    public var description: String {
        switch self {
        case .dimensionMismatch(let s): return "dimension mismatch: \(s)"
        case .singular(let p): return "matrix is singular (zero pivot at \(p))"
        case .notPositiveDefinite(let m): return "matrix is not positive definite (leading minor \(m))"
        case .noConvergence(let i): return "eigensolver did not converge (info \(i))"
        case .invalidArgument(let r, let p): return "\(r): invalid argument \(p)"
        case .tooLarge(let n): return "dimension \(n) exceeds the 32-bit LAPACK interface"
        case .nonFinite(let r): return "\(r): the matrix holds an infinite or NaN entry"
        }
    }
}

/// Throws `nonFinite` unless every entry of `values` is finite.
func requireFinite(_ values: [Double], routine: String) throws {
    for x in values where !x.isFinite { throw LinearAlgebraError.nonFinite(routine: routine) }
}

@usableFromInline
func lapackInt(_ value: Int) throws -> Int32 {
    guard value <= Int(Int32.max) else { throw LinearAlgebraError.tooLarge(value) }
    return Int32(value)
}
