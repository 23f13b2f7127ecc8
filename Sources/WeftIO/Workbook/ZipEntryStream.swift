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
    public init(path: String, entry name: String) throws {
        archive = try ZipArchive(path: path, label: path, kind: "ZIP archive")
        guard let entry = archive.entries[name] else { throw archive.failure("has no entry '\(name)'") }
        entryName = name
        reader = try ZipPartReader(archive: archive, entry: entry)
    }

    /// Fills `buffer` with up to `capacity` of the entry's next bytes; returns how many (0 at the end).
    public func read(into buffer: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
        try reader.read(into: buffer, capacity: capacity)
    }
}
