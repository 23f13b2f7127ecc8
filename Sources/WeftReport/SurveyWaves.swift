import Foundation
import WeftAnalysis
import WeftGraph
import WeftIO

/// Who was in the network at one survey wave, and who answered it.
///
/// A member is *present* at a wave when the wave has a date (from `--wave-dates`, the
/// respondents list's `wave_date` column, or a label that is an ISO 8601 date, in that order)
/// and members.csv says they had joined on or before it (`joined`) and not left by it (`left`),
/// or when they answered it. Without a date, or without `joined` / `left` columns, every member
/// is present. A member who is not present is *structurally absent*: not yet joined or already
/// left, so no tie with them could exist. Their rows and columns are left out of the wave's
/// figures, and nominations naming them are left out of the wave's network (and counted).
///
/// Respondents come from the respondents list when it covers the wave, otherwise they are the
/// members with at least one nomination in it (a respondent who named nobody is then missed).
public struct SurveyWaveMembership: Sendable, Equatable {
    public let wave: UInt16
    public let label: String
    /// The wave's day (UTC seconds), nil when none is known.
    public let date: Int64?
    /// Where `date` came from: "--wave-dates", "respondents list" or "wave label"; nil without a date.
    public let dateSource: String?
    /// Per member: present at the wave.
    public let present: [Bool]
    /// Per member: answered the wave (always present).
    public let responded: [Bool]
    /// Whether the respondents come from a respondents list rather than from the nominations.
    public let respondentsListed: Bool

    public var presentCount: Int { present.reduce(0) { $0 + ($1 ? 1 : 0) } }
    public var respondentCount: Int { responded.reduce(0) { $0 + ($1 ? 1 : 0) } }

    public init(dataset: Dataset, wave w: UInt16, waveDates: [String: Int64] = [:]) {
        let log = dataset.survey
        wave = w
        label = log.waves[Int32(w)]
        if let given = waveDates[label] {
            (date, dateSource) = (given, "--wave-dates")
        } else if let listed = log.waveDates[w] {
            (date, dateSource) = (listed, "respondents list")
        } else if case .success(let day) = ISO8601.parse(label) {
            (date, dateSource) = (day.seconds, "wave label")
        } else {
            (date, dateSource) = (nil, nil)
        }
        let n = dataset.members.count
        var present = [Bool](repeating: true, count: n)
        if let date {
            let (joined, left) = dataset.members.membershipInstants
            for v in 0..<n {
                if let j = joined[v], j > date { present[v] = false }
                if let l = left[v], l <= date { present[v] = false }
            }
        }
        var responded = [Bool](repeating: false, count: n)
        for v in log.respondents(wave: w) { responded[Int(v)] = true; present[Int(v)] = true }   // whoever answered was there
        self.present = present
        self.responded = responded
        respondentsListed = log.hasList(wave: w)
    }

    /// Every wave of the dataset's survey, in wave order.
    public static func all(_ dataset: Dataset, waveDates: [String: Int64] = [:]) -> [SurveyWaveMembership] {
        (0..<dataset.survey.waves.count).map { SurveyWaveMembership(dataset: dataset, wave: UInt16($0), waveDates: waveDates) }
    }

    /// What a reader must know about how this wave's membership and respondents were found:
    /// no date (so every member counts as invited) and no respondents list (so respondents who
    /// named nobody count as non-respondents).
    public func warnings(membersHaveDates: Bool) -> [DataWarning] {
        var found: [DataWarning] = []
        if date == nil && membersHaveDates {
            found.append(DataWarning(code: "survey_wave_without_date", message:
                "survey wave '\(label)' has no date (give --wave-dates \(label)=YYYY-MM-DD or a wave_date column in the respondents list): every member in members.csv was assumed to be a member at this wave, whatever their joined and left dates, so its response rate and density are over all \(present.count) members",
                parameters: [label, String(present.count)]))
        }
        if !respondentsListed {
            found.append(DataWarning(code: "survey_respondents_from_nominations", message:
                "survey wave '\(label)' has no respondents list (give --respondents FILE or put respondents.csv in the data folder): the \(respondentCount) members who named someone were assumed to be the respondents, so anyone who answered and named nobody counts as a non-respondent",
                parameters: [label, String(respondentCount)]))
        }
        return found
    }
}

extension SurveyWaveMembership {
    /// The `responded_<wave>` columns of members.csv, the GraphML and GEXF files and report.json:
    /// `1` (answered) or `0` (did not) for a member present at the wave, as members.csv writes
    /// its other flags; empty for one structurally absent.
    public static func respondedColumns(_ waves: [SurveyWaveMembership]) -> [(name: String, values: [String])] {
        waves.map { w in
            ("responded_" + w.label, w.present.indices.map { v in w.present[v] ? (w.responded[v] ? "1" : "0") : "" })
        }
    }
}
