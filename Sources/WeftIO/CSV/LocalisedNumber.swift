/// Numbers as spreadsheets write them in other locales: a decimal comma (`1,5`, French, Spanish,
/// Portuguese, German Excel) and digit grouping (`1,234.5`, `1.234,5`, `1 234,5` with a space,
/// a no-break space U+00A0 or a narrow no-break space U+202F).
///
/// A plain number (`3`, `-2.5`, `1e3`) is read by `DecimalParser` first, unchanged; only what
/// it refuses is looked at here. Grouping is accepted only where it is unambiguous: groups of
/// exactly three digits after a first group of one to three, one kind of separator, and a
/// separator different from the decimal mark. With `decimalComma` the decimal mark is `,` and
/// `.` may group; without it the decimal mark is `.` and `,` may group, so `1,5` is not a number
/// unless the file uses decimal commas (semicolon-delimited files do by default;
/// `--decimal-comma` says so for any file).
enum LocalisedNumber {
    static func parse(_ bytes: UnsafeRawBufferPointer, decimalComma: Bool) -> Double? {
        if let plain = DecimalParser.parse(bytes) { return plain }
        // Split into characters we know: digits, sign, marks, group spaces.
        var canonical: [UInt8] = []
        var groups: [Int] = [0]                 // digit counts of the integer part's groups
        var separator: UInt8? = nil             // the grouping separator seen (0x20 for any space)
        var inFraction = false, anyDigit = false
        let decimalMark = decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".")
        let groupMark = decimalComma ? UInt8(ascii: ".") : UInt8(ascii: ",")
        var p = 0
        let n = bytes.count
        while p < n, bytes[p] == 0x20 { p += 1 }
        var end = n
        while end > p, bytes[end - 1] == 0x20 { end -= 1 }
        if p < end, bytes[p] == UInt8(ascii: "-") || bytes[p] == UInt8(ascii: "+") { canonical.append(bytes[p]); p += 1 }
        while p < end {
            let c = bytes[p]
            var groupingWidth = 0               // bytes of a grouping separator at p
            if c >= 48 && c <= 57 {
                canonical.append(c)
                anyDigit = true
                if !inFraction { groups[groups.count - 1] += 1 }
                p += 1
                continue
            } else if c == decimalMark && !inFraction {
                inFraction = true
                canonical.append(UInt8(ascii: "."))
                p += 1
                continue
            } else if c == groupMark || c == 0x20 {
                groupingWidth = 1
            } else if c == 0xC2, p + 1 < end, bytes[p + 1] == 0xA0 {
                groupingWidth = 2
            } else if c == 0xE2, p + 2 < end, bytes[p + 1] == 0x80, bytes[p + 2] == 0xAF {
                groupingWidth = 3
            } else {
                return nil
            }
            let kind = groupingWidth == 1 && c == groupMark ? groupMark : 0x20
            guard !inFraction, separator == nil || separator == kind else { return nil }
            separator = kind
            groups.append(0)
            p += groupingWidth
        }
        guard anyDigit, !(inFraction && canonical.last == UInt8(ascii: ".")) else { return nil }
        if groups.count > 1 {
            guard (1...3).contains(groups[0]), groups.dropFirst().allSatisfy({ $0 == 3 }) else { return nil }
        } else if !inFraction {
            return nil                          // nothing here that DecimalParser did not already refuse
        }
        return canonical.withUnsafeBytes { DecimalParser.parse($0) }
    }

    /// A hint for a value refused as a number that would read with a decimal comma.
    static func decimalCommaHint(_ bytes: UnsafeRawBufferPointer) -> String {
        parse(bytes, decimalComma: true) == nil ? "" : " (if it uses a decimal comma, set --decimal-comma)"
    }

    /// `text` read as a number (see `parse`).
    static func parse(_ text: String, decimalComma: Bool) -> Double? {
        var copy = text
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0), decimalComma: decimalComma) }
    }
}
