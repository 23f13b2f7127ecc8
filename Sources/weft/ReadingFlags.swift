import ArgumentParser
import WeftIO

/// How input files are decoded: the flags shared by every command that reads inputs
/// (`validate`, `analyze`, `survey import`, …), parsed once into `ReadingOptions`.
struct ReadingFlags: ParsableArguments {
    @Option(help: ArgumentHelp("The text encoding of every input file: \(EncodingChoice.accepted) (default: auto).",
                               discussion: "Auto: a byte-order mark decides (UTF-8, UTF-16); otherwise UTF-8 when the first 4 MiB are valid UTF-8, else Windows-1252."))
    var encoding: EncodingChoice = .detect

    @Option(help: ArgumentHelp(
        "How dates are written: a pattern such as DD/MM/YYYY, MM/DD/YYYY hh:mm:ss A or YYYY-MM-DD HH:mm, or iso, unix, unix-ms, excel, excel-1904; FILE=FORMAT for one kind of file (members, interactions, attendance, survey, respondents). Repeatable. Default: detected per column.",
        valueName: "FORMAT"))
    var dateFormat: [String] = []

    @Option(help: ArgumentHelp("The time zone of times written without a UTC offset, as an IANA name such as Africa/Nairobi (default: UTC).",
                               valueName: "Area/City"))
    var timezone: String?

    @Option(help: ArgumentHelp("Read a header as one of Weft's columns: canonical=Header, comma-separated (e.g. source=Sender,joined=Entry date); for headers the built-in English, French, Spanish and Portuguese spellings miss.",
                               valueName: "LIST"))
    var columns: String?

    @Flag(help: "Numbers use a decimal comma (1,5) and may group thousands with points or spaces (default: in semicolon-delimited files).")
    var decimalComma = false

    func validate() throws { _ = try options() }

    /// The flags as `ReadingOptions`; a bad pattern or zone is a usage error.
    func options() throws -> ReadingOptions {
        var options = ReadingOptions(encoding: encoding)
        for item in dateFormat {
            var format = item
            var kind: FileSummary.Kind?
            if let equals = item.firstIndex(of: "=") {
                let name = String(item[..<equals]).trimmingCharacters(in: .whitespaces).lowercased()
                guard let named = FileSummary.Kind(rawValue: name) else {
                    throw ValidationError("--date-format \(item): '\(name)' is not a kind of file (members, interactions, attendance, survey, respondents)")
                }
                kind = named
                format = String(item[item.index(after: equals)...])
            }
            let parsed: DateFormat
            do { parsed = try DateFormat(format) } catch { throw ValidationError(error.description) }
            if let kind { options.dateFormatByFile[kind] = parsed } else { options.dateFormat = parsed }
        }
        if let timezone {
            guard let zone = LocalTimeZone(identifier: timezone) else {
                throw ValidationError("--timezone \(timezone): not a time zone name (use an IANA name such as Europe/Paris or America/Bogota)")
            }
            options.timeZone = zone
        }
        if decimalComma { options.decimalComma = true }
        if let columns {
            let pairs = try MeasureOptions.uniqueList(columns, option: "--columns") { MeasureOptions.namePart($0).lowercased() }
            for pair in pairs {
                guard let equals = pair.firstIndex(of: "="), !pair[pair.index(after: equals)...].trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw ValidationError("--columns \(pair): write canonical=Header, e.g. source=Sender")
                }
                options.columnMap[pair[..<equals].trimmingCharacters(in: .whitespaces).lowercased()] = pair[pair.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            }
            if let problem = ReadingOptions.columnMapProblem(options.columnMap) { throw ValidationError(problem) }
        }
        return options
    }
}

extension EncodingChoice: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
    public var defaultValueDescription: String { "auto" }
}
