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
        /// The effective settings that change the figures (null when the caller records none).
        @NullCoded public var settings: Settings? = nil
    }

    /// The settings that change a run's figures beyond the measures' own (report.json's
    /// `run.settings`, the qap JSON's `settings`), with their effective values, defaults included.
    public struct Settings: Codable, Sendable, Equatable {
        /// `--unknown-members`: what happened to records naming someone not in members.csv.
        public var unknownMembers: String
        /// `--wave-dates` as given (wave label → ISO day); empty when not given.
        public var waveDates: [String: String]
        /// The survey layer's missing-data treatment (`--survey-symmetrise`: directed,
        /// reconstruct, max, min or mean); null when no survey layer is measured.
        @NullCoded public var missingDataTreatment: String?
        /// How it was chosen: `--survey-symmetrise`, or `default (lowest response rate N%)`; null
        /// with the treatment.
        @NullCoded public var missingDataTreatmentFrom: String?

        public init(unknownMembers: String, waveDates: [String: Int64], missingDataTreatment: String? = nil,
                    missingDataTreatmentFrom: String? = nil) {
            self.unknownMembers = unknownMembers
            self.waveDates = waveDates.mapValues(Timestamp.formatDate)
            self.missingDataTreatment = missingDataTreatment
            self.missingDataTreatmentFrom = missingDataTreatmentFrom
        }

        /// The settings of a run measuring `layer` (nil: no survey layer).
        public init(unknownMembers: String, waveDates: [String: Int64], layer: SurveyNetwork?) {
            var from: String? = nil
            if let layer {
                from = layer.symmetrisationDefaulted
                    ? String(format: "default (lowest response rate %.1f%%)", SurveyNetwork.lowestRate(layer.memberships).rate * 100)
                    : "--survey-symmetrise"
            }
            self.init(unknownMembers: unknownMembers, waveDates: waveDates, missingDataTreatment: layer?.symmetrisation.rawValue,
                      missingDataTreatmentFrom: from)
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

extension Report.Input {
    /// Every input file of `dataset` as the outputs record it: paths relative to `dataFolder`,
    /// with the counts of rows read, accepted and rejected and the file's SHA-256.
    public static func all(_ dataset: Dataset, dataFolder: String?) -> [Report.Input] {
        dataset.files.map {
            .init(kind: $0.kind.rawValue, path: RelativePath.of($0.path, from: dataFolder),
                  delimiter: $0.layout.sheet != nil ? "none" : $0.delimiter == "\t" ? "tab" : $0.delimiter, sheet: $0.layout.sheet,
                  encoding: $0.layout.encoding.rawValue,
                  dateFormats: Dictionary($0.dateColumns.map { ($0.column, $0.format) }) { first, _ in first },
                  rowsRead: $0.rowsRead, accepted: $0.accepted, rejected: $0.rejected, extraColumns: $0.extraColumns,
                  bytes: $0.bytes, sha256: $0.sha256)
        }
    }
}
