/// WeftSample: deterministic synthetic data for Weft.
///
/// Two kinds of sample come out of one seed:
///
/// * `cln` — a realistic collaborative learning network of 300 members over three years
///   (2022–2024): members with latent engagement profiles (crew, deep divers, passengers,
///   drifters), an event calendar with attendance and roles, an interaction log driven by shared
///   events, and a two-wave ONA survey. See `CLNSample` and `docs/sample-data.md`.
/// * `s`, `m`, `l` — large benchmark logs (2 thousand to 500 thousand members, 20 thousand to
///   10 million interaction records) with heavy-tailed degrees, community structure and a stable
///   set of ties carrying repeated records, streamed to disk. See `BenchmarkSample`.
///
/// Everything is drawn from `WeftGraph.SeededGenerator`; the same size and seed give byte-identical
/// files on the same platform.

/// Which sample to generate.
public enum SampleSize: String, CaseIterable, Sendable {
    /// The realistic ~300-member collaborative learning network with attendance and a survey.
    case cln
    /// 2,000 members, 20,000 interaction records, plus attendance.
    case s
    /// 50,000 members, 1,000,000 interaction records.
    case m
    /// 500,000 members, 10,000,000 interaction records.
    case l
}

/// What a call to `SampleGenerator.write(to:progress:)` produced.
public struct SampleSummary: Sendable {
    /// Rows in `members.csv`.
    public var members: Int
    /// Rows in `interactions.csv`.
    public var interactions: Int
    /// Rows in `attendance.csv` (0 when the size has no attendance file).
    public var attendance: Int
    /// Rows in `survey.csv` (0 when the size has no survey).
    public var surveyAnswers: Int
    /// The names of the files written, relative to the target directory, in the order written.
    public var files: [String]

    public init(members: Int, interactions: Int, attendance: Int, surveyAnswers: Int, files: [String]) {
        self.members = members
        self.interactions = interactions
        self.attendance = attendance
        self.surveyAnswers = surveyAnswers
        self.files = files
    }
}

/// Generates a sample of a given size from a seed.
public struct SampleGenerator: Sendable {
    public let size: SampleSize
    public let seed: UInt64

    public init(size: SampleSize, seed: UInt64) {
        self.size = size
        self.seed = seed
    }

    /// Writes the files into `directory` (which exists). Byte-identical for the same size and seed.
    ///
    /// Each file is written atomically (a temporary file renamed into place), so an interrupted
    /// run never leaves a half-written file under its final name. `progress`, when given, is called
    /// with a fraction in 0…1 as the work advances (about a thousand times for the large sizes),
    /// always on the calling thread.
    public func write(to directory: String, progress: ((Double) -> Void)? = nil) throws -> SampleSummary {
        let folder = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        switch size {
        case .cln:
            return try CLNSample(seed: seed).write(to: folder, progress: progress)
        case .s, .m, .l:
            return try BenchmarkSample(preset: BenchmarkPreset(size), seed: seed).write(to: folder, progress: progress)
        }
    }

    /// The generator's ground truth for the `cln` sample: each member id with the latent
    /// engagement profile it was generated from (`crew`, `deep diver`, `passenger`, `drifter`,
    /// `inactive`), in id order. Useful to check how well a segmentation recovers the truth.
    /// Empty for the benchmark sizes, which have no profiles.
    public func latentProfiles() -> [(member: String, profile: String)] {
        guard size == .cln else { return [] }
        return CLNPopulation(seed: seed).members.map { ($0.id, $0.profile.label) }
    }
}
