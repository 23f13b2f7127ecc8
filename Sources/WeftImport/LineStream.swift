#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WeftIO

/// A text export read line by line in blocks of 64 KiB, never whole: a plain file, or one entry of
/// a ZIP archive. A line is the bytes up to LF, with a trailing CR removed (LF, CRLF); a UTF-8
/// byte-order mark at the start is dropped. Lines are numbered from 1 as an editor numbers them.
///
/// The body gets each line's bytes, valid only during the call, so that a 2 GB mailbox costs one
/// block and one line of memory; it decodes only the lines it keeps.
struct LineStream {
    private let readBlock: (UnsafeMutableRawPointer, Int) throws -> Int
    /// The longest line kept whole; longer lines are cut here (the body sees `truncated`).
    static let maximumLine = 1 << 20

    /// The file at `path`.
    init(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ImportError("\(path): cannot open (\(String(cString: strerror(errno))))") }
        let file = FileCloser(descriptor)
        readBlock = { buffer, capacity in
            while true {
                let n = read(file.descriptor, buffer, capacity)
                if n >= 0 { return n }
                if errno != EINTR { throw ImportError("cannot read: \(String(cString: strerror(errno)))") }
            }
        }
    }

    /// Entry `stream` of a ZIP archive.
    init(zipEntry stream: ZipEntryStream) {
        readBlock = { try stream.read(into: $0, capacity: $1) }
    }

    /// Calls `body` with each line's bytes and number; `truncated` is true for a line longer than
    /// `maximumLine` (its rest is skipped). Stops early when `body` returns false.
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, _ line: Int, _ truncated: Bool) throws -> Bool) throws {
        var block = [UInt8](repeating: 0, count: 1 << 16)
        var line: [UInt8] = []
        var number = 0, truncated = false, first = true
        func emit() throws -> Bool {
            number += 1
            if line.last == 13 { line.removeLast() }
            if first {
                first = false
                if line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
            }
            let go = try line.withUnsafeBufferPointer { try body($0, number, truncated) }
            line.removeAll(keepingCapacity: true)
            truncated = false
            return go
        }
        while true {
            let count = try block.withUnsafeMutableBytes { try readBlock($0.baseAddress!, $0.count) }
            if count == 0 { break }
            var start = 0
            while start < count {
                let end = block[start..<count].firstIndex(of: 10)
                let piece = block[start..<(end ?? count)]
                if line.count + piece.count <= LineStream.maximumLine {
                    line.append(contentsOf: piece)
                } else {
                    line.append(contentsOf: piece.prefix(max(0, LineStream.maximumLine - line.count)))
                    truncated = true
                }
                guard let end else { break }
                guard try emit() else { return }
                start = end + 1
            }
        }
        if !line.isEmpty { _ = try emit() }
    }
}

/// Closes a file descriptor when the last reference goes.
private final class FileCloser: @unchecked Sendable {
    let descriptor: Int32
    init(_ descriptor: Int32) { self.descriptor = descriptor }
    deinit { close(descriptor) }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// The bytes as UTF-8 text (invalid sequences become U+FFFD).
    var text: String { String(decoding: self, as: UTF8.self) }

    /// Whether the bytes begin with `prefix` (ASCII).
    func starts(withASCII prefix: StaticString) -> Bool { has(prefix, at: 0) }
}
