#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes one output file atomically: bytes go to a hidden temporary file in the destination's
/// folder, which is flushed to disk and renamed over the destination only by `commit()`.
/// A run that fails or is killed before `commit()` leaves the earlier file (if any) untouched and
/// no partial file under the final name; an uncommitted writer removes its temporary file.
public final class AtomicFileWriter {
    public let destination: String
    private let temporaryPath: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private let bufferLimit = 1 << 20
    private var finished = false

    public init(path destination: String) throws {
        self.destination = destination
        let url = URL(fileURLWithPath: destination)
        let folder = url.deletingLastPathComponent().path
        let template = folder + "/." + url.lastPathComponent + ".tmp-XXXXXX"
        var bytes = Array(template.utf8CString)
        let fd = bytes.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw OutputError.cannotCreate(path: destination, reason: String(cString: strerror(errno)))
        }
        fchmod(fd, 0o644)
        descriptor = fd
        temporaryPath = String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        buffer.reserveCapacity(bufferLimit)
    }

    deinit {
        if !finished {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    /// Appends raw bytes.
    public func write<S: Sequence>(bytes: S) throws where S.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= bufferLimit { try flush() }
    }

    /// Appends a string as UTF-8.
    public func write(_ text: String) throws {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= bufferLimit { try flush() }
    }

    private func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputError.cannotWrite(path: destination, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and renames the temporary file into place.
    public func commit() throws {
        precondition(!finished, "AtomicFileWriter committed twice")
        try flush()
        fsync(descriptor)
        close(descriptor)
        finished = true
        if rename(temporaryPath, destination) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw OutputError.cannotWrite(path: destination, reason: reason)
        }
    }

    /// Writes a whole file atomically in one call.
    public static func write(_ text: String, to path: String) throws {
        let writer = try AtomicFileWriter(path: path)
        try writer.write(text)
        try writer.commit()
    }
}

/// A failure to write an output file.
public enum OutputError: Error, CustomStringConvertible, Equatable {
    case cannotCreate(path: String, reason: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotCreate(path, reason): return "cannot create \(path): \(reason)"
        case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
        }
    }
}
