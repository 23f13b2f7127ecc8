import LinearAlgebra
import WeftGraph

/// One-mode projections of two-mode attendance data (members × events), as undirected weighted
/// graphs that feed the same measures as any other network.
///
/// With B the members × events incidence matrix of the window (b_ie = 1 when member i attended
/// event e; repeated rows count once):
/// - member projection, `count` weighting: w_ij = Σ_e b_ie·b_je, the number of events i and j both
///   attended (NetworkX `bipartite.weighted_projected_graph`);
/// - member projection, `newman` weighting: w_ij = Σ_e b_ie·b_je / (k_e − 1), k_e the event's
///   size, so large events make weaker ties (NetworkX `bipartite.collaboration_weighted_projected_graph`;
///   Newman, Phys. Rev. E 64, 016132, 2001);
/// - event projection: w_ef = Σ_i b_ie·b_if, the number of members two events share.
/// Co-attendance is an opportunity for a tie rather than a tie (Borgatti & Halgin 2011).
///
/// Dense path: B·Bᵀ (or Bᵀ·B) by BLAS dsyrk; Newman's weights as B·(B·diag(r))ᵀ by dgemm. Sparse path: for each member, a sparse accumulator over the co-attendees of its
/// events: O(Σ_e k_e²).
public enum TwoModeProjection {
    public enum Weighting: String, CaseIterable, Sendable { case count, newman }

    /// The incidence of the window: each node's distinct partners on the other side, sorted.
    struct Incidence {
        var rowOffsets: [Int]
        var rows: [Int32]        // for each left node, its right nodes
        var columnOffsets: [Int]
        var columns: [Int32]     // for each right node, its left nodes
    }

    static func incidence(_ log: AttendanceLog, left: KeyPath<AttendanceLog, [Int32]>, leftCount: Int,
                          right: KeyPath<AttendanceLog, [Int32]>, rightCount: Int, window: TimeWindow) -> Incidence {
        var pairs: [(Int32, Int32)] = []
        let leftIds = log[keyPath: left], rightIds = log[keyPath: right]
        for k in log.range(in: window) { pairs.append((leftIds[k], rightIds[k])) }
        pairs.sort { $0 < $1 }
        var unique: [(Int32, Int32)] = []
        for p in pairs where unique.last.map({ $0 != p }) ?? true { unique.append(p) }
        func csr(_ list: [(Int32, Int32)], count: Int) -> ([Int], [Int32]) {
            var offsets = [Int](repeating: 0, count: count + 1)
            for (a, _) in list { offsets[Int(a) + 1] += 1 }
            for i in 0..<count { offsets[i + 1] += offsets[i] }
            return (offsets, list.map(\.1))
        }
        let (ro, r) = csr(unique, count: leftCount)
        let (co, c) = csr(unique.map { ($0.1, $0.0) }.sorted { $0 < $1 }, count: rightCount)
        return Incidence(rowOffsets: ro, rows: r, columnOffsets: co, columns: c)
    }

    /// The member × member co-attendance network.
    public static func members(_ log: AttendanceLog, memberCount n: Int, window: TimeWindow = .all,
                               weighting: Weighting = .count, path: KernelPath = .auto) -> Graph {
        let b = incidence(log, left: \.member, leftCount: n, right: \.event, rightCount: log.events.count, window: window)
        let eventWeight: (Int) -> Double = { e in
            let size = b.columnOffsets[e + 1] - b.columnOffsets[e]
            switch weighting {
            case .count: return 1
            case .newman: return size > 1 ? 1 / Double(size - 1) : 0
            }
        }
        return project(b, leftCount: n, rightCount: log.events.count, rightWeight: eventWeight, path: path)
    }

    /// The event × event network (shared members).
    public static func events(_ log: AttendanceLog, memberCount n: Int, window: TimeWindow = .all, path: KernelPath = .auto) -> Graph {
        let b = incidence(log, left: \.event, leftCount: log.events.count, right: \.member, rightCount: n, window: window)
        return project(b, leftCount: log.events.count, rightCount: n, rightWeight: { _ in 1 }, path: path)
    }

    /// W = B·diag(r)·Bᵀ off the diagonal, as an undirected graph over the left nodes.
    static func project(_ b: Incidence, leftCount n: Int, rightCount m: Int, rightWeight: (Int) -> Double,
                        path requested: KernelPath) -> Graph {
        var pairs: [(i: Int32, j: Int32, w: Double)] = []
        if requested.resolved(nodeCount: max(n, m)) == .dense {
            // B·diag(r)·Bᵀ: by dsyrk when every r is 1, otherwise as B·(B·diag(r))ᵀ by dgemm, so
            // that each weight enters once, exactly (no √r·√r rounding).
            var incidence = Matrix(rows: n, columns: m), scaled = Matrix(rows: n, columns: m)
            var unitWeights = true
            for i in 0..<n {
                for p in b.rowOffsets[i]..<b.rowOffsets[i + 1] {
                    let e = Int(b.rows[p])
                    incidence[i, e] = 1
                    scaled[i, e] = rightWeight(e)
                    if scaled[i, e] != 1 { unitWeights = false }
                }
            }
            let w = unitWeights ? BLAS.syrk(incidence) : BLAS.product(incidence, scaled, transB: .transpose)
            for j in 0..<n {
                for i in 0..<j where w[i, j] > 0 { pairs.append((Int32(i), Int32(j), w[i, j])) }
            }
        } else {
            var accumulator = [Double](repeating: 0, count: n)
            var touched: [Int] = []
            for i in 0..<n {
                for p in b.rowOffsets[i]..<b.rowOffsets[i + 1] {
                    let e = Int(b.rows[p])
                    let r = rightWeight(e)
                    for q in b.columnOffsets[e]..<b.columnOffsets[e + 1] {
                        let j = Int(b.columns[q])
                        if j <= i { continue }
                        if accumulator[j] == 0 { touched.append(j) }
                        accumulator[j] += r
                    }
                }
                touched.sort()
                for j in touched {
                    if accumulator[j] > 0 { pairs.append((Int32(i), Int32(j), accumulator[j])) }
                    accumulator[j] = 0
                }
                touched.removeAll(keepingCapacity: true)
            }
        }
        var log = InteractionLog()
        log.reserve(pairs.count)
        for pair in pairs { try? log.append(source: pair.i, target: pair.j, time: 0, weight: pair.w, directed: false) }
        return GraphBuilder(undirected: true).build(log, nodeCount: n)
    }
}
