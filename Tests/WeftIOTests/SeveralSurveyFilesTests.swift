import WeftGraph
import Foundation
import Testing
@testable import WeftIO

/// Several survey and respondents files add up into one survey, each saying its wave.
@Suite struct SeveralSurveyFilesTests {
    func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("weft-waves-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func wavesFromSeveralFilesAddUp() throws {
        let baseline = try file("respondent,alter,relation,wave\nm1,m2,advice,baseline\nm2,m3,advice,baseline\n")
        let followUp = try file("respondent,alter,relation,wave\nm1,m3,advice,follow-up\n")
        let listed = try file("respondent,wave\nm1,baseline\nm2,baseline\nm3,baseline\n")
        let listedLater = try file("respondent,wave\nm1,follow-up\n")
        defer { for p in [baseline, followUp, listed, listedLater] { try? FileManager.default.removeItem(atPath: p) } }
        let dataset = try DatasetLoader().load(InputPaths(surveys: [baseline, followUp], respondentsFiles: [listed, listedLater]))
        #expect(dataset.survey.waves.identifiers == ["baseline", "follow-up"])
        #expect(dataset.survey.count == 3)
        #expect(dataset.files.map(\.kind) == [.survey, .survey, .respondents, .respondents])
        #expect(dataset.files.allSatisfy { $0.isBalanced && $0.rejected == 0 })
    }

    @Test func aFileWithoutAWaveAmongSeveralStopsTheRun() throws {
        let first = try file("respondent,alter,relation,wave\nm1,m2,advice,baseline\n")
        let second = try file("respondent,alter,relation\nm1,m3,advice\n")
        defer { for p in [first, second] { try? FileManager.default.removeItem(atPath: p) } }
        do {
            _ = try DatasetLoader().load(InputPaths(surveys: [first, second]))
            Issue.record("no error")
        } catch let e as InputError {
            #expect(e.message.contains("has no wave column"))
        }
        // Alone, a file without a wave column is wave 1, as before.
        #expect(try DatasetLoader().load(InputPaths(survey: second)).survey.waves.identifiers == ["1"])
    }
}
