#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WeftGraph

/// The bounds Weft puts on input values, so that no single value can crash a run, blow up its time
/// and memory, or flood its outputs. A value outside them rejects its row (with file, line,
/// column and the flag that moves the bound); each bound is a flag of every command that reads data.
///
/// | bound | default | flag |
/// |---|---|---|
/// | weight of an interaction, value of a survey nomination | 10¹² | `--max-weight` |
/// | length of any field | 65,536 bytes | `--max-field-length` |
/// | dates | 1900-01-01 to one year after the run | `--earliest-date`, `--latest-date` |
///
/// Why these: a weight of at most 10¹² keeps every sum Weft forms finite (10⁹ records between one
/// pair weigh at most 10²¹, their squares 10⁴², far below the 1.8·10³⁰⁸ where doubles overflow),
/// so no measure sees an infinite weight. Fields beyond 64 KiB are not ids, names, types or
/// attributes but pasted documents or corrupt files. A date before 1900 or years ahead is a typo
/// (year 0, 9999-12-31 as "no end"), and one such date stretches the timeline to thousands of periods.
public struct InputLimits: Sendable, Equatable {
    public var maxWeight: Double
    public var maxFieldBytes: Int
    /// The earliest and latest instants accepted (UTC seconds, both inclusive).
    public var earliestDate: Int64
    public var latestDate: Int64

    public static let defaultMaxWeight = 1e12
    /// The largest `--max-weight` allowed: sums of up to 10⁹ records still stay far from overflow.
    public static let maxWeightCeiling = 1e15
    public static let defaultMaxFieldBytes = 65_536
    public static let defaultEarliestDate = Timestamp.seconds(year: 1900, month: 1, day: 1)

    /// The default latest date: the end of the day one year after `now`.
    public static func defaultLatestDate(now: Int64) -> Int64 {
        let (y, m, d) = Timestamp.civil(days: Timestamp.floorDiv(now, Timestamp.secondsPerDay))
        let day = min(d, Timestamp.daysInMonth(year: y + 1, month: m))
        return Timestamp.seconds(year: y + 1, month: m, day: day) + Timestamp.secondsPerDay - 1
    }

    /// The defaults, with the latest date one year after `now` (UTC seconds).
    public init(now: Int64) {
        maxWeight = InputLimits.defaultMaxWeight
        maxFieldBytes = InputLimits.defaultMaxFieldBytes
        earliestDate = InputLimits.defaultEarliestDate
        latestDate = InputLimits.defaultLatestDate(now: now)
    }

    /// The defaults as of the current time.
    public init() {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        self.init(now: Int64(now.tv_sec))
    }
}

extension RowContext {
    /// A reject for the first field of `record` longer than the limit, or nil. The reject quotes
    /// only the field's start, so a huge field is not copied into the rejects.
    func oversizedFieldReject(_ record: borrowing CSVRecord) -> Reject? {
        for position in 0..<record.fieldCount where record.byteCount(position) > limits.maxFieldBytes {
            return Reject(file: file, line: record.line, column: position + 1, field: position < header.count ? header[position] : nil,
                          value: record.displayPrefix(position, maxBytes: 60) + "…",
                          reason: "field of \(record.byteCount(position)) bytes is longer than the limit of \(limits.maxFieldBytes) (--max-field-length)")
        }
        return nil
    }

    /// Throws the reject for an instant outside the accepted range (`--earliest-date`, `--latest-date`).
    func checkDateRange(_ instant: Int64, _ record: borrowing CSVRecord, column: Int) throws(Reject) {
        if instant < limits.earliestDate {
            throw reject(record, column: column, "date is before \(Timestamp.formatDate(limits.earliestDate)), the earliest accepted (--earliest-date)")
        }
        if instant > limits.latestDate {
            throw reject(record, column: column, "date is after \(Timestamp.formatDate(limits.latestDate)), the latest accepted (--latest-date; default one year after today)")
        }
    }

    /// Throws the reject for a weight or survey value above `--max-weight`.
    func checkWeight(_ weight: Double, _ record: borrowing CSVRecord, column: Int?, what: String) throws(Reject) {
        guard weight.isFinite, weight <= limits.maxWeight else {
            throw reject(record, column: column, "\(what) is larger than \(CSVTableWriter.formatReal(limits.maxWeight)), the largest accepted (--max-weight)")
        }
    }

    /// Throws the reject for an id that `IdentifierRules` refuses.
    func checkIdentifier(_ id: String, _ record: borrowing CSVRecord, column: Int, what: String) throws(Reject) {
        if let problem = IdentifierRules.problem(in: id, what: what) { throw reject(record, column: column, problem) }
    }
}

/// What an id (of a member or an event) may hold: any text but control characters and the
/// invisible or non-standard space characters that would make two different ids look the same.
///
/// Ids with them are rejected at ingest, not normalised: `m2␁` and `m2␂` are different ids
/// that print alike, and guessing which member was meant would merge or split members silently.
/// Refused: C0 controls (NUL, tab, …), DEL, C1 controls; the no-break spaces (U+00A0, U+2007,
/// U+202F), the soft hyphen (U+00AD), the zero-width and direction marks (U+200B–U+200F,
/// U+202A–U+202E, U+2060–U+206F), other Unicode spaces (U+2000–U+200A, U+205F, U+3000, U+180E),
/// line and paragraph separators (U+2028, U+2029) and the byte-order mark (U+FEFF, as left in
/// the middle of a file by concatenating two exports).
public enum IdentifierRules {
    /// Why `id` is refused, naming the character and its position; nil when it is acceptable.
    public static func problem(in id: String, what: String = "member id") -> String? {
        for (offset, scalar) in id.unicodeScalars.enumerated() {
            guard let name = refusedName(scalar) else { continue }
            let code = String(scalar.value, radix: 16, uppercase: true)
            return "\(what) holds U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code) (\(name)) at character \(offset + 1); "
                + "ids may not hold control, invisible or non-standard space characters, which make different ids look alike: retype the id"
        }
        return nil
    }

    static func refusedName(_ scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x00: return "NUL"
        case 0x01...0x1F, 0x7F, 0x80...0x9F: return "a control character"
        case 0xA0, 0x2007, 0x202F: return "a no-break space"
        case 0xAD: return "a soft hyphen"
        case 0x200B...0x200D, 0x2060: return "a zero-width character"
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2061...0x206F: return "an invisible formatting character"
        case 0x2000...0x2006, 0x2008...0x200A, 0x205F, 0x3000, 0x180E: return "a non-standard space"
        case 0x2028, 0x2029: return "a line or paragraph separator"
        case 0xFEFF: return "a byte-order mark"
        default: return nil
        }
    }
}
