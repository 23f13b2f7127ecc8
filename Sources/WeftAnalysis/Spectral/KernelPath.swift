import LinearAlgebra
import WeftGraph

/// Which implementation runs a measure that has a matrix form: a dense BLAS/LAPACK kernel on the
/// n × n adjacency matrix (exact, O(n²) memory, fast for small networks), or a sparse CSR kernel
/// (iterative, O(n + m) memory, for large ones). `auto` picks by size; both give the same values
/// within the stated tolerance.
public enum KernelPath: String, Codable, CaseIterable, Sendable {
    case auto, dense, sparse

    /// Largest network for which `auto` chooses the dense path. Measured, not guessed: the
    /// eigenvector benchmark in Benchmarks/ (dense dsyevr against sparse power iteration on
    /// random graphs of average degree 10, 2 cores, OpenBLAS) found no speed crossover — the
    /// sparse path takes under 2 ms up to 4,000 members while dsyevr takes 4 ms at 250, 11 ms at
    /// 500, 49 ms at 1,000 and 340 ms at 2,000. The dense path is kept for what it gives beyond
    /// speed — exact values and the check that the leading eigenvalue is simple — where that
    /// costs little: up to 500 members (about 10 ms per measure).
    public static let denseLimit = 500

    /// The path to take for a graph of `n` nodes.
    public func resolved(nodeCount n: Int) -> KernelPath {
        switch self {
        case .auto: return n <= KernelPath.denseLimit ? .dense : .sparse
        case .dense, .sparse: return self
        }
    }
}

/// Dense matrices of a graph's views, for the dense kernels.
enum DenseAdjacency {
    /// A[i, j] = weight (or 1) of the entry j in i's list of `adjacency`.
    static func matrix(_ adjacency: Adjacency, weighted: Bool) -> Matrix {
        let n = adjacency.nodeCount
        var a = Matrix(rows: n, columns: n)
        for i in 0..<n {
            for p in adjacency.offsets[i]..<adjacency.offsets[i + 1] {
                a[i, Int(adjacency.neighbours[p])] = weighted ? adjacency.weights[p] : 1
            }
        }
        return a
    }
}

/// Vector helpers for the iterative kernels.
enum Vectors {
    static func euclideanNorm(_ a: [Double]) -> Double {
        var s = 0.0
        for x in a { s += x * x }
        return s.squareRoot()
    }

    /// Scales `a` to unit Euclidean norm with a non-negative sum (the sign convention for
    /// eigenvector-type centralities).
    static func unitPositive(_ a: [Double]) -> [Double] {
        let norm = euclideanNorm(a)
        guard norm > 0 else { return a }
        let sign: Double = a.reduce(0, +) < 0 ? -1 : 1
        return a.map { $0 * sign / norm }
    }

    /// Scales `a` to sum 1 (left as is when the sum is 0).
    static func sumOne(_ a: [Double]) -> [Double] {
        let s = a.reduce(0, +)
        return s == 0 ? a : a.map { $0 / s }
    }
}
