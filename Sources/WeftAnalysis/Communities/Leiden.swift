import Foundation
import WeftGraph

/// Leiden: local moving, then a refinement that splits each community into well-connected
/// sub-communities, then aggregation by the refined partition, with the unrefined partition as
/// the starting point on the aggregate network, until local moving merges nothing or the refined
/// partition merges nothing (the aggregate would not shrink). Iterated from its own result until modularity no
/// longer rises: a pass starts from the previous result with fresh random orders, and the search
/// stops at the first pass that raises modularity by less than `minimumGain` (as igraph's
/// `n_iterations = -1`, which stops when a pass changes nothing).
///
/// Refinement (modularity form, gains in tie-weight units): within each community C every node
/// starts alone; a node v with w(v, C − v) ≥ γ·k_v·(K_C − k_v) / 2m that is still alone joins a
/// sub-community S of C with w(S, C − S) ≥ γ·K_S·(K_C − K_S) / 2m, chosen with probability
/// ∝ exp(ΔH / θ) among those with gain ΔH = w(v, S) − γ·k_v·K_S / 2m ≥ 0 (staying alone has
/// gain 0). Reference: Traag, Waltman & van Eck, "From Louvain to Leiden: guaranteeing
/// well-connected communities", Scientific Reports 9, 5233 (2019).
enum Leiden {
    static let maximumIterations = 50
    static let minimumGain = 1e-7

    static func run(_ base: WeightedNetwork, resolution: Double, randomness: Double,
                    generator: inout SeededGenerator) -> (membership: [Int32], passes: Int) {
        var membership = (0..<Int32(base.nodeCount)).map { $0 }
        var quality = Modularity(base, community: membership, communityCount: base.nodeCount, resolution: resolution).value
        var iterations = 0
        while iterations < maximumIterations {
            var next = pass(base, start: membership, resolution: resolution, randomness: randomness, generator: &generator)
            iterations += 1
            let k = LocalMoving.renumber(&next)
            let q = Modularity(base, community: next, communityCount: k, resolution: resolution).value
            if q > quality {
                membership = next
            }
            guard q > quality + minimumGain else { break }
            quality = q
        }
        return (membership, iterations)
    }

    /// One Leiden pass from the partition `start` (codes 0 ..< node count).
    static func pass(_ base: WeightedNetwork, start: [Int32], resolution: Double, randomness: Double,
                     generator: inout SeededGenerator) -> [Int32] {
        var network = base
        var community = start
        var membership = (0..<Int32(base.nodeCount)).map { $0 }   // original node → aggregate node
        while true {
            LocalMoving.run(network, community: &community, resolution: resolution, generator: &generator)
            let k = LocalMoving.renumber(&community)
            if k == network.nodeCount { break }
            var refined = refine(network, community: community, communityCount: k, resolution: resolution,
                                 randomness: randomness, generator: &generator)
            let r = LocalMoving.renumber(&refined)
            // A refinement that leaves every node alone would aggregate the network into itself
            // and the pass would never end: stop, as igraph (`continue_clustering`) and leidenalg
            // stop when the refined partition no longer shrinks the network.
            if r == network.nodeCount { break }
            var next = [Int32](repeating: 0, count: r)
            for v in 0..<network.nodeCount { next[Int(refined[v])] = community[v] }
            for v in membership.indices { membership[v] = refined[Int(membership[v])] }
            network = network.aggregated(by: refined, communityCount: r)
            community = next
        }
        return membership.map { community[Int($0)] }
    }

    /// The refined partition: sub-communities of each community of `community`. Nodes are visited
    /// once in a seeded random order, each in three named phases (`weighSubCommunities`,
    /// `listCandidates`, `draw`) and, when it joins another sub-community, `merge`.
    static func refine(_ network: WeightedNetwork, community: [Int32], communityCount: Int, resolution: Double,
                       randomness: Double, generator: inout SeededGenerator) -> [Int32] {
        let n = network.nodeCount
        var order = (0..<Int32(n)).map { $0 }
        var state = RefinementState(network, community: community, communityCount: communityCount, resolution: resolution)
        LocalMoving.shuffle(&order, &generator)
        network.withView { g in
            for vv in order {
                let v = Int(vv)
                guard state.isSingletonAndWellConnected(v) else { continue }
                state.weighSubCommunities(of: v, g)
                guard state.listCandidates(for: v) else { continue }
                let chosen = state.draw(randomness: randomness, generator: &generator)
                state.merge(v, into: Int(chosen))
            }
        }
        return state.refined.array
    }
}

/// The state of one refinement: the sub-community of each node, and per sub-community S its
/// total strength K_S, its size and w(S, C − S), the weight of its ties to the rest of its
/// community C; for the node being visited, its weight to each neighbouring sub-community of C
/// and the candidates it may join.
private struct RefinementState: ~Copyable {
    let strength: Scratch<Double>
    let community: Scratch<Int32>
    /// K_C per community.
    let communityStrength: Scratch<Double>
    /// γ / 2m.
    let scale: Double
    let refined: Scratch<Int32>
    let subStrength: Scratch<Double>
    let size: Scratch<Int32>
    let outside: Scratch<Double>
    /// w(v, C − v) per node.
    let ownOutside: Scratch<Double>
    let toSub: Scratch<Double>
    let mark: Scratch<Int32>
    var touched: [Int32] = []
    var candidates: [(sub: Int32, gain: Double)] = []
    var bestGain = 0.0

    init(_ network: WeightedNetwork, community: [Int32], communityCount: Int, resolution: Double) {
        let n = network.nodeCount
        scale = resolution / (2 * network.totalWeight)
        let communityStrength = Scratch<Double>(repeating: 0, count: communityCount)
        for v in 0..<n { communityStrength[Int(community[v])] += network.strength[v] }
        self.communityStrength = communityStrength
        let outside = Scratch<Double>(repeating: 0, count: n)
        network.withView { g in
            for v in 0..<n {
                for p in g.entries(v) where community[Int(g.target(p))] == community[v] { outside[v] += g.weight(p) }
            }
        }
        ownOutside = Scratch(outside.array)
        self.outside = outside
        strength = Scratch(network.strength)
        subStrength = Scratch(network.strength)
        self.community = Scratch(community)
        refined = Scratch((0..<Int32(n)).map { $0 })
        size = Scratch(repeating: 1, count: n)
        toSub = Scratch(repeating: 0, count: n)
        mark = Scratch(repeating: -1, count: n)
    }

    /// Whether v is still alone in its sub-community and w(v, C − v) ≥ γ·k_v·(K_C − k_v) / 2m.
    func isSingletonAndWellConnected(_ v: Int) -> Bool {
        let kv = strength[v], sc = communityStrength[Int(community[v])]
        return size[Int(refined[v])] == 1 && ownOutside[v] >= kv * (sc - kv) * scale
    }

    /// Phase 1: w(v, S) for every sub-community S of v's community holding a neighbour of v,
    /// listed in neighbour order.
    mutating func weighSubCommunities(of v: Int, _ g: CSRView) {
        let c = community[v], stamp = Int32(truncatingIfNeeded: v)
        for p in g.entries(v) {
            let u = Int(g.target(p))
            guard community[u] == c else { continue }
            let s = Int(refined[u])
            if mark[s] != stamp { mark[s] = stamp; toSub[s] = 0; touched.append(Int32(s)) }
            toSub[s] += g.weight(p)
        }
    }

    /// Phase 2: v's candidates — staying alone (gain 0), then each weighed sub-community S with
    /// w(S, C − S) ≥ γ·K_S·(K_C − K_S) / 2m and gain w(v, S) − γ·k_v·K_S / 2m ≥ 0. Returns
    /// whether there is any besides staying.
    mutating func listCandidates(for v: Int) -> Bool {
        let kv = strength[v], sc = communityStrength[Int(community[v])]
        candidates.removeAll(keepingCapacity: true)
        candidates.append((refined[v], 0))
        bestGain = 0
        for s32 in touched {
            let s = Int(s32)
            let ks = subStrength[s]
            guard outside[s] >= ks * (sc - ks) * scale else { continue }
            let gain = toSub[s] - kv * ks * scale
            if gain >= 0 {
                candidates.append((s32, gain))
                bestGain = max(bestGain, gain)
            }
        }
        touched.removeAll(keepingCapacity: true)
        return candidates.count > 1
    }

    /// Phase 3: a candidate drawn with probability ∝ exp(gain / θ), shifted by the best gain so
    /// nothing overflows.
    func draw(randomness: Double, generator: inout SeededGenerator) -> Int32 {
        var weightSum = 0.0
        for i in candidates.indices { weightSum += exp((candidates[i].gain - bestGain) / randomness) }
        var draw = generator.nextUnit() * weightSum
        var chosen = candidates[candidates.count - 1].sub
        for candidate in candidates {
            draw -= exp((candidate.gain - bestGain) / randomness)
            if draw < 0 { chosen = candidate.sub; break }
        }
        return chosen
    }

    /// Phase 4: v leaves its singleton sub-community for `s` (nothing when s is v's own).
    func merge(_ v: Int, into s: Int) {
        let old = Int(refined[v])
        guard s != old else { return }
        outside[s] += ownOutside[v] - 2 * toSub[s]
        subStrength[s] += strength[v]
        size[s] += 1
        subStrength[old] = 0; size[old] = 0; outside[old] = 0
        refined[v] = Int32(s)
    }
}
