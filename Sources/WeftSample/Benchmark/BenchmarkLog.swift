import Foundation
import WeftGraph
import WeftIO

/// Streams the benchmark interaction log month by month, already in time order.
///
/// The record total is split over the 36 months of 2022–2024 (largest remainder, so the total is
/// exact): activity grows by 60% over the three years and dips in August (×0.75), December
/// (×0.65) and January (×0.9). In each month the ties alive that month get a cumulative table of
/// their current weights; the month's k timestamps are sorted uniform instants made from
/// exponential spacings (k + 1 exponential gaps, scaled to the month), so no sort is needed; each
/// timestamp takes a tie from the table by binary search. Only one month of timestamps is ever in
/// memory.
///
/// Types: 80% `message` (weight 1, sometimes 2: messages in the thread), 9% `call` (0.5 or 1
/// hours), 8% `meeting` (1–2 hours), 3% `co-authoring` (1–3 hours). Rows with equal timestamps keep
/// their draw order, which is itself deterministic.
struct BenchmarkLog {
    let population: BenchmarkPopulation
    let ties: BenchmarkTies
    let records: Int

    static let typeLabels = ["message", "call", "meeting", "co-authoring"]

    /// Records per month, summing exactly to `records`.
    func monthlyCounts() -> [Int] {
        let weights = (0..<BenchmarkTies.months).map { m -> Double in
            let month = m % 12 + 1
            let season = month == 8 ? 0.75 : (month == 12 ? 0.65 : (month == 1 ? 0.9 : 1))
            return (1 + 0.6 * Double(m) / Double(BenchmarkTies.months - 1)) * season
        }
        return apportion(records, weights: weights)
    }

    func write(to path: String, seed: UInt64, progress: (Int) -> Void) throws -> Int {
        var random = SeededGenerator(seed: seed, stream: .benchmarkLog)
        let table = try CSVTableWriter(path: path, header: CLNSample.interactionHeader)
        var text = TimestampText(firstDay: Day.of(2022, 1, 1), lastDay: Day.of(2024, 12, 31))
        let counts = monthlyCounts()
        var active: [Int32] = []
        var cumulative = CumulativeTable()
        var times: [Int64] = []
        var cells = [CSVCell](repeating: .empty, count: 5)
        var written = 0
        let step = max(1, records / 1000)

        for month in 0..<BenchmarkTies.months {
            let year = 2022 + month / 12
            let start = Timestamp.seconds(year: year, month: month % 12 + 1, day: 1)
            let end = month % 12 == 11
                ? Timestamp.seconds(year: year + 1, month: 1, day: 1)
                : Timestamp.seconds(year: year, month: month % 12 + 2, day: 1)

            active.removeAll(keepingCapacity: true)
            var weights: [Double] = []
            weights.reserveCapacity(ties.count / 2)
            for t in 0..<ties.count {
                let w = ties.weight(of: t, inMonth: month)
                if w > 0 {
                    active.append(Int32(t))
                    weights.append(w)
                }
            }
            cumulative.reset(weights: weights)

            // Sorted uniform instants from exponential spacings.
            let k = counts[month]
            times.removeAll(keepingCapacity: true)
            var running = 0.0
            var gaps: [Double] = []
            gaps.reserveCapacity(k)
            for _ in 0..<k {
                running += -log(1 - random.nextUnit())
                gaps.append(running)
            }
            running += -log(1 - random.nextUnit())
            let span = Double(end - start)
            for g in gaps { times.append(start + min(end - start - 1, Int64(g / running * span))) }

            for time in times {
                let tie = Int(active[cumulative.index(unit: random.nextUnit())])
                var a = Int(ties.source[tie]), b = Int(ties.target[tie])
                let lean = ties.forward[tie]
                if lean != 255 && random.next() & 0xFF >= UInt64(lean) { swap(&a, &b) }
                let u = random.nextUnit()
                let type: Int, weight: Double
                if u < 0.80 {
                    type = 0; weight = u < 0.72 ? 1 : 2
                } else if u < 0.89 {
                    type = 1; weight = u < 0.84 ? 1 : 0.5
                } else if u < 0.97 {
                    type = 2; weight = u < 0.93 ? 1 : (u < 0.95 ? 1.5 : 2)
                } else {
                    type = 3; weight = u < 0.985 ? 1 : (u < 0.995 ? 2 : 3)
                }
                cells[0] = .text(population.idText[a])
                cells[1] = .text(population.idText[b])
                cells[2] = .plain(text.dateTime(time))
                cells[3] = .plain(BenchmarkLog.typeLabels[type])
                cells[4] = .real(weight)
                try table.writeRow(cells)
                written += 1
                if written % step == 0 { progress(written) }
            }
        }
        try table.commit()
        return written
    }
}
