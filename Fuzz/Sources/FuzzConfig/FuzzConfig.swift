import FuzzSupport
import Foundation
import WeftAnalysis

/// Feeds arbitrary text to the segment config reader (config/segments.toml's format): it must
/// parse or report a located error, never crash; what parses must read back the same from the
/// text it echoes.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let rules = try? SegmentConfigFile.parse(text, file: "fuzz.toml") {
        precondition((try? SegmentConfigFile.parse(SegmentConfigFile.text(rules), file: "echo.toml")) == rules,
                     "the echoed config reads back differently")
    }
    return 0
}

/// SwiftPM links the executable's entry point as `FuzzConfig_main`.
@_cdecl("FuzzConfig_main")
func fuzzConfigMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzConfig(data!, size) }
}
