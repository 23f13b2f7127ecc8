import WeftGraph

/// Tie turnover between two periods: the Jaccard similarity |E₀ ∩ E₁| / |E₀ ∪ E₁| of their tie
/// sets (1 when the same ties persist, 0 when none does; 1 when both are empty), with the counts
/// of ties kept, gained and lost. Ties are compared as the graphs define them: ordered pairs on
/// directed graphs, unordered pairs on undirected ones. Reference: ../shared/domain-brief.md §4.
public struct TieTurnover: Sendable, Equatable {
    public let kept: Int
    public let gained: Int
    public let lost: Int

    public var jaccard: Double {
        let union = kept + gained + lost
        return union == 0 ? 1 : Double(kept) / Double(union)
    }

    /// Compares the ties of `before` and `after`, which must have the same members.
    public init(from before: Graph, to after: Graph) throws {
        try ArgumentError.require(before.nodeCount == after.nodeCount && before.isDirected == after.isDirected, "TieTurnover",
                                  "before, after", "must have the same members and direction (got \(before.nodeCount) and \(after.nodeCount) members)")
        // Both tie tables are sorted by (source, target): one merge.
        var i = 0, j = 0, kept = 0
        let a = before.ties, b = after.ties
        while i < a.count && j < b.count {
            let x = (a.source[i], a.target[i]), y = (b.source[j], b.target[j])
            if x < y { i += 1 } else if y < x { j += 1 } else { kept += 1; i += 1; j += 1 }
        }
        self.kept = kept
        gained = b.count - kept
        lost = a.count - kept
    }
}
