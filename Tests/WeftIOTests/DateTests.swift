import Foundation
import Testing
@testable import WeftIO
import WeftGraph

/// The date pattern language, Unix and Excel times, per-column detection, time zones and
/// localised numbers; and files as Excel, Zoom and Teams write them (Files/dates, written by
/// Files/make_date_fixtures.py).
@Suite struct DateTests {
    static let folder = Bundle.module.url(forResource: "Files", withExtension: nil)!.appendingPathComponent("dates").path

    func file(_ name: String) -> String { DateTests.folder + "/" + name }

    func read(_ format: String, _ value: String, zone: String? = nil) -> String {
        var tz = zone.flatMap(LocalTimeZone.init(identifier:)) ?? LocalTimeZone()
        guard let f = try? DateFormat(format) else { return "bad format" }
        var copy = value
        let result = copy.withUTF8 { f.read(UnsafeRawBufferPointer($0), zone: &tz) }
        switch result {
        case .success(let v): return v.isDateOnly ? Timestamp.formatDate(v.seconds) : Timestamp.formatDateTime(v.seconds)
        case .failure(let p): return "error: \(p)"
        }
    }

    @Test func patternsReadTheLayoutsPeopleWrite() {
        #expect(read("DD/MM/YYYY", "25/03/2024") == "2024-03-25")
        #expect(read("DD/MM/YYYY", "5/3/2024") == "2024-03-05")
        #expect(read("MM/DD/YYYY hh:mm:ss A", "03/14/2024 12:30:00 AM") == "2024-03-14T00:30:00Z")
        #expect(read("MM/DD/YYYY hh:mm:ss A", "03/14/2024 12:30:00 pm") == "2024-03-14T12:30:00Z")
        #expect(read("M/D/YY, h:mm:ss A", "1/9/24, 3:04:00 p.m.") == "2024-01-09T15:04:00Z")
        #expect(read("YYYY-MM-DD HH:mm", "2024-03-25 07:05") == "2024-03-25T07:05:00Z")
        #expect(read("DD.MM.YYYY HH:mm:ss.SSS Z", "25.03.2024 10:00:00.250 +02:00") == "2024-03-25T08:00:00Z")
        #expect(read("YYYYMMDD", "20240325") == "2024-03-25")
        #expect(read("DD/MM/YY", "25/03/69") == "1969-03-25")
        #expect(read("DD/MM/YY", "25/03/68") == "2068-03-25")
        #expect(read("DD/MM/YYYY", "  25/03/2024 ") == "2024-03-25")
        #expect(read("DD/MM/YYYY", "2024-03-25") == "2024-03-25")           // ISO 8601 reads in any column
    }

    @Test func valuesThatDoNotFitSayWhy() {
        #expect(read("DD/MM/YYYY", "31/02/2023") == "error: impossible date: 2023-02 has no day 31")
        #expect(read("DD/MM/YYYY", "25-03-2024") == "error: not a date: expected '/' (--date-format DD/MM/YYYY)")
        #expect(read("DD/MM/YYYY", "25/13/2024") == "error: impossible date: month 13")
        #expect(read("MM/DD/YYYY hh:mm:ss A", "03/14/2024 13:30:00 PM") == "error: impossible date: hour 13 on a 12-hour clock")
        #expect(read("DD/MM/YYYY", "25/03/2024 10:00") == "error: not a date: expected nothing after the date (--date-format DD/MM/YYYY)")
        #expect(read("DD/MM/YYYY", "") == "error: date is empty")
    }

    @Test func badPatternsAreExplained() {
        func problem(_ text: String) -> String? {
            do { _ = try DatePattern(text); return nil } catch { return error.reason }
        }
        #expect(problem("dd/mm/yyyy") == "'dd' is not a field: write days as DD and years as YYYY (upper case); MM is the month and mm the minutes")
        #expect(problem("DD/mm/YYYY") == "minutes (mm) without an hour; the month is MM")
        #expect(problem("DD/MM/YYYY hh:mm") == "a 12-hour clock (hh) needs AM/PM (A); for a 24-hour clock write HH")
        #expect(problem("DD/MM") == "no year (YYYY or YY)")
        #expect(problem("YYYYMD") == "a one-letter field directly followed by a number cannot be read; write it with two letters (MM, DD, HH) or put a separator between")
        #expect(problem("DD/MM/YYY") == "'YYY': a year is YYYY (four digits) or YY (two)")
        #expect(problem("") == "the pattern is empty")
        #expect(problem("DD/MM/YYYY HH:mm Q") == "'Q' is not a field (fields: YYYY YY MM M DD D HH H hh h mm ss S A Z)")
    }

    @Test func unixAndExcelTimes() {
        #expect(read("unix", "1711377015") == "2024-03-25T14:30:15Z")
        #expect(read("unix-ms", "1711377015999") == "2024-03-25T14:30:15Z")
        #expect(read("unix", "99999999999999") == "error: impossible date: 99999999999999 is beyond the year 9999")
        #expect(read("excel", "45376.5") == "2024-03-25T12:00:00Z")
        #expect(read("excel", "45384") == "2024-04-02")
        #expect(read("excel", "1") == "1900-01-01")
        #expect(read("excel", "59") == "1900-02-28")
        #expect(read("excel", "61") == "1900-03-01")
        #expect(read("excel", "60") == "error: impossible date: Excel serial 60 is 1900-02-29, a day that does not exist")
        #expect(read("excel-1904", "0") == "1904-01-01")
        #expect(read("excel", "abc") == "error: not a date: 'abc' is not a number")
    }

    @Test func timesWithoutAnOffsetAreReadInTheZoneGiven() {
        #expect(read("iso", "2024-03-25T10:00:00", zone: "Africa/Nairobi") == "2024-03-25T07:00:00Z")
        #expect(read("iso", "2024-03-25T10:00:00+01:00", zone: "Africa/Nairobi") == "2024-03-25T09:00:00Z")
        #expect(read("iso", "2024-03-25", zone: "Africa/Nairobi") == "2024-03-25")        // a date stays its day
        #expect(read("DD/MM/YYYY HH:mm", "25/03/2024 10:00", zone: "America/Bogota") == "2024-03-25T15:00:00Z")
        // Paris: 2024-03-31 02:30 does not exist (read with the offset before, +01:00); 2024-10-27
        // 02:30 happens twice (read as the first, +02:00).
        #expect(read("iso", "2024-03-31T02:30:00", zone: "Europe/Paris") == "2024-03-31T01:30:00Z")
        #expect(read("iso", "2024-10-27T02:30:00", zone: "Europe/Paris") == "2024-10-27T00:30:00Z")
        #expect(read("iso", "2024-07-01T12:00:00", zone: "Europe/Paris") == "2024-07-01T10:00:00Z")
        #expect(LocalTimeZone(identifier: "Mars/Olympus") == nil)
    }

    @Test func detectionDecidesOnlyWhenTheValuesDo() throws {
        func classify(_ values: [String]) -> String {
            let samples = values.enumerated().map { DateDetection.Sample(text: $0.element, line: $0.offset + 2) }
            do {
                switch try DateDetection.classify(samples, column: "date") {
                case .dates(let f, let evidence): return "\(f)" + (evidence.map { " from \($0.text)" } ?? "")
                case .numbers(let a, _): return "numbers \(a.text)"
                case .notDates: return "not dates"
                }
            } catch { return error.message }
        }
        #expect(classify(["2024-03-25", "2024-03-26T10:00:00Z"]) == "ISO 8601")
        #expect(classify(["03/04/2024", "25/04/2024"]) == "DD/MM/YYYY from 25/04/2024")
        #expect(classify(["03/04/2024", "04/25/2024 "]) == "MM/DD/YYYY from 04/25/2024 ")
        #expect(classify(["2024/03/04"]) == "YYYY/MM/DD from 2024/03/04")
        #expect(classify(["1.9.24 3:04 PM", "23.1.24 8:59 AM"]) == "DD.MM.YY hh:mm A from 23.1.24 8:59 AM")
        #expect(classify(["25/03/2024T10:00:00Z"]) == "DD/MM/YYYYTHH:mm:ssZ from 25/03/2024T10:00:00Z")
        #expect(classify(["03/04/2024", "03/04/2024", "05/06/2024"])
                == "column 'date' is ambiguous: '03/04/2024' (line 2) and '05/06/2024' (line 4) can be read day-first or month-first, and no day above 12 decides; set --date-format DD/MM/YYYY or --date-format MM/DD/YYYY")
        #expect(classify(["25/03/2024", "03/25/2024"]).hasPrefix("column 'date' mixes day-first and month-first dates: '25/03/2024' (line 2) and '03/25/2024' (line 3)"))
        #expect(classify(["1711377015000", "1712048400000"]) == "numbers 1711377015000")
        #expect(classify(["baseline", "follow-up"]) == "not dates")
        #expect(classify(["", " "]) == "not dates")
    }

    @Test func numbersAsSpreadsheetsWriteThem() {
        func n(_ text: String, comma: Bool) -> Double? { LocalisedNumber.parse(text, decimalComma: comma) }
        #expect(n("1,5", comma: true) == 1.5)
        #expect(n("1,5", comma: false) == nil)
        #expect(n("1.234,5", comma: true) == 1234.5)
        #expect(n("1 234,5", comma: true) == 1234.5)
        #expect(n("1\u{00A0}234\u{00A0}567,25", comma: true) == 1_234_567.25)
        #expect(n("1\u{202F}234,5", comma: true) == 1234.5)
        #expect(n("1,234.5", comma: false) == 1234.5)
        #expect(n("12,345,678", comma: false) == 12_345_678)
        #expect(n("-1,5", comma: true) == -1.5)
        #expect(n("1,23,456", comma: false) == nil)        // groups of 3 only
        #expect(n("1.234.5", comma: true) == nil)
        #expect(n("1,234.5", comma: true) == nil)          // a grouping comma in a decimal-comma file
        #expect(n("2.5", comma: true) == 2.5)              // a point alone stays a decimal point
        #expect(n("1,", comma: true) == nil)
    }

    @Test func frenchExcelMembersKeepTheirDatesAsISO() throws {
        let dataset = try DatasetLoader().load(InputPaths(members: file("members-french-excel.csv")))
        let summary = try #require(dataset.files.first)
        #expect(summary.rowsRead == 4 && summary.accepted == 3 && summary.rejected == 1)
        #expect(dataset.members.ids.identifiers == ["m1", "m2", "m4"])
        let joined = try #require(dataset.members.attributes.column(named: "joined"))
        let left = try #require(dataset.members.attributes.column(named: "left"))
        #expect((0..<3).map { joined.value(at: $0) } == ["2023-01-25", "2023-03-04", "2024-02-01"])
        #expect((0..<3).map { left.value(at: $0) } == ["", "2024-06-30", ""])
        #expect(dataset.rejects.map(\.message) == ["\(file("members-french-excel.csv")):4:4: impossible date: 2023-02 has no day 31 [column joined = \"31/02/2023\"]"])
        #expect(summary.dateColumns == [
            DateColumnReading(column: "joined", format: "DD/MM/YYYY", origin: "detected from '25/01/2023' on line 2"),
            DateColumnReading(column: "left", format: "DD/MM/YYYY", origin: "detected from '30/06/2024' on line 3"),
        ])
    }

    @Test func joinedAndLeftDatesKeepToTheAcceptedRange() throws {
        var limits = InputLimits()
        limits.latestDate = Timestamp.seconds(year: 2024, month: 1, day: 1)
        let dataset = try DatasetLoader(limits: limits).load(InputPaths(members: file("members-french-excel.csv")))
        #expect(dataset.members.ids.identifiers == ["m1"])     // m2 left, m4 joined after the range; m3's date is impossible
        #expect(dataset.rejects.count == 3)
        #expect(dataset.rejects.contains { $0.message.contains(":3:5: date is after 2024-01-01") })
        #expect(dataset.rejects.contains { $0.message.contains(":5:4: date is after 2024-01-01") && $0.message.contains("--latest-date") })
    }

    @Test func frenchExcelInteractionsWithDecimalCommas() throws {
        let dataset = try DatasetLoader().load(InputPaths(interactions: file("interactions-french-excel.csv")))
        #expect(dataset.rowsRead == 4 && dataset.rowsAccepted == 4)
        #expect(dataset.interactions.time.map(Timestamp.formatDateTime)
                == ["2024-03-25T14:30:00Z", "2024-04-02T09:00:00Z", "2024-04-13T16:45:00Z", "2024-04-14T10:00:00Z"])
        #expect(dataset.interactions.weight == [1.5, 2, 1250.75, 0.25])
        // Without decimal commas (forced off), the commas are not numbers and say what to do.
        var options = ReadingOptions()
        options.decimalComma = false
        let plain = try DatasetLoader(reading: options).load(InputPaths(interactions: file("interactions-french-excel.csv")))
        #expect(plain.rowsAccepted == 1 && plain.rejects.first?.reason == "weight is not a number (if it uses a decimal comma, set --decimal-comma)")
    }

    @Test func zoomAndTeamsAttendance() throws {
        let zoom = try DatasetLoader().load(InputPaths(attendance: file("attendance-zoom.csv")))
        #expect(zoom.rowsRead == 4 && zoom.rowsAccepted == 3 && zoom.rowsRejected == 1)
        #expect(zoom.attendance.date.map(Timestamp.formatDateTime) == ["2024-03-05T09:02:11Z", "2024-03-05T12:00:05Z", "2024-03-14T00:30:00Z"])
        #expect(zoom.rejects.first.map { "\($0.line):\($0.column ?? 0) \($0.reason)" } == "5:3 impossible date: hour 13 on a 12-hour clock")
        #expect(zoom.files.first?.dateColumns.first?.format == "MM/DD/YYYY hh:mm:ss A")
        let teams = try DatasetLoader().load(InputPaths(attendance: file("attendance-teams.csv")))
        #expect(teams.attendance.date.map(Timestamp.formatDateTime) == ["2024-01-09T15:04:00Z", "2024-01-23T08:59:59Z"])
        #expect(teams.files.first?.dateColumns.first?.format == "MM/DD/YY, hh:mm:ss A")
    }

    @Test func ambiguousDatesStopTheRunNamingTheColumnAndTheFlag() throws {
        let path = file("interactions-ambiguous.csv")
        #expect {
            try DatasetLoader().load(InputPaths(interactions: path))
        } throws: { error in
            (error as? InputError)?.description == "\(path):1:3: column 'timestamp' is ambiguous: '03/04/2024' (line 2) and '05/06/2024' (line 3) can be read day-first or month-first, and no day above 12 decides; set --date-format DD/MM/YYYY or --date-format MM/DD/YYYY"
        }
        var options = ReadingOptions()
        options.dateFormatByFile[.interactions] = try DateFormat("MM/DD/YYYY")
        let dataset = try DatasetLoader(reading: options).load(InputPaths(interactions: path))
        #expect(dataset.interactions.time.map(Timestamp.formatDate) == ["2024-03-04", "2024-05-06", "2024-05-06"])
        #expect(dataset.files.first?.dateColumns == [DateColumnReading(column: "timestamp", format: "MM/DD/YYYY", origin: "--date-format")])
    }

    @Test func plainNumbersNeedToBeNamed() throws {
        let path = file("interactions-unix-ms.csv")
        #expect {
            try DatasetLoader().load(InputPaths(interactions: path))
        } throws: { error in
            (error as? InputError)?.description.hasSuffix("column 'timestamp' holds plain numbers ('1711377015000' (line 2), '1712048400000' (line 3)); say what they count with --date-format unix (seconds since 1970), unix-ms (milliseconds) or excel (Excel serial days)") ?? false
        }
        var options = ReadingOptions()
        options.dateFormat = try DateFormat("unix-ms")
        let unix = try DatasetLoader(reading: options).load(InputPaths(interactions: path))
        #expect(unix.interactions.time.map(Timestamp.formatDateTime) == ["2024-03-25T14:30:15Z", "2024-04-02T09:00:00Z"])
        options.dateFormat = try DateFormat("excel")
        let excel = try DatasetLoader(reading: options).load(InputPaths(interactions: file("interactions-excel-serial.csv")))
        #expect(excel.rowsRead == 3 && excel.rowsAccepted == 2 && excel.rejects.first?.line == 4)
        #expect(excel.interactions.time.map(Timestamp.formatDateTime) == ["2024-03-25T12:00:00Z", "2024-04-02T00:00:00Z"])
    }

    @Test func waveDatesAreReadAsDatesAndOrdered() throws {
        let dataset = try DatasetLoader().load(InputPaths(survey: file("survey-wave-dates.csv")))
        #expect(dataset.rowsAccepted == 3)
        #expect(dataset.survey.waves.identifiers == ["2024-03-15", "2024-09-15"])
        #expect(dataset.files.first?.dateColumns.first?.format == "DD/MM/YYYY")
    }

    @Test func aTimeZoneAppliesToEveryFile() throws {
        var options = ReadingOptions()
        options.timeZone = try #require(LocalTimeZone(identifier: "Europe/Paris"))
        let dataset = try DatasetLoader(reading: options).load(InputPaths(interactions: file("interactions-french-excel.csv")))
        #expect(dataset.timeZone == "Europe/Paris")
        #expect(dataset.interactions.time.map(Timestamp.formatDateTime).first == "2024-03-25T13:30:00Z")
    }
}
