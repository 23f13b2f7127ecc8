import Foundation

/// A per-process scratch file for targets whose readers take a path: in memory-backed /dev/shm
/// where there is one (the reader still runs on a real file, but no disk I/O per input).
public func scratchFile(_ name: String) -> String {
    let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return folder + "/weft-fuzz-\(getpid())-\(name)"
}
