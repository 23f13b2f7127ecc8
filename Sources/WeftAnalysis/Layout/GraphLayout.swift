import WeftGraph

/// Positions for drawing a network: each connected component laid out on its own — by
/// `StressMajorization` when it has at most `stressLimit` members, by `ForceDirected` beyond —
/// then the components packed in rows, largest first (shelf packing), 1.5 hops apart, and the
/// isolated members in a grid of half-hop spacing below them.
///
/// Coordinates are in hops (one unit ≈ one tie's length). Deterministic for a given seed: the
/// components are taken in the order of `Components` (decreasing size, then smallest member).
public struct GraphLayout: Sendable, Equatable {
    public enum Method: String, Sendable {
        case stress = "stress majorisation"
        case forceDirected = "force-directed"
    }

    /// Components up to this size get stress majorisation (O(n²) memory and time per sweep).
    public static let defaultStressLimit = 2_000

    public let x: [Double]
    public let y: [Double]
    /// The methods used (stress majorisation for the small components, force-directed for any
    /// component above the limit).
    public let methods: [Method]

    /// Lays out the undirected network `adjacency` (its nodes are 0..<nodeCount).
    public init(_ adjacency: Adjacency, seed: UInt64 = 42, stressLimit: Int = GraphLayout.defaultStressLimit) {
        let n = adjacency.nodeCount
        // Components come numbered by decreasing size, then smallest member: the packing order.
        let components = Components.connected(adjacency)
        var nodesOf = [[Int]](repeating: [], count: components.count)
        for v in 0..<n { nodesOf[components.membership[v]].append(v) }
        var x = [Double](repeating: 0, count: n), y = [Double](repeating: 0, count: n)
        var local = [Int32](repeating: -1, count: n)
        var used: Set<Method> = []
        var boxes: [(width: Double, height: Double)] = []
        for nodes in nodesOf {
            for (i, v) in nodes.enumerated() { local[v] = Int32(i) }
            var offsets = [0], neighbours: [Int32] = [], weights: [Double] = []
            for v in nodes {
                for p in adjacency.offsets[v]..<adjacency.offsets[v + 1] {
                    neighbours.append(local[Int(adjacency.neighbours[p])])
                    weights.append(adjacency.weights.isEmpty ? 1 : adjacency.weights[p])
                }
                offsets.append(neighbours.count)
            }
            let sub = Adjacency(offsets: offsets, neighbours: neighbours, weights: weights)
            let (cx, cy): ([Double], [Double])
            if nodes.count <= stressLimit {
                let s = StressMajorization(sub, seed: seed)
                (cx, cy) = (s.x, s.y)
                if nodes.count > 1 { used.insert(.stress) }
            } else {
                let f = ForceDirected(sub, seed: seed)
                (cx, cy) = (f.x, f.y)
                used.insert(.forceDirected)
            }
            let minX = cx.min() ?? 0, minY = cy.min() ?? 0
            for (i, v) in nodes.enumerated() { x[v] = cx[i] - minX; y[v] = cy[i] - minY }
            boxes.append(((cx.max() ?? 0) - minX, (cy.max() ?? 0) - minY))
        }
        // Shelf packing of the components of two or more members: rows no wider than the largest
        // component or √(total area), whichever is wider; then the single members in a grid of
        // half-hop spacing underneath.
        let gap = 1.5, singleGap = 0.5
        let area = boxes.filter { $0.width > 0 || $0.height > 0 }.reduce(0) { $0 + ($1.width + gap) * ($1.height + gap) }
        let rowWidth = max(boxes.first.map { $0.width } ?? 0, area.squareRoot(), 4)
        var packedWidth = 0.0
        var cursorX = 0.0, cursorY = 0.0, rowHeight = 0.0
        for (c, nodes) in nodesOf.enumerated() where nodes.count > 1 {
            let box = boxes[c]
            if cursorX > 0 && cursorX + box.width > rowWidth {
                cursorX = 0
                cursorY += rowHeight + gap
                rowHeight = 0
            }
            for v in nodes { x[v] += cursorX; y[v] += cursorY }
            packedWidth = max(packedWidth, cursorX + box.width)
            cursorX += box.width + gap
            rowHeight = max(rowHeight, box.height)
        }
        if cursorX > 0 { cursorY += rowHeight + gap }
        let perRow = max(1, Int((packedWidth > 0 ? packedWidth : rowWidth) / singleGap) + 1)
        for (k, nodes) in nodesOf.filter({ $0.count == 1 }).enumerated() {
            x[nodes[0]] = Double(k % perRow) * singleGap
            y[nodes[0]] = cursorY + Double(k / perRow) * singleGap
        }
        self.x = x
        self.y = y
        methods = [Method.stress, .forceDirected].filter { used.contains($0) }
    }
}
