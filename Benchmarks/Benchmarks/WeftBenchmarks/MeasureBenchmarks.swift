import Benchmark
import Foundation
import WeftAnalysis
import WeftGraph
import WeftIO
import WeftSample

/// Kernel benchmarks on the aggregated graph of a benchmark sample (the same graphs
/// Benchmarks/compare/ feeds to igraph). Each runs on the whole graph with the default threads.
func measureBenchmarks() {
    for size in [SampleSize.s, .m] {
        let name = size.rawValue.uppercased()
        let graph: @Sendable () -> Graph = {
            let dataset = try! BenchmarkData.dataset(size)
            return GraphBuilder().build(dataset.interactions, nodeCount: dataset.members.count)
        }
        typealias Kernel = @Sendable (Graph) throws -> Int
        var kernels: [(String, Kernel)] = []
        kernels.append(("components", { g in Components.weak(g).count + Components.strong(g).count }))
        kernels.append(("k-core", { g in CoreNumber(g).maximum }))
        kernels.append(("clustering", { g in Clustering(g).triangles.count }))
        kernels.append(("pagerank", { g in PageRank(g, path: .sparse).iterations }))
        kernels.append(("eigenvector", { g in EigenvectorCentrality(g, path: .sparse).iterations }))
        for method in Communities.Method.allCases {
            kernels.append(("\(method.rawValue)", { g in Communities(g, method: method, restarts: 1).count }))
        }
        kernels.append(("core-periphery", { g in DiscreteCorePeriphery(g).coreSize + ContinuousCorePeriphery(g).iterations }))
        kernels.append(("structural holes", { g in StructuralHoles(g).constraint.count }))
        kernels.append(("brokerage 24 groups", { g in
            try BrokerageRoles(g, groups: try NodeGroups(group: (0..<g.nodeCount).map { Int32($0 % 24) }, labels: (0..<24).map(String.init))).memberCount
        }))
        kernels.append(("closeness", { g in Closeness(g).incoming.count }))
        if size == .s {
            kernels.append(("betweenness", { g in try Betweenness(g).raw.count }))
        } else {
            kernels.append(("betweenness sampled 100", { g in try Betweenness(g, sampleSources: 100).raw.count }))
        }
        for (kernel, body) in kernels {
            Benchmark("\(kernel) \(name)") { benchmark, g in
                benchmark.startMeasurement()
                blackHole(try body(g))
                benchmark.stopMeasurement()
            } setup: {
                graph()
            }
        }
    }

    // Where the dense eigenvector path (dsyevr) stops beating the sparse one (power iteration):
    // KernelPath.denseLimit comes from these runs.
    for n in [250, 500, 1000, 2000, 4000] {
        let graph: @Sendable () -> Graph = {
            var rng = SeededGenerator(seed: UInt64(n))
            var log = InteractionLog()
            for _ in 0..<(n * 5) {
                let a = Int32(rng.next() % UInt64(n)), b = Int32(rng.next() % UInt64(n))
                try? log.append(source: a, target: b, time: 0)
            }
            return GraphBuilder(undirected: true).build(log, nodeCount: n)
        }
        for path in [KernelPath.dense, .sparse] {
            Benchmark("eigenvector \(path.rawValue) n=\(n)") { benchmark, g in
                benchmark.startMeasurement()
                blackHole(EigenvectorCentrality(g, path: path).values.count)
                benchmark.stopMeasurement()
            } setup: {
                graph()
            }
        }
    }
}
