/// A pull tokenizer for the XML parts of a workbook, working on UTF-8 bytes as they are inflated:
/// it hands out one tag or text run at a time and keeps only the unread bytes, so memory stays
/// proportional to the longest token, not the part.
///
/// It reads what Office Open XML parts contain (ECMA-376 Part 1; XML 1.0): elements with
/// namespace prefixes (compared by local name), attributes in either quote, text with the five
/// predefined entities and character references, CDATA sections; comments, processing
/// instructions and a document type declaration are skipped (no entity is ever expanded from
/// one, so no input can grow). It checks no more than it needs: a part that is not well formed
/// reads as the tokens it has, and a tag that never closes is an error.
final class XMLScanner {
    enum Token: Equatable {
        /// A start tag (`selfClosing` for `<x/>`); `name` and `attribute(_:)` describe it.
        case start(selfClosing: Bool)
        /// An end tag; `name` holds its name.
        case end
        /// Character data; `appendText(to:)` copies it, decoded.
        case text
        /// The end of the part.
        case endOfPart
    }

    private let part: ZipPartReader
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0, end = 0
    private var atEOF = false
    private static let blockSize = 1 << 18

    // The current token, as offsets into `buffer` (valid until the next call to `next`).
    private var nameStart = 0, nameEnd = 0
    private var attributesStart = 0, attributesEnd = 0
    private var textStart = 0, textEnd = 0
    private var textIsRaw = false

    init(part: ZipPartReader) {
        self.part = part
        capacity = XMLScanner.blockSize * 2
        buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    /// The part's name, for messages.
    var partName: String { part.entry.name }

    /// Reads more bytes after the unread ones; false when the part has ended.
    private func refill() throws -> Bool {
        if atEOF { return false }
        if start > 0 {
            let pending = end - start
            if pending > 0 { buffer.update(from: buffer + start, count: pending) }
            // Offsets of a half-read token move with the bytes.
            end = pending
            start = 0
        }
        if capacity - end < XMLScanner.blockSize {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity *= 2
        }
        let got = try part.read(into: buffer + end, capacity: capacity - end)
        if got == 0 { atEOF = true; return false }
        end += got
        return true
    }

    /// The offset of the first `byte` at or after `from`, or nil.
    @inline(__always)
    private func find(_ byte: UInt8, from: Int) -> Int? {
        var p = from
        while p < end {
            if buffer[p] == byte { return p }
            p += 1
        }
        return nil
    }

    /// The offset just past the first occurrence of `terminator` at or after `from`, or nil.
    private func find(_ terminator: [UInt8], from: Int) -> Int? {
        var p = from
        while p + terminator.count <= end {
            if buffer[p] == terminator[0], (1..<terminator.count).allSatisfy({ buffer[p + $0] == terminator[$0] }) {
                return p + terminator.count
            }
            p += 1
        }
        return nil
    }

    /// The next token. Text runs are returned whole; whitespace-only text is returned too.
    func next() throws -> Token {
        while true {
            if start == end, !(try refill()) { return .endOfPart }
            if buffer[start] != UInt8(ascii: "<") {
                guard let stop = find(UInt8(ascii: "<"), from: start) else {
                    if try refill() { continue }
                    (textStart, textEnd, textIsRaw) = (start, end, false)
                    start = end
                    return .text
                }
                (textStart, textEnd, textIsRaw) = (start, stop, false)
                start = stop
                return .text
            }
            guard let token = try markup() else {
                if try refill() { continue }
                throw XMLScanError(part: partName, message: "a tag is never closed")
            }
            return token
        }
    }

    /// Reads the markup at `start` (which is `<`); nil when more bytes are needed.
    private func markup() throws -> Token? {
        guard start + 1 < end else { return nil }
        let second = buffer[start + 1]
        if second == UInt8(ascii: "?") {
            guard let after = find([UInt8(ascii: "?"), UInt8(ascii: ">")], from: start + 2) else { return nil }
            start = after
            return try next()
        }
        if second == UInt8(ascii: "!") {
            guard start + 9 <= end || atEOF else { return nil }
            if matches("<!--", at: start) {
                guard let after = find(Array("-->".utf8), from: start + 4) else { return nil }
                start = after
                return try next()
            }
            if matches("<![CDATA[", at: start) {
                guard let after = find(Array("]]>".utf8), from: start + 9) else { return nil }
                (textStart, textEnd, textIsRaw) = (start + 9, after - 3, true)
                start = after
                return .text
            }
            // A document type declaration, with or without an internal subset.
            guard let close = find(UInt8(ascii: ">"), from: start + 2) else { return nil }
            if let bracket = find(UInt8(ascii: "["), from: start + 2), bracket < close {
                guard let after = find(Array("]>".utf8), from: bracket) else { return nil }
                start = after
            } else {
                start = close + 1
            }
            return try next()
        }
        let isEnd = second == UInt8(ascii: "/")
        var p = start + (isEnd ? 2 : 1)
        nameStart = p
        while p < end, !isNameEnd(buffer[p]) { p += 1 }
        guard p < end else { return nil }
        nameEnd = p
        // Up to the closing `>`, skipping quoted attribute values (which may hold `>`).
        var quote: UInt8 = 0
        while p < end {
            let c = buffer[p]
            if quote != 0 { if c == quote { quote = 0 } }
            else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { quote = c }
            else if c == UInt8(ascii: ">") { break }
            p += 1
        }
        guard p < end else { return nil }
        let selfClosing = !isEnd && p > nameEnd && buffer[p - 1] == UInt8(ascii: "/")
        (attributesStart, attributesEnd) = (nameEnd, selfClosing ? p - 1 : p)
        start = p + 1
        // Compare by local name: drop a namespace prefix.
        var q = nameStart
        while q < nameEnd { if buffer[q] == UInt8(ascii: ":") { nameStart = q + 1 }; q += 1 }
        return isEnd ? .end : .start(selfClosing: selfClosing)
    }

    @inline(__always)
    private func isNameEnd(_ c: UInt8) -> Bool {
        c == UInt8(ascii: ">") || c == UInt8(ascii: "/") || c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
    }

    private func matches(_ literal: StaticString, at offset: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= end else { return false }
        let bytes = literal.utf8Start
        for i in 0..<count where buffer[offset + i] != bytes[i] { return false }
        return true
    }

    /// Whether the current tag's local name is `name`.
    @inline(__always)
    func nameIs(_ name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        guard nameEnd - nameStart == count else { return false }
        let bytes = name.utf8Start
        for i in 0..<count where buffer[nameStart + i] != bytes[i] { return false }
        return true
    }

    /// The current tag's local name, for messages.
    var name: String { String(decoding: UnsafeBufferPointer(start: buffer + nameStart, count: nameEnd - nameStart), as: UTF8.self) }

    /// The raw (undecoded) value of the current start tag's attribute `key`, compared by local
    /// name, or nil when the tag has none.
    func attribute(_ key: StaticString) -> UnsafeBufferPointer<UInt8>? {
        let keyBytes = key.utf8Start, keyCount = key.utf8CodeUnitCount
        var p = attributesStart
        while p < attributesEnd {
            while p < attributesEnd, buffer[p] == 0x20 || buffer[p] == 0x09 || buffer[p] == 0x0A || buffer[p] == 0x0D { p += 1 }
            let nameFrom = p
            var localFrom = p
            while p < attributesEnd, buffer[p] != UInt8(ascii: "="), buffer[p] != 0x20 {
                if buffer[p] == UInt8(ascii: ":") { localFrom = p + 1 }
                p += 1
            }
            let nameTo = p
            while p < attributesEnd, buffer[p] != UInt8(ascii: "\""), buffer[p] != UInt8(ascii: "'") { p += 1 }
            guard p < attributesEnd, nameTo > nameFrom else { return nil }
            let quote = buffer[p]
            let valueFrom = p + 1
            p = valueFrom
            while p < attributesEnd, buffer[p] != quote { p += 1 }
            let valueTo = p
            p += 1
            if nameTo - localFrom == keyCount, (0..<keyCount).allSatisfy({ buffer[localFrom + $0] == keyBytes[$0] }) {
                return UnsafeBufferPointer(start: buffer + valueFrom, count: valueTo - valueFrom)
            }
        }
        return nil
    }

    /// The value of attribute `key`, decoded, or nil.
    func attributeText(_ key: StaticString) -> String? {
        guard let raw = attribute(key) else { return nil }
        var bytes: [UInt8] = []
        XMLScanner.appendDecoded(raw, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The current text token's bytes, undecoded.
    var rawText: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: buffer + textStart, count: textEnd - textStart) }

    /// Appends the current text token, with entities decoded, to `bytes`.
    func appendText(to bytes: inout [UInt8]) {
        if textIsRaw { bytes.append(contentsOf: rawText) } else { XMLScanner.appendDecoded(rawText, to: &bytes) }
    }

    /// Appends `raw` to `bytes`, decoding `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` and character
    /// references (`&#233;`, `&#xE9;`). A reference that is not one of these is kept as written.
    static func appendDecoded(_ raw: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var p = 0
        while p < raw.count {
            let c = raw[p]
            guard c == UInt8(ascii: "&"), let semicolon = (p + 1..<min(raw.count, p + 12)).first(where: { raw[$0] == UInt8(ascii: ";") }) else {
                bytes.append(c)
                p += 1
                continue
            }
            let entity = UnsafeBufferPointer(rebasing: raw[(p + 1)..<semicolon])
            if let scalar = decodeEntity(entity) {
                appendUTF8(scalar, to: &bytes)
                p = semicolon + 1
            } else {
                bytes.append(c)
                p += 1
            }
        }
    }

    private static func decodeEntity(_ entity: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        switch Array(entity) {
        case Array("lt".utf8): return "<"
        case Array("gt".utf8): return ">"
        case Array("amp".utf8): return "&"
        case Array("quot".utf8): return "\""
        case Array("apos".utf8): return "'"
        default:
            guard entity.count >= 2, entity[0] == UInt8(ascii: "#") else { return nil }
            let hex = entity[1] == UInt8(ascii: "x") || entity[1] == UInt8(ascii: "X")
            let digits = String(decoding: entity.dropFirst(hex ? 2 : 1), as: UTF8.self)
            guard !digits.isEmpty, let value = UInt32(digits, radix: hex ? 16 : 10) else { return nil }
            return Unicode.Scalar(value)
        }
    }

    static func appendUTF8(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: UTF8.encode(scalar)!)
    }
}

/// A workbook part that cannot be read as XML.
struct XMLScanError: Error {
    let part: String
    let message: String
}
