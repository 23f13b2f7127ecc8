/// Text for XML documents (GraphML, GEXF): every string from the data goes through `escaped`.
public enum XMLText {
    /// `text` safe inside an element or a double- or single-quoted attribute: `&`, `<`, `>`, `"`
    /// and `'` become entity references, and characters that XML 1.0 does not allow at all (C0
    /// controls other than tab, line feed and carriage return; U+FFFE, U+FFFF) become U+FFFD, so
    /// no input can break the document.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
