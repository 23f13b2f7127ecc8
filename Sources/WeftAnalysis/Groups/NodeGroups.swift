import WeftGraph

/// A partition of a graph's nodes into labelled groups: a categorical member attribute such as
/// country or cohort, or a community partition found by Louvain or Leiden.
///
/// `group[v]` is node v's group code in `0 ..< count`, or −1 when v has no group (a missing
/// attribute value). Measures say how they treat ungrouped nodes.
public struct NodeGroups: Sendable, Equatable {
    public let group: [Int32]
    public let labels: [String]

    /// - Throws: `ArgumentError` when a code lies outside −1 ..< `labels.count`.
    public init(group: [Int32], labels: [String]) throws {
        if let v = group.firstIndex(where: { $0 < -1 || Int($0) >= labels.count }) {
            throw ArgumentError("NodeGroups", "group", "must hold codes from -1 to \(labels.count - 1) (got \(group[v]) at node \(v))")
        }
        self.init(checked: group, labels: labels)
    }

    /// Groups whose codes the caller built within range (checked in debug builds).
    init(checked group: [Int32], labels: [String]) {
        assert(group.allSatisfy { $0 >= -1 && Int($0) < labels.count }, "group code out of range")
        self.group = group
        self.labels = labels
    }

    /// The groups of a dictionary-encoded attribute column: one group per distinct non-empty
    /// value, numbered in the order the values first appear; empty cells have no group.
    /// `nodeCount` pads a short column with missing values.
    public init(column: AttributeColumns.Column, nodeCount: Int) {
        var codeOf = [Int32](repeating: -1, count: column.values.count)
        var labels: [String] = []
        var group = [Int32](repeating: -1, count: nodeCount)
        for v in 0..<min(nodeCount, column.codes.count) {
            let code = Int(column.codes[v])
            guard code != 0 else { continue }
            if codeOf[code] < 0 {
                codeOf[code] = Int32(labels.count)
                labels.append(column.values[Int32(code)])
            }
            group[v] = codeOf[code]
        }
        self.init(checked: group, labels: labels)
    }

    /// Number of groups.
    public var count: Int { labels.count }
    public var nodeCount: Int { group.count }

    /// Number of nodes in each group.
    public var sizes: [Int] {
        var sizes = [Int](repeating: 0, count: count)
        for g in group where g >= 0 { sizes[Int(g)] += 1 }
        return sizes
    }
}
