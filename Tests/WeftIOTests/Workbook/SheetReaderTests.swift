import Foundation
import Testing
@testable import WeftIO
import WeftGraph

/// The workbooks in Workbooks/ (written by make_workbooks.py with openpyxl, LibreOffice and by
/// hand from ECMA-376), read cell by cell.
@Suite struct SheetReaderTests {
    static let folder = Bundle.module.url(forResource: "Workbooks", withExtension: nil)!.path

    static func path(_ name: String) -> String { folder + "/" + name }

    /// A sheet's header and its records as "line: field|field|…", with each record's problem.
    func read(_ name: String) throws -> (label: String, header: [String], rows: [String], problems: [String]) {
        let source = try InputSource.open(path: SheetReaderTests.path(name))
        var rows: [String] = [], problems: [String] = []
        try source.forEachRecord { record in
            rows.append("\(record.line): " + (0..<record.fieldCount).map { record.displayString($0) }.joined(separator: "|"))
            if let problem = record.problem { problems.append("\(record.line):\(SpreadsheetColumn.letters(problem.column)) \(problem)") }
        }
        return (source.label.replacingOccurrences(of: SheetReaderTests.folder + "/", with: ""), source.header, rows, problems)
    }

    func error(_ name: String) -> String? {
        do {
            let source = try InputSource.open(path: SheetReaderTests.path(name))
            try source.forEachRecord { _ in }
            return nil
        } catch {
            return "\(error)".replacingOccurrences(of: SheetReaderTests.folder + "/", with: "")
        }
    }

    @Test func handWrittenWorkbookHasEveryCellType() throws {
        let sheet = try read("handmade.xlsx")
        #expect(sheet.label == "handmade.xlsx:R&D log")
        // Shared strings with rich runs, a header cell with a line break, the used range's empty fifth column.
        #expect(sheet.header == ["source", "target", "time stamp", "note", ""])
        #expect(sheet.rows == [
            // inline string, phonetic guide left out, 1904 date-time in a custom format, _x000D_ and _x005F_ escapes
            "3: m01|山田|2024-03-02T12:00:00|line one\r\nline two & _x0041_|",
            // formula string by its cached value, CDATA, serial 0 in the 1904 system, an error value
            "4: m02|a<b>|1904-01-01|#N/A|",
            // a boolean, a missing cell, rich inline runs; F5 lies right of the used range
            "5: TRUE|||rich run|",
            // row 6 has only empty cells: skipped; E7 is a formula never calculated: empty
            "7: |source|||",
        ])
        #expect(sheet.problems == ["5:F a value in a column with no header"])
    }

    @Test func cellsOutOfOrderArePlacedByReference() throws {
        let sheet = try read("unordered.xlsx")
        #expect(sheet.header == ["source", "", "target"])
        #expect(sheet.rows == ["2: m01|7|m02"])
    }

    @Test func openpyxlMemberList() throws {
        let sheet = try read("members-openpyxl.xlsx")
        #expect(sheet.label == "members-openpyxl.xlsx:Roster")
        #expect(sheet.header == ["Member ID", "name", "email", "country", "joined", "active", "score", ""])
        #expect(sheet.rows == [
            "2: m01|Ana Silva|ana.silva@example.org|BR|2023-01-15|TRUE|3|",
            "3: m02|José Ramírez||MX|2023-02-01|FALSE|2.5|",
            "4: m03|Wanjiru Kamau|wkamau@example.org|KE|2024-02-29|TRUE||",     // openpyxl stores no formula result
            "6: m04|Nguyễn Thị Lan|lan.nguyen@example.org|VN|2023-06-01T14:30:00|||",
            "7: m05|Bo & Chen <BC>|bo.chen@example.org|CN|2023-03-15|TRUE|1|stray note",
            "8: |no id|noid@example.org|||||",
        ])
        #expect(sheet.problems.isEmpty)
    }

    @Test func libreOfficeMemberListHasCachedFormulaValues() throws {
        let sheet = try read("members-libreoffice.xlsx")
        #expect(sheet.header == ["Member ID", "name", "email", "country", "joined", "active", "score", ""])
        #expect(sheet.rows[2] == "4: m03|Wanjiru Kamau|wkamau@example.org|KE|2024-02-29|TRUE|5|")
        #expect(sheet.rows == (try read("members-openpyxl.xlsx")).rows.map {
            $0.hasPrefix("4: ") ? "4: m03|Wanjiru Kamau|wkamau@example.org|KE|2024-02-29|TRUE|5|" : $0
        })
    }

    @Test func serialDatesIn1900System() throws {
        let sheet = try read("dates-1900.xlsx")
        #expect(sheet.rows == [
            "2: yyyy-mm-dd|1900-01-01",
            "3: yyyy-mm-dd|1900-02-28",
            "4: yyyy-mm-dd|1900-02-29",            // Excel's day that never was: no date reader accepts it
            "5: yyyy-mm-dd|1900-03-01",
            "6: m/d/yyyy h:mm|2023-03-15T18:00:00",
            "7: h:mm:ss|12:00:00",
            "8: [h]:mm|1.25",                      // a duration stays a number of days
            "9: 0.00|45000",
            "10: \"day \"0|45000",
            "11: [$-409]d mmmm yyyy;@|2023-03-15",
            "12: yyyy\"年\"m\"月\"d\"日\"|2023-03-15",
        ])
    }

    @Test func serialDatesIn1904System() throws {
        let sheet = try read("dates-1904.xlsx")
        #expect(sheet.rows == ["2: m01|m02|2024-03-05T09:15:30", "3: m02|m03|1904-01-01", "4: m03|m01|2024-12-31"])
    }

    @Test func namedSheetsAndTheirErrors() throws {
        let notes = try read("members-openpyxl.xlsx#Notes")
        #expect(notes.label == "members-openpyxl.xlsx:Notes")
        #expect(notes.rows == ["2: m01|founding member"])
        #expect(try read("members-openpyxl.xlsx#notes").rows == notes.rows, "a sheet name matches ignoring case")
        #expect(error("members-openpyxl.xlsx#Nope") == "members-openpyxl.xlsx: no sheet named 'Nope' (the workbook's sheets: Roster, Notes)")
        #expect(InputSource.location(of: "a/b.xlsx#Sheet 2") == ("a/b.xlsx#Sheet 2", nil), "no such file: the path is taken as written")
        #expect(InputSource.location(of: SheetReaderTests.path("kobo.xlsx#choices")) == (SheetReaderTests.path("kobo.xlsx"), "choices"))
    }

    @Test func otherFormatsAndDamagedFilesAreClearErrors() {
        #expect(error("members.xls") == """
            members.xls: this is a binary Excel workbook (.xls) or a password-protected one, which Weft does not read: \
            open it in Excel or LibreOffice and save it as .xlsx (without a password) or as CSV
            """)
        #expect(error("members.ods") == """
            members.ods: this is an OpenDocument spreadsheet (.ods), which Weft does not read: \
            open it in LibreOffice or Excel and save it as .xlsx or as CSV
            """)
        #expect(error("truncated.xlsx")
                == "truncated.xlsx: not a readable workbook: no ZIP end-of-central-directory record (the file is cut short or not an .xlsx)")
        #expect(error("endless-stream.xlsx")
                == "endless-stream.xlsx: not a readable workbook: part 'xl/worksheets/sheet1.xml' is cut short (its deflate stream does not end)")
        #expect(error("not-a-workbook.xlsx") == "not-a-workbook.xlsx: not a readable workbook: part 'xl/workbook.xml' is missing")
        #expect(error("bad-shared-string.xlsx") == "bad-shared-string.xlsx:R&D log:3:B: refers to shared string 99, but the workbook has 4")
    }

    @Test func excelSerialConversion() {
        #expect(ExcelDate.text(serial: 45000.5, display: .date, uses1904: false) == "2023-03-15")
        #expect(ExcelDate.text(serial: 45000.999999, display: .dateTime, uses1904: false) == "2023-03-16T00:00:00", "rounds to the second")
        #expect(ExcelDate.text(serial: 0, display: .date, uses1904: false) == "1900-01-00")
        #expect(ExcelDate.text(serial: -1, display: .date, uses1904: false) == nil)
        #expect(ExcelDate.text(serial: 2_958_465, display: .date, uses1904: false) == "9999-12-31")
        #expect(ExcelDate.text(serial: 2_958_466, display: .date, uses1904: false) == nil)
        #expect(ExcelDate.text(serial: .nan, display: .date, uses1904: false) == nil)
        #expect(NumberFormat.display(ofCode: "[Magenta]dd/mm/yy") == .date)
        #expect(NumberFormat.display(ofCode: "[White]#,##0.00") == nil)
        #expect(NumberFormat.display(ofCode: "mm:ss") == .time)
        #expect(NumberFormat.display(ofCode: "mmm yyyy") == .date)
        #expect(NumberFormat.display(ofCode: "\\d0") == nil, "an escaped letter is literal")
        #expect(NumberFormat.builtInDisplay(22) == .dateTime)
        #expect(NumberFormat.builtInDisplay(46) == nil)
        #expect(SpreadsheetColumn.letters(1) == "A" && SpreadsheetColumn.letters(28) == "AB" && SpreadsheetColumn.letters(16_384) == "XFD")
    }
}

/// Workbooks through the dataset readers: the same accounting and messages as CSV files.
@Suite struct WorkbookIngestTests {
    @Test func membersFromOpenpyxlAndLibreOffice() throws {
        for name in ["members-openpyxl.xlsx", "members-libreoffice.xlsx"] {
            let path = SheetReaderTests.path(name)
            let dataset = try DatasetLoader().load(InputPaths(members: path))
            let file = try #require(dataset.files.first)
            #expect(file.rowsRead == 6 && file.accepted == 5 && file.rejected == 1 && file.isBalanced)
            #expect(file.layout.sheet == "Roster" && file.layout.columnNaming == .letters)
            #expect(file.extraColumns == ["country", "joined", "active", "score", "column_8"])
            #expect(dataset.members.ids.identifiers == ["m01", "m02", "m03", "m04", "m05"])
            #expect(dataset.members.names == ["Ana Silva", "José Ramírez", "Wanjiru Kamau", "Nguyễn Thị Lan", "Bo & Chen <BC>"])
            let joined = try #require(dataset.members.attributes.column(named: "joined"))
            #expect((0..<5).map { joined.value(at: $0) } == ["2023-01-15", "2023-02-01", "2024-02-29", "2023-06-01T14:30:00Z", "2023-03-15"])   // a date-time cell is a wall-clock time, read in --timezone (UTC) like every date
            #expect(dataset.rejects.map(\.message) == ["\(path):Roster:8:A: member id is empty [column Member ID = \"\"]"])
            #expect(dataset.rejects.first?.column == 1)
        }
    }

    @Test func interactionsFromLibreOffice() throws {
        let path = SheetReaderTests.path("interactions-libreoffice.xlsx")
        let dataset = try DatasetLoader().load(InputPaths(interactions: path))
        let file = try #require(dataset.files.first)
        #expect(file.rowsRead == 4 && file.accepted == 3 && file.rejected == 1)
        #expect(dataset.interactions.count == 3)
        #expect(dataset.rejects.map(\.location) == ["\(path):interactions:5:B"])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        var digest = SHA256()
        bytes.withUnsafeBytes { digest.update($0.baseAddress!, count: $0.count) }
        #expect(file.sha256 == digest.hexDigest() && file.bytes == bytes.count, "the fingerprint is the workbook file's")
    }

    @Test func interactionsWith1904Dates() throws {
        let dataset = try DatasetLoader().load(InputPaths(interactions: SheetReaderTests.path("dates-1904.xlsx")))
        #expect(dataset.interactions.count == 3 && dataset.rejects.isEmpty)
    }

    @Test func aSheetSuffixOnATextFileIsAnError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("weft-sheet-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "id\nm01\n".write(toFile: folder + "/members.csv", atomically: true, encoding: .utf8)
        #expect(throws: InputError(file: folder + "/members.csv", line: nil, column: nil,
                                   message: "'#Roster' names a sheet, but this is a text file, not an .xlsx workbook")) {
            try DatasetLoader().load(InputPaths(members: folder + "/members.csv#Roster"))
        }
    }
}
