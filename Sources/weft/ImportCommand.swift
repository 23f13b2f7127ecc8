import ArgumentParser
import Foundation
import WeftImport
import WeftIO
import WeftReport

extension ImportFormat: ExpressibleByArgument {}

/// `weft import FORMAT INPUT… --out DIR`: platform exports → DIR/attendance.csv (member, event,
/// date, role, topic, minutes) in Weft's canonical columns, DIR/members.csv (when members were
/// created), DIR/match-report.csv, DIR/match-review.csv and DIR/rejects.csv.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert platform exports (Zoom participants reports, Teams attendance reports) to Weft's attendance.csv.",
        discussion: """
        A person's joins to one meeting are summed into one attendance; below --min-minutes it is dropped. People \
        resolve against --members by email, then by name as `weft survey import` matches names (match-report.csv, \
        match-review.csv: fill the decision column and run again). Without --members, members.csv is created from \
        the people seen. Names, emails and message content are never written except in the match files.
        """
    )

    @Argument(help: "The export's platform: zoom or teams.")
    var format: ImportFormat

    @Argument(help: "One or more exports of that platform (merged).")
    var inputs: [String]

    @Option(help: "The roster (members.csv: id, name, email, …) that people are matched against. Without it, members.csv is created from the people seen.")
    var members: String?

    @Option(help: "Output folder (created if missing).")
    var out: String

    @Option(help: "Drop a person's attendance of a meeting when their summed time is below this many minutes.")
    var minMinutes = 10.0

    @Flag(help: "Keep people not in the roster as members with guest = 1 (default: left out and counted).")
    var keepUnmatched = false

    @Option(help: "Comma-separated member ids or emails to leave out (hosts, organisers).")
    var exclude: String?

    @Option(help: "The event key for exports that carry no meeting id or title (default: the file's name).")
    var event: String?

    @Option(help: "Jaro–Winkler similarity at or above which a name is matched automatically.")
    var autoMatch = 0.93

    @Option(help: "Jaro–Winkler similarity at or above which (and below --auto-match) a name goes to the review file.")
    var reviewThreshold = 0.85

    @Option(help: "A review file with decisions to apply (default: OUT/match-review.csv when it exists).")
    var review: String?

    @Flag(help: "Write keyed pseudonyms instead of member ids, and no names or emails, in attendance.csv and members.csv (needs --pseudonym-key-file).")
    var pseudonymise = false

    @Option(help: ArgumentHelp("The secret key file of --pseudonymise: the pseudonyms are those `weft analyze --pseudonymise` writes with the same key.", valueName: "FILE"))
    var pseudonymKeyFile: String?

    @Flag(help: "Fail (exit code 1) if any row is rejected or any person is left unresolved.")
    var strict = false

    func validate() throws {
        guard autoMatch > 0, autoMatch <= 1, reviewThreshold > 0, reviewThreshold <= autoMatch else {
            throw ValidationError("need 0 < --review-threshold ≤ --auto-match ≤ 1")
        }
        guard minMinutes >= 0, minMinutes.isFinite else { throw ValidationError("--min-minutes must be a number ≥ 0") }
        if keepUnmatched && members == nil { throw ValidationError("--keep-unmatched applies with --members") }
        if pseudonymise {
            guard let path = pseudonymKeyFile else {
                throw ValidationError("--pseudonymise at import needs --pseudonym-key-file (so that imports and analyses agree)")
            }
            guard let key = MeasureOptions.pseudonymKey(path), key.count >= MeasureOptions.minimumKeyBytes else {
                throw ValidationError("--pseudonym-key-file: cannot read \(path), or it holds fewer than \(MeasureOptions.minimumKeyBytes) bytes (as analyze requires)")
            }
        } else if pseudonymKeyFile != nil {
            throw ValidationError("--pseudonym-key-file applies with --pseudonymise")
        }
    }

    func run() throws {
        do {
            try convert()
        } catch let e as ImportError {
            throw CommandFailure(message: "error: \(e.message)", exitCode: 1)
        } catch let e as SurveyError {
            throw CommandFailure(message: "error: \(e.description)", exitCode: 1)
        }
    }

    private func convert() throws {
        var roster: MemberTable?
        if let members {
            let loaded = try DatasetLoader().load(InputPaths(members: members))
            if loaded.rowsRejected > 0 {
                throw CommandFailure(message: "error: \(loaded.rowsRejected) row(s) of the roster \(members) rejected; first: \(loaded.rejects[0].message)", exitCode: 1)
            }
            roster = loaded.members
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let reviewPath = out + "/match-review.csv"
        let decisionsPath = review ?? (FileManager.default.fileExists(atPath: reviewPath) ? reviewPath : nil)
        let decisions = try roster.flatMap { table in try decisionsPath.map { try ReviewFile.read(path: $0, members: table) } } ?? []
        var settings = AttendanceImportSettings(format: format)
        settings.minMinutes = minMinutes
        settings.keepUnmatched = keepUnmatched
        settings.exclude = exclude.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
        settings.thresholds = MatchThresholds(auto: autoMatch, review: reviewThreshold)
        settings.pseudonymKey = pseudonymise ? pseudonymKeyFile.flatMap(MeasureOptions.pseudonymKey) : nil
        settings.event = event
        let outcome = try AttendanceImport(settings: settings).run(inputs: inputs, roster: roster, decisions: decisions)

        var written = ["attendance.csv", "rejects.csv"]
        try ReportWriters.writeRejects(outcome.rejects, to: out + "/rejects.csv", pseudonymise: pseudonymise)
        try ImportWriter.writeAttendance(outcome.rows, to: out + "/attendance.csv")
        if roster == nil || !outcome.newMembers.isEmpty {
            try ImportWriter.writeMembers(outcome.newMembers, roster: roster, pseudonymKey: settings.pseudonymKey, to: out + "/members.csv")
            written.append("members.csv")
        }
        if let roster {
            try SurveyImportWriter.writeMatchReport(outcome.matches, members: roster, to: out + "/match-report.csv")
            try SurveyImportWriter.writeReview(outcome.matches, decisions: decisions, members: roster, to: reviewPath)
            written += ["match-report.csv", "match-review.csv"]
        }
        report(outcome, decisionsPath: roster == nil ? nil : decisionsPath, decisions: decisions.count, written: written)
        let rejected = outcome.accounts.reduce(0) { $0 + $1.rejected }
        let pending = outcome.matches.filter { [.review, .ambiguous, .unmatched].contains($0.match.method) }.count
        if strict && (rejected > 0 || pending > 0) {
            throw CommandFailure(message: "error: \(rejected) row(s) rejected, \(pending) name(s) unresolved (--strict)", exitCode: 1)
        }
    }

    private func report(_ o: AttendanceImport.Outcome, decisionsPath: String?, decisions: Int, written: [String]) {
        for a in o.accounts {
            print("\(format.rawValue) \(a.path): " + a.layout.joined(separator: "; "))
            var line = "rows read \(a.rowsRead) = accepted \(a.accepted) + rejected \(a.rejected)"
            let skipped = a.skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            if !skipped.isEmpty { line += " (accepted rows skipped by rule: " + skipped.joined(separator: ", ") + ")" }
            print(line)
        }
        if let path = decisionsPath { print("applied \(decisions) review decision(s) from \(path)") }
        if members != nil {
            var counts: [MatchMethod: Int] = [:]
            for e in o.matches { counts[e.match.method, default: 0] += 1 }
            let listed = MatchMethod.allCases.compactMap { m in counts[m].map { "\(m.rawValue) \($0)" } }
            print("people matched by email \(o.matchedByEmail); names not matched exactly: \(o.matches.count)" + (listed.isEmpty ? "" : " (" + listed.joined(separator: ", ") + ")"))
        }
        print("presences \(o.presences) (joins summed \(o.joinsSummed)): attendances written \(o.rows.count), merged to one member \(o.mergedSameMember), below \(CSVTableWriter.formatReal(minMinutes)) minutes \(o.belowMinimum), excluded \(o.excluded), "
              + (members == nil ? "members created \(o.newMembers.count)" : keepUnmatched ? "kept as guests \(o.guests) people" : "not in the roster (left out) \(o.unmatchedLeftOut)"))
        for r in o.rejects.prefix(10) { print("  " + r.message) }
        print("wrote " + written.map { out + "/" + $0 }.joined(separator: ", "))
    }
}
