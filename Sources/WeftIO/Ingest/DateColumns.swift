import WeftGraph

/// How one date column of an input file was read, for `weft validate` and report.json.
public struct DateColumnReading: Sendable, Equatable {
    /// The column's header.
    public let column: String
    /// The layout: `ISO 8601`, a pattern such as `DD/MM/YYYY HH:mm`, `unix`, `unix-ms`, `excel`.
    public let format: String
    /// How it was chosen: `--date-format`, detected from a value (quoted, with its line), or ISO 8601 by default.
    public let origin: String
}

/// One date column of an input file and the layout its values are read with. Every date Weft
/// reads from a file — `timestamp`, attendance `date`, members' `joined` and `left`, survey wave
/// dates — goes through here, so every one is read the same way and a value that cannot be read
/// rejects its row with its location.
struct DateColumn {
    let name: String
    let position: Int
    let format: DateFormat
    var zone: LocalTimeZone

    /// The instant in the column, or the reject saying why it cannot be read or that it lies
    /// outside the accepted range (`--earliest-date`, `--latest-date`).
    mutating func instant(_ record: borrowing CSVRecord, _ context: RowContext) throws(Reject) -> ISO8601.Value {
        switch record.date(position, format: format, zone: &zone) {
        case .success(let value):
            try context.checkDateRange(value.seconds, record, column: position)
            return value
        case .failure(let problem): throw context.reject(record, column: position, problem.description)
        }
    }

    /// The column's date as ISO 8601 text (`YYYY-MM-DD` for a date, `YYYY-MM-DDTHH:MM:SSZ` for a
    /// time), the form member attributes and wave labels are kept in; "" when the cell is blank.
    mutating func isoText(_ record: borrowing CSVRecord, _ context: RowContext) throws(Reject) -> String {
        if record.isBlank(position) { return "" }
        let value = try instant(record, context)
        return value.isDateOnly ? Timestamp.formatDate(value.seconds) : Timestamp.formatDateTime(value.seconds)
    }
}

/// Decides the layout of an input file's date columns: from `--date-format` when given, else by
/// `DateDetection` on the column's values in the file's first records.
enum DateColumns {
    /// How many records detection looks at.
    static let sampleRecords = 20_000

    /// What a column is when its values are not dates in any layout Weft recognises.
    enum Fallback {
        /// Read as ISO 8601 anyway (a required date: every value that is not one is rejected).
        case iso8601
        /// Not a date column (a wave column of labels such as `baseline`): nil.
        case labels
    }

    /// The date columns among `columns` (name and position), each with its layout and how it
    /// was chosen. Throws `InputError` naming the column when its values are ambiguous, or plain
    /// numbers whose meaning must be named.
    static func resolve(_ columns: [(name: String, position: Int, fallback: Fallback)], kind: FileSummary.Kind,
                        path: String, label: String, headerLine: Int, options: ReadingOptions) throws -> (columns: [DateColumn?], readings: [DateColumnReading]) {
        if let given = options.dateFormat(for: kind) {
            let dates = columns.map { DateColumn(name: $0.name, position: $0.position, format: given, zone: options.timeZone) }
            return (dates, dates.map { DateColumnReading(column: $0.name, format: given.description, origin: "--date-format") })
        }
        guard !columns.isEmpty else { return ([], []) }
        let samples = try sample(columns.map(\.position), path: path, label: label, options: options)
        var dates: [DateColumn?] = [], readings: [DateColumnReading] = []
        for (k, column) in columns.enumerated() {
            let outcome: DateDetection.Outcome
            do {
                outcome = try DateDetection.classify(samples[k], column: column.name)
            } catch {
                throw InputError(file: label, line: headerLine, column: column.position + 1, message: error.message)
            }
            let format: DateFormat, origin: String
            switch (outcome, column.fallback) {
            case (.dates(let detected, let evidence), _):
                format = detected
                origin = evidence.map { "detected from '\($0.text)' on line \($0.line)" } ?? "detected"
            case (.numbers(let a, let b), .iso8601):
                let examples = ["'\(a.text)' (line \(a.line))"] + (b.map { ["'\($0.text)' (line \($0.line))"] } ?? [])
                throw InputError(file: label, line: headerLine, column: column.position + 1,
                                 message: "column '\(column.name)' holds plain numbers (\(examples.joined(separator: ", "))); "
                                    + "say what they count with --date-format unix (seconds since 1970), unix-ms (milliseconds) or excel (Excel serial days)")
            case (.notDates, .iso8601):
                format = .iso8601
                origin = "default"
            case (_, .labels):
                dates.append(nil)
                continue
            }
            dates.append(DateColumn(name: column.name, position: column.position, format: format, zone: options.timeZone))
            readings.append(DateColumnReading(column: column.name, format: format.description, origin: origin))
        }
        return (dates, readings)
    }

    /// The values of the columns at `positions` in the file's first `sampleRecords` well-shaped
    /// records, with their lines.
    private static func sample(_ positions: [Int], path: String, label: String, options: ReadingOptions) throws -> [[DateDetection.Sample]] {
        let reader = try InputSource.open(path: path, label: label, options: options)
        var samples = [[DateDetection.Sample]](repeating: [], count: positions.count)
        var record = CSVRecord()
        var count = 0
        while count < sampleRecords, try reader.next(&record) {
            count += 1
            guard record.problem == nil, record.fieldCount == reader.header.count else { continue }
            for (k, position) in positions.enumerated() {
                samples[k].append(DateDetection.Sample(text: record.displayString(position), line: record.line))
            }
        }
        return samples
    }
}
