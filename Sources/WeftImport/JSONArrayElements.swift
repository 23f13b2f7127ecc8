/// The elements of a JSON array file located without parsing them: each element's bytes and the
/// line it starts on, so that a file of many objects (a Slack day file) is parsed one element at
/// a time, a damaged element is rejected with its file:line, and the others are still read.
///
/// The scan follows JSON's strings (with `\"` escapes) and nesting; it does not check the
/// elements, which the caller parses (`JSONSerialization`). O(bytes), no allocation but the list.
enum JSONArrayElements {
    struct Element: Equatable {
        /// 1-based line of the element's first byte.
        var line: Int
        var bytes: Range<Int>
        /// False when the file ends inside the element (a truncated file).
        var complete: Bool
    }

    /// The elements of the top-level array in `bytes` (after a byte-order mark and white space),
    /// or nil when the file does not hold an array.
    static func split(_ bytes: [UInt8]) -> [Element]? {
        var p = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        func skipSpace() {
            while p < bytes.count, [0x20, 0x09, 0x0D, 0x0A].contains(bytes[p]) {
                if bytes[p] == 0x0A { line += 1 }
                p += 1
            }
        }
        skipSpace()
        guard p < bytes.count, bytes[p] == UInt8(ascii: "[") else { return nil }
        p += 1
        var elements: [Element] = []
        while true {
            skipSpace()
            guard p < bytes.count else { return elements }
            if bytes[p] == UInt8(ascii: "]") { return elements }
            if bytes[p] == UInt8(ascii: ",") { p += 1; continue }
            let start = p, startLine = line
            var depth = 0, inString = false, escaped = false, ended = false
            scan: while p < bytes.count {
                let c = bytes[p]
                if c == 0x0A { line += 1 }
                if inString {
                    if escaped { escaped = false } else if c == UInt8(ascii: "\\") { escaped = true } else if c == UInt8(ascii: "\"") { inString = false }
                } else {
                    switch c {
                    case UInt8(ascii: "\""): inString = true
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "]") where depth == 0:
                        ended = true   // the array's own ']' after a scalar
                        break scan
                    case UInt8(ascii: "}") where depth == 0:
                        break          // a stray brace: part of a damaged element, which its parse rejects
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 { p += 1; ended = true; break scan }
                    case UInt8(ascii: ","): if depth == 0 { ended = true; break scan }
                    default: break
                    }
                }
                p += 1
            }
            elements.append(Element(line: startLine, bytes: start..<p, complete: ended && !inString))
        }
    }
}
