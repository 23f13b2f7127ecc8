import Dispatch
import WeftGraph
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one sheet of an .xlsx workbook row by row, as the CSV readers read a file: the first
/// row with a value is the header, every later row with a value is a record whose line is its
/// sheet row number and whose fields are its cells by column letter (A is field 1). Rows with no
/// value are skipped, as blank lines are in a CSV file.
///
/// A cell's text is what Weft would read from the same sheet saved as CSV, in a form its
/// parsers take:
/// - shared strings (rich-text runs joined, phonetic guides left out) and inline strings, with
///   XML entities and SpreadsheetML's `_xHHHH_` escapes decoded;
/// - numbers as stored (`3`, `0.25`, `1E-3`); a number whose style shows a date becomes ISO 8601
///   (`ExcelDate`, 1900 or 1904 system as the workbook says);
/// - booleans as `TRUE` / `FALSE`; error values as written (`#N/A`); formulas by their cached
///   value (a formula never calculated has none, and its cell is empty);
/// - a missing cell (`A3`, `D3` with no `B3`, `C3`) is an empty field.
/// Header cells have line breaks turned into spaces, so a header written on two lines matches.
///
/// The sheet is streamed (`XMLScanner` over the inflated part): memory holds one row and the
/// workbook's shared strings, whatever the sheet's length.
public final class SheetReader {
    /// How messages name the sheet: `file:Sheet`.
    public let label: String
    public let sheetName: String
    public private(set) var header: [String] = []
    /// The sheet row number of the header.
    public private(set) var headerLine = 1
    /// The number of data rows the sheet's `dimension` element declares, when it has one.
    public private(set) var estimatedRecordCount: Int?

    private let workbook: Workbook
    private let xml: XMLScanner
    private let digest: FileDigest
    private var values: [UInt8] = []
    private var cells: [(column: Int, start: Int, end: Int)] = []
    private var rowNumber = 0
    private var declaredColumnCount: Int?
    private var inSheetData = false
    private var finished = false

    /// Opens sheet `sheet` (the first when nil) of the workbook at `path`; `label` names the file in messages.
    public init(path: String, label: String, sheet: String?) throws {
        digest = FileDigest(path: path)
        workbook = try Workbook(path: path, label: label)
        let chosen = try workbook.sheet(named: sheet)
        guard chosen.isWorksheet else {
            throw InputError(file: label, line: nil, column: nil, message: "sheet '\(chosen.name)' is a chart, not a table of cells")
        }
        sheetName = chosen.name
        self.label = label + ":" + chosen.name
        xml = try workbook.scanner(chosen.part)
        try readHeader()
    }

    /// Every byte of the .xlsx file, hashed.
    public var fingerprint: SHA256 { digest.result }

    private func readHeader() throws {
        while try readRow() {
            guard !cells.isEmpty else { continue }
            headerLine = rowNumber
            // As wide as the sheet's used range when it declares one (a CSV saved from the sheet
            // has as many fields), so columns whose header cell is empty, such as the merged
            // question cells of a survey export, still line up.
            let width = max(cells.map(\.column).max()! + 1, declaredColumnCount ?? 0)
            var names = [String](repeating: "", count: width)
            for cell in cells {
                names[cell.column] = SheetReader.headerText(values[cell.start..<cell.end])
            }
            header = names
            if let declared = estimatedRecordCount { estimatedRecordCount = max(0, declared - rowNumber) }
            return
        }
        throw InputError(file: label, line: nil, column: nil, message: "the sheet is empty (no header row)")
    }

    /// A header cell's text with its line breaks as spaces and runs of spaces as one.
    static func headerText(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
            .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == "\t" })
            .joined(separator: " ")
    }

    /// Reads the next row with a value into `record` (fields by column, as many as the header
    /// has); false at the end of the sheet. A value in a column right of the header is the
    /// record's problem. The row's bytes move into the record, which owns them.
    public func next(_ record: inout CSVRecord) throws -> Bool {
        while try readRow() {
            guard !cells.isEmpty else { continue }
            record.line = rowNumber
            record.problem = nil
            record.spans.removeAll(keepingCapacity: true)
            for _ in 0..<header.count { record.spans.append((0, 0)) }
            for cell in cells {
                if cell.column < header.count {
                    record.spans[cell.column] = (cell.start, cell.end)
                } else if record.problem == nil {
                    record.problem = .valueOutsideHeader(column: cell.column + 1)
                }
            }
            swap(&record.storage, &values)     // the record's old storage is the next row's, emptied by `readRow`
            return true
        }
        return false
    }

    // MARK: Parsing

    private enum CellType { case number, sharedString, inlineString, boolean, formulaString, other }

    /// The cell being read: where it is, how to read its text, and where its text starts in `values`.
    private struct OpenCell {
        let column: Int
        let type: CellType
        let style: Int
        let start: Int
    }

    /// Reads the next `row` element into `cells` and `values` (empty cells left out); false at
    /// the end of the sheet's data. Text is taken only from a cell's `v`, or its inline string's
    /// `t` outside phonetic runs; a cell left open is closed by the next cell or the row's end.
    private func readRow() throws -> Bool {
        guard !finished else { return false }
        values.removeAll(keepingCapacity: true)
        cells.removeAll(keepingCapacity: true)
        var inRow = false
        var lastColumn = -1
        var cell: OpenCell?
        var capturing = false, inInlineString = false, phoneticDepth = 0
        func closeCell() throws {
            if let open = cell { try finishCell(open) }
            (cell, capturing, inInlineString, phoneticDepth) = (nil, false, false, 0)
        }
        while true {
            switch try xml.next() {
            case .endOfPart:
                try closeCell()
                finished = true
                return inRow
            case .start(let selfClosing):
                if !inSheetData {
                    if xml.nameIs("sheetData") { inSheetData = !selfClosing; finished = selfClosing }
                    else if xml.nameIs("dimension") { (declaredColumnCount, estimatedRecordCount) = declaredSize() }
                    if finished { return false }
                    continue
                }
                if xml.nameIs("row") {
                    try closeCell()
                    rowNumber = try number(xml.attribute("r"), after: rowNumber, what: "row number")
                    lastColumn = -1
                    if selfClosing { return true }
                    inRow = true
                } else if xml.nameIs("c") {
                    try closeCell()
                    lastColumn = try cellColumn(after: lastColumn)
                    if !selfClosing {
                        cell = OpenCell(column: lastColumn, type: cellType(),
                                        style: xml.attribute("s").flatMap { SheetReader.integer($0) } ?? 0, start: values.count)
                    }
                } else if cell == nil || selfClosing {
                    continue
                } else if xml.nameIs("v") {
                    capturing = !inInlineString
                } else if xml.nameIs("is") {
                    inInlineString = true
                } else if xml.nameIs("t") {
                    capturing = inInlineString && phoneticDepth == 0
                } else if xml.nameIs("rPh") {
                    phoneticDepth += 1
                }
            case .end:
                if !inSheetData { continue }
                if xml.nameIs("v") || xml.nameIs("t") {
                    capturing = false
                } else if xml.nameIs("rPh") {
                    phoneticDepth = max(0, phoneticDepth - 1)
                } else if xml.nameIs("is") {
                    inInlineString = false
                } else if xml.nameIs("c") {
                    try closeCell()
                } else if xml.nameIs("row") {
                    try closeCell()
                    return true
                } else if xml.nameIs("sheetData") {
                    try closeCell()
                    finished = true
                    return inRow
                }
            case .text:
                if capturing { xml.appendText(to: &values) }
            }
        }
    }

    private func cellType() -> CellType {
        guard let t = xml.attribute("t"), !t.isEmpty else { return .number }
        switch t.count {
        case 1 where t[0] == UInt8(ascii: "s"): return .sharedString
        case 1 where t[0] == UInt8(ascii: "b"): return .boolean
        case 1 where t[0] == UInt8(ascii: "n"): return .number
        case 3 where t[0] == UInt8(ascii: "s"): return .formulaString
        case 9: return .inlineString
        default: return .other            // `e` (error), `d` (ISO 8601 date): the text as written
        }
    }

    /// Turns the text captured for a cell into its field text, and records the cell unless it is empty.
    private func finishCell(_ cell: OpenCell) throws {
        let (column, style, start) = (cell.column, cell.style, cell.start)
        guard values.count > start else { return }
        switch cell.type {
        case .sharedString:
            let index = values[start...].withUnsafeBufferPointer { SheetReader.integer($0) } ?? -1
            values.removeSubrange(start...)
            let found = workbook.sharedStrings.withString(index) { values.append(contentsOf: $0); return true } ?? false
            guard found else {
                throw cellError(column, "refers to shared string \(index), but the workbook has \(workbook.sharedStrings.count)")
            }
        case .boolean:
            let isTrue = values[start] == UInt8(ascii: "1")
            values.removeSubrange(start...)
            values.append(contentsOf: isTrue ? Array("TRUE".utf8) : Array("FALSE".utf8))
        case .inlineString, .formulaString:
            OOXMLText.unescape(from: start, in: &values)
        case .number:
            if style < workbook.dateStyles.count, let display = workbook.dateStyles[style],
               let serial = Double(String(decoding: values[start...], as: UTF8.self)),
               let text = ExcelDate.text(serial: serial, display: display, uses1904: workbook.uses1904) {
                values.removeSubrange(start...)
                values.append(contentsOf: Array(text.utf8))
            }
        case .other:
            break
        }
        if values.count > start { cells.append((column, start, values.count)) }
    }

    /// The current cell's column (0-based) from its reference (`C14` → 2), or the one after the
    /// previous cell's when it has none.
    private func cellColumn(after previous: Int) throws -> Int {
        guard let reference = xml.attribute("r") else { return previous + 1 }
        guard let column = SpreadsheetColumn.number(leadingLettersOf: reference) else {
            throw InputError(file: label, line: rowNumber, column: nil,
                             message: "cell reference '\(String(decoding: reference, as: UTF8.self))' is not a column letter and row (A1 … XFD1048576)")
        }
        return column - 1
    }

    /// A row number attribute, or the one after `previous` when absent.
    private func number(_ attribute: UnsafeBufferPointer<UInt8>?, after previous: Int, what: String) throws -> Int {
        guard let attribute else { return previous + 1 }
        guard let value = SheetReader.integer(attribute), value >= 1 else {
            throw InputError(file: label, line: nil, column: nil, message: "\(what) '\(String(decoding: attribute, as: UTF8.self))' is not a positive whole number")
        }
        return value
    }

    /// The columns and rows of the sheet's used range from its `dimension` reference
    /// (`A1:E1000001` → 5 and 1,000,001); nil for what it does not say.
    private func declaredSize() -> (columns: Int?, rows: Int?) {
        guard let reference = xml.attribute("ref"), let colon = reference.firstIndex(of: UInt8(ascii: ":")) else { return (nil, nil) }
        let corner = UnsafeBufferPointer(rebasing: reference[(colon + 1)...])
        let letterCount = corner.prefix { ($0 & 0xDF) >= UInt8(ascii: "A") && ($0 & 0xDF) <= UInt8(ascii: "Z") }.count
        return (SpreadsheetColumn.number(leadingLettersOf: corner), SheetReader.integer(UnsafeBufferPointer(rebasing: corner.dropFirst(letterCount))))
    }

    /// A decimal whole number of up to nine digits (row numbers, indices), or nil.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private func cellError(_ column: Int, _ message: String) -> InputError {
        InputError(file: label, line: rowNumber, column: column + 1, message: message, columnNaming: .letters)
    }
}

/// Spreadsheet column letters: A is column 1, Z 26, AA 27, … XFD 16384 (Excel's last).
public enum SpreadsheetColumn {
    public static let maximum = 16_384

    /// The 1-based column named by the letters that start `reference` (`C14` → 3), or nil when
    /// it starts with none or names a column past XFD.
    static func number(leadingLettersOf reference: UnsafeBufferPointer<UInt8>) -> Int? {
        var column = 0
        for byte in reference {
            let upper = byte & 0xDF
            guard upper >= UInt8(ascii: "A"), upper <= UInt8(ascii: "Z"), byte >= UInt8(ascii: "A") else { break }
            column = column * 26 + Int(upper - UInt8(ascii: "A")) + 1
            if column > maximum { return nil }
        }
        return column == 0 ? nil : column
    }

    /// The letters of 1-based column `number`.
    public static func letters(_ number: Int) -> String { ColumnNaming.letters(number) }
}

/// The SHA-256 of a file, computed on a background queue from the moment it is created, so that
/// hashing a workbook costs its reader no time on two cores.
final class FileDigest: @unchecked Sendable {
    private var digest = SHA256()
    private let done = DispatchGroup()

    init(path: String) {
        done.enter()
        DispatchQueue.global().async {
            defer { self.done.leave() }
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { return }
            defer { close(descriptor) }
            let block = UnsafeMutableRawPointer.allocate(byteCount: 1 << 20, alignment: 16)
            defer { block.deallocate() }
            while true {
                let got = read(descriptor, block, 1 << 20)
                if got < 0 && errno == EINTR { continue }
                if got <= 0 { break }
                self.digest.update(block, count: got)
            }
        }
    }

    var result: SHA256 {
        done.wait()
        return digest
    }
}
