import Foundation
import LinearAlgebra
import WeftGraph

/// Logistic MR-QAP: logistic regression of a binary relation on several others, tested by
/// Dekker, Krackhardt & Snijders' double semi-partialling (DSP) — what sna's
/// `netlogit(y, x, nullhyp = "qapspp", test.statistic = "z-value")` computes.
///
/// The model P(y_ij = 1) = 1 / (1 + exp(−β_0 − Σ_k β_k x_k,ij)) is fitted by maximum likelihood
/// over the cells (all ordered off-diagonal cells when directed, the upper triangle when
/// undirected; see the notes in QAP.swift) with iteratively reweighted least squares: Newton's
/// method from β = 0, each step a weighted least-squares solve (Cholesky) with weights
/// μ(1 − μ), until the deviance changes by less than 10⁻¹² relative (at most 100 steps).
/// Standard errors are √[(XᵀWX)⁻¹]_kk at the optimum, z_k = β_k / se_k. A fit with a fitted
/// probability within 10⁻¹³ of 0 or 1 is refused (`QAPDesignProblem.logisticFitFailed`): the
/// data separate ties from non-ties and the estimates are not finite. For predictor k the
/// permutation test is the one of `MRQAPRegression`: x_k is replaced by its residual on the other
/// predictors (least squares, with intercept), permuted with the members, and the model refitted;
/// the statistic is the refit's z-value, and `pValues` compare the observed z with the P refitted
/// ones (+1 correction; a refit that fails is NaN and counts towards no p-value).
///
/// - `deviance` = −2 Σ [y log μ + (1 − y) log(1 − μ)] at the optimum;
/// - `nullDeviance`: the same for the intercept-only model, −2N[ȳ log ȳ + (1 − ȳ) log(1 − ȳ)]
///   (R's `glm`; sna's netlogit reports instead the deviance of μ = 1/2, 2N log 2);
/// - `aic` = deviance + 2(K + 1), `bic` = deviance + (K + 1) log N (sna's).
///
/// Each fit costs O(iterations · N · K²); the test O(P · K · iterations · N · K²). Coefficients,
/// standard errors and deviance are checked against sna 2.7-1 (scripts/sna_netlogit_reference.R).
/// References: Dekker et al., Psychometrika 72 (2007) 563–581; C. T. Butts, sna's `netlogit`;
/// P. McCullagh & J. A. Nelder, *Generalized Linear Models*, 2nd ed., Chapman & Hall 1989, §4.4.
public struct LogisticQAPRegression: Sendable {
    public typealias Term = MRQAPRegression.Term

    /// The intercept (its `tValue` is the z-value; not tested).
    public let intercept: Term
    /// One term per predictor, in the order given; `tValue` holds the Wald z-value.
    public let predictors: [Term]
    public let deviance: Double
    public let nullDeviance: Double
    public let aic: Double
    public let bic: Double
    /// Number of cells N.
    public let observations: Int
    /// Newton steps of the observed fit.
    public let iterations: Int
    public let permutations: Int
    public let seed: UInt64

    /// - Parameters:
    ///   - y: the n × n dependent relation, 0 or 1 in every cell compared.
    ///   - predictors: K ≥ 1 n × n predictor relations.
    ///   - directed: use all ordered off-diagonal cells; otherwise the upper triangle.
    ///   - permutations: permutations per predictor (≥ 1).
    ///   - threads: threads to use; the result is the same for every value.
    /// - Throws: `ArgumentError` (no predictor, a matrix not n × n like y, `permutations` < 1), or
    ///   `QAPDesignProblem` (`.dependentNotBinary`, `.logisticFitFailed`, or the design problems of
    ///   `MRQAPRegression.designProblem`).
    public init(_ y: Matrix, predictors: [Matrix], directed: Bool, permutations: Int = QAPCorrelation.defaultPermutations,
                seed: UInt64 = QAPCorrelation.defaultSeed, threads: Int = Parallel.threadCount) throws {
        let n = y.rows, k = predictors.count
        try QAPCells.requireDesign(y, predictors: predictors, permutations: permutations, "LogisticQAPRegression")
        if let problem = MRQAPRegression.designProblem(y, predictors: predictors, directed: directed) { throw problem }
        let cells = QAPCells(n: n, directed: directed)
        let response = cells.values(y)
        guard response.allSatisfy({ $0 == 0 || $0 == 1 }) else { throw QAPDesignProblem.dependentNotBinary }
        let count = cells.count
        observations = count
        self.permutations = permutations
        self.seed = seed

        // Design with the intercept first: [1 | x_1 … x_K] as given (uncentred, as sna's), and
        // the centred predictors for the DSP residuals.
        var design = Matrix(rows: count, columns: k + 1, repeating: 1)
        var centred = Matrix(rows: count, columns: k)
        for (c, predictor) in predictors.enumerated() {
            let values = cells.values(predictor)
            let mean = QAPCells.mean(values)
            design.values.replaceSubrange(((c + 1) * count)..<((c + 2) * count), with: values)
            centred.values.replaceSubrange((c * count)..<((c + 1) * count), with: values.map { $0 - mean })
        }
        guard let fit = LogisticFit(design: design, response: response), !fit.separates else { throw QAPDesignProblem.logisticFitFailed }
        deviance = fit.deviance
        let rate = QAPCells.mean(response)
        nullDeviance = -2 * Double(count) * (rate * log(rate) + (1 - rate) * log(1 - rate))
        aic = deviance + 2 * Double(k + 1)
        bic = deviance + Double(k + 1) * log(Double(count))
        iterations = fit.iterations

        func term(_ c: Int, _ pValues: PermutationPValues?) -> Term {
            let error = fit.inverse[c, c].squareRoot()
            return Term(coefficient: fit.coefficients[c], standardError: error, tValue: fit.coefficients[c] / error, pValues: pValues)
        }
        intercept = term(0, nil)
        var terms: [Term] = []
        for p in 0..<k {
            let residual = try MRQAPRegression.partialledResidual(predictor: p, design: centred, cells: cells)
            let permuted = MRQAPRegression.permutedStatistics(residual: residual, replacing: p + 1, in: design, cells: cells,
                                                              permutations: permutations, seed: seed, threads: threads) { trial in
                guard let refit = LogisticFit(design: trial, response: response) else { return .nan }
                return refit.coefficients[p + 1] / refit.inverse[p + 1, p + 1].squareRoot()
            }
            let observed = fit.coefficients[p + 1] / fit.inverse[p + 1, p + 1].squareRoot()
            terms.append(term(p + 1, PermutationPValues(observed: observed, permuted: permuted)))
        }
        self.predictors = terms
    }
}

/// A logistic regression fitted by iteratively reweighted least squares (see
/// `LogisticQAPRegression`); nil when a step fails (XᵀWX not positive definite, as under
/// complete separation) or the deviance does not settle within `maximumSteps`.
struct LogisticFit {
    let coefficients: [Double]
    /// (XᵀWX)⁻¹ at the optimum: the coefficients' covariance.
    let inverse: Matrix
    let deviance: Double
    let iterations: Int
    /// Whether some cell's fitted probability is within e^−30 (about 10⁻¹³) of 0 or 1: the mark
    /// of (quasi-)complete separation, where the likelihood has no maximum and IRLS only
    /// converges because the deviance stops changing (R's glm warns "fitted probabilities
    /// numerically 0 or 1 occurred"). The observed fit is refused then; refits are kept.
    let separates: Bool

    static let maximumSteps = 100
    static let tolerance = 1e-12

    init?(design x: Matrix, response y: [Double]) {
        let count = x.rows, k = x.columns
        var beta = [Double](repeating: 0, count: k)
        var eta = [Double](repeating: 0, count: count)
        var previous = Double.infinity
        var weighted = x
        var target = [Double](repeating: 0, count: count)
        for step in 1...LogisticFit.maximumSteps {
            // Working weights w = μ(1 − μ) and response z = η + (y − μ)/w, as √w·X and √w·z.
            for r in 0..<count {
                let mu = 1 / (1 + exp(-eta[r]))
                let w = mu * (1 - mu)
                guard w > 1e-300 else { return nil }
                let root = w.squareRoot()
                target[r] = root * (eta[r] + (y[r] - mu) / w)
                for c in 0..<k { weighted.values[r + c * count] = root * x.values[r + c * count] }
            }
            guard let solve = try? OrdinaryLeastSquares(design: weighted, response: target) else { return nil }
            beta = solve.coefficients
            eta = [Double](repeating: 0, count: count)
            BLAS.gemv(x, beta, alpha: 1, beta: 0, into: &eta)
            let deviance = LogisticFit.deviance(eta: eta, response: y)
            guard deviance.isFinite else { return nil }
            if abs(deviance - previous) <= LogisticFit.tolerance * (abs(deviance) + 0.1) {
                // The covariance at the optimum: one more weighting at the final η.
                for r in 0..<count {
                    let mu = 1 / (1 + exp(-eta[r]))
                    let root = (mu * (1 - mu)).squareRoot()
                    for c in 0..<k { weighted.values[r + c * count] = root * x.values[r + c * count] }
                }
                guard let final = try? OrdinaryLeastSquares(design: weighted, response: target) else { return nil }
                coefficients = beta
                inverse = final.inverse
                self.deviance = deviance
                iterations = step
                separates = eta.contains { abs($0) > 30 }
                return
            }
            previous = deviance
        }
        return nil
    }

    /// −2 Σ [y log μ + (1 − y) log(1 − μ)] with μ = 1/(1 + e^−η), computed as
    /// 2 Σ log(1 + e^{∓η}) so that it stays exact for large |η|.
    static func deviance(eta: [Double], response y: [Double]) -> Double {
        var sum = 0.0
        for (e, value) in zip(eta, y) {
            let signed = value == 1 ? -e : e   // −log μ = log(1 + e^−η), −log(1 − μ) = log(1 + e^η)
            sum += signed > 0 ? signed + log1p(exp(-signed)) : log1p(exp(signed))
        }
        return 2 * sum
    }
}
