import WeftGraph

/// Burt's structural-hole measures of every member: constraint, effective size and efficiency.
///
/// A member's contacts N(i) are its in- and out-neighbours, each counted once. Weighted, the
/// mutual weight of i and j is a_ij = w_ij + w_ji (a missing direction counts 0; on an undirected
/// graph a_ij = w_ij, the factor 2 NetworkX applies cancelling below): the sum-symmetrised view,
/// whatever the graph's `symmetrisation` rule. Unweighted, the measures are those of the
/// undirected, unweighted view: a_ij = 1 for every contact, a reciprocated directed pair
/// included (NetworkX `constraint(G.to_undirected())` and `effective_size(G.to_undirected())`).
/// NetworkX on the DiGraph itself counts a reciprocated pair twice (a_ij = 2), which is why
/// Weft's unweighted values equal NetworkX's undirected ones and not its directed ones. Then
///
/// - proportional tie strength p_ij = a_ij / Σ_{k ∈ N(i)} a_ik;
/// - local constraint c_ij = (p_ij + Σ_{q ∈ N(i), q ≠ i, j} p_iq p_qj)²;
/// - `constraint[i]` = Σ_{j ∈ N(i)} c_ij: high when i's contacts are few, strong and tied to one
///   another (NetworkX `constraint(G, weight=…)`);
/// - `effectiveSize[i]` = Σ_{j ∈ N(i)} (1 − Σ_{q ∈ N(i), q ≠ j} p_iq m_jq) with
///   m_jq = a_jq / max_{k ∈ N(j)} a_jk: the number of contacts less their redundancy (Burt 1992).
///   On an unweighted undirected graph this is Borgatti's n − 2t/n (n contacts, t ties among
///   them), which NetworkX `effective_size(G)` computes: Weft's unweighted value on any graph. On
///   weighted graphs NetworkX 3.6's default (all-nodes) call divides a_jq by q's largest mutual weight instead of
///   j's; Weft follows Burt's formula, which NetworkX's per-node loop (`nodes=` given) implements.
/// - `efficiency[i]` = effectiveSize[i] / |N(i)|, in (0, 1].
///
/// A member with no contacts has none of these: all three are NaN (as NetworkX, which returns
/// nan for isolates).
///
/// Cost: Σ_i Σ_{j ∈ N(i)} |N(j)| = Σ_j |N(j)|² steps, with a dense scratch array indexed by
/// member holding p_iq for the current i. Members are split over the cores in a fixed number
/// of chunks; each member's values come from one thread, so they do not depend on the number
/// of threads.
///
/// References: R. S. Burt, *Structural Holes: The Social Structure of Competition*, Harvard
/// University Press, 1992; R. S. Burt, "Structural holes and good ideas", American Journal of
/// Sociology 110 (2004) 349–399; S. P. Borgatti, "Structural holes: unpacking Burt's redundancy
/// measures", Connections 20(1) (1997) 35–38.
public struct StructuralHoles: Sendable {
    /// Burt's constraint per member (NaN for isolates).
    public let constraint: [Double]
    /// Burt's effective size per member (NaN for isolates).
    public let effectiveSize: [Double]
    /// Effective size divided by the number of contacts (NaN for isolates).
    public let efficiency: [Double]
    /// Whether tie weights were used (otherwise every tie weighs 1).
    public let isWeighted: Bool

    static let chunkCount = 32

    /// Computes the three measures for every member.
    /// - Parameters:
    ///   - weighted: use tie weights (default); false gives every tie weight 1.
    ///   - threads: threads to use; the result is the same for every value.
    public init(_ graph: Graph, weighted: Bool = true, threads: Int = Parallel.threadCount) {
        let n = graph.nodeCount
        isWeighted = weighted
        let contacts = StructuralHoles.mutualWeights(graph, weighted: weighted)
        let offsets = contacts.offsets, neighbours = contacts.neighbours
        // m_ij straight into the kernels' scratch (a copy of an array would hold both).
        let m = Scratch<Double>(repeating: 0, count: contacts.entryCount)
        let share = StructuralHoles.normalisedWeights(contacts, scaled: m)
        // Work per member: its contacts' contact lists.
        var work = [Int](repeating: 0, count: n + 1)
        for i in 0..<n {
            var steps = 1 + offsets[i + 1] - offsets[i]
            for e in offsets[i]..<offsets[i + 1] { steps += contacts.degree(Int(neighbours[e])) }
            work[i + 1] = work[i] + steps
        }
        let ranges = Parallel.balancedRanges(prefix: work, parts: min(StructuralHoles.chunkCount, max(1, n)))
        let parts = contacts.withView(weights: share) { g in
            Parallel.map(chunks: ranges.count, threads: threads,
                         workspace: { Workspace(nodeCount: n) }) { workspace, chunk -> [(Double, Double)] in
                ranges[chunk].map { i in StructuralHoles.measure(i, g, scaled: m, workspace: workspace) }
            }
        }
        var constraint = [Double](repeating: .nan, count: n)
        var effectiveSize = [Double](repeating: .nan, count: n)
        var efficiency = [Double](repeating: .nan, count: n)
        for (range, values) in zip(ranges, parts) {
            for (i, value) in zip(range, values) where offsets[i] < offsets[i + 1] {
                constraint[i] = value.0
                effectiveSize[i] = value.1
                efficiency[i] = value.1 / Double(offsets[i + 1] - offsets[i])
            }
        }
        self.constraint = constraint
        self.effectiveSize = effectiveSize
        self.efficiency = efficiency
    }

    /// Dense per-thread arrays indexed by member, zero outside the current member's contacts.
    final class Workspace {
        /// p_iq for q ∈ N(i).
        let share: Scratch<Double>
        /// Σ_q p_iq p_qj for j ∈ N(i).
        let indirect: Scratch<Double>
        init(nodeCount n: Int) {
            share = Scratch(repeating: 0, count: n)
            indirect = Scratch(repeating: 0, count: n)
        }
    }

    /// (constraint, effective size) of member i; (NaN, NaN) for an isolate. `g` is the contacts'
    /// view weighted by p_ij, `m` holds m_ij at the same positions.
    private static func measure(_ i: Int, _ g: CSRView, scaled m: borrowing Scratch<Double>,
                                workspace: Workspace) -> (Double, Double) {
        let row = g.entries(i)
        if row.isEmpty { return (.nan, .nan) }
        for e in row { workspace.share[Int(g.target(e))] = g.weight(e) }
        var effective = 0.0
        for e in row {
            let j = Int(g.target(e)), pij = g.weight(e)
            var redundancy = 0.0
            // Contacts k of j that are also contacts of i (k ≠ i: i is not its own contact).
            for f in g.entries(j) {
                let k = Int(g.target(f))
                let pik = workspace.share[k]
                if pik != 0 {
                    workspace.indirect[k] += pij * g.weight(f)      // p_ij p_jk, j in the middle
                    redundancy += pik * m[f]                        // p_ik m_jk
                }
            }
            effective += 1 - redundancy
        }
        var constraint = 0.0
        for e in row {
            let j = Int(g.target(e))
            let c = g.weight(e) + workspace.indirect[j]
            constraint += c * c
            workspace.share[j] = 0
            workspace.indirect[j] = 0
        }
        return (constraint, effective)
    }

    /// Per entry (i, j): p_ij = a_ij / Σ_k a_ik (returned), and a_ij / max_k a_ik (m_ij, into `scaled`).
    private static func normalisedWeights(_ contacts: Adjacency, scaled: borrowing Scratch<Double>) -> [Double] {
        var share = [Double](repeating: 0, count: contacts.entryCount)
        for i in 0..<contacts.nodeCount {
            let row = contacts.offsets[i]..<contacts.offsets[i + 1]
            var total = 0.0, top = 0.0
            for e in row { total += contacts.weights[e]; top = max(top, contacts.weights[e]) }
            for e in row { share[e] = contacts.weights[e] / total; scaled[e] = contacts.weights[e] / top }
        }
        return share
    }

    /// Each member's contacts (in- and out-neighbours, sorted) with the mutual weights a_ij.
    static func mutualWeights(_ graph: Graph, weighted: Bool) -> Adjacency {
        let out = graph.out
        if !graph.isDirected {
            return weighted ? out : Adjacency(offsets: out.offsets, neighbours: out.neighbours,
                                              weights: [Double](repeating: 1, count: out.entryCount))
        }
        let into = graph.in
        let n = graph.nodeCount
        var offsets = [Int](repeating: 0, count: n + 1)
        var neighbours: [Int32] = [], weights: [Double] = []
        neighbours.reserveCapacity(out.entryCount + into.entryCount)
        weights.reserveCapacity(out.entryCount + into.entryCount)
        for v in 0..<n {
            var p = out.offsets[v], q = into.offsets[v]
            let pEnd = out.offsets[v + 1], qEnd = into.offsets[v + 1]
            while p < pEnd || q < qEnd {
                let a = p < pEnd ? out.neighbours[p] : Int32.max
                let b = q < qEnd ? into.neighbours[q] : Int32.max
                let u = min(a, b)
                var w = 0.0
                if a == u { w += out.weights[p]; p += 1 }
                if b == u { w += into.weights[q]; q += 1 }
                neighbours.append(u)
                weights.append(weighted ? w : 1)
            }
            offsets[v + 1] = neighbours.count
        }
        return Adjacency(offsets: offsets, neighbours: neighbours, weights: weights)
    }
}
