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
    public private(set) var weight: [Double] = []
    /// Index into `types` (0 = no type given).
    public private(set) var type: [UInt16] = []
    /// false for records that count in both directions.
    public private(set) var directed: [Bool] = []
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

    /// Sorts the records by time, keeping the input order among records with the same instant
    /// (a stable sort), so that the log's order does not depend on how the input was shuffled
    /// beyond what the timestamps say.
    public mutating func sortByTime() {
        guard !isTimeSorted else { return }
        let order = TimeWindow.stableOrder(time)
        source = order.map { source[$0] }
        target = order.map { target[$0] }
        time = order.map { time[$0] }
        weight = order.map { weight[$0] }
        type = order.map { type[$0] }
        directed = order.map { directed[$0] }
        attributes.permute(order)
        isTimeSorted = true
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
