import ArgumentParser
import Foundation
import WeftGraph
import WeftImport
import WeftIO
import WeftReport

extension ImportFormat: ExpressibleByArgument {}
extension EmailWeight: ExpressibleByArgument {}

/// `weft import FORMAT INPUT… --out DIR`: platform exports → DIR/attendance.csv (member, event,
/// date, role, topic, minutes; zoom, teams, meet, ics) or DIR/interactions.csv (source, target,
/// timestamp, weight, type; whatsapp, email, slack) in Weft's canonical columns, DIR/members.csv (when
/// members were created), DIR/match-report.csv, DIR/match-review.csv and DIR/rejects.csv, all
/// staged and published together through the `OutputFolder`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert platform exports (Zoom, Teams and Meet attendance reports; calendars; WhatsApp chats; Slack workspaces; mailboxes) to Weft's attendance.csv or interactions.csv.",
        discussion: """
        Attendance (zoom, teams, meet, ics): a person's joins to one meeting are summed into one attendance; below \
        --min-minutes it is dropped; ics: the organiser and accepted attendees of each occurrence. Interactions \
        (whatsapp: @-mentions, else a reply to the previous sender within --reply-window; email: sender to each To/Cc \
        recipient, --email-weight; slack: thread replies, mentions, reactions at --reaction-weight). Every input's \
        rows read = accepted + rejected; accepted rows skipped by a stated rule are counted by reason. People resolve against --members by \
        email, then phone (a phone column), then by name as `weft survey import` matches names (match-report.csv, \
        match-review.csv: fill the decision column and run again). Without --members, members.csv is created from \
        the people seen. Names, emails and phone numbers are never written except in the match files and members.csv; \
        message text, subjects and bodies never.
        """
    )

    @Argument(help: "The export's platform: zoom, teams, meet, ics (attendance); whatsapp, email, slack (interactions).")
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

    @Option(help: "Comma-separated member ids, emails or phone numbers to leave out (hosts, organisers).")
    var exclude: String?

    @Option(help: "The event key for exports that carry no meeting id or title (default: the file's name).")
    var event: String?

    @Option(help: "whatsapp: a message with no @-mention answers the previous message when that came within this many minutes from someone else.")
    var replyWindow = 30.0

    @Option(help: "email: weight of each record: split (1 / number of recipients) or full (1).")
    var emailWeight = EmailWeight.split

    @Option(help: "slack: the weight of a reaction record (replies and mentions weigh 1).")
    var reactionWeight = 0.25

    @OptionGroup(title: "Dates (ics, slack)") var window: WindowOptions

    @Option(help: ArgumentHelp("The layout of the export's dates (e.g. DD/MM/YYYY, HH:mm), as in analyze; default: detected from the values.", valueName: "PATTERN"))
    var dateFormat: String?

    @Option(help: ArgumentHelp("email: the day given to the records of an Outlook CSV export, which carries no dates.", valueName: "YYYY-MM-DD"))
    var date: String?

    @OptionGroup var similarity: MatchThresholdFlags

    @OptionGroup var review: MatchReviewFlag

    @Flag(help: "Write keyed pseudonyms instead of member ids, and no names or emails, in attendance.csv and members.csv (needs --pseudonym-key-file).")
    var pseudonymise = false

    @Option(help: ArgumentHelp("The secret key file of --pseudonymise: the pseudonyms are those `weft analyze --pseudonymise` writes with the same key.", valueName: "FILE"))
    var pseudonymKeyFile: String?

    @Flag(help: "Fail (exit code 1) if any row is rejected or any person is left unresolved.")
    var strict = false

    func validate() throws {
        guard minMinutes >= 0, minMinutes.isFinite else { throw ValidationError("--min-minutes must be a number ≥ 0") }
        if keepUnmatched && members == nil { throw ValidationError("--keep-unmatched applies with --members") }
        guard replyWindow >= 0, replyWindow.isFinite else { throw ValidationError("--reply-window must be a number of minutes ≥ 0") }
        guard reactionWeight >= 0, reactionWeight.isFinite else { throw ValidationError("--reaction-weight must be a number ≥ 0") }
        if (window.from != nil || window.to != nil) && ![.ics, .slack].contains(format) {
            throw ValidationError("--from and --to apply to ics and slack")
        }
        _ = try window.window()
        _ = try MeasureOptions.uniqueList(exclude ?? "", option: "--exclude") { $0.lowercased() }
        if let dateFormat { do { _ = try DateFormat(dateFormat) } catch { throw ValidationError(error.description) } }
        if let date, !(date.count == 10 && ISO8601.parse(date).map(\.isDateOnly) == .success(true)) {
            throw ValidationError("--date must be a day as YYYY-MM-DD")
        }
        if pseudonymise && pseudonymKeyFile == nil {
            throw ValidationError("--pseudonymise at import needs --pseudonym-key-file (so that imports and analyses agree)")
        }
        try MeasureOptions.checkPseudonymKey(pseudonymKeyFile, pseudonymise: pseudonymise)
    }

    func run() throws {
        do {
            try convert()
        } catch let e as ImportError {
            throw CommandFailure(message: "error: \(e.message)", exitCode: 1)
        } catch let e as SurveyError {
            throw CommandFailure(message: "error: \(e.description)", exitCode: 1)
        } catch let e as InputError {
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
        let decisionsPath = review.file(orExistingIn: out)
        let decisions = try roster.flatMap { table in try decisionsPath.map { try ReviewFile.read(path: $0, members: table) } } ?? []
        let records = format.output == .attendance ? "attendance.csv" : "interactions.csv"
        // match-review.csv is read back on purpose (the decisions filled in); the inputs are protected.
        let folder = try OutputFolder(out, names: [records, "rejects.csv", "members.csv", "match-report.csv", "match-review.csv"],
                                      inputs: InputFiles(inputs + [members].compactMap { $0 }))
        let key = pseudonymise ? pseudonymKeyFile.flatMap(MeasureOptions.pseudonymKey) : nil
        var common = ImportSettings(format: format)
        common.keepUnmatched = keepUnmatched
        common.exclude = try MeasureOptions.uniqueList(exclude ?? "", option: "--exclude") { $0.lowercased() }
        common.thresholds = similarity.thresholds
        common.pseudonymKey = key
        common.dateFormat = try dateFormat.map { try DateFormat($0) }
        let span = try window.window()
        common.from = span.start.map { Timestamp.floorDiv($0, Timestamp.secondsPerDay) }
        common.to = span.end.map { Timestamp.floorDiv($0 - 1, Timestamp.secondsPerDay) }
        let people: ResolvedPeople
        var rejects: [Reject], accounts: [InputAccount], summary: [String]
        switch format.output {
        case .attendance:
            var settings = AttendanceImportSettings(format: format)
            settings.common = common
            settings.minMinutes = minMinutes
            settings.event = event
            let o = try AttendanceImport(settings: settings).run(inputs: inputs, roster: roster, decisions: decisions)
            try folder.write(records) { try ImportWriter.writeAttendance(o.rows, to: $0) }
            (people, rejects, accounts) = (o.people, o.rejects, o.accounts)
            summary = ["presences \(o.presences) (joins summed \(o.joinsSummed)): attendances written \(o.rows.count), merged to one member \(o.mergedSameMember), below \(CSVTableWriter.formatReal(minMinutes)) minutes \(o.belowMinimum), excluded \(o.excluded), "
                       + (members == nil ? "members created \(people.newMembers.count)" : keepUnmatched ? "kept as guests \(people.guests) people" : "not in the roster (left out) \(o.unmatchedLeftOut)")]
        case .interactions:
            var settings = InteractionImportSettings(format: format)
            settings.common = common
            settings.replyWindowMinutes = replyWindow
            settings.reactionWeight = reactionWeight
            settings.emailWeight = emailWeight
            settings.defaultDate = date.flatMap { try? ISO8601.parse($0).get().seconds }
            let o = try InteractionImport(settings: settings).run(inputs: inputs, roster: roster, decisions: decisions)
            try folder.write(records) { try ImportWriter.writeInteractions(o.rows, to: $0) }
            (people, rejects, accounts) = (o.people, o.rejects, o.accounts)
            let rules = o.byRule.sorted { $0.key < $1.key }.map { "\($0.value) by \($0.key)" }
            let dropped = o.dropped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            summary = ["records made \(o.byRule.values.reduce(0, +))" + (rules.isEmpty ? "" : " (" + rules.joined(separator: ", ") + ")")
                       + ": written \(o.rows.count), a side not resolved \(o.unresolved), excluded \(o.excluded), one member on both sides \(o.selfLoops); people seen \(people.seen)"
                       + (members == nil ? ", members created \(people.newMembers.count)" : keepUnmatched ? ", kept as guests \(people.guests)" : "")]
            if !dropped.isEmpty { summary.append("not made by rule: " + dropped.joined(separator: ", ")) }
        }
        var written = [records, "rejects.csv"]
        try folder.write("rejects.csv") { try ReportWriters.writeRejects(rejects, to: $0, pseudonymise: pseudonymise) }
        if roster == nil || !people.newMembers.isEmpty {
            try folder.write("members.csv") { try ImportWriter.writeMembers(people.newMembers, roster: roster, pseudonymKey: key, to: $0) }
            written.append("members.csv")
        }
        if let roster {
            try folder.write("match-report.csv") { try SurveyImportWriter.writeMatchReport(people.matches, members: roster, to: $0) }
            try folder.write("match-review.csv") { try SurveyImportWriter.writeReview(people.matches, decisions: decisions, members: roster, to: $0) }
            written += ["match-report.csv", "match-review.csv"]
        }
        try folder.publish()
        report(accounts: accounts, rejects: rejects, people: people, summary: summary,
               decisionsPath: roster == nil ? nil : decisionsPath, decisions: decisions.count, written: written)
        let rejected = accounts.reduce(0) { $0 + $1.rejected }
        let pending = people.matches.filter { [.review, .ambiguous, .unmatched].contains($0.match.method) }.count
        if strict && (rejected > 0 || pending > 0) {
            throw CommandFailure(message: "error: \(rejected) row(s) rejected, \(pending) name(s) unresolved (--strict)", exitCode: 1)
        }
    }

    private func report(accounts: [InputAccount], rejects: [Reject], people: ResolvedPeople, summary: [String],
                        decisionsPath: String?, decisions: Int, written: [String]) {
        for a in accounts {
            print("\(format.rawValue) \(a.path): " + a.layout.joined(separator: "; "))
            var line = "rows read \(a.rowsRead) = accepted \(a.accepted) + rejected \(a.rejected)"
            let skipped = a.skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            if !skipped.isEmpty { line += " (accepted rows skipped by rule: " + skipped.joined(separator: ", ") + ")" }
            print(line)
        }
        if let path = decisionsPath { print("applied \(decisions) review decision(s) from \(path)") }
        if members != nil {
            var counts: [MatchMethod: Int] = [:]
            for e in people.matches { counts[e.match.method, default: 0] += 1 }
            let listed = MatchMethod.allCases.compactMap { m in counts[m].map { "\(m.rawValue) \($0)" } }
            print("people matched by email \(people.matchedByEmail), by phone \(people.matchedByPhone); names not matched exactly: \(people.matches.count)" + (listed.isEmpty ? "" : " (" + listed.joined(separator: ", ") + ")"))
        }
        for line in summary { print(line) }
        for r in rejects.prefix(10) { print("  " + TerminalText.printable(r.message)) }
        print("wrote " + written.map { out + "/" + $0 }.joined(separator: ", "))
    }
}
