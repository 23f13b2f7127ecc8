import Foundation
import FuzzSupport
import WeftImport

/// The input is a Google Meet attendance report (CSV). Any input must either import or fail with an error — never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzMeet(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    readAsFile("meet.csv", data, size) { _ = try MeetAttendanceReport.read(path: $0) }
    return 0
}

/// SwiftPM links the executable's entry point as `FuzzMeet_main`.
@_cdecl("FuzzMeet_main")
func fuzzMeetMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzMeet(data!, size) }
}
