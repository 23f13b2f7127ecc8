import FuzzSupport
import WeftGraph
import WeftIO

/// Feeds arbitrary bytes to the ISO 8601 and decimal parsers; an accepted date must format back
/// to a valid instant and parse again to the same second.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzDates(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    if case .success(let value) = ISO8601.parse(bytes) {
        let again = ISO8601.parse(Timestamp.formatDateTime(value.seconds))
        precondition((try? again.get().seconds) == value.seconds, "date does not round-trip")
    }
    _ = DecimalParser.parse(bytes)
    return 0
}

/// SwiftPM links the executable's entry point as `FuzzDates_main`.
@_cdecl("FuzzDates_main")
func fuzzDatesMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzDates(data!, size) }
}
