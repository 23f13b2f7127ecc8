/// How members moved between segments from one snapshot to the next.
///
/// Segments rank in the rules' order (the first, e.g. crew, at the top); `inactive` and
/// `unclassified` sit below them. A member moves `up` or `down` between rule segments, `left`
/// from a rule segment to inactive or unclassified, `joined` from inactive or unclassified to a
/// rule segment, and `stayed` in the same segment; moves between inactive and unclassified are
/// `outside`.
public struct SegmentTransitions: Sendable, Equatable {
    public enum Movement: String, Sendable, CaseIterable {
        case stayed, up, down, left, joined, outside
    }

    /// counts[from][to] between snapshot p and p + 1 (one matrix per consecutive pair).
    public let matrices: [[[Int]]]
    public let segmentCount: Int
    /// Segments that are rule segments (the others: inactive, unclassified).
    public let ruleSegments: Int

    /// - Parameters:
    ///   - snapshots: each snapshot's segment per member (indices into the segment list whose
    ///     last two entries are inactive and unclassified).
    public init(snapshots: [[Int32]], segmentCount: Int) {
        self.segmentCount = segmentCount
        ruleSegments = segmentCount - 2
        var matrices: [[[Int]]] = []
        for p in snapshots.indices.dropFirst() {
            var m = [[Int]](repeating: [Int](repeating: 0, count: segmentCount), count: segmentCount)
            for (a, b) in zip(snapshots[p - 1], snapshots[p]) { m[Int(a)][Int(b)] += 1 }
            matrices.append(m)
        }
        self.matrices = matrices
    }

    public func movement(from a: Int, to b: Int) -> Movement {
        SegmentTransitions.movement(from: a, to: b, ruleSegments: ruleSegments)
    }

    public static func movement(from a: Int, to b: Int, ruleSegments: Int) -> Movement {
        if a == b { return .stayed }
        switch (a < ruleSegments, b < ruleSegments) {
        case (true, true): return b < a ? .up : .down
        case (true, false): return .left
        case (false, true): return .joined
        case (false, false): return .outside
        }
    }

    /// Members per movement between snapshot p and p + 1.
    public func movements(_ p: Int) -> [Movement: Int] {
        var out: [Movement: Int] = [:]
        for a in 0..<segmentCount { for b in 0..<segmentCount { out[movement(from: a, to: b), default: 0] += matrices[p][a][b] } }
        return out
    }
}
