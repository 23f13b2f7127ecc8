import Foundation

/// A per-process scratch file for targets whose readers take a path: in memory-backed /dev/shm
/// where there is one (the reader still runs on a real file, but no disk I/O per input).
public func scratchFile(_ name: String) -> String {
    let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return folder + "/weft-fuzz-\(getpid())-\(name)"
}

/// Writes the input to the scratch file `name`, hands its path to `read` (an error is an expected
/// outcome for most inputs and is ignored: only a crash or a hang is a finding), and removes it.
public func readAsFile(_ name: String, _ data: UnsafePointer<UInt8>, _ size: Int, _ read: (String) throws -> Void) {
    let path = scratchFile(name)
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
    defer { unlink(path) }
    try? read(path)
}
