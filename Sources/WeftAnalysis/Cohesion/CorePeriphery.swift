import WeftGraph

/// What an adjacency cell a_ij holds in the core–periphery models: 1 for a tie and 0 otherwise
/// (`binary`, the default), or the tie's weight on the undirected view (`valued`).
public enum CorePeripheryCellValue: String, Sendable, CaseIterable {
    case binary
    case valued
}

/// Borgatti & Everett's discrete core–periphery model on the undirected view (`graph.undirected`): a split of the
/// members into a core and a periphery such that the observed adjacency looks as much as possible
/// like the ideal pattern, in which every pair of core members is tied (ideal cell 1) and no two
/// periphery members are (ideal cell 0).
///
/// Fit is the Pearson correlation ρ between the observed cells a_ij and the ideal cells over the
/// unordered pairs i < j (the diagonal is ignored; counting ordered pairs gives the same ρ). The
/// core–periphery cells are, by `crossCells`, either left out of the correlation (`.missing`,
/// UCINET's default) or given the ideal value 1 (`.ones`). ρ is NaN when it is undefined: when
/// the ideal or the observed cells that enter it are all equal (for example a core of fewer than
/// two members, or an empty graph).
///
/// ρ is computed from six sums, never from a matrix: the number of cells in each block follows
/// from the core size c (c(c−1)/2, c(n−c), (n−c)(n−c−1)/2) and the observed values enter only
/// through the sum of a_ij and of a_ij² in each block. Moving a member between core and periphery
/// changes those sums by its total tie value to the core and to the periphery, so with a running
/// count of every member's ties to the core, each candidate move is scored in O(1) and applied in
/// O(degree).
///
/// Search. With at most `exhaustiveLimit` (20) members, every one of the 2^n splits is scored
/// (Gray-code order, O(degree) each), so the result is the exact optimum. Larger graphs get a
/// heuristic, deterministic for a given seed:
/// 1. Order the members two ways: by core number, then degree (strength when `valued`), both
///    descending; and by the continuous model's coreness (`ContinuousCorePeriphery`, to a
///    tolerance of 1e-6), descending; ties by index. In each order, take the prefix with the
///    highest ρ as a first core (UCINET likewise scores cores of each size along the coreness order).
/// 2. From each start, sweep the members in its order, moving each one to the other side whenever
///    the move raises ρ (by more than 1e-12), until a sweep moves no one: a local optimum, which no
///    single move improves. Keep the better of the two.
/// 3. `restarts` times, flip each member of the best labelling so far with probability 0.1 (drawn
///    from `SeededGenerator(seed:)`), repeat step 2, and keep the outcome only if its ρ is higher.
/// The heuristic guarantees only a local optimum. Run on small graphs against the enumeration, it
/// reaches the exact optimum on the Florentine families and on a crafted core–periphery graph
/// (both tested), but on random graphs of 8–14 members without a core–periphery structure it
/// missed the optimum in 3–10% of cases (by mode). Each sweep costs O(n + m); on 50,000 members
/// and 333,000 ties the whole search takes well under a second (release build). `restarts` and
/// `seed` are unused when the graph is enumerated.
///
/// With `valued` cells a few very heavy ties can dominate ρ: on the synthetic M sample the best
/// valued core under `.missing` is a single pair joined by a tie of weight 1,414. Hence `binary`
/// is the default.
///
/// Block densities are the mean cell value in each block (for `binary`, ties / cells), NaN for a
/// block without cells.
///
/// Reference: Borgatti & Everett, "Models of core/periphery structures", Social Networks 21
/// (1999) 375–395.
public struct DiscreteCorePeriphery: Sendable {
    /// How the core–periphery cells enter the correlation.
    public enum CrossCells: String, Sendable, CaseIterable {
        /// Left out: the model says nothing about ties between core and periphery (UCINET's default).
        case missing
        /// Ideal value 1: every periphery member should be tied to every core member.
        case ones
    }

    /// Whether each member is in the core.
    public let isCore: [Bool]
    /// Pearson correlation between the observed cells and the ideal pattern; NaN when undefined.
    public let correlation: Double
    public let coreSize: Int
    /// Mean cell value among pairs of core members.
    public let coreDensity: Double
    /// Mean cell value among core–periphery pairs.
    public let crossDensity: Double
    /// Mean cell value among pairs of periphery members.
    public let peripheryDensity: Double
    public let cellValue: CorePeripheryCellValue
    public let crossCells: CrossCells

    /// Finds the split with the highest correlation: exactly for up to `exhaustiveLimit` members,
    /// by the seeded search otherwise.
    public init(_ graph: Graph, cellValue: CorePeripheryCellValue = .binary, crossCells: CrossCells = .missing,
                restarts: Int = 4, seed: UInt64 = 1) {
        self.init(graph, cellValue: cellValue, crossCells: crossCells, restarts: restarts, seed: seed,
                  exhaustiveUpTo: DiscreteCorePeriphery.exhaustiveLimit)
    }

    /// Graphs with at most this many members are solved by enumerating every split.
    public static let exhaustiveLimit = 20

    init(_ graph: Graph, cellValue: CorePeripheryCellValue, crossCells: CrossCells, restarts: Int, seed: UInt64,
         exhaustiveUpTo limit: Int) {
        self.init(graph, CorePeripheryCells(graph, cellValue), crossCells: crossCells, restarts: restarts, seed: seed,
                  exhaustiveUpTo: limit, coreness: nil)
    }

    /// The search on `cells` (the cells of `graph`); `coreness` is the continuous model's coreness
    /// to `corenessTolerance` when the caller has it (nil: computed here when the search needs it).
    init(_ graph: Graph, _ cells: CorePeripheryCells, crossCells: CrossCells, restarts: Int, seed: UInt64,
         exhaustiveUpTo limit: Int, coreness: [Double]?) {
        let n = cells.nodeCount
        if n <= limit {
            self.init(cells, isCore: cells.exhaustiveBest(crossCells), crossCells: crossCells)
            return
        }
        var best: [Bool] = [], bestScore = -Double.infinity, bestOrder: [Int] = []
        let coreness = coreness ?? cells.coreness(tolerance: DiscreteCorePeriphery.corenessTolerance,
                                                  maxIterations: DiscreteCorePeriphery.corenessIterations).c
        for order in DiscreteCorePeriphery.searchOrders(graph, cells, coreness: coreness) {
            var candidate = cells.bestPrefix(order, crossCells)
            let score = cells.localSearch(&candidate, order: order, crossCells).orWorst
            if best.isEmpty || score > bestScore + 1e-12 { best = candidate; bestScore = score; bestOrder = order }
        }
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<max(0, restarts) where n > 0 {
            var candidate = best
            for v in 0..<n where rng.nextUnit() < 0.1 { candidate[v].toggle() }
            let score = cells.localSearch(&candidate, order: bestOrder, crossCells).orWorst
            if score > bestScore + 1e-12 { best = candidate; bestScore = score }
        }
        self.init(cells, isCore: best, crossCells: crossCells)
    }

    /// Scores a given split (an a priori hypothesis such as "the leadership team is the core").
    /// - Throws: `ArgumentError` when `isCore` does not have one label per node.
    public init(_ graph: Graph, isCore: [Bool], cellValue: CorePeripheryCellValue = .binary, crossCells: CrossCells = .missing) throws {
        try ArgumentError.require(isCore.count == graph.nodeCount, "DiscreteCorePeriphery", "isCore",
                                  "must hold one label per node (got \(isCore.count) for \(graph.nodeCount))")
        self.init(CorePeripheryCells(graph, cellValue), isCore: isCore, crossCells: crossCells)
    }

    private init(_ cells: CorePeripheryCells, isCore: [Bool], crossCells: CrossCells) {
        let blocks = cells.blocks(isCore)
        self.isCore = isCore
        correlation = blocks.correlation(crossCells)
        coreSize = blocks.coreSize
        func mean(_ sum: Double, _ count: Double) -> Double { count > 0 ? sum / count : .nan }
        coreDensity = mean(blocks.core.sum, blocks.coreCells)
        crossDensity = mean(blocks.cross.sum, blocks.crossCells)
        peripheryDensity = mean(blocks.periphery.sum, blocks.peripheryCells)
        cellValue = cells.value
        self.crossCells = crossCells
    }

    /// The split as node groups: 0 = "Core", 1 = "Periphery".
    public var groups: NodeGroups {
        NodeGroups(checked: isCore.map { $0 ? 0 : 1 }, labels: ["Core", "Periphery"])
    }

    /// The two orders the search starts from: members by core number, then degree or strength,
    /// descending, then index; and members by the continuous model's coreness, descending, then index.
    static func searchOrders(_ graph: Graph, _ cells: CorePeripheryCells, coreness: [Double]) -> [[Int]] {
        let coreNumber = CoreNumber(graph).values
        let byDegree = (0..<cells.nodeCount).sorted {
            (coreNumber[$0], cells.strength[$0], -$0) > (coreNumber[$1], cells.strength[$1], -$1)
        }
        let byCoreness = (0..<cells.nodeCount).sorted { (coreness[$0], -$0) > (coreness[$1], -$1) }
        return [byDegree, byCoreness]
    }

    /// Convergence tolerance and sweep limit of the coreness used only to order the members for
    /// the search.
    static let corenessTolerance = 1e-6
    static let corenessIterations = 1000
}

/// Both of Borgatti & Everett's core–periphery models of one network, fitted together: the
/// discrete split (`DiscreteCorePeriphery`) and the continuous coreness
/// (`ContinuousCorePeriphery`, to `tolerance`). The discrete search orders members by a coarser
/// coreness (to `DiscreteCorePeriphery.corenessTolerance`); coordinate descent passes through
/// exactly that iterate on its way to the finer tolerance, so one descent serves both, and one set
/// of cells. Each model is identical, bit for bit, to fitting it alone.
public struct CorePeripheryModels: Sendable {
    public let discrete: DiscreteCorePeriphery
    public let continuous: ContinuousCorePeriphery

    public init(_ graph: Graph, cellValue: CorePeripheryCellValue = .binary,
                crossCells: DiscreteCorePeriphery.CrossCells = .missing, restarts: Int = 4, seed: UInt64 = 1,
                tolerance: Double = 1e-10, maxIterations: Int = 10_000) {
        let cells = CorePeripheryCells(graph, cellValue)
        let searched = cells.nodeCount > DiscreteCorePeriphery.exhaustiveLimit
        let fit = cells.coreness(tolerance: tolerance, maxIterations: maxIterations,
                                 coarse: searched ? (DiscreteCorePeriphery.corenessTolerance,
                                                     DiscreteCorePeriphery.corenessIterations) : nil)
        discrete = DiscreteCorePeriphery(graph, cells, crossCells: crossCells, restarts: restarts, seed: seed,
                                         exhaustiveUpTo: DiscreteCorePeriphery.exhaustiveLimit, coreness: fit.coarse)
        continuous = ContinuousCorePeriphery(cells, fit: (fit.c, fit.iterations, fit.converged))
    }
}

/// Borgatti & Everett's continuous core–periphery model on the undirected view (`graph.undirected`): a coreness
/// c_i ≥ 0 per member such that c_i·c_j reproduces the adjacency as closely as possible,
/// minimising Σ_{i≠j} (a_ij − c_i c_j)² (UCINET's "coreness").
///
/// Fit by coordinate descent on the CSR arrays: each member in turn takes the value that minimises
/// the loss with the others fixed, c_i = Σ_j a_ij c_j / Σ_{j≠i} c_j², one O(n + m) sweep per
/// iteration (the loss never rises, and c stays non-negative because a_ij ≥ 0). The start is
/// c_i = s_i / √(Σ_j s_j) (s = degree or strength), so members without ties stay at 0.
///
/// Convergence: with δ_k the largest change of a sweep divided by max c and r = δ_k / δ_{k−1} its
/// contraction rate, the iteration stops when δ_k / (1 − r) ≤ `tolerance` (with r < 1): the
/// geometric estimate of the remaining distance to the fixed point, relative to max c. It stops
/// unconverged after `maxIterations` sweeps (`converged` is false).
///
/// Reported:
/// - `fitted`: the least-squares c itself;
/// - `coreness`: c scaled to unit sum of squares (Σ coreness² = 1), all zeros on an empty graph;
/// - `correlation`: Pearson correlation between a_ij and c_i c_j over the pairs i < j, from closed
///   forms (Σ_{i<j} c_i c_j = ((Σc)² − Σc²)/2, Σ_{i<j} (c_i c_j)² = ((Σc²)² − Σc⁴)/2, and the
///   cross term over ties only), O(n + m); NaN when undefined.
///
/// Reference: Borgatti & Everett, "Models of core/periphery structures", Social Networks 21
/// (1999) 375–395.
public struct ContinuousCorePeriphery: Sendable {
    public let coreness: [Double]
    public let fitted: [Double]
    public let correlation: Double
    public let iterations: Int
    public let converged: Bool
    public let cellValue: CorePeripheryCellValue

    public init(_ graph: Graph, cellValue: CorePeripheryCellValue = .binary, tolerance: Double = 1e-10,
                maxIterations: Int = 10_000) {
        let cells = CorePeripheryCells(graph, cellValue)
        let fit = cells.coreness(tolerance: tolerance, maxIterations: maxIterations)
        self.init(cells, fit: (fit.c, fit.iterations, fit.converged))
    }

    /// The model from the coordinate descent's result on `cells`.
    init(_ cells: CorePeripheryCells, fit: (c: [Double], iterations: Int, converged: Bool)) {
        let n = cells.nodeCount
        let (c, iterations, converged) = fit
        fitted = c
        let norm = c.reduce(0) { $0 + $1 * $1 }.squareRoot()
        coreness = c.map { norm > 0 ? $0 / norm : 0 }
        self.iterations = iterations
        self.converged = converged
        cellValue = cells.value

        // Correlation over the n(n−1)/2 pairs, x = a_ij, y = c_i c_j.
        var sumC = 0.0, sumC2 = 0.0, sumC4 = 0.0, sumXY = 0.0
        for i in 0..<n {
            sumC += c[i]; sumC2 += c[i] * c[i]; sumC4 += c[i] * c[i] * c[i] * c[i]
            for p in cells.offsets[i]..<cells.offsets[i + 1] where Int(cells.neighbours[p]) > i {
                sumXY += cells.values[p] * c[i] * c[Int(cells.neighbours[p])]
            }
        }
        let pairs = Double(n) * Double(n - 1) / 2
        correlation = pearson(count: pairs, sumX: cells.totalValue, sumXX: cells.totalSquares,
                              sumY: (sumC * sumC - sumC2) / 2, sumYY: (sumC2 * sumC2 - sumC4) / 2, sumXY: sumXY)
    }
}

/// Pearson correlation from sums over `count` paired observations; NaN when either variance is
/// zero (up to rounding).
func pearson(count: Double, sumX: Double, sumXX: Double, sumY: Double, sumYY: Double, sumXY: Double) -> Double {
    guard count > 0 else { return .nan }
    let varX = count * sumXX - sumX * sumX
    let varY = count * sumYY - sumY * sumY
    guard varX > 1e-12 * count * sumXX, varY > 1e-12 * count * sumYY else { return .nan }
    return max(-1, min(1, (count * sumXY - sumX * sumY) / (varX.squareRoot() * varY.squareRoot())))
}

/// The undirected view with the cell values of one `CorePeripheryCellValue`.
struct CorePeripheryCells {
    let value: CorePeripheryCellValue
    let nodeCount: Int
    let offsets: [Int]
    let neighbours: [Int32]
    /// a_ij for each CSR entry.
    let values: [Double]
    /// Σ_j a_ij and Σ_j a_ij² per member.
    let strength: [Double]
    let squares: [Double]
    /// Σ_{i<j} a_ij and Σ_{i<j} a_ij².
    let totalValue: Double
    let totalSquares: Double

    init(_ graph: Graph, _ value: CorePeripheryCellValue) {
        let adjacency = graph.undirected
        self.value = value
        nodeCount = graph.nodeCount
        offsets = adjacency.offsets
        neighbours = adjacency.neighbours
        values = value == .binary ? [Double](repeating: 1, count: adjacency.entryCount) : adjacency.weights
        var strength = [Double](repeating: 0, count: nodeCount), squares = strength
        for v in 0..<nodeCount {
            for p in offsets[v]..<offsets[v + 1] { strength[v] += values[p]; squares[v] += values[p] * values[p] }
        }
        self.strength = strength
        self.squares = squares
        totalValue = strength.reduce(0, +) / 2
        totalSquares = squares.reduce(0, +) / 2
    }

    /// The continuous model's least-squares coreness by coordinate descent (see
    /// `ContinuousCorePeriphery`), with the number of sweeps and whether it converged; with
    /// `coarse` (a tolerance and sweep limit), also the iterate at which a descent to that
    /// tolerance and limit would have stopped — the same values, since both descents take the
    /// same steps up to there (nil when this descent stopped first, at its own sweep limit).
    func coreness(tolerance: Double, maxIterations: Int, coarse: (tolerance: Double, maxIterations: Int)? = nil)
        -> (c: [Double], iterations: Int, converged: Bool, coarse: [Double]?) {
        let total = strength.reduce(0, +)
        var iterations = 0, converged = total == 0
        var previousStep = Double.infinity
        let c = Scratch(strength.map { total > 0 ? $0 / total.squareRoot() : 0 })
        var coarseValues: [Double]? = nil
        if let coarse, converged || coarse.maxIterations <= 0 { coarseValues = c.array }
        CSRView.with(offsets: offsets, targets: neighbours, weights: values) { a in
            while !converged && iterations < maxIterations {
                iterations += 1
                var sumSquares = 0.0
                for i in 0..<nodeCount { sumSquares += c[i] * c[i] }
                var step = 0.0, largest = 0.0
                for i in 0..<nodeCount {
                    var numerator = 0.0
                    for p in a.entries(i) { numerator += a.weight(p) * c[Int(a.target(p))] }
                    let old = c[i]
                    let others = sumSquares - old * old
                    let new = others > 0 ? numerator / others : old
                    sumSquares += new * new - old * old
                    c[i] = new
                    step = max(step, abs(new - old))
                    largest = max(largest, new)
                }
                let relative = largest > 0 ? step / largest : 0
                let rate = relative / previousStep
                func reached(_ tolerance: Double) -> Bool { relative == 0 || (rate < 1 && relative / (1 - rate) <= tolerance) }
                converged = reached(tolerance)
                if let coarse, coarseValues == nil, reached(coarse.tolerance) || iterations >= coarse.maxIterations {
                    coarseValues = c.array
                }
                previousStep = relative
            }
        }
        return (c.array, iterations, converged, coarseValues)
    }

    /// Block sums of a labelling, from scratch.
    func blocks(_ isCore: [Bool]) -> CorePeripheryBlocks {
        CorePeripheryLabelling(self, isCore: isCore).blocks
    }

    /// The labelling that puts the best-scoring prefix of `order` in the core (ties: the shortest).
    func bestPrefix(_ order: [Int], _ crossCells: DiscreteCorePeriphery.CrossCells) -> [Bool] {
        var state = CorePeripheryLabelling(self, isCore: [Bool](repeating: false, count: nodeCount))
        var bestScore = state.blocks.correlation(crossCells).orWorst, bestLength = 0
        for (k, v) in order.enumerated() {
            state.flip(v, to: state.flipped(v))
            let score = state.blocks.correlation(crossCells).orWorst
            if score > bestScore + 1e-12 { bestScore = score; bestLength = k + 1 }
        }
        var best = [Bool](repeating: false, count: nodeCount)
        for v in order.prefix(bestLength) { best[v] = true }
        return best
    }

    /// Moves single members between core and periphery, sweeping in `order`, while a move raises ρ;
    /// returns the final ρ (NaN when undefined).
    func localSearch(_ isCore: inout [Bool], order: [Int], _ crossCells: DiscreteCorePeriphery.CrossCells) -> Double {
        while true {
            // Exact sums at the start of every sweep, so rounding cannot build up over moves.
            var state = CorePeripheryLabelling(self, isCore: isCore)
            var score = state.blocks.correlation(crossCells).orWorst
            var moved = false
            for v in order {
                let candidate = state.flipped(v)
                let candidateScore = candidate.correlation(crossCells).orWorst
                guard candidateScore > score + 1e-12 else { continue }
                state.flip(v, to: candidate)
                score = candidateScore
                moved = true
            }
            isCore = state.isCore
            if !moved { return state.blocks.correlation(crossCells) }
        }
    }

    /// The best of all 2^n labellings, visited in Gray-code order so that each differs from the
    /// last by one member (O(degree) per labelling). Ties: the first visited.
    func exhaustiveBest(_ crossCells: DiscreteCorePeriphery.CrossCells) -> [Bool] {
        precondition(nodeCount < 63, "too many members to enumerate")
        var state = CorePeripheryLabelling(self, isCore: [Bool](repeating: false, count: nodeCount))
        var bestScore = state.blocks.correlation(crossCells).orWorst, bestCode = 0
        for step in 1..<(1 << nodeCount) {
            let v = step.trailingZeroBitCount
            state.flip(v, to: state.flipped(v))
            let score = state.blocks.correlation(crossCells).orWorst
            if score > bestScore + 1e-12 { bestScore = score; bestCode = step ^ (step >> 1) }
        }
        return (0..<nodeCount).map { bestCode >> $0 & 1 == 1 }
    }
}

/// A labelling with its block sums and every member's total cell value (and squared value)
/// towards the core, kept up to date as members change side.
struct CorePeripheryLabelling {
    let cells: CorePeripheryCells
    private(set) var isCore: [Bool]
    private(set) var blocks: CorePeripheryBlocks
    private var toCore: [Double], toCoreSquares: [Double]

    /// The block sums and the totals towards the core, from scratch, in one pass over the ties
    /// (each tie i–j enters its block once, from its lower end).
    init(_ cells: CorePeripheryCells, isCore: [Bool]) {
        self.cells = cells
        self.isCore = isCore
        var blocks = CorePeripheryBlocks(nodeCount: cells.nodeCount)
        var toCore = [Double](repeating: 0, count: cells.nodeCount), toCoreSquares = toCore
        isCore.withUnsafeBufferPointer { isCore in
            CSRView.with(offsets: cells.offsets, targets: cells.neighbours, weights: cells.values) { a in
                for v in 0..<cells.nodeCount {
                    let vCore = isCore[v]
                    if vCore { blocks.coreSize += 1 }
                    var link = 0.0, linkSquares = 0.0
                    for p in a.entries(v) {
                        let u = Int(a.target(p)), x = a.weight(p), uCore = isCore[u]
                        if uCore { link += x; linkSquares += x * x }
                        guard u > v else { continue }
                        if vCore && uCore { blocks.core.add(x) } else if !vCore && !uCore { blocks.periphery.add(x) } else { blocks.cross.add(x) }
                    }
                    toCore[v] = link; toCoreSquares[v] = linkSquares
                }
            }
        }
        self.blocks = blocks
        self.toCore = toCore
        self.toCoreSquares = toCoreSquares
    }

    /// The block sums if `v` changed side, in O(1).
    func flipped(_ v: Int) -> CorePeripheryBlocks {
        blocks.moving(toCore: !isCore[v], link: toCore[v], linkSquares: toCoreSquares[v],
                      strength: cells.strength[v], squares: cells.squares[v])
    }

    /// Moves `v` to the other side; `next` is `flipped(v)`. O(degree).
    mutating func flip(_ v: Int, to next: CorePeripheryBlocks) {
        let sign = isCore[v] ? -1.0 : 1.0
        isCore[v].toggle()
        blocks = next
        for p in cells.offsets[v]..<cells.offsets[v + 1] {
            let u = Int(cells.neighbours[p]), x = cells.values[p]
            toCore[u] += sign * x; toCoreSquares[u] += sign * x * x
        }
    }
}

/// Sum of cell values and of their squares in one block.
struct CorePeripheryBlockSum {
    var sum = 0.0, squares = 0.0
    mutating func add(_ x: Double) { sum += x; squares += x * x }
}

/// The core size and per-block sums that determine ρ.
struct CorePeripheryBlocks {
    let nodeCount: Int
    var coreSize = 0
    var core = CorePeripheryBlockSum(), cross = CorePeripheryBlockSum(), periphery = CorePeripheryBlockSum()

    init(nodeCount: Int) { self.nodeCount = nodeCount }

    var coreCells: Double { Double(coreSize) * Double(coreSize - 1) / 2 }
    var crossCells: Double { Double(coreSize) * Double(nodeCount - coreSize) }
    var peripheryCells: Double { Double(nodeCount - coreSize) * Double(nodeCount - coreSize - 1) / 2 }

    func correlation(_ crossCells: DiscreteCorePeriphery.CrossCells) -> Double {
        switch crossCells {
        case .missing:
            return pearson(count: coreCells + peripheryCells, sumX: core.sum + periphery.sum,
                           sumXX: core.squares + periphery.squares,
                           sumY: coreCells, sumYY: coreCells, sumXY: core.sum)
        case .ones:
            let ideal = coreCells + self.crossCells
            return pearson(count: coreCells + self.crossCells + peripheryCells, sumX: core.sum + cross.sum + periphery.sum,
                           sumXX: core.squares + cross.squares + periphery.squares,
                           sumY: ideal, sumYY: ideal, sumXY: core.sum + cross.sum)
        }
    }

    /// The sums after one member changes side. `link` and `linkSquares` are the sums of its cell
    /// values (and their squares) towards the current core, `strength` and `squares` towards
    /// everyone.
    func moving(toCore: Bool, link: Double, linkSquares: Double, strength: Double, squares: Double) -> CorePeripheryBlocks {
        var next = self
        let rest = strength - link, restSquares = squares - linkSquares
        if toCore {
            // Ties to the core leave the cross block for the core block; ties to the periphery
            // leave the periphery block for the cross block.
            next.coreSize += 1
            next.core.sum += link; next.core.squares += linkSquares
            next.cross.sum += rest - link; next.cross.squares += restSquares - linkSquares
            next.periphery.sum -= rest; next.periphery.squares -= restSquares
        } else {
            next.coreSize -= 1
            next.core.sum -= link; next.core.squares -= linkSquares
            next.cross.sum += link - rest; next.cross.squares += linkSquares - restSquares
            next.periphery.sum += rest; next.periphery.squares += restSquares
        }
        return next
    }
}

extension Double {
    /// The value, with NaN (an undefined score) ranking below every defined one.
    fileprivate var orWorst: Double { isNaN ? -.infinity : self }
}
