import WeftAnalysis
import WeftGraph

/// Which network the measures run on.
public enum NetworkKind: String, CaseIterable, Sendable {
    /// Interactions between members (directed unless `--undirected`).
    case interactions
    /// Members tied by the number of events they attended together.
    case coAttendance = "co-attendance"
    /// Members tied by co-attendance weighted 1/(event size − 1) (Newman).
    case coAttendanceNewman = "co-attendance-newman"
    /// Events tied by the number of members they share (the nodes are events, not members).
    case events

    /// Whether the network's nodes are the members.
    public var nodesAreMembers: Bool { self != .events }
}

/// How the measures are computed. Defaults follow NetworkX, so values can be checked against it.
public struct AnalysisOptions: Sendable {
    public var network: NetworkKind = .interactions
    public var undirected = false
    public var symmetrisation: Symmetrisation = .sum
    /// Betweenness and closeness with distance = 1/weight instead of hop counts.
    public var weightedPaths = false
    /// Estimate betweenness and closeness from this many sampled source members (nil: exact up to
    /// `exactPathLimit` members, sampled from `automaticPathSamples` sources above it).
    public var pathSamples: Int?
    /// Largest network on which betweenness and closeness are exact by default: one search per
    /// member costs O(n·m), minutes or hours on hundreds of thousands of members.
    public var exactPathLimit = 20_000
    public static let automaticPathSamples = 500

    /// The number of sampled sources for a network of `n` members (nil = exact).
    public func pathSources(nodeCount n: Int) -> Int? {
        if let pathSamples { return pathSamples }
        return n > exactPathLimit ? AnalysisOptions.automaticPathSamples : nil
    }
    /// Seed for everything random (sampled betweenness, communities, permutation tests).
    public var seed: UInt64 = 42
    /// Personalised PageRank: teleport only to these node ids (empty = uniform teleport).
    public var pagerankSeeds: [String] = []
    /// Replace ids by pseudonyms, drop names, and keep only `keptAttributes` in the outputs.
    public var pseudonymise = false
    public var keptAttributes: [String] = []
    /// Dense (BLAS/LAPACK) or sparse kernels for the spectral measures.
    public var kernel: KernelPath = .auto
    /// Community detection (nil: none), its modularity resolution γ and independent restarts
    /// (nil: `Communities.defaultRestarts(tieCount:)`).
    public var communityMethod: Communities.Method? = .leiden
    public var resolution = 1.0
    public var communityRestarts: Int?
    /// Member attributes used as groups (E-I, mixing, brokerage, modularity by attribute); the
    /// first is the primary one. nil: every categorical-looking attribute, in file order.
    public var groupAttributes: [String]?

    public init() {}
}
