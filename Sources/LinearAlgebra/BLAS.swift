import CLinearAlgebra
#if canImport(Glibc)
import Glibc
#endif

/// Whether an operand is used as it is or transposed.
public enum Transpose: Sendable {
    case none, transpose
    var flag: CChar { self == .none ? CChar(UInt8(ascii: "N")) : CChar(UInt8(ascii: "T")) }
}

/// Thin wrappers over level-2 and level-3 BLAS (dgemv, dgemm, dsyrk) on `Matrix`.
/// They link against the generic `libblas.so.3`, so whichever BLAS the system selects
/// (reference BLAS or OpenBLAS) runs them.
public enum BLAS {
    /// Keeps OpenBLAS on the calling thread (`openblas_set_num_threads(1)`, looked up at run
    /// time; another BLAS is left as it is). Weft splits its own stages over the cores and its
    /// BLAS calls are small (k-means distances, regressions, dense products of small networks);
    /// OpenBLAS's own threads, which spin on `sched_yield` between calls, only took the cores from
    /// Weft's threads: on the M sample `weft analyze` spent 1.1–1.9 s in the kernel with them and
    /// 0.25 s without. It also keeps results the same on every machine: `dsyevr` gives different
    /// last digits with one OpenBLAS thread than with several.
    public static func runOnCallingThread() {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "openblas_set_num_threads") else { return }
        unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Void).self)(1)
        #endif
    }

    /// C ← α·op(A)·op(B) + β·C  (dgemm).
    public static func gemm(
        _ a: Matrix, _ b: Matrix, transA: Transpose = .none, transB: Transpose = .none,
        alpha: Double = 1, beta: Double = 0, into c: inout Matrix
    ) {
        let m = transA == .none ? a.rows : a.columns
        let k = transA == .none ? a.columns : a.rows
        let kb = transB == .none ? b.rows : b.columns
        let n = transB == .none ? b.columns : b.rows
        precondition(k == kb, "gemm: inner dimensions \(k) and \(kb) differ")
        precondition(c.rows == m && c.columns == n, "gemm: result must be \(m)×\(n)")
        guard m > 0, n > 0 else { return }
        if k == 0 {
            for i in c.values.indices { c.values[i] *= beta }
            return
        }
        var (mm, nn, kk) = (Int32(m), Int32(n), Int32(k))
        var (lda, ldb, ldc) = (Int32(max(1, a.rows)), Int32(max(1, b.rows)), Int32(max(1, m)))
        var (al, be) = (alpha, beta)
        var (ta, tb) = (transA.flag, transB.flag)
        a.values.withUnsafeBufferPointer { pa in
            b.values.withUnsafeBufferPointer { pb in
                c.values.withUnsafeMutableBufferPointer { pc in
                    dgemm_(&ta, &tb, &mm, &nn, &kk, &al, pa.baseAddress, &lda, pb.baseAddress, &ldb,
                           &be, pc.baseAddress, &ldc, 1, 1)
                }
            }
        }
    }

    /// op(A)·op(B) as a new matrix.
    public static func product(_ a: Matrix, _ b: Matrix, transA: Transpose = .none, transB: Transpose = .none) -> Matrix {
        let m = transA == .none ? a.rows : a.columns
        let n = transB == .none ? b.columns : b.rows
        var c = Matrix(rows: m, columns: n)
        gemm(a, b, transA: transA, transB: transB, into: &c)
        return c
    }

    /// y ← α·op(A)·x + β·y  (dgemv).
    public static func gemv(
        _ a: Matrix, _ x: [Double], trans: Transpose = .none, alpha: Double = 1, beta: Double = 0,
        into y: inout [Double]
    ) {
        let inLength = trans == .none ? a.columns : a.rows
        let outLength = trans == .none ? a.rows : a.columns
        precondition(x.count == inLength, "gemv: x has \(x.count) entries, expected \(inLength)")
        precondition(y.count == outLength, "gemv: y has \(y.count) entries, expected \(outLength)")
        guard outLength > 0 else { return }
        if inLength == 0 {
            for i in y.indices { y[i] *= beta }
            return
        }
        var (m, n, lda, inc) = (Int32(a.rows), Int32(a.columns), Int32(max(1, a.rows)), Int32(1))
        var incy = Int32(1)
        var (al, be, t) = (alpha, beta, trans.flag)
        a.values.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    dgemv_(&t, &m, &n, &al, pa.baseAddress, &lda, px.baseAddress, &inc, &be, py.baseAddress, &incy, 1)
                }
            }
        }
    }

    /// op(A)·x as a new vector.
    public static func product(_ a: Matrix, vector x: [Double], trans: Transpose = .none) -> [Double] {
        var y = [Double](repeating: 0, count: trans == .none ? a.rows : a.columns)
        gemv(a, x, trans: trans, into: &y)
        return y
    }

    /// The symmetric rank-k update C = α·A·Aᵀ (trans = .none) or α·Aᵀ·A (trans = .transpose),
    /// computed by dsyrk on the upper triangle and mirrored, so the result is a full symmetric matrix.
    /// This is the Gram matrix used for co-attendance projections (B·Bᵀ).
    public static func syrk(_ a: Matrix, trans: Transpose = .none, alpha: Double = 1) -> Matrix {
        let n = trans == .none ? a.rows : a.columns
        let k = trans == .none ? a.columns : a.rows
        var c = Matrix(rows: n, columns: n)
        guard n > 0, k > 0 else { return c }
        var (nn, kk, lda, ldc) = (Int32(n), Int32(k), Int32(max(1, a.rows)), Int32(n))
        var (al, be) = (alpha, 0.0)
        var uplo = CChar(UInt8(ascii: "U"))
        var t = trans.flag
        a.values.withUnsafeBufferPointer { pa in
            c.values.withUnsafeMutableBufferPointer { pc in
                dsyrk_(&uplo, &t, &nn, &kk, &al, pa.baseAddress, &lda, &be, pc.baseAddress, &ldc, 1, 1)
            }
        }
        for j in 0..<n { for i in (j + 1)..<n { c[i, j] = c[j, i] } }
        return c
    }

    /// The dot product xᵀy (ddot).
    public static func dot(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "dot: lengths differ")
        guard !x.isEmpty else { return 0 }
        var (n, inc) = (Int32(x.count), Int32(1))
        var incy = Int32(1)
        return x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in ddot_(&n, px.baseAddress, &inc, py.baseAddress, &incy) }
        }
    }
}
