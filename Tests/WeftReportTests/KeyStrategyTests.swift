import Foundation
import Testing
@testable import WeftReport

/// Weft's JSON keys are the properties' names converted by the coders' key strategies
/// (`ReportWriters.encoder`: convertToSnakeCase; `ReportWriters.decoder`: convertFromSnakeCase).
/// These check what the strategies must not touch — the keys of `[String: T]` maps, which are
/// data (interaction types, attribute names and values, segment names) — and the keys that are
/// not a property's name: the alignment's run-time keys and the survey inference's abbreviations.
struct KeyStrategyTests {
    /// Keys the snake_case conversion would change if it applied: capitals, capital runs, digits
    /// before a capital, a leading underscore, snake_case itself, spaces and accents.
    static let dataKeys = ["Chat", "HTMLReport", "top3Share", "_private", "dm_reply", "Team Lead", "São Paulo", "eiIndex"]

    private func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try ReportWriters.encoded(value, for: "test.json"), as: UTF8.self)
    }

    @Test func dictionaryKeysAreWrittenAndReadAsTheyAre() throws {
        let counts = Report.RecordCounts(interactions: 6, attendance: 0, events: 0, firstRecord: "2024-01-01T00:00:00Z", lastRecord: nil,
                                         interactionTypes: Dictionary(uniqueKeysWithValues: Self.dataKeys.enumerated().map { ($1, $0) }))
        let text = try json(counts)
        for key in Self.dataKeys { #expect(text.contains("\"\(key)\" : "), "\(key)") }
        for key in ["first_record", "last_record", "interaction_types"] { #expect(text.contains("\"\(key)\" : "), "\(key)") }
        #expect(try ReportWriters.decoder.decode(Report.RecordCounts.self, from: Data(text.utf8)) == counts)

        // Maps of maps, and a map behind `NullCoded`.
        let rate = Report.SurveyRate(respondents: 1, members: 2)
        let wave = Report.SurveyWave(wave: "Wave 1", date: nil, members: 2, respondents: 1, responseRate: 0.5, confidence: "caution",
                                     responseByGroup: ["Country": ["São Paulo": rate], "team_name": ["HTMLReport": rate]],
                                     nominations: 1, tieCount: 1, density: 0.5, averageConnections: 1, reciprocity: nil, crossGroupShare: nil,
                                     eiIndex: nil, averageValue: nil, averageValueByGroup: ["topGroup": 1.5], change: nil)
        let waveText = try json(wave)
        for key in ["Country", "São Paulo", "team_name", "HTMLReport", "topGroup", "response_by_group", "average_value_by_group", "tie_count"] {
            #expect(waveText.contains("\"\(key)\" : "), "\(key)")
        }
        #expect(try ReportWriters.decoder.decode(Report.SurveyWave.self, from: Data(waveText.utf8)) == wave)
    }

    @Test func alignmentKeysAreSnakeCaseAndReadBack() throws {
        let communities = Report.AlignmentSummary<CommunityGroups>(
            previous: "../march/report.json", sharedMembers: 3, matched: 1, new: 1,
            groups: [.init(number: 1, size: 3, previousNumber: 2, sharedMembers: 3), .init(number: 2, size: 1, previousNumber: nil, sharedMembers: 0)])
        let text = try json(communities)
        for key in ["shared_members", "communities", "community", "previous_community"] { #expect(text.contains("\"\(key)\" : "), "\(key)") }
        #expect(text.contains("\"previous_community\" : null"))
        #expect(try ReportWriters.decoder.decode(Report.AlignmentSummary<CommunityGroups>.self, from: Data(text.utf8)) == communities)

        let clusters = Report.AlignmentSummary<ClusterGroups>(previous: "x", sharedMembers: 1, matched: 1, new: 0,
                                                              groups: [.init(number: 1, size: 1, previousNumber: 1, sharedMembers: 1)])
        let clusterText = try json(clusters)
        for key in ["clusters", "cluster", "previous_cluster"] { #expect(clusterText.contains("\"\(key)\" : "), "\(key)") }
        #expect(try ReportWriters.decoder.decode(Report.AlignmentSummary<ClusterGroups>.self, from: Data(clusterText.utf8)) == clusters)
    }

    @Test func inferenceKeysKeepTheSchemasAbbreviations() throws {
        let figure = Report.SurveyInferenceFigure(figure: "density", observed: 0.5, nullMean: 0.25, nullStandardDeviation: 0.125,
                                                  pGreaterOrEqual: 0.01, pLessOrEqual: 1, bootstrapStandardError: 0.0625,
                                                  intervalLow: 0.375, intervalHigh: 0.625)
        let text = try json(figure)
        let keys = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]).keys.sorted()
        #expect(keys == ["bootstrap_se", "figure", "interval_high", "interval_low", "null_mean", "null_sd", "observed",
                         "p_greater_or_equal", "p_less_or_equal"])
        #expect(try ReportWriters.decoder.decode(Report.SurveyInferenceFigure.self, from: Data(text.utf8)) == figure)
    }
}
