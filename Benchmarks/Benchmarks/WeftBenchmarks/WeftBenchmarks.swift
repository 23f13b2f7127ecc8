import Benchmark
import Foundation
import WeftAnalysis
import WeftGraph
import WeftIO
import WeftSample

/// The benchmark inputs: `weft sample` sizes S and M, generated once into Benchmarks/data/.
enum BenchmarkData {
    static let folder: String = {
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data").path
    }()

    static func path(_ size: SampleSize) -> String {
        let dir = folder + "/" + size.rawValue
        if !FileManager.default.fileExists(atPath: dir + "/interactions.csv") {
            try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            _ = try! SampleGenerator(size: size, seed: 42).write(to: dir)
        }
        return dir
    }

    /// Members and interactions of a sample, loaded.
    static func dataset(_ size: SampleSize) throws -> Dataset {
        let dir = path(size)
        return try DatasetLoader().load(InputPaths(members: dir + "/members.csv", interactions: dir + "/interactions.csv"))
    }
}

/// Decayed tie strength and tie change at every month end of the whole log, as `weft analyze`
/// computes them (without keeping the ties × months series): one pass over the records.
func tieStrengthBenchmark(_ size: SampleSize, configuration: Benchmark.Configuration = Benchmark.defaultConfiguration) {
    Benchmark("tie strength monthly \(size.rawValue.uppercased())", configuration: configuration) { (benchmark: Benchmark, dataset: Dataset) in
        let first = dataset.interactions.time.first ?? 0, last = dataset.interactions.time.last ?? 0
        let periods = try Periods.calendar(.month, covering: first, last)
        benchmark.startMeasurement()
        let series = try TieStrengthSeries(dataset.interactions, nodeCount: dataset.members.count, periods: periods, keepsSeries: false)
        benchmark.stopMeasurement()
        blackHole(series.tieCount)
    } setup: {
        try BenchmarkData.dataset(size)
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .throughput],
        timeUnits: .milliseconds,
        maxDuration: .seconds(10),
        maxIterations: 20
    )

    for size in [SampleSize.s, .m] {
        let name = size.rawValue.uppercased()

        // Ingest: parse, intern ids, parse timestamps and weights, validate, sort by time.
        // Records per second = records(size) / wall-clock time of one iteration.
        Benchmark("ingest interactions \(name)") { benchmark in
            let dir = BenchmarkData.path(size)
            for _ in benchmark.scaledIterations {
                let dataset = try DatasetLoader().load(InputPaths(interactions: dir + "/interactions.csv"))
                blackHole(dataset.interactions.count)
            }
        }

        Benchmark("ingest members+interactions \(name)") { benchmark in
            let dir = BenchmarkData.path(size)
            for _ in benchmark.scaledIterations {
                let dataset = try DatasetLoader().load(InputPaths(members: dir + "/members.csv", interactions: dir + "/interactions.csv"))
                blackHole(dataset.members.count)
            }
        }

        // Graph building from the whole log (aggregation, CSR out/in, symmetrised view).
        Benchmark("build graph \(name)") { (benchmark: Benchmark, dataset: Dataset) in
            benchmark.startMeasurement()
            let graph = GraphBuilder().build(dataset.interactions, nodeCount: dataset.members.count)
            benchmark.stopMeasurement()
            blackHole(graph.tieCount)
        } setup: {
            try BenchmarkData.dataset(size)
        }

        tieStrengthBenchmark(size)
    }

    // The same on L (10,000,000 records): linear in records plus ties × periods.
    tieStrengthBenchmark(.l, configuration: .init(maxDuration: .seconds(30), maxIterations: 3))

    measureBenchmarks()
    workbookBenchmarks()
    importBenchmarks()
}
