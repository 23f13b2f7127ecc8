import WeftGraph
/// An input row that was not accepted, and why. Rejected rows are never dropped silently: they
/// are counted, listed by `weft validate`, and written to `rejects.csv`.
public struct Reject: Error, Sendable, Equatable {
    /// The input file as named on the command line.
    public let file: String
    /// The 1-based line on which the row starts.
    public let line: Int
    /// The 1-based column (field position) of the offending value, when one field is at fault.
    public let column: Int?
    /// That column's header.
    public let field: String?
    /// The offending value (invalid UTF-8 shown as U+FFFD).
    public let value: String?
    public let reason: String
    /// How `location` writes the column: a number, or letters for a sheet (`members.xlsx:Sheet1:14:C`).
    public let columnNaming: ColumnNaming

    public init(file: String, line: Int, column: Int? = nil, field: String? = nil, value: String? = nil, reason: String,
                columnNaming: ColumnNaming = .numbers) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.value = value
        self.reason = reason
        self.columnNaming = columnNaming
    }

    /// `file:line:column: reason` as compilers print it.
    public var location: String {
        "\(file):\(line)" + (column.map { ":" + columnNaming.name($0) } ?? "")
    }

    public var message: String {
        var text = "\(location): \(reason)"
        if let field { text += " [column \(field)" + (value.map { " = \"\(Reject.clip($0))\"" } ?? "") + "]" }
        return text
    }

    /// A reason with any quoted text ('…') replaced by '…', for pseudonymised outputs.
    public static func redacted(_ reason: String) -> String {
        var out = "", inQuote = false
        for ch in reason {
            if ch == "'" {
                out.append(ch)
                if !inQuote { out += "…" }
                inQuote.toggle()
            } else if !inQuote {
                out.append(ch)
            }
        }
        return out
    }

    private static func clip(_ s: String) -> String {
        s.count <= 60 ? s : String(s.prefix(57)) + "..."
    }
}

/// How one input file went: rows read = accepted + rejected, always.
public struct FileSummary: Sendable, Equatable {
    public enum Kind: String, Sendable { case members, interactions, attendance, survey, respondents }
    public let kind: Kind
    public let path: String
    /// How the file was read: delimiter and encoding.
    public internal(set) var layout = InputLayout()
    public var delimiter: String { layout.delimiter }
    public internal(set) var rowsRead = 0
    public internal(set) var accepted = 0
    public internal(set) var rejected = 0
    /// How each date column was read (layout and how it was chosen).
    public internal(set) var dateColumns: [DateColumnReading] = []
    /// Input columns that Weft does not interpret, kept as attributes.
    public internal(set) var extraColumns: [String] = []
    /// The file's size in bytes and SHA-256 (hex, as `sha256sum` prints it): the input's
    /// fingerprint, so a report can be traced to the exact files it came from.
    public internal(set) var bytes = 0
    public internal(set) var sha256 = ""

    public var isBalanced: Bool { rowsRead == accepted + rejected }
}
