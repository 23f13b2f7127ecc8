/// Why a record cannot enter the graph core. Ingest turns these into rejects with the file,
/// line and column of the offending field.
public enum RecordProblem: Error, Equatable, Sendable, CustomStringConvertible {
    case selfLoop
    case nonPositiveWeight(Double)
    case nonFiniteWeight

    public var description: String {
        switch self {
        case .selfLoop: return "self-loop: source and target are the same member"
        case .nonPositiveWeight(let w): return "weight must be positive, got \(w)"
        case .nonFiniteWeight: return "weight must be a finite number"
        }
    }
}

/// Every interaction record of a dataset, column by column (structure of arrays), in time order
/// once `sortByTime()` has run.
///
/// A record is one interaction between two members at one instant: a message, a call, a meeting…
/// It is directed (source → target) unless its `directed` flag is false, in which case it counts
/// for both directions.
public struct InteractionLog: Sendable {
    public private(set) var source: [Int32] = []
    public private(set) var target: [Int32] = []
    /// Seconds since the epoch, UTC.
    public private(set) var time: [Int64] = []
    /// Held as one value while every record has the same weight (see `UniformColumn`).
    public private(set) var weight = UniformColumn<Double>()
    /// Index into `types` (0 = no type given).
    public private(set) var type: [UInt16] = []
    /// false for records that count in both directions (held as one value while all agree).
    public private(set) var directed = UniformColumn<Bool>()
    /// The interaction type labels; index 0 is "" (no type).
    public private(set) var types = IdentifierRegistry([""])
    /// Extra input columns, one value per record.
    public var attributes = AttributeColumns()
    public private(set) var isTimeSorted = true

    public init() {}

    public var count: Int { source.count }

    /// Reserves room for `n` records.
    public mutating func reserve(_ n: Int) {
        source.reserveCapacity(n); target.reserveCapacity(n); time.reserveCapacity(n)
        weight.reserveCapacity(n); type.reserveCapacity(n); directed.reserveCapacity(n)
    }

    /// The code of an interaction type label, interning it if new. Types beyond 65,535 distinct
    /// labels share the last code.
    public mutating func typeCode(_ label: String) -> UInt16 {
        UInt16(min(Int(types.intern(label).index), Int(UInt16.max)))
    }

    public mutating func typeCode(bytes: UnsafeRawBufferPointer) -> UInt16 {
        UInt16(min(Int(types.intern(bytes: bytes).index), Int(UInt16.max)))
    }

    /// Checks a record against the graph core's rules without storing it.
    public static func check(source: Int32, target: Int32, weight: Double) -> RecordProblem? {
        if source == target { return .selfLoop }
        if !weight.isFinite { return .nonFiniteWeight }
        if weight <= 0 { return .nonPositiveWeight(weight) }
        return nil
    }

    /// Appends a record; self-loops and non-positive or non-finite weights are refused with the reason.
    public mutating func append(source s: Int32, target t: Int32, time when: Int64, weight w: Double = 1,
                                type code: UInt16 = 0, directed isDirected: Bool = true) throws(RecordProblem) {
        if let problem = InteractionLog.check(source: s, target: t, weight: w) { throw problem }
        if let last = time.last, when < last { isTimeSorted = false }
        source.append(s); target.append(t); time.append(when)
        weight.append(w); type.append(code); directed.append(isDirected)
    }

    /// Puts the records in canonical order: by time, and among records at the same instant by
    /// source, target, type label, weight and direction. The order then depends only on what the
    /// records say, not on the input's row order, so sums over records (tie strength, weights)
    /// come out bit-identical however the input rows were shuffled. Records equal in all of these
    /// keep their input order (they are interchangeable). Cost: one pass when the log is already
    /// canonical, a sort of each run of equal times otherwise.
    public mutating func sortByTime() {
        var order = isTimeSorted ? Array(0..<count) : TimeWindow.stableOrder(time)
        // Type codes follow first appearance in the input; rank them by label instead.
        let labelRank = Self.ranks((0..<types.count).map { types[Int32($0)] })
        func precedes(_ a: Int, _ b: Int) -> Bool {
            if source[a] != source[b] { return source[a] < source[b] }
            if target[a] != target[b] { return target[a] < target[b] }
            let ra = labelRank[Int(type[a])], rb = labelRank[Int(type[b])]
            if ra != rb { return ra < rb }
            if weight[a] != weight[b] { return weight[a] < weight[b] }
            if directed[a] != directed[b] { return !directed[a] }
            return a < b
        }
        var changed = !isTimeSorted
        var runStart = 0
        while runStart < order.count {
            var runEnd = runStart + 1
            while runEnd < order.count && time[order[runEnd]] == time[order[runStart]] { runEnd += 1 }
            if runEnd - runStart > 1,
               !(runStart..<(runEnd - 1)).allSatisfy({ precedes(order[$0], order[$0 + 1]) }) {
                order[runStart..<runEnd].sort(by: precedes)
                changed = true
            }
            runStart = runEnd
        }
        isTimeSorted = true
        guard changed else { return }
        source = order.map { source[$0] }
        target = order.map { target[$0] }
        time = order.map { time[$0] }
        weight = weight.permuted(order)
        type = order.map { type[$0] }
        directed = directed.permuted(order)
        attributes.permute(order)
    }

    /// rank[i] = the position of labels[i] in sorted order.
    private static func ranks(_ labels: [String]) -> [Int] {
        var rank = [Int](repeating: 0, count: labels.count)
        for (position, i) in labels.indices.sorted(by: { labels[$0] < labels[$1] }).enumerated() { rank[i] = position }
        return rank
    }

    /// The positions of the records inside `window` (the log must be time-sorted).
    public func range(in window: TimeWindow) -> Range<Int> {
        precondition(isTimeSorted, "sortByTime() before asking for a window")
        return window.range(inSorted: time)
    }
}

/// A half-open span of time [start, end) in seconds since the epoch; nil bounds are open.
public struct TimeWindow: Sendable, Equatable {
    public var start: Int64?
    public var end: Int64?

    public init(start: Int64? = nil, end: Int64? = nil) {
        self.start = start
        self.end = end
    }

    public static let all = TimeWindow()

    public func contains(_ t: Int64) -> Bool {
        (start.map { t >= $0 } ?? true) && (end.map { t < $0 } ?? true)
    }

    /// The positions of `times` (ascending) that fall inside the window, by binary search.
    public func range(inSorted times: [Int64]) -> Range<Int> {
        func firstIndex(notBefore t: Int64) -> Int {
            var lo = 0, hi = times.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if times[mid] < t { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        let lower = start.map(firstIndex) ?? 0
        let upper = end.map(firstIndex) ?? times.count
        return lower..<max(lower, upper)
    }

    /// The permutation that sorts `times` ascending, keeping input order among equal times.
    public static func stableOrder(_ times: [Int64]) -> [Int] {
        (0..<times.count).sorted { (times[$0], $0) < (times[$1], $1) }
    }
}
