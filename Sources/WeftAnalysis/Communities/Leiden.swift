import Foundation
import WeftGraph

/// Leiden: local moving, then a refinement that splits each community into well-connected
/// sub-communities, then aggregation by the refined partition, with the unrefined partition as
/// the starting point on the aggregate network. Iterated from its own result until modularity no
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
            var next = [Int32](repeating: 0, count: r)
            for v in 0..<network.nodeCount { next[Int(refined[v])] = community[v] }
            for v in membership.indices { membership[v] = refined[Int(membership[v])] }
            network = network.aggregated(by: refined, communityCount: r)
            community = next
        }
        return membership.map { community[Int($0)] }
    }

    /// The refined partition: sub-communities of each community of `community`.
    static func refine(_ network: WeightedNetwork, community: [Int32], communityCount: Int, resolution: Double,
                       randomness: Double, generator: inout SeededGenerator) -> [Int32] {
        let n = network.nodeCount
        let scale = resolution / (2 * network.totalWeight)
        var communityStrength = [Double](repeating: 0, count: communityCount)
        for v in 0..<n { communityStrength[Int(community[v])] += network.strength[v] }
        var refined = (0..<Int32(n)).map { $0 }
        var strength = network.strength                          // K_S per sub-community
        var size = [Int32](repeating: 1, count: n)
        var outside = [Double](repeating: 0, count: n)           // w(S, C − S) per sub-community
        for v in 0..<n {
            for p in network.offsets[v]..<network.offsets[v + 1] where community[Int(network.neighbors[p])] == community[v] {
                outside[v] += network.weights[p]
            }
        }
        let ownOutside = outside                                 // w(v, C − v)
        var order = (0..<Int32(n)).map { $0 }
        LocalMoving.shuffle(&order, &generator)
        var toSub = [Double](repeating: 0, count: n)
        var mark = [Int32](repeating: -1, count: n)
        var touched: [Int32] = []
        var candidates: [(sub: Int32, gain: Double)] = []
        for vv in order {
            let v = Int(vv)
            let c = Int(community[v])
            let kv = network.strength[v]
            let sc = communityStrength[c]
            guard size[Int(refined[v])] == 1, ownOutside[v] >= kv * (sc - kv) * scale else { continue }
            for p in network.offsets[v]..<network.offsets[v + 1] {
                let u = Int(network.neighbors[p])
                guard community[u] == Int32(c) else { continue }
                let s = Int(refined[u])
                if mark[s] != Int32(v) { mark[s] = Int32(v); toSub[s] = 0; touched.append(Int32(s)) }
                toSub[s] += network.weights[p]
            }
            candidates.removeAll(keepingCapacity: true)
            candidates.append((refined[v], 0))
            var bestGain = 0.0
            for s in touched {
                let ks = strength[Int(s)]
                guard outside[Int(s)] >= ks * (sc - ks) * scale else { continue }
                let gain = toSub[Int(s)] - kv * ks * scale
                if gain >= 0 {
                    candidates.append((s, gain))
                    bestGain = max(bestGain, gain)
                }
            }
            touched.removeAll(keepingCapacity: true)
            guard candidates.count > 1 else { continue }
            // Draw ∝ exp(gain/θ), shifted by the best gain so nothing overflows.
            var weightSum = 0.0
            for i in candidates.indices { weightSum += exp((candidates[i].gain - bestGain) / randomness) }
            var draw = generator.nextUnit() * weightSum
            var chosen = candidates[candidates.count - 1].sub
            for candidate in candidates {
                draw -= exp((candidate.gain - bestGain) / randomness)
                if draw < 0 { chosen = candidate.sub; break }
            }
            let old = Int(refined[v])
            let s = Int(chosen)
            guard s != old else { continue }
            outside[s] += ownOutside[v] - 2 * toSub[s]
            strength[s] += kv
            size[s] += 1
            strength[old] = 0; size[old] = 0; outside[old] = 0
            refined[v] = chosen
        }
        return refined
    }
}
