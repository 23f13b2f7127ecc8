import Foundation
import FuzzSupport
import WeftImport

/// The input is a Microsoft Teams attendance report (CSV or tab-separated, UTF-8 or UTF-16, the sectioned layout or the legacy list). Any input must either import or fail with an error — never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzTeams(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    readAsFile("teams.csv", data, size) { _ = try TeamsAttendanceReport.read(path: $0) }
    return 0
}

/// SwiftPM links the executable's entry point as `FuzzTeams_main`.
@_cdecl("FuzzTeams_main")
func fuzzTeamsMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzTeams(data!, size) }
}
