/// Small pieces of JSON text for writers that stream large objects instead of building them in
/// memory (report.json's `members`, one entry per member).
public enum JSONText {
    /// A JSON string literal: quotes, backslashes and control characters escaped (RFC 8259).
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A cell as a JSON value: text as a string, numbers in full precision (non-finite as null),
    /// flags as true/false, empty as null.
    public static func value(_ cell: CSVCell) -> String {
        switch cell {
        case .text(let s), .plain(let s): return quoted(s)
        case .integer(let v): return String(v)
        case .real(let v): return v.isFinite ? CSVTableWriter.formatReal(v) : "null"
        case .flag(let v): return v ? "true" : "false"
        case .empty: return "null"
        }
    }
}
