import WeftGraph

/// Unweighted breadth-first search from up to 64 sources at once, one bit per source (MS-BFS).
///
/// Each node holds a 64-bit mask of the sources that have reached it (`seen`) and of those that
/// reached it at the current level (`frontier`). One level ORs every frontier node's mask into its
/// neighbours, then one pass over the nodes keeps the bits that are new. A tie is read once per
/// level for all 64 searches instead of once per search, and no step branches on whether a node
/// was visited, so distance sums (closeness, harmonic centrality, average path length, diameter)
/// cost far less than 64 separate searches. Per-source counts of the nodes reached at each level
/// are kept in bit-sliced counters (one 64-lane binary counter per level).
///
/// Reference: M. Then, M. Kaufmann, F. Chirigati, T.-A. Hoang-Vu, K. Pham, A. Kemper, T. Neumann
/// & H. T. Vo, "The More the Merrier: Efficient Multi-Source Graph Traversal", PVLDB 8(4) (2014).
final class MultiSourceBFS {
    static let width = 64

    let nodeCount: Int
    private let seen: UnsafeMutablePointer<UInt64>
    private let frontier: UnsafeMutablePointer<UInt64>
    private let visit: UnsafeMutablePointer<UInt64>
    private let active: UnsafeMutablePointer<Int32>
    private let slices: UnsafeMutablePointer<UInt64>
    private let sliceCount: Int

    /// Per source of the last batch (index = position in the batch): other nodes reached, the sum
    /// of their distances, the sum of the reciprocals of their distances, and the largest distance.
    private(set) var reached = [Int](repeating: 0, count: MultiSourceBFS.width)
    private(set) var total = [Int](repeating: 0, count: MultiSourceBFS.width)
    private(set) var harmonic = [Double](repeating: 0, count: MultiSourceBFS.width)
    private(set) var eccentricity = [Int](repeating: 0, count: MultiSourceBFS.width)

    /// After a run with `recordingLevels`: the distance from each source of the batch to each
    /// node, at [node · k + position in the batch] (0: unreached, or the source itself). One byte
    /// each while every distance fits (a quarter of the memory: 32 MB a batch on half a million
    /// members); a search that goes deeper than 255 levels widens the table to four bytes.
    private var levels: LevelTable<UInt8>
    private var wideLevels: LevelTable<UInt32>?
    private var recordedBatch = 0

    init(nodeCount n: Int) {
        nodeCount = n
        let size = max(n, 1)
        seen = .allocate(capacity: size); seen.initialize(repeating: 0, count: size)
        frontier = .allocate(capacity: size); frontier.initialize(repeating: 0, count: size)
        visit = .allocate(capacity: size); visit.initialize(repeating: 0, count: size)
        active = .allocate(capacity: size); active.initialize(repeating: 0, count: size)
        // Enough bits to count to n in each lane.
        sliceCount = UInt64.bitWidth - UInt64(size).leadingZeroBitCount + 1
        slices = .allocate(capacity: sliceCount); slices.initialize(repeating: 0, count: sliceCount)
        levels = LevelTable()
    }

    deinit {
        seen.deallocate(); frontier.deallocate(); visit.deallocate(); active.deallocate(); slices.deallocate()
        levels.deallocate(); wideLevels?.deallocate()
    }

    /// A table of n·k distances, kept for the next batch.
    private struct LevelTable<Level: FixedWidthInteger & UnsignedInteger> {
        private(set) var entries: UnsafeMutablePointer<Level>?
        private var capacity = 0

        /// Zeroes (and if needed allocates) `count` entries.
        mutating func clear(_ count: Int) -> UnsafeMutablePointer<Level> {
            if capacity < count {
                entries?.deallocate()
                entries = .allocate(capacity: count)
                capacity = count
            }
            entries!.initialize(repeating: 0, count: count)
            return entries!
        }

        func deallocate() { entries?.deallocate() }
    }

    /// The batch's byte-wide table copied into the four-byte table, for levels past 255.
    private func widenLevels() -> UnsafeMutablePointer<UInt32> {
        let count = max(nodeCount * recordedBatch, 1)
        var wide = LevelTable<UInt32>()   // a run that records starts without one
        let table = wide.clear(count), narrow = levels.entries!
        for i in 0..<count { table[i] = UInt32(narrow[i]) }
        wideLevels = wide
        return table
    }

    /// Adds, for every node u and every source of the last batch (run with `recordingLevels`) that
    /// reached u other than u itself, in batch order: 1, the distance and its inverse to
    /// `sums[3u]`, `sums[3u + 1]` and `sums[3u + 2]` — the same sums in the same order as
    /// `ShortestPathSearch.accumulateDistances` after one search per source of the batch.
    func accumulateDistances(into sums: UnsafeMutablePointer<Double>) {
        if let wide = wideLevels?.entries {
            accumulate(wide, into: sums)
        } else if let narrow = levels.entries {
            accumulate(narrow, into: sums)
        }
    }

    private func accumulate<Level: FixedWidthInteger & UnsignedInteger>(_ levels: UnsafeMutablePointer<Level>,
                                                                        into sums: UnsafeMutablePointer<Double>) {
        let k = recordedBatch
        for u in 0..<nodeCount {
            let row = levels + u &* k, slot = sums + 3 &* u
            for b in 0..<k where row[b] != 0 {
                let d = Double(row[b])
                slot[0] += 1; slot[1] += d; slot[2] += 1 / d
            }
        }
    }

    /// Searches from `sources` (distinct nodes, at most 64) over `g`'s ties; with
    /// `recordingLevels`, also keeps every node's distance from each source (O(n·k) memory) for
    /// `accumulateDistances`.
    func run(_ sources: ArraySlice<Int32>, _ g: CSRView, recordingLevels: Bool = false) {
        precondition(sources.count <= MultiSourceBFS.width, "at most 64 sources per batch")
        let n = nodeCount, k = sources.count
        var record: UnsafeMutablePointer<UInt8>?, wideRecord: UnsafeMutablePointer<UInt32>?
        if recordingLevels {
            recordedBatch = k
            record = levels.clear(max(n * k, 1))
            wideLevels?.deallocate(); wideLevels = nil
        }
        let seen = self.seen, frontier = self.frontier, visit = self.visit, active = self.active
        let slices = self.slices, sliceCount = self.sliceCount
        for b in 0..<k { reached[b] = 0; total[b] = 0; harmonic[b] = 0; eccentricity[b] = 0 }
        for i in 0..<n { seen[i] = 0 }
        var activeCount = 0
        for (b, s) in sources.enumerated() {
            let bit: UInt64 = 1 << UInt64(b)
            seen[Int(s)] = bit; frontier[Int(s)] = bit
            active[activeCount] = s; activeCount += 1
        }
        var level = 0
        while activeCount > 0 {
            level += 1
            if level > Int(UInt8.max) && record != nil { wideRecord = widenLevels(); record = nil }
            // Expand: every frontier node passes its sources to its neighbours.
            for i in 0..<activeCount {
                let u = Int(active[i])
                let f = frontier[u]
                frontier[u] = 0
                for p in g.entries(u) {
                    let w = Int(g.target(p))
                    visit[w] |= f
                }
            }
            // Collect: keep the sources new to each node; count them per source.
            activeCount = 0
            for w in 0..<n {
                let x = visit[w]
                if x == 0 { continue }
                visit[w] = 0
                let fresh = x & ~seen[w]
                if fresh == 0 { continue }
                seen[w] |= fresh
                frontier[w] = fresh
                active[activeCount] = Int32(truncatingIfNeeded: w); activeCount += 1
                if let record {
                    let row = record + w &* k, distance = UInt8(truncatingIfNeeded: level)
                    var bits = fresh
                    while bits != 0 { row[bits.trailingZeroBitCount] = distance; bits &= bits &- 1 }
                } else if let wideRecord {
                    let row = wideRecord + w &* k, distance = UInt32(truncatingIfNeeded: level)
                    var bits = fresh
                    while bits != 0 { row[bits.trailingZeroBitCount] = distance; bits &= bits &- 1 }
                }
                // Add one to the counter of every source in `fresh` (64 lanes, ripple carry).
                var carry = fresh, j = 0
                while carry != 0 {
                    let t = slices[j] & carry
                    slices[j] ^= carry
                    carry = t
                    j += 1
                }
            }
            if activeCount == 0 { break }
            // Read the level's counts out of the slices.
            for b in 0..<k {
                var c = 0
                for j in 0..<sliceCount { c |= Int((slices[j] >> UInt64(b)) & 1) << j }
                if c > 0 {
                    reached[b] += c
                    total[b] += level * c
                    harmonic[b] += Double(c) / Double(level)
                    eccentricity[b] = level
                }
            }
            for j in 0..<sliceCount { slices[j] = 0 }
        }
    }
}
