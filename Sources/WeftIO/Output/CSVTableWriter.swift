import Foundation
import WeftGraph
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
    /// A UTC date-time Weft produced, in seconds since the epoch, written `YYYY-MM-DDTHH:MM:SSZ`.
    case dateTime(Int64)
    /// A yes/no value: 1 or 0 in CSV, true or false in JSON.
    case flag(Bool)
    /// An empty cell (missing value).
    case empty
}

/// A column of an output table: its name and how a row gives its cell. One list of columns serves
/// a table's CSV file and its JSON entries (see `JSONFields`), so the two cannot disagree.
public typealias TableColumn<Row> = (name: String, cell: @Sendable (Row) -> CSVCell)

/// Rows of a CSV table being written: cells appended in order, separated by commas, each row
/// closed by `endRow()`.
public struct CSVRows {
    fileprivate var bytes: [UInt8] = []
    private var cells = 0
    /// Rows ended so far.
    public private(set) var count = 0

    public init() {}

    /// Appends one cell to the current row.
    public mutating func append(_ cell: CSVCell) {
        if cells > 0 { bytes.append(UInt8(ascii: ",")) }
        cells += 1
        CSVTableWriter.append(cell, to: &bytes)
    }

    /// Appends `row`'s cell of each column, in column order.
    @inlinable
    public mutating func append<Row>(_ row: Row, columns: [TableColumn<Row>]) {
        // Read in place through a buffer pointer: a copy of each column per cell retained and
        // released what both writer threads share (see `JSONFields`).
        columns.withUnsafeBufferPointer { columns in
            for index in 0..<columns.count { append(columns[index].cell(row)) }
        }
    }

    /// Ends the current row (its line end); the next cell starts a new one.
    public mutating func endRow() {
        bytes.append(UInt8(ascii: "\n"))
        cells = 0
        count += 1
    }

    /// Empties the rows, keeping the buffer for the next.
    fileprivate mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        (cells, count) = (0, 0)
    }
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
    /// Standard output's pending bytes (unused for a file, whose writer buffers).
    private var pending: [UInt8] = []
    /// `writeRow`'s row, its buffer reused from row to row.
    private var row = CSVRows()
    public private(set) var rowsWritten = 0

    public init(path: String, header: [String]) throws {
        file = try AtomicFileWriter(path: path)
        var bytes: [UInt8] = []
        CSVTableWriter.appendHeader(header, to: &bytes)
        try file!.write(bytes: bytes)
    }

    /// A table streamed to standard output (for piping into other tools).
    public init(standardOutputHeader header: [String]) {
        file = nil
        CSVTableWriter.appendHeader(header, to: &pending)
    }

    public func writeRow(_ cells: [CSVCell]) throws {
        try writeRow { row in for cell in cells { row.append(cell) } }
    }

    /// Writes `row`'s cell of each column, in column order.
    @inlinable
    public func writeRow<Row>(_ row: Row, columns: [TableColumn<Row>]) throws {
        try writeRow { $0.append(row, columns: columns) }
    }

    /// Writes one row whose cells `fill` appends.
    public func writeRow(_ fill: (inout CSVRows) -> Void) throws {
        row.removeAll()
        fill(&row)
        row.endRow()
        try write(row)
    }

    /// Writes the rows of `positions` positions, formatted `chunkSize` positions at a time on
    /// several threads (`Parallel.streamChunks`) and written in position order: `fill(range,
    /// &rows)` appends the rows of the positions in `range` (a position may give none) and must
    /// only read what it shares. The table is the same for any thread count.
    public func writeRows(positions: Int, chunkSize: Int = 512, threads: Int = Parallel.threadCount,
                          _ fill: (Range<Int>, inout CSVRows) -> Void) throws {
        try Parallel.streamChunks(count: positions, chunkSize: chunkSize, threads: threads, make: { range in
            var rows = CSVRows()
            fill(range, &rows)
            return rows
        }, consume: write)
    }

    private func write(_ rows: CSVRows) throws {
        if let file {
            try file.write(bytes: rows.bytes)
        } else {
            pending.append(contentsOf: rows.bytes)
            if pending.count >= 1 << 16 { flushStandardOutput() }
        }
        rowsWritten += rows.count
    }

    public func commit() throws {
        if let file { try file.commit() } else { flushStandardOutput() }
    }

    private func flushStandardOutput() {
        FileHandle.standardOutput.write(Data(pending))
        pending.removeAll(keepingCapacity: true)
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
        var row = CSVRows()
        for cell in cells { row.append(cell) }
        row.endRow()
        bytes.append(contentsOf: row.bytes)
    }

    /// Appends one encoded cell to `bytes`.
    public static func append(_ cell: CSVCell, to bytes: inout [UInt8]) {
        switch cell {
        case .text(let value): appendText(value, neutralise: true, to: &bytes)
        case .plain(let value): appendText(value, neutralise: false, to: &bytes)
        case .dateTime(let seconds): Timestamp.appendDateTime(seconds, to: &bytes)
        case .integer(let value): NumberText.appendInteger(value, to: &bytes)
        case .flag(let value): bytes.append(value ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        case .real(let value) where value.isNaN: break   // undefined: an empty cell, as every missing value
        case .real(let value): NumberText.appendReal(value, to: &bytes)
        case .empty: break
        }
    }

    /// Full-precision, locale-free text for a double: integers without a fraction; infinities as
    /// `Inf` and `-Inf`, `NaN` as `NaN` (a table cell holding NaN is written empty instead: in
    /// Weft's CSV files an undefined value and a missing one are both an empty cell).
    public static func formatReal(_ value: Double) -> String {
        var bytes: [UInt8] = []
        NumberText.appendReal(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendText(_ value: String, neutralise: Bool, quoteOtherDelimiters: Bool = false, to bytes: inout [UInt8]) {
        // Native strings (nearly all) are scanned and copied as one buffer of UTF-8.
        let done: Void? = value.utf8.withContiguousStorageIfAvailable { utf8 in
            appendText(utf8, neutralise: neutralise, quoteOtherDelimiters: quoteOtherDelimiters, to: &bytes)
        }
        if done == nil {
            Array(value.utf8).withUnsafeBufferPointer { appendText($0, neutralise: neutralise, quoteOtherDelimiters: quoteOtherDelimiters, to: &bytes) }
        }
    }

    private static func appendText(_ utf8: UnsafeBufferPointer<UInt8>, neutralise: Bool, quoteOtherDelimiters: Bool, to bytes: inout [UInt8]) {
        var needsQuotes = false
        for byte in utf8 where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D
            || (quoteOtherDelimiters && (byte == UInt8(ascii: ";") || byte == 0x09)) {
            needsQuotes = true
            break
        }
        let prefix = neutralise && utf8.first.map { first in
            first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
                || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D
        } == true
        if needsQuotes { bytes.append(UInt8(ascii: "\"")) }
        if prefix { bytes.append(UInt8(ascii: "'")) }
        if needsQuotes {
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        } else {
            bytes.append(contentsOf: utf8)
        }
    }
}
