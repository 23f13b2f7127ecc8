import WeftGraph

/// A fast two-dimensional drawing of a large graph: Fruchterman–Reingold force-directed
/// placement with the grid variant of its repulsion.
///
/// Definition (Fruchterman & Reingold, "Graph drawing by force-directed placement", Software:
/// Practice and Experience 21(11), 1991): with ideal edge length k = 1 (one hop, the scale of
/// `StressMajorization`), tied members attract with force d²/k and every pair of members closer
/// than 2k repels with force k²/d, where d is their drawn distance. Repulsion is summed only
/// over the members in the same and the eight neighbouring cells of a grid of 2k-wide cells
/// (the paper's grid variant), so a sweep costs O(n + m) rather than O(n²). Each member moves
/// along its net force by at most the temperature t, which falls linearly from √n / 10 to 0
/// over `iterations` sweeps.
///
/// Start: members placed uniformly at random in a √n × √n square by `SeededGenerator(seed)`;
/// forces are summed in member order, so the layout is the same for a given seed on every
/// machine. Does not depend on the graph being connected (components drift apart only as far
/// as repulsion carries them; `GraphLayout` lays components out one at a time).
public struct ForceDirected: Sendable {
    public let x: [Double]
    public let y: [Double]

    public init(_ adjacency: Adjacency, seed: UInt64 = 42, iterations: Int = 120) {
        let n = adjacency.nodeCount
        var rng = SeededGenerator(seed: seed)
        let side = max(1, Double(n).squareRoot())
        var x = [Double](repeating: 0, count: n), y = [Double](repeating: 0, count: n)
        for v in 0..<n { x[v] = side * rng.nextUnit(); y[v] = side * rng.nextUnit() }
        guard n > 1 else { (self.x, self.y) = (x, y); return }
        let k = 1.0, reach = 2 * k
        var fx = [Double](repeating: 0, count: n), fy = [Double](repeating: 0, count: n)
        var cellOf = [Int](repeating: 0, count: n)
        var cellStart: [Int] = [], members = [Int32](repeating: 0, count: n)
        for iteration in 0..<iterations {
            let temperature = side / 10 * Double(iterations - iteration) / Double(iterations)
            for v in 0..<n { fx[v] = 0; fy[v] = 0 }
            // Bucket the members into cells of width `reach` (a counting sort, no hashing).
            var minX = x[0], minY = y[0], maxX = x[0], maxY = y[0]
            for v in 1..<n { minX = min(minX, x[v]); maxX = max(maxX, x[v]); minY = min(minY, y[v]); maxY = max(maxY, y[v]) }
            var columns = Int((maxX - minX) / reach) + 1, rows = Int((maxY - minY) / reach) + 1
            let cellWidth = columns * rows > 4 * n ? max(maxX - minX, maxY - minY) / (2 * Double(n).squareRoot()) + 1e-9 : reach
            if cellWidth != reach { columns = Int((maxX - minX) / cellWidth) + 1; rows = Int((maxY - minY) / cellWidth) + 1 }
            cellStart = [Int](repeating: 0, count: columns * rows + 1)
            for v in 0..<n {
                let c = min(columns - 1, Int((x[v] - minX) / cellWidth)) + columns * min(rows - 1, Int((y[v] - minY) / cellWidth))
                cellOf[v] = c
                cellStart[c + 1] += 1
            }
            for c in 0..<(columns * rows) { cellStart[c + 1] += cellStart[c] }
            var fill = cellStart
            for v in 0..<n { members[fill[cellOf[v]]] = Int32(v); fill[cellOf[v]] += 1 }
            // Repulsion from members within `reach` in the neighbouring cells.
            for v in 0..<n {
                let cx = cellOf[v] % columns, cy = cellOf[v] / columns
                for ny in max(0, cy - 1)...min(rows - 1, cy + 1) {
                    for nx in max(0, cx - 1)...min(columns - 1, cx + 1) {
                        let c = nx + ny * columns
                        for p in cellStart[c]..<cellStart[c + 1] {
                            let u = Int(members[p])
                            if u == v { continue }
                            var dx = x[v] - x[u], dy = y[v] - y[u]
                            var d2 = dx * dx + dy * dy
                            if d2 < 1e-18 {
                                // Coincident members: push apart along a direction fixed by their indices.
                                dx = u < v ? 1e-3 : -1e-3; dy = 0; d2 = 1e-6
                            }
                            if d2 >= reach * reach { continue }
                            let f = k * k / d2   // (k²/d) along the unit vector (dx, dy)/d
                            fx[v] += dx * f
                            fy[v] += dy * f
                        }
                    }
                }
            }
            // Attraction along ties.
            for v in 0..<n {
                for u in adjacency.neighbours(of: v) where Int(u) != v {
                    let dx = x[v] - x[Int(u)], dy = y[v] - y[Int(u)]
                    let d = (dx * dx + dy * dy).squareRoot()
                    fx[v] -= dx * d / k
                    fy[v] -= dy * d / k
                }
            }
            for v in 0..<n {
                let f = (fx[v] * fx[v] + fy[v] * fy[v]).squareRoot()
                guard f > 0 else { continue }
                let step = min(f, temperature) / f
                x[v] += fx[v] * step
                y[v] += fy[v] * step
            }
        }
        (self.x, self.y) = (x, y)
    }
}
