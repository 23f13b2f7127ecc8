import WeftGraph
import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The parts of a ZIP archive (PKWARE's APPNOTE.TXT 6.3, the container of every Office Open XML
/// file), as a workbook reader needs them: the central directory read once, and any part
/// inflated block by block on demand, so a 100 MB sheet never sits in memory whole.
///
/// Supports stored and deflated parts and ZIP64 sizes and offsets; encrypted parts and other
/// compression methods are errors. Every read is bounded by the sizes the central directory
/// declares: a deflate stream that runs past its compressed size, inflates to more or fewer bytes
/// than declared, or fails its CRC-32 is an error, never a hang or a silent cut.
///
/// Why not ZIPFoundation: 0.9.20's Linux inflate loop asks for more input until the stream ends,
/// and at the end of the file it is handed empty chunks forever, so a truncated or crafted part
/// hangs the reader; its entries do not expose their data offsets, so the read cannot be bounded
/// from outside. The little the workbook reader needs is here instead, over zlib.
final class ZipArchive {
    struct Entry {
        let name: String
        let method: UInt16
        let flags: UInt16
        let compressedSize: Int
        let uncompressedSize: Int
        let crc32: UInt32
        let localHeaderOffset: Int
    }

    /// How messages name the file.
    let label: String
    /// What the archive is, in messages ("workbook", "ZIP archive").
    let kind: String
    let fileSize: Int
    /// Entries by name, as the central directory lists them.
    private(set) var entries: [String: Entry] = [:]
    private let descriptor: Int32

    init(path: String, label: String, kind: String = "workbook") throws {
        self.label = label
        self.kind = kind
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw InputError(file: label, line: nil, column: nil, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            close(descriptor)
            throw InputError(file: label, line: nil, column: nil, message: "cannot read: \(String(cString: strerror(errno)))")
        }
        fileSize = Int(info.st_size)
        do {
            try readCentralDirectory()
        } catch {
            close(descriptor)
            throw error
        }
    }

    deinit { close(descriptor) }

    func failure(_ message: String) -> InputError {
        InputError(file: label, line: nil, column: nil, message: "not a readable \(kind): \(message)")
    }

    /// Reads `count` bytes at `offset`; fewer only at the end of the file.
    func bytes(at offset: Int, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= fileSize else { throw failure("an offset points outside the file") }
        let wanted = min(count, fileSize - offset)
        var out = [UInt8](repeating: 0, count: wanted)
        var done = 0
        while done < wanted {
            let got = out.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, wanted - done, off_t(offset + done)) }
            if got < 0 {
                if errno == EINTR { continue }
                throw InputError(file: label, line: nil, column: nil, message: "read failed: \(String(cString: strerror(errno)))")
            }
            if got == 0 { break }
            done += got
        }
        return Array(out[0..<done])
    }

    /// Reads into `buffer` at `offset`: how many bytes were read (0 at the end of the file).
    func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) throws -> Int {
        while true {
            let got = pread(descriptor, buffer, count, off_t(offset))
            if got >= 0 { return got }
            if errno != EINTR {
                throw InputError(file: label, line: nil, column: nil, message: "read failed: \(String(cString: strerror(errno)))")
            }
        }
    }

    // MARK: Central directory

    private static let endOfCentralDirectory: UInt32 = 0x0605_4B50
    private static let zip64Locator: UInt32 = 0x0706_4B50
    private static let zip64End: UInt32 = 0x0606_4B50
    private static let centralHeader: UInt32 = 0x0201_4B50

    /// Finds the end-of-central-directory record (searching back over a comment of up to 64 KiB),
    /// follows the ZIP64 locator when there is one, and reads every central directory header.
    private func readCentralDirectory() throws {
        let tailLength = min(fileSize, 22 + 0xFFFF)
        let tail = try bytes(at: fileSize - tailLength, count: tailLength)
        guard tail.count >= 22, let end = stride(from: tail.count - 22, through: 0, by: -1).first(where: {
            tail.uint32(at: $0) == ZipArchive.endOfCentralDirectory
        }) else { throw failure("no ZIP end-of-central-directory record (the file is cut short or not an .xlsx)") }
        var count = Int(tail.uint16(at: end + 10))
        var directorySize = Int(tail.uint32(at: end + 12))
        var directoryOffset = Int(tail.uint32(at: end + 16))
        let endOffset = fileSize - tailLength + end
        if endOffset >= 20 {
            let locator = try bytes(at: endOffset - 20, count: 20)
            if locator.count == 20, locator.uint32(at: 0) == ZipArchive.zip64Locator {
                let record = try bytes(at: Int(clamping: locator.uint64(at: 8)), count: 56)
                guard record.count == 56, record.uint32(at: 0) == ZipArchive.zip64End else { throw failure("a broken ZIP64 end record") }
                count = Int(clamping: record.uint64(at: 32))
                directorySize = Int(clamping: record.uint64(at: 40))
                directoryOffset = Int(clamping: record.uint64(at: 48))
            }
        }
        guard directoryOffset <= fileSize, directorySize <= fileSize - directoryOffset, count <= directorySize / 46 else {
            throw failure("the central directory lies outside the file")
        }
        let directory = try bytes(at: directoryOffset, count: directorySize)
        var p = 0
        for _ in 0..<count {
            guard p + 46 <= directory.count, directory.uint32(at: p) == ZipArchive.centralHeader else {
                throw failure("a broken central directory entry")
            }
            let nameLength = Int(directory.uint16(at: p + 28))
            let extraLength = Int(directory.uint16(at: p + 30))
            let commentLength = Int(directory.uint16(at: p + 32))
            let next = p + 46 + nameLength + extraLength + commentLength
            guard next <= directory.count else { throw failure("a broken central directory entry") }
            var compressed = UInt64(directory.uint32(at: p + 20))
            var uncompressed = UInt64(directory.uint32(at: p + 24))
            var offset = UInt64(directory.uint32(at: p + 42))
            readZip64Sizes(directory[(p + 46 + nameLength)..<(p + 46 + nameLength + extraLength)],
                           uncompressed: &uncompressed, compressed: &compressed, offset: &offset)
            let name = String(decoding: directory[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            entries[name] = Entry(name: name, method: directory.uint16(at: p + 10), flags: directory.uint16(at: p + 8),
                                  compressedSize: Int(clamping: compressed), uncompressedSize: Int(clamping: uncompressed),
                                  crc32: directory.uint32(at: p + 16), localHeaderOffset: Int(clamping: offset))
            p = next
        }
    }

    /// Replaces the sizes and offset saturated at 0xFFFFFFFF by the ZIP64 extra field's values
    /// (which hold only the saturated ones, in this order).
    private func readZip64Sizes(_ extra: ArraySlice<UInt8>, uncompressed: inout UInt64, compressed: inout UInt64, offset: inout UInt64) {
        let field = Array(extra)
        var p = 0
        while p + 4 <= field.count {
            let id = field.uint16(at: p), size = Int(field.uint16(at: p + 2))
            guard p + 4 + size <= field.count else { return }
            if id == 0x0001 {
                var q = p + 4
                if uncompressed == 0xFFFF_FFFF, q + 8 <= p + 4 + size { uncompressed = field.uint64(at: q); q += 8 }
                if compressed == 0xFFFF_FFFF, q + 8 <= p + 4 + size { compressed = field.uint64(at: q); q += 8 }
                if offset == 0xFFFF_FFFF, q + 8 <= p + 4 + size { offset = field.uint64(at: q) }
                return
            }
            p += 4 + size
        }
    }

    /// Where a part's data starts: after its local header, whose name and extra field lengths
    /// may differ from the central directory's.
    func dataOffset(of entry: Entry) throws -> Int {
        let header = try bytes(at: entry.localHeaderOffset, count: 30)
        guard header.count == 30, header.uint32(at: 0) == 0x0403_4B50 else { throw failure("part '\(entry.name)' has no local header") }
        let start = entry.localHeaderOffset + 30 + Int(header.uint16(at: 26)) + Int(header.uint16(at: 28))
        guard start <= fileSize, entry.compressedSize <= fileSize - start else {
            throw failure("part '\(entry.name)' runs past the end of the file")
        }
        return start
    }
}

/// One part of a `ZipArchive`, inflated on demand: `read` fills a buffer with the part's next
/// bytes. At the end of the part its length and CRC-32 are checked against the central directory.
final class ZipPartReader {
    let entry: ZipArchive.Entry
    private let archive: ZipArchive
    private var stream = z_stream()
    private var streamReady = false
    private let input: UnsafeMutableRawPointer
    private static let inputCapacity = 1 << 16
    private var inputOffset: Int          // the next compressed byte to read from the file
    private var inputRemaining: Int       // compressed bytes not yet read from the file
    private var produced = 0
    private var checksum: uLong = 0
    private var atEnd = false

    init(archive: ZipArchive, entry: ZipArchive.Entry) throws {
        self.archive = archive
        self.entry = entry
        if entry.flags & 1 != 0 { throw archive.failure("part '\(entry.name)' is encrypted (save the workbook without a password)") }
        guard entry.method == 0 || entry.method == 8 else {
            throw archive.failure("part '\(entry.name)' uses compression method \(entry.method) (only stored and deflated parts are read)")
        }
        inputOffset = try archive.dataOffset(of: entry)
        inputRemaining = entry.compressedSize
        input = UnsafeMutableRawPointer.allocate(byteCount: ZipPartReader.inputCapacity, alignment: 16)
        if entry.method == 8 {
            let status = inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
            guard status == Z_OK else { input.deallocate(); throw archive.failure("zlib could not start (status \(status))") }
            streamReady = true
        }
    }

    deinit {
        if streamReady { inflateEnd(&stream) }
        input.deallocate()
    }

    /// Fills `buffer` with up to `capacity` of the part's next bytes; returns how many (0 at the end).
    func read(into buffer: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
        guard !atEnd, capacity > 0 else { return 0 }
        let count = entry.method == 0 ? try copyStored(into: buffer, capacity: capacity) : try inflate(into: buffer, capacity: capacity)
        produced += count
        guard produced <= entry.uncompressedSize else { throw corrupt("inflates to more than its declared \(entry.uncompressedSize) bytes") }
        checksum = crc32(checksum, buffer.assumingMemoryBound(to: Bytef.self), uInt(count))
        if entry.method == 0 && inputRemaining == 0 { atEnd = true }
        if atEnd {
            guard produced == entry.uncompressedSize else { throw corrupt("inflates to \(produced) bytes, not its declared \(entry.uncompressedSize)") }
            guard UInt32(truncatingIfNeeded: checksum) == entry.crc32 else { throw corrupt("fails its CRC-32 check") }
        }
        return count
    }

    /// The next bytes of the compressed (or stored) data, into `destination`; throws at the end of the file.
    private func readInput(into destination: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
        let got = try archive.read(into: destination, count: min(capacity, inputRemaining), at: inputOffset)
        guard got > 0 else { throw corrupt("is cut short") }
        inputOffset += got
        inputRemaining -= got
        return got
    }

    private func copyStored(into buffer: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
        inputRemaining == 0 ? 0 : try readInput(into: buffer, capacity: capacity)
    }

    private func inflate(into buffer: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
        stream.next_out = buffer.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(min(capacity, Int(UInt32.max)))
        while stream.avail_out > 0 {
            if stream.avail_in == 0 {
                guard inputRemaining > 0 else { throw corrupt("is cut short (its deflate stream does not end)") }
                stream.next_in = input.assumingMemoryBound(to: Bytef.self)
                stream.avail_in = uInt(try readInput(into: input, capacity: ZipPartReader.inputCapacity))
            }
            let status = CZlib.inflate(&stream, Z_NO_FLUSH)
            if status == Z_STREAM_END { atEnd = true; break }
            guard status == Z_OK else {
                let reason = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                throw corrupt("has broken compressed data (\(reason))")
            }
        }
        return Int(min(capacity, Int(UInt32.max))) - Int(stream.avail_out)
    }

    private func corrupt(_ what: String) -> InputError {
        archive.failure("part '\(entry.name)' \(what)")
    }
}

extension Array where Element == UInt8 {
    /// The little-endian integer at `offset` (the caller checks the bounds).
    func uint16(at offset: Int) -> UInt16 { UInt16(self[offset]) | UInt16(self[offset + 1]) << 8 }
    func uint32(at offset: Int) -> UInt32 { UInt32(uint16(at: offset)) | UInt32(uint16(at: offset + 2)) << 16 }
    func uint64(at offset: Int) -> UInt64 { UInt64(uint32(at: offset)) | UInt64(uint32(at: offset + 4)) << 32 }
}
