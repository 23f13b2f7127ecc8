/// One node's neighbours in compressed sparse row (CSR) form: node v's neighbours are
/// `neighbours[offsets[v] ..< offsets[v + 1]]`, sorted ascending and unique, with the tie weight
/// of each in `weights` at the same position.
public struct Adjacency: Sendable {
    public let offsets: [Int]
    public let neighbours: [Int32]
    public let weights: [Double]

    public init(offsets: [Int], neighbours: [Int32], weights: [Double]) {
        precondition(neighbours.count == weights.count && offsets.last == neighbours.count, "inconsistent CSR arrays")
        self.offsets = offsets
        self.neighbours = neighbours
        self.weights = weights
    }

    public var nodeCount: Int { offsets.count - 1 }
    public var entryCount: Int { neighbours.count }

    /// Number of neighbours of `v`.
    @inlinable public func degree(_ v: Int) -> Int { offsets[v + 1] - offsets[v] }

    /// Sum of the weights of `v`'s ties.
    public func strength(_ v: Int) -> Double {
        var s = 0.0
        for p in offsets[v]..<offsets[v + 1] { s += weights[p] }
        return s
    }

    public func neighbours(of v: Int) -> ArraySlice<Int32> { neighbours[offsets[v]..<offsets[v + 1]] }

    /// Whether `u` is among `v`'s neighbours (binary search).
    public func contains(_ v: Int, _ u: Int32) -> Bool {
        var lo = offsets[v], hi = offsets[v + 1]
        while lo < hi {
            let mid = (lo + hi) / 2
            if neighbours[mid] < u { lo = mid + 1 } else { hi = mid }
        }
        return lo < offsets[v + 1] && neighbours[lo] == u
    }
}

/// The aggregated ties of a graph, one row per ordered pair (source → target) on a directed graph
/// or per unordered pair (source < target) on an undirected one, sorted by (source, target).
public struct TieTable: Sendable {
    public internal(set) var source: [Int32] = []
    public internal(set) var target: [Int32] = []
    /// Sum of the records' weights.
    public internal(set) var weight: [Double] = []
    /// Number of records.
    public internal(set) var recordCount: [Int32] = []
    /// Bit c is set when a record of interaction type code c (see `InteractionLog.types`) is among
    /// the tie's records; codes 63 and above share bit 63.
    public internal(set) var typeMask: [UInt64] = []
    /// Time of the tie's first and last record.
    public internal(set) var firstTime: [Int64] = []
    public internal(set) var lastTime: [Int64] = []

    public var count: Int { source.count }

    /// Appends another table's rows.
    mutating func append(_ other: TieTable) {
        source += other.source; target += other.target; weight += other.weight
        recordCount += other.recordCount; typeMask += other.typeMask
        firstTime += other.firstTime; lastTime += other.lastTime
    }

    /// The bit standing for interaction type `code` in `typeMask`.
    @inlinable public static func typeBit(_ code: UInt16) -> UInt64 { 1 << UInt64(min(code, 63)) }
}

/// How the two directions of a directed pair combine into one undirected tie weight.
/// A record with `directed = false` adds its weight once to the undirected tie, whatever the rule.
public enum Symmetrisation: String, CaseIterable, Sendable {
    /// w_ij + w_ji (the default: every record counts once).
    case sum
    /// max(w_ij, w_ji): any reported tie counts, keeping the stronger direction.
    case max
    /// min(w_ij, w_ji): only reciprocated ties survive, keeping the weaker direction.
    case min
    /// (w_ij + w_ji) / 2, a missing direction counting as 0.
    case mean

    func combine(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .sum: return a + b
        case .max: return Swift.max(a, b)
        case .min: return a > 0 && b > 0 ? Swift.min(a, b) : 0
        case .mean: return (a + b) / 2
        }
    }
}

/// An immutable network of `nodeCount` members for one time window: the aggregated ties and
/// three CSR views of them.
///
/// - `out`: each node's out-neighbours (all neighbours on an undirected graph);
/// - `in`: each node's in-neighbours (the same as `out` on an undirected graph);
/// - `undirected`: the symmetrised view — a tie wherever either direction exists, weighted by
///   the `symmetrisation` rule — used by measures defined on undirected graphs (clustering,
///   communities, k-core, weak components).
///
/// Every member is a node, including members with no ties in the window (isolates).
public struct Graph: Sendable {
    public let nodeCount: Int
    public let isDirected: Bool
    public let symmetrisation: Symmetrisation
    public let ties: TieTable
    public let out: Adjacency
    public let `in`: Adjacency
    public let undirected: Adjacency

    init(nodeCount: Int, isDirected: Bool, symmetrisation: Symmetrisation, ties: TieTable,
         out: Adjacency, in inAdjacency: Adjacency, undirected: Adjacency) {
        self.nodeCount = nodeCount
        self.isDirected = isDirected
        self.symmetrisation = symmetrisation
        self.ties = ties
        self.out = out
        self.in = inAdjacency
        self.undirected = undirected
    }

    /// Number of ties: ordered pairs on a directed graph, unordered pairs on an undirected one.
    public var tieCount: Int { ties.count }

    /// Whether a tie i → j exists (either direction on an undirected graph).
    public func hasTie(from i: Int, to j: Int) -> Bool { out.contains(i, Int32(j)) }
}
