import Foundation
import LinearAlgebra
import Testing
@testable import WeftAnalysis
import WeftGraph

/// sna 2.7-1's netlogit on the `directed` fixture (scripts/sna_netlogit_reference.R).
struct NetlogitReference: Decodable {
    let permutations: Int
    let observations: Int
    let ties: Int
    let coefficients: [Double]
    let standardErrors: [Double]
    let z: [Double]
    let pGreaterOrEqual: [Double]
    let pLessOrEqual: [Double]
    let pAbsolute: [Double]
    let deviance: Double
    let aic: Double
    let bic: Double

    init() throws {
        let url = try #require(Bundle.module.url(forResource: "netlogit", withExtension: "json", subdirectory: "Fixtures/directed"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        self = try decoder.decode(NetlogitReference.self, from: Data(contentsOf: url))
    }
}

@Suite struct LogisticQAPTests {
    /// The reference's relations: Y (1 where a record i → j exists), its transpose, shared
    /// out-neighbours Y·Yᵀ, and |v_i − v_j|, v_i, v_j for v = 7k mod 11 of member n<k>.
    static func model() throws -> (y: Matrix, predictors: [Matrix]) {
        let f = try LoadedFixture("directed")
        let y = Matrix(adjacencyOf: f.graph, weighted: false)
        let v = (0..<f.graph.nodeCount).map { m in Double(Int(f.dataset.members.ids[Int32(m)].dropFirst())! * 7 % 11) }
        return (y, [y.transposed, BLAS.product(y, y, transB: .transpose),
                    Matrix(absoluteDifference: v), Matrix(sender: v), Matrix(receiver: v)])
    }

    /// Coefficients, standard errors, z-values and deviance equal sna's (glm's IRLS stops at a
    /// relative deviance change of 1e-8, so its coefficients carry about 1e-7 of it). The
    /// p-values come from different random permutations (R's stream, 2000 of them; Weft's seeded
    /// generator, 500 here to keep the debug test short): the difference of two independent
    /// estimates of p has standard deviation √(p(1 − p)(1/500 + 1/2000)) ≤ 0.025, and 0.1 is
    /// four of them.
    @Test func matchesSnaNetlogit() throws {
        let want = try NetlogitReference()
        let (y, predictors) = try LogisticQAPTests.model()
        let m = try LogisticQAPRegression(y, predictors: predictors, directed: true, permutations: 500, seed: 42)
        #expect(m.observations == want.observations)
        let terms = [m.intercept] + m.predictors
        for (c, term) in terms.enumerated() {
            #expect(close(term.coefficient, want.coefficients[c], tolerance: 1e-6), "coefficient \(c)")
            #expect(close(term.standardError, want.standardErrors[c], tolerance: 1e-6), "standard error \(c)")
            #expect(close(term.tValue, want.z[c], tolerance: 1e-6), "z \(c)")
        }
        #expect(close(m.deviance, want.deviance, tolerance: 1e-9) && close(m.aic, want.aic, tolerance: 1e-9) && close(m.bic, want.bic, tolerance: 1e-9))
        for (c, term) in m.predictors.enumerated() {
            let p = try #require(term.pValues)
            #expect(abs(p.absoluteGreaterOrEqual - want.pAbsolute[c + 1]) <= 0.1, "p(|z|) \(c): \(p.absoluteGreaterOrEqual) vs \(want.pAbsolute[c + 1])")
            #expect(abs(p.greaterOrEqual - want.pGreaterOrEqual[c + 1]) <= 0.1, "p(≥) \(c)")
            #expect(abs(p.lessOrEqual - want.pLessOrEqual[c + 1]) <= 0.1, "p(≤) \(c)")
        }
    }

    /// One binary predictor: the maximum-likelihood fit is the 2 × 2 table's. Directed cells of
    /// four members (12): x = 1 on 6 cells with 4 ties, x = 0 on 6 cells with 1 tie. Then
    /// β_0 = log(1/5), β_1 = log((4/2)/(1/5)) = log 10, se(β_1) = √(1/4 + 1/2 + 1 + 1/5), and
    /// the deviance is −2 Σ over the four table cells of count · log(share).
    @Test func oneBinaryPredictorIsTheTwoByTwoTable() throws {
        var x = Matrix(rows: 4, columns: 4), y = Matrix(rows: 4, columns: 4)
        let xCells = [(0, 1), (1, 0), (0, 2), (2, 0), (1, 2), (2, 1)]
        for (i, j) in xCells { x[i, j] = 1 }
        for (i, j) in xCells.prefix(4) { y[i, j] = 1 }
        y[3, 0] = 1
        let m = try LogisticQAPRegression(y, predictors: [x], directed: true, permutations: 20, seed: 1)
        #expect(close(m.intercept.coefficient, log(0.2), tolerance: 1e-10))
        #expect(close(m.predictors[0].coefficient, log(10), tolerance: 1e-10))
        #expect(close(m.predictors[0].standardError, (0.25 + 0.5 + 1 + 0.2).squareRoot(), tolerance: 1e-8))
        let deviance = -2 * (4 * log(4.0 / 6) + 2 * log(2.0 / 6) + 1 * log(1.0 / 6) + 5 * log(5.0 / 6))
        #expect(close(m.deviance, deviance, tolerance: 1e-10))
        #expect(close(m.nullDeviance, -2 * (5 * log(5.0 / 12) + 7 * log(7.0 / 12)), tolerance: 1e-12))
    }

    @Test func refusesWhatItCannotFit() throws {
        var x = Matrix(rows: 4, columns: 4), y = Matrix(rows: 4, columns: 4)
        for i in 0..<4 { for j in 0..<4 where i != j { x[i, j] = Double(i + j) } }
        y[0, 1] = 2; y[1, 2] = 1
        #expect(throws: QAPDesignProblem.dependentNotBinary) { try LogisticQAPRegression(y, predictors: [x], directed: true) }
        // x separates the ties completely: ties exactly where i + j ≥ 4.
        for i in 0..<4 { for j in 0..<4 where i != j { y[i, j] = i + j >= 4 ? 1 : 0 } }
        #expect(throws: QAPDesignProblem.logisticFitFailed) { try LogisticQAPRegression(y, predictors: [x], directed: true) }
    }

    @Test func resultsDependOnlyOnTheSeed() throws {
        let (y, predictors) = try LogisticQAPTests.model()
        let one = try LogisticQAPRegression(y, predictors: Array(predictors.prefix(2)), directed: true, permutations: 40, seed: 9, threads: 1)
        let two = try LogisticQAPRegression(y, predictors: Array(predictors.prefix(2)), directed: true, permutations: 40, seed: 9, threads: 2)
        #expect(one.predictors == two.predictors && one.intercept == two.intercept)
    }
}
