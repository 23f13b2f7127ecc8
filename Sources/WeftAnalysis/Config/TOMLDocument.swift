/// A TOML 1.0 document as read, every key and value with its place in the text, so that a reader
/// of settings can name the line and column of a value it refuses.
///
/// The types follow the specification's (https://toml.io/en/v1.0.0): strings, 64-bit integers,
/// floats, booleans, the four date-time kinds, arrays and tables. An array of tables (`[[name]]`)
/// is an `.array` of `.table`s, as in the specification's data model.

/// A parsed document: its root table and the place just past its last character.
public struct TOMLDocument: Sendable {
    public let root: TOMLTable
    public let end: TOMLPosition
}

/// A place in a TOML text: 1-based line and column, columns counted in Unicode scalars.
public struct TOMLPosition: Sendable, Equatable {
    public let line: Int
    public let column: Int
}

/// A date, a time or both, as the specification's four kinds; `text` is the value as written
/// (with the date–time separator as written, `T`, `t` or a space).
public struct TOMLDateTime: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case offsetDateTime, localDateTime, localDate, localTime }
    public let kind: Kind
    public let text: String
}

/// A value with the place where it starts.
public struct TOMLValue: Sendable {
    public indirect enum Content: Sendable {
        case string(String)
        case integer(Int64)
        case float(Double)
        case boolean(Bool)
        case dateTime(TOMLDateTime)
        case array([TOMLValue])
        case table(TOMLTable)
    }

    public let content: Content
    /// Where the value starts: a string's opening quote, an array's `[`, a table's header or first key.
    public let position: TOMLPosition
    /// For a string, the place in the text of each of its Unicode scalars and one past the last,
    /// so that a mistake inside the string can be placed exactly, escapes and line breaks included.
    public let scalarPositions: [TOMLPosition]

    /// The name of the value's type, as the specification writes it, for messages.
    public var typeName: String {
        switch content {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .boolean: "boolean"
        case .dateTime: "date-time"
        case .array: "array"
        case .table: "table"
        }
    }
}

/// A table: its keys in the order they were first written, each with its place.
public struct TOMLTable: Sendable {
    public struct Entry: Sendable {
        public let key: String
        public let keyPosition: TOMLPosition
        public let value: TOMLValue
    }

    public let entries: [Entry]

    public subscript(key: String) -> Entry? { entries.first { $0.key == key } }
}

/// A syntax error in a TOML text, with its place.
public struct TOMLSyntaxError: Error, Sendable, Equatable {
    public let position: TOMLPosition
    public let message: String
}
