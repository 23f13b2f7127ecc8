import CFuzzer

/// Hands control to libFuzzer's driver with `test` as the target. SwiftPM links each executable's
/// entry point as `<Target>_main`; each target's entry point calls this with its test function.
public func runFuzzer(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                      _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, test)
}
