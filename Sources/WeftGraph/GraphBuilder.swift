/// Aggregates the interaction records of a time window into a `Graph`.
///
/// All records of one ordered pair (one unordered pair when building an undirected graph) become
/// one tie carrying the sum of their weights, their count, the set of their types and the times
/// of the first and last record. A record whose `directed` flag is false counts in both
/// directions. Cost: O(records + members), by two stable counting sorts (by target, then by
/// source) and one linear merge; no hashing, no comparison sort.
public struct GraphBuilder: Sendable {
    /// Build an undirected graph: every record is an undirected tie between its two members.
    public var undirected: Bool
    /// How the two directions combine in the symmetrised view of a directed graph.
    public var symmetrisation: Symmetrisation

    public init(undirected: Bool = false, symmetrisation: Symmetrisation = .sum) {
        self.undirected = undirected
        self.symmetrisation = symmetrisation
    }

    public func build(_ log: InteractionLog, nodeCount n: Int, window: TimeWindow = .all) -> Graph {
        let records = log.range(in: window)
        // 1. One entry per (record, direction) it counts in.
        var entrySource: [Int32] = [], entryTarget: [Int32] = [], entryRecord: [Int32] = []
        let capacity = records.count * (undirected ? 1 : 2)
        entrySource.reserveCapacity(capacity); entryTarget.reserveCapacity(capacity); entryRecord.reserveCapacity(capacity)
        for k in records {
            let s = log.source[k], t = log.target[k]
            precondition(Int(s) < n && Int(t) < n, "record \(k) names a member outside the registry")
            if undirected {
                entrySource.append(min(s, t)); entryTarget.append(max(s, t)); entryRecord.append(Int32(k))
            } else {
                entrySource.append(s); entryTarget.append(t); entryRecord.append(Int32(k))
                if !log.directed[k] {
                    entrySource.append(t); entryTarget.append(s); entryRecord.append(Int32(k))
                }
            }
        }
        // 2. Order entries by (source, target), keeping time order within a pair.
        let byTarget = GraphBuilder.stableCountingOrder(keys: entryTarget, keyCount: n, order: nil)
        let order = GraphBuilder.stableCountingOrder(keys: entrySource, keyCount: n, order: byTarget)
        // 3. Merge runs of equal pairs into ties.
        var ties = TieTable()
        var directedPart: [Double] = [], sharedPart: [Double] = []
        var lastSource: Int32 = -1, lastTarget: Int32 = -1
        for e in order {
            let s = entrySource[Int(e)], t = entryTarget[Int(e)], k = Int(entryRecord[Int(e)])
            let w = log.weight[k], when = log.time[k]
            if s != lastSource || t != lastTarget {
                ties.source.append(s); ties.target.append(t)
                ties.weight.append(0); ties.recordCount.append(0); ties.typeMask.append(0)
                ties.firstTime.append(when); ties.lastTime.append(when)
                directedPart.append(0); sharedPart.append(0)
                (lastSource, lastTarget) = (s, t)
            }
            let i = ties.count - 1
            ties.weight[i] += w
            ties.recordCount[i] += 1
            ties.typeMask[i] |= TieTable.typeBit(log.type[k])
            ties.firstTime[i] = min(ties.firstTime[i], when)
            ties.lastTime[i] = max(ties.lastTime[i], when)
            if log.directed[k] { directedPart[i] += w } else { sharedPart[i] += w }
        }
        if undirected {
            let both = GraphBuilder.bothDirections(ties, nodeCount: n)
            return Graph(nodeCount: n, isDirected: false, symmetrisation: symmetrisation, ties: ties,
                         out: both, in: both, undirected: both)
        }
        let out = Adjacency(offsets: GraphBuilder.offsets(keys: ties.source, keyCount: n),
                            neighbors: ties.target, weights: ties.weight)
        let inOrder = GraphBuilder.stableCountingOrder(keys: ties.target, keyCount: n, order: nil)
        let inAdjacency = Adjacency(offsets: GraphBuilder.offsets(keys: ties.target, keyCount: n),
                                    neighbors: inOrder.map { ties.source[Int($0)] },
                                    weights: inOrder.map { ties.weight[Int($0)] })
        let sym = symmetrised(out: out, inOrder: inOrder, inOffsets: inAdjacency.offsets, ties: ties,
                              directedPart: directedPart, sharedPart: sharedPart)
        return Graph(nodeCount: n, isDirected: true, symmetrisation: symmetrisation, ties: ties,
                     out: out, in: inAdjacency, undirected: sym)
    }

    /// Merges each node's out-list and in-list (both sorted) into one neighbour list.
    private func symmetrised(out: Adjacency, inOrder: [Int32], inOffsets: [Int], ties: TieTable,
                             directedPart: [Double], sharedPart: [Double]) -> Adjacency {
        let n = out.nodeCount
        var offsets = [Int](repeating: 0, count: n + 1)
        var neighbors: [Int32] = [], weights: [Double] = []
        neighbors.reserveCapacity(ties.count * 2); weights.reserveCapacity(ties.count * 2)
        for v in 0..<n {
            var p = out.offsets[v], q = inOffsets[v]
            let pEnd = out.offsets[v + 1], qEnd = inOffsets[v + 1]
            while p < pEnd || q < qEnd {
                let outNeighbor = p < pEnd ? ties.target[p] : Int32.max
                let inTie = q < qEnd ? Int(inOrder[q]) : -1
                let inNeighbor = q < qEnd ? ties.source[inTie] : Int32.max
                let u = min(outNeighbor, inNeighbor)
                var a = 0.0, b = 0.0, shared = 0.0
                if outNeighbor == u { a = directedPart[p]; shared = sharedPart[p]; p += 1 }
                if inNeighbor == u { b = directedPart[inTie]; shared = sharedPart[inTie]; q += 1 }
                let w = symmetrisation.combine(a, b) + shared
                if w > 0 { neighbors.append(u); weights.append(w) }
            }
            offsets[v + 1] = neighbors.count
        }
        return Adjacency(offsets: offsets, neighbors: neighbors, weights: weights)
    }

    /// Both directions of the canonical (source < target) ties of an undirected graph, as CSR.
    /// Node v's neighbours below v come from ties where v is the target (already in ascending
    /// source order), those above v from ties where v is the source: the lists come out sorted.
    private static func bothDirections(_ ties: TieTable, nodeCount n: Int) -> Adjacency {
        var offsets = [Int](repeating: 0, count: n + 1)
        for i in 0..<ties.count {
            offsets[Int(ties.source[i]) + 1] += 1
            offsets[Int(ties.target[i]) + 1] += 1
        }
        for v in 0..<n { offsets[v + 1] += offsets[v] }
        var cursor = Array(offsets.dropLast())
        var neighbors = [Int32](repeating: 0, count: ties.count * 2)
        var weights = [Double](repeating: 0, count: ties.count * 2)
        for i in 0..<ties.count {   // lower neighbours first
            let v = Int(ties.target[i])
            neighbors[cursor[v]] = ties.source[i]; weights[cursor[v]] = ties.weight[i]; cursor[v] += 1
        }
        for i in 0..<ties.count {
            let v = Int(ties.source[i])
            neighbors[cursor[v]] = ties.target[i]; weights[cursor[v]] = ties.weight[i]; cursor[v] += 1
        }
        return Adjacency(offsets: offsets, neighbors: neighbors, weights: weights)
    }

    /// CSR offsets for entries grouped by `keys` (which must already be grouped in key order).
    static func offsets(keys: [Int32], keyCount n: Int) -> [Int] {
        var offsets = [Int](repeating: 0, count: n + 1)
        for k in keys { offsets[Int(k) + 1] += 1 }
        for v in 0..<n { offsets[v + 1] += offsets[v] }
        return offsets
    }

    /// The stable order of positions (taken in `order`, or 0..<keys.count) sorted by `keys`,
    /// by counting sort: O(positions + keyCount).
    static func stableCountingOrder(keys: [Int32], keyCount n: Int, order: [Int32]?) -> [Int32] {
        var starts = [Int](repeating: 0, count: n + 1)
        keys.withUnsafeBufferPointer { k in for key in k { starts[Int(key) + 1] += 1 } }
        for v in 0..<n { starts[v + 1] += starts[v] }
        var result = [Int32](repeating: 0, count: keys.count)
        keys.withUnsafeBufferPointer { k in
            result.withUnsafeMutableBufferPointer { out in
                starts.withUnsafeMutableBufferPointer { cursor in
                    if let order {
                        for position in order {
                            let key = Int(k[Int(position)])
                            out[cursor[key]] = position
                            cursor[key] += 1
                        }
                    } else {
                        for position in 0..<k.count {
                            let key = Int(k[position])
                            out[cursor[key]] = Int32(position)
                            cursor[key] += 1
                        }
                    }
                }
            }
        }
        return result
    }
}
