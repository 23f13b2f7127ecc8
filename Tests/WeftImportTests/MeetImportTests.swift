import XCTest
@testable import WeftImport
import WeftIO

/// Google Meet attendance reports (Fixtures/make_fixtures.py) to attendance rows.
final class MeetImportTests: XCTestCase {
    func importing(_ files: [String], configure: (inout AttendanceImportSettings) -> Void = { _ in }) throws -> AttendanceImport.Outcome {
        var settings = AttendanceImportSettings(format: .meet)
        configure(&settings)
        return try AttendanceImport(settings: settings).run(inputs: files.map { ImportFixtures.folder + "/meet/" + $0 }, roster: ImportFixtures.roster())
    }

    func testClockTimesDatedFromTheSheetNameAndFullDateTimes() throws {
        let o = try importing(["Learning circle - Attendance report - 2024-03-14.csv", "Data clinic - Attendance report.csv"])
        XCTAssertEqual(o.rows.map { "\($0.member) \($0.event) \($0.date) \($0.topic) \($0.minutes)" }, [
            "m00 Learning circle 2024-03-14 2024-03-14 Learning circle 90.0",
            "m01 Learning circle 2024-03-14 2024-03-14 Learning circle 64.0",
            "m02 Learning circle 2024-03-14 2024-03-14 Learning circle 58.0",
            "m03 Learning circle 2024-03-14 2024-03-14 Learning circle 45.0",
            "m01 Data clinic 2024-03-21 2024-03-21 Data clinic 60.0",    // no duration: exit − join
            "m02 Data clinic 2024-03-21 2024-03-21 Data clinic 55.0",    // two devices summed
        ])
        XCTAssertEqual(ImportFixtures.counts(o.accounts), [[7, 6, 1], [3, 3, 0]])
        XCTAssertTrue(o.accounts.allSatisfy(\.isBalanced))
        XCTAssertEqual(o.accounts.map(\.layout), [["meeting keyed Learning circle, dated 2024-03-14 from the file name"], ["meeting keyed Data clinic"]])
        XCTAssertEqual(o.rejects.map { "\($0.line) \($0.field ?? "") \($0.value ?? "")" }, ["8 Duration about an hour"])
        XCTAssertEqual([o.presences, o.joinsSummed, o.belowMinimum, o.unmatchedLeftOut], [8, 1, 1, 1])   // José 7 min; the dial-in
        XCTAssertEqual(o.people.matches.map { "\($0.text.unicodeScalars.count > 0) \($0.match.method.rawValue)" }, ["true unmatched"])
    }

    func testDayFirstTimesCanBeNamed() throws {
        let o = try importing(["Data clinic - Attendance report.csv"]) { $0.dateFormat = try? DateFormat("DD/MM/YYYY, HH:mm:ss") }
        XCTAssertEqual(o.rows.map(\.date), ["2024-03-21", "2024-03-21"])
        // Named the wrong way round, the row that needs its times is rejected, and no date is known.
        let wrong = try importing(["Data clinic - Attendance report.csv"]) { $0.dateFormat = try? DateFormat("MM/DD/YYYY, HH:mm:ss") }
        XCTAssertEqual(ImportFixtures.counts(wrong.accounts), [[3, 2, 1]])
        XCTAssertEqual(wrong.rows.map(\.date), [""])
    }

    func testOtherExportsAreNamed() throws {
        var settings = AttendanceImportSettings(format: .meet)
        settings.minMinutes = 0
        XCTAssertThrowsError(try AttendanceImport(settings: settings).run(inputs: [ImportFixtures.folder + "/zoom/meeting-data.csv"], roster: nil)) { error in
            XCTAssertTrue("\(error)".contains("looks like a Zoom participants report, not a Google Meet attendance report"), "\(error)")
        }
    }
}
