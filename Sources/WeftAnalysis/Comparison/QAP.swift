import LinearAlgebra
import WeftGraph

// Quadratic assignment procedure (QAP): tests of association between relations on the same
// members that keep each relation's network structure, by relabelling the members of one
// relation at random (permuting its rows and columns together) and recomputing the statistic.
//
// Conventions shared by `QAPCorrelation` and `MRQAPRegression`:
// - The diagonal is ignored. Directed relations use every ordered cell (i, j), i ≠ j:
//   n(n − 1) observations. Undirected relations use the upper triangle, i < j: n(n − 1)/2
//   observations, and only the upper triangle of each matrix is read (a permuted matrix is
//   read as the symmetric matrix it stands for).
// - Permutation p-values count the observed statistic as one of the permutations (the +1
//   correction): p = (1 + #{s_π ≥ s}) / (1 + P) for `greaterOrEqual`, likewise for ≤ and for
//   |s_π| ≥ |s|; so p lies in [1/(P + 1), 1]. sna's qaptest and netlm report #{s_π ≥ s} / P
//   without it. A permuted statistic within 1e-10 · max(1, |s|) of the observed one counts as
//   equal, so that ties (common with binary relations) do not hang on rounding.
// - Permutations are uniform (Fisher–Yates on 0..<n, restarted from the identity each time) and
//   drawn from `SeededGenerator`s: a generator seeded with `seed` draws one seed for each of 16
//   fixed chunks; chunk c makes permutations c·P/16 ..< (c + 1)·P/16 from its own generator.
//   The chunks run on the cores, so results are identical for any number of threads.
// Reference: L. Hubert & J. Schultz, "Quadratic assignment as a general data analysis strategy",
// Br. J. Math. Stat. Psychol. 29 (1976) 190–241; D. Krackhardt, "QAP partialling as a test of
// spuriousness", Social Networks 9 (1987) 171–186; C. T. Butts, sna's `qaptest` and `netlm`.

extension Matrix {
    /// The n × n adjacency matrix of `graph`: A[i, j] = weight of the tie i → j (1 when
    /// `weighted` is false), 0 where there is none; symmetric on an undirected graph.
    public init(adjacencyOf graph: Graph, weighted: Bool = true) {
        self = DenseAdjacency.matrix(graph.out, weighted: weighted)
    }

    /// S[i, j] = 1 when members i ≠ j belong to the same group, 0 otherwise (also when either has
    /// no group): the homophily predictor of an MR-QAP model ("same country").
    public init(sameGroup groups: NodeGroups) {
        let n = groups.nodeCount
        self.init(rows: n, columns: n)
        for j in 0..<n where groups.group[j] >= 0 {
            for i in 0..<n where i != j && groups.group[i] == groups.group[j] { self[i, j] = 1 }
        }
    }
}

extension Matrix {
    /// D[i, j] = |v_i − v_j| for i ≠ j (0 on the diagonal): the numeric-difference predictor of
    /// an MR-QAP model ("difference in years of experience"); sna users write `abs(outer(v, v, "-"))`.
    public init(absoluteDifference v: [Double]) {
        let n = v.count
        self.init(rows: n, columns: n)
        for j in 0..<n { for i in 0..<n where i != j { self[i, j] = abs(v[i] - v[j]) } }
    }

    /// S[i, j] = v_i for i ≠ j: the sender effect (do members with larger v send more ties?);
    /// sna: `matrix(v, n, n)`.
    public init(sender v: [Double]) {
        let n = v.count
        self.init(rows: n, columns: n)
        for j in 0..<n { for i in 0..<n where i != j { self[i, j] = v[i] } }
    }

    /// R[i, j] = v_j for i ≠ j: the receiver effect (are members with larger v named more?);
    /// sna: `matrix(v, n, n, byrow = TRUE)`.
    public init(receiver v: [Double]) {
        let n = v.count
        self.init(rows: n, columns: n)
        for j in 0..<n { for i in 0..<n where i != j { self[i, j] = v[j] } }
    }
}

extension Matrix {
    /// The square submatrix of the rows and columns `kept` (in that order): a relation among a
    /// subset of the members, e.g. those present at every survey wave compared.
    public func restricted(to kept: [Int]) -> Matrix {
        var m = Matrix(rows: kept.count, columns: kept.count)
        for (j, c) in kept.enumerated() {
            for (i, r) in kept.enumerated() { m[i, j] = self[r, c] }
        }
        return m
    }
}

/// Permutation p-values of an observed statistic s against its permuted values s_π, with the +1
/// correction (see the QAP notes in QAP.swift).
public struct PermutationPValues: Sendable, Equatable {
    /// (1 + #{s_π ≥ s}) / (1 + P): one-sided, large values.
    public let greaterOrEqual: Double
    /// (1 + #{s_π ≤ s}) / (1 + P): one-sided, small values.
    public let lessOrEqual: Double
    /// (1 + #{|s_π| ≥ |s|}) / (1 + P): two-sided.
    public let absoluteGreaterOrEqual: Double

    init(observed: Double, permuted: [Double]) {
        guard !observed.isNaN else {
            greaterOrEqual = .nan; lessOrEqual = .nan; absoluteGreaterOrEqual = .nan
            return
        }
        let tolerance = 1e-10 * max(1, abs(observed))
        var greater = 1, less = 1, absolute = 1
        for s in permuted {
            if s >= observed - tolerance { greater += 1 }
            if s <= observed + tolerance { less += 1 }
            if abs(s) >= abs(observed) - tolerance { absolute += 1 }
        }
        let count = Double(permuted.count + 1)
        greaterOrEqual = Double(greater) / count
        lessOrEqual = Double(less) / count
        absoluteGreaterOrEqual = Double(absolute) / count
    }
}

/// The cells a QAP statistic runs over, and seeded permutations of the members.
struct QAPCells {
    let n: Int
    let directed: Bool
    static let chunkCount = 16

    /// The argument checks of the QAP entry points: `m` is n × n with n = `reference`'s rows, and
    /// `reference` is square.
    static func requireSquare(_ m: Matrix, like reference: Matrix, _ function: String, _ parameter: String) throws {
        let n = reference.rows
        try ArgumentError.require(reference.columns == n && m.rows == n && m.columns == n, function, parameter,
                                  "must be n × n matrices of one size (got \(reference.rows) × \(reference.columns) and \(m.rows) × \(m.columns))")
    }

    static func requirePermutations(_ permutations: Int, _ function: String) throws {
        try ArgumentError.require(permutations >= 1, function, "permutations", "must be at least 1 (got \(permutations))")
    }

    /// An MR-QAP model's arguments: at least one predictor, all matrices n × n like `y`, at least
    /// one permutation.
    static func requireDesign(_ y: Matrix, predictors: [Matrix], permutations: Int, _ function: String) throws {
        try ArgumentError.require(!predictors.isEmpty, function, "predictors", "must hold at least one matrix (got none)")
        for (index, predictor) in predictors.enumerated() {
            try requireSquare(predictor, like: y, function, "y and predictors[\(index)]")
        }
        try requirePermutations(permutations, function)
    }

    /// Number of observations: n(n − 1) directed, n(n − 1)/2 undirected.
    var count: Int { directed ? n * (n - 1) : n * (n - 1) / 2 }

    /// Calls `body(i, j)` for every cell in column-major cell order (j outer, i inner).
    func forEachCell(_ body: (Int, Int) -> Void) {
        for j in 0..<n {
            for i in 0..<(directed ? n : j) where i != j { body(i, j) }
        }
    }

    /// m's values at the cells, in cell order.
    func values(_ m: Matrix) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(count)
        forEachCell { i, j in out.append(m[i, j]) }
        return out
    }

    /// The matrix a statistic permutes: m itself when directed, the symmetric matrix of its upper
    /// triangle otherwise, so that m[π(i), π(j)] can be read without reordering the pair.
    func permutable(_ m: Matrix) -> Matrix {
        guard !directed else { return m }
        var s = m
        for j in 0..<n { for i in 0..<j { s[j, i] = m[i, j] } }
        return s
    }

    /// Writes m[π(i), π(j)] at each cell, in cell order, into `out` from position `start`; m must
    /// come from `permutable`.
    func gather(_ m: Matrix, _ pi: borrowing Scratch<Int>, into out: inout [Double], at start: Int) {
        var c = start
        for j in 0..<n {
            let column = pi[j] * n
            for i in 0..<(directed ? n : j) where i != j {
                out[c] = m.values[pi[i] + column]
                c += 1
            }
        }
    }

    /// Runs `body(permutation)` for `count` seeded permutations split over the fixed chunks and
    /// returns the results in permutation order.
    /// `body()` runs once per chunk and returns the per-permutation function, so that it can own scratch space.
    func mapPermutations<T>(_ count: Int, seed: UInt64, threads: Int, _ body: () -> (borrowing Scratch<Int>) -> T) -> [T] {
        var master = SeededGenerator(seed: seed)
        let seeds = (0..<QAPCells.chunkCount).map { _ in master.next() }
        let n = self.n
        let chunks = Parallel.map(chunks: QAPCells.chunkCount, threads: threads) { chunk -> [T] in
            var generator = SeededGenerator(seed: seeds[chunk])
            let run = body()
            var results: [T] = []
            let lower = chunk * count / QAPCells.chunkCount, upper = (chunk + 1) * count / QAPCells.chunkCount
            let permutation = Scratch<Int>(repeating: 0, count: n)
            for _ in lower..<upper {
                for v in 0..<n { permutation[v] = v }
                var i = n - 1
                while i > 0 {
                    let j = generator.int(below: i + 1)
                    let swapped = permutation[i]
                    permutation[i] = permutation[j]; permutation[j] = swapped
                    i -= 1
                }
                results.append(run(permutation))
            }
            return results
        }
        return chunks.flatMap { $0 }
    }
}

/// QAP correlation between two relations on the same n members: the Pearson correlation of
/// their off-diagonal cells (all ordered cells when directed, the upper triangle when
/// undirected), with permutation p-values from relabelling the members of `y` (rows and
/// columns together; see the notes in QAP.swift for cells, seeds and the +1 correction).
///
/// Since a permutation only reorders y's cell values, their mean and variance stay fixed and each
/// permutation costs one pass over the cells: O(P·n²). `observed` is NaN (and so are the
/// p-values) when either relation is constant over the cells. `permutationMean` and
/// `permutationStandardDeviation` summarise the P permuted correlations (standard deviation with
/// divisor P − 1, as R's `sd`; NaN when P < 2).
/// References: Hubert & Schultz (1976); Krackhardt, "Predicting with networks: nonparametric
/// multiple regression analysis of dyadic data", Social Networks 10 (1988) 359–381.
public struct QAPCorrelation: Sendable {
    /// Pearson correlation of the two relations over the cells.
    public let observed: Double
    public let pValues: PermutationPValues
    public let permutationMean: Double
    public let permutationStandardDeviation: Double
    /// Number of cells compared.
    public let observations: Int
    public let permutations: Int
    public let seed: UInt64

    public static let defaultPermutations = 1000
    public static let defaultSeed: UInt64 = 42

    /// - Parameters:
    ///   - x, y: n × n matrices of the two relations (y is the one permuted).
    ///   - directed: use all ordered off-diagonal cells; otherwise the upper triangle.
    ///   - permutations: number of random relabellings P (≥ 1).
    ///   - threads: threads to use; the result is the same for every value.
    /// - Throws: `ArgumentError` when x and y are not both n × n, or `permutations` < 1.
    public init(_ x: Matrix, _ y: Matrix, directed: Bool, permutations: Int = QAPCorrelation.defaultPermutations,
                seed: UInt64 = QAPCorrelation.defaultSeed, threads: Int = Parallel.threadCount) throws {
        try QAPCells.requireSquare(y, like: x, "QAPCorrelation", "x and y")
        try QAPCells.requirePermutations(permutations, "QAPCorrelation")
        let cells = QAPCells(n: x.rows, directed: directed)
        self.permutations = permutations
        self.seed = seed
        observations = cells.count

        // x centred at its cells and zero elsewhere; y centred and made permutable.
        let xCells = cells.values(x), yCells = cells.values(y)
        let xMean = QAPCells.mean(xCells), yMean = QAPCells.mean(yCells)
        let scale = (xCells.reduce(0) { $0 + ($1 - xMean) * ($1 - xMean) } *
                     yCells.reduce(0) { $0 + ($1 - yMean) * ($1 - yMean) }).squareRoot()
        var centredX = Matrix(rows: cells.n, columns: cells.n)
        cells.forEachCell { i, j in centredX[i, j] = x[i, j] - xMean }
        var centredY = cells.permutable(y)
        for p in centredY.values.indices { centredY.values[p] -= yMean }
        let statistic = QAPCorrelation.Statistic(x: centredX, y: centredY, directed: directed, scale: scale)

        observed = statistic.correlation(Scratch(Array(0..<cells.n)))
        let permuted = cells.mapPermutations(permutations, seed: seed, threads: threads) { statistic.correlation }
        pValues = PermutationPValues(observed: observed, permuted: permuted)
        let mean = QAPCells.mean(permuted)
        permutationMean = mean
        permutationStandardDeviation = permuted.count < 2 ? .nan :
            (permuted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(permuted.count - 1)).squareRoot()
    }

    /// Σ x̃[i, j] · ỹ[π(i), π(j)] / scale over the cells, x̃ and ỹ centred.
    final class Statistic {
        let n: Int
        let x: Scratch<Double>, y: Scratch<Double>
        let directed: Bool
        let scale: Double

        init(x: Matrix, y: Matrix, directed: Bool, scale: Double) {
            n = x.rows
            self.x = Scratch(x.values); self.y = Scratch(y.values)
            self.directed = directed; self.scale = scale
        }

        func correlation(_ pi: borrowing Scratch<Int>) -> Double {
            guard scale > 0 else { return .nan }
            var sum = 0.0
            for j in 0..<n {
                let column = pi[j] * n, xColumn = j * n
                var s = 0.0
                for i in 0..<(directed ? n : j) { s += x[i + xColumn] * y[pi[i] + column] }
                sum += s
            }
            return sum / scale
        }
    }
}

/// Multiple regression QAP (MR-QAP) of one relation on several others with Dekker, Krackhardt &
/// Snijders' double semi-partialling (DSP).
///
/// The model y_ij = β_0 + Σ_k β_k x_k,ij + ε_ij is fitted by ordinary least squares over the cells
/// (all ordered off-diagonal cells when directed, the upper triangle when undirected; see the
/// notes in QAP.swift), with the predictors and y centred so that the normal equations are well
/// conditioned (BLAS dsyrk/dgemv, Cholesky by LAPACK dposv). For predictor k, DSP regresses x_k
/// on the other predictors (with intercept), keeps the residual matrix e_k, and for each
/// permutation π refits y on the other predictors and e_k[π(i), π(j)] in place of x_k; the test
/// statistic is the t-value of that coefficient (the pivotal statistic Dekker et al. recommend),
/// and `pValues` compare the observed t-value of β_k with the P refitted ones. Every predictor
/// uses the same P permutations. The intercept is not tested.
///
/// t_k = β_k / se_k, se_k² = σ²·[(XᵀX)⁻¹]_kk, σ² = SSE / (N − K − 1). The fit throws
/// `LinearAlgebraError.notPositiveDefinite` when the predictors are collinear over the cells
/// (or constant). A refit that fails (a degenerate permutation) gives a NaN statistic, which
/// counts towards no p-value. Each refit costs O(K²·n²), so the test costs O(P·K³·n²).
///
/// References: D. Dekker, D. Krackhardt & T. A. B. Snijders, "Sensitivity of MRQAP tests to
/// collinearity and autocorrelation conditions", Psychometrika 72 (2007) 563–581; Krackhardt,
/// Social Networks 10 (1988) 359–381; sna's `netlm(nullhyp = "qapspp")`.
public struct MRQAPRegression: Sendable {
    /// One term of the fitted model.
    public struct Term: Sendable, Equatable {
        public let coefficient: Double
        public let standardError: Double
        public let tValue: Double
        /// DSP permutation p-values of the t-value; nil for the intercept.
        public let pValues: PermutationPValues?
    }

    public let intercept: Term
    /// One term per predictor matrix, in the order given.
    public let predictors: [Term]
    /// 1 − SSE / SST over the cells.
    public let rSquared: Double
    /// 1 − (1 − R²)(N − 1)/(N − K − 1).
    public let adjustedRSquared: Double
    /// Number of cells N.
    public let observations: Int
    public let permutations: Int
    public let seed: UInt64

    /// - Parameters:
    ///   - y: the n × n dependent relation.
    ///   - predictors: K ≥ 1 n × n predictor relations.
    ///   - directed: use all ordered off-diagonal cells; otherwise the upper triangle.
    ///   - permutations: permutations per predictor (≥ 1).
    ///   - threads: threads to use; the result is the same for every value.
    /// - Throws: `ArgumentError` (no predictor, a matrix not n × n like y, `permutations` < 1),
    ///   or `QAPDesignProblem` (see `designProblem`).
    public init(_ y: Matrix, predictors: [Matrix], directed: Bool, permutations: Int = QAPCorrelation.defaultPermutations,
                seed: UInt64 = QAPCorrelation.defaultSeed, threads: Int = Parallel.threadCount) throws {
        let n = y.rows, k = predictors.count
        try QAPCells.requireDesign(y, predictors: predictors, permutations: permutations, "MRQAPRegression")
        if let problem = MRQAPRegression.designProblem(y, predictors: predictors, directed: directed) { throw problem }
        let cells = QAPCells(n: n, directed: directed)
        let count = cells.count
        observations = count
        self.permutations = permutations
        self.seed = seed

        // Centred dependent vector and design (N × K, one column per predictor).
        let yCells = cells.values(y)
        let yMean = QAPCells.mean(yCells)
        let response = yCells.map { $0 - yMean }
        var design = Matrix(rows: count, columns: k)
        var means = [Double](repeating: 0, count: k)
        for (c, predictor) in predictors.enumerated() {
            let values = cells.values(predictor)
            means[c] = QAPCells.mean(values)
            for r in 0..<count { design.values[r + c * count] = values[r] - means[c] }
        }
        let fit = try OrdinaryLeastSquares(design: design, response: response)
        let freedom = Double(count - k - 1)
        let totalSquares = BLAS.dot(response, response)
        rSquared = 1 - fit.residualSquares / totalSquares
        adjustedRSquared = 1 - (1 - rSquared) * Double(count - 1) / freedom

        let sigma2 = fit.residualSquares / freedom
        let coefficients = fit.coefficients
        var interceptVariance = 1 / Double(count)
        for a in 0..<k { for b in 0..<k { interceptVariance += means[a] * fit.inverse[a, b] * means[b] } }
        let interceptValue = yMean - zip(coefficients, means).reduce(0) { $0 + $1.0 * $1.1 }
        let interceptError = (sigma2 * interceptVariance).squareRoot()
        intercept = Term(coefficient: interceptValue, standardError: interceptError, tValue: interceptValue / interceptError, pValues: nil)

        var terms: [Term] = []
        for p in 0..<k {
            let error = (sigma2 * fit.inverse[p, p]).squareRoot()
            let t = coefficients[p] / error
            let permuted = try MRQAPRegression.doubleSemiPartialling(
                predictor: p, design: design, response: response, cells: cells,
                permutations: permutations, seed: seed, threads: threads)
            terms.append(Term(coefficient: coefficients[p], standardError: error, tValue: t,
                              pValues: PermutationPValues(observed: t, permuted: permuted)))
        }
        self.predictors = terms
    }

    /// Why the model cannot be fitted, or nil: too few cells, a relation that is the same in every
    /// cell (no variance to explain or to explain with), or a predictor that is a linear
    /// combination of the ones before it over the cells (the same relation twice, say), which
    /// leaves its coefficient undetermined. Each predictor is regressed on the earlier ones; it is
    /// collinear when the residual keeps less than 10⁻⁹ of its sum of squares. O(K³ + K²·N).
    public static func designProblem(_ y: Matrix, predictors: [Matrix], directed: Bool) -> QAPDesignProblem? {
        let cells = QAPCells(n: y.rows, directed: directed)
        guard cells.count > predictors.count + 1 else { return .tooFewCells(needed: predictors.count + 2, found: cells.count) }
        func isConstant(_ values: [Double]) -> Bool { values.allSatisfy { $0 == values[0] } }
        if isConstant(cells.values(y)) { return .constantDependent }
        var centred = Matrix(rows: cells.count, columns: predictors.count)
        for (p, predictor) in predictors.enumerated() {
            let values = cells.values(predictor)
            if isConstant(values) { return .constantPredictor(index: p) }
            let mean = QAPCells.mean(values)
            let column = values.map { $0 - mean }
            centred.values.replaceSubrange((p * cells.count)..<((p + 1) * cells.count), with: column)
            guard p > 0 else { continue }
            let earlier = Matrix(rows: cells.count, columns: p, columnMajor: Array(centred.values[0..<(p * cells.count)]))
            guard let fit = try? OrdinaryLeastSquares(design: earlier, response: column),
                  fit.residualSquares > 1e-9 * BLAS.dot(column, column) else { return .collinearPredictor(index: p) }
        }
        return nil
    }

    /// The t-values of predictor p's coefficient when x_p is replaced by its permuted residual on
    /// the other predictors, one per permutation.
    static func doubleSemiPartialling(predictor p: Int, design: Matrix, response: [Double], cells: QAPCells,
                                      permutations: Int, seed: UInt64, threads: Int) throws -> [Double] {
        let count = design.rows, k = design.columns
        let residual = try partialledResidual(predictor: p, design: design, cells: cells)
        return permutedStatistics(residual: residual, replacing: p, in: design, cells: cells, permutations: permutations,
                                  seed: seed, threads: threads) { trial in
            guard let refit = try? OrdinaryLeastSquares(design: trial, response: response) else { return .nan }
            let sigma2 = refit.residualSquares / Double(count - k - 1)
            return refit.coefficients[p] / (sigma2 * refit.inverse[p, p]).squareRoot()
        }
    }

    /// Dekker et al.'s residual of predictor p on the other predictors (the columns of the
    /// centred N × K `design`; the intercept is implicit), as the n × n matrix it stands for
    /// (both triangles when undirected), to be read permuted.
    static func partialledResidual(predictor p: Int, design: Matrix, cells: QAPCells) throws -> Matrix {
        let count = design.rows, k = design.columns
        var residual = design.column(p)
        if k > 1 {
            var others = Matrix(rows: count, columns: k - 1)
            var c = 0
            for q in 0..<k where q != p {
                others.values.replaceSubrange((c * count)..<((c + 1) * count), with: design.values[(q * count)..<((q + 1) * count)])
                c += 1
            }
            let partial = try OrdinaryLeastSquares(design: others, response: residual)
            BLAS.gemv(others, partial.coefficients, alpha: -1, beta: 1, into: &residual)
        }
        var residualMatrix = Matrix(rows: cells.n, columns: cells.n)
        var r = 0
        cells.forEachCell { i, j in
            residualMatrix[i, j] = residual[r]
            if !cells.directed { residualMatrix[j, i] = residual[r] }
            r += 1
        }
        return residualMatrix
    }

    /// `statistic(trial)` for each seeded permutation π, where `trial` is `design` with column
    /// `column` replaced by residual[π(i), π(j)] at the cells: the DSP null distribution of any
    /// regression statistic (OLS t here, the logistic model's z in `LogisticQAPRegression`).
    static func permutedStatistics(residual: Matrix, replacing column: Int, in design: Matrix, cells: QAPCells,
                                   permutations: Int, seed: UInt64, threads: Int,
                                   statistic: @escaping (Matrix) -> Double) -> [Double] {
        let count = design.rows
        return cells.mapPermutations(permutations, seed: seed, threads: threads) {
            var trial = design
            return { permutation in
                cells.gather(residual, permutation, into: &trial.values, at: column * count)
                return statistic(trial)
            }
        }
    }
}

/// Why an MR-QAP model cannot be fitted (see `MRQAPRegression.designProblem`); predictors are
/// numbered from 0 in the order given.
public enum QAPDesignProblem: Error, Equatable, Sendable, CustomStringConvertible {
    case tooFewCells(needed: Int, found: Int)
    case constantDependent
    case constantPredictor(index: Int)
    /// Predictor `index` is a linear combination of the predictors before it.
    case collinearPredictor(index: Int)
    /// Logistic MR-QAP: the dependent relation holds a value other than 0 and 1.
    case dependentNotBinary
    /// Logistic MR-QAP: the maximum-likelihood fit does not exist (a predictor separates ties
    /// from non-ties, so a coefficient runs off to infinity) or did not converge.
    case logisticFitFailed

    public var description: String {
        switch self {
        case .dependentNotBinary: return "logistic MR-QAP needs a dependent relation of 0s and 1s"
        case .logisticFitFailed: return "the logistic fit does not converge (a predictor separates ties from non-ties completely)"
        case let .tooFewCells(needed, found): return "MR-QAP needs at least \(needed) cells (pairs of members), found \(found)"
        case .constantDependent: return "the dependent relation has the same value for every pair of members"
        case let .constantPredictor(index): return "predictor \(index + 1) has the same value for every pair of members"
        case let .collinearPredictor(index): return "predictor \(index + 1) is a linear combination of the predictors before it (collinear)"
        }
    }
}

/// Ordinary least squares without intercept on an N × K design (the caller centres the columns):
/// β = (XᵀX)⁻¹Xᵀy by Cholesky, with (XᵀX)⁻¹ and the residual sum of squares.
struct OrdinaryLeastSquares {
    let coefficients: [Double]
    let inverse: Matrix
    let residualSquares: Double

    init(design x: Matrix, response y: [Double]) throws {
        let k = x.columns
        let gram = BLAS.syrk(x, trans: .transpose)
        // Right-hand sides [Xᵀy | I]: the coefficients and the inverse in one solve.
        let rightHand = Matrix(rows: k, columns: k + 1,
                               columnMajor: BLAS.product(x, vector: y, trans: .transpose) + Matrix.identity(k).values)
        let solution = try LinearSolve.positiveDefinite(gram, rightHand)
        coefficients = solution.column(0)
        inverse = Matrix(rows: k, columns: k, columnMajor: Array(solution.values[k...]))
        var residual = y
        BLAS.gemv(x, coefficients, alpha: -1, beta: 1, into: &residual)
        residualSquares = BLAS.dot(residual, residual)
    }
}

extension QAPCells {
    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }
}
