#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A folder that receives a run's set of output files as one set.
///
/// Opening it creates the folder if needed, refuses an output name that is one of the run's input
/// files, and takes an exclusive lock on the folder (`flock`), so a second run into the same
/// folder fails at once with a clear message instead of mixing its files with the first's. It then
/// removes what killed runs left: temporary files of Weft's naming and staging folders.
///
/// Files are written into a hidden staging folder inside it (`.weft-staging-XXXXXX`), each synced
/// to disk; `publish()` then renames them all into place and syncs the folder. A run that fails or
/// is killed before `publish()` (a full disk, a bad value, SIGKILL) leaves the previous set of
/// outputs as it was; only a kill during the renames themselves (microseconds) can mix two sets.
/// The lock is released when the folder is closed or the process ends.
public final class OutputFolder {
    public let path: String
    private let lockDescriptor: Int32
    private let staging: String
    private var names: [String]
    private let inputs: InputFiles
    private var published = false

    /// Opens (creating) the folder at `path` for the outputs `names`, none of which may be one of `inputs`.
    public init(_ path: String, names: [String], inputs: InputFiles) throws {
        self.path = path
        self.names = names
        self.inputs = inputs
        for name in names { try inputs.check(output: path + "/" + name) }
        try OutputFolder.create(path)
        lockDescriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard lockDescriptor >= 0 else { throw OutputError.cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        guard flock(lockDescriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(lockDescriptor)
            throw OutputError.folderInUse(path: path)
        }
        OutputFolder.removeLeftovers(in: path)
        var template = Array((path + "/" + OutputFolder.stagingPrefix + "XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            let reason = String(cString: strerror(errno))
            close(lockDescriptor)
            throw OutputError.cannotCreate(path: path, reason: reason)
        }
        staging = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit {
        if !published { try? FileManager.default.removeItem(atPath: staging) }
        close(lockDescriptor)
    }

    static let stagingPrefix = ".weft-staging-"

    /// Where to write output `name` until `publish()`.
    public func stagingPath(for name: String) -> String {
        precondition(names.contains(name), "\(name) was not named when the output folder was opened")
        return staging + "/" + name
    }

    /// Adds output `name` to the set, for a run whose files depend on what it finds (the waves of
    /// a survey export); like the names given when opening, it may not be one of the inputs.
    public func add(_ name: String) throws {
        guard !names.contains(name) else { return }
        try inputs.check(output: path + "/" + name)
        names.append(name)
    }

    /// Calls `write` with output `name`'s staging path; an `OutputError` it throws names the
    /// file in the folder, not the staging copy.
    public func write(_ name: String, _ write: (String) throws -> Void) throws {
        do {
            try write(stagingPath(for: name))
        } catch let error as OutputError {
            throw error.about(path + "/" + name)
        }
    }

    /// Moves every staged file into the folder (a rename each; a link, FIFO or device already
    /// there is written through instead, as `OutputTarget` describes), then syncs the folder.
    public func publish() throws {
        precondition(!published, "an output folder is published once")
        for name in names where FileManager.default.fileExists(atPath: staging + "/" + name) {
            let staged = staging + "/" + name, final = path + "/" + name
            if case .replaceable(let resolved) = try OutputTarget.classify(final), resolved == final {
                if rename(staged, final) != 0 { throw OutputError.cannotWrite(path: final, reason: String(cString: strerror(errno))) }
            } else {
                try OutputFolder.copy(staged, to: final)
            }
        }
        try AtomicFileWriter.syncFolder(of: path + "/" + (names.first ?? "."))
        published = true
        try? FileManager.default.removeItem(atPath: staging)
    }

    /// Writes the staged file's bytes to `destination` through an `AtomicFileWriter`.
    private static func copy(_ staged: String, to destination: String) throws {
        let source = open(staged, O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { throw OutputError.cannotWrite(path: destination, reason: String(cString: strerror(errno))) }
        defer { close(source) }
        let writer = try AtomicFileWriter(path: destination)
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = block.withUnsafeMutableBytes { read(source, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw OutputError.cannotWrite(path: destination, reason: String(cString: strerror(errno))) }
            if count == 0 { break }
            try writer.write(bytes: block[0..<count])
        }
        try writer.commit()
    }

    /// Creates `path` and any missing parent folders, with an `OutputError` naming the path.
    public static func create(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else { throw OutputError.notAFolder(path: path) }
            return
        }
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if parent != path && !parent.isEmpty { try create(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw OutputError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Removes Weft's temporary files and staging folders left in `folder` by killed runs (the
    /// caller holds the folder's lock, so no other run is writing them).
    private static func removeLeftovers(in folder: String) {
        StaleTemporaries.remove(in: folder)
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where entry.hasPrefix(stagingPrefix) {
            try? FileManager.default.removeItem(atPath: folder + "/" + entry)
        }
    }
}
