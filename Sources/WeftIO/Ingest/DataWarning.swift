/// Something about a run's data that a reader of its outputs must know, short of an error: a file
/// that lost most of its rows, an assumed encoding or response rate, a partial last period.
///
/// Warnings are collected where they arise (readers, loader, analyses), printed at the end of a
/// command's output, and written to report.json's `warnings[]` and the report's data-quality
/// section, so no loss of data is silent.
public struct DataWarning: Sendable, Equatable, Codable {
    public enum Severity: String, Sendable, Codable, CaseIterable {
        /// Worth knowing; the figures stand.
        case info
        /// The figures may mislead unless the reader knows this.
        case warning
    }

    /// A stable, machine-readable code in snake_case (e.g. `most_rows_rejected`), for dashboards.
    public let code: String
    public let severity: Severity
    /// The input file concerned, as named on the command line; nil when no one file is.
    public let file: String?
    /// One plain-English sentence a person can act on.
    public let message: String

    public init(code: String, severity: Severity = .warning, file: String? = nil, message: String) {
        self.code = code
        self.severity = severity
        self.file = file
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case code, severity, file, message
    }

    /// Writes `file` as null when absent (every key of Weft's JSON is always present).
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(severity, forKey: .severity)
        try container.encode(file, forKey: .file)
        try container.encode(message, forKey: .message)
    }
}
