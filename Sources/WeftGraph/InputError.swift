/// A problem that stops a whole input from being used — a file, a sheet, a segments config — named
/// by its place: `file:line:column: message`, with the line and column where they are known
/// (1-based), and for a config value that is well-formed but not a valid setting, its key path
/// (`settings.window_months`, `segment[2].rules[1]`), written after the message as ` (at KEYPATH)`.
/// Every reader throws this one type, so a caller reports any of them the same way. (A problem
/// with one row is not an error but a reject, listed with the same kind of place.)
public struct InputError: Error, CustomStringConvertible, Equatable, Sendable {
    public let file: String
    public let line: Int?
    public let column: Int?
    public let message: String
    /// How the column is written in the message: a number, or letters for a sheet.
    public let columnNaming: ColumnNaming
    /// Where in a structured file (the segments config) the value sits; empty when it does not apply.
    public let keyPath: String

    public init(file: String, line: Int?, column: Int?, message: String, columnNaming: ColumnNaming = .numbers, keyPath: String = "") {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.columnNaming = columnNaming
        self.keyPath = keyPath
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":" + columnNaming.name(column) }
        return "\(location): \(message)" + (keyPath.isEmpty ? "" : " (at \(keyPath))")
    }
}

/// How a column is named in messages: by number (CSV: 1, 2, …) or by letters (a sheet: A, B, …, AA).
public enum ColumnNaming: Sendable, Equatable {
    case numbers, letters

    /// The name of 1-based column `column`.
    public func name(_ column: Int) -> String {
        self == .letters ? ColumnNaming.letters(column) : String(column)
    }

    /// The spreadsheet letters of 1-based column `number` (1 → A, 27 → AA).
    public static func letters(_ number: Int) -> String {
        var n = number, out: [UInt8] = []
        while n > 0 {
            n -= 1
            out.append(UInt8(ascii: "A") + UInt8(n % 26))
            n /= 26
        }
        return String(decoding: out.reversed(), as: UTF8.self)
    }
}
