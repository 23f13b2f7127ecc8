/// One content line of an iCalendar file (RFC 5545 §3.1): `NAME;PARAM=value;…:VALUE`, after
/// unfolding.
///
/// Unfolding: a physical line that begins with a space or a tab continues the line before it,
/// without that first character. It is done on bytes, before decoding, because exporters fold at
/// 75 octets and Google Calendar may cut a UTF-8 sequence in two. Names and parameter names are
/// case-insensitive (held upper-cased); a parameter value may be quoted (`CN="Silva, Ana"`), and
/// the value starts after the first colon outside quotes. Values are kept as written (no
/// unescaping: the properties Weft reads carry no escapes).
struct CalendarContentLine: Equatable {
    /// The number of the first physical line.
    var line: Int
    var name: String
    /// Parameter names (upper-cased) and their values (quotes removed; a list stays comma-joined).
    var parameters: [String: String]
    var value: String

    /// Reads one unfolded line, or nil when it has no name or no colon.
    init?(_ bytes: ArraySlice<UInt8>, line: Int) {
        self.line = line
        let text = String(decoding: bytes, as: UTF8.self)
        var name = "", parameters: [String: String] = [:]
        var index = text.startIndex
        while index < text.endIndex, text[index] != ";", text[index] != ":" { index = text.index(after: index) }
        name = text[text.startIndex..<index].uppercased()
        guard !name.isEmpty, index < text.endIndex, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return nil }
        while index < text.endIndex && text[index] == ";" {
            // One parameter: NAME=value[,value…], values possibly quoted.
            var cursor = text.index(after: index)
            guard let equals = text[cursor...].firstIndex(of: "=") else { return nil }
            let key = text[cursor..<equals].uppercased()
            cursor = text.index(after: equals)
            var value = "", quoted = false
            while cursor < text.endIndex {
                let c = text[cursor]
                if c == "\"" { quoted.toggle() } else if !quoted && (c == ";" || c == ":") { break } else { value.append(c) }
                cursor = text.index(after: cursor)
            }
            guard !quoted, cursor < text.endIndex, !key.isEmpty else { return nil }
            parameters[key] = value
            index = cursor
        }
        guard index < text.endIndex, text[index] == ":" else { return nil }
        self.name = name
        self.parameters = parameters
        value = String(text[text.index(after: index)...])
    }

    init(line: Int, name: String, parameters: [String: String] = [:], value: String) {
        (self.line, self.name, self.parameters, self.value) = (line, name, parameters, value)
    }

    /// Calls `body` with each unfolded line of `lines` and the number of its first physical
    /// line; blank lines are passed over (`LineStream` has removed the byte-order mark and CRs).
    static func unfold(_ lines: LineStream, _ body: (Int, ArraySlice<UInt8>) throws -> Void) throws {
        var pending: [UInt8] = [], pendingLine = 0
        try lines.forEachLine { bytes, number, _ in
            if let first = bytes.first, first == 0x20 || first == 0x09, !pending.isEmpty {
                pending += bytes.dropFirst()
                return true
            }
            if !pending.isEmpty { try body(pendingLine, pending[...]) }
            pending = Array(bytes)
            pendingLine = number
            return true
        }
        if !pending.isEmpty { try body(pendingLine, pending[...]) }
    }
}
