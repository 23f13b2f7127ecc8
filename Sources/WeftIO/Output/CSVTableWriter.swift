import Foundation
/// One cell of an output CSV table.
///
/// `text` is for strings that came from input data (ids, names, attributes): it is quoted when
/// needed and neutralised against formula injection. Numbers are written in full precision
/// (the shortest text that reads back to the same `Double`).
public enum CSVCell: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case real(Double)
    /// A value Weft itself produced (a date, an enum label) that needs no neutralising.
    case plain(String)
    /// A yes/no value: 1 or 0 in CSV, true or false in JSON.
    case flag(Bool)
    /// An empty cell (missing value).
    case empty
}

/// Streams a CSV table (RFC 4180, comma separated, LF line ends, UTF-8 without BOM) to a file,
/// atomically: the table appears under its name only when `commit()` succeeds.
///
/// Header cells, which may be input column names, are neutralised like `.text` cells.
/// Cells of kind `.text` that begin with `=`, `+`, `-`, `@`, a tab or a carriage return are
/// prefixed with an apostrophe so that spreadsheets show them as text instead of running them
/// as formulas (OWASP's advice on CSV injection).
public final class CSVTableWriter {
    /// A file written atomically, or standard output (buffered, flushed by `commit()`).
    private let file: AtomicFileWriter?
    private var line: [UInt8] = []
    public private(set) var rowsWritten = 0

    public init(path: String, header: [String]) throws {
        file = try AtomicFileWriter(path: path)
        CSVTableWriter.appendHeader(header, to: &line)
        try file!.write(bytes: line)
    }

    /// A table streamed to standard output (for piping into other tools).
    public init(standardOutputHeader header: [String]) {
        file = nil
        CSVTableWriter.appendHeader(header, to: &line)
    }

    public func writeRow(_ cells: [CSVCell]) throws {
        if let file {
            line.removeAll(keepingCapacity: true)
            CSVTableWriter.appendRow(cells, to: &line)
            try file.write(bytes: line)
        } else {
            CSVTableWriter.appendRow(cells, to: &line)
            if line.count >= 1 << 16 { flushStandardOutput() }
        }
        rowsWritten += 1
    }

    public func commit() throws {
        if let file { try file.commit() } else { flushStandardOutput() }
    }

    private func flushStandardOutput() {
        FileHandle.standardOutput.write(Data(line))
        line.removeAll(keepingCapacity: true)
    }

    /// A whole table as CSV text (for standard output).
    public static func render(header: [String], rows: [[CSVCell]]) -> String {
        var bytes: [UInt8] = []
        appendHeader(header, to: &bytes)
        for row in rows { appendRow(row, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the header row. Header cells may come from input files, so they are neutralised
    /// like text cells, and one holding a semicolon or a tab is quoted too: a reader that detects
    /// the delimiter from the header line (Weft's own, spreadsheets in many locales) then still
    /// sees commas.
    static func appendHeader(_ names: [String], to bytes: inout [UInt8]) {
        for (index, name) in names.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendText(name, neutralise: true, quoteOtherDelimiters: true, to: &bytes)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Appends one encoded row, with its line end, to `bytes`.
    public static func appendRow(_ cells: [CSVCell], to bytes: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            append(cell, to: &bytes)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Appends one encoded cell to `bytes`.
    public static func append(_ cell: CSVCell, to bytes: inout [UInt8]) {
        switch cell {
        case .text(let value): appendText(value, neutralise: true, to: &bytes)
        case .plain(let value): appendText(value, neutralise: false, to: &bytes)
        case .integer(let value): bytes.append(contentsOf: String(value).utf8)
        case .flag(let value): bytes.append(value ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        case .real(let value) where value.isNaN: break   // undefined: an empty cell, as every missing value
        case .real(let value): bytes.append(contentsOf: formatReal(value).utf8)
        case .empty: break
        }
    }

    /// Full-precision, locale-free text for a double: integers without a fraction; infinities as
    /// `Inf` and `-Inf`, `NaN` as `NaN` (a table cell holding NaN is written empty instead: in
    /// Weft's CSV files an undefined value and a missing one are both an empty cell).
    public static func formatReal(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }

    private static func appendText(_ value: String, neutralise: Bool, quoteOtherDelimiters: Bool = false, to bytes: inout [UInt8]) {
        var needsQuotes = false
        var first = true
        var dangerous = false
        for byte in value.utf8 {
            if first {
                dangerous = byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "@") || byte == 0x09 || byte == 0x0D
                first = false
            }
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D
                || (quoteOtherDelimiters && (byte == UInt8(ascii: ";") || byte == 0x09)) {
                needsQuotes = true
            }
        }
        let prefix = neutralise && dangerous
        if !needsQuotes && !prefix && !value.isEmpty {
            bytes.append(contentsOf: value.utf8)
            return
        }
        if !needsQuotes {
            if prefix { bytes.append(UInt8(ascii: "'")) }
            bytes.append(contentsOf: value.utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        if prefix { bytes.append(UInt8(ascii: "'")) }
        for byte in value.utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
