import Foundation

/// Maps the answers in survey cells to numbers: numbers stand for themselves; labels (Likert
/// points, frequencies, yes/no, ticked boxes) map through a table that is configurable.
///
/// A label maps to 0 means "no tie": roster cells and grid answers with value 0 make no
/// nomination. Labels compare case- and accent-insensitively with spaces collapsed.
public struct LikertScale: Sendable, Equatable {
    public private(set) var values: [String: Double]

    /// The default table: frequency, agreement, closeness and yes/no wordings common in ONA
    /// surveys. Tools export the label text, so `Weekly` in a cell becomes 3.
    public static let defaultLabels: [(String, Double)] = [
        ("never", 0), ("no", 0), ("none", 0), ("not at all", 0), ("false", 0), ("unticked", 0), ("not selected", 0),
        ("yes", 1), ("true", 1), ("x", 1), ("✓", 1), ("✔", 1), ("selected", 1), ("checked", 1), ("ticked", 1),
        ("rarely", 1), ("yearly", 1), ("once a year", 1), ("a few times a year", 1), ("less than monthly", 1),
        ("sometimes", 2), ("occasionally", 2), ("quarterly", 1), ("monthly", 2), ("a few times a month", 2),
        ("often", 3), ("frequently", 3), ("weekly", 3), ("a few times a week", 3),
        ("always", 4), ("very often", 4), ("daily", 4), ("almost daily", 4),
        ("strongly disagree", 1), ("disagree", 2), ("neither agree nor disagree", 3), ("neutral", 3),
        ("agree", 4), ("strongly agree", 5),
        ("acquaintance", 1), ("colleague", 2), ("close colleague", 3), ("friend", 3), ("close friend", 4),
        ("low", 1), ("medium", 2), ("moderate", 2), ("high", 3), ("very high", 4),
        ("a little", 1), ("somewhat", 2), ("a lot", 3), ("a great deal", 4),
    ]

    public init(values: [String: Double]) {
        self.values = [:]
        for (label, value) in values { self.values[LikertScale.normalise(label)] = value }
    }

    public static let standard = LikertScale(values: Dictionary(defaultLabels, uniquingKeysWith: { first, _ in first }))

    /// The standard table with `overrides` (`label=value`, comma-separated, as `--scale` takes them) on top.
    public static func parsing(_ text: String, base: LikertScale = .standard) throws -> LikertScale {
        var scale = base
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let v = Double(parts[1]), v.isFinite else {
                throw SurveyError("--scale: '\(item)' is not LABEL=NUMBER")
            }
            scale.values[normalise(parts[0])] = v
        }
        return scale
    }

    /// The standard table with a scale file on top: CSV with `label` and `value` columns.
    public static func read(path: String, base: LikertScale = .standard, reading: ReadingOptions = ReadingOptions()) throws -> LikertScale {
        let table = try SurveyTable(path: path, reading: reading)
        let slugs = table.header.map(SurveyHeader.slug)
        guard let label = slugs.firstIndex(of: "label"), let value = slugs.firstIndex(of: "value") else {
            throw SurveyError("\(path): a scale file needs 'label' and 'value' columns (found: \(table.header.joined(separator: ", ")))")
        }
        var scale = base
        for row in table.rows {
            if let problem = row.problem { throw SurveyError(problem.message) }
            let text = label < row.fields.count ? row.fields[label].trimmingCharacters(in: .whitespaces) : ""
            let number = value < row.fields.count ? Double(row.fields[value].trimmingCharacters(in: .whitespaces)) : nil
            guard !text.isEmpty, let number, number.isFinite else {
                throw SurveyError("\(path):\(row.line): a scale row needs a label and a number")
            }
            scale.values[normalise(text)] = number
        }
        return scale
    }

    public static func normalise(_ label: String) -> String {
        label.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// The number for a cell: a decimal number, or a known label; nil when the cell is neither.
    public func value(of cell: String) -> Double? {
        let text = cell.trimmingCharacters(in: .whitespaces)
        if let number = Double(text), number.isFinite { return number }
        return values[LikertScale.normalise(text)]
    }

    /// The known labels, sorted, for messages.
    public var labels: [String] { values.keys.sorted() }
}

/// A problem with the survey import's settings or a whole input file.
public struct SurveyError: Error, CustomStringConvertible, Equatable, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
