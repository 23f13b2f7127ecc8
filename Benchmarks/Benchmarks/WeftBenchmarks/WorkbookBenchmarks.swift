import Benchmark
import Foundation
import WeftIO

/// The benchmark workbook: a 1,000,000-row interactions sheet written by
/// workbook/make_big_workbook.py (openpyxl, seeded) into Benchmarks/data/ the first time it is needed.
enum BenchmarkWorkbook {
    static let rows = 1_000_000

    static let path = BenchmarkData.generated("interactions-1m.xlsx", by: "workbook/make_big_workbook.py", count: rows)
}

/// The .xlsx reader on one core: rows per second = 1,000,000 / wall-clock time of one iteration
/// (`throughput` counts rows). `read` streams the sheet and touches every field; `ingest` is the
/// whole interactions path (ids, dates, weights, types) from the sheet.
func workbookBenchmarks() {
    let configuration = Benchmark.Configuration(metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .throughput],
                                                timeUnits: .milliseconds, scalingFactor: .mega,
                                                maxDuration: .seconds(30), maxIterations: 3)
    Benchmark("read xlsx sheet 1M rows", configuration: configuration) { benchmark in
        let path = BenchmarkWorkbook.path
        benchmark.startMeasurement()
        let source = try InputSource.open(path: path)
        var fieldBytes = 0, rows = 0
        try source.forEachRecord { record in
            rows += 1
            for i in 0..<record.fieldCount { fieldBytes &+= record.byteCount(i) }
        }
        benchmark.stopMeasurement()
        precondition(rows == BenchmarkWorkbook.rows)
        blackHole(fieldBytes)
    }

    Benchmark("ingest interactions xlsx 1M rows", configuration: configuration) { benchmark in
        let path = BenchmarkWorkbook.path
        benchmark.startMeasurement()
        let dataset = try DatasetLoader().load(InputPaths(interactions: path))
        benchmark.stopMeasurement()
        precondition(dataset.rowsAccepted == BenchmarkWorkbook.rows)
        blackHole(dataset.interactions.count)
    }
}
