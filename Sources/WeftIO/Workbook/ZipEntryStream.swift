import WeftGraph
/// One file held in a ZIP archive, read as a stream of bytes: the chat text inside a WhatsApp
/// "Export chat" .zip, say. The archive's central directory is read once; the entry is inflated
/// block by block through `ZipPartReader`, with its declared size and CRC-32 checked, so a large
/// entry never sits in memory whole and a truncated or crafted one is an error, never a hang.
public final class ZipEntryStream {
    /// The entry's name inside the archive.
    public let entryName: String
    private let archive: ZipArchive
    private let reader: ZipPartReader

    /// The names of the archive's entries, in no particular order.
    public static func entryNames(path: String) throws -> [String] {
        Array(try ZipArchive(path: path, label: path, kind: "ZIP archive").entries.keys)
    }

    /// Opens entry `name` of the archive at `path`; throws an `InputError` naming the file when
    /// the archive cannot be read, the entry does not exist or uses an unsupported method.
    public convenience init(path: String, entry name: String) throws {
        try self.init(archive: try ZipArchive(path: path, label: path, kind: "ZIP archive"), entry: name)
    }

    init(archive: ZipArchive, entry name: String) throws {
        self.archive = archive
        guard let entry = archive.entries[name] else { throw archive.failure("has no entry '\(name)'") }
        entryName = name
        reader = try ZipPartReader(archive: archive, entry: entry)
    }

    /// Fills `buffer` with up to `capacity` of the entry's next bytes; returns how many (0 at the end).
    public func read(into buffer: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
        try reader.read(into: buffer, capacity: capacity)
    }
}

/// A ZIP archive whose many entries are read one after another (a Slack export's day files): the
/// central directory is read once, at `init`, and each entry is opened as a `ZipEntryStream`.
public final class ZipEntries {
    private let archive: ZipArchive

    /// Opens the archive at `path`; messages name it `label`.
    public init(path: String, label: String? = nil) throws {
        archive = try ZipArchive(path: path, label: label ?? path, kind: "ZIP archive")
    }

    /// The names of its files (folder entries left out), sorted.
    public var names: [String] { archive.entries.keys.filter { !$0.hasSuffix("/") }.sorted() }

    /// Entry `name`, streamed.
    public func stream(_ name: String) throws -> ZipEntryStream { try ZipEntryStream(archive: archive, entry: name) }

    /// Entry `name`'s bytes whole (for files parsed whole, such as a day file of JSON); throws when
    /// it is missing, damaged (size or CRC-32), or larger than `limit` bytes.
    public func contents(of name: String, limit: Int = 1 << 30) throws -> [UInt8] {
        guard let entry = archive.entries[name] else { throw archive.failure("has no entry '\(name)'") }
        guard entry.uncompressedSize <= limit else { throw archive.failure("'\(name)' is larger than \(limit) bytes") }
        let stream = try self.stream(name)
        // One byte of room past the declared size, so that the reader reaches its end and checks size and CRC-32.
        var bytes = [UInt8](repeating: 0, count: entry.uncompressedSize + 1)
        var filled = 0
        while true {
            let got = try bytes.withUnsafeMutableBytes { try stream.read(into: $0.baseAddress! + filled, capacity: $0.count - filled) }
            if got == 0 { break }
            filled += got
        }
        return Array(bytes.prefix(filled))
    }
}
