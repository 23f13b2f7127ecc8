import WeftGraph
/// An .xlsx workbook (Office Open XML SpreadsheetML, ECMA-376 Part 1): its sheets in tab order,
/// the date system, which cell styles show dates, and the shared strings — everything a sheet's
/// cells refer to. Sheets themselves are streamed by `SheetReader`.
///
/// Parts are found as the package says (ECMA-376 Part 2, Open Packaging Conventions): the
/// package relationships name the workbook part, the workbook's relationships name its sheets,
/// shared strings and styles.
final class Workbook {
    struct Sheet: Equatable {
        let name: String
        /// The part holding the sheet's cells, e.g. `xl/worksheets/sheet1.xml`.
        let part: String
        /// False for a chart sheet, which has no cells.
        let isWorksheet: Bool
    }

    let archive: ZipArchive
    private(set) var sheets: [Sheet] = []
    private(set) var uses1904 = false
    /// For each cell style (`s` attribute, an index into `cellXfs`), what its number format shows
    /// of a date, or nil for a number.
    private(set) var dateStyles: [DateDisplay?] = []
    private(set) var sharedStrings = SharedStrings()

    init(path: String, label: String) throws {
        archive = try ZipArchive(path: path, label: label)
        let workbookPart = try officeDocumentPart()
        let relationships = try readRelationships(of: workbookPart)
        try readWorkbook(workbookPart, relationships: relationships)
        if let styles = relationships.first(where: { $0.type.hasSuffix("/styles") }) {
            try readStyles(styles.target)
        }
        if let strings = relationships.first(where: { $0.type.hasSuffix("/sharedStrings") }) {
            sharedStrings = try SharedStrings(scanner: try scanner(strings.target))
        }
    }

    /// The sheet named `name` (exactly, else ignoring case), or the first sheet when nil.
    func sheet(named name: String?) throws -> Sheet {
        guard let name else {
            guard let first = sheets.first else { throw archive.failure("the workbook has no sheets") }
            return first
        }
        if let exact = sheets.first(where: { $0.name == name }) { return exact }
        if let folded = sheets.first(where: { $0.name.lowercased() == name.lowercased() }) { return folded }
        throw InputError(file: archive.label, line: nil, column: nil,
                         message: "no sheet named '\(name)' (the workbook's sheets: \(sheets.map(\.name).joined(separator: ", ")))")
    }

    func scanner(_ part: String) throws -> XMLScanner {
        guard let entry = archive.entries[part] else { throw archive.failure("part '\(part)' is missing") }
        return XMLScanner(part: try ZipPartReader(archive: archive, entry: entry))
    }

    // MARK: Package structure

    struct Relationship {
        let id: String
        let type: String
        /// The target as a part name (no leading slash), resolved against the source's folder.
        let target: String
    }

    /// The workbook part named by the package relationships (`xl/workbook.xml` when absent).
    private func officeDocumentPart() throws -> String {
        guard archive.entries["_rels/.rels"] != nil else { return "xl/workbook.xml" }
        let relationships = try readRelationships(of: "")
        return relationships.first(where: { $0.type.hasSuffix("/officeDocument") })?.target ?? "xl/workbook.xml"
    }

    /// The relationships of `part` (from `folder/_rels/name.rels`); none when that part is absent.
    private func readRelationships(of part: String) throws -> [Relationship] {
        let folder = part.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let fileName = part.split(separator: "/").last.map(String.init) ?? ""
        let relsPart = (folder.isEmpty ? "" : folder + "/") + "_rels/" + fileName + ".rels"
        guard archive.entries[relsPart] != nil else { return [] }
        let xml = try scanner(relsPart)
        var out: [Relationship] = []
        while true {
            let token = try xml.next()
            if token == .endOfPart { break }
            guard case .start = token, xml.nameIs("Relationship"),
                  let id = xml.attributeText("Id"), let type = xml.attributeText("Type"), let target = xml.attributeText("Target"),
                  xml.attributeText("TargetMode") != "External" else { continue }
            out.append(Relationship(id: id, type: type, target: Workbook.resolve(target, from: folder)))
        }
        return out
    }

    /// A relationship target as a part name: absolute targets lose their slash; relative ones are
    /// joined to the source's folder, with `..` and `.` steps applied.
    static func resolve(_ target: String, from folder: String) -> String {
        var steps: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
        for step in target.split(separator: "/") {
            if step == ".." { _ = steps.popLast() } else if step != "." { steps.append(step) }
        }
        return steps.joined(separator: "/")
    }

    /// Reads the sheets in tab order and the date system.
    private func readWorkbook(_ part: String, relationships: [Relationship]) throws {
        let xml = try scanner(part)
        while true {
            let token = try xml.next()
            if token == .endOfPart { break }
            guard case .start = token else { continue }
            if xml.nameIs("workbookPr") {
                let flag = xml.attributeText("date1904")
                uses1904 = flag == "1" || flag == "true"
            } else if xml.nameIs("sheet"), let name = xml.attributeText("name"), let id = xml.attributeText("id") {
                guard let relationship = relationships.first(where: { $0.id == id }) else { continue }
                sheets.append(Sheet(name: name, part: relationship.target,
                                    isWorksheet: relationship.type.hasSuffix("/worksheet")))
            }
        }
    }

    /// Reads the custom number formats and, for each cell style in `cellXfs`, whether its format is a date.
    private func readStyles(_ part: String) throws {
        guard archive.entries[part] != nil else { return }
        let xml = try scanner(part)
        var customFormats: [Int: DateDisplay?] = [:]
        var inCellStyles = false
        while true {
            let token = try xml.next()
            if token == .endOfPart { break }
            switch token {
            case .start(let selfClosing):
                if xml.nameIs("numFmt"), let id = xml.attributeText("numFmtId").flatMap({ Int($0) }),
                   let code = xml.attributeText("formatCode") {
                    customFormats[id] = NumberFormat.display(ofCode: code)
                } else if xml.nameIs("cellXfs") {
                    inCellStyles = !selfClosing
                } else if inCellStyles, xml.nameIs("xf") {
                    let id = xml.attributeText("numFmtId").flatMap { Int($0) } ?? 0
                    dateStyles.append(customFormats[id] ?? NumberFormat.builtInDisplay(id))
                }
            case .end:
                if xml.nameIs("cellXfs") { inCellStyles = false }
            default: break
            }
        }
    }
}

/// A workbook's shared string table (`sst`): the text of each `si` item, rich-text runs joined
/// and phonetic guides (`rPh`) left out, kept as one byte array and end offsets.
struct SharedStrings {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    init() {}

    init(scanner xml: XMLScanner) throws {
        var phoneticDepth = 0, inText = false, inItem = false
        while true {
            switch try xml.next() {
            case .endOfPart:
                return
            case .start(let selfClosing):
                if xml.nameIs("si") {
                    ends.append(bytes.count)
                    inItem = !selfClosing
                } else if xml.nameIs("rPh") {
                    if !selfClosing { phoneticDepth += 1 }
                } else if xml.nameIs("t") {
                    inText = !selfClosing
                }
            case .end:
                if xml.nameIs("rPh") {
                    phoneticDepth = max(0, phoneticDepth - 1)
                } else if xml.nameIs("t") {
                    inText = false
                } else if xml.nameIs("si"), inItem {
                    let from = ends.count < 2 ? 0 : ends[ends.count - 2]
                    OOXMLText.unescape(from: from, in: &bytes)
                    ends[ends.count - 1] = bytes.count
                    inItem = false
                }
            case .text:
                if inItem && inText && phoneticDepth == 0 { xml.appendText(to: &bytes) }
            }
        }
    }

    var count: Int { ends.count }

    /// The bytes of string `index`, or nil when there is no such string.
    func withString<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard index >= 0, index < ends.count else { return nil }
        let from = index == 0 ? 0 : ends[index - 1]
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[from..<ends[index]])) }
    }
}

/// SpreadsheetML's escape for characters XML cannot carry (ECMA-376 Part 1, §22.4.2.4, ST_Xstring):
/// `_xHHHH_` is the UTF-16 code unit HHHH (`_x000D_` a carriage return), and `_x005F_` escapes
/// a literal underscore that would otherwise start one.
enum OOXMLText {
    /// Decodes the escapes in `bytes[from...]` in place.
    static func unescape(from: Int, in bytes: inout [UInt8]) {
        guard from < bytes.count, bytes[from...].contains(UInt8(ascii: "_")) else { return }
        var out: [UInt8] = []
        var p = from
        while p < bytes.count {
            if bytes[p] == UInt8(ascii: "_"), p + 6 < bytes.count, bytes[p + 1] == UInt8(ascii: "x"), bytes[p + 6] == UInt8(ascii: "_"),
               let unit = UInt16(String(decoding: bytes[(p + 2)..<(p + 6)], as: UTF8.self), radix: 16),
               let scalar = Unicode.Scalar(unit) {
                XMLScanner.appendUTF8(scalar, to: &out)
                p += 7
            } else {
                out.append(bytes[p])
                p += 1
            }
        }
        bytes.replaceSubrange(from..., with: out)
    }
}
