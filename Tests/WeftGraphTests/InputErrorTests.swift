import Testing
import WeftGraph

/// The one location-carrying error every reader throws: its message is `file:line:column: message`,
/// with what is unknown left out, the column as letters for a sheet, and a config key path after.
@Suite struct InputErrorTests {
    @Test func describesItsPlace() {
        #expect(InputError(file: "members.csv", line: 3, column: 2, message: "no id column").description == "members.csv:3:2: no id column")
        #expect(InputError(file: "data", line: nil, column: nil, message: "not a folder").description == "data: not a folder")
        #expect(InputError(file: "book.xlsx#Sheet1", line: 4, column: 28, message: "bad date", columnNaming: .letters).description
                == "book.xlsx#Sheet1:4:AB: bad date")
        #expect(InputError(file: "segments.toml", line: 2, column: 17, message: "'window_months' is a whole number",
                           keyPath: "settings.window_months").description
                == "segments.toml:2:17: 'window_months' is a whole number (at settings.window_months)")
    }

    @Test func namesColumnsAsASpreadsheetDoes() {
        #expect([1, 26, 27, 52, 53, 702, 703, 16_384].map(ColumnNaming.letters) == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"])
        #expect(ColumnNaming.numbers.name(28) == "28")
    }
}
