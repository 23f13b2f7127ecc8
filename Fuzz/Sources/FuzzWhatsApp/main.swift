import Foundation
import FuzzSupport
import WeftImport

/// The input is a WhatsApp chat export: its text, or (when it starts PK) a .zip holding it. Any input must either import or fail with an error — never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzWhatsApp(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    readAsFile("chat.txt", data, size) { _ = try WhatsAppChat.read(path: $0, replyWindowSeconds: 1800) }
    return 0
}

/// SwiftPM links the executable's entry point as `FuzzWhatsApp_main`.
@_cdecl("FuzzWhatsApp_main")
func fuzzWhatsAppMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzWhatsApp(data!, size) }
}
