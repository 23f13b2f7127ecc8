import ArgumentParser
import Foundation
import WeftGraph
import WeftIO
import WeftReport

/// Where the input files are and how to read them (shared by `validate` and `analyze`).
struct InputOptions: ParsableArguments {
    @Argument(help: "A folder holding members.csv, interactions.csv and/or attendance.csv.")
    var data: String?

    @Option(help: "The members file (id, name, email, attributes…).")
    var members: String?

    @Option(help: "The interactions file (source, target, timestamp, weight, type, directed); repeat for several files (e.g. the bundled records and `weft import`'s), whose rows are merged, each file counted apart.")
    var interactions: [String] = []

    @Option(help: "The attendance file (member, event, date, role, topic, event_type). Repeatable, as --interactions.")
    var attendance: [String] = []

    @Option(help: "ONA survey nominations in long form (respondent, alter, relation, value, wave), e.g. from `weft survey import`; repeat for several files (each with a wave column), which add up.")
    var survey: [String] = []

    @Option(help: "Who answered each survey wave (respondent, wave), including those who named nobody; default: members with any nomination in the wave. Repeatable, as --survey.")
    var respondents: [String] = []

    @Option(help: "What to do with records naming a member absent from the members file: add (and count) or reject.")
    var unknownMembers: UnknownMemberPolicy = .add

    @Flag(help: "Treat every interaction as an undirected tie (co-presence, co-authoring, networks published as undirected).")
    var undirected = false

    @Flag(help: "Fail (exit code 1) if any input row is rejected.")
    var strict = false

    @OptionGroup var reading: ReadingFlags

    @OptionGroup var names: NameMatchingFlags

    @Option(parsing: .unconditional, help: ArgumentHelp("Largest weight of an interaction or value of a survey nomination; larger ones are rejected (at most 1e15, so no sum can overflow).", valueName: "NUMBER"))
    var maxWeight = InputLimits.defaultMaxWeight

    @Option(parsing: .unconditional, help: ArgumentHelp("Longest field accepted, in bytes; a row with a longer field is rejected.", valueName: "BYTES"))
    var maxFieldLength = InputLimits.defaultMaxFieldBytes

    @Option(help: ArgumentHelp("Earliest date accepted in records (ISO 8601); earlier ones are rejected. Default: 1900-01-01.", valueName: "DATE"))
    var earliestDate: String?

    @Option(help: ArgumentHelp("Latest date accepted in records (ISO 8601, inclusive); later ones are rejected. Default: one year after today.", valueName: "DATE"))
    var latestDate: String?

    func validate() throws {
        if data == nil && members == nil && interactions.isEmpty && attendance.isEmpty && survey.isEmpty {
            throw ValidationError("name a data folder or at least one of --members, --interactions, --attendance, --survey")
        }
        _ = try limits()
    }

    /// The bounds on input values set by --max-weight, --max-field-length, --earliest-date and --latest-date.
    func limits() throws -> InputLimits {
        var limits = InputLimits()
        guard maxWeight > 0, maxWeight <= InputLimits.maxWeightCeiling else {
            throw ValidationError("--max-weight must be a positive number no larger than 1e15 (larger weights could overflow when summed)")
        }
        guard maxFieldLength >= 1 else { throw ValidationError("--max-field-length must be at least 1 byte") }
        limits.maxWeight = maxWeight
        limits.maxFieldBytes = maxFieldLength
        func date(_ text: String, _ flag: String) throws -> ISO8601.Value {
            guard case .success(let value) = ISO8601.parse(text) else { throw ValidationError("\(flag): '\(text)' is not an ISO 8601 date") }
            return value
        }
        if let earliestDate { limits.earliestDate = try date(earliestDate, "--earliest-date").seconds }
        if let latestDate {
            let value = try date(latestDate, "--latest-date")
            limits.latestDate = value.seconds + (value.isDateOnly ? Timestamp.secondsPerDay - 1 : 0)
        }
        guard limits.earliestDate <= limits.latestDate else { throw ValidationError("--earliest-date is after --latest-date") }
        return limits
    }

    /// The folder input paths are recorded relative to in the outputs: the data folder, else
    /// the folder of the first file named.
    var dataFolder: String {
        data ?? (([members].compactMap { $0 } + interactions + attendance + survey + respondents).first
            .map { URL(fileURLWithPath: $0).deletingLastPathComponent().path } ?? ".")
    }

    var paths: InputPaths {
        get throws {
            let named = InputPaths(members: members, surveys: survey, respondentsFiles: respondents,
                                   interactionsFiles: interactions, attendanceFiles: attendance)
            guard let data else { return named }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: data, isDirectory: &isFolder), isFolder.boolValue else {
                throw InputError(file: data, line: nil, column: nil, message: "not a folder")
            }
            let found = named.filling(from: data) { FileManager.default.fileExists(atPath: $0) }
            if found.members == nil && found.interactions == nil && found.attendance == nil && found.survey == nil {
                throw InputError(file: data, line: nil, column: nil,
                                 message: "no members.csv, interactions.csv or attendance.csv in this folder")
            }
            return found
        }
    }

    /// Reads the inputs. `defaultReview`: a review file of decisions read when --match-review
    /// names none and it exists (analyze's OUT/match-review.csv).
    func load(progress: Progress, defaultReview: String? = nil) throws -> Dataset {
        progress.stage("reading inputs")
        let review = defaultReview.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
        let dataset = try DatasetLoader(unknownMembers: unknownMembers, undirected: undirected, reading: try reading.options(), limits: limits(),
                                        nameMatching: names.options(defaultReview: review)).load(paths)
        progress.done()
        return dataset
    }

    /// Prints how member references that are not ids were matched (nothing with matching off).
    func printMatching(_ dataset: Dataset, say: (String) -> Void = { print($0) }) {
        guard let m = dataset.memberMatching else { return }
        let counted = [MatchMethod.email, .name, .fuzzy, .reviewed, .review, .ambiguous, .unmatched].compactMap { method in
            m.distinct[method].map { "\(method.rawValue) \($0)" }
        }
        guard !counted.isEmpty || !m.decisions.isEmpty else { return }
        say("members named by email or name in records (distinct texts): " + (counted.isEmpty ? "none" : counted.joined(separator: ", "))
            + (m.decisions.isEmpty ? "" : "; \(m.decisions.count) review decision(s) applied"))
        let waiting = m.waiting
        if !waiting.isEmpty {
            say("\(waiting.count) name(s) wait for a decision in match-review.csv; their \(m.rowsWaiting) row(s) are rejected until then:")
            for e in waiting.prefix(5) { say("  " + TerminalText.printable("\(e.firstSeen): '\(e.text)' (\(e.match.method.rawValue))")) }
        }
    }

    /// Under --strict, any reject is a failure (exit 1); and whatever the mode, a file of which
    /// every row was rejected is one (the run would otherwise stand on nothing).
    func failIfAFileWasLost(_ dataset: Dataset) throws {
        for f in dataset.files where f.rowsRead > 0 && f.accepted == 0 {
            let why = dataset.commonestRejectReason(file: f.path).map { "; most often: \($0.reason) (\($0.count) row(s))" } ?? ""
            throw CommandFailure(message: "error: \(f.path): all \(f.rowsRead) row(s) rejected" + why, exitCode: 1)
        }
    }

    /// Prints data warnings (an assumed encoding, a partial last period, …) at the end of a
    /// command's output, where they are seen last (through `say`: standard output unless the
    /// command writes data there).
    func printWarnings(_ warnings: [DataWarning], say: (String) -> Void = { print($0) }) {
        guard !warnings.isEmpty else { return }
        say("")
        for w in warnings { say("\(w.severity == .warning ? "warning" : "note"): \(w.message)") }
    }

    /// The input files, which no output may overwrite.
    func inputFiles() throws -> InputFiles {
        let found = try paths
        return InputFiles([found.members].compactMap { $0 } + found.interactionsFiles + found.attendanceFiles + found.surveys + found.respondentsFiles)
    }

    /// Under --strict, any reject is a failure (exit 1). `rejectsFile` is where the run listed
    /// them (nil when it wrote no rejects table).
    func enforceStrict(_ dataset: Dataset, rejectsFile: String?) throws {
        if strict && dataset.rowsRejected > 0 {
            let listed = rejectsFile.map { $0 == "-" ? "they are listed on standard output" : "see \($0)" }
                ?? "run weft validate to list them"
            throw CommandFailure(message: "error: \(dataset.rowsRejected) row(s) rejected (--strict); \(listed)", exitCode: 1)
        }
    }
}

extension UnknownMemberPolicy: ExpressibleByArgument {}
extension Symmetrisation: ExpressibleByArgument {}

/// The time window to analyse. Both bounds are inclusive: `--to 2024-12-31` includes that day.
struct WindowOptions: ParsableArguments {
    @Option(help: "Start of the window (ISO 8601 date or date-time, inclusive).")
    var from: String?

    @Option(help: "End of the window (ISO 8601 date or date-time, inclusive; a date includes the whole day).")
    var to: String?

    func window() throws -> TimeWindow {
        func parse(_ text: String, flag: String) throws -> ISO8601.Value {
            switch ISO8601.parse(text) {
            case .success(let v): return v
            case .failure(let problem): throw ValidationError("\(flag) \(text): \(problem)")
            }
        }
        let start = try from.map { try parse($0, flag: "--from").seconds }
        let end = try to.map { text -> Int64 in
            let v = try parse(text, flag: "--to")
            return v.seconds + (v.isDateOnly ? Timestamp.secondsPerDay : 1)
        }
        if let start, let end, end <= start { throw ValidationError("--to is before --from") }
        return TimeWindow(start: start, end: end)
    }

    /// Refuses `--from`/`--to` on a survey layer: they select records by date, while a survey
    /// layer is chosen by its wave, so they would change only `active` and the segments.
    func check(network: NetworkKind) throws {
        guard network == .survey, from != nil || to != nil else { return }
        throw ValidationError("--from/--to select interactions and attendance by date; a survey layer is chosen by its wave "
            + "(--network survey:RELATION@WAVE), so they do not apply to it: leave them out, or measure the interactions network for a window")
    }
}
