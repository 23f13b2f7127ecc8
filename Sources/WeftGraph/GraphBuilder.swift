/// Aggregates the interaction records of a time window into a `Graph`.
///
/// All records of one ordered pair (one unordered pair when building an undirected graph) become
/// one tie carrying the sum of their weights, their count, the set of their types and the times
/// of the first and last record. A record whose `directed` flag is false counts in both
/// directions. Cost: O(records + members + ties·log(out-degree)): one counting-sort scatter of
/// the records into per-source buckets (reading the log sequentially), then, per source, a
/// sparse accumulator over targets. Sources are split across cores; results are concatenated in
/// source order, so the graph is the same whatever the number of threads.
public struct GraphBuilder: Sendable {
    /// Build an undirected graph: every record is an undirected tie between its two members.
    public var undirected: Bool
    /// How the two directions combine in the symmetrised view of a directed graph.
    public var symmetrisation: Symmetrisation

    /// Threads for the aggregation (default: `Parallel.threadCount`); the result does not depend on it.
    public var threads: Int

    public init(undirected: Bool = false, symmetrisation: Symmetrisation = .sum, threads: Int = Parallel.threadCount) {
        self.undirected = undirected
        self.symmetrisation = symmetrisation
        self.threads = max(1, threads)
    }

    func bucket(_ log: InteractionLog, records: Range<Int>, nodeCount n: Int) -> RecordBuckets {
        RecordBuckets(log, records: records, nodeCount: n, undirected: undirected, threads: threads)
    }

    /// The ties of sources `range`, in (source, target) order, with their directed and shared
    /// (undirected-record) weight parts, and each source's number of ties.
    struct Chunk {
        var ties = TieTable()
        var directedPart: [Double] = []
        var sharedPart: [Double] = []
        var perSource: [Int] = []
    }

    /// One target's running sums while a source's records are aggregated.
    private struct OpenTie {
        var target: Int32
        var weight = 0.0, directed = 0.0, shared = 0.0
        var records: Int32 = 0
        var typeMask: UInt64 = 0
        var first: Int64, last: Int64

        init(target: Int32, time: Int64) { (self.target, first, last) = (target, time, time) }

        mutating func add(weight w: Double, directed isDirected: Bool, type: UInt16, time: Int64) {
            weight += w
            records += 1
            typeMask |= TieTable.typeBit(type)
            first = min(first, time)
            last = max(last, time)
            if isDirected { directed += w } else { shared += w }
        }
    }

    func aggregate(_ b: RecordBuckets, sources: Range<Int>, nodeCount n: Int) -> Chunk {
        var chunk = Chunk()
        chunk.perSource.reserveCapacity(sources.count)
        var slotOf = [Int32](repeating: -1, count: n)        // sparse accumulator over targets
        // One array of running sums (one uniqueness check per record, where a column per sum
        // took one for each).
        var open: [OpenTie] = []
        var order: [Int] = []
        for v in sources {
            open.removeAll(keepingCapacity: true)
            for p in b.offsets[v]..<b.offsets[v + 1] {
                let t = Int(b.target[p]), when = b.time[p]
                var i = Int(slotOf[t])
                if i < 0 {
                    i = open.count
                    slotOf[t] = Int32(i)
                    open.append(OpenTie(target: Int32(t), time: when))
                }
                open[i].add(weight: b.weight[p], directed: b.directed[p], type: b.type[p], time: when)
            }
            order.removeAll(keepingCapacity: true)
            order.append(contentsOf: 0..<open.count)
            order.sort { open[$0].target < open[$1].target }
            for i in order {
                let tie = open[i]
                chunk.ties.source.append(Int32(v)); chunk.ties.target.append(tie.target)
                chunk.ties.weight.append(tie.weight); chunk.ties.recordCount.append(tie.records)
                chunk.ties.typeMask.append(tie.typeMask)
                chunk.ties.firstTime.append(tie.first); chunk.ties.lastTime.append(tie.last)
                chunk.directedPart.append(tie.directed); chunk.sharedPart.append(tie.shared)
                slotOf[Int(tie.target)] = -1
            }
            chunk.perSource.append(open.count)
        }
        return chunk
    }

    public func build(_ log: InteractionLog, nodeCount n: Int, window: TimeWindow = .all) -> Graph {
        let buckets = bucket(log, records: log.range(in: window), nodeCount: n)
        let parts = buckets.offsets[n] < 20_000 ? 1 : threads
        let chunks = Parallel.map(chunks: parts) { part in
            aggregate(buckets, sources: Parallel.balancedRanges(prefix: buckets.offsets, parts: parts)[part], nodeCount: n)
        }
        var ties = TieTable()
        var directedPart: [Double] = [], sharedPart: [Double] = []
        var offsets = [Int](repeating: 0, count: n + 1)
        var v = 0
        for chunk in chunks {
            ties.append(chunk.ties)
            directedPart += chunk.directedPart
            sharedPart += chunk.sharedPart
            for count in chunk.perSource { offsets[v + 1] = offsets[v] + count; v += 1 }
        }
        if undirected {
            let both = GraphBuilder.bothDirections(ties, nodeCount: n)
            return Graph(nodeCount: n, isDirected: false, symmetrisation: symmetrisation, ties: ties,
                         out: both, in: both, undirected: both)
        }
        let out = Adjacency(offsets: offsets, neighbours: ties.target, weights: ties.weight)
        let inOrder = GraphBuilder.stableCountingOrder(keys: ties.target, keyCount: n)
        let inAdjacency = Adjacency(offsets: GraphBuilder.offsets(keys: ties.target, keyCount: n),
                                    neighbours: inOrder.map { ties.source[Int($0)] },
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
        var neighbours: [Int32] = [], weights: [Double] = []
        neighbours.reserveCapacity(ties.count * 2); weights.reserveCapacity(ties.count * 2)
        for v in 0..<n {
            var p = out.offsets[v], q = inOffsets[v]
            let pEnd = out.offsets[v + 1], qEnd = inOffsets[v + 1]
            while p < pEnd || q < qEnd {
                let outNeighbour = p < pEnd ? ties.target[p] : Int32.max
                let inTie = q < qEnd ? Int(inOrder[q]) : -1
                let inNeighbour = q < qEnd ? ties.source[inTie] : Int32.max
                let u = min(outNeighbour, inNeighbour)
                var a = 0.0, b = 0.0, shared = 0.0
                if outNeighbour == u { a = directedPart[p]; shared = sharedPart[p]; p += 1 }
                if inNeighbour == u { b = directedPart[inTie]; shared = sharedPart[inTie]; q += 1 }
                let w = symmetrisation.combine(a, b) + shared
                if w > 0 { neighbours.append(u); weights.append(w) }
            }
            offsets[v + 1] = neighbours.count
        }
        return Adjacency(offsets: offsets, neighbours: neighbours, weights: weights)
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
        var neighbours = [Int32](repeating: 0, count: ties.count * 2)
        var weights = [Double](repeating: 0, count: ties.count * 2)
        for i in 0..<ties.count {   // lower neighbours first
            let v = Int(ties.target[i])
            neighbours[cursor[v]] = ties.source[i]; weights[cursor[v]] = ties.weight[i]; cursor[v] += 1
        }
        for i in 0..<ties.count {
            let v = Int(ties.source[i])
            neighbours[cursor[v]] = ties.target[i]; weights[cursor[v]] = ties.weight[i]; cursor[v] += 1
        }
        return Adjacency(offsets: offsets, neighbours: neighbours, weights: weights)
    }

    /// CSR offsets for entries grouped by `keys` (which must already be grouped in key order).
    static func offsets(keys: [Int32], keyCount n: Int) -> [Int] {
        var offsets = [Int](repeating: 0, count: n + 1)
        for k in keys { offsets[Int(k) + 1] += 1 }
        for v in 0..<n { offsets[v + 1] += offsets[v] }
        return offsets
    }

    /// The positions 0..<keys.count stably sorted by `keys`, by counting sort: O(positions + keyCount).
    static func stableCountingOrder(keys: [Int32], keyCount n: Int) -> [Int32] {
        var cursor = offsets(keys: keys, keyCount: n)
        var result = [Int32](repeating: 0, count: keys.count)
        keys.withUnsafeBufferPointer { k in
            result.withUnsafeMutableBufferPointer { out in
                cursor.withUnsafeMutableBufferPointer { c in
                    for position in 0..<k.count {
                        let key = Int(k[position])
                        out[c[key]] = Int32(position)
                        c[key] += 1
                    }
                }
            }
        }
        return result
    }
}

/// The records of a window bucketed by source member: bucket v holds, in time order, every
/// (record, direction) whose source is v — a record with `directed = false` appears in both
/// members' buckets, and with `undirected` every record appears once, under the lower member —
/// with its target and payload. Built by one counting-sort scatter that reads the log
/// sequentially: O(records + members).
///
/// Built for a range of `members` only, the other buckets are empty: a caller that visits the
/// members in order can hold a part of the records' copy at a time (`memberRanges`).
public struct RecordBuckets: Sendable {
    public let offsets: [Int]
    public private(set) var target: [Int32]
    /// One value while the log's weights are (see `UniformColumn`).
    public private(set) var weight: UniformColumn<Double>
    public private(set) var time: [Int64]
    public private(set) var type: [UInt16]
    /// False for entries that come from an undirected record (or an undirected build); one value
    /// while they all agree.
    public private(set) var directed: UniformColumn<Bool>

    /// - Parameter counts: the log's `entryCounts` for these records, when the caller has them (a
    ///   caller building a range of members at a time counts once for every range).
    /// - Parameter threads: the scatter splits the members into this many ranges of about equal
    ///   entries, each filled by a thread that reads every record (the buckets are the same for
    ///   any number).
    public init(_ log: InteractionLog, records: Range<Int>, nodeCount n: Int, undirected: Bool, members: Range<Int>? = nil,
                counts: [Int]? = nil, threads: Int = 1) {
        let members = members ?? 0..<n
        var offsets = counts ?? RecordBuckets.entryCounts(log, records: records, nodeCount: n, undirected: undirected)
        precondition(offsets.count == n, "one count per member")
        for v in 0..<n where !members.contains(v) { offsets[v] = 0 }
        offsets.insert(0, at: 0)
        for v in 0..<n { offsets[v + 1] += offsets[v] }
        let m = offsets[n]
        self.offsets = offsets
        target = .init(repeating: 0, count: m); weight = .init(repeating: log.weight.uniformValue ?? 0, count: m)
        time = .init(repeating: 0, count: m); type = .init(repeating: 0, count: m)
        directed = .init(repeating: !undirected && log.directed.uniformValue == true, count: m)
        // A column the log holds as one value is that value in every entry already (an entry's
        // direction is the record's, or false for an undirected record or build).
        let writesWeights = !log.weight.isUniform, writesDirections = !undirected && !log.directed.isUniform
        let parts = m < 1 << 16 ? [members] : RecordBuckets.memberRanges(offsets: offsets, members: members, parts: max(1, threads))
        var cursor = Array(offsets.dropLast())
        target.withUnsafeMutableBufferPointer { target in
            time.withUnsafeMutableBufferPointer { time in
                type.withUnsafeMutableBufferPointer { type in
                    weight.withElementBuffer(spelledOut: writesWeights) { weight in
                        directed.withElementBuffer(spelledOut: writesDirections) { directed in
                            cursor.withUnsafeMutableBufferPointer { cursor in
                                let scatter = Scatter(target: target, time: time, type: type, weight: writesWeights ? weight : nil,
                                                      directed: writesDirections ? directed : nil, cursor: cursor)
                                _ = Parallel.map(chunks: parts.count, threads: threads) { p in
                                    scatter.place(log, records: records, members: parts[p], undirected: undirected)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Writes records into the buckets of a range of members. Threads with disjoint ranges write
    /// disjoint entries (a member's bucket and cursor are its own).
    private struct Scatter: @unchecked Sendable {
        let target: UnsafeMutableBufferPointer<Int32>, time: UnsafeMutableBufferPointer<Int64>
        let type: UnsafeMutableBufferPointer<UInt16>
        /// nil: the column needs no writes.
        let weight: UnsafeMutableBufferPointer<Double>?, directed: UnsafeMutableBufferPointer<Bool>?
        let cursor: UnsafeMutableBufferPointer<Int>

        func place(_ log: InteractionLog, records: Range<Int>, members: Range<Int>, undirected: Bool) {
            for k in records {
                let s = log.source[k], t = log.target[k]
                if undirected {
                    if members.contains(Int(min(s, t))) { place(min(s, t), max(s, t), k, log, isDirected: false) }
                } else {
                    if members.contains(Int(s)) { place(s, t, k, log, isDirected: log.directed[k]) }
                    if !log.directed[k] && members.contains(Int(t)) { place(t, s, k, log, isDirected: false) }
                }
            }
        }

        @inline(__always)
        private func place(_ source: Int32, _ target: Int32, _ k: Int, _ log: InteractionLog, isDirected: Bool) {
            let p = cursor[Int(source)]
            cursor[Int(source)] = p + 1
            self.target[p] = target
            time[p] = log.time[k]
            type[p] = log.type[k]
            weight?[p] = log.weight[k]
            directed?[p] = isDirected
        }
    }

    /// `parts` consecutive ranges of `members` holding about equal numbers of entries.
    static func memberRanges(offsets: [Int], members: Range<Int>, parts: Int) -> [Range<Int>] {
        let first = offsets[members.lowerBound], total = offsets[members.upperBound] - first
        var ranges: [Range<Int>] = [], start = members.lowerBound
        for p in 1..<max(parts, 1) {
            var end = start
            while end < members.upperBound && offsets[end] - first < total * p / parts { end += 1 }
            ranges.append(start..<end)
            start = end
        }
        ranges.append(start..<members.upperBound)
        return ranges
    }

    /// The number of entries of each member's bucket.
    public static func entryCounts(_ log: InteractionLog, records: Range<Int>, nodeCount n: Int, undirected: Bool) -> [Int] {
        var counts = [Int](repeating: 0, count: n)
        for k in records {
            let s = Int(log.source[k]), t = Int(log.target[k])
            precondition(s < n && t < n, "record \(k) names a member outside the registry")
            if undirected {
                counts[min(s, t)] += 1
            } else {
                counts[s] += 1
                if !log.directed[k] { counts[t] += 1 }
            }
        }
        return counts
    }

    /// Consecutive ranges of members, covering 0 ..< counts.count, each holding at most `limit`
    /// entries of `counts` (or a single member holding more).
    public static func memberRanges(counts: [Int], limit: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = [], start = 0, held = 0
        for v in counts.indices {
            if held + counts[v] > limit && v > start {
                ranges.append(start..<v)
                (start, held) = (v, 0)
            }
            held += counts[v]
        }
        ranges.append(start..<counts.count)
        return ranges
    }

    public var nodeCount: Int { offsets.count - 1 }
}
