import WeftGraph

extension Closeness {
    /// Closeness and harmonic centrality estimated from `sampleSources` members drawn uniformly
    /// (seeded), for networks too large for one search per member (Eppstein & Wang, "Fast
    /// approximation of centrality", SODA 2001).
    ///
    /// One search runs from each sampled member s along the ties (finding d(s, u) for every u:
    /// the incoming distances) and one against them (d(u, s): the outgoing ones). For member u, the
    /// sums over the sampled sources other than u — of reached members, of distances and of
    /// 1/distance — are scaled by (n − 1) / (sources other than u) to estimate r, Σd and the
    /// harmonic sum over all members, which then enter the same formulas as the exact measure.
    /// The estimates of r, Σd and the harmonic sum are unbiased; with k ≥ n every member is a
    /// source and the values are exact. `Betweenness.sampledWithCloseness` gives the same values
    /// with sampled betweenness from the same searches.
    public init(_ graph: Graph, weighted: Bool = false, sampleSources k: Int, seed: UInt64 = Betweenness.defaultSeed,
                threads: Int = Parallel.threadCount) throws {
        try Betweenness.requireSample(k, "Closeness")
        let sources = Betweenness.sampleSources(k, of: graph.nodeCount, seed: seed)
        let searched = SourceSearches(graph, weighted: weighted, sources: sources, dependencies: false, distances: true,
                                      threads: threads)
        self.init(graph, weighted: weighted, sources: sources, searched)
    }

    /// The estimate from the distance sums of searches from `sources` (ascending, distinct).
    init(_ graph: Graph, weighted: Bool, sources: [Int32], _ searched: SourceSearches) {
        let n = graph.nodeCount
        var isSource = [Bool](repeating: false, count: n)
        for s in sources { isSource[Int(s)] = true }
        func estimate(_ sums: DistanceSums) -> (closeness: [Double], harmonic: [Double]) {
            var closeness = [Double](repeating: 0, count: n), harmonic = closeness
            for u in 0..<n {
                let others = sources.count - (isSource[u] ? 1 : 0)
                guard others > 0, n > 1 else { continue }
                let scale = Double(n - 1) / Double(others)
                let r = sums.reached(u) * scale, sum = sums.total(u) * scale
                closeness[u] = sum > 0 ? (r / Double(n - 1)) * (r / sum) : 0
                harmonic[u] = sums.inverse(u) * scale
            }
            return (closeness, harmonic)
        }
        // Searching along the ties from s finds d(s, u): incoming distances of every u.
        let inward = estimate(searched.inward!)
        let outward = graph.isDirected ? estimate(searched.outward!) : inward
        self.init(incoming: inward.closeness, outgoing: outward.closeness, harmonic: inward.harmonic,
                  harmonicOutgoing: outward.harmonic, isDirected: graph.isDirected, isWeighted: weighted,
                  sourceCount: sources.count)
    }
}
