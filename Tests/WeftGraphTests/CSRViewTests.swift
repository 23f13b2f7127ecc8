import Testing
@testable import WeftGraph

@Suite struct CSRViewTests {
    @Test func viewReadsTheAdjacencyItWraps() throws {
        let g = GraphBuilder().build(try handLog(), nodeCount: 4)
        let a = g.undirected
        a.withView { view in
            #expect(view.nodeCount == 4 && view.entryCount == a.entryCount && view.isWeighted)
            for v in 0..<4 {
                #expect(view.degree(v) == a.degree(v))
                #expect(view.entries(v) == a.offsets[v]..<a.offsets[v + 1])
                #expect(view.entries(v).map { view.target($0) } == Array(a.neighbours(of: v)))
                #expect(view.entries(v).map { view.weight($0) } == Array(a.weights[a.offsets[v]..<a.offsets[v + 1]]))
                for u in Int32(0)..<4 { #expect(view.contains(v, u) == a.contains(v, u)) }
            }
            #expect(view.start(4) == a.entryCount)
        }
        // Substituted weights, or none.
        let lengths = a.weights.map { 1 / $0 }
        a.withView(weights: lengths) { view in #expect(view.weight(0) == lengths[0]) }
        a.withView(weights: nil) { view in #expect(!view.isWeighted && view.entryCount == a.entryCount) }
        Adjacency.withViews(g.out, g.in) { out, into in
            #expect(out.entries(1).map { out.target($0) } == [0, 2])
            #expect(into.entries(0).map { into.target($0) } == [1])
        }
    }

    @Test func viewOfKernelArrays() {
        // Two nodes: 0 → {1}, 1 → {}.
        let degrees = CSRView.with(offsets: [0, 1, 1], targets: [1], weights: nil) { view in
            (0..<view.nodeCount).map { view.degree($0) }
        }
        #expect(degrees == [1, 0])
    }

    @Test func scratchHoldsItsValues() {
        let s = Scratch<Int32>(repeating: 7, count: 3)
        s[1] = 2
        s[2] += 1
        #expect(s.array == [7, 2, 8] && s.count == 3)
        s.fill(0)
        #expect(s.array == [0, 0, 0])
        let copy = Scratch([1.5, 2.5])
        #expect(copy.array == [1.5, 2.5])
        #expect(Scratch<Double>(repeating: 0, count: 0).array.isEmpty)
    }

    @Test func scratchPrefixIsCopiedAndSortedAlone() {
        let s = Scratch<Int32>([5, 3, 9, 1, 4])
        s.sortPrefix(3)
        #expect(s.array == [3, 5, 9, 1, 4])
        #expect(s.array(prefix: 2) == [3, 5] && s.array(prefix: 0).isEmpty && s.array(prefix: 5) == s.array)
        s.sortPrefix(0)
        #expect(s.array == [3, 5, 9, 1, 4])
    }
}
