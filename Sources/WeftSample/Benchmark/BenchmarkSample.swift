/// Builds a benchmark sample (`s`, `m`, `l`): members, latent ties, then the interaction log
/// streamed month by month (and, for `s`, event attendance).
///
/// Memory stays bounded by the member and tie arrays (about 60 MB for `l`) plus one month of
/// timestamps; the ten million records of `l` are never held at once.
struct BenchmarkSample {
    let preset: BenchmarkPreset
    let seed: UInt64

    func write(to folder: String, progress: ((Double) -> Void)?) throws -> SampleSummary {
        let population = BenchmarkPopulation(preset: preset, seed: seed)
        let members = try population.writeMembers(to: folder + "/members.csv", seed: seed)
        progress?(0.04)
        var files = ["members.csv"]
        var attendance = 0
        if preset.withAttendance {
            attendance = try BenchmarkAttendance(population: population).write(to: folder + "/attendance.csv", seed: seed)
            files.append("attendance.csv")
        }
        let ties = BenchmarkTies(population: population, count: preset.ties, seed: seed)
        progress?(0.08)
        let total = Double(preset.records)
        let interactions = try BenchmarkLog(population: population, ties: ties, records: preset.records)
            .write(to: folder + "/interactions.csv", seed: seed) { written in
                progress?(0.08 + 0.92 * Double(written) / total)
            }
        files.append("interactions.csv")
        progress?(1)
        return SampleSummary(members: members, interactions: interactions, attendance: attendance,
                             surveyAnswers: 0, files: files)
    }
}
