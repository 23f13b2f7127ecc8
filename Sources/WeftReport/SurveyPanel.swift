import Foundation
import WeftAnalysis
import WeftGraph
import WeftIO

/// A survey layer over all its waves as a panel for the longitudinal modelling tools (RSiena,
/// statnet): the actors, and per wave each dyad's observation.
///
/// Actors are the members present at one wave at least (`SurveyWaveMembership`), in member order.
/// At wave k the dyad i → j (i ≠ j) is
/// - `absent` when i or j is not a member at the wave (structurally absent; RSiena's structural
///   zero, code 10);
/// - `missing` when i is a member who did not answer the wave (their nominations are unknown: NA);
/// - `tie` when respondent i named j for one of the relations, `noTie` otherwise (a binary
///   network, as RSiena requires; values are dropped).
///
/// The diagonal is `noTie`. References: Ripley, Snijders et al., *Manual for RSiena* (2024), §4.1
/// (missing data, structural zeros 10 and ones 11) and §5.9 (changing composition).
public struct SurveyPanel: Sendable {
    public enum Observation: Sendable, Equatable {
        case noTie, tie, missing, absent
    }

    public let relations: [String]
    public let waves: [SurveyWaveMembership]
    /// The actors' member indices, ascending.
    public let actors: [Int32]
    /// Per wave, the arcs named (actor row × actor row), as a set of `i * count + j`.
    private let arcs: [Set<Int>]

    public init(dataset: Dataset, relations: [String], waveDates: [String: Int64] = [:]) throws {
        let selection = SurveySelection(relations: relations)
        let codes = try selection.resolve(dataset.survey).relations
        self.relations = relations
        let waves = SurveyWaveMembership.all(dataset, waveDates: waveDates)
        self.waves = waves
        let memberCount = dataset.members.count
        actors = (0..<Int32(memberCount)).filter { v in waves.contains { $0.present[Int(v)] } }
        var row = [Int](repeating: -1, count: memberCount)
        for (k, v) in actors.enumerated() { row[Int(v)] = k }
        let log = dataset.survey, n = actors.count
        var arcs = [Set<Int>](repeating: [], count: waves.count)
        for k in 0..<log.count where codes.contains(log.relation[k]) {
            let w = Int(log.wave[k])
            let i = row[Int(log.respondent[k])], j = row[Int(log.alter[k])]
            guard i >= 0, j >= 0, waves[w].present[Int(log.alter[k])] else { continue }
            arcs[w].insert(i * n + j)
        }
        self.arcs = arcs
    }

    /// The observation of the dyad between actor rows i → j at wave index w.
    public func observation(wave w: Int, _ i: Int, _ j: Int) -> Observation {
        let membership = waves[w], a = Int(actors[i]), b = Int(actors[j])
        if i == j { return .noTie }
        if !membership.present[a] || !membership.present[b] { return .absent }
        if !membership.responded[a] { return .missing }
        return arcs[w].contains(i * actors.count + j) ? .tie : .noTie
    }

    /// Actor row `i`'s intervals of presence on RSiena's time scale, where wave k (1-based) is
    /// time point k: a run of waves k…l is the interval from its entry to its exit. Entering
    /// after wave 1 or leaving before the last, the actor joins or leaves between two waves: at
    /// the fraction of the gap given by members.csv's `joined` / `left` when that day and both
    /// waves' dates are known, otherwise half-way (RSiena, §5.9).
    public func presence(_ i: Int, joined: Int64?, left: Int64?) -> [Double] {
        let v = Int(actors[i])
        var times: [Double] = []
        var w = 0
        while w < waves.count {
            guard waves[w].present[v] else { w += 1; continue }
            let start = w
            while w + 1 < waves.count && waves[w + 1].present[v] { w += 1 }
            times.append(start == 0 ? 1 : Double(start) + fraction(between: start - 1, and: start, day: joined))
            times.append(w == waves.count - 1 ? Double(waves.count) : Double(w + 1) + fraction(between: w, and: w + 1, day: left))
            w += 1
        }
        return times
    }

    /// Where `day` falls between waves a and a + 1, as a fraction strictly between 0 and 1; ½
    /// when a date is unknown or the day is outside the gap.
    private func fraction(between a: Int, and b: Int, day: Int64?) -> Double {
        guard let day, let from = waves[a].date, let to = waves[b].date, to > from, day > from, day < to else { return 0.5 }
        return Double(day - from) / Double(to - from)
    }
}
