import PropertyBased
import Testing
@testable import WeftGraph

@Suite struct UniformColumnTests {
    /// Any sequence of appends, writes and a permutation leaves the column equal, element by
    /// element, to an array given the same operations; appends keep it one value exactly while
    /// every element is equal.
    @Test func behavesLikeAnArray() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...40)) { seed, length in
            var random = SeededGenerator(seed: UInt64(seed))
            // Values from a small set, and often a single one, so that uniform runs are common.
            let palette = random.int(below: 3) == 0 ? [1.0] : [1.0, 2.5, 1.0, 1.0]
            var column = UniformColumn<Double>(), array: [Double] = []
            column.reserveCapacity(length)
            for _ in 0..<length {
                let x = palette[random.int(below: palette.count)]
                column.append(x); array.append(x)
            }
            #expect(column.count == array.count && Array(column) == array)
            #expect(column.isUniform == (Set(array).count <= 1))
            #expect(column.uniformValue == (Set(array).count == 1 ? array[0] : nil))
            if length > 0 {
                for _ in 0..<3 {
                    let i = random.int(below: length), x = palette[random.int(below: palette.count)]
                    column[i] = x; array[i] = x
                }
                // Once spelled out it stays so, even if writes make the values equal again.
                #expect(Array(column) == array && (!column.isUniform || Set(array).count <= 1))
            }
            var order = Array(0..<length)
            LocalShuffle.shuffle(&order, &random)
            let permuted = column.permuted(order)
            #expect(Array(permuted) == order.map { array[$0] })
            #expect(permuted == UniformColumn(order.map { array[$0] }) && column == UniformColumn(array))
        }
    }

    @Test func repeatingAndLiterals() {
        var ones = UniformColumn(repeating: 1.0, count: 4)
        #expect(ones == [1, 1, 1, 1] && ones.isUniform && ones.uniformValue == 1)
        ones[2] = 1
        #expect(ones.isUniform)
        ones[2] = 3
        #expect(ones == [1, 1, 3, 1] && !ones.isUniform && ones.uniformValue == nil)
        #expect(UniformColumn<Bool>() == [] && UniformColumn(repeating: true, count: 0).uniformValue == nil)
        #expect(UniformColumn([true, true]) != UniformColumn([true, true, true]))
        #expect(UniformColumn([2.0, 2.0]).reduce(0, +) == 4)
    }
}

/// Fisher–Yates with the seeded generator (the tests' own, not a kernel's).
private enum LocalShuffle {
    static func shuffle(_ a: inout [Int], _ random: inout SeededGenerator) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, random.int(below: i + 1)) }
    }
}
