import Foundation
import FuzzSupport
import WeftImport

/// The input is a Zoom participants report (CSV: the meeting-details block, or the participants table alone). Any input must either import or fail with an error — never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzZoom(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    readAsFile("zoom.csv", data, size) { _ = try ZoomParticipantsReport.read(path: $0) }
    return 0
}

/// SwiftPM links the executable's entry point as `FuzzZoom_main`.
@_cdecl("FuzzZoom_main")
func fuzzZoomMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzZoom(data!, size) }
}
