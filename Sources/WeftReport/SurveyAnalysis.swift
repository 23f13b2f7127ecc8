import Foundation
import WeftAnalysis
import WeftGraph
import WeftIO

/// Which survey layer to analyse, written `survey:RELATION[+RELATION…][@WAVE]` (after `--network`
/// or as a QAP relation): the nominations of those relations (summed where a pair has several)
/// in that wave, by default the last.
public struct SurveySelection: Sendable, Equatable, CustomStringConvertible {
    public var relations: [String]
    public var wave: String?

    public init(relations: [String], wave: String? = nil) {
        self.relations = relations
        self.wave = wave
    }

    /// Parses `advice`, `advice+trust`, `advice@baseline` (the text after `survey:`).
    public init(parsing text: String) throws {
        let parts = text.split(separator: "@", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        relations = (parts.first ?? "").split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        wave = parts.count == 2 && !parts[1].isEmpty ? parts[1] : nil
        guard !relations.isEmpty else {
            throw Relation.ParseError(description: "'survey:\(text)': name a relation, e.g. survey:advice or survey:advice@baseline")
        }
    }

    public var description: String { "survey:" + relations.joined(separator: "+") + (wave.map { "@" + $0 } ?? "") }

    /// The relation and wave codes in `log`, or an error naming what the log has.
    public func resolve(_ log: SurveyLog) throws -> (relations: Set<UInt16>, wave: UInt16) {
        guard log.waves.count > 0 else { throw Relation.ParseError(description: "\(self): no survey data (give --survey FILE or put survey.csv in the data folder)") }
        var codes = Set<UInt16>()
        for r in relations {
            guard let code = log.relations.index(of: r) else {
                throw Relation.ParseError(description: "\(self): no survey relation '\(r)' (relations: \(log.relations.identifiers.joined(separator: ", ")))")
            }
            codes.insert(UInt16(code))
        }
        let waveCode: UInt16
        if let wave {
            guard let code = log.waves.index(of: wave) else {
                throw Relation.ParseError(description: "\(self): no survey wave '\(wave)' (waves: \(log.waves.identifiers.joined(separator: ", ")))")
            }
            waveCode = UInt16(code)
        } else {
            waveCode = UInt16(log.waves.count - 1)
        }
        return (codes, waveCode)
    }
}

/// How a survey layer's two directions combine. `directed` keeps the nominations as reported
/// (measures defined on undirected graphs then use the union, max); `max` makes an undirected
/// tie where either member named the other (the stronger value), `min` only where both did (the
/// weaker value), `mean` averages the two (a missing direction counts 0).
///
/// Default (`SurveyNetwork.defaultSymmetrisation`): `max` when the wave's response rate is below
/// 80%, so that respondents' reports stand in for non-respondents' missing ones; `directed` at
/// 80% or more. Non-respondents are never deleted (listwise deletion is not offered).
/// Reference: ../shared/domain-brief.md §2.
public enum SurveySymmetrisation: String, CaseIterable, Sendable {
    case directed, max, min, mean
}

/// The response-rate thresholds of network surveys: at least 80% supports every use, naming
/// individual brokers included; 65–79% broad, directional patterns only; below 65% caution.
/// Reference: https://support.orgacuity.com/article/13-response-rates-for-network-based-listening
public enum ResponseConfidence: String, Sendable, Codable {
    case allUses = "all uses"
    case broadPatterns = "broad patterns only"
    case caution

    public init(rate: Double) {
        self = rate >= 0.8 ? .allUses : rate >= 0.65 ? .broadPatterns : .caution
    }

    public func warning(rate: Double) -> String? {
        let percent = String(format: "%.0f%%", rate * 100)
        switch self {
        case .allUses: return nil
        case .broadPatterns: return "response rate \(percent) (65–79%): use the survey figures for broad, directional patterns only, not to name individuals"
        case .caution: return "response rate \(percent) (below 65%): read every survey figure with caution; it may not represent the network"
        }
    }
}

/// Who answered a wave, overall and per group. The members are every member of the dataset, or,
/// when the wave has a date (its label is an ISO date, or `waveDates` gives one) and members.csv
/// has `joined` / `left` columns, the members in the network on that day (joined on or before
/// it, not left by it); anyone who answered counts as a member. Respondents come from the respondents list when it
/// covers the wave, otherwise they are the members with at least one nomination in it.
public struct SurveyResponse: Sendable, Equatable {
    public var wave: String
    public var respondents: Int
    public var members: Int
    /// "respondents list" or "nominations".
    public var source: String
    public var byGroup: [String: [String: Report.SurveyRate]]

    public var rate: Double { members == 0 ? 0 : Double(respondents) / Double(members) }
    public var confidence: ResponseConfidence { ResponseConfidence(rate: rate) }

    public init(dataset: Dataset, wave w: UInt16, groupAttributes: [String]?, waveDates: [String: Int64] = [:]) {
        let log = dataset.survey
        wave = log.waves[Int32(w)]
        let answered = log.respondents(wave: w)
        source = log.hasList(wave: w) ? "respondents list" : "nominations"
        let n = dataset.members.count
        var invited = [Bool](repeating: true, count: n)
        let attributes = dataset.members.attributes
        var date = waveDates[wave]
        if date == nil, case .success(let day) = ISO8601.parse(wave) { date = day.seconds }
        if let date {
            let joined = attributes.column(named: "joined"), left = attributes.column(named: "left")
            for v in 0..<n {
                if let joined, case .success(let j) = ISO8601.parse(joined.value(at: v)), j.seconds > date { invited[v] = false }
                if let left, case .success(let l) = ISO8601.parse(left.value(at: v)), l.seconds <= date { invited[v] = false }
            }
        }
        for v in answered { invited[Int(v)] = true }   // whoever answered was there
        members = invited.reduce(0) { $0 + ($1 ? 1 : 0) }
        respondents = answered.count
        var groups: [String: [String: Report.SurveyRate]] = [:]
        for column in StructureAnalysis.groupAttributes(attributes, nodeCount: n, named: groupAttributes) {
            var counts: [String: (Int, Int)] = [:]
            for v in 0..<n where invited[v] {
                let label = column.value(at: v)
                let c = counts[label] ?? (0, 0)
                counts[label] = (c.0 + (answered.contains(Int32(v)) ? 1 : 0), c.1 + 1)
            }
            groups[column.name] = counts.mapValues { Report.SurveyRate(respondents: $0.0, members: $0.1) }
        }
        byGroup = groups
    }
}

/// A survey layer (relations × wave) as a graph, with its response rate and the symmetrisation
/// used (chosen, or defaulted from the response rate).
public struct SurveyNetwork: Sendable {
    public let selection: SurveySelection
    public let relationCodes: Set<UInt16>
    public let wave: UInt16
    public let response: SurveyResponse
    public let symmetrisation: SurveySymmetrisation
    /// Whether `symmetrisation` was defaulted from the response rate (not given).
    public let symmetrisationDefaulted: Bool

    public static func defaultSymmetrisation(rate: Double) -> SurveySymmetrisation { rate < 0.8 ? .max : .directed }

    /// Wave label → date, for waves whose labels are not dates (the response rate's members).
    public let waveDates: [String: Int64]

    public init(dataset: Dataset, selection: SurveySelection, symmetrisation: SurveySymmetrisation?, groupAttributes: [String]?,
                waveDates: [String: Int64] = [:]) throws {
        self.selection = selection
        self.waveDates = waveDates
        (relationCodes, wave) = try selection.resolve(dataset.survey)
        response = SurveyResponse(dataset: dataset, wave: wave, groupAttributes: groupAttributes, waveDates: waveDates)
        self.symmetrisation = symmetrisation ?? SurveyNetwork.defaultSymmetrisation(rate: response.rate)
        symmetrisationDefaulted = symmetrisation == nil
    }

    /// The layer's graph for wave `w` (default: the selected wave) over all the dataset's members.
    public func graph(_ dataset: Dataset, wave w: UInt16? = nil) -> Graph {
        SurveyNetwork.graph(dataset, relations: relationCodes, wave: w ?? wave, symmetrisation: symmetrisation)
    }

    public static func graph(_ dataset: Dataset, relations: Set<UInt16>, wave: UInt16, symmetrisation: SurveySymmetrisation) -> Graph {
        let survey = dataset.survey
        var log = InteractionLog()
        for k in 0..<survey.count where survey.wave[k] == wave && relations.contains(survey.relation[k]) {
            try? log.append(source: survey.respondent[k], target: survey.alter[k], time: 0, weight: survey.value[k])
        }
        let builder = symmetrisation == .directed
            ? GraphBuilder(undirected: false, symmetrisation: .max)
            : GraphBuilder(undirected: true, symmetrisation: Symmetrisation(rawValue: symmetrisation.rawValue)!)
        return builder.build(log, nodeCount: dataset.members.count)
    }

    /// The report.json `survey` object: the layer, every wave's response rate, and how the ties
    /// changed since the previous wave (new, sustained, dissolved; Jaccard turnover).
    public func summary(_ dataset: Dataset, graph: Graph, groupAttributes: [String]?) -> Report.SurveySummary {
        let log = dataset.survey
        let rate = response.rate
        var change: Report.SurveyChange?
        if wave > 0 {
            let before = self.graph(dataset, wave: wave - 1)
            let t = TieTurnover(from: before, to: graph)
            change = .init(fromWave: log.waves[Int32(wave - 1)], new: t.gained, sustained: t.kept, dissolved: t.lost, jaccard: t.jaccard)
        }
        let reason = symmetrisationDefaulted
            ? "default: " + (symmetrisation == .max ? "response rate below 80%, so a tie reported by either member counts (max)" : "response rate at least 80%, nominations kept as reported (directed)")
            : "chosen with --survey-symmetrise"
        return Report.SurveySummary(
            relations: selection.relations, wave: response.wave, waves: log.waves.identifiers,
            nominations: (0..<log.count).reduce(0) { $0 + (log.wave[$1] == wave && relationCodes.contains(log.relation[$1]) ? 1 : 0) },
            ties: graph.ties.count, respondents: response.respondents, members: response.members,
            responseRate: rate, respondentsFrom: response.source, confidence: response.confidence.rawValue,
            warning: response.confidence.warning(rate: rate), responseByGroup: response.byGroup,
            responseByWave: (0..<log.waves.count).map { w in
                let r = w == Int(wave) ? response : SurveyResponse(dataset: dataset, wave: UInt16(w), groupAttributes: [], waveDates: waveDates)
                return .init(wave: r.wave, respondents: r.respondents, members: r.members, responseRate: r.rate,
                             confidence: r.confidence.rawValue)
            },
            symmetrisation: symmetrisation.rawValue, symmetrisationReason: reason, changeFromPreviousWave: change)
    }
}

extension Report {
    /// Respondents among members, for one group or wave.
    public struct SurveyRate: Codable, Sendable, Equatable {
        public var respondents: Int
        public var members: Int
        public var responseRate: Double

        public init(respondents: Int, members: Int) {
            self.respondents = respondents
            self.members = members
            responseRate = members == 0 ? 0 : Double(respondents) / Double(members)
        }

        enum CodingKeys: String, CodingKey {
            case respondents, members
            case responseRate = "response_rate"
        }
    }

    public struct SurveyWaveRate: Codable, Sendable, Equatable {
        public var wave: String
        public var respondents: Int
        public var members: Int
        public var responseRate: Double
        /// "all uses", "broad patterns only" or "caution".
        public var confidence: String

        enum CodingKeys: String, CodingKey {
            case wave, respondents, members, confidence
            case responseRate = "response_rate"
        }
    }

    /// Ties of this wave against the previous one's (same relations and symmetrisation).
    public struct SurveyChange: Codable, Sendable, Equatable {
        public var fromWave: String
        public var new: Int
        public var sustained: Int
        public var dissolved: Int
        public var jaccard: Double

        enum CodingKeys: String, CodingKey {
            case new, sustained, dissolved, jaccard
            case fromWave = "from_wave"
        }
    }

    /// report.json's `survey` object (null unless the network is a survey layer).
    public struct SurveySummary: Codable, Sendable, Equatable {
        public var relations: [String]
        public var wave: String
        public var waves: [String]
        /// Nominations of the selected relations in the wave (before symmetrisation).
        public var nominations: Int
        /// Ties of the analysed graph (after symmetrisation).
        public var ties: Int
        public var respondents: Int
        public var members: Int
        public var responseRate: Double
        /// "respondents list" or "nominations".
        public var respondentsFrom: String
        /// "all uses", "broad patterns only" or "caution".
        public var confidence: String
        @NullCoded public var warning: String?
        public var responseByGroup: [String: [String: SurveyRate]]
        public var responseByWave: [SurveyWaveRate]
        /// directed, max, min or mean.
        public var symmetrisation: String
        public var symmetrisationReason: String
        @NullCoded public var changeFromPreviousWave: SurveyChange?

        enum CodingKeys: String, CodingKey {
            case relations, wave, waves, nominations, ties, respondents, members, confidence, warning, symmetrisation
            case responseRate = "response_rate", respondentsFrom = "respondents_from"
            case responseByGroup = "response_by_group", responseByWave = "response_by_wave"
            case symmetrisationReason = "symmetrisation_reason", changeFromPreviousWave = "change_from_previous_wave"
        }
    }
}
