import XCTest
@testable import WeftImport
import WeftGraph

final class ExportDateTimeTests: XCTestCase {
    func testPlatformDateTimes() {
        let expected = Timestamp.seconds(year: 2024, month: 3, day: 14, hour: 21, minute: 5, second: 7)
        XCTAssertEqual(ExportDateTime.parse("03/14/2024 09:05:07 PM", order: .monthFirst), expected)
        XCTAssertEqual(ExportDateTime.parse("3/14/24, 9:05:07\u{202F}PM", order: .monthFirst), expected)
        XCTAssertEqual(ExportDateTime.parse("14/03/2024, 21:05:07", order: .dayFirst), expected)
        XCTAssertEqual(ExportDateTime.parse("2024-03-14 21:05:07", order: .dayFirst), expected)
        XCTAssertEqual(ExportDateTime.parse("2024-03-14T21:05:07", order: .monthFirst), expected)
        XCTAssertEqual(ExportDateTime.parse("03/14/2024 12:00:00 AM", order: .monthFirst), Timestamp.seconds(year: 2024, month: 3, day: 14))
        XCTAssertNil(ExportDateTime.parse("14/03/2024 09:05:07", order: .monthFirst))
        XCTAssertNil(ExportDateTime.parse("02/30/2024 09:05", order: .monthFirst))
        XCTAssertNil(ExportDateTime.parse("03/14/2024 13:05 PM", order: .monthFirst))
        XCTAssertNil(ExportDateTime.parse("yesterday", order: .monthFirst))
        XCTAssertNil(ExportDateTime.parse("03/14/2024 09:05 XM", order: .monthFirst))
        XCTAssertNil(ExportDateTime.parse("", order: .monthFirst))
    }

    func testImpliedOrder() {
        XCTAssertEqual(ExportDateTime.impliedOrder("14/03/2024, 09:15"), .dayFirst)
        XCTAssertEqual(ExportDateTime.impliedOrder("3/14/24, 9:01 AM"), .monthFirst)
        XCTAssertNil(ExportDateTime.impliedOrder("03/04/2024 09:15"))
        XCTAssertNil(ExportDateTime.impliedOrder("2024-03-14 09:15"))
    }

    func testDurations() {
        XCTAssertEqual(ExportDateTime.durationSeconds("1h 2m 28s"), 3748)
        XCTAssertEqual(ExportDateTime.durationSeconds("28m 57s"), 1737)
        XCTAssertEqual(ExportDateTime.durationSeconds("2 hr 5 min"), 7500)
        XCTAssertEqual(ExportDateTime.durationSeconds("45 sec"), 45)
        XCTAssertEqual(ExportDateTime.durationSeconds("01:02:28"), 3748)
        XCTAssertEqual(ExportDateTime.durationSeconds("62:05"), 3725)
        XCTAssertNil(ExportDateTime.durationSeconds("12"))
        XCTAssertNil(ExportDateTime.durationSeconds("1 fortnight"))
        XCTAssertNil(ExportDateTime.durationSeconds("h"))
        XCTAssertNil(ExportDateTime.durationSeconds("1:75:00"))
    }
}

extension ExportDateTimeTests {
    /// Numbers too large for any meeting are refused, not multiplied into an overflow.
    func testHugeNumbersAreRefused() {
        XCTAssertNil(ExportDateTime.durationSeconds("9223372036854775807:00"))
        XCTAssertNil(ExportDateTime.durationSeconds("99999999h"))
        XCTAssertNil(ExportDateTime.parse("99999/1/2024 10:00", order: .monthFirst))
    }
}
