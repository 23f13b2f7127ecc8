import WeftIO

/// The dates of one export read through WeftIO's date parser (`DateFormat`, the parser of every
/// date Weft reads): one layout per file, named by `--date-format` or worked out from the file's
/// own values by `DateDetection` (a first number above 12 decides day-first, a second month-first;
/// values that decide both ways, or neither, are an error naming the flag to set).
///
/// Platforms write their clock's local time with no zone, so values are read as wall-clock time
/// (seconds since 1970-01-01 00:00 of the clock shown); a value with a UTC offset is converted.
struct ExportDates {
    let format: DateFormat

    /// Dates in a layout the platform always writes (Zoom's `MM/DD/YYYY hh:mm:ss A`).
    init(format: DateFormat) { self.format = format }

    /// The layout of `samples` (values of the field `field` of the file `path`), or `given`.
    /// `undecidedDayFirst` settles a file whose values leave the order open (nil: an error).
    init(samples: [DateDetection.Sample], field: String, path: String, given: DateFormat?, undecidedDayFirst: Bool? = nil) throws {
        if let given { format = given; return }
        let cleaned = samples.map { DateDetection.Sample(text: ExportDates.clean($0.text), line: $0.line) }
        do {
            switch try DateDetection.classify(cleaned, column: field, undecidedDayFirst: undecidedDayFirst) {
            case .dates(let f, _): format = f
            case .numbers, .notDates: format = .iso8601
            }
        } catch {
            throw ImportError("\(path): \(error.message)")
        }
    }

    /// Whether the layout puts the day before the month (`DD/MM/YYYY`).
    var isDayFirst: Bool { format.description.hasPrefix("D") }

    /// Seconds of the clock time `text` shows, or nil when it is not a date in the file's layout.
    func seconds(_ text: String) -> Int64? {
        guard case .success(let value) = format.read(ExportDates.clean(text)) else { return nil }
        return value.seconds
    }

    /// The text with the narrow and ordinary no-break spaces platforms put before AM/PM made
    /// spaces, and directional marks (U+200E, U+200F) removed.
    static func clean(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s {
            case "\u{202F}", "\u{00A0}": out.append(" ")
            case "\u{200E}", "\u{200F}": continue
            default: out.append(s)
            }
        }
        return String(out).trimmedSpace
    }
}
