/// Text from input files made safe to print on a terminal.
public enum TerminalText {
    /// `text` with every control character except the line feed (C0, DEL, C1: NUL, escape
    /// sequences, carriage returns, the NULs of a UTF-16 file read as bytes) shown as `\u{XX}`,
    /// so that no input can move the cursor, recolour or clear a terminal, or hide part of a message.
    public static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isEscaped) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isEscaped(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isEscaped(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\n") || (0x7F...0x9F).contains(scalar.value)
    }
}
