import Foundation
import PropertyBased
import Testing
import WeftAnalysis
import WeftGraph
import WeftIO
import WeftReport

/// Weights anywhere in the finite doubles, up to the largest, summed between the same pair until
/// they overflow: no measure may crash (a crash ends the test process), and every output either
/// is written or fails with Weft's own `OutputError` naming the file.
@Suite struct ExtremeWeightTests {
    static let extremes: [Double] = [.greatestFiniteMagnitude, 1.5e308, 1e308, 1e300, 1e154, 1e12, 1,
                                     1e-300, .leastNormalMagnitude, .leastNonzeroMagnitude]

    /// interactions.csv over `members` members with weights drawn from the extremes and from
    /// 10^u, u uniform in [−320, 308].
    static func interactions(seed: UInt64, members: Int, records: Int) -> String {
        var random = SeededGenerator(seed: seed)
        var lines = ["source,target,timestamp,weight"]
        for k in 0..<records {
            let a = random.int(below: members)
            let b = (a + 1 + random.int(below: members - 1)) % members
            let weight = random.int(below: 2) == 0
                ? extremes[random.int(below: extremes.count)]
                : min(Double.greatestFiniteMagnitude, Foundation.pow(10, -320 + 628 * random.nextUnit()))
            guard weight > 0 else { continue }
            lines.append("m\(a),m\(b),2024-0\(1 + k % 6)-1\(k % 10)T08:00:00Z,\(weight)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func arbitraryFiniteWeightsNeverCrashAnyMeasure() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("weft-weights-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        await propertyCheck(count: 20, input: Gen.int(in: 0...1_000_000), Gen.int(in: 3...9)) { seed, members in
            let path = folder.appendingPathComponent("interactions-\(seed).csv").path
            try ExtremeWeightTests.interactions(seed: UInt64(seed), members: members, records: 4 * members)
                .write(toFile: path, atomically: true, encoding: .utf8)
            var limits = InputLimits()
            limits.maxWeight = .greatestFiniteMagnitude   // the library accepts what the CLI's --max-weight caps
            let dataset = try DatasetLoader(limits: limits).load(InputPaths(interactions: path))
            #expect(dataset.rowsRejected == 0 && dataset.rowsRead == dataset.rowsAccepted)
            for kernel in [KernelPath.dense, .sparse] {
                var options = AnalysisOptions()
                options.kernel = kernel
                let analysis = try Analysis(dataset: dataset, window: TimeWindow(), windowLabels: .init(from: nil, to: nil), options: options)
                #expect(analysis.graph.nodeCount == members || analysis.graph.nodeCount == dataset.members.count)
                let model = analysis.model(report: analysis.report(version: "test"), layout: HTMLReport.Options(), page: true)
                let out = folder.appendingPathComponent("out-\(seed)-\(kernel.rawValue)").path
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                let writers: [(String, (String) throws -> Void)] = [
                    ("report.json", { try ReportWriters.writeReport(model, to: $0) }),
                    ("members.csv", { try ReportWriters.writeMembers(model, to: $0) }),
                    ("ties.csv", { try ReportWriters.writeTies(model, to: $0) }),
                    ("timeline.csv", { try ReportWriters.writeTimeline(model, to: $0) }),
                    ("network.graphml", { try GraphMLWriter.write(model, to: $0) }),
                    ("network.gexf", { try GEXFWriter.write(model, to: $0) }),
                    ("report.html", { try HTMLReport(model: model).write(to: $0) }),
                ]
                for (name, write) in writers {
                    do {
                        try write(out + "/" + name)
                    } catch let error as OutputError {
                        #expect(error.description.contains(out + "/" + name), "\(error)")
                    }
                }
            }
        }
    }
}
