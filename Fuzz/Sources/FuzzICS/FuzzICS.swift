import Foundation
import FuzzSupport
import WeftImport

/// The input is an .ics file, imported as `weft import ics` reads it (unfolding, content lines,
/// dates and zones, RRULE expansion bounded by the file's DTSTAMP), without a roster. Any input
/// must either import or fail with an error — never crash or hang. Recurring events expand to at
/// most 1,000 occurrences here (100,000 in `weft import`): the expansion loop is the same, and
/// inputs that expand for a second each would slow the search a hundredfold.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzICS(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = scratchFile("calendar.ics")
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
    defer { unlink(path) }
    var settings = AttendanceImportSettings(format: .ics)
    settings.occurrenceLimit = 1_000
    _ = try? AttendanceImport(settings: settings).run(inputs: [path], roster: nil)
    return 0
}

/// SwiftPM links the executable's entry point as `FuzzICS_main`.
@_cdecl("FuzzICS_main")
func fuzzICSMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzICS(data!, size) }
}
