import Foundation

/// The wall time and peak memory of each stage of a run, for `--timings` (printed, and recorded in
/// report.json's `measures.timings`).
///
/// A stage's time is the wall time of its closure (`ContinuousClock`), whatever threads it uses.
/// Its peak memory is the highest resident set size (Linux `VmHWM`) during the stage: the kernel's
/// high-water mark is reset to the current size before the stage by writing `5` to
/// `/proc/self/clear_refs` (Linux 4.0 and later). Where that reset is refused, the figure is the
/// process's peak so far, and `peakScope` says so. A disabled clock runs the closures and records
/// nothing, so the outputs of a run without `--timings` do not change.
public final class StageClock {
    public struct Stage: Codable, Sendable, Equatable {
        public var stage: String
        public var seconds: Double
        /// Highest resident set size during the stage, in bytes; nil where /proc is unavailable.
        public var peakResidentBytes: Int?
    }

    /// `measures.timings` as report.json records it.
    public struct Record: Codable, Sendable, Equatable {
        /// `stage` (the high-water mark reset before each stage) or `process` (the process's peak so far).
        public var peakScope: String
        public var stages: [Stage]
    }

    public let enabled: Bool
    public private(set) var stages: [Stage] = []
    private var peakScope = "stage"

    public init(enabled: Bool) { self.enabled = enabled }

    /// Runs `body` as the stage `name`, recording its time and peak memory when enabled.
    public func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        if !Self.resetPeak() { peakScope = "process" }
        let clock = ContinuousClock()
        let start = clock.now
        let value = try body()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        stages.append(Stage(stage: name, seconds: seconds, peakResidentBytes: Self.peakResidentBytes()))
        return value
    }

    /// The stages so far; nil when disabled.
    public var record: Record? { enabled ? Record(peakScope: peakScope, stages: stages) : nil }

    /// The table `--timings` prints: stage, seconds, peak MiB; then the total time.
    public var table: String {
        let width = max(5, stages.map(\.stage.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        var lines = [pad("stage", width) + "  seconds  peak MiB"]
        for s in stages {
            let seconds = String(format: "%7.3f", s.seconds)
            let peak = s.peakResidentBytes.map { String(format: "%8.1f", Double($0) / 1_048_576) } ?? "       -"
            lines.append(pad(s.stage, width) + "  " + seconds + "  " + peak)
        }
        lines.append(pad("total", width) + "  " + String(format: "%7.3f", stages.reduce(0) { $0 + $1.seconds }))
        if peakScope == "process" { lines.append("(peak memory: the process's peak so far; this system refused to reset it per stage)") }
        return lines.joined(separator: "\n")
    }

    /// Resets the kernel's resident-set high-water mark; false when refused or unavailable.
    static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do { try handle.write(contentsOf: Data("5".utf8)); return true } catch { return false }
    }

    /// `VmHWM` of /proc/self/status in bytes; nil where unavailable.
    static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kB = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "") else { return nil }
        return kB * 1024
    }
}
