import WeftGraph
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How `InputSource` tells workbooks from text and picks a sheet.
///
/// A sheet is chosen with a `#` suffix wherever a path is taken: `members.xlsx#Roster`,
/// `survey.xlsx#choices`; without one, the workbook's first sheet (leftmost tab) is read. The
/// suffix is taken off only when the path with it is not itself a file. A file is a workbook by
/// its first bytes (a ZIP archive), not its name. A binary Excel workbook (.xls, an OLE2
/// compound file — also what a password-protected .xlsx is) and an OpenDocument spreadsheet
/// (.ods, a ZIP with a `mimetype` part) are refused with a message saying to save as .xlsx or CSV.
extension InputSource {
    /// The file and sheet a path names: `book.xlsx#Sheet 2` → (`book.xlsx`, `Sheet 2`).
    public static func location(of path: String) -> (file: String, sheet: String?) {
        guard let hash = path.lastIndex(of: "#"), !isFile(path) else { return (path, nil) }
        let file = String(path[..<hash]), sheet = String(path[path.index(after: hash)...])
        guard !sheet.isEmpty, isFile(file) else { return (path, nil) }
        return (file, sheet)
    }

    /// The sheets of the workbook at `file`, in tab order; nil when it is a text file.
    public static func sheetNames(of file: String) throws -> [String]? {
        let bytes = try FileBytes(path: file, label: file)
        guard try isWorkbook(sample: try bytes.peek(8), path: file, label: file) else { return nil }
        return try Workbook(path: file, label: file).sheets.map(\.name)
    }

    /// Whether a file whose first bytes are `sample` is an .xlsx workbook (false: text); throws
    /// for the spreadsheet formats Weft does not read, saying what to do.
    static func isWorkbook(sample: [UInt8], path: String, label: String) throws -> Bool {
        if sample.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw InputError(file: label, line: nil, column: nil, message: """
                this is a binary Excel workbook (.xls) or a password-protected one, which Weft does not read: \
                open it in Excel or LibreOffice and save it as .xlsx (without a password) or as CSV
                """)
        }
        // A ZIP archive's first local header, or the end record of an empty one.
        guard sample.starts(with: [0x50, 0x4B, 3, 4]) || sample.starts(with: [0x50, 0x4B, 5, 6]) else { return false }
        let archive = try ZipArchive(path: path, label: label)
        if archive.entries["mimetype"] != nil || archive.entries["content.xml"] != nil {
            throw InputError(file: label, line: nil, column: nil, message: """
                this is an OpenDocument spreadsheet (.ods), which Weft does not read: \
                open it in LibreOffice or Excel and save it as .xlsx or as CSV
                """)
        }
        return true
    }

    /// The error for a `#Sheet` suffix on a text file.
    static func sheetOfTextFile(_ sheet: String, label: String) -> InputError {
        InputError(file: label, line: nil, column: nil, message: "'#\(sheet)' names a sheet, but this is a text file, not an .xlsx workbook")
    }

    private static func isFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFDIR
    }
}

extension SheetReader: RecordReader {
    public var layout: InputLayout { InputLayout(delimiter: "", encoding: .utf8, sheet: sheetName) }
}
