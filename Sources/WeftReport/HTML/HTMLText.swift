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

    /// A number with `digits` decimals (POSIX formatting, so the same bytes on every machine).
    static func number(_ x: Double, digits: Int = 2) -> String {
        guard x.isFinite else { return "–" }
        let s = String(format: "%.\(digits)f", x)
        return s == "-0" || s.hasPrefix("-0.") && Double(s) == 0 ? String(s.dropFirst()) : s
    }

    /// A share as a percentage with one decimal ("42.0%").
    static func percent(_ x: Double) -> String { number(100 * x, digits: 1) + "%" }

    /// An integer with thin-space-free thousands separators ("12,345").
    static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// An SVG coordinate with one decimal.
    static func coordinate(_ x: Double) -> String { number(x, digits: 1) }
}
