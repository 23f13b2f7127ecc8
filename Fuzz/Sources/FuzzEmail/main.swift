import Foundation
import FuzzSupport
import WeftImport

/// The input is a mailbox: an mbox file, or an Outlook CSV export (detected from its first line). Any input must either import or fail with an error — never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzEmail(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    readAsFile("mail.mbox", data, size) { _ = try Mailbox.read(path: $0, weight: .split, defaultDate: 0) }
    return 0
}

/// SwiftPM links the executable's entry point as `FuzzEmail_main`.
@_cdecl("FuzzEmail_main")
func fuzzEmailMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzEmail(data!, size) }
}
