import Foundation
import Testing
import WeftAnalysis
import WeftGraph

/// A fixture JSON file of Fixtures/make_brokerage_reference.py.
struct TopicFixture {
    let loaded: LoadedFixture
    let json: [String: Any]

    init(_ name: String, topic: String) throws {
        loaded = try LoadedFixture(name)
        let url = try #require(Bundle.module.url(forResource: topic, withExtension: "json", subdirectory: "Fixtures/\(name)"))
        json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    /// A member-keyed map as an array in member order; null is NaN.
    func node(_ values: Any?) throws -> [Double] {
        let values = try #require(values as? [String: Any])
        var out = [Double](repeating: -1e300, count: loaded.graph.nodeCount)
        for (id, value) in values { out[try loaded.index(id)] = (value as? NSNumber)?.doubleValue ?? .nan }
        return out
    }
}

/// Like `closeArrays`, with NaN equal to NaN.
func closeOrNaN(_ a: [Double], _ b: [Double], tolerance: Double = 1e-9) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { x, y in
        (x.isNaN && y.isNaN) || abs(x - y) <= tolerance * max(1, abs(x), abs(y))
    }
}

@Suite struct StructuralHolesTests {
    static let datasets = ["karate", "lesmis", "florentine", "directed", "directed_weighted", "disconnected"]

    /// Constraint from NetworkX 3.6.1; effective size from Burt's formula (NetworkX on unweighted
    /// undirected graphs), see make_brokerage_reference.py.
    @Test(arguments: datasets, [false, true])
    func matchesReference(_ name: String, _ weighted: Bool) throws {
        let f = try TopicFixture(name, topic: "structural_holes")
        let h = StructuralHoles(f.loaded.graph, weighted: weighted)
        let suffix = weighted ? "_weighted" : ""
        #expect(closeOrNaN(h.constraint, try f.node(f.json["constraint" + suffix])))
        #expect(closeOrNaN(h.effectiveSize, try f.node(f.json["effective_size" + suffix])))
        #expect(closeOrNaN(h.efficiency, try f.node(f.json["efficiency" + suffix])))
    }

    /// Path a – b – c: b's two contacts are unconnected (p = 1/2 each, no indirect paths), so
    /// constraint(b) = 2 · (1/2)² = 1/2 and effective size 2; a has one contact: constraint 1,
    /// effective size 1.
    @Test func pathByHand() {
        let h = StructuralHoles(makeGraph(3, [(0, 1), (1, 2)]))
        #expect(h.constraint == [1, 0.5, 1])
        #expect(h.effectiveSize == [1, 2, 1])
        #expect(h.efficiency == [1, 1, 1])
    }

    /// Triangle: p = 1/2 and one indirect path of 1/2 · 1/2 per contact, so
    /// c_ij = (3/4)² and constraint = 9/8; effective size 2 − 2·1/2 = 1, efficiency 1/2.
    @Test func triangleByHand() {
        let h = StructuralHoles(makeGraph(3, [(0, 1), (1, 2), (0, 2)]))
        for v in 0..<3 {
            #expect(abs(h.constraint[v] - 9.0 / 8) < 1e-15)
            #expect(abs(h.effectiveSize[v] - 1) < 1e-15)
            #expect(abs(h.efficiency[v] - 0.5) < 1e-15)
        }
    }

    /// Weighted: ties 0–1 (2), 0–2 (1), 1–2 (1), 0–3 (1). For member 0: p01 = 1/2, p02 = p03 = 1/4;
    /// p21 = 1/2, p12 = 1/3. Constraint = (1/2 + 1/4·1/2)² + (1/4 + 1/2·1/3)² + (1/4)²
    /// = 25/64 + 25/144 + 1/16 = 361/576. Effective size with m_jq = a_jq / max_k a_jk
    /// (max of 1: 2, of 2: 1, of 3: 1): contact 1 loses p02·m12 = 1/4·1/2, contact 2 loses
    /// p01·m21 = 1/2·1, contact 3 nothing: 7/8 + 1/2 + 1 = 19/8. (Dividing by q's maximum, as
    /// NetworkX 3.6's default call does, would give 5/2.) Unweighted: p = 1/3 each, p21 = p12 =
    /// 1/2, constraint (1/3 + 1/6)²·2 + 1/9 = 11/18, effective size 3 − 2·1/3 = 7/3.
    @Test func weightedByHand() {
        let g = makeGraph(4, [(0, 1), (0, 2), (1, 2), (0, 3)], weights: [2, 1, 1, 1])
        let h = StructuralHoles(g)
        #expect(abs(h.constraint[0] - 361.0 / 576) < 1e-15)
        #expect(abs(h.effectiveSize[0] - 19.0 / 8) < 1e-15)
        #expect(abs(h.efficiency[0] - 19.0 / 24) < 1e-15)
        let u = StructuralHoles(g, weighted: false)
        #expect(abs(u.constraint[0] - 11.0 / 18) < 1e-15)
        #expect(abs(u.effectiveSize[0] - 7.0 / 3) < 1e-15)
    }

    /// Directed: 0 → 1, 1 → 0, 0 → 2, 3 (isolate), every weight 1. Unweighted is the undirected
    /// view: a01 = a02 = 1, p = 1/2 each, no indirect paths: constraint(0) = 1/4 + 1/4 = 1/2
    /// (NetworkX on the DiGraph would count the reciprocated pair twice and give 5/9). Weighted,
    /// the mutual weights are a01 = 2, a02 = 1: p01 = 2/3, p02 = 1/3, constraint 4/9 + 1/9 = 5/9.
    /// Member 2 has one contact (an in-neighbour only): constraint 1, effective size 1. The
    /// isolate is NaN.
    @Test func directedByHand() {
        let g = makeGraph(4, [(0, 1), (1, 0), (0, 2)], directed: true)
        let h = StructuralHoles(g, weighted: false)
        #expect(h.constraint[0] == 0.5)
        #expect(h.effectiveSize[0] == 2)
        let w = StructuralHoles(g, weighted: true)
        #expect(abs(w.constraint[0] - 5.0 / 9) < 1e-15)
        #expect(w.effectiveSize[0] == 2)
        #expect(h.constraint[2] == 1 && h.effectiveSize[2] == 1)
        #expect(h.constraint[3].isNaN && h.effectiveSize[3].isNaN && h.efficiency[3].isNaN)
    }

    /// Burt's bounds: 1 ≤ effective size ≤ |N(i)| (each contact keeps at least p_ij of itself),
    /// constraint ≥ Σ p_ij² ≥ 1/|N(i)|; values do not depend on member order or thread count;
    /// on unweighted undirected graphs effective size is Borgatti's n − 2t/n with t the triangles.
    @Test(arguments: 0..<12)
    func properties(_ seed: Int) {
        let directed = seed % 2 == 1
        let g = randomGraph(seed: UInt64(seed), n: 40, p: 0.12, directed: directed)
        let contacts = DegreeCentrality(g).neighbours
        for weighted in [false, true] {
            let h = StructuralHoles(g, weighted: weighted, threads: 1)
            for v in 0..<g.nodeCount {
                let k = Double(contacts[v])
                if k == 0 {
                    #expect(h.constraint[v].isNaN && h.effectiveSize[v].isNaN)
                    continue
                }
                #expect(h.effectiveSize[v] >= 1 - 1e-12 && h.effectiveSize[v] <= k + 1e-12)
                #expect(h.efficiency[v] > 0 && h.efficiency[v] <= 1 + 1e-12)
                #expect(h.constraint[v] >= 1 / k - 1e-12)
            }
            let threaded = StructuralHoles(g, weighted: weighted, threads: 3)
            #expect(closeOrNaN(threaded.constraint, h.constraint, tolerance: 0))
            #expect(closeOrNaN(threaded.effectiveSize, h.effectiveSize, tolerance: 0))
            var rng = SeededGenerator(seed: UInt64(seed) + 100)
            let permutation = Array(0..<g.nodeCount).shuffled(using: &rng)
            let r = StructuralHoles(relabel(g, permutation), weighted: weighted)
            #expect(closeOrNaN((0..<g.nodeCount).map { r.constraint[permutation[$0]] }, h.constraint, tolerance: 1e-12))
            #expect(closeOrNaN((0..<g.nodeCount).map { r.effectiveSize[permutation[$0]] }, h.effectiveSize, tolerance: 1e-12))
        }
        // Unweighted, on any graph: Borgatti's n − 2t/n on the undirected view.
        do {
            let t = Clustering(g).triangles
            let h = StructuralHoles(g, weighted: false)
            for v in 0..<g.nodeCount where contacts[v] > 0 {
                let n = Double(contacts[v])
                #expect(abs(h.effectiveSize[v] - (n - 2 * Double(t[v]) / n)) < 1e-12)
            }
        }
    }
}
