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
    /// The figures and names `message` is built from, in order (counts as plain integers, days as
    /// YYYY-MM-DD), so that a report in another language can say the same from `code` and these
    /// (report.html's catalogue key `warning.<code>`). Not part of report.json.
    public let parameters: [String]

    public init(code: String, severity: Severity = .warning, file: String? = nil, message: String, parameters: [String] = []) {
        self.code = code
        self.severity = severity
        self.file = file
        self.message = message
        self.parameters = parameters
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(code: try container.decode(String.self, forKey: .code), severity: try container.decode(Severity.self, forKey: .severity),
                  file: try container.decodeIfPresent(String.self, forKey: .file), message: try container.decode(String.self, forKey: .message))
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
