import XCTest
@testable import WeftImport

final class PlatformDurationTests: XCTestCase {
    func testDurations() {
        XCTAssertEqual(PlatformDuration.seconds("1h 2m 28s"), 3748)
        XCTAssertEqual(PlatformDuration.seconds("28m 57s"), 1737)
        XCTAssertEqual(PlatformDuration.seconds("2 hr 5 min"), 7500)
        XCTAssertEqual(PlatformDuration.seconds("45 sec"), 45)
        XCTAssertEqual(PlatformDuration.seconds("01:02:28"), 3748)
        XCTAssertEqual(PlatformDuration.seconds("62:05"), 3725)
        XCTAssertNil(PlatformDuration.seconds("12"))
        XCTAssertNil(PlatformDuration.seconds("1 fortnight"))
        XCTAssertNil(PlatformDuration.seconds("h"))
        XCTAssertNil(PlatformDuration.seconds("1:75:00"))
    }
}

extension PlatformDurationTests {
    /// Numbers too large for any meeting are refused, not multiplied into an overflow.
    func testHugeNumbersAreRefused() {
        XCTAssertNil(PlatformDuration.seconds("9223372036854775807:00"))
        XCTAssertNil(PlatformDuration.seconds("99999999h"))
    }
}
