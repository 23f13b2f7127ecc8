import Foundation

/// Small text helpers of the importers. Exports themselves are read through WeftIO's
/// `InputSource` (encoding detection, streaming); `head` only decodes the first few lines that
/// recognising a file's format needs (by byte-order mark: UTF-8, or UTF-16 as Teams writes).
enum ExportText {
    /// The first `count` lines of a file, decoded, for recognising its format.
    static func head(path: String, count: Int = 5) throws -> [String] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportError("\(path): cannot open (\(String(cString: strerror(errno))))")
        }
        defer { try? handle.close() }
        let bytes = [UInt8](handle.readData(ofLength: 16_384))
        return Array(decode(bytes).split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).prefix(count).map(String.init))
    }

    /// Decodes by byte-order mark; without one, UTF-16 LE when the second byte is NUL (ASCII text
    /// in UTF-16), else UTF-8. Invalid sequences become U+FFFD.
    static func decode(_ bytes: [UInt8]) -> String {
        if bytes.starts(with: [0xFF, 0xFE]) { return utf16(bytes.dropFirst(2), littleEndian: true) }
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16(bytes.dropFirst(2), littleEndian: false) }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return String(decoding: bytes.dropFirst(3), as: UTF8.self) }
        if bytes.count >= 2 && bytes[1] == 0 && bytes[0] != 0 { return utf16(bytes[...], littleEndian: true) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let (a, b) = (UInt16(bytes[i]), UInt16(bytes[i + 1]))
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// A header cell compared case-insensitively with surrounding spaces and a BOM removed.
    static func normalisedHeader(_ text: String) -> String {
        var h = text.trimmedSpace.lowercased()
        if h.hasPrefix("\u{FEFF}") { h.removeFirst() }
        return h
    }

    /// The file's name without folder and extension (the event key of exports that carry none).
    static func stem(_ path: String) -> String {
        URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }

    /// Whether the file at `path` is a ZIP archive (it starts with a local file header, `PK\3\4`).
    static func isZip(_ path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        return [UInt8](h.readData(ofLength: 4)) == [0x50, 0x4B, 0x03, 0x04]
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space (Unicode White_Space: spaces, tabs,
    /// no-break spaces, line ends), as `trimmingCharacters(in: .whitespacesAndNewlines)` gives it
    /// but without Foundation's round trip through NSString, which made it most of the time of a
    /// mailbox import on Linux.
    var trimmedSpace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        if first == startIndex && scalars.index(after: last) == endIndex, let whole = self as? String { return whole }
        return String(self[first..<scalars.index(after: last)])
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// The part of `range` without leading and trailing white space, with `trimmedSpace`'s
    /// definition (Unicode White_Space) applied to UTF-8 bytes, so that a hot loop (a mailbox's
    /// headers) trims without making a String: ASCII spaces and controls 9–13 are compared as
    /// bytes, and only a non-ASCII byte at either end is decoded to its scalar.
    func trimmedRange(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, let width = whiteSpaceWidth(at: lower, before: upper) { lower += width }
        while lower < upper {
            var start = upper - 1
            while start > lower && self[start] & 0xC0 == 0x80 { start -= 1 }
            guard let width = whiteSpaceWidth(at: start, before: upper), start + width == upper else { break }
            upper = start
        }
        return lower..<upper
    }

    /// The byte length of the white-space scalar starting at `i` (ending before `end`), or nil.
    private func whiteSpaceWidth(at i: Int, before end: Int) -> Int? {
        let b = self[i]
        if b < 0x80 { return b == 0x20 || (0x09...0x0D).contains(b) ? 1 : nil }
        var bytes = self[i..<end].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let s) = decoder.decode(&bytes), s.properties.isWhitespace else { return nil }
        return UTF8.width(s)
    }

    /// Whether every byte of `range` is ASCII.
    func isASCII(_ range: Range<Int>) -> Bool {
        for i in range where self[i] >= 0x80 { return false }
        return true
    }

    /// The bytes of `range` as UTF-8 text (invalid sequences become U+FFFD).
    func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: self[range]), as: UTF8.self) }

    /// The index just after `bytes` when the bytes from `index` on begin with them, else nil.
    /// (`withUTF8Buffer`, as a one-scalar StaticString has no `utf8Start`.)
    func matched(_ bytes: StaticString, at index: Int) -> Int? {
        bytes.withUTF8Buffer { b in
            guard index >= 0, index + b.count <= count else { return nil }
            for j in 0..<b.count where self[index + j] != b[j] { return nil }
            return index + b.count
        }
    }

    /// Whether the bytes from `index` on begin with those of `bytes`.
    func has(_ bytes: StaticString, at index: Int) -> Bool { matched(bytes, at: index) != nil }

    /// Whether the bytes begin with `prefix`, A–Z in the bytes compared as a–z (`prefix` lower-case).
    func startsIgnoringASCIICase(with prefix: UnsafeBufferPointer<UInt8>, at index: Int = 0) -> Bool {
        guard index + prefix.count <= count else { return false }
        for j in 0..<prefix.count {
            let b = self[index + j]
            if (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) != prefix[j] { return false }
        }
        return true
    }

    /// `startsIgnoringASCIICase` with the bytes of an array.
    func startsIgnoringASCIICase(with prefix: [UInt8]) -> Bool {
        prefix.withUnsafeBufferPointer { startsIgnoringASCIICase(with: $0) }
    }

    /// Whether the bytes are `text` (lower-case ASCII), ignoring ASCII case.
    func equalsIgnoringASCIICase(_ text: StaticString) -> Bool {
        text.withUTF8Buffer { count == $0.count && startsIgnoringASCIICase(with: $0) }
    }

    /// Whether `text` (lower-case ASCII) occurs in the bytes, ignoring ASCII case.
    func containsIgnoringASCIICase(_ text: StaticString) -> Bool {
        text.withUTF8Buffer { needle in
            guard needle.count <= count else { return false }
            for start in 0...(count - needle.count) where startsIgnoringASCIICase(with: needle, at: start) { return true }
            return false
        }
    }
}
