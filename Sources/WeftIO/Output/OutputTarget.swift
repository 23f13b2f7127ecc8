#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What an output path names, and so how Weft writes to it.
///
/// Weft replaces only what it can replace whole: a regular file or a path where nothing is yet
/// (a temporary file beside it, synced, then renamed over it). A symbolic link is followed, so
/// the link stays and its target is written. A FIFO or character device the user named
/// (`/dev/null`, `/dev/stdout`, a named pipe) is written through in place, never replaced; `-`
/// is standard output. Folders, block devices and sockets are refused: writing a table over a
/// disk or into a socket is never what was meant.
public enum OutputTarget: Equatable, Sendable {
    /// A regular file at this path, or nothing yet: written atomically by rename.
    case replaceable(path: String)
    /// A FIFO or character device: opened for writing and written through.
    case stream(path: String)
    /// Standard output (the path `-`).
    case standardOutput

    /// How to write to `path`; throws an `OutputError` naming the path when Weft will not write it.
    public static func classify(_ path: String) throws(OutputError) -> OutputTarget {
        if path == "-" { return .standardOutput }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return .replaceable(path: path) }
            throw .cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        if (info.st_mode & S_IFMT) == S_IFLNK {
            // Follow the link: its target decides, and the link itself stays.
            guard stat(path, &info) == 0 else { throw .danglingLink(path: path) }
            if (info.st_mode & S_IFMT) == S_IFREG {
                guard let resolved = realpath(path, nil) else { return .stream(path: path) }
                defer { free(resolved) }
                return .replaceable(path: String(cString: resolved))
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .replaceable(path: path)
        case S_IFCHR, S_IFIFO: return .stream(path: path)
        case S_IFDIR: throw .unsupportedTarget(path: path, kind: "a folder")
        case S_IFBLK: throw .unsupportedTarget(path: path, kind: "a block device")
        case S_IFSOCK: throw .unsupportedTarget(path: path, kind: "a socket")
        default: throw .unsupportedTarget(path: path, kind: "neither a file nor a device")
        }
    }
}

/// The input files of a run, by device and inode, so that no output can overwrite one (whatever
/// path, link or `..` names it).
public struct InputFiles: Sendable {
    private struct Identity: Hashable, Sendable { let device: UInt64, inode: UInt64 }
    private var identities: [Identity: String] = [:]

    /// The files at `paths` (paths that do not exist are skipped).
    public init(_ paths: [String]) {
        for path in paths {
            if let identity = InputFiles.identity(path) { identities[identity] = path }
        }
    }

    private static func identity(_ path: String) -> Identity? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// Throws `OutputError.wouldOverwriteInput` if writing `output` would replace an input file.
    public func check(output: String) throws(OutputError) {
        guard output != "-", let identity = InputFiles.identity(output), let input = identities[identity] else { return }
        throw .wouldOverwriteInput(path: output, input: input)
    }
}

/// A failure to write an output file, naming the path and what to do.
public enum OutputError: Error, CustomStringConvertible, Equatable {
    case cannotCreate(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    /// The path is something Weft does not write to (`kind` says what it is).
    case unsupportedTarget(path: String, kind: String)
    /// A symbolic link whose target does not exist.
    case danglingLink(path: String)
    /// Writing the output would replace an input file of the same run.
    case wouldOverwriteInput(path: String, input: String)
    /// Another weft run holds the output folder.
    case folderInUse(path: String)
    /// An output folder's path names something that is not a folder.
    case notAFolder(path: String)
    /// A value that the output format cannot hold (an infinite number in JSON, say).
    case unrepresentable(path: String, detail: String)

    /// The same error about `path` (a staged file's error, told about the file it stands for).
    func about(_ path: String) -> OutputError {
        switch self {
        case let .cannotCreate(_, reason): return .cannotCreate(path: path, reason: reason)
        case let .cannotWrite(_, reason): return .cannotWrite(path: path, reason: reason)
        case let .unsupportedTarget(_, kind): return .unsupportedTarget(path: path, kind: kind)
        case .danglingLink: return .danglingLink(path: path)
        case let .wouldOverwriteInput(_, input): return .wouldOverwriteInput(path: path, input: input)
        case .folderInUse: return .folderInUse(path: path)
        case .notAFolder: return .notAFolder(path: path)
        case let .unrepresentable(_, detail): return .unrepresentable(path: path, detail: detail)
        }
    }

    public var description: String {
        switch self {
        case let .cannotCreate(path, reason): return "cannot create \(path): \(reason); check that its folder exists and is writable"
        case let .cannotWrite(path, reason): return "cannot write \(path): \(reason); check the disk space and permissions there"
        case let .unsupportedTarget(path, kind):
            return "will not write \(path): it is \(kind); name a file (or - for standard output where one file is written)"
        case let .danglingLink(path): return "will not write \(path): it is a symbolic link to a file that does not exist; name the file itself"
        case let .wouldOverwriteInput(path, input):
            return "will not write \(path): it is the input file \(input); write the outputs to another file or folder"
        case let .folderInUse(path):
            return "another weft run is writing into \(path); wait for it to finish, or choose another output folder"
        case let .notAFolder(path): return "will not write into \(path): it is a file, not a folder; name a folder for the outputs"
        case let .unrepresentable(path, detail): return "cannot write \(path): \(detail)"
        }
    }
}
