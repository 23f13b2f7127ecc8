import Foundation
import LinearAlgebra
import Testing
@testable import WeftAnalysis
import WeftGraph

/// Values from Fixtures/make_mixing_reference.py: numpy's Pearson correlation and lstsq fits over
/// the off-diagonal cells, and permutation p-values from the same permutations Weft draws.
struct QAPReference: Decodable {
    struct Generator: Decodable {
        let seed: UInt64
        let first: [String]
    }
    struct PValues: Decodable {
        let greaterOrEqual: Double
        let lessOrEqual: Double
        let absoluteGreaterOrEqual: Double
    }
    struct Correlation: Decodable {
        let observed: Double
        let pValues: PValues
        let permutationMean: Double
        let permutationStandardDeviation: Double
        let observations: Int
    }
    struct Term: Decodable {
        let coefficient: Double
        let standardError: Double
        let tValue: Double
        let pValues: PValues?
    }
    struct Regression: Decodable {
        let observations: Int
        let rSquared: Double
        let adjustedRSquared: Double
        let intercept: Term
        let predictors: [Term]
    }
    let generator: Generator
    let permutations: Int
    let seed: UInt64
    let perturbed: [[String]]?
    let firstPermutation: [Int]
    let correlation: Correlation
    let regression: Regression

    init(_ name: String) throws {
        let url = try #require(Bundle.module.url(forResource: "qap", withExtension: "json", subdirectory: "Fixtures/\(name)"))
        self = try JSONDecoder().decode(QAPReference.self, from: Data(contentsOf: url))
    }
}

/// The two relations and the regression model each qap.json describes.
struct QAPCase {
    let reference: QAPReference
    let directed: Bool
    let x: Matrix, y: Matrix
    let response: Matrix
    let predictors: [Matrix]

    init(_ name: String) throws {
        reference = try QAPReference(name)
        let f = try MixingFixture(name)
        let graph = f.loaded.graph
        directed = graph.isDirected
        let weights = Matrix(adjacencyOf: graph), binary = Matrix(adjacencyOf: graph, weighted: false)
        let same = Matrix(sameGroup: f.groups)
        switch name {
        case "florentine":
            var other = Matrix(rows: graph.nodeCount, columns: graph.nodeCount)
            for pair in try #require(reference.perturbed) {
                let i = try f.loaded.index(pair[0]), j = try f.loaded.index(pair[1])
                other[i, j] = 1; other[j, i] = 1
            }
            (x, y) = (binary, other)
            (response, predictors) = (other, [binary, same])
        case "lesmis":
            (x, y) = (weights, binary)
            (response, predictors) = (weights, [same, BLAS.product(binary, binary)])
        default:
            (x, y) = (weights, weights.transposed)
            (response, predictors) = (weights, [binary.transposed, same, BLAS.product(binary, binary, transB: .transpose)])
        }
    }
}

private func matches(_ p: PermutationPValues?, _ want: QAPReference.PValues?) -> Bool {
    guard let p, let want else { return p == nil && want == nil }
    return close(p.greaterOrEqual, want.greaterOrEqual, tolerance: 1e-12) && close(p.lessOrEqual, want.lessOrEqual, tolerance: 1e-12)
        && close(p.absoluteGreaterOrEqual, want.absoluteGreaterOrEqual, tolerance: 1e-12)
}

private func matches(_ term: MRQAPRegression.Term, _ want: QAPReference.Term) -> Bool {
    close(term.coefficient, want.coefficient) && close(term.standardError, want.standardError)
        && close(term.tValue, want.tValue) && matches(term.pValues, want.pValues)
}

@Suite struct QAPTests {
    static let datasets = ["florentine", "lesmis", "directed"]

    /// The reference script re-implements the generator and the permutation stream; check it did so faithfully.
    @Test(arguments: datasets)
    func referencePermutationsAreWeftPermutations(_ name: String) throws {
        let r = try QAPReference(name)
        var generator = SeededGenerator(seed: r.generator.seed)
        for want in r.generator.first { #expect(generator.next() == UInt64(want)) }
        let n = r.firstPermutation.count
        let first = QAPCells(n: n, directed: false).mapPermutations(r.permutations, seed: r.seed, threads: 1) { { $0.array } }[0]
        #expect(first == r.firstPermutation)
    }

    @Test(arguments: datasets)
    func correlationMatchesNumpy(_ name: String) throws {
        let c = try QAPCase(name)
        let want = c.reference.correlation
        let q = try QAPCorrelation(c.x, c.y, directed: c.directed, permutations: c.reference.permutations, seed: c.reference.seed)
        #expect(q.observations == want.observations)
        #expect(close(q.observed, want.observed))
        #expect(matches(q.pValues, want.pValues))
        #expect(close(q.permutationMean, want.permutationMean))
        #expect(close(q.permutationStandardDeviation, want.permutationStandardDeviation))
    }

    @Test(arguments: datasets)
    func regressionMatchesNumpy(_ name: String) throws {
        let c = try QAPCase(name)
        let want = c.reference.regression
        let m = try MRQAPRegression(c.response, predictors: c.predictors, directed: c.directed,
                                    permutations: c.reference.permutations, seed: c.reference.seed)
        #expect(m.observations == want.observations)
        #expect(close(m.rSquared, want.rSquared) && close(m.adjustedRSquared, want.adjustedRSquared))
        #expect(matches(m.intercept, want.intercept))
        #expect(m.predictors.count == want.predictors.count)
        for (term, w) in zip(m.predictors, want.predictors) { #expect(matches(term, w)) }
    }

    @Test func resultsDependOnlyOnTheSeed() throws {
        let c = try QAPCase("directed")
        let one = try QAPCorrelation(c.x, c.y, directed: true, permutations: 300, seed: 9, threads: 1)
        let two = try QAPCorrelation(c.x, c.y, directed: true, permutations: 300, seed: 9, threads: 2)
        let again = try QAPCorrelation(c.x, c.y, directed: true, permutations: 300, seed: 9)
        for q in [two, again] {
            #expect(q.observed == one.observed && q.pValues == one.pValues)
            #expect(q.permutationMean == one.permutationMean && q.permutationStandardDeviation == one.permutationStandardDeviation)
        }
        let other = try QAPCorrelation(c.x, c.y, directed: true, permutations: 300, seed: 10, threads: 1)
        #expect(other.permutationMean != one.permutationMean)

        let m1 = try MRQAPRegression(c.response, predictors: c.predictors, directed: true, permutations: 200, seed: 5, threads: 1)
        let m2 = try MRQAPRegression(c.response, predictors: c.predictors, directed: true, permutations: 200, seed: 5, threads: 2)
        #expect(m1.predictors == m2.predictors && m1.intercept == m2.intercept && m1.rSquared == m2.rSquared)
    }

    @Test(arguments: [false, true])
    func identicalRelationsGiveTheSmallestPValue(_ directed: Bool) throws {
        let g = randomGraph(seed: 3, n: 40, p: 0.1, directed: directed)
        let a = Matrix(adjacencyOf: g)
        let q = try QAPCorrelation(a, a, directed: directed, permutations: 499)
        #expect(close(q.observed, 1))
        #expect(q.pValues.greaterOrEqual == 1.0 / 500 && q.pValues.absoluteGreaterOrEqual == 1.0 / 500)
        #expect(q.pValues.lessOrEqual == 1)
        let m = try? MRQAPRegression(a, predictors: [a], directed: directed, permutations: 99)
        #expect(m?.rSquared ?? 0 > 1 - 1e-12)
    }

    /// Unrelated random relations: p-values spread over (0, 1] rather than piling up at the ends.
    @Test(arguments: [false, true])
    func independentRelationsGiveUnremarkablePValues(_ directed: Bool) throws {
        var pValues: [Double] = []
        for seed in UInt64(1)...20 {
            let x = Matrix(adjacencyOf: randomGraph(seed: seed, n: 25, p: 0.2, directed: directed))
            let y = Matrix(adjacencyOf: randomGraph(seed: seed + 100, n: 25, p: 0.2, directed: directed))
            let q = try QAPCorrelation(x, y, directed: directed, permutations: 199, seed: seed)
            for p in [q.pValues.greaterOrEqual, q.pValues.lessOrEqual, q.pValues.absoluteGreaterOrEqual] {
                #expect(p >= 1.0 / 200 && p <= 1)
            }
            #expect(q.pValues.greaterOrEqual + q.pValues.lessOrEqual >= 1)
            pValues.append(q.pValues.absoluteGreaterOrEqual)
            let m = try MRQAPRegression(y, predictors: [x], directed: directed, permutations: 99, seed: seed)
            let p = try #require(m.predictors[0].pValues)
            #expect(p.absoluteGreaterOrEqual >= 0.01 && p.absoluteGreaterOrEqual <= 1)
        }
        #expect(pValues.filter { $0 < 0.05 }.count <= 4)
        let mean = pValues.reduce(0, +) / Double(pValues.count)
        #expect(mean > 0.3 && mean < 0.7)
    }

    /// With one predictor the t-value is the correlation's: t = r·√(N − 2) / √(1 − r²).
    @Test(arguments: ["lesmis", "directed"])
    func oneTermRegressionAgreesWithCorrelation(_ name: String) throws {
        let c = try QAPCase(name)
        let q = try QAPCorrelation(c.x, c.y, directed: c.directed, permutations: 1)
        let m = try MRQAPRegression(c.y, predictors: [c.x], directed: c.directed, permutations: 1)
        let r = q.observed, n = Double(q.observations)
        #expect(close(m.predictors[0].tValue, r * (n - 2).squareRoot() / (1 - r * r).squareRoot()))
        #expect(close(m.rSquared, r * r))
    }

    /// A caller's bad arguments are thrown, not trapped, and say which argument and why.
    @Test func badArgumentsThrow() {
        let square = Matrix(adjacencyOf: randomGraph(seed: 4, n: 6, p: 0.4, directed: true))
        let small = Matrix(rows: 5, columns: 5), wide = Matrix(rows: 6, columns: 5)
        #expect(throws: ArgumentError("QAPCorrelation", "permutations", "must be at least 1 (got 0)")) {
            try QAPCorrelation(square, square, directed: true, permutations: 0)
        }
        #expect(throws: ArgumentError("QAPCorrelation", "x and y", "must be n × n matrices of one size (got 6 × 6 and 5 × 5)")) {
            try QAPCorrelation(square, small, directed: true)
        }
        #expect(throws: ArgumentError("MRQAPRegression", "predictors", "must hold at least one matrix (got none)")) {
            try MRQAPRegression(square, predictors: [], directed: true)
        }
        #expect(throws: ArgumentError("MRQAPRegression", "y and predictors[1]", "must be n × n matrices of one size (got 6 × 6 and 6 × 5)")) {
            try MRQAPRegression(square, predictors: [square, wide], directed: true)
        }
        #expect(throws: ArgumentError("LogisticQAPRegression", "permutations", "must be at least 1 (got -3)")) {
            try LogisticQAPRegression(square, predictors: [square], directed: true, permutations: -3)
        }
        #expect(ArgumentError("QAPCorrelation", "permutations", "must be at least 1 (got 0)").description
                == "QAPCorrelation: permutations must be at least 1 (got 0)")
    }

    @Test func collinearPredictorsThrow() {
        let g = randomGraph(seed: 4, n: 12, p: 0.3, directed: false)
        let a = Matrix(adjacencyOf: g)
        var doubled = a
        for p in doubled.values.indices { doubled.values[p] *= 2 }
        #expect(throws: QAPDesignProblem.collinearPredictor(index: 1)) {
            try MRQAPRegression(a, predictors: [a, doubled], directed: false, permutations: 9)
        }
        // The same relation twice, and a sum of two others, are caught too (no 4.6e5 standard errors).
        let b = Matrix(adjacencyOf: randomGraph(seed: 5, n: 12, p: 0.3, directed: false))
        var sum = a
        for p in sum.values.indices { sum.values[p] += b.values[p] }
        #expect(MRQAPRegression.designProblem(b, predictors: [a, a], directed: false) == .collinearPredictor(index: 1))
        #expect(MRQAPRegression.designProblem(a, predictors: [b, doubled, sum], directed: false) == .collinearPredictor(index: 2))
        #expect(MRQAPRegression.designProblem(a, predictors: [b, doubled], directed: false) == nil)
    }

    @Test func constantRelationsAreNamedNotFitted() {
        let a = Matrix(adjacencyOf: randomGraph(seed: 4, n: 12, p: 0.3, directed: true))
        let empty = Matrix(rows: 12, columns: 12)
        #expect(MRQAPRegression.designProblem(a, predictors: [empty], directed: true) == .constantPredictor(index: 0))
        #expect(MRQAPRegression.designProblem(empty, predictors: [a], directed: true) == .constantDependent)
        #expect(MRQAPRegression.designProblem(a, predictors: [a], directed: true) == nil)
        #expect(MRQAPRegression.designProblem(Matrix(rows: 2, columns: 2), predictors: [a], directed: false)
                == .tooFewCells(needed: 3, found: 1))
    }

    @Test func undirectedReadsTheUpperTriangle() throws {
        // Lower-triangle entries are ignored: a matrix and its upper triangle give the same result.
        let g = randomGraph(seed: 8, n: 15, p: 0.3, directed: true)
        let a = Matrix(adjacencyOf: g), b = Matrix(adjacencyOf: randomGraph(seed: 9, n: 15, p: 0.3, directed: true))
        var upperA = a, upperB = b
        for j in 0..<15 { for i in (j + 1)..<15 { upperA[i, j] = 0; upperB[i, j] = 7 } }
        let full = try QAPCorrelation(a, b, directed: false, permutations: 99)
        let upper = try QAPCorrelation(upperA, upperB, directed: false, permutations: 99)
        #expect(full.observed == upper.observed && full.pValues == upper.pValues)
        #expect(full.observations == 15 * 14 / 2)
    }

    @Test func adjacencyAndSameGroupMatrices() throws {
        let g = makeGraph(3, [(0, 1), (2, 1)], weights: [2, 5], directed: true)
        #expect(Matrix(adjacencyOf: g) == Matrix([[0, 2, 0], [0, 0, 0], [0, 5, 0]]))
        #expect(Matrix(adjacencyOf: g, weighted: false) == Matrix([[0, 1, 0], [0, 0, 0], [0, 1, 0]]))
        let u = makeGraph(3, [(0, 1)], weights: [3])
        #expect(Matrix(adjacencyOf: u) == Matrix([[0, 3, 0], [3, 0, 0], [0, 0, 0]]))
        let same = Matrix(sameGroup: try NodeGroups(group: [0, 1, 0, -1, -1], labels: ["a", "b"]))
        #expect(same[0, 2] == 1 && same[2, 0] == 1 && same[0, 0] == 0 && same[3, 4] == 0 && same[0, 1] == 0)
        #expect(same.values.reduce(0, +) == 2)
    }
}
