import ArgumentParser
import Foundation
import WeftAnalysis
import WeftGraph
import WeftIO
import WeftReport

extension NetworkKind: ExpressibleByArgument {}
extension KernelPath: ExpressibleByArgument {}
extension SurveySymmetrisation: ExpressibleByArgument {}

/// `--communities`: a community method or none.
enum CommunityChoice: String, ExpressibleByArgument, CaseIterable {
    case leiden, louvain, none

    /// The method to run; nil for `none`.
    var method: Communities.Method? {
        switch self {
        case .leiden: return .leiden
        case .louvain: return .louvain
        case .none: return nil
        }
    }
}

/// `--network`: a network kind, and for `survey:RELATION[+RELATION…][@WAVE]` the survey layer,
/// parsed once from the option's text.
struct NetworkChoice: Sendable {
    var kind: NetworkKind
    /// The survey layer; set exactly when `kind` is `.survey`.
    var survey: SurveySelection?

    init(kind: NetworkKind, survey: SurveySelection? = nil) {
        self.kind = kind
        self.survey = survey
    }

    /// Parses `interactions`, `co-attendance`, `co-attendance-newman`, `events` or `survey:…`;
    /// any other text is a usage error that lists the choices.
    init(parsing text: String) throws {
        let surveyPrefix = NetworkKind.survey.rawValue + ":"
        if text.hasPrefix(surveyPrefix) {
            do { self.init(kind: .survey, survey: try SurveySelection(parsing: String(text.dropFirst(surveyPrefix.count)))) }
            catch let e as Relation.ParseError { throw ValidationError(e.description) }
        } else if let kind = NetworkKind(rawValue: text), kind != .survey {
            self.init(kind: kind)
        } else {
            throw ValidationError("'\(text)' is not interactions, co-attendance, co-attendance-newman, events or survey:RELATION[@WAVE]")
        }
    }
}

/// Which network the measures run on and how they are computed (shared by `analyze` and `metrics`).
struct MeasureOptions: ParsableArguments {
    @Option(help: "The network to measure: interactions, co-attendance (shared events), co-attendance-newman (shared events weighted 1/(size − 1)), events (events tied by shared members; rows are then events) or survey:RELATION[+RELATION…][@WAVE] (ONA survey nominations of a wave, by default the last). (default: interactions)",
            transform: NetworkChoice.init(parsing:))
    var network = NetworkChoice(kind: .interactions)

    @Option(help: "With --network survey:…: directed (keep nominations as reported), reconstruct (also fill a dyad with a non-respondent from the respondent's report), max (a tie where either named the other), min (only where both did) or mean. Default: max when the lowest response rate over the survey's waves is below 80%, directed otherwise (one rule for every wave).")
    var surveySymmetrise: SurveySymmetrisation?

    @Option(help: "Dates of survey waves whose labels are not dates, e.g. 'baseline=2022-06-13,follow-up=2024-06-10': the response rate then counts only members in the network that day (members.csv's joined/left).")
    var waveDates: String?

    /// --wave-dates as label → UTC seconds.
    func parsedWaveDates() throws -> [String: Int64] { try MeasureOptions.waveDates(waveDates ?? "") }

    /// A --wave-dates list (`WAVE=DATE,…`) as label → UTC seconds.
    static func waveDates(_ text: String) throws -> [String: Int64] {
        var dates: [String: Int64] = [:]
        for item in MeasureOptions.list(text) {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, case .success(let day) = ISO8601.parse(parts[1]) else {
                throw ValidationError("--wave-dates: '\(item)' is not WAVE=DATE with an ISO 8601 date")
            }
            dates[parts[0]] = day.seconds
        }
        return dates
    }

    @Option(help: "How the two directions of a tie combine in the undirected view: sum, max, min or mean.")
    var symmetrise: Symmetrisation = .sum

    @Flag(help: "Betweenness and closeness with distance = 1/weight instead of hop counts.")
    var weightedPaths = false

    @Option(parsing: .unconditional, help: "Estimate betweenness and closeness from this many sampled source members (default: exact up to --exact-up-to members, 500 sources above).")
    var sampleSources: Int?

    @Option(parsing: .unconditional, help: "Largest network on which betweenness and closeness are exact unless --sample-sources is given.")
    var exactUpTo = 20_000

    @Option(help: "Community detection: leiden (default), louvain or none.")
    var communities: CommunityChoice = .leiden

    @Option(parsing: .unconditional, help: "Modularity resolution γ for communities and modularity by attribute (above 1: smaller communities).")
    var resolution = 1.0

    @Option(parsing: .unconditional, help: "Independent community searches (seeded, on all cores); the one of highest modularity is kept. Default: 10 on networks up to 50,000 ties, 1 above.")
    var communityRestarts: Int?

    @Option(help: "Comma-separated member attributes to use as groups (E-I, mixing, brokerage, modularity by attribute); the first is the primary one. Default: every attribute that looks categorical: at least 2 distinct values and at most min(max(members/10, min(10, members/2)), 100), fewer distinct values than members who have one, and not all dates or numbers.")
    var groupBy: String?

    @Option(parsing: .unconditional, help: "Seed for everything random (sampled betweenness, communities, permutation tests).")
    var seed: UInt64 = 42

    @Option(parsing: .unconditional, help: "Draws for the survey figures' conditional uniform graph tests and bootstrap intervals (report.json survey.inference), seeded with --seed; 0 turns them off.")
    var inferenceDraws = 1000

    @Option(help: "Personalised PageRank: comma-separated member ids that the random surfer restarts from (default: everyone equally).")
    var pagerankSeeds: String?

    @Flag(help: "Pseudonymise the outputs: ids become pseudonyms (keyed by --pseudonym-key-file, else p0001, p0002, … in member order), names and rejected values are left out, record types outside a safe vocabulary become type-1, type-2, …, and only the attributes named in --keep-attributes are written.")
    var pseudonymise = false

    @Option(help: ArgumentHelp("With --pseudonymise, a file holding a secret key: each id's pseudonym is then p + 16 hex digits of HMAC-SHA256(key, id), the same in every run and dataset with that key. Keep the file private.", valueName: "FILE"))
    var pseudonymKeyFile: String?

    @Option(help: "With --pseudonymise, comma-separated attribute columns to keep (e.g. country,cohort).")
    var keepAttributes: String?

    @Option(help: "Kernels for eigenvector, PageRank, Katz and HITS: auto, dense (BLAS/LAPACK) or sparse (iterative).")
    var kernel: KernelPath = .auto

    func validate() throws {
        if (surveySymmetrise != nil || waveDates != nil) && network.kind != .survey {
            throw ValidationError("--survey-symmetrise and --wave-dates apply to --network survey:…")
        }
        _ = try parsedWaveDates()
        _ = try MeasureOptions.uniqueList(waveDates ?? "", option: "--wave-dates", key: MeasureOptions.namePart)
        _ = try MeasureOptions.uniqueList(groupBy ?? "", option: "--group-by") { $0.lowercased() }
        _ = try MeasureOptions.uniqueList(keepAttributes ?? "", option: "--keep-attributes") { $0.lowercased() }
        _ = try MeasureOptions.uniqueList(pagerankSeeds ?? "", option: "--pagerank-seeds")
        if let k = sampleSources, k < 1 { throw ValidationError("--sample-sources must be at least 1") }
        if exactUpTo < 0 { throw ValidationError("--exact-up-to must not be negative") }
        if inferenceDraws < 0 { throw ValidationError("--inference-draws must not be negative") }
        if !(resolution > 0) || !resolution.isFinite { throw ValidationError("--resolution must be a positive number") }
        if let r = communityRestarts, r < 1 { throw ValidationError("--community-restarts must be at least 1") }
        try MeasureOptions.checkPseudonymKey(pseudonymKeyFile, pseudonymise: pseudonymise)
    }

    /// Checks `--pseudonym-key-file` (for analyze and import alike): it applies with
    /// `--pseudonymise`, and the file must be readable and hold at least `minimumKeyBytes`.
    static func checkPseudonymKey(_ path: String?, pseudonymise: Bool) throws {
        guard let path else { return }
        if !pseudonymise { throw ValidationError("--pseudonym-key-file applies with --pseudonymise") }
        guard let key = MeasureOptions.pseudonymKey(path) else {
            throw ValidationError("--pseudonym-key-file: cannot read \(path)")
        }
        if key.count < MeasureOptions.minimumKeyBytes {
            throw ValidationError("--pseudonym-key-file: \(path) holds \(key.count) byte(s); a key needs at least \(MeasureOptions.minimumKeyBytes) (128 bits), or anyone holding the member list could try every shorter key and reverse the pseudonyms (make one with: openssl rand -hex 32 > \(path))")
        }
    }

    /// The shortest pseudonym key accepted, in bytes: 128 bits, beyond the reach of trying every key.
    static let minimumKeyBytes = 16

    /// The key file's bytes without trailing line ends (so `openssl rand -hex 32 > key` works);
    /// nil when the file cannot be read.
    static func pseudonymKey(_ path: String) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var bytes = [UInt8](data)
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
        return bytes
    }

    func options(undirected: Bool) -> AnalysisOptions {
        var o = AnalysisOptions()
        o.network = network.kind
        o.survey = network.survey
        o.surveySymmetrisation = surveySymmetrise
        o.surveyWaveDates = (try? parsedWaveDates()) ?? [:]
        o.undirected = undirected
        o.symmetrisation = symmetrise
        o.weightedPaths = weightedPaths
        o.pathSamples = sampleSources
        o.exactPathLimit = exactUpTo
        o.seed = seed
        o.inferenceDraws = inferenceDraws
        o.kernel = kernel
        o.communityMethod = communities.method
        o.resolution = resolution
        o.communityRestarts = communityRestarts
        o.groupAttributes = groupBy.map(MeasureOptions.list)
        o.pseudonymise = pseudonymise
        o.keptAttributes = keepAttributes.map(MeasureOptions.list) ?? []
        o.pseudonymKey = pseudonymKeyFile.flatMap(MeasureOptions.pseudonymKey)   // checked in validate()
        o.pagerankSeeds = pagerankSeeds.map(MeasureOptions.list) ?? []
        return o
    }

    /// The non-empty items of a comma-separated list, trimmed.
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The items of list option `option`, checked: an item given twice (compared by `key`, e.g.
    /// the name before `=`, case-folded where the names are matched without case) is a usage error.
    static func uniqueList(_ text: String, option: String, key: (String) -> String = { $0 }) throws -> [String] {
        let items = list(text)
        var seen = Set<String>()
        for item in items where !seen.insert(key(item)).inserted {
            throw ValidationError("\(option): '\(key(item))' is given twice; name each once")
        }
        return items
    }

    /// The name part of a NAME=VALUE list item.
    static func namePart(_ item: String) -> String {
        String(item.split(separator: "=", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces)
    }

    /// Every --pagerank-seeds id must name a node of the chosen network, and every --group-by
    /// name a member attribute.
    func checkNames(_ dataset: Dataset) throws {
        if let selection = network.survey {
            do { _ = try selection.resolve(dataset.survey) } catch let e as Relation.ParseError { throw ValidationError("--network: \(e.description)") }
        }
        for name in options(undirected: false).groupAttributes ?? [] where dataset.members.attributes.column(named: name) == nil {
            let known = dataset.members.attributes.names
            throw ValidationError("--group-by: no member attribute '\(name)' (members.csv has \(known.isEmpty ? "no attribute columns" : known.joined(separator: ", ")))")
        }
        let ids = network.kind == .events ? dataset.attendance.events : dataset.members.ids
        for id in options(undirected: false).pagerankSeeds where ids.index(of: id) == nil {
            throw ValidationError("--pagerank-seeds: no \(network.kind == .events ? "event" : "member") with id '\(id)'")
        }
    }
}
