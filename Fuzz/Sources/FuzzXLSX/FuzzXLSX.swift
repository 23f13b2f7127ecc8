import Foundation
import FuzzSupport
import WeftIO

/// Feeds arbitrary bytes to the .xlsx reader, in two ways chosen by the first byte:
/// - even: the bytes are the workbook file itself (the ZIP layer: central directory, local
///   headers, inflate, CRC and size checks);
/// - odd: the bytes, split at NUL, are the sheet, shared strings and styles XML, packed by
///   `MiniZip` into a well-formed workbook, so mutations reach the XML scanner, the cell types,
///   the styles and the date conversion instead of stopping at a CRC check. Bit 1 of the first
///   byte selects the 1904 date system.
/// Either way the file goes through the interactions reader (the whole ingest path), which must
/// account for every row or throw; nothing may crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzXLSX(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = UnsafeBufferPointer(start: data + 1, count: size - 1)
    let file: [UInt8] = data[0] & 1 == 0 ? Array(bytes) : MiniZip.workbook(fromXML: bytes, uses1904: data[0] & 2 != 0)
    let path = scratchFile("book.xlsx")
    _ = FileManager.default.createFile(atPath: path, contents: Data(file))
    defer { unlink(path) }
    if let dataset = try? DatasetLoader().load(InputPaths(interactions: path)) {
        precondition(dataset.rowsRead == dataset.rowsAccepted + dataset.rowsRejected, "rows lost")
        precondition(dataset.files.allSatisfy { $0.isBalanced }, "file not balanced")
    }
    if let source = try? InputSource.open(path: path) {
        try? source.forEachRecord { record in
            precondition(source.layout.sheet == nil || record.fieldCount == source.header.count,
                         "a sheet record wider or narrower than the header")
            for i in 0..<record.fieldCount { _ = record.displayString(i) }
        }
    }
    return 0
}

/// Packs XML parts into a minimal .xlsx: stored (uncompressed) ZIP entries with their CRC-32s,
/// the package and workbook relationships, and one sheet.
enum MiniZip {
    static func workbook(fromXML bytes: UnsafeBufferPointer<UInt8>, uses1904: Bool) -> [UInt8] {
        let pieces = bytes.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false).map(Array.init)
        let sheet = pieces.first ?? [], strings = pieces.count > 1 ? pieces[1] : [], styles = pieces.count > 2 ? pieces[2] : []
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let workbook = """
            <workbook xmlns:r="\(relationships)"><workbookPr date1904="\(uses1904 ? 1 : 0)"/>\
            <sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>
            """
        let workbookRelationships = """
            <Relationships><Relationship Id="rId1" Type="\(relationships)/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="\(relationships)/sharedStrings" Target="sharedStrings.xml"/>\
            <Relationship Id="rId3" Type="\(relationships)/styles" Target="styles.xml"/></Relationships>
            """
        let packageRelationships = """
            <Relationships><Relationship Id="rId1" Type="\(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """
        return archive([("_rels/.rels", Array(packageRelationships.utf8)), ("xl/workbook.xml", Array(workbook.utf8)),
                        ("xl/_rels/workbook.xml.rels", Array(workbookRelationships.utf8)),
                        ("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", strings), ("xl/styles.xml", styles)])
    }

    static func archive(_ parts: [(name: String, data: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = [], directory: [UInt8] = []
        for (name, data) in parts {
            let offset = out.count, crc = crc32(data), nameBytes = Array(name.utf8)
            out += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le32(0) + le32(crc)
                + le32(data.count) + le32(data.count) + le16(nameBytes.count) + le16(0) + nameBytes + data
            directory += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le32(0) + le32(crc)
                + le32(data.count) + le32(data.count) + le16(nameBytes.count) + le16(0) + le16(0) + le16(0) + le16(0)
                + le32(0) + le32(offset) + nameBytes
        }
        let directoryOffset = out.count
        out += directory
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(parts.count) + le16(parts.count)
            + le32(directory.count) + le32(directoryOffset) + le16(0)
        return out
    }

    /// CRC-32 (ISO-HDLC, as ZIP uses it), bit by bit: the parts are small.
    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    static func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16(v >> 16 & 0xFFFF) }
    static func le32(_ v: UInt32) -> [UInt8] { le32(Int(v)) }
}

/// SwiftPM links the executable's entry point as `FuzzXLSX_main`.
@_cdecl("FuzzXLSX_main")
func fuzzXLSXMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzXLSX(data!, size) }
}
