/// Text for XML documents (GraphML, GEXF): every string from the data goes through `escaped` or
/// `append`.
///
/// `&`, `<`, `>`, `"` and `'` become entity references, so the text is safe inside an element
/// or a double- or single-quoted attribute, and characters that XML 1.0 does not allow at all
/// (C0 controls other than tab, line feed and carriage return; U+FFFE and U+FFFF) become U+FFFD,
/// so no input can break the document.
public enum XMLText {
    public static func escaped(_ text: String) -> String {
        var bytes: [UInt8] = []
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text`, escaped, to `bytes` (works on the UTF-8 bytes directly).
    public static func append(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            var i = 0
            while i < utf8.count {
                let c = utf8[i]
                switch c {
                case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): bytes.append(contentsOf: "&apos;".utf8)
                case 0x09, 0x0A, 0x0D: bytes.append(c)
                case 0..<0x20: bytes.append(contentsOf: replacement)
                case 0xEF where i + 2 < utf8.count && utf8[i + 1] == 0xBF && (utf8[i + 2] == 0xBE || utf8[i + 2] == 0xBF):
                    bytes.append(contentsOf: replacement)   // U+FFFE, U+FFFF
                    i += 2
                default: bytes.append(c)
                }
                i += 1
            }
        }
    }

    /// U+FFFD in UTF-8.
    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
}
