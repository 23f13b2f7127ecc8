import Foundation
import Testing
import WeftGraph
import WeftIO
@testable import WeftReport

/// An analysis that frees the interaction records once its last stage that reads them is done
/// (`AnalysisOptions.releasesRecords`, as `weft analyze` runs without report.html) writes the
/// same report.json and tables as one that keeps them.
struct RecordReleaseTests {
    @Test func freeingTheRecordsChangesNoOutput() throws {
        let dataset = try sampleDataset()
        var options = AnalysisOptions()
        let kept = try Analysis(dataset: dataset, window: .all, windowLabels: .init(), options: options)
        options.releasesRecords = true
        let freed = try Analysis(dataset: dataset, window: .all, windowLabels: .init(), options: options)
        #expect(kept.dataset.interactions.count == dataset.interactions.count && dataset.interactions.count > 0)
        #expect(freed.dataset.interactions.count == 0 && freed.dataset.members.count == dataset.members.count)
        let models = [kept, freed].map { $0.model(report: $0.report(version: "test"), layout: nil, page: false) }
        let writers: [(ReportModel, String) throws -> Void] = [
            ReportWriters.writeReport, ReportWriters.writeMembers, ReportWriters.writeTies,
            { try ReportWriters.writeSegments($0.segmentRows, to: $1) },
        ]
        for write in writers {
            let texts = try models.map { model in try written { try write(model, $0) } }
            #expect(texts[0] == texts[1] && texts[0].utf8.count > 1000)
        }
    }

    private func written(_ write: (String) throws -> Void) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("weft-release-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write(path)
        return try String(contentsOfFile: path, encoding: .utf8)
    }
}
