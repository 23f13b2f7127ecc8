import ArgumentParser
import Foundation
import LinearAlgebra
import WeftAnalysis
import WeftIO
import WeftReport

/// `weft qap`: compares relations among the same members with the quadratic assignment
/// procedure — QAP correlation for one predictor, MR-QAP regression (Dekker's double
/// semi-partialling) for several.
struct QAPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qap",
        abstract: "Compare relations among the same members: QAP correlation and MR-QAP regression with permutation p-values.",
        discussion: """
        A RELATION is one of: all (every interaction in the window), type:LABEL[+LABEL…] (interactions of \
        those types), window:FROM..TO (interactions between two dates, e.g. a survey wave), co-attendance \
        (shared events), same:ATTRIBUTE (1 for two members with the same value, e.g. same:country), \
        survey:RELATION[@WAVE] (survey nominations, e.g. survey:advice@baseline; default the last wave).
        Example: weft qap SampleData --dependent type:call --predictor type:message --predictor same:country
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var window: WindowOptions

    @Option(help: "The relation to explain (RELATION).")
    var dependent: String

    @Option(help: "A relation that may explain it (RELATION; repeat for MR-QAP).")
    var predictor: [String] = []

    @Flag(help: "Use 1 for every tie instead of its weight.")
    var binary = false

    @Option(parsing: .unconditional, help: "Number of permutations.")
    var permutations = QAPCorrelation.defaultPermutations

    @Option(parsing: .unconditional, help: "Seed for the permutations.")
    var seed: UInt64 = QAPCorrelation.defaultSeed

    @Option(help: "Also write the results as JSON to this file.")
    var out: String?

    /// Largest network QAP runs on: each relation is a dense n × n matrix (8n² bytes).
    static let memberLimit = 5_000

    func validate() throws {
        if predictor.isEmpty { throw ValidationError("give at least one --predictor") }
        for (k, text) in predictor.enumerated() where predictor[..<k].contains(text) || text == dependent {
            throw ValidationError("--predictor \(text) is \(text == dependent ? "the dependent relation" : "given twice"); name each relation once")
        }
        if permutations < 1 { throw ValidationError("--permutations must be at least 1") }
        for text in [dependent] + predictor { _ = try relation(text) }
    }

    private func relation(_ text: String) throws -> Relation {
        do { return try Relation(parsing: text) } catch let e as Relation.ParseError { throw ValidationError(e.description) }
    }

    func run() throws {
        let span = try window.window()
        if let out { try input.inputFiles().check(output: out) }
        let dataset = try input.load(progress: Progress())
        let n = dataset.members.count
        guard n <= QAPCommand.memberLimit else {
            throw CommandFailure(message: "error: QAP works on dense matrices; \(n) members is above the limit of \(QAPCommand.memberLimit)", exitCode: 1)
        }
        let directed = !input.undirected
        func matrix(_ text: String) throws -> Matrix {
            do {
                return try relation(text).matrix(dataset, window: span, undirected: input.undirected, binary: binary)
            } catch let e as Relation.ParseError {
                throw ValidationError(e.description)
            }
        }
        // Survey relations hold only among the members present at their waves: the comparison
        // runs over the members present at every wave named, the dyads observable in all.
        var kept = [Bool](repeating: true, count: n)
        for text in [dependent] + predictor {
            let present: [Bool]?
            do { present = try relation(text).presentMembers(dataset) } catch let e as Relation.ParseError { throw ValidationError(e.description) }
            for v in 0..<n where present.map({ !$0[v] }) ?? false { kept[v] = false }
        }
        let members = (0..<n).filter { kept[$0] }
        func restricted(_ m: Matrix) -> Matrix { members.count == n ? m : m.restricted(to: members) }
        let y = restricted(try matrix(dependent))
        let xs = try predictor.map { restricted(try matrix($0)) }
        if members.count < n {
            print("members: \(members.count) of \(n), those present at every survey wave named (the dyads observable in all of them); \(n - members.count) not yet joined or already left are left out")
        }
        if let problem = MRQAPRegression.designProblem(y, predictors: xs, directed: directed) {
            throw CommandFailure(message: "error: QAP: " + explain(problem), exitCode: 1)
        }
        var result = QAPResult(dependent: dependent, predictors: predictor, directed: directed, binary: binary,
                               permutations: permutations, seed: seed, members: members.count, membersLeftOut: n - members.count)
        if xs.count == 1 {
            let c = QAPCorrelation(xs[0], y, directed: directed, permutations: permutations, seed: seed)
            result.correlation = .init(observed: c.observed, pGreaterOrEqual: c.pValues.greaterOrEqual,
                                       pLessOrEqual: c.pValues.lessOrEqual, pAbsolute: c.pValues.absoluteGreaterOrEqual,
                                       permutationMean: c.permutationMean, permutationSd: c.permutationStandardDeviation)
            print("QAP correlation \(dependent) ~ \(predictor[0]): r = \(format(c.observed)), p(≥) = \(format(c.pValues.greaterOrEqual)), p(≤) = \(format(c.pValues.lessOrEqual)), p(|r|) = \(format(c.pValues.absoluteGreaterOrEqual)) (\(permutations) permutations, \(c.observations) cells)")
        }
        let regression: MRQAPRegression
        do {
            regression = try MRQAPRegression(y, predictors: xs, directed: directed, permutations: permutations, seed: seed)
        } catch let problem as QAPDesignProblem {
            throw CommandFailure(message: "error: MR-QAP: " + explain(problem), exitCode: 1)
        }
        result.regression = .init(
            intercept: regression.intercept.coefficient, rSquared: regression.rSquared,
            adjustedRSquared: regression.adjustedRSquared, observations: regression.observations,
            terms: zip(predictor, regression.predictors).map { name, term in
                .init(relation: name, coefficient: term.coefficient, standardError: term.standardError, t: term.tValue,
                      pGreaterOrEqual: term.pValues?.greaterOrEqual, pLessOrEqual: term.pValues?.lessOrEqual,
                      pAbsolute: term.pValues?.absoluteGreaterOrEqual)
            })
        print("MR-QAP (double semi-partialling) \(dependent): R² = \(format(regression.rSquared)), adjusted \(format(regression.adjustedRSquared)), intercept \(format(regression.intercept.coefficient))")
        print("  predictor                      coefficient   std.error           t    p(|t|)")
        for term in result.regression!.terms {
            print("  " + term.relation.padding(toLength: 28, withPad: " ", startingAt: 0)
                  + [term.coefficient, term.standardError, term.t].map { pad(format($0), 12) }.joined()
                  + pad(term.pAbsolute.map(format) ?? "-", 10))
        }
        if let out { try ReportWriters.writeJSON(result, to: out) }
    }

    /// A design problem in the relations' own names, with what to do.
    private func explain(_ problem: QAPDesignProblem) -> String {
        let window = "in the window analysed"
        switch problem {
        case .tooFewCells: return "\(problem); add members or widen the window"
        case .constantDependent:
            return "the dependent relation \(dependent) has the same value for every pair of members \(window) (no ties at all?); nothing varies to explain"
        case let .constantPredictor(index):
            return "the predictor \(predictor[index]) has the same value for every pair of members \(window) (no ties at all?); drop it or widen the window"
        case let .collinearPredictor(index):
            let earlier = predictor[..<index].joined(separator: ", ")
            return "the predictor \(predictor[index]) is collinear with \(earlier) (it is a linear combination of \(index == 1 ? "it" : "them") over the pairs of members), so their coefficients cannot be told apart; drop one"
        }
    }

    private func format(_ x: Double) -> String { String(format: "%.4f", x) }
    private func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
}

/// `weft qap --out`'s JSON (Schemas/qap.schema.json); a value that does not apply is null.
struct QAPResult: Encodable {
    struct Correlation: Codable, Sendable, Equatable {
        var observed: Double
        var pGreaterOrEqual: Double
        var pLessOrEqual: Double
        var pAbsolute: Double
        var permutationMean: Double
        var permutationSd: Double

        enum CodingKeys: String, CodingKey {
            case observed
            case pGreaterOrEqual = "p_greater_or_equal", pLessOrEqual = "p_less_or_equal", pAbsolute = "p_absolute"
            case permutationMean = "permutation_mean", permutationSd = "permutation_sd"
        }
    }

    struct Term: Codable, Sendable, Equatable {
        var relation: String
        var coefficient: Double
        var standardError: Double
        var t: Double
        @NullCoded var pGreaterOrEqual: Double?
        @NullCoded var pLessOrEqual: Double?
        @NullCoded var pAbsolute: Double?

        enum CodingKeys: String, CodingKey {
            case relation, coefficient, t
            case standardError = "standard_error", pGreaterOrEqual = "p_greater_or_equal"
            case pLessOrEqual = "p_less_or_equal", pAbsolute = "p_absolute"
        }
    }

    struct Regression: Codable, Sendable, Equatable {
        var intercept: Double
        var rSquared: Double
        var adjustedRSquared: Double
        var observations: Int
        var terms: [Term]

        enum CodingKeys: String, CodingKey {
            case intercept, observations, terms
            case rSquared = "r_squared", adjustedRSquared = "adjusted_r_squared"
        }
    }

    var dependent: String
    var predictors: [String]
    var directed: Bool
    var binary: Bool
    var permutations: Int
    var seed: UInt64
    /// Members compared: those present at every survey wave named (all members without survey relations).
    var members: Int
    /// Members left out as not yet joined or already left at a survey wave named.
    var membersLeftOut: Int
    @NullCoded var correlation: Correlation? = nil
    @NullCoded var regression: Regression? = nil

    enum CodingKeys: String, CodingKey {
        case dependent, predictors, directed, binary, permutations, seed, members, correlation, regression
        case membersLeftOut = "members_left_out"
    }
}
