import Testing
@testable import LinearAlgebra

@Suite struct BLASTests {
    let a = Matrix([[1, 2, 3], [4, 5, 6]])          // 2×3
    let b = Matrix([[7, 8], [9, 10], [11, 12]])     // 3×2

    @Test func columnMajorLayout() {
        #expect(a.values == [1, 4, 2, 5, 3, 6])
        #expect(a[1, 2] == 6)
        #expect(a.transposed == Matrix([[1, 4], [2, 5], [3, 6]]))
    }

    @Test func gemmMatchesHandProduct() {
        // [1 2 3; 4 5 6]·[7 8; 9 10; 11 12] = [58 64; 139 154]
        #expect(BLAS.product(a, b) == Matrix([[58, 64], [139, 154]]))
    }

    @Test func gemmWithTransposes() {
        // Aᵀ·Bᵀ = (B·A)ᵀ; B·A = [39 54 69; 49 68 87; 59 82 105]
        let expected = Matrix([[39, 54, 69], [49, 68, 87], [59, 82, 105]]).transposed
        #expect(BLAS.product(a, b, transA: .transpose, transB: .transpose) == expected)
    }

    @Test func gemmAccumulatesWithAlphaAndBeta() {
        var c = Matrix([[1, 1], [1, 1]])
        BLAS.gemm(a, b, alpha: 2, beta: 3, into: &c)
        #expect(c == Matrix([[119, 131], [281, 311]]))
    }

    @Test func gemvBothWays() {
        #expect(BLAS.product(a, vector: [1, 0, -1]) == [-2, -2])
        #expect(BLAS.product(a, vector: [1, 1], trans: .transpose) == [5, 7, 9])
        var y = [10.0, 20.0]
        BLAS.gemv(a, [1, 1, 1], alpha: 0.5, beta: 1, into: &y)
        #expect(y == [13, 27.5])
    }

    @Test func syrkIsTheSymmetricGramMatrix() {
        // A·Aᵀ = [14 32; 32 77], Aᵀ·A = [17 22 27; 22 29 36; 27 36 45]
        #expect(BLAS.syrk(a) == Matrix([[14, 32], [32, 77]]))
        #expect(BLAS.syrk(a, trans: .transpose) == Matrix([[17, 22, 27], [22, 29, 36], [27, 36, 45]]))
        #expect(BLAS.syrk(a, alpha: 0.5) == Matrix([[7, 16], [16, 38.5]]))
    }

    @Test func dot() {
        #expect(BLAS.dot([1, 2, 3], [4, -5, 6]) == 12)
        #expect(BLAS.dot([], []) == 0)
    }

    @Test func emptyShapesAreHarmless() {
        let empty = Matrix(rows: 2, columns: 0)
        #expect(BLAS.product(empty, Matrix(rows: 0, columns: 3)) == Matrix(rows: 2, columns: 3))
        #expect(BLAS.syrk(empty) == Matrix(rows: 2, columns: 2))
    }
}

@Suite struct LAPACKTests {
    @Test func eigenOfAKnownSymmetricMatrix() throws {
        // [2 1; 1 2] has eigenvalues 1 and 3 with eigenvectors (1,-1)/√2 and (1,1)/√2.
        let e = try SymmetricEigen(Matrix([[2, 1], [1, 2]]))
        #expect(abs(e.values[0] - 1) < 1e-12 && abs(e.values[1] - 3) < 1e-12)
        let v = try #require(e.vectors)
        let s = 1 / 2.0.squareRoot()
        #expect(abs(abs(v[0, 1]) - s) < 1e-12 && abs(v[0, 1] - v[1, 1]) < 1e-12)
        #expect(abs(v[0, 0] + v[1, 0]) < 1e-12)
    }

    @Test func eigenOfThePathGraphP3() throws {
        // Adjacency of the path 0–1–2: eigenvalues −√2, 0, √2; top eigenvector (1, √2, 1)/2.
        let p3 = Matrix([[0, 1, 0], [1, 0, 1], [0, 1, 0]])
        let all = try SymmetricEigen(p3)
        let r2 = 2.0.squareRoot()
        for (got, want) in zip(all.values, [-r2, 0, r2]) { #expect(abs(got - want) < 1e-12) }
        let top = try SymmetricEigen(p3, selection: .largest(1))
        #expect(top.values.count == 1 && abs(top.values[0] - r2) < 1e-12)
        let v = try #require(top.vectors).column(0).map { abs($0) }
        for (got, want) in zip(v, [0.5, r2 / 2, 0.5]) { #expect(abs(got - want) < 1e-12) }
        let valuesOnly = try SymmetricEigen(p3, vectors: false)
        #expect(valuesOnly.vectors == nil && valuesOnly.values.count == 3)
    }

    @Test func eigenReconstructsTheMatrix() throws {
        let m = Matrix([[4, 1, 2], [1, 3, 0], [2, 0, 5]])
        let e = try SymmetricEigen(m)
        let v = try #require(e.vectors)
        var scaled = v
        for j in 0..<3 { for i in 0..<3 { scaled[i, j] *= e.values[j] } }
        let back = BLAS.product(scaled, v, transB: .transpose)
        for (x, y) in zip(back.values, m.values) { #expect(abs(x - y) < 1e-12) }
    }

    @Test func eigenRejectsNonSquare() {
        #expect(throws: LinearAlgebraError.self) { try SymmetricEigen(Matrix(rows: 2, columns: 3)) }
    }

    @Test func generalSolve() throws {
        // 2x + y = 5, x + 3y = 10 → x = 1, y = 3
        let x = try LinearSolve.general(Matrix([[2, 1], [1, 3]]), [5, 10])
        #expect(abs(x[0] - 1) < 1e-12 && abs(x[1] - 3) < 1e-12)
        // Needs a row swap: [0 1; 1 0]·x = (2, 7) → x = (7, 2)
        #expect(try LinearSolve.general(Matrix([[0, 1], [1, 0]]), [2, 7]) == [7, 2])
    }

    @Test func singularSystemIsReported() {
        #expect(throws: LinearAlgebraError.singular(pivot: 2)) {
            try LinearSolve.general(Matrix([[1, 2], [2, 4]]), [1, 2])
        }
    }

    @Test func choleskySolveAndItsFailure() throws {
        let spd = Matrix([[4, 2], [2, 3]])
        let x = try LinearSolve.positiveDefinite(spd, Matrix(rows: 2, columns: 1, columnMajor: [6, 5]))
        #expect(abs(x[0, 0] - 1) < 1e-12 && abs(x[1, 0] - 1) < 1e-12)
        #expect(throws: LinearAlgebraError.notPositiveDefinite(minor: 2)) {
            try LinearSolve.positiveDefinite(Matrix([[1, 2], [2, 1]]), Matrix(rows: 2, columns: 1, columnMajor: [1, 1]))
        }
    }
}

@Suite struct RepeatedEigenvalueTests {
    @Test func completeGraphLargestTwo() throws {
        // K_23: eigenvalues 22 (once) and −1 (22 times).
        let n = 23
        var k = Matrix(rows: n, columns: n, repeating: 1)
        for i in 0..<n { k[i, i] = 0 }
        let e = try SymmetricEigen(k, selection: .largest(2))
        #expect(e.values.count == 2)
        if e.values.count == 2 { #expect(abs(e.values[0] + 1) < 1e-9 && abs(e.values[1] - 22) < 1e-9) }
        let all = try SymmetricEigen(k)
        #expect(all.values.count == n && abs(all.values[n - 1] - 22) < 1e-9)
    }
}

@Suite struct TridiagonalEigenTests {
    @Test func largestOfTridiagonalMatchesTheDenseDecomposition() throws {
        for k in [1, 2, 5, 40] {
            let diagonal = (0..<k).map { Double(($0 * 7) % 5) - 1.5 }
            let offDiagonal = (0..<max(0, k - 1)).map { 0.5 + Double(($0 * 3) % 4) }
            var t = Matrix(rows: k, columns: k)
            for i in 0..<k { t[i, i] = diagonal[i] }
            for i in 0..<(k - 1) { t[i, i + 1] = offDiagonal[i]; t[i + 1, i] = offDiagonal[i] }
            let dense = try SymmetricEigen(t, selection: .largest(1))
            let (value, vector) = try SymmetricEigen.largestOfTridiagonal(diagonal: diagonal, offDiagonal: offDiagonal)
            #expect(abs(value - dense.values[0]) < 1e-12 * max(1, abs(value)))
            // Same unit vector up to sign: T·v = λ·v.
            let tv = BLAS.product(t, vector: vector)
            #expect(zip(tv, vector).allSatisfy { abs($0 - value * $1) < 1e-10 })
            #expect(abs(vector.map { $0 * $0 }.reduce(0, +) - 1) < 1e-12)
        }
        #expect(throws: LinearAlgebraError.self) { try SymmetricEigen.largestOfTridiagonal(diagonal: [1, 2], offDiagonal: []) }
    }
}
