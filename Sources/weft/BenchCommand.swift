import ArgumentParser
import Foundation
import WeftAnalysis
import WeftGraph
import WeftIO

/// `weft bench`: times one kernel on an aggregated edge list, for side-by-side comparisons with
/// other network libraries (Benchmarks/compare/). The last line on stdout is one JSON object:
/// `{"runs": [seconds, …], "summary": {…}}`, the summary holding cross-check figures computed
/// from the last run, or `{"status": "n/a"}` for a kernel Weft does not have.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time one kernel on an aggregated, undirected edge list (source,target,weight CSV).",
        discussion: """
            Kernels: \(BenchKernel.allCases.map(\.rawValue).joined(separator: ", ")). Reading the file \
            and building the graph is timed only by the load kernel; the ingest kernel times reading \
            an interactions log (source,target,timestamp[,type,weight]) the way weft analyze does: \
            parsing, checks, ids, dates and the SHA-256 fingerprint. Each run's time goes to stderr; \
            the last stdout line is {"runs": [seconds, …], "summary": {…}} with figures to cross-check \
            against other libraries (node-valued kernels: sum, max, mean and the top 5 members, ties \
            broken by id), or {"status": "n/a"} for a kernel name Weft does not know.
            """
    )

    @Option(help: "The kernel to time.")
    var kernel: String

    @Option(help: "An edge list: CSV with columns source, target and optionally weight (undirected); for the ingest kernel, an interactions log.")
    var input: String

    @Option(help: "Timed runs.")
    var reps = 5

    @Option(help: "Untimed runs before the timed ones (first-touch memory, caches).")
    var warmup = 0

    @Option(help: "Worker threads (default: WEFT_THREADS, else every core).")
    var threads: Int?

    func validate() throws {
        if reps < 1 { throw ValidationError("--reps must be at least 1") }
        if warmup < 0 { throw ValidationError("--warmup must not be negative") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        guard let kernel = BenchKernel(rawValue: kernel) else {
            printError("weft bench: no kernel '\(self.kernel)' (known: \(BenchKernel.allCases.map(\.rawValue).joined(separator: ", ")))")
            print(#"{"status": "n/a"}"#)
            return
        }
        // Parallel.threadCount reads WEFT_THREADS once, at first use: set it before any work.
        if let threads {
            setenv("WEFT_THREADS", String(threads), 1)
            guard Parallel.threadCount == threads else {
                throw CommandFailure(message: "error: the thread count was fixed before --threads could set it", exitCode: 1)
            }
        }
        let result: BenchResult
        if kernel == .ingest {
            let (runs, dataset) = try BenchCommand.timed(reps, warmup: warmup) { try DatasetLoader().load(InputPaths(interactions: input)) }
            result = BenchResult(runs: runs, summary: .ingest(dataset))
        } else if kernel == .load {
            let (runs, edges) = try BenchCommand.timed(reps, warmup: warmup) { try EdgeListFile(path: input) }
            result = BenchResult(runs: runs, summary: .load(edges.graph))
        } else {
            let edges = try EdgeListFile(path: input)
            result = try BenchCommand.time(kernel, on: edges, reps: reps, warmup: warmup)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        print(String(decoding: try encoder.encode(result), as: UTF8.self))
    }

    /// Times `reps` runs of `kernel` on the loaded graph (after `warmup` untimed ones) and
    /// summarises the last.
    static func time(_ kernel: BenchKernel, on edges: EdgeListFile, reps: Int, warmup: Int) throws -> BenchResult {
        let graph = edges.graph
        func timed<T>(_ body: () throws -> T) rethrows -> (runs: [Double], last: T) {
            try BenchCommand.timed(reps, warmup: warmup, body)
        }
        func nodeValued(_ body: () throws -> [Double]) rethrows -> BenchResult {
            let (runs, values) = try timed(body)
            return BenchResult(runs: runs, summary: .nodeValues(values, ids: edges.ids))
        }
        switch kernel {
        case .load, .ingest:
            preconditionFailure("the \(kernel) kernel times the reading itself")
        case .components:
            let (runs, c) = timed { Components.weak(graph) }
            return BenchResult(runs: runs, summary: BenchSummary(count: c.count, largest: c.largestSize))
        case .kcore:
            let (runs, cores) = timed { CoreNumber(graph) }
            let top = cores.maximum
            return BenchResult(runs: runs, summary: BenchSummary(maxCore: top, maxCoreSize: cores.values.count(where: { $0 == top })))
        case .transitivity:
            let (runs, c) = timed { Clustering(graph) }
            return BenchResult(runs: runs, summary: BenchSummary(transitivity: c.transitivity))
        case .triangles:
            let (runs, c) = timed { Clustering(graph) }
            return BenchResult(runs: runs, summary: BenchSummary(triangles: c.triangles.reduce(0, +) / 3))
        case .clustering:
            return nodeValued { Clustering(graph).local }
        case .spmv:
            let product = SparseProduct(graph.undirected, weighted: true)
            let x = Scratch<Double>(repeating: 1, count: graph.nodeCount)
            let y = Scratch<Double>(repeating: 1, count: graph.nodeCount)
            let (runs, _) = timed { product.apply(x, into: y) }
            let best = runs.min() ?? .nan
            let triad = StreamTriad.bytesPerSecond(threads: Parallel.threadCount)
            let achieved = Double(product.compulsoryBytes) / best
            return BenchResult(runs: runs, summary: BenchSummary(sum: y.array.reduce(0, +), bytes: product.compulsoryBytes,
                                                                 gbPerSecond: achieved / 1e9, triadGbPerSecond: triad / 1e9,
                                                                 shareOfTriad: achieved / triad))
        case .pagerank:
            return nodeValued { PageRank(graph, path: .sparse).values }
        case .eigenvector:
            return nodeValued { EigenvectorCentrality(graph, path: .sparse).values }
        case .hits:
            // On the undirected edge list hubs equal authorities: the authorities, summing to 1.
            return nodeValued { HITS(graph, path: .sparse).authorities }
        case .katz:
            // Weft's default α = min(0.1, 0.9/λmax), β = 1, unit Euclidean norm; α's eigenvalue is timed too.
            return nodeValued { KatzCentrality(graph, path: .sparse).values }
        case .louvain, .leiden:
            let method: Communities.Method = kernel == .louvain ? .louvain : .leiden
            let (runs, c) = timed { Communities(graph, method: method, restarts: 1) }
            return BenchResult(runs: runs, summary: BenchSummary(modularity: c.modularity.value, communities: c.count, passes: c.passes))
        case .closeness:
            return nodeValued { Closeness(graph).incoming }
        case .betweenness:
            return try nodeValued { try Betweenness(graph).raw }
        }
    }

    /// Runs `body` `warmup` times untimed, then `reps` times reporting each run's wall time on
    /// stderr; returns the times in seconds and the last run's result.
    static func timed<T>(_ reps: Int, warmup: Int, _ body: () throws -> T) rethrows -> (runs: [Double], last: T) {
        for _ in 0..<warmup { _ = try body() }
        let clock = ContinuousClock()
        var runs: [Double] = []
        var last: T?
        for rep in 1...reps {
            let start = clock.now
            last = try body()
            let elapsed = start.duration(to: clock.now).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
            runs.append(seconds)
            printError(String(format: "run %d: %.6f s", rep, seconds))
        }
        return (runs, last!)
    }
}

/// The kernels `weft bench` times, named as in Benchmarks/compare/compare.py.
enum BenchKernel: String, CaseIterable {
    case ingest, load, spmv, components, kcore, transitivity, triangles, clustering, pagerank, eigenvector, hits, katz, louvain, leiden, closeness, betweenness
}

/// `weft bench`'s output: the run times and the cross-check figures.
struct BenchResult: Encodable {
    let runs: [Double]
    let summary: BenchSummary
}

/// Cross-check figures; only those of the kernel timed are present.
struct BenchSummary: Encodable {
    struct Member: Encodable {
        let id: String
        let value: Double
    }

    var rows: Int?                                          // ingest
    var nodes: Int?, edges: Int?, totalWeight: Double?      // load, ingest (nodes, totalWeight)
    var count: Int?, largest: Int?                          // components
    var maxCore: Int?, maxCoreSize: Int?                    // kcore
    var transitivity: Double?
    var triangles: Int?
    var sum: Double?, max: Double?, mean: Double?, top5: [Member]?   // node-valued kernels
    var modularity: Double?, communities: Int?              // louvain, leiden
    var passes: Int?                                        // louvain: aggregation levels; leiden: iterations
    var bytes: Int?, gbPerSecond: Double?, triadGbPerSecond: Double?, shareOfTriad: Double?   // spmv

    /// Members, ties and total tie weight of the graph read.
    static func load(_ graph: Graph) -> BenchSummary {
        BenchSummary(nodes: graph.nodeCount, edges: graph.undirected.entryCount / 2,
                     totalWeight: graph.undirected.weights.reduce(0, +) / 2)
    }

    /// Rows accepted, members named and total record weight of an interactions log read.
    static func ingest(_ dataset: Dataset) -> BenchSummary {
        BenchSummary(rows: dataset.rowsAccepted, nodes: dataset.members.count, totalWeight: dataset.interactions.weight.reduce(0, +))
    }

    /// Sum, maximum and mean of a node value, and the five highest members (ties: smaller id first).
    static func nodeValues(_ values: [Double], ids: IdentifierRegistry) -> BenchSummary {
        let order = values.indices.sorted { a, b in
            values[a] != values[b] ? values[a] > values[b] : ids[Int32(a)] < ids[Int32(b)]
        }
        let sum = values.reduce(0, +)
        return BenchSummary(sum: sum, max: values.max() ?? 0, mean: values.isEmpty ? 0 : sum / Double(values.count),
                            top5: order.prefix(5).map { Member(id: ids[Int32($0)], value: values[$0]) })
    }
}
