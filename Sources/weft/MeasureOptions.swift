import ArgumentParser
import Foundation
import WeftAnalysis
import WeftGraph
import WeftIO
import WeftReport

extension NetworkKind: ExpressibleByArgument {}
extension KernelPath: ExpressibleByArgument {}

/// Which network the measures run on and how they are computed (shared by `analyze` and `metrics`).
struct MeasureOptions: ParsableArguments {
    @Option(help: "The network to measure: interactions, co-attendance (shared events), co-attendance-newman (shared events weighted 1/(size − 1)) or events (events tied by shared members; rows are then events).")
    var network: NetworkKind = .interactions

    @Option(help: "How the two directions of a tie combine in the undirected view: sum, max, min or mean.")
    var symmetrise: Symmetrisation = .sum

    @Flag(help: "Betweenness and closeness with distance = 1/weight instead of hop counts.")
    var weightedPaths = false

    @Option(help: "Estimate betweenness and closeness from this many sampled source members (default: exact up to --exact-up-to members, 500 sources above).")
    var sampleSources: Int?

    @Option(help: "Largest network on which betweenness and closeness are exact unless --sample-sources is given.")
    var exactUpTo = 20_000

    @Option(help: "Seed for everything random (sampled betweenness).")
    var seed: UInt64 = 42

    @Option(help: "Personalised PageRank: comma-separated member ids that the random surfer restarts from (default: everyone equally).")
    var pagerankSeeds: String?

    @Flag(help: "Pseudonymise the outputs: ids become p0001, p0002, … (in member order), names and rejected values are left out, and only the attributes named in --keep-attributes are written.")
    var pseudonymise = false

    @Option(help: "With --pseudonymise, comma-separated attribute columns to keep (e.g. country,cohort).")
    var keepAttributes: String?

    @Option(help: "Kernels for eigenvector, PageRank, Katz and HITS: auto, dense (BLAS/LAPACK) or sparse (iterative).")
    var kernel: KernelPath = .auto

    func validate() throws {
        if let k = sampleSources, k < 1 { throw ValidationError("--sample-sources must be at least 1") }
        if exactUpTo < 0 { throw ValidationError("--exact-up-to must not be negative") }
    }

    func options(undirected: Bool) -> AnalysisOptions {
        var o = AnalysisOptions()
        o.network = network
        o.undirected = undirected
        o.symmetrisation = symmetrise
        o.weightedPaths = weightedPaths
        o.pathSamples = sampleSources
        o.exactPathLimit = exactUpTo
        o.seed = seed
        o.kernel = kernel
        o.pseudonymise = pseudonymise
        o.keptAttributes = keepAttributes.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } ?? []
        o.pagerankSeeds = pagerankSeeds.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? []
        return o
    }

    /// Every --pagerank-seeds id must name a node of the chosen network.
    func checkSeeds(_ dataset: Dataset) throws {
        let ids = network == .events ? dataset.attendance.events : dataset.members.ids
        for id in options(undirected: false).pagerankSeeds where ids.index(of: id) == nil {
            throw ValidationError("--pagerank-seeds: no \(network == .events ? "event" : "member") with id '\(id)'")
        }
    }
}
