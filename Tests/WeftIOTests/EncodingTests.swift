import Foundation
import Testing
@testable import WeftIO
import WeftGraph

/// Files as Excel, LibreOffice and Teams save them (Files/encodings, written by
/// Files/make_encoding_fixtures.py): each encoding reads to the same members, the encoding used
/// is reported, and a byte that is not valid in the encoding is an error at its line and column.
@Suite struct EncodingTests {
    static let folder = Bundle.module.url(forResource: "Files", withExtension: nil)!.appendingPathComponent("encodings").path

    static let names = ["Amélie Dupré", "Fátima Conceição", "José Ñúñez", "Zoë Œuvre", "Kwame Asante"]
    static let organisations = ["Ministère de l'Éducation", "Direção Nacional", "Consejería; Salud",
                                "Œuvres “Sociales” – Lyon", "Ghana Education Service € fund"]

    func file(_ name: String) -> String { EncodingTests.folder + "/" + name }

    func members(_ name: String, _ encoding: EncodingChoice = .detect) throws -> Dataset {
        try DatasetLoader(reading: ReadingOptions(encoding: encoding)).load(InputPaths(members: file(name)))
    }

    func loadError(_ name: String, _ encoding: EncodingChoice = .detect) -> InputError? {
        do { _ = try members(name, encoding); return nil } catch { return error as? InputError }
    }

    @Test(arguments: [
        ("members-utf8.csv", TextEncoding.utf8, ","),
        ("members-excel-utf8-bom.csv", .utf8, ","),
        ("members-excel-windows-1252.csv", .windows1252, ";"),
        ("members-excel-unicode-text.txt", .utf16LE, "\t"),
        ("members-utf16le-no-bom.csv", .utf16LE, ","),
        ("members-utf16be.csv", .utf16BE, ","),
    ])
    func everyEncodingReadsToTheSameMembers(_ name: String, _ encoding: TextEncoding, _ delimiter: String) throws {
        let dataset = try members(name)
        let summary = try #require(dataset.files.first)
        #expect(summary.layout.encoding == encoding && summary.layout.encodingDetected)
        #expect(summary.delimiter == delimiter)
        #expect(summary.rowsRead == 5 && summary.accepted == 5 && summary.rejected == 0)
        #expect(dataset.members.ids.identifiers == ["m01", "m02", "m03", "m04", "m05"])
        #expect(dataset.members.names == EncodingTests.names)
        let organisation = try #require(dataset.members.attributes.column(named: "organisation"))
        #expect((0..<5).map { organisation.value(at: $0) } == EncodingTests.organisations)
        // The fingerprint is the file's own bytes, byte-order mark and all.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file(name)))
        #expect(summary.bytes == bytes.count)
        var digest = SHA256()
        bytes.withUnsafeBytes { digest.update($0.baseAddress!, count: $0.count) }
        #expect(summary.sha256 == digest.hexDigest())
    }

    @Test func windows1252IsAGuessAndSaysWhy() throws {
        let summary = try #require(try members("members-excel-windows-1252.csv").files.first)
        #expect(summary.layout.encodingNote == "not valid UTF-8 (line 2, column 7: byte 0xE9 is not valid UTF-8)")
        let warnings = try members("members-excel-windows-1252.csv").warnings
        #expect(warnings.map(\.code) == ["encoding_assumed"])
        #expect(warnings.first?.severity == .info)
        #expect(warnings.first?.message.contains("read as Windows-1252") == true)
        #expect(try members("members-utf8.csv").warnings.isEmpty)
    }

    @Test func latin1FromLibreOfficeReadsAsWindows1252WithTheSameLetters() throws {
        let dataset = try members("members-libreoffice-latin1.csv")
        #expect(dataset.files.first?.layout.encoding == .windows1252)
        #expect(dataset.members.names == ["Amélie Dupré", "Fátima Conceição", "José Ñúñez", "Zoë Oeuvre", "Kwame Asante"])
        let forced = try members("members-libreoffice-latin1.csv", .forced(.latin1))
        #expect(forced.members.names == dataset.members.names)
        #expect(forced.files.first?.layout.encoding == .latin1 && forced.files.first?.layout.encodingDetected == false)
    }

    @Test func recordsInWindows1252AndUTF16ResolveAgainstTheMembers() throws {
        let paths = InputPaths(members: file("members-excel-windows-1252.csv"), interactions: file("interactions-excel-windows-1252.csv"))
        let dataset = try DatasetLoader(unknownMembers: .reject).load(paths)
        #expect(dataset.rowsRead == 9 && dataset.rowsAccepted == 9)
        #expect(dataset.interactions.types.identifiers == ["", "réunion", "appel", "e-mail"])
        let teams = try DatasetLoader(unknownMembers: .reject)
            .load(InputPaths(members: file("members-utf8.csv"), interactions: file("interactions-teams-utf16le.csv")))
        #expect(teams.rowsAccepted == 9 && teams.rowsRejected == 0)
        #expect(teams.files.map(\.layout.encoding) == [.utf8, .utf16LE])
        #expect(teams.interactions.types.identifiers == ["", "réunion", "appel", "e-mail"])
    }

    @Test func anUndefinedWindows1252ByteIsAnErrorAtItsLineAndColumn() throws {
        let error = try #require(loadError("members-windows-1252-undefined-byte.csv"))
        #expect(error.line == 4 && error.column == 8)
        #expect(error.description.hasSuffix("members-windows-1252-undefined-byte.csv:4:8: not valid Windows-1252: byte 0x81 is not a Windows-1252 character; "
                                            + "name the file's encoding with --encoding (utf-8, utf-16, utf-16le, utf-16be, windows-1252, latin-1 or auto)"))
        // Latin-1 reads every byte: the row comes in, the byte as U+0081.
        let latin = try members("members-windows-1252-undefined-byte.csv", .forced(.latin1))
        #expect(latin.members.names[2] == "Jos\u{81} Ñúñez" && latin.rowsAccepted == 5)
    }

    @Test func forcedUTF8ChecksEveryByte() throws {
        let error = try #require(loadError("members-excel-windows-1252.csv", .forced(.utf8)))
        #expect(error.line == 2 && error.column == 7)
        #expect(error.message.hasPrefix("not valid UTF-8: byte 0xE9 is not valid UTF-8"))
        let fine = try members("members-excel-utf8-bom.csv", .forced(.utf8))
        #expect(fine.members.names == EncodingTests.names)
        #expect(fine.files.first?.layout.encodingDetected == false)
    }

    @Test func brokenUTF16IsAnErrorAtItsLineAndColumn() throws {
        let surrogate = try #require(loadError("members-utf16le-lone-surrogate.csv"))
        #expect(surrogate.line == 3 && surrogate.column == 5)
        #expect(surrogate.message.hasPrefix("not valid UTF-16 (little-endian): an unpaired UTF-16 surrogate 0xD800"))
        let cut = try #require(loadError("members-utf16le-cut.csv"))
        #expect(cut.message.hasPrefix("not valid UTF-16 (little-endian): the file ends in the middle of a UTF-16 character"))
        #expect(cut.line == 7 && cut.column == 1)
    }

    @Test func utf16TakesItsByteOrderFromTheMark() throws {
        #expect(try members("members-utf16be.csv", .utf16).files.first?.layout.encoding == .utf16BE)
        #expect(try members("members-excel-unicode-text.txt", .utf16).members.names == EncodingTests.names)
        #expect(try members("members-utf16le-no-bom.csv", .utf16).files.first?.layout.encoding == .utf16LE)
    }

    @Test(arguments: ["members-excel-windows-1252.csv", "members-excel-unicode-text.txt", "members-utf16be.csv", "members-utf8.csv"])
    func tinyBlocksGiveTheSameRecords(_ name: String) throws {
        func rows(blockSize: Int) throws -> [[String]] {
            var options = ReadingOptions()
            options.blockSize = blockSize
            let reader = try InputSource.open(path: file(name), options: options)
            var out: [[String]] = [reader.header]
            try reader.forEachRecord { r in out.append((0..<r.fieldCount).map { r.displayString($0) } + ["\(r.line)"]) }
            return out
        }
        let whole = try rows(blockSize: 1 << 16)
        #expect(whole.count == 6 && whole[3].contains("Consejería; Salud") && whole[5].last == "6")
        for block in [1, 2, 3, 5, 7] { #expect(try rows(blockSize: block) == whole, "block \(block)") }
    }

    @Test func aBadByteAfterTheDetectionSampleOfAUTF8FileRejectsItsRow() throws {
        let folder = try TempFolder()
        var bytes = Array("id,name\n".utf8)
        for k in 0..<50 { bytes += Array("m\(k),Zoë\n".utf8) }
        bytes += Array("bad,Zo".utf8) + [0xEB] + Array("\n".utf8)
        let path = folder.path + "/members.csv"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var options = ReadingOptions()
        options.detectionSample = 64          // the first 64 bytes are UTF-8: read as UTF-8
        let dataset = try DatasetLoader(reading: options).load(InputPaths(members: path))
        #expect(dataset.files.first?.layout.encoding == .utf8)
        #expect(dataset.rowsRead == 51 && dataset.rowsAccepted == 50 && dataset.rowsRejected == 1)
        #expect(dataset.rejects.first?.line == 52 && dataset.rejects.first?.reason == "text is not valid UTF-8")
    }

    @Test func encodingNamesParse() {
        #expect(EncodingChoice("UTF-8") == .forced(.utf8))
        #expect(EncodingChoice("utf_16") == .utf16)
        #expect(EncodingChoice("cp1252") == .forced(.windows1252))
        #expect(EncodingChoice("ISO-8859-1") == .forced(.latin1))
        #expect(EncodingChoice("utf-16be") == .forced(.utf16BE))
        #expect(EncodingChoice("auto") == .detect)
        #expect(EncodingChoice("ebcdic") == nil)
    }

    @Test func transcoderKeepsLineEndsAndCountsColumnsInCharacters() throws {
        var transcoder = Transcoder(encoding: .windows1252)
        var out: [UInt8] = []
        let input: [UInt8] = Array("a\r\nb\rc\n".utf8) + [0x80, 0x9F, 0x8D]
        #expect(throws: EncodingProblem(line: 4, column: 3, what: "byte 0x8D is not a Windows-1252 character")) {
            try input.withUnsafeBytes { try transcoder.decode($0, isEnd: true, into: &out) }
        }
        #expect(String(decoding: out, as: UTF8.self) == "a\r\nb\rc\n€Ÿ")
    }
}
