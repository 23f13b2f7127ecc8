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
    /// How deep each stage of `stages` ran inside others (0: a top-level stage), and its own name.
    private var depths: [Int] = [], names: [String] = []
    /// For each stage running now, outermost first: its highest peak before the stages that ran
    /// inside it reset the high-water mark, and theirs.
    private var inner: [Int] = []

    public init(enabled: Bool) { self.enabled = enabled }

    /// Runs `body` as the stage `name`, recording its time and peak memory when enabled. A stage
    /// may run stages of its own (`segments` runs one per snapshot): they are listed after it,
    /// named `OUTER: name`, their time is part of its time and their peaks count in its peak.
    public func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        // The enclosing stage's peak so far, before this stage resets the high-water mark.
        if !inner.isEmpty, let before = Self.peakResidentBytes() { inner[inner.count - 1] = max(inner[inner.count - 1], before) }
        if !Self.resetPeak() { peakScope = "process" }
        let index = stages.count
        let outer = inner.isEmpty ? nil : stages[depths.lastIndex(of: inner.count - 1)!].stage
        stages.append(Stage(stage: outer.map { "\($0): \(name)" } ?? name, seconds: 0, peakResidentBytes: nil))
        depths.append(inner.count)
        names.append(name)
        inner.append(0)
        let clock = ContinuousClock()
        let start = clock.now
        defer {
            let elapsed = clock.now - start
            stages[index].seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            let innerPeak = inner.removeLast()
            let peak = Self.peakResidentBytes().map { max($0, innerPeak) }
            stages[index].peakResidentBytes = peak
            if let peak, !inner.isEmpty { inner[inner.count - 1] = max(inner[inner.count - 1], peak) }
        }
        return try body()
    }

    /// The stages so far; nil when disabled.
    public var record: Record? { enabled ? Record(peakScope: peakScope, stages: stages) : nil }

    /// The table `--timings` prints: stage, seconds, peak MiB (a stage run inside another
    /// indented under it); then the total time of the top-level stages.
    public var table: String {
        let names = stages.indices.map { String(repeating: "  ", count: depths[$0]) + self.names[$0] }
        let width = max(5, names.map(\.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        var lines = [pad("stage", width) + "  seconds  peak MiB"]
        for (s, name) in zip(stages, names) {
            let seconds = String(format: "%7.3f", s.seconds)
            let peak = s.peakResidentBytes.map { String(format: "%8.1f", Double($0) / 1_048_576) } ?? "       -"
            lines.append(pad(name, width) + "  " + seconds + "  " + peak)
        }
        let total = zip(stages, depths).filter { $0.1 == 0 }.reduce(0) { $0 + $1.0.seconds }
        lines.append(pad("total", width) + "  " + String(format: "%7.3f", total))
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
