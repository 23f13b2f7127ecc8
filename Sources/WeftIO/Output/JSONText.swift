import WeftGraph

/// Small pieces of JSON text for writers that stream large objects instead of building them in
/// memory (report.json's `members`, `ties` and `timeline`), as strings or appended to bytes.
public enum JSONText {
    /// A JSON string literal: quotes, backslashes and control characters escaped (RFC 8259).
    public static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 2)
        appendQuoted(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal to `bytes`.
    public static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        // Most text (ids, labels, dates) needs no escape: scan its bytes in place and copy it in
        // one piece (a String without contiguous UTF-8 takes the byte-by-byte path below).
        let copied = text.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
            bytes.append(contentsOf: utf8)
            return true
        } ?? false
        if copied {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(hex[Int(byte >> 4)]); bytes.append(hex[Int(byte & 15)])
            default: bytes.append(byte)   // UTF-8 above 0x7F passes through unchanged
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A cell as a JSON value: text as a string, numbers in full precision (non-finite as null),
    /// flags as true/false, empty as null.
    public static func value(_ cell: CSVCell) -> String {
        var bytes: [UInt8] = []
        appendValue(cell, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends a cell as a JSON value to `bytes`.
    public static func appendValue(_ cell: CSVCell, to bytes: inout [UInt8]) {
        switch cell {
        case .text(let s), .plain(let s): appendQuoted(s, to: &bytes)
        case .dateTime(let seconds):
            bytes.append(UInt8(ascii: "\""))
            Timestamp.appendDateTime(seconds, to: &bytes)
            bytes.append(UInt8(ascii: "\""))
        case .integer(let v): NumberText.appendInteger(v, to: &bytes)
        case .real(let v) where v.isFinite: NumberText.appendReal(v, to: &bytes)
        case .real, .empty: bytes.append(contentsOf: "null".utf8)
        case .flag(let v): bytes.append(contentsOf: (v ? "true" : "false").utf8)
        }
    }

    /// Appends `"name" : ` (a key of Weft's pretty-printed JSON, with its separator).
    public static func appendKey(_ name: String, to bytes: inout [UInt8]) {
        appendQuoted(name, to: &bytes)
        bytes.append(contentsOf: " : ".utf8)
    }
}

/// A table's columns as the fields of JSON objects, one object per row: `"name" : value` for each
/// column, comma-separated, each key escaped once for all the rows.
///
/// The keys are kept as one run of bytes and the columns are read in place through buffer
/// pointers, so that a cell copies neither its key nor its column: the writers call this from
/// several threads at once, millions of times, and the retain and release of a shared key array
/// and column per cell kept both cores busy with atomic updates on the same cache lines. (A
/// column whose closure captures a value still retains that closure's context for the call.)
public struct JSONFields<Row> {
    public let columns: [TableColumn<Row>]
    /// Every column's `"name" : `, the first alone and each later one after its `, `, end to end.
    @usableFromInline let keyText: [UInt8]
    /// Where each column's key ends in `keyText` (it starts where the previous one ends).
    @usableFromInline let keyEnds: [Int]

    public init(_ columns: [TableColumn<Row>]) {
        self.columns = columns
        var text: [UInt8] = [], ends: [Int] = []
        for (index, column) in columns.enumerated() {
            if index > 0 { text.append(contentsOf: ", ".utf8) }
            JSONText.appendKey(column.name, to: &text)
            ends.append(text.count)
        }
        keyText = text
        keyEnds = ends
    }

    /// Appends `row`'s fields, `"a" : 1, "b" : "x"`, without braces.
    @inlinable
    public func append(_ row: Row, to bytes: inout [UInt8]) {
        columns.withUnsafeBufferPointer { columns in
            keyText.withUnsafeBufferPointer { keys in
                keyEnds.withUnsafeBufferPointer { ends in
                    var start = 0
                    for index in 0..<columns.count {
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: keys[start..<ends[index]]))
                        start = ends[index]
                        JSONText.appendValue(columns[index].cell(row), to: &bytes)
                    }
                }
            }
        }
    }

    /// Appends `row` as one JSON object on one line, `{"a" : 1, "b" : "x"}`.
    @inlinable
    public func appendObject(_ row: Row, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "{"))
        append(row, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
    }
}
