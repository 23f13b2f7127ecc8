import WeftGraph
import WeftIO

/// Event attendance for the `s` benchmark: 432 events over 2022–2024.
///
/// Three webinars a month (30–200 attendees), two workshops a month (15–60), a country exchange a
/// month (5–20 people from two or three communities) and six pairings a month (two people). The
/// participants of an event are drawn without replacement by member weight (the same power-law
/// weight that drives the interaction log), so active members attend often; the first drawn hosts,
/// the next one to three facilitate, the next two to four present (none for pairings). Topics are
/// uniform over the eight topics.
struct BenchmarkAttendance {
    let population: BenchmarkPopulation

    func write(to path: String, seed: UInt64) throws -> Int {
        var random = SeededGenerator(seed: seed, stream: .benchmarkAttendance)
        let table = population.weights
        let n = population.preset.members
        var events: [(day: Int64, type: EventType)] = []
        for year in 2022...2024 {
            for month in 1...12 {
                let first = Day.of(year, month, 1)
                let length = Timestamp.daysInMonth(year: year, month: month)
                func someDay() -> Int64 { Day.nextWorkday(first + Int64(random.int(below: length - 2))) }
                for _ in 0..<3 { events.append((someDay(), .webinar)) }
                for _ in 0..<2 { events.append((someDay(), .workshop)) }
                events.append((someDay(), .countryExchange))
                for _ in 0..<6 { events.append((someDay(), .pairing)) }
            }
        }
        let order = events.indices.sorted {
            events[$0].day != events[$1].day ? events[$0].day < events[$1].day : $0 < $1
        }

        let writer = try CSVTableWriter(path: path, header: CLNSample.attendanceHeader)
        let text = TimestampText(firstDay: Day.of(2022, 1, 1), lastDay: Day.of(2024, 12, 31))
        var taken = [Bool](repeating: false, count: n)
        var rows = 0
        for (rank, index) in order.enumerated() {
            let event = events[index]
            let size: Int
            var ranges: [Range<Int>] = [0..<n]
            switch event.type {
            case .webinar: size = random.int(in: 30...200)
            case .workshop: size = random.int(in: 15...60)
            case .pairing: size = 2
            case .countryExchange:
                size = random.int(in: 5...20)
                let communities = population.preset.communities
                let chosen = random.weightedSample([Double](repeating: 1, count: communities), count: random.int(in: 2...3))
                ranges = chosen.map { population.range(ofCommunity: $0) }
            }
            let capacity = ranges.reduce(0) { $0 + $1.count }
            var drawn: [Int] = []
            var attempts = 0
            while drawn.count < min(size, capacity) && attempts < size * 50 {
                attempts += 1
                let range = ranges[random.int(below: ranges.count)]
                let i = table.index(in: range, unit: random.nextUnit())
                if !taken[i] {
                    taken[i] = true
                    drawn.append(i)
                }
            }
            for i in drawn { taken[i] = false }

            var roles = [AttendanceRole](repeating: .attendee, count: drawn.count)
            if event.type != .pairing, !drawn.isEmpty {
                roles[0] = .host
                var next = 1
                for _ in 0..<random.int(in: 1...3) where next < roles.count { roles[next] = .facilitator; next += 1 }
                for _ in 0..<random.int(in: 2...4) where next < roles.count { roles[next] = .presenter; next += 1 }
            }
            let topic = sampleTopics[random.int(below: sampleTopics.count)]
            let id = SampleID.make("e", rank + 1, width: 4)
            let date = text.date(day: event.day)
            let participants = zip(drawn, roles).sorted { population.idText[$0.0] < population.idText[$1.0] }
            for (member, role) in participants {
                try writer.writeRow([
                    .text(population.idText[member]), .text(id), .plain(date), .plain(role.label),
                    .plain(topic), .plain(event.type.label),
                ])
                rows += 1
            }
        }
        try writer.commit()
        return rows
    }
}
