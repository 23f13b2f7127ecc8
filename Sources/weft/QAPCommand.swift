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
        diff:ATTRIBUTE (|difference| of a numeric attribute), sender:ATTRIBUTE and receiver:ATTRIBUTE \
        (the sender's or the receiver's value: sender and receiver effects), \
        survey:RELATION[@WAVE] (survey nominations, e.g. survey:advice@baseline; default the last wave).
        Example: weft qap SampleData --dependent type:call --predictor type:message --predictor same:country
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var window: WindowOptions

    @Option(help: "The relation to explain (RELATION).", transform: RelationArgument.init(parsing:))
    var dependent: RelationArgument

    @Option(help: "A relation that may explain it (RELATION; repeat for MR-QAP).", transform: RelationArgument.init(parsing:))
    var predictor: [RelationArgument] = []

    @Flag(help: "Use 1 for every tie instead of its weight; the regression is then logistic (as sna's netlogit).")
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
        for (k, given) in predictor.enumerated() where predictor[..<k].contains(given) || given == dependent {
            throw ValidationError("--predictor \(given) is \(given == dependent ? "the dependent relation" : "given twice"); name each relation once")
        }
        if permutations < 1 { throw ValidationError("--permutations must be at least 1") }
        if input.undirected, let given = predictor.first(where: \.isSenderOrReceiver) {
            throw ValidationError("--predictor \(given): sender and receiver effects need directed relations; leave out --undirected")
        }
        if dependent.isNumericAttribute {
            throw ValidationError("--dependent \(dependent): an attribute relation is a predictor; name a relation of ties to explain")
        }
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
        func matrix(_ given: RelationArgument) throws -> Matrix {
            do {
                return try given.relation.matrix(dataset, window: span, undirected: input.undirected, binary: binary)
            } catch let e as Relation.ParseError {
                throw ValidationError(e.description)
            }
        }
        // Survey relations hold only among the members present at their waves: the comparison
        // runs over the members present at every wave named, the dyads observable in all.
        var kept = [Bool](repeating: true, count: n)
        for given in [dependent] + predictor {
            let present: [Bool]?
            do { present = try given.relation.presentMembers(dataset) } catch let e as Relation.ParseError { throw ValidationError(e.description) }
            for v in 0..<n where present.map({ !$0[v] }) ?? false { kept[v] = false }
        }
        let members = (0..<n).filter { kept[$0] }
        func restricted(_ m: Matrix) -> Matrix { members.count == n ? m : m.restricted(to: members) }
        let y = restricted(try matrix(dependent))
        let xs = try predictor.map { restricted(try matrix($0)) }
        if members.count < n {
            let numeric = ([dependent] + predictor).contains(where: \.isNumericAttribute)
            let surveyed = ([dependent] + predictor).contains(where: \.isSurvey)
            let why = [surveyed ? "present at every survey wave named (the dyads observable in all of them)" : nil,
                       numeric ? "with a number for every numeric attribute named" : nil].compactMap { $0 }.joined(separator: " and ")
            print("members: \(members.count) of \(n), those \(why); \(n - members.count) others are left out")
        }
        if let problem = MRQAPRegression.designProblem(y, predictors: xs, directed: directed) {
            throw CommandFailure(message: "error: QAP: " + explain(problem), exitCode: 1)
        }
        var result = QAPResult(dependent: dependent.text, predictors: predictor.map(\.text), directed: directed, binary: binary,
                               permutations: permutations, seed: seed, members: members.count, membersLeftOut: n - members.count)
        result.generator = .init(version: Weft.version)
        result.arguments = RelativePath.arguments(Array(CommandLine.arguments.dropFirst()), from: input.dataFolder,
                                                  pathOptions: AnalyzeCommand.pathOptions, positional: input.data, omitted: ["--out"])
        result.settings = Report.Settings(unknownMembers: input.unknownMembers.rawValue, waveDates: [:])
        result.inputs = Report.Input.all(dataset, dataFolder: input.dataFolder)
        result.responseRates = try ([dependent] + predictor).compactMap { given -> QAPResult.ResponseRate? in
            guard case .survey(let selection) = given.relation else { return nil }
            let wave = try selection.resolve(dataset.survey).wave
            let m = SurveyWaveMembership(dataset: dataset, wave: wave)
            return .init(relation: given.text, wave: m.label, members: m.presentCount, respondents: m.respondentCount,
                         responseRate: m.presentCount == 0 ? nil : Double(m.respondentCount) / Double(m.presentCount))
        }
        if xs.count == 1 {
            let c = try QAPCorrelation(xs[0], y, directed: directed, permutations: permutations, seed: seed)
            result.correlation = .init(observed: c.observed, pGreaterOrEqual: c.pValues.greaterOrEqual,
                                       pLessOrEqual: c.pValues.lessOrEqual, pAbsolute: c.pValues.absoluteGreaterOrEqual,
                                       permutationMean: c.permutationMean, permutationSd: c.permutationStandardDeviation)
            print("QAP correlation \(dependent) ~ \(predictor[0]): r = \(format(c.observed)), p(≥) = \(format(c.pValues.greaterOrEqual)), p(≤) = \(format(c.pValues.lessOrEqual)), p(|r|) = \(format(c.pValues.absoluteGreaterOrEqual)) (\(permutations) permutations, \(c.observations) cells)")
        }
        do {
            result.regression = binary
                ? .init(try LogisticQAPRegression(y, predictors: xs, directed: directed, permutations: permutations, seed: seed), names: predictor.map(\.text))
                : .init(try MRQAPRegression(y, predictors: xs, directed: directed, permutations: permutations, seed: seed), names: predictor.map(\.text))
        } catch let problem as QAPDesignProblem {
            throw CommandFailure(message: "error: MR-QAP: " + explain(problem), exitCode: 1)
        }
        let regression = result.regression!
        if binary {
            print("Logistic MR-QAP (double semi-partialling) \(dependent): deviance \(format(regression.deviance!)), null deviance \(format(regression.nullDeviance!)), AIC \(format(regression.aic!)), intercept \(format(regression.intercept))")
        } else {
            print("MR-QAP (double semi-partialling) \(dependent): R² = \(format(regression.rSquared!)), adjusted \(format(regression.adjustedRSquared!)), intercept \(format(regression.intercept))")
        }
        // The predictor column is as wide as the longest name: names are never cut.
        let nameWidth = max(28, predictor.map(\.text.count).max() ?? 0)
        let statistic = binary ? "z" : "t"
        print("  " + "predictor".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  coefficient   std.error           \(statistic)    p(|\(statistic)|)")
        for term in regression.terms {
            print("  " + term.relation.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
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
            let earlier = predictor[..<index].map(\.text).joined(separator: ", ")
            return "the predictor \(predictor[index]) is collinear with \(earlier) (it is a linear combination of \(index == 1 ? "it" : "them") over the pairs of members), so their coefficients cannot be told apart; drop one"
        case .dependentNotBinary:
            return "\(problem); --binary makes every tie 1"
        case .logisticFitFailed:
            return "\(problem); drop the predictor that separates them, or leave out --binary for the linear model"
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
    }

    struct Term: Codable, Sendable, Equatable {
        var relation: String
        var coefficient: Double
        var standardError: Double
        var t: Double
        @NullCoded var pGreaterOrEqual: Double?
        @NullCoded var pLessOrEqual: Double?
        @NullCoded var pAbsolute: Double?
    }

    /// The regression: OLS (`model` "ols": R², t-values) or, with --binary, logistic
    /// (`model` "logistic": deviance, AIC, BIC, z-values in `t`); what does not apply is null.
    struct Regression: Codable, Sendable, Equatable {
        var model: String
        var intercept: Double
        @NullCoded var rSquared: Double?
        @NullCoded var adjustedRSquared: Double?
        @NullCoded var deviance: Double?
        @NullCoded var nullDeviance: Double?
        @NullCoded var aic: Double?
        @NullCoded var bic: Double?
        var observations: Int
        var terms: [Term]

        static func terms(_ names: [String], _ fitted: [MRQAPRegression.Term]) -> [Term] {
            zip(names, fitted).map { name, term in
                .init(relation: name, coefficient: term.coefficient, standardError: term.standardError, t: term.tValue,
                      pGreaterOrEqual: term.pValues?.greaterOrEqual, pLessOrEqual: term.pValues?.lessOrEqual,
                      pAbsolute: term.pValues?.absoluteGreaterOrEqual)
            }
        }

        init(_ r: MRQAPRegression, names: [String]) {
            (model, intercept, rSquared, adjustedRSquared, observations) = ("ols", r.intercept.coefficient, r.rSquared, r.adjustedRSquared, r.observations)
            terms = Regression.terms(names, r.predictors)
        }

        init(_ r: LogisticQAPRegression, names: [String]) {
            (model, intercept, deviance, nullDeviance, aic, bic, observations) =
                ("logistic", r.intercept.coefficient, r.deviance, r.nullDeviance, r.aic, r.bic, r.observations)
            terms = Regression.terms(names, r.predictors)
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
    /// Provenance: the binary, the command line (paths relative to the data folder, `--out`
    /// left out), the settings that change the figures, the inputs with their SHA-256, and the
    /// response rate of every survey relation compared.
    var generator = Report.Generator(version: "")
    var arguments: [String] = []
    var settings = Report.Settings(unknownMembers: "add", waveDates: [:])
    var inputs: [Report.Input] = []
    var responseRates: [ResponseRate] = []

    /// The response rate of a survey relation's wave: respondents / members present at it.
    struct ResponseRate: Codable, Sendable, Equatable {
        var relation: String
        var wave: String
        var members: Int
        var respondents: Int
        @NullCoded var responseRate: Double?
    }
}

/// A relation as written on the command line (`--dependent`, `--predictor`): parsed once, when the
/// arguments are read, and kept with its text, which the outputs show as the user wrote it.
struct RelationArgument: Equatable, CustomStringConvertible {
    let text: String
    let relation: Relation

    /// Parses `text`; a relation that does not parse is a usage error that says why.
    init(parsing text: String) throws {
        do { relation = try Relation(parsing: text) } catch let e as Relation.ParseError { throw ValidationError(e.description) }
        self.text = text
    }

    var description: String { text }

    static func == (a: RelationArgument, b: RelationArgument) -> Bool { a.text == b.text }

    /// `sender:` or `receiver:`: an effect of one member's attribute value.
    var isSenderOrReceiver: Bool {
        switch relation { case .sender, .receiver: return true; default: return false }
    }

    /// `diff:`, `sender:` or `receiver:`: a relation built from a numeric member attribute.
    var isNumericAttribute: Bool {
        if case .difference = relation { return true }
        return isSenderOrReceiver
    }

    var isSurvey: Bool {
        if case .survey = relation { return true }
        return false
    }
}
