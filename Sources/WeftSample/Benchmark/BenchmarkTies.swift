import WeftGraph

/// The latent ties of a benchmark sample: who is in touch with whom, how much, when, and in which
/// direction. Drawn once; the log then draws its records from them.
///
/// * Endpoints: the first end is drawn by activity weight over the whole network; the second, 85%
///   of the time from the first end's community (by attractiveness weight within the community's
///   index range), otherwise from the whole network. No self-loops (redrawn).
/// * Volume: a Pareto weight (tail index 1.6, capped at 200): most ties carry a few records,
///   some carry hundreds.
/// * Lifetime: 20% of ties span all 36 months; the others start at a uniform month (a year
///   before the log counts as month 0, so a quarter exist from the start) and last 1 + Exp(10)
///   months. Within its lifetime a tie's weight rises and falls (a triangle from 25% to 100% and
///   back), so ties form, strengthen and fade.
/// * Direction: half the ties are balanced (each record goes either way with probability ½), 30%
///   lean one way (80/20) and 20% are one-way.
struct BenchmarkTies {
    static let months = 36

    private(set) var source: [Int32] = []
    private(set) var target: [Int32] = []
    private(set) var weight: [Float] = []
    private(set) var firstMonth: [Int8] = []
    private(set) var lastMonth: [Int8] = []
    /// Probability that a record goes source → target, in 1/256 steps; 255 means always.
    private(set) var forward: [UInt8] = []

    var count: Int { source.count }

    init(population: BenchmarkPopulation, count: Int, seed: UInt64) {
        var random = SeededGenerator(seed: seed, stream: .benchmarkTies)
        let table = population.weights
        source.reserveCapacity(count); target.reserveCapacity(count); weight.reserveCapacity(count)
        firstMonth.reserveCapacity(count); lastMonth.reserveCapacity(count); forward.reserveCapacity(count)
        for _ in 0..<count {
            let a = table.index(unit: random.nextUnit())
            var b = a
            let range = population.range(ofCommunity: population.community(of: a))
            var attempts = 0
            while b == a {
                b = (range.count > 1 && random.chance(0.85) && attempts < 8)
                    ? table.index(in: range, unit: random.nextUnit())
                    : table.index(unit: random.nextUnit())
                attempts += 1
            }
            let first: Int, last: Int
            if random.chance(0.2) {
                (first, last) = (0, BenchmarkTies.months - 1)
            } else {
                first = max(0, random.int(in: -12...(BenchmarkTies.months - 1)))
                last = min(BenchmarkTies.months - 1, first + Int(random.exponential(mean: 10)))
            }
            let u = random.nextUnit()
            let lean: UInt8 = u < 0.5 ? 128 : (u < 0.8 ? 204 : 255)
            let flip = random.chance(0.5)
            source.append(Int32(flip ? b : a))
            target.append(Int32(flip ? a : b))
            weight.append(Float(min(200, random.pareto(minimum: 1, alpha: 1.6))))
            firstMonth.append(Int8(first))
            lastMonth.append(Int8(last))
            forward.append(lean)
        }
    }

    /// The tie's weight in `month` (0 outside its lifetime).
    func weight(of tie: Int, inMonth month: Int) -> Double {
        let first = Int(firstMonth[tie]), last = Int(lastMonth[tie])
        guard month >= first && month <= last else { return 0 }
        let x = (Double(month - first) + 0.5) / Double(last - first + 1)
        return Double(weight[tie]) * (0.25 + 0.75 * (1 - abs(2 * x - 1)))
    }
}
