import Foundation
import WeftGraph
import WeftIO

extension Report {
    /// What identifies the run, so that a dashboard can key history by it and the bytes of
    /// report.json do not depend on where the data folder sits: the command line with paths
    /// relative to the data folder, the data's as-of date, the window as normalised UTC
    /// instants, and how the outputs were pseudonymised.
    public struct Run: Codable, Sendable, Equatable {
        /// The arguments after `weft`, each path made relative to the data folder (the folder
        /// itself is `.`).
        public var arguments: [String]
        /// The UTC day of the window's last record; null when the window holds no record.
        @NullCoded public var dataAsOf: String?
        /// The window as instants (UTC): start inclusive, end exclusive; null when open.
        @NullCoded public var windowStart: String?
        @NullCoded public var windowEnd: String?
        public var pseudonymisation: Pseudonymisation

        enum CodingKeys: String, CodingKey {
            case arguments, pseudonymisation
            case dataAsOf = "data_as_of", windowStart = "window_start", windowEnd = "window_end"
        }
    }

    /// Whether and how ids became pseudonyms.
    public struct Pseudonymisation: Codable, Sendable, Equatable {
        /// `none`; `keyed` (p + the first 16 hex digits of HMAC-SHA256(key, id), with
        /// --pseudonym-key-file: the same member has the same pseudonym in every run with that
        /// key); or `member_order` (p0001, p0002, … in members-file order: valid for this run only).
        public var method: String
        /// The attributes kept in the outputs (all of them when not pseudonymised).
        public var keptAttributes: [String]

        enum CodingKeys: String, CodingKey {
            case method
            case keptAttributes = "kept_attributes"
        }
    }
}

/// Paths as the outputs record them: relative to the data folder, so that the same data gives
/// the same bytes wherever it sits.
public enum RelativePath {
    /// `path` relative to `folder` (`.` for the folder itself, `../x` outside it), both taken
    /// from the current directory when relative; `path` unchanged when `folder` is nil.
    public static func of(_ path: String, from folder: String?) -> String {
        guard let folder else { return path }
        let base = components(folder), target = components(path)
        var shared = 0
        while shared < min(base.count, target.count) && base[shared] == target[shared] { shared += 1 }
        let parts = Array(repeating: "..", count: base.count - shared) + target[shared...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    private static func components(_ path: String) -> [String] {
        URL(fileURLWithPath: path).standardizedFileURL.pathComponents.filter { $0 != "/" }
    }

    /// Command-line arguments with paths made relative to `folder`: the values of `pathOptions`
    /// (`--members FILE` or `--members=FILE`) and `positional`, the data folder argument. The
    /// options in `omitted` are left out with their values (the output folder: where the outputs
    /// go must not change their bytes).
    public static func arguments(_ arguments: [String], from folder: String?, pathOptions: Set<String>, positional: String?,
                                 omitted: Set<String> = []) -> [String] {
        var out: [String] = []
        for (i, argument) in arguments.enumerated() {
            let name = argument.hasPrefix("--") ? String(argument.prefix { $0 != "=" }) : argument
            if omitted.contains(name) || (i > 0 && omitted.contains(arguments[i - 1])) { continue }
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--"), pathOptions.contains(String(argument[..<equals])) {
                out.append(String(argument[...equals]) + of(String(argument[argument.index(after: equals)...]), from: folder))
            } else if (i > 0 && pathOptions.contains(arguments[i - 1])) || argument == positional {
                out.append(of(argument, from: folder))
            } else {
                out.append(argument)
            }
        }
        return out
    }
}
