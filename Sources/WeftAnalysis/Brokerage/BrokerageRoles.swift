import WeftGraph

/// Gould and Fernandez's brokerage roles: for a categorical attribute (country, organisation,
/// community), how often each member v stands between two others on a path i → v → k that has
/// no shortcut i → k, classified by which of the three share a group.
///
/// Two-paths: ordered triples (i, v, k) of distinct members with ties i → v and v → k and no tie
/// i → k. On an undirected graph every tie counts in both directions, so a path i – v – k
/// counts once as (i, v, k) and once as (k, v, i). Weights are ignored. The roles of broker v,
/// with sna's column names:
///
/// | role | groups | sna |
/// |---|---|---|
/// | coordinator | i, v, k all in one group | w_I |
/// | itinerant (consultant) | i and k in one group, v in another | w_O |
/// | representative | i and v in one group, k in another | b_IO |
/// | gatekeeper | v and k in one group, i in another | b_OI |
/// | liaison | i, v, k in three groups | b_O |
/// | total | all two-paths through v | t |
///
/// Members with no group (code −1) take no part: the analysis runs on the subgraph of grouped
/// members, as one would run sna after dropping members whose attribute is missing. Their counts
/// are 0 and their expected values, standard deviations and z-scores NaN. N is the number of
/// grouped members and m the number of ordered pairs among them with a tie (twice the ties on an
/// undirected graph).
///
/// Expected values and standard deviations are those of R's `sna::brokerage` (Gould & Fernandez
/// 1989): each ordered triple is a brokerage path with probability q = d²(1 − d) in a Bernoulli
/// graph of density d = m / (N(N − 1)), so the expected count of a role is q times the number of
/// ordered (i, k) pairs that would give that role. For broker group A of size n_A (sums over the
/// other groups B ≠ A; x = d³(1 − d)³; C(a, 2) = a(a − 1)/2):
///
/// | role | expected E | variance |
/// |---|---|---|
/// | coordinator | q (n_A − 1)(n_A − 2) | E(1 − q) + 2 (n_A − 1)(n_A − 2)(n_A − 3) x |
/// | itinerant | q Σ_B n_B(n_B − 1) | E(1 − q) + 2 Σ_B n_B(n_B − 1)(n_B − 2) x |
/// | representative, gatekeeper | q (N − n_A)(n_A − 1) | E(1 − q) + 2 [(n_A − 1) C(N − n_A, 2) + (N − n_A) C(n_A − 1, 2)] x |
/// | liaison | q Σ_{B ≠ C, both ≠ A} n_B n_C | E(1 − q) + 4 Σ_B n_B C(N − n_B − n_A, 2) x |
/// | total | q (N − 1)(N − 2) | E(1 − q) + 2 (N − 1)(N − 2)(N − 3) x |
///
/// and z = (count − E) / √variance, with IEEE arithmetic (0/0 = NaN where a role cannot occur,
/// for example coordinator in a group of two). Network-level values (`network`: the counts
/// summed over members) use sna's whole-network moments, written out in `BrokerageMoments`.
/// The variances are Gould and Fernandez's approximations, reproduced as sna computes them.
///
/// Cost: Σ_v (Σ_{i ∈ in(v)} out(i) + in(v) · out(v)), brokers split over the cores in a fixed
/// number of chunks; each member's counts come from one thread.
///
/// References: R. V. Gould & R. M. Fernandez, "Structures of mediation: a formal approach to
/// brokerage in transaction networks", Sociological Methodology 19 (1989) 89–126; C. T. Butts,
/// sna: Tools for Social Network Analysis (R package), function `brokerage`.
public struct BrokerageRoles: Sendable {
    /// The five roles and their total, in sna's column order.
    public enum Role: Int, CaseIterable, Sendable {
        case coordinator, itinerant, representative, gatekeeper, liaison, total

        /// The role's name in Weft's outputs.
        public var label: String {
            switch self {
            case .coordinator: return "coordinator"
            case .itinerant: return "itinerant"
            case .representative: return "representative"
            case .gatekeeper: return "gatekeeper"
            case .liaison: return "liaison"
            case .total: return "total"
            }
        }

        /// sna's column name: w_I, w_O, b_IO, b_OI, b_O, t.
        public var snaName: String {
            switch self {
            case .coordinator: return "w_I"
            case .itinerant: return "w_O"
            case .representative: return "b_IO"
            case .gatekeeper: return "b_OI"
            case .liaison: return "b_O"
            case .total: return "t"
            }
        }
    }

    /// An observed count with its expected value, standard deviation and z-score.
    public struct Score: Sendable, Equatable {
        public let observed: Double
        public let expected: Double
        public let standardDeviation: Double
        public let z: Double
    }

    /// `counts[role.rawValue][v]`: brokerage paths through member v in that role.
    public let counts: [[Int]]
    /// `expected[role.rawValue][v]`: the expected count for v's group (NaN without a group).
    public let expected: [[Double]]
    /// `standardDeviation[role.rawValue][v]` (NaN without a group).
    public let standardDeviation: [[Double]]
    /// `z[role.rawValue][v]` = (count − expected) / standard deviation (NaN without a group).
    public let z: [[Double]]
    /// `groupExpected[role.rawValue][g]`: expected count for one broker of group g (NaN for an
    /// empty group). sna's `exp.grp`.
    public let groupExpected: [[Double]]
    /// `groupStandardDeviation[role.rawValue][g]`: sna's `sd.grp`.
    public let groupStandardDeviation: [[Double]]
    /// `network[role.rawValue]`: counts summed over all members, with sna's network-level
    /// expected value, standard deviation and z-score (`raw.gli`, `exp.gli`, `sd.gli`, `z.gli`).
    public let network: [Score]
    /// N: members with a group.
    public let memberCount: Int
    /// m: ordered pairs of grouped members with a tie.
    public let tiedPairs: Int
    /// d = m / (N(N − 1)).
    public let density: Double

    static let chunkCount = 32

    /// Counts the roles of every member and their expected values under sna's null model, in
    /// three phases: `tiedPairCount` (N, m and the density d), `countRoles` (each broker's role
    /// counts, in parallel) and `scores` (expected values, standard deviations and z-scores from
    /// `BrokerageMoments`, per member and for the network).
    /// - Parameters:
    ///   - groups: one group code per member (−1: none); `groups.nodeCount` must equal the graph's.
    ///   - threads: threads to use; the result is the same for every value.
    /// - Throws: `ArgumentError` when `groups` does not have one code per node of `graph`.
    public init(_ graph: Graph, groups: NodeGroups, threads: Int = Parallel.threadCount) throws {
        try ArgumentError.require(groups.nodeCount == graph.nodeCount, "BrokerageRoles", "groups",
                                  "must hold one code per node (got \(groups.nodeCount) for \(graph.nodeCount))")
        let group = groups.group
        memberCount = group.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
        tiedPairs = BrokerageRoles.tiedPairCount(graph, group: group)
        density = Double(tiedPairs) / (Double(memberCount) * Double(memberCount - 1))

        let counts = BrokerageRoles.countRoles(graph, group: group, threads: threads)
        let moments = BrokerageMoments(memberCount: memberCount, density: density, sizes: groups.sizes)
        let scores = BrokerageRoles.scores(counts, group: group, moments: moments)
        self.counts = counts
        expected = scores.expected
        standardDeviation = scores.standardDeviation
        z = scores.z
        groupExpected = moments.groupExpected
        groupStandardDeviation = moments.groupVariance.map { $0.map { $0.squareRoot() } }
        network = scores.network
    }

    /// m: ordered pairs of grouped members with a tie (an undirected tie is two).
    static func tiedPairCount(_ graph: Graph, group: [Int32]) -> Int {
        var pairs = 0
        for t in 0..<graph.ties.count where group[Int(graph.ties.source[t])] >= 0 && group[Int(graph.ties.target[t])] >= 0 {
            pairs += graph.isDirected ? 1 : 2
        }
        return pairs
    }

    /// Per role: each grouped member's expected count and standard deviation (those of its
    /// group) and z-score, NaN for members without a group; and the network's score.
    static func scores(_ counts: [[Int]], group: [Int32], moments: BrokerageMoments)
        -> (expected: [[Double]], standardDeviation: [[Double]], z: [[Double]], network: [Score]) {
        let n = group.count
        var expected: [[Double]] = [], deviation: [[Double]] = [], z: [[Double]] = []
        var network: [Score] = []
        for role in Role.allCases {
            let r = role.rawValue
            var e = [Double](repeating: .nan, count: n), s = e, zr = e
            for v in 0..<n where group[v] >= 0 {
                let g = Int(group[v])
                e[v] = moments.groupExpected[r][g]
                s[v] = moments.groupVariance[r][g].squareRoot()
                zr[v] = (Double(counts[r][v]) - e[v]) / s[v]
            }
            expected.append(e); deviation.append(s); z.append(zr)
            let observed = Double(counts[r].reduce(0, +))
            let sd = moments.networkVariance[r].squareRoot()
            network.append(Score(observed: observed, expected: moments.networkExpected[r], standardDeviation: sd,
                                 z: (observed - moments.networkExpected[r]) / sd))
        }
        return (expected, deviation, z, network)
    }

    /// Role counts per member, `[role][member]`, the last row the total.
    static func countRoles(_ graph: Graph, group: [Int32], threads: Int) -> [[Int]] {
        let n = graph.nodeCount
        let out = graph.out, into = graph.in
        var work = [Int](repeating: 0, count: n + 1)
        for v in 0..<n {
            var steps = 1 + into.degree(v) * out.degree(v)
            for p in into.offsets[v]..<into.offsets[v + 1] { steps += out.degree(Int(into.neighbours[p])) }
            work[v + 1] = work[v] + steps
        }
        let ranges = Parallel.balancedRanges(prefix: work, parts: min(BrokerageRoles.chunkCount, max(1, n)))
        let roleCount = Role.allCases.count - 1
        // Per chunk: roleCount counts per broker of its range, broker-major.
        let g = Scratch(group)
        let parts = Parallel.map(chunks: ranges.count, threads: threads,
                                 workspace: { Marks(nodeCount: n) }) { marks, chunk -> [Int] in
            let range = ranges[chunk]
            var tally = [Int](repeating: 0, count: range.count * roleCount)
            Adjacency.withViews(out, into) { out, into in
                for v in range where g[v] >= 0 {
                    let gv = g[v], base = (v - range.lowerBound) * roleCount
                    for p in into.entries(v) {
                        let i = Int(into.target(p)), gi = g[i]
                        if gi < 0 { continue }
                        // owner[k] == i exactly when k is an out-neighbour of i: marks
                        // left by an earlier visit of i name the same set.
                        for t in out.entries(i) { marks.owner[Int(out.target(t))] = Int32(i) }
                        for t in out.entries(v) {
                            let k = Int(out.target(t)), gk = g[k]
                            if k == i || gk < 0 || marks.owner[k] == Int32(i) { continue }
                            let role: Role
                            if gi == gv {
                                role = gv == gk ? .coordinator : .representative
                            } else if gv == gk {
                                role = .gatekeeper
                            } else {
                                role = gi == gk ? .itinerant : .liaison
                            }
                            tally[base + role.rawValue] += 1
                        }
                    }
                }
            }
            return tally
        }
        var counts = [[Int]](repeating: [Int](repeating: 0, count: n), count: roleCount + 1)
        for (range, tally) in zip(ranges, parts) {
            for v in range {
                let base = (v - range.lowerBound) * roleCount
                for r in 0..<roleCount {
                    counts[r][v] = tally[base + r]
                    counts[roleCount][v] += tally[base + r]
                }
            }
        }
        return counts
    }

    /// Per-thread marks indexed by member.
    final class Marks {
        let owner: Scratch<Int32>
        init(nodeCount n: Int) { owner = Scratch(repeating: -1, count: n) }
    }
}

/// The moments of the brokerage counts in a Bernoulli graph of density d on N grouped members,
/// as R's `sna::brokerage` computes them: per broker group (`exp.grp`, the square of `sd.grp`)
/// and for the network (`exp.gli`, the square of `sd.gli`), indexed `[role][group]` and `[role]`
/// in `BrokerageRoles.Role` order.
///
/// With q = d²(1 − d), x = d³(1 − d)³, y = d⁴(1 − d)², z = d⁵(1 − d) and sums over groups
/// (distinct letters are distinct groups), the network-level moments are
///
/// - coordinator: E = q Σ_A n_A(n_A − 1)(n_A − 2); V = E(1 − q) + Σ_A n_A(n_A − 1)(n_A − 2)
///   [(4n_A − 10)x − 4(n_A − 3)y + (n_A − 3)z];
/// - itinerant: E = q Σ_A n_A(N − n_A)(n_A − 1); V = E(1 − q) + Σ_{A ≠ B} n_A n_B (n_A − 1)
///   [(2n_A + 2n_B − 6)x + (N − n_A − 1)z];
/// - representative and gatekeeper: E = q Σ_A n_A(N − n_A)(n_A − 1); V = E(1 − q) +
///   Σ_A n_A(N − n_A)(n_A − 1)[(N − 3)x + (n_A − 2)z];
/// - liaison: E = q Σ_{A ≠ B} n_A n_B (N − n_A − n_B); V = E(1 − q) + Σ_{A, B, C distinct}
///   n_A n_B n_C [(4(N − n_B) − 2(n_A + n_C + 1))x − (4(N − n_C) − 2(n_A + n_B + 1))y +
///   (N − n_A − n_C − 1)z];
/// - total: E = q N(N − 1)(N − 2); V = E(1 − q) + N(N − 1)(N − 2)[(4N − 10)x − 4(N − 3)y + (N − 3)z].
///
/// The per-group moments are in `BrokerageRoles`' documentation. Groups of equal size have equal
/// moments, so the sums run over the distinct sizes with their multiplicities (at most √(2N)
/// of them), and the liaison variance's sum over B is done in closed form (its term is linear
/// in n_B), so the cost is O(distinct sizes²) rather than O(groups³).
struct BrokerageMoments {
    var groupExpected: [[Double]]
    var groupVariance: [[Double]]
    var networkExpected: [Double]
    var networkVariance: [Double]

    init(memberCount: Int, density d: Double, sizes groupSizes: [Int]) {
        let roles = BrokerageRoles.Role.allCases.count
        let N = Double(memberCount)
        let q = d * d * (1 - d)
        let x = d * d * d * (1 - d) * (1 - d) * (1 - d)
        let y = d * d * d * d * (1 - d) * (1 - d)
        let z = d * d * d * d * d * (1 - d)
        func choose2(_ a: Double) -> Double { a * (a - 1) / 2 }

        // Distinct non-zero group sizes, ascending, with multiplicities.
        var size: [Double] = [], multiplicity: [Double] = []
        for s in groupSizes.filter({ $0 > 0 }).sorted() {
            if Double(s) == size.last { multiplicity[multiplicity.count - 1] += 1 } else {
                size.append(Double(s)); multiplicity.append(1)
            }
        }
        let distinct = size.count
        /// Groups of size index t other than one group of size index s.
        func others(_ s: Int, _ t: Int) -> Double { multiplicity[t] - (s == t ? 1 : 0) }
        let squares = zip(size, multiplicity).reduce(0.0) { $0 + $1.1 * $1.0 * $1.0 }

        // Per distinct size of the broker's group.
        var sizeExpected = [[Double]](repeating: [Double](repeating: 0, count: distinct), count: roles)
        var sizeVariance = sizeExpected
        for s in 0..<distinct {
            let n = size[s]
            var pairs = 0.0, triples = 0.0, spread = 0.0, otherSquares = 0.0
            for t in 0..<distinct {
                let c = others(s, t), m = size[t]
                pairs += c * m * (m - 1)
                triples += c * m * (m - 1) * (m - 2)
                spread += c * m * choose2(N - m - n)
                otherSquares += c * m * m
            }
            let e: [Double] = [
                q * (n - 1) * (n - 2),
                q * pairs,
                q * (N - n) * (n - 1),
                q * (N - n) * (n - 1),
                q * ((N - n) * (N - n) - otherSquares),
                q * (N - 1) * (N - 2),
            ]
            let between = 2 * ((n - 1) * choose2(N - n) + (N - n) * choose2(n - 1)) * x
            let extra: [Double] = [
                2 * (n - 1) * (n - 2) * (n - 3) * x,
                2 * triples * x,
                between,
                between,
                4 * spread * x,
                2 * (N - 1) * (N - 2) * (N - 3) * x,
            ]
            for r in 0..<roles {
                sizeExpected[r][s] = e[r]
                sizeVariance[r][s] = e[r] * (1 - q) + extra[r]
            }
        }
        groupExpected = (0..<roles).map { r in
            groupSizes.map { n in n > 0 ? sizeExpected[r][BrokerageMoments.index(of: Double(n), in: size)] : .nan }
        }
        groupVariance = (0..<roles).map { r in
            groupSizes.map { n in n > 0 ? sizeVariance[r][BrokerageMoments.index(of: Double(n), in: size)] : .nan }
        }

        // Network level.
        var e = [Double](repeating: 0, count: roles), v = e
        for s in 0..<distinct {
            let n = size[s], c = multiplicity[s]
            e[0] += c * n * (n - 1) * (n - 2)
            v[0] += c * n * (n - 1) * (n - 2) * ((4 * n - 10) * x - 4 * (n - 3) * y + (n - 3) * z)
            e[1] += c * n * (N - n) * (n - 1)
            v[2] += c * n * (N - n) * (n - 1) * ((N - 3) * x + (n - 2) * z)
            for t in 0..<distinct {
                let pairs = c * others(s, t), m = size[t]
                v[1] += pairs * n * m * (n - 1) * ((2 * n + 2 * m - 6) * x + (N - n - 1) * z)
                e[4] += pairs * n * m * (N - n - m)
                // Σ over a third group B ∉ {A, C} of n_B (α + β n_B), A of size n, C of size m.
                let alpha = x * (4 * N - 2 * n - 2 * m - 2) - y * (4 * N - 4 * m - 2 * n - 2) + z * (N - n - m - 1)
                let beta = -4 * x + 2 * y
                v[4] += pairs * n * m * (alpha * (N - n - m) + beta * (squares - n * n - m * m))
            }
        }
        e[0] *= q
        e[1] *= q
        e[2] = e[1]
        e[3] = e[1]
        e[4] *= q
        e[5] = q * N * (N - 1) * (N - 2)
        v[0] += e[0] * (1 - q)
        v[1] += e[1] * (1 - q)
        v[2] += e[2] * (1 - q)
        v[3] = v[2]
        v[4] += e[4] * (1 - q)
        v[5] = e[5] * (1 - q) + N * (N - 1) * (N - 2) * ((4 * N - 10) * x - 4 * (N - 3) * y + (N - 3) * z)
        networkExpected = e
        networkVariance = v
    }

    /// Position of `value` in the ascending array `sorted` (which holds it).
    private static func index(of value: Double, in sorted: [Double]) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
