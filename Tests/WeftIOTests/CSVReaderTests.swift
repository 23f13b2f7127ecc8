import WeftGraph
import Foundation
import Testing
@testable import WeftIO

func records(_ text: String, blockSize: Int? = nil) throws -> (header: [String], rows: [[String]], lines: [Int], problems: [CSVShapeProblem?], delimiter: UInt8) {
    let reader: CSVReader
    if let blockSize {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("weft-csv-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        reader = try CSVReader(path: path, label: "t.csv", blockSize: blockSize)
        return try collect(reader)
    }
    reader = try CSVReader(bytes: Array(text.utf8), label: "t.csv")
    return try collect(reader)
}

private func collect(_ reader: CSVReader) throws -> (header: [String], rows: [[String]], lines: [Int], problems: [CSVShapeProblem?], delimiter: UInt8) {
    var rows: [[String]] = [], lines: [Int] = [], problems: [CSVShapeProblem?] = []
    try reader.forEachRecord { r in
        rows.append((0..<r.fieldCount).map { r.displayString($0) })
        lines.append(r.line)
        problems.append(r.problem)
    }
    return (reader.header, rows, lines, problems, reader.delimiter)
}

@Suite struct CSVReaderTests {
    @Test func plainRecords() throws {
        let r = try records("a,b,c\n1,2,3\n4,5,6\n")
        #expect(r.header == ["a", "b", "c"])
        #expect(r.rows == [["1", "2", "3"], ["4", "5", "6"]])
        #expect(r.lines == [2, 3])
    }

    @Test func quotingPerRFC4180() throws {
        let r = try records("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"multi\nline\",z\nlast,\"\"\n")
        #expect(r.rows == [["x, y", "say \"hi\""], ["multi\nline", "z"], ["last", ""]])
        #expect(r.lines == [2, 3, 5])   // the embedded newline moves the last record to line 5
    }

    @Test func crlfBomAndMissingFinalNewline() throws {
        let r = try records("\u{FEFF}id,name\r\n1,Ana\r\n2,Bo")
        #expect(r.header == ["id", "name"])
        #expect(r.rows == [["1", "Ana"], ["2", "Bo"]])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let r = try records("a\n\n1\n\r\n2\n\n")
        #expect(r.rows == [["1"], ["2"]] && r.lines == [3, 5])
    }

    @Test(arguments: [("a;b;c\n1;2;3\n", UInt8(ascii: ";")), ("a\tb\n1\t2\n", 0x09), ("a,b;c\n", UInt8(ascii: ",")), ("\"x;y\",z\n", UInt8(ascii: ","))])
    func delimiterDetection(_ text: String, _ expected: UInt8) throws {
        #expect(try records(text).delimiter == expected)
    }

    @Test func unterminatedQuoteIsReportedAndParsingResumes() throws {
        let r = try records("a,b\n1,\"open\n2,3\n4,5\n")
        #expect(r.rows.count == 3)
        #expect(r.problems[0] == .unterminatedQuote(column: 2))
        #expect(r.rows[1] == ["2", "3"] && r.rows[2] == ["4", "5"] && r.lines == [2, 3, 4])
    }

    @Test func aLaterQuoteDoesNotSwallowTheRowsBetween() throws {
        let r = try records("source,target,timestamp\na,\"b,2024-01-01\nc,d,2024-01-02\ne,\"f\",2024-01-03\n")
        #expect(r.rows.count == 3 && r.lines == [2, 3, 4])
        #expect(r.problems[0] == .unterminatedQuote(column: 2))
        #expect(r.rows[1] == ["c", "d", "2024-01-02"] && r.rows[2] == ["e", "f", "2024-01-03"])
    }

    @Test func textAfterClosingQuoteIsAProblem() throws {
        let r = try records("a,b\n\"x\"y,2\n")
        #expect(r.problems[0] == .textAfterClosingQuote(column: 1))
    }

    @Test func emptyFileHasNoHeader() {
        #expect(throws: InputError.self) { try CSVReader(bytes: [], label: "empty.csv") }
    }

    @Test func headerOnly() throws {
        #expect(try records("a,b\n").rows.isEmpty)
    }

    @Test func tinyBlocksGiveTheSameRecords() throws {
        let text = "id,note\r\n" + (0..<200).map { "m\($0),\"quoted, \"\"\($0)\"\"\nsecond line\"\r\n" }.joined()
        let whole = try records(text)
        for block in [1, 2, 3, 7, 64] {
            let streamed = try records(text, blockSize: block)
            #expect(streamed.rows == whole.rows && streamed.lines == whole.lines)
        }
        #expect(whole.rows.count == 200 && whole.rows[5][1] == "quoted, \"5\"\nsecond line" && whole.lines[1] == 4)
    }

    @Test func recordsPastTheLimitAreSkippedUnread() throws {
        let long = String(repeating: "x", count: 5_000)
        let text = "id,note\n" + "m1,short\n" + "m2,\(long)\n" + "m3,\"\(long)\n\"\"quoted\"\"\r\nmore\"\r\n"
            + "m4,ok\r" + "m5,\(long)\r" + "m6,last\n" + "m7,\"\(long)"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("weft-long-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        for block in [16, 64, 1 << 12] {
            let reader = try CSVReader(path: path, label: "t.csv", blockSize: block)
            reader.limitRecordBytes(CSVReader.recordByteLimit(fieldBytes: 100, columns: 2))   // 406 bytes
            let r = try collect(reader)
            #expect(r.rows.map { $0.first ?? "" } == ["m1", "", "", "m4", "", "m6", ""], "block \(block)")
            #expect(r.lines == [2, 3, 4, 7, 8, 9, 10], "block \(block)")
            #expect(r.problems.map { $0 == nil } == [true, false, false, true, false, true, false])
            if case .recordTooLong(let bytes, let limit)? = r.problems[1] { #expect(bytes == 5_004 && limit == 406) } else { Issue.record("no recordTooLong") }
            #expect(reader.bufferCapacity <= 2 * max(block, 406) + 2 * block, "the buffer grew to \(reader.bufferCapacity) bytes with \(block)-byte blocks")
        }
        // Without a limit below the records, the same file reads in full.
        let whole = try records(text, blockSize: 64)
        #expect(whole.rows.count == 7 && whole.rows[1][1] == long && whole.problems[6] != nil)
    }

    @Test func nonUTF8BytesAreDetectedPerField() throws {
        var bytes = Array("a,b\n".utf8)
        bytes += [0x66, 0xFF, 0x2C, 0x6F, 0x6B, 0x0A]
        let reader = try CSVReader(bytes: bytes, label: "t.csv")
        try reader.forEachRecord { r in
            #expect(r.string(0) == nil)
            #expect(r.string(1) == "ok")
        }
    }

    /// Each field read through the record's accessors, and through `withBytes` with a typed
    /// error, including an escaped field (held in the record's own copy) and a missing one.
    @Test func recordAccessorsReadEachField() throws {
        struct Stop: Error, Equatable { let count: Int }
        let reader = try CSVReader(bytes: Array("a,b,c,d\n  x\t, 1.5 ,\"say \"\"hi\"\"\", x\n".utf8), label: "t.csv")
        var seen = 0
        try reader.forEachRecord { r in
            seen += 1
            #expect(r.fieldCount == 4)
            #expect(r.displayString(0) == "  x\t" && r.trimmedString(0) == "x" && !r.isBlank(0) && r.byteCount(0) == 4)
            #expect(r.decimal(1) == 1.5 && r.decimal(0) == nil)
            #expect(r.string(2) == "say \"hi\"" && r.displayPrefix(2, maxBytes: 3) == "say")
            #expect(r.withTrimmedBytes(0, 3) { $0.elementsEqual($1) })
            #expect(r.isEmpty(9) && r.isBlank(9) && r.string(9) == "")
            do throws(Stop) {
                _ = try r.withBytes(0) { (bytes) throws(Stop) -> Int in throw Stop(count: bytes.count) }
                Issue.record("withBytes did not pass on the error")
            } catch {
                #expect(error == Stop(count: 4))
            }
        }
        #expect(seen == 1)
    }
}

@Suite struct ISO8601Tests {
    func seconds(_ text: String) -> Int64? { try? ISO8601.parse(text).get().seconds }

    @Test func acceptedForms() throws {
        let leapDay: Int64 = 1_709_164_800
        #expect(seconds("1970-01-01") == 0)
        #expect(seconds("2024-02-29") == 1_709_164_800)
        #expect(seconds("2024-02-29T10:20") == leapDay + 37_200)
        #expect(seconds("2024-02-29 10:20:30") == leapDay + 37_230)
        #expect(seconds("2024-02-29T10:20:30Z") == leapDay + 37_230)
        #expect(seconds("2024-02-29T10:20:30.123456Z") == leapDay + 37_230)
        #expect(seconds("2024-02-29T12:20:30+02:00") == leapDay + 37_230)
        #expect(seconds("2024-02-29T05:20:30-0500") == leapDay + 37_230)
        #expect(seconds("2024-03-01T01:00:00+14") == leapDay + 39_600)
        #expect(seconds(" 2024-01-01 ") == 1_704_067_200)
        #expect(try ISO8601.parse("2024-01-01").get().isDateOnly)
    }

    @Test(arguments: ["", "2024", "2024-1-01", "01/02/2024", "2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10",
                      "2024-01-01T24:00", "2024-01-01T10:60", "2024-01-01T10:00:61", "2024-01-01X", "2024-01-01T10:00+15:00",
                      "2024-01-01T10", "yesterday", "2024-01-01T10:00:00.Z", "2024-01-01T10:00:00Zjunk"])
    func rejectedForms(_ text: String) {
        #expect(seconds(text) == nil)
    }

    @Test func reasonsNameTheProblem() {
        #expect(ISO8601.parse("2023-02-29") == .failure(.impossible("2023-02 has no day 29")))
        #expect(ISO8601.parse("") == .failure(.empty))
    }
}

@Suite struct DecimalParserTests {
    func parse(_ s: String) -> Double? {
        var s = s
        return s.withUTF8 { DecimalParser.parse(UnsafeRawBufferPointer($0)) }
    }

    @Test func fastPathIsExact() {
        for text in ["0", "1", "-2.5", "0.1", "3.14159", "+7", "123456789012345", "0.000001", "1.", ".5"] {
            #expect(parse(text) == Double(text.hasSuffix(".") ? String(text.dropLast()) : (text.hasPrefix(".") ? "0" + text : text)), "\(text)")
        }
    }

    @Test func slowPathAndFailures() {
        #expect(parse("1e3") == 1000)
        #expect(parse("12345678901234567890") == 12345678901234567890.0)
        #expect(parse("nan")?.isNaN == true)
        #expect(parse("abc") == nil && parse("") == nil && parse(".") == nil && parse("1,5") == nil && parse("-") == nil)
        #expect(parse("0x10") == nil && parse("0x1p4") == nil && parse("1_000") == nil)
        #expect(parse("-inf") == -.infinity && parse("Infinity") == .infinity)
    }
}

/// Tables Weft writes read back as they were written, whatever their header holds.
@Suite struct CSVTableRoundTripTests {
    @Test func headersWithOtherDelimitersKeepTheirColumns() throws {
        // Found by FuzzMembers: an attribute named `=Optio!t;nom;pays` made the written header
        // hold more semicolons than commas, so the table read back split on semicolons.
        let header = ["id", "=Optio!t;nom;pays", "a\tb", "plain"]
        let text = CSVTableWriter.render(header: header, rows: [[.text("m1"), .text("x;y"), .text(""), .integer(3)]])
        #expect(text.hasPrefix("id,\"'=Optio!t;nom;pays\",\"a\tb\",plain\n"))
        let reader = try CSVReader(bytes: Array(text.utf8), label: "written")
        #expect(reader.delimiter == UInt8(ascii: ","))
        #expect(reader.header == ["id", "'=Optio!t;nom;pays", "a\tb", "plain"])
        var rows: [[String]] = []
        try reader.forEachRecord { r in rows.append((0..<r.fieldCount).map { r.displayString($0) }) }
        #expect(rows == [["m1", "x;y", "", "3"]])
    }

    /// Rows formatted a chunk at a time on several threads make the table one row at a time
    /// makes, positions that give no row included, and count the rows written.
    @Test(arguments: [1, 2, 3])
    func rowsFormattedInChunksMakeTheSameTable(threads: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("weft-chunks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func cells(_ v: Int) -> [CSVCell]? {
            v % 7 == 3 ? nil : [.text(v % 5 == 0 ? "=m\(v)" : "m,\(v)"), .integer(v - 500), .real(Double(v) / 3), .dateTime(Int64(v) * 86_399), .flag(v % 2 == 0)]
        }
        let one = try CSVTableWriter(path: folder.appendingPathComponent("one.csv").path, header: ["id", "n", "x", "t", "f"])
        for v in 0..<2_345 { if let row = cells(v) { try one.writeRow(row) } }
        try one.commit()
        let chunked = try CSVTableWriter(path: folder.appendingPathComponent("chunked.csv").path, header: ["id", "n", "x", "t", "f"])
        try chunked.writeRows(positions: 2_345, chunkSize: 100, threads: threads) { range, rows in
            for v in range {
                guard let row = cells(v) else { continue }
                for cell in row { rows.append(cell) }
                rows.endRow()
            }
        }
        try chunked.commit()
        #expect(chunked.rowsWritten == one.rowsWritten && one.rowsWritten == 2_345 - 335)
        #expect(try Data(contentsOf: folder.appendingPathComponent("chunked.csv")) == Data(contentsOf: folder.appendingPathComponent("one.csv")))
    }

    @Test func anUndefinedNumberIsAnEmptyCellAsAMissingOneIs() {
        let text = CSVTableWriter.render(header: ["a", "b", "c", "d"], rows: [[.real(.nan), .empty, .real(0.5), .real(-.infinity)]])
        #expect(text == "a,b,c,d\n,,0.5,-Inf\n")
    }
}
