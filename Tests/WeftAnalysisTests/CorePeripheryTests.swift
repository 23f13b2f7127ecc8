import Foundation
import Testing
@testable import WeftAnalysis
import WeftGraph

/// Reference values for the core–periphery models (Fixtures/make_coreperiphery_reference.py:
/// numpy correlations over the cells, a brute-force optimum and scipy least squares).
private func coreFixture(_ name: String) throws -> MeasureFixture { try MeasureFixture(name, file: "coreperiphery") }

extension MeasureFixture {
    /// Core labels from a list of member ids.
    func labels(_ ids: [String]) throws -> [Bool] {
        var isCore = [Bool](repeating: false, count: loaded.graph.nodeCount)
        for id in ids { isCore[try loaded.index(id)] = true }
        return isCore
    }
}

/// A number from the fixture; JSON null (undefined) becomes NaN.
private func number(_ value: Any?) -> Double {
    (value as? NSNumber)?.doubleValue ?? .nan
}

private func same(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    (a.isNaN && b.isNaN) || close(a, b, tolerance: tolerance)
}

/// Pearson correlation over the pairs i < j from the dense matrix, for checking the count formula.
private func densePearson(_ a: [[Double]], _ isCore: [Bool], _ cross: DiscreteCorePeriphery.CrossCells) -> Double {
    var xs: [Double] = [], ys: [Double] = []
    for i in 0..<a.count {
        for j in (i + 1)..<a.count {
            if cross == .missing && isCore[i] != isCore[j] { continue }
            xs.append(a[i][j])
            ys.append(isCore[i] || isCore[j] ? (cross == .ones || isCore[i] && isCore[j] ? 1 : 0) : 0)
        }
    }
    let n = Double(xs.count)
    guard n > 0 else { return .nan }
    let mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for k in 0..<xs.count { sxy += (xs[k] - mx) * (ys[k] - my); sxx += (xs[k] - mx) * (xs[k] - mx); syy += (ys[k] - my) * (ys[k] - my) }
    guard sxx > 1e-12, syy > 1e-12 else { return .nan }
    return sxy / (sxx * syy).squareRoot()
}

private func denseMatrix(_ graph: Graph, _ value: CorePeripheryCellValue) -> [[Double]] {
    let adjacency = graph.undirected
    var a = [[Double]](repeating: [Double](repeating: 0, count: graph.nodeCount), count: graph.nodeCount)
    for v in 0..<graph.nodeCount {
        for p in adjacency.offsets[v]..<adjacency.offsets[v + 1] {
            a[v][Int(adjacency.neighbours[p])] = value == .binary ? 1 : adjacency.weights[p]
        }
    }
    return a
}

/// The best ρ over every labelling, and the labellings that reach it.
private func bruteForce(_ graph: Graph, _ value: CorePeripheryCellValue, _ cross: DiscreteCorePeriphery.CrossCells) throws -> (rho: Double, cores: [[Bool]]) {
    let a = denseMatrix(graph, value)
    let n = graph.nodeCount
    var best = -Double.infinity, cores: [[Bool]] = []
    for code in 0..<(1 << n) {
        let isCore = (0..<n).map { code >> $0 & 1 == 1 }
        let rho = densePearson(a, isCore, cross)
        guard !rho.isNaN else { continue }
        if rho > best + 1e-12 { best = rho; cores = [isCore] } else if rho > best - 1e-12 { cores.append(isCore) }
    }
    return (best, cores)
}

/// A clear core–periphery graph: core 0–3 (one core tie missing), periphery 4–9 tied to the
/// core, one periphery–periphery tie. Valued: core ties weigh 3, the others 1.
private let crafted: (edges: [(Int, Int)], weights: [Double]) = {
    let core: [(Int, Int)] = [(0, 1), (0, 2), (0, 3), (1, 2), (2, 3)]
    let rest: [(Int, Int)] = [(4, 0), (4, 1), (5, 1), (6, 2), (6, 3), (7, 0), (8, 3), (9, 2), (5, 9)]
    return (core + rest, core.map { _ in 3 } + rest.map { _ in 1 })
}()

/// A clique 0..<5 with eight pendants 5..<13, each tied only to core members (one to three).
private let perfect: Graph = {
    var edges: [(Int, Int)] = []
    for i in 0..<5 { for j in (i + 1)..<5 { edges.append((i, j)) } }
    for p in 5..<13 {
        for k in 0..<(1 + p % 3) { edges.append((p, (p + 2 * k) % 5)) }
    }
    return makeGraph(13, edges)
}()

/// The seeded search, whatever the graph's size.
private func heuristic(_ graph: Graph, _ value: CorePeripheryCellValue = .binary,
                       _ cross: DiscreteCorePeriphery.CrossCells = .missing, restarts: Int = 4, seed: UInt64 = 1) -> DiscreteCorePeriphery {
    DiscreteCorePeriphery(graph, cellValue: value, crossCells: cross, restarts: restarts, seed: seed, exhaustiveUpTo: 0)
}

@Suite struct CorePeripheryTests {
    static let datasets = ["karate", "florentine", "lesmis", "disconnected"]
    static let modes: [(CorePeripheryCellValue, DiscreteCorePeriphery.CrossCells)] =
        [(.binary, .missing), (.binary, .ones), (.valued, .missing), (.valued, .ones)]

    @Test(arguments: datasets)
    func correlationFromCountsMatchesNumpy(_ name: String) throws {
        let f = try coreFixture(name)
        let labellings = try #require(f.json["labellings"] as? [[String: Any]])
        for labelling in labellings {
            let isCore = try f.labels(try #require(labelling["core"] as? [String]))
            for (value, cross) in Self.modes {
                let want = try #require(labelling["\(value.rawValue)_\(cross.rawValue)"] as? [String: Any])
                let fit = try DiscreteCorePeriphery(f.loaded.graph, isCore: isCore, cellValue: value, crossCells: cross)
                let label = "\(name) \(labelling["name"]!) \(value) \(cross)"
                #expect(same(fit.correlation, number(want["rho"])), "\(label): ρ \(fit.correlation)")
                #expect(same(fit.coreDensity, number(want["core_density"])), "\(label)")
                #expect(same(fit.crossDensity, number(want["cross_density"])), "\(label)")
                #expect(same(fit.peripheryDensity, number(want["periphery_density"])), "\(label)")
                #expect(fit.coreSize == isCore.filter { $0 }.count)
            }
        }
    }

    @Test(arguments: [DiscreteCorePeriphery.CrossCells.missing, .ones])
    func florentineOptimum(_ cross: DiscreteCorePeriphery.CrossCells) throws {
        let f = try coreFixture("florentine")
        let optimum = try #require((f.json["optimum"] as? [String: Any])?["binary_\(cross.rawValue)"] as? [String: Any])
        let cores = try (try #require(optimum["cores"] as? [[String]])).map { try f.labels($0) }
        // Enumeration (15 members) and the heuristic search both reach numpy's brute-force optimum.
        for fit in [DiscreteCorePeriphery(f.loaded.graph, crossCells: cross),
                    heuristic(f.loaded.graph, .binary, cross)] {
            #expect(close(fit.correlation, number(optimum["rho"])), "ρ \(fit.correlation)")
            #expect(cores.contains(fit.isCore))
        }
        // The Swift brute force agrees with numpy's.
        let brute = try bruteForce(f.loaded.graph, .binary, cross)
        #expect(close(brute.rho, number(optimum["rho"])) && brute.cores == cores)
    }

    @Test(arguments: modes.indices)
    func craftedOptimum(_ mode: Int) throws {
        let (value, cross) = Self.modes[mode]
        let graph = makeGraph(10, crafted.edges, weights: crafted.weights)
        let brute = try bruteForce(graph, value, cross)
        for fit in [DiscreteCorePeriphery(graph, cellValue: value, crossCells: cross), heuristic(graph, value, cross)] {
            #expect(close(fit.correlation, brute.rho), "\(value) \(cross): ρ \(fit.correlation) vs \(brute.rho)")
            #expect(brute.cores.contains(fit.isCore))
            if value == .binary && cross == .missing { #expect(fit.isCore == (0..<10).map { $0 < 4 }) }
        }
    }

    @Test func enumerationFindsTheBruteForceOptimumOnRandomGraphs() throws {
        for trial in 0..<8 {
            let graph = randomGraph(seed: UInt64(100 + trial), n: 6 + trial % 5, p: 0.25 + 0.05 * Double(trial), directed: false)
            for (value, cross) in Self.modes {
                let brute = try bruteForce(graph, value, cross)
                let fit = DiscreteCorePeriphery(graph, cellValue: value, crossCells: cross)
                #expect(same(fit.correlation, brute.rho.isFinite ? brute.rho : .nan), "trial \(trial) \(value) \(cross)")
                #expect(brute.rho.isInfinite || brute.cores.contains(fit.isCore))
            }
        }
    }

    @Test func heuristicEndsAtALocalOptimum() throws {
        for trial in 0..<4 {
            let graph = randomGraph(seed: UInt64(200 + trial), n: 40, p: 0.1, directed: false)
            for (value, cross) in Self.modes {
                let fit = heuristic(graph, value, cross)
                for v in 0..<40 {
                    var flipped = fit.isCore
                    flipped[v].toggle()
                    let rho = try DiscreteCorePeriphery(graph, isCore: flipped, cellValue: value, crossCells: cross).correlation
                    #expect(rho.isNaN || rho <= fit.correlation + 1e-12, "trial \(trial) \(value) \(cross): moving \(v)")
                }
            }
        }
    }

    @Test func countsMatchDensePearsonOnRandomGraphs() throws {
        var rng = SeededGenerator(seed: 7)
        for trial in 0..<30 {
            let graph = randomGraph(seed: UInt64(trial), n: 4 + trial % 9, p: 0.2 + 0.02 * Double(trial), directed: false)
            for (value, cross) in Self.modes {
                let a = denseMatrix(graph, value)
                let isCore = (0..<graph.nodeCount).map { _ in rng.nextUnit() < 0.4 }
                let fit = try DiscreteCorePeriphery(graph, isCore: isCore, cellValue: value, crossCells: cross)
                #expect(same(fit.correlation, densePearson(a, isCore, cross)), "trial \(trial) \(value) \(cross)")
                #expect(fit.correlation.isNaN || (-1...1).contains(fit.correlation))
                let found = DiscreteCorePeriphery(graph, cellValue: value, crossCells: cross)
                #expect(found.correlation.isNaN || (-1...1).contains(found.correlation))
                #expect(same(found.correlation, densePearson(a, found.isCore, cross)))
            }
        }
    }

    @Test func aPerfectCorePeripheryGraphHasRhoOne() {
        for fit in [DiscreteCorePeriphery(perfect), heuristic(perfect)] {
            #expect(close(fit.correlation, 1, tolerance: 1e-12))
            #expect(fit.isCore == (0..<13).map { $0 < 5 })
            #expect(fit.coreSize == 5 && fit.coreDensity == 1 && fit.peripheryDensity == 0)
            #expect(fit.groups.sizes == [5, 8] && fit.groups.labels == ["Core", "Periphery"])
        }
        // Under `.ones` the missing core–periphery ties count against the fit.
        #expect(DiscreteCorePeriphery(perfect, crossCells: .ones).correlation < 1)
        // A larger one, beyond enumeration: a 12-clique and 100 members tied to one to three of it.
        var edges: [(Int, Int)] = []
        for i in 0..<12 { for j in (i + 1)..<12 { edges.append((i, j)) } }
        for p in 12..<112 { for k in 0..<(1 + p % 3) { edges.append((p, (p * 7 + 5 * k) % 12)) } }
        let large = DiscreteCorePeriphery(makeGraph(112, edges))
        #expect(close(large.correlation, 1, tolerance: 1e-12) && large.isCore == (0..<112).map { $0 < 12 })
    }

    @Test(arguments: ["florentine", "karate"])
    func labelsDoNotDependOnMemberOrder(_ name: String) throws {
        let graph = try LoadedFixture(name).graph
        let fit = heuristic(graph)
        let continuous = ContinuousCorePeriphery(graph)
        for seed in 0..<3 {
            var rng = SeededGenerator(seed: UInt64(seed))
            let permutation = Array(0..<graph.nodeCount).shuffled(using: &rng)
            let moved = relabel(graph, permutation)
            let movedFit = heuristic(moved)
            #expect(close(movedFit.correlation, fit.correlation))
            #expect((0..<graph.nodeCount).allSatisfy { movedFit.isCore[permutation[$0]] == fit.isCore[$0] })
            let movedContinuous = ContinuousCorePeriphery(moved)
            #expect(closeArrays(permutation.indices.map { movedContinuous.coreness[permutation[$0]] }, continuous.coreness,
                                tolerance: 1e-9))
        }
        let crafted = makeGraph(10, crafted.edges)
        let permutation = [3, 7, 0, 9, 1, 5, 8, 2, 6, 4]
        let movedFit = heuristic(relabel(crafted, permutation))
        #expect((0..<10).allSatisfy { movedFit.isCore[permutation[$0]] == ($0 < 4) })
    }

    @Test func searchIsDeterministicForASeed() {
        let graph = randomGraph(seed: 11, n: 200, p: 0.04, directed: false)
        for seed: UInt64 in [1, 99] {
            let a = DiscreteCorePeriphery(graph, cellValue: .valued, restarts: 6, seed: seed)
            let b = DiscreteCorePeriphery(graph, cellValue: .valued, restarts: 6, seed: seed)
            #expect(a.isCore == b.isCore && a.correlation == b.correlation)
        }
        // Restarts only ever keep a better split.
        let plain = DiscreteCorePeriphery(graph, restarts: 0)
        let restarted = DiscreteCorePeriphery(graph, restarts: 8, seed: 3)
        #expect(restarted.correlation >= plain.correlation)
    }

    @Test func undefinedFitsAreNaN() {
        let empty = makeGraph(6, [])
        let fit = DiscreteCorePeriphery(empty)
        #expect(fit.correlation.isNaN && fit.coreSize == 0)
        let continuous = ContinuousCorePeriphery(empty)
        #expect(continuous.correlation.isNaN && continuous.coreness == [Double](repeating: 0, count: 6) && continuous.converged)
        #expect(DiscreteCorePeriphery(makeGraph(0, [])).correlation.isNaN)
    }

    @Test(arguments: ["karate", "florentine", "lesmis"], [CorePeripheryCellValue.binary, .valued])
    func continuousFitMatchesScipy(_ name: String, _ value: CorePeripheryCellValue) throws {
        let f = try coreFixture(name)
        let want = try #require((f.json["continuous"] as? [String: Any])?[value.rawValue] as? [String: Any])
        let fitted = try #require(want["fitted"] as? [String: Any])
        var reference = [Double](repeating: .nan, count: f.loaded.graph.nodeCount)
        for (id, c) in fitted { reference[try f.loaded.index(id)] = number(c) }
        // The tolerance bounds the distance to the least-squares solution, relative to the largest c.
        let scale = reference.max()!
        for tolerance in [1e-10, 1e-7] {
            let fit = ContinuousCorePeriphery(f.loaded.graph, cellValue: value, tolerance: tolerance)
            #expect(fit.converged)
            let gap = zip(fit.fitted, reference).map { abs($0 - $1) }.max()!
            #expect(gap <= tolerance * scale, "\(name) \(value): gap \(gap / scale) after \(fit.iterations) sweeps")
            if tolerance == 1e-10 { #expect(close(fit.correlation, number(want["rho"]))) }
            #expect(close(fit.coreness.reduce(0) { $0 + $1 * $1 }, 1, tolerance: 1e-12))
            #expect(closeArrays(fit.coreness, fit.fitted.map { $0 / fit.fitted.reduce(0) { $0 + $1 * $1 }.squareRoot() },
                                tolerance: 1e-15))
        }
    }

    /// `CorePeripheryModels` shares one coordinate descent and one set of cells between the two
    /// models: each must equal, bit for bit, the model fitted alone — searched and enumerated
    /// graphs, both cell values, and a sweep limit below the discrete search's own (whose coarse
    /// coreness the shared descent then never reaches).
    @Test(arguments: [CorePeripheryCellValue.binary, .valued])
    func bothModelsTogetherEqualEachAlone(_ value: CorePeripheryCellValue) throws {
        let karate = try coreFixture("karate").loaded.graph
        let graphs = [karate, randomGraph(seed: 5, n: 300, p: 0.03, directed: true),
                      randomGraph(seed: 6, n: 12, p: 0.3, directed: false), makeGraph(6, [])]
        func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern }
        for graph in graphs {
            // The shared descent's coarse iterate is the coarse descent's result.
            let cells = CorePeripheryCells(graph, value)
            let coarse = cells.coreness(tolerance: DiscreteCorePeriphery.corenessTolerance,
                                        maxIterations: DiscreteCorePeriphery.corenessIterations).c
            let shared = try #require(cells.coreness(tolerance: 1e-10, maxIterations: 10_000, coarse: (1e-6, 1000)).coarse)
            #expect(shared.count == coarse.count && zip(shared, coarse).allSatisfy { same($0, $1) })
            for (restarts, seed, maxIterations) in [(4, UInt64(1), 10_000), (2, 7, 10_000), (4, 1, 5)] {
                let both = CorePeripheryModels(graph, cellValue: value, crossCells: .ones, restarts: restarts, seed: seed,
                                               maxIterations: maxIterations)
                let discrete = DiscreteCorePeriphery(graph, cellValue: value, crossCells: .ones, restarts: restarts, seed: seed)
                let continuous = ContinuousCorePeriphery(graph, cellValue: value, maxIterations: maxIterations)
                #expect(both.discrete.isCore == discrete.isCore && same(both.discrete.correlation, discrete.correlation))
                #expect(same(both.discrete.coreDensity, discrete.coreDensity) && same(both.discrete.crossDensity, discrete.crossDensity)
                        && same(both.discrete.peripheryDensity, discrete.peripheryDensity))
                #expect(zip(both.continuous.fitted, continuous.fitted).allSatisfy { same($0, $1) }
                        && both.continuous.fitted.count == continuous.fitted.count)
                #expect(both.continuous.iterations == continuous.iterations && both.continuous.converged == continuous.converged
                        && same(both.continuous.correlation, continuous.correlation))
            }
        }
    }

    @Test func continuousFitOfACompleteGraphIsExact() {
        var edges: [(Int, Int)] = []
        for i in 0..<6 { for j in (i + 1)..<6 { edges.append((i, j)) } }
        let fit = ContinuousCorePeriphery(makeGraph(6, edges))
        #expect(closeArrays(fit.fitted, [Double](repeating: 1, count: 6), tolerance: 1e-10))
        #expect(fit.correlation.isNaN) // every cell is 1: no variance to correlate
        // A perfect core–periphery graph: the clique scores above every pendant.
        let cp = ContinuousCorePeriphery(perfect)
        #expect(cp.coreness[0..<5].min()! > cp.coreness[5...].max()!)
        #expect(cp.correlation > 0 && cp.correlation <= 1)
    }
}
