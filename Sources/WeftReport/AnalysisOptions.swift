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
    /// Approximate betweenness from this many sampled sources (nil = exact).
    public var betweennessSamples: Int?
    /// Seed for everything random (sampled betweenness).
    public var seed: UInt64 = 42
    /// Dense (BLAS/LAPACK) or sparse kernels for the spectral measures.
    public var kernel: KernelPath = .auto

    public init() {}
}
