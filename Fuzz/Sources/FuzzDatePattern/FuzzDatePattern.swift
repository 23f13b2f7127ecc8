import FuzzSupport
import WeftGraph
import WeftIO

/// Feeds arbitrary bytes to the `--date-format` pattern language: the first line is a pattern
/// (or a format name), the rest a value. A pattern is accepted or refused with a reason; a value
/// read under an accepted pattern must be a valid instant that formats and parses back to the
/// same second.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzDatePattern(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let split = bytes.firstIndex(of: 0x0A) ?? bytes.count
    let pattern = String(decoding: bytes[..<split], as: UTF8.self)
    let value = split < bytes.count ? String(decoding: bytes[(split + 1)...], as: UTF8.self) : ""
    guard let format = try? DateFormat(pattern) else { return 0 }
    if case .success(let instant) = format.read(value) {
        let again = ISO8601.parse(Timestamp.formatDateTime(instant.seconds))
        precondition((try? again.get().seconds) == instant.seconds, "date does not round-trip")
    }
    return 0
}

/// SwiftPM links the executable's entry point as `FuzzDatePattern_main`.
@_cdecl("FuzzDatePattern_main")
func fuzzDatePatternMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzDatePattern(data!, size) }
}
