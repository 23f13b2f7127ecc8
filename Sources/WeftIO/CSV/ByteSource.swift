import WeftGraph
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a `CSVReader` gets its bytes: UTF-8 text, handed over in blocks. The file's own bytes
/// (before any transcoding) are hashed as they are read, so the fingerprint is the file's
/// `sha256sum` whatever its encoding.
protocol ByteSource: AnyObject {
    /// Copies up to `count` (≥ 1) bytes of UTF-8 text to `destination`; returns how many, 0 at
    /// the end. Throws `InputError` when the file cannot be read or decoded.
    func read(into destination: UnsafeMutableRawPointer, count: Int) throws -> Int
    /// The digest of the file's bytes read so far (all of them once `read` has returned 0).
    var fingerprint: SHA256 { get }
    /// About how many bytes of UTF-8 the whole source holds, for reserving memory; nil if unknown.
    var estimatedSize: Int? { get }
}

/// A file read through its descriptor: the fast path, with no copy beyond the reader's buffer.
/// The start of the file can be looked at before reading starts (`peek`), to choose an encoding.
final class FileBytes: ByteSource {
    let label: String
    private let descriptor: Int32
    private let digest = BackgroundDigest()
    /// Bytes already read by `peek` and not yet handed out.
    private var peeked: [UInt8] = []
    private var peekedOffset = 0
    private(set) var atEnd = false

    init(path: String, label: String) throws {
        self.label = label
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw InputError(file: label, line: nil, column: nil, message: "cannot open: \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(descriptor) }

    /// Reads up to `count` bytes from the start of the file without consuming them; returns
    /// them (fewer at the end of the file, and then `atEnd` is true).
    func peek(_ count: Int) throws -> [UInt8] {
        // Filled by the reads, not zeroed first: a small file touches only the pages it fills.
        let sample = try [UInt8](unsafeUninitializedCapacity: count) { buffer, filled in
            filled = 0
            while filled < count {
                let got = try readFile(into: buffer.baseAddress! + filled, count: count - filled)
                if got == 0 { break }
                filled += got
            }
        }
        peeked = sample
        return sample
    }

    /// Skips `count` bytes of the peeked start (a byte-order mark).
    func skip(_ count: Int) { peekedOffset = min(peeked.count, peekedOffset + count) }

    func read(into destination: UnsafeMutableRawPointer, count: Int) throws -> Int {
        if peekedOffset < peeked.count {
            let n = min(count, peeked.count - peekedOffset)
            peeked.withUnsafeBytes { destination.copyMemory(from: $0.baseAddress! + peekedOffset, byteCount: n) }
            peekedOffset += n
            if peekedOffset == peeked.count { (peeked, peekedOffset) = ([], 0) }   // free the sample
            return n
        }
        return try readFile(into: destination, count: count)
    }

    private func readFile(into destination: UnsafeMutableRawPointer, count: Int) throws -> Int {
        if atEnd { return 0 }
        while true {
            let got = readDescriptor(descriptor, destination, count)
            if got < 0 {
                if errno == EINTR { continue }
                throw InputError(file: label, line: nil, column: nil, message: "read failed: \(String(cString: strerror(errno)))")
            }
            if got == 0 { atEnd = true } else { digest.update(destination, count: got) }
            return got
        }
    }

    var fingerprint: SHA256 { digest.result }

    var estimatedSize: Int? {
        var size = stat()
        guard fstat(descriptor, &size) == 0, size.st_size > 0 else { return nil }
        return Int(size.st_size)
    }
}

/// A file in another encoding, transcoded to UTF-8 block by block as the reader asks for it.
/// Memory: one raw block and its UTF-8 (≤ 3 × the block).
final class TranscodedBytes: ByteSource {
    private let file: FileBytes
    private var transcoder: Transcoder
    private let blockSize: Int
    private var raw: [UInt8]
    /// Decoded bytes not yet handed out.
    private var decoded: [UInt8] = []
    private var decodedOffset = 0
    private var finished = false

    init(file: FileBytes, encoding: TextEncoding, blockSize: Int) {
        self.file = file
        transcoder = Transcoder(encoding: encoding)
        let size = max(4, blockSize)
        self.blockSize = size
        raw = [UInt8](unsafeUninitializedCapacity: size) { _, count in count = size }   // overwritten by each read
    }

    func read(into destination: UnsafeMutableRawPointer, count: Int) throws -> Int {
        while decodedOffset == decoded.count {
            if finished { return 0 }
            decoded.removeAll(keepingCapacity: true)
            decodedOffset = 0
            let got = try raw.withUnsafeMutableBytes { try file.read(into: $0.baseAddress!, count: blockSize) }
            finished = got == 0
            do {
                try raw.withUnsafeBytes { try transcoder.decode(UnsafeRawBufferPointer(rebasing: $0[..<got]), isEnd: finished, into: &decoded) }
            } catch let problem as EncodingProblem {
                throw InputError(file: file.label, line: problem.line, column: problem.column,
                                 message: "not valid \(transcoder.encoding.displayName): \(problem.what); "
                                    + "name the file's encoding with --encoding (\(EncodingChoice.accepted))")
            }
        }
        let n = min(count, decoded.count - decodedOffset)
        decoded.withUnsafeBytes { destination.copyMemory(from: $0.baseAddress! + decodedOffset, byteCount: n) }
        decodedOffset += n
        return n
    }

    var fingerprint: SHA256 { file.fingerprint }

    var estimatedSize: Int? {
        guard let size = file.estimatedSize else { return nil }
        switch transcoder.encoding {
        case .utf16LE, .utf16BE: return size / 2
        case .utf8, .windows1252, .latin1: return size
        }
    }
}

/// The system's read(2), named apart from the sources' own `read`.
private func readDescriptor(_ descriptor: Int32, _ destination: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, destination, count)
}
