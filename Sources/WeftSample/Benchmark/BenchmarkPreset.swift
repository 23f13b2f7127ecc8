/// The dimensions of the benchmark samples.
///
/// | size | members | records | communities | latent ties | attendance |
/// |------|---------|---------|-------------|-------------|------------|
/// | s    | 2,000   | 20,000  | 24 (= countries) | 4,000  | yes        |
/// | m    | 50,000  | 1,000,000 | 250       | 200,000     | no         |
/// | l    | 500,000 | 10,000,000 | 2,500    | 2,000,000   | no         |
///
/// Latent ties are drawn once and then carry the records, five per tie on average (heavy-tailed),
/// so aggregating the log into ties gives far fewer ties than records, as in a real log.
struct BenchmarkPreset: Sendable {
    var members: Int
    var records: Int
    var communities: Int
    var ties: Int
    var withAttendance: Bool
    /// Digits in member ids (`m000001`).
    var idWidth = 6

    init(_ size: SampleSize) {
        switch size {
        case .cln, .s:
            self.init(members: 2_000, records: 20_000, communities: 24, ties: 4_000, withAttendance: true)
        case .m:
            self.init(members: 50_000, records: 1_000_000, communities: 250, ties: 200_000, withAttendance: false)
        case .l:
            self.init(members: 500_000, records: 10_000_000, communities: 2_500, ties: 2_000_000, withAttendance: false)
        }
    }

    init(members: Int, records: Int, communities: Int, ties: Int, withAttendance: Bool) {
        self.members = members
        self.records = records
        self.communities = communities
        self.ties = ties
        self.withAttendance = withAttendance
        idWidth = max(6, String(members).count)
    }
}
