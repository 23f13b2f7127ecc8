import Foundation
import FuzzSupport
import WeftIO

/// Feeds arbitrary bytes to the interactions reader as a file (the whole ingest path: CSV parsing,
/// header resolution, ids, dates, weights) and checks that every row is accounted for.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = scratchFile("interactions.csv")
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
    defer { unlink(path) }
    if let dataset = try? DatasetLoader().load(InputPaths(interactions: path)) {
        precondition(dataset.rowsRead == dataset.rowsAccepted + dataset.rowsRejected, "rows lost")
        precondition(dataset.files.allSatisfy { $0.isBalanced }, "file not balanced")
    }
    return 0
}

/// SwiftPM links the executable's entry point as `FuzzCSV_main`.
@_cdecl("FuzzCSV_main")
func fuzzCSVMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzCSV(data!, size) }
}
