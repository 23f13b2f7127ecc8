/// The languages report.html is written in (`--lang`).
public enum ReportLanguage: String, CaseIterable, Sendable {
    case en, fr, es, pt
}

/// Every fixed string of report.html, one reviewed table per language (`English.swift`,
/// `French.swift`, …): keys name the place a string is used (`brief.active`), values are plain
/// text in which `{1}`, `{2}`, … stand for figures or data strings filled in by the writer.
/// Tests check that every language has exactly the English keys and the same placeholders.
enum Catalogue {
    static func table(_ language: ReportLanguage) -> [String: String] {
        switch language {
        case .en: return english
        case .fr: return french
        case .es: return spanish
        case .pt: return portuguese
        }
    }
}

/// The fixed strings of one language, ready for the page.
struct Words: Sendable {
    let language: ReportLanguage
    private let table: [String: String]

    init(_ language: ReportLanguage) {
        self.language = language
        table = Catalogue.table(language)
    }

    /// The string under `key`, escaped for HTML, with `{k}` replaced by `arguments[k − 1]`
    /// (which must already be HTML: escaped data or markup the writer built). A missing key is
    /// a programming error, caught by the catalogue tests; it shows as the key itself.
    func callAsFunction(_ key: String, _ arguments: String...) -> String { self(key, arguments) }

    func callAsFunction(_ key: String, _ arguments: [String]) -> String {
        fill(HTMLText.escape(table[key] ?? key), arguments)
    }

    /// The string under `key`, unescaped, with `{k}` replaced by `arguments[k − 1]`: for text
    /// that is escaped later as a whole (a title attribute, a chart label).
    func plain(_ key: String, _ arguments: String...) -> String {
        fill(table[key] ?? key, arguments)
    }

    /// Whether the catalogue has `key`.
    func has(_ key: String) -> Bool { table[key] != nil }

    /// The highest placeholder `{k}` of the string under `key` (0 without any).
    func placeholderCount(_ key: String) -> Int {
        var highest = 0, rest = Substring(table[key] ?? "")
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            highest = max(highest, Int(rest[rest.index(after: open)..<close]) ?? 0)
            rest = rest[rest.index(after: close)...]
        }
        return highest
    }

    private func fill(_ template: String, _ arguments: [String]) -> String {
        guard template.contains("{") else { return template }
        var out = "", rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let k = Int(after[..<close]), k >= 1, k <= arguments.count {
                out += arguments[k - 1]
                rest = after[after.index(after: close)...]
            } else {
                out += "{"
                rest = after
            }
        }
        return out + rest
    }
}
