import Foundation
import WeftGraph

/// The independent random streams of a sample.
///
/// Each part of the generator (population, calendar, interactions, survey, …) draws from its own
/// `SeededGenerator`, derived from the user's seed and a fixed stream number. Changing how many draws
/// one part makes therefore never reshuffles the others, and every part is reproducible on its own.
enum RandomStream: UInt64 {
    case population = 1
    case names
    case calendar
    case interactions
    case survey
    case benchmarkMembers
    case benchmarkTies
    case benchmarkLog
    case benchmarkAttendance
    case planted
}

extension SeededGenerator {
    /// A generator for one stream of a sample with the given seed.
    init(seed: UInt64, stream: RandomStream) {
        // SplitMix64 inside `init(seed:)` scrambles the mixed value; the odd multipliers keep
        // (seed, stream) pairs from colliding.
        self.init(seed: (seed &* 0x9E37_79B9_7F4A_7C15) ^ (stream.rawValue &* 0xD1B5_4A32_D192_ED03))
    }

    /// A uniform integer in a closed range.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(below: range.upperBound - range.lowerBound + 1)
    }

    /// A uniform double in `[low, high)`.
    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * nextUnit()
    }

    /// `true` with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        nextUnit() < p
    }

    /// An exponential variate with the given mean (inverse-CDF; `1 − u` lies in (0, 1]).
    mutating func exponential(mean: Double) -> Double {
        -mean * log(1 - nextUnit())
    }

    /// A standard normal variate (Box–Muller; the second value of the pair is discarded).
    mutating func normal() -> Double {
        let u1 = 1 - nextUnit()
        let u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A log-normal variate with the given median and log-scale spread.
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * exp(sigma * normal())
    }

    /// A Pareto (power-law) variate: P(X > x) = (minimum / x)^alpha for x ≥ minimum.
    mutating func pareto(minimum: Double, alpha: Double) -> Double {
        minimum * pow(1 - nextUnit(), -1 / alpha)
    }

    /// A Poisson variate. Knuth's product method for small means, a rounded normal approximation
    /// above 30 (only used for counts where the exact shape does not matter).
    mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 30 {
            return max(0, Int((mean + mean.squareRoot() * normal()).rounded()))
        }
        let limit = exp(-mean)
        var count = 0
        var product = nextUnit()
        while product > limit {
            count += 1
            product *= nextUnit()
        }
        return count
    }

    /// A uniformly chosen element of a non-empty array.
    mutating func element<T>(of array: [T]) -> T {
        array[int(below: array.count)]
    }

    /// Shuffles in place (Fisher–Yates), using only this generator.
    mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = int(below: i + 1)
            if i != j { array.swapAt(i, j) }
        }
    }

    /// An index drawn with probability proportional to `weights` (a linear scan: for short lists).
    /// Returns `nil` when every weight is zero.
    mutating func weightedIndex(_ weights: [Double]) -> Int? {
        var total = 0.0
        for w in weights where w > 0 { total += w }
        guard total > 0 else { return nil }
        var target = nextUnit() * total
        var last: Int?
        for (index, w) in weights.enumerated() where w > 0 {
            if target < w { return index }
            target -= w
            last = index
        }
        return last
    }

    /// Up to `count` distinct indices drawn without replacement with probability proportional to
    /// `weights` (Efraimidis–Spirakis: each index gets the key log(u)/w and the largest keys win).
    /// Zero weights are never drawn. The result is in draw order (largest key first).
    mutating func weightedSample(_ weights: [Double], count: Int) -> [Int] {
        var keyed: [(key: Double, index: Int)] = []
        keyed.reserveCapacity(weights.count)
        for (index, w) in weights.enumerated() where w > 0 {
            keyed.append((log(1 - nextUnit()) / w, index))
        }
        keyed.sort { $0.key != $1.key ? $0.key > $1.key : $0.index < $1.index }
        return keyed.prefix(max(0, count)).map(\.index)
    }

    /// Poisson sampling with an expected size: each index is included independently with
    /// probability min(cap, c·wᵢ), where c is chosen (by bisection) so that the expected number
    /// included is `expected`. Unlike a fixed-size draw, members with a tiny weight almost never
    /// appear even when the target is large.
    mutating func inclusionSample(_ weights: [Double], expected: Double, cap: Double = 0.95) -> [Int] {
        func expectedSize(_ c: Double) -> Double {
            var sum = 0.0
            for w in weights where w > 0 { sum += min(cap, c * w) }
            return sum
        }
        var low = 0.0, high = 1.0
        while expectedSize(high) < expected && high < 1e12 { high *= 2 }
        for _ in 0..<60 {
            let mid = (low + high) / 2
            if expectedSize(mid) < expected { low = mid } else { high = mid }
        }
        var chosen: [Int] = []
        for (index, w) in weights.enumerated() where w > 0 {
            if nextUnit() < min(cap, high * w) { chosen.append(index) }
        }
        return chosen
    }
}

/// A cumulative weight table: draws an index with probability proportional to its weight in
/// O(log n) by binary search, either over the whole table or over a contiguous index range.
struct CumulativeTable {
    /// Inclusive prefix sums: `sums[i] = w₀ + … + wᵢ`.
    private(set) var sums: [Double]

    init(weights: [Double]) {
        sums = []
        sums.reserveCapacity(weights.count)
        var running = 0.0
        for w in weights {
            running += max(0, w)
            sums.append(running)
        }
    }

    init() { sums = [] }

    /// Rebuilds the table in place (keeps the storage).
    mutating func reset<S: Sequence>(weights: S) where S.Element == Double {
        sums.removeAll(keepingCapacity: true)
        var running = 0.0
        for w in weights {
            running += max(0, w)
            sums.append(running)
        }
    }

    var count: Int { sums.count }
    var total: Double { sums.last ?? 0 }

    /// The index whose cumulative interval contains `u · total`, `u` in [0, 1).
    func index(unit u: Double) -> Int {
        index(in: 0..<sums.count, unit: u)
    }

    /// Like `index(unit:)` but restricted to `range` (the weights outside it are ignored).
    func index(in range: Range<Int>, unit u: Double) -> Int {
        let base = range.lowerBound > 0 ? sums[range.lowerBound - 1] : 0
        let top = sums[range.upperBound - 1]
        let target = base + u * (top - base)
        var low = range.lowerBound, high = range.upperBound - 1
        while low < high {
            let mid = (low + high) >> 1
            if sums[mid] > target { high = mid } else { low = mid + 1 }
        }
        return low
    }
}

/// Splits `total` into integer parts proportional to `weights` that sum exactly to `total`
/// (largest-remainder method; ties go to the lower index).
func apportion(_ total: Int, weights: [Double]) -> [Int] {
    let sum = weights.reduce(0, +)
    guard sum > 0, !weights.isEmpty else { return weights.map { _ in 0 } }
    var parts = weights.map { Int((Double(total) * $0 / sum).rounded(.down)) }
    let remainders = weights.enumerated().map { (index: $0.offset, rest: Double(total) * $0.element / sum - Double(parts[$0.offset])) }
    var missing = total - parts.reduce(0, +)
    for entry in remainders.sorted(by: { $0.rest != $1.rest ? $0.rest > $1.rest : $0.index < $1.index }) where missing > 0 {
        parts[entry.index] += 1
        missing -= 1
    }
    return parts
}
