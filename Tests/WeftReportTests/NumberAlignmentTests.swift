import Testing
import WeftGraph
import WeftReport

/// NumberAlignment's greedy matching by overlap, on small hand-checked cases.
@Suite struct NumberAlignmentTests {
    @Test func largestOverlapsTakeThePreviousNumbersFirst() {
        // Current communities: 0 = {a, b, c}, 1 = {d, e}, 2 = {f}. Previous: a, b in 2; c, d, e in 1; f in 7.
        let ids = IdentifierRegistry(["a", "b", "c", "d", "e", "f"])
        let a = NumberAlignment(group: [0, 0, 0, 1, 1, 2], count: 3, ids: ids,
                                   previous: ["a": 2, "b": 2, "c": 1, "d": 1, "e": 1, "f": 7])
        // Overlaps: (0,2) 2, (1,1) 2, (0,1) 1, (2,7) 1 → 0 takes 2, 1 takes 1, 2 takes 7.
        #expect(a.numbers == [2, 1, 7])
        #expect(a.previous == [2, 1, 7])
        #expect(a.shared == [2, 2, 1])
    }

    @Test func aContestedNumberGoesToTheLargerOverlapAndTheRestAreNew() {
        // Both current communities overlap previous community 1 most; 0 wins it (3 > 2), 1 falls
        // back to previous 4, 2 shares nobody and is numbered after every previous number (10).
        let ids = IdentifierRegistry(["a", "b", "c", "d", "e", "f", "g", "h"])
        let a = NumberAlignment(group: [0, 0, 0, 1, 1, 1, 2, 2], count: 3, ids: ids,
                                   previous: ["a": 1, "b": 1, "c": 1, "d": 1, "e": 1, "f": 4, "x": 9])
        #expect(a.numbers == [1, 4, 10])
        #expect(a.previous == [1, 4, nil])
        #expect(a.shared == [3, 1, 0])
    }

    @Test func withoutAPreviousRunNumbersCountFromOne() {
        #expect(NumberAlignment(count: 3).numbers == [1, 2, 3])
    }

    /// Clusters leave some members out (−1): they count for no group and match nothing.
    @Test func nodesInNoGroupAreLeftOut() {
        let ids = IdentifierRegistry(["a", "b", "c", "d", "e"])
        let a = NumberAlignment(group: [1, 1, -1, 0, 0], count: 2, ids: ids, previous: ["a": 2, "b": 2, "c": 1, "d": 3, "e": 1])
        // Overlaps: (1,2) 2, (0,3) 1, (0,1) 1 → 1 takes 2; 0 takes 1 (lower previous number first on a tie).
        #expect(a.numbers == [1, 2] && a.previous == [1, 2] && a.shared == [1, 2])
    }
}
