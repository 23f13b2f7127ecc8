import Foundation

/// Escaping and number formatting for report.html. Every string that comes from the data (ids,
/// names, attribute values, file paths, interaction types) goes through `HTMLText.escape` before
/// it reaches the page, in text and in attribute values alike.
public enum HTMLText {
    /// The text with `&`, `<`, `>`, `"` and `'` replaced by character references, and other C0
    /// control characters (except tab, line feed, carriage return) dropped, so that it is inert
    /// both as element content and inside a quoted attribute value.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The number and date conventions of the report being written (`ReportLocale`), set by
    /// `HTMLReport.render()` for the length of one rendering.
    @TaskLocal static var locale = ReportLocale.of(.en)

    /// A number with `digits` decimals, POSIX formatting ("1234.50"): for SVG attributes and
    /// anything else a machine reads.
    static func decimal(_ x: Double, digits: Int = 2) -> String {
        guard x.isFinite else { return "–" }
        let s = String(format: "%.\(digits)f", x)
        return s == "-0" || s.hasPrefix("-0.") && Double(s) == 0 ? String(s.dropFirst()) : s
    }

    /// A number with `digits` decimals for the reader: the report's decimal sign and thousands
    /// separator ("1,234.50", "1 234,50").
    static func number(_ x: Double, digits: Int = 2) -> String {
        x.isFinite ? locale.localise(decimal(x, digits: digits)) : "–"
    }

    /// A share as a percentage with one decimal ("42.0%", "42,0 %").
    static func percent(_ x: Double) -> String { number(100 * x, digits: 1) + locale.percentSpace + "%" }

    /// An integer with the report's thousands separator ("12,345", "12 345", "12.345").
    static func count(_ n: Int) -> String { locale.localise(String(n)) }

    /// A date written "YYYY-MM-DD…" as the report's language writes dates (ISO 8601 in English).
    static func date(_ iso: String) -> String { locale.date(iso) }

    /// An SVG coordinate with one decimal.
    static func coordinate(_ x: Double) -> String { decimal(x, digits: 1) }
}
