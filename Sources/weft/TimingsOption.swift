import ArgumentParser
import WeftReport

/// `--timings` (analyze, metrics, segments, timeline, ties): the wall time and peak memory of
/// each stage of the run, measured by one `StageClock`.
struct TimingsOption: ParsableArguments {
    @Flag(name: .long, help: "Print the wall time and peak memory of each stage (read, build, each measure family, structure, time, segments and each of its snapshots, layout, each writer); weft analyze prints them with its summary and records them in report.json's measures.timings, the other commands print them on standard error.")
    var timings = false

    /// The run's clock: it records nothing without --timings.
    func clock() -> StageClock { StageClock(enabled: timings) }

    /// Prints the clock's table on standard error (standard output may carry a CSV table).
    func report(_ clock: StageClock) {
        if timings { printError(clock.table) }
    }
}
