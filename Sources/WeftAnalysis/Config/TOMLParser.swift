/// Reads TOML 1.0 (https://toml.io/en/v1.0.0) into a `TOMLDocument` whose keys and values keep
/// their line and column.
///
/// Complete for the specification: bare, quoted and dotted keys; basic, literal and multi-line
/// strings with every escape and line-ending backslashes; decimal, hexadecimal, octal and binary
/// integers with underscores between digits; floats with fractions, exponents, `inf` and `nan`;
/// booleans; offset and local date-times, dates and times (range-checked, leap years included);
/// arrays of mixed types over several lines; inline tables; `[table]` and `[[array of tables]]`
/// headers; and the rules on defining a table once (a header may define a table its sub-headers
/// created implicitly, never one defined by a header or by dotted keys; dotted keys never add to
/// a table defined by a header; inline tables and static arrays are closed). Any mistake is a
/// `TOMLSyntaxError` at its line and column. Cost: one pass over the text, O(length), plus
/// O(keys in a table) per key lookup while building.
///
/// A dedicated parser rather than TOMLKit (toml++): a reader of settings must place a refused
/// *value*, down to a character inside a string, and TOMLKit reports places for syntax errors only.
public enum TOMLParser {
    /// Parses `text`; throws `TOMLSyntaxError`.
    public static func parse(_ text: String) throws -> TOMLDocument {
        var reader = Reader(Array(text.unicodeScalars))
        return try reader.document()
    }
}

/// A table while it is being built, with how it came to be (which decides what may add to it).
private final class TableBuilder {
    enum Origin { case implicit, header, dotted, inline }
    enum Slot {
        case value(TOMLValue)
        case table(TableBuilder)
        case tableArray([TableBuilder])
    }

    var origin: Origin
    var offset: Int
    var keys: [String] = []
    var slots: [String: Slot] = [:]
    var keyOffsets: [String: Int] = [:]

    init(origin: Origin, offset: Int) {
        self.origin = origin
        self.offset = offset
    }

    /// Adds a key that is not yet in the table.
    func insert(_ key: String, at offset: Int, _ slot: Slot) {
        keys.append(key)
        keyOffsets[key] = offset
        slots[key] = slot
    }
}

private struct Reader {
    let text: [Unicode.Scalar]
    let lineStarts: [Int]
    var i = 0

    init(_ text: [Unicode.Scalar]) {
        self.text = text
        var starts = [0]
        for (k, c) in text.enumerated() where c == "\n" { starts.append(k + 1) }
        lineStarts = starts
    }

    // MARK: Places and errors

    func place(_ offset: Int) -> TOMLPosition {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return TOMLPosition(line: low + 1, column: offset - lineStarts[low] + 1)
    }

    func fail(_ offset: Int, _ message: String) -> TOMLSyntaxError {
        TOMLSyntaxError(position: place(offset), message: message)
    }

    var atEnd: Bool { i >= text.count }
    var peek: Unicode.Scalar? { i < text.count ? text[i] : nil }
    func peek(_ ahead: Int) -> Unicode.Scalar? { i + ahead < text.count ? text[i + ahead] : nil }
    func starts(with s: String) -> Bool {
        var k = i
        for c in s.unicodeScalars {
            guard k < text.count, text[k] == c else { return false }
            k += 1
        }
        return true
    }

    static func hex(_ v: UInt32) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// A control character TOML forbids in comments and strings (tab is allowed).
    static func isControl(_ c: Unicode.Scalar) -> Bool {
        (c.value < 0x20 && c != "\t") || c.value == 0x7F
    }

    // MARK: Layout: whitespace, comments, line ends

    mutating func skipSpaces() {
        while let c = peek, c == " " || c == "\t" { i += 1 }
    }

    mutating func comment() throws {
        i += 1   // '#'
        while let c = peek, c != "\n" {
            if c == "\r", peek(1) == "\n" { return }
            if Reader.isControl(c) { throw fail(i, "control character \(Reader.hex(c.value)) is not allowed in a comment") }
            i += 1
        }
    }

    /// Consumes a line break (LF or CRLF) if one is next.
    mutating func lineBreak() throws -> Bool {
        if peek == "\n" { i += 1; return true }
        if peek == "\r" {
            guard peek(1) == "\n" else { throw fail(i, "a carriage return must be followed by a line feed") }
            i += 2
            return true
        }
        return false
    }

    /// Spaces, line breaks and comments (between array items).
    mutating func skipBlank() throws {
        while true {
            skipSpaces()
            if peek == "#" { try comment() }
            if try !lineBreak() { return }
        }
    }

    /// After a key/value pair or a header: spaces, an optional comment, then a line break or the end.
    mutating func endOfLine(after what: String) throws {
        skipSpaces()
        if peek == "#" { try comment() }
        if atEnd { return }
        if try !lineBreak() { throw fail(i, "unexpected text after the \(what) (one per line)") }
    }

    // MARK: Document

    mutating func document() throws -> TOMLDocument {
        let root = TableBuilder(origin: .header, offset: 0)
        var current = root
        if peek == "\u{FEFF}" { i += 1 }
        while true {
            try skipBlank()
            guard let c = peek else { break }
            if c == "[" {
                current = try header(root)
                try endOfLine(after: "table header")
            } else {
                try keyValue(into: current)
                try endOfLine(after: "value")
            }
        }
        return TOMLDocument(root: build(root), end: place(text.count))
    }

    func build(_ table: TableBuilder) -> TOMLTable {
        TOMLTable(entries: table.keys.map { key in
            let value: TOMLValue
            switch table.slots[key]! {
            case .value(let v): value = v
            case .table(let t): value = TOMLValue(content: .table(build(t)), position: place(t.offset), scalarPositions: [])
            case .tableArray(let list):
                value = TOMLValue(content: .array(list.map { TOMLValue(content: .table(build($0)), position: place($0.offset), scalarPositions: []) }),
                                  position: place(list[0].offset), scalarPositions: [])
            }
            return TOMLTable.Entry(key: key, keyPosition: place(table.keyOffsets[key]!), value: value)
        })
    }

    // MARK: Keys and tables

    typealias KeyPart = (name: String, offset: Int)

    static func path(_ parts: ArraySlice<KeyPart>) -> String {
        parts.map { part in
            part.name.unicodeScalars.allSatisfy(isBare) && !part.name.isEmpty ? part.name : "\"" + part.name + "\""
        }.joined(separator: ".")
    }

    static func isBare(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
    }

    /// A key: bare or quoted parts joined by dots, spaces allowed around the dots.
    mutating func key() throws -> [KeyPart] {
        var parts: [KeyPart] = []
        while true {
            skipSpaces()
            let start = i
            switch peek {
            case "\""?:
                if starts(with: "\"\"\"") { throw fail(i, "a key cannot be a multi-line string") }
                parts.append((try singleLineString("\"").string, start))
            case "'"?:
                if starts(with: "'''") { throw fail(i, "a key cannot be a multi-line string") }
                parts.append((try singleLineString("'").string, start))
            default:
                while let c = peek, Reader.isBare(c) { i += 1 }
                guard i > start else {
                    let found = peek.map { "'\($0)'" } ?? "the end of the text"
                    throw fail(i, "expected a key (letters, digits, _ and -, or a quoted key), found \(found)")
                }
                parts.append((String(String.UnicodeScalarView(text[start..<i])), start))
            }
            skipSpaces()
            guard peek == "." else { return parts }
            i += 1
        }
    }

    /// The table a key part names inside `table`, creating it if it is missing. Through a header,
    /// any table (or the last of an array of tables) may be entered; through a dotted key, only a
    /// table that dotted keys created.
    func descend(_ table: TableBuilder, _ parts: [KeyPart], _ k: Int, viaHeader: Bool) throws -> TableBuilder {
        let part = parts[k]
        let shown = Reader.path(parts[...k])
        switch table.slots[part.name] {
        case nil:
            let created = TableBuilder(origin: viaHeader ? .implicit : .dotted, offset: part.offset)
            table.insert(part.name, at: part.offset, .table(created))
            return created
        case .table(let existing)?:
            if viaHeader || existing.origin == .dotted { return existing }
            throw fail(part.offset, "table '\(shown)' is already defined; a dotted key cannot add to it")
        case .tableArray(let list)?:
            if viaHeader { return list[list.count - 1] }
            throw fail(part.offset, "'\(shown)' is an array of tables; a dotted key cannot add to it")
        case .value(let v)?:
            if case .table = v.content { throw fail(part.offset, "'\(shown)' is an inline table, which nothing can add to") }
            throw fail(part.offset, "'\(shown)' is already defined as a value (\(v.typeName)), not a table")
        }
    }

    /// A `[table]` or `[[array of tables]]` header; returns the table that the following keys fill.
    mutating func header(_ root: TableBuilder) throws -> TableBuilder {
        let start = i
        let isArray = starts(with: "[[")
        i += isArray ? 2 : 1
        let parts = try key()
        skipSpaces()
        guard starts(with: isArray ? "]]" : "]") else {
            throw fail(i, isArray ? "expected ']]' to close the [[array of tables]] header" : "expected ']' to close the [table] header")
        }
        i += isArray ? 2 : 1
        var table = root
        for k in 0..<(parts.count - 1) { table = try descend(table, parts, k, viaHeader: true) }
        let last = parts[parts.count - 1]
        let shown = Reader.path(parts[...])
        if isArray {
            let element = TableBuilder(origin: .header, offset: start)
            switch table.slots[last.name] {
            case nil: table.insert(last.name, at: last.offset, .tableArray([element]))
            case .tableArray(let list)?: table.slots[last.name] = .tableArray(list + [element])
            default: throw fail(last.offset, "'\(shown)' is already defined and is not an array of tables")
            }
            return element
        }
        switch table.slots[last.name] {
        case nil:
            let created = TableBuilder(origin: .header, offset: start)
            table.insert(last.name, at: last.offset, .table(created))
            return created
        case .table(let existing)? where existing.origin == .implicit:
            existing.origin = .header
            existing.offset = start
            return existing
        case .table?: throw fail(last.offset, "table [\(shown)] is defined twice")
        case .tableArray?: throw fail(last.offset, "'\(shown)' is an array of tables; write [[\(shown)]] to add to it")
        case .value(let v)?: throw fail(last.offset, "'\(shown)' is already defined as a value (\(v.typeName))")
        }
    }

    /// `key = value`, the key possibly dotted, into `table`.
    mutating func keyValue(into table: TableBuilder) throws {
        let parts = try key()
        skipSpaces()
        guard peek == "=" else {
            throw fail(i, "expected '=' after the key '\(Reader.path(parts[...]))'")
        }
        i += 1
        skipSpaces()
        let value = try self.value()
        var target = table
        for k in 0..<(parts.count - 1) { target = try descend(target, parts, k, viaHeader: false) }
        let last = parts[parts.count - 1]
        guard target.slots[last.name] == nil else {
            throw fail(last.offset, "key '\(Reader.path(parts[...]))' is defined twice")
        }
        target.insert(last.name, at: last.offset, .value(value))
    }

    // MARK: Values

    mutating func value() throws -> TOMLValue {
        let start = i
        switch peek {
        case nil, "\n"?, "\r"?, "#"?:
            throw fail(i, "a value is missing")
        case let quote? where quote == "\"" || quote == "'":
            let triple = String(repeating: String(quote), count: 3)
            let (string, offsets) = starts(with: triple) ? try multilineString(quote) : try singleLineString(quote)
            return TOMLValue(content: .string(string), position: place(start), scalarPositions: offsets.map(place))
        case "["?:
            return TOMLValue(content: .array(try array()), position: place(start), scalarPositions: [])
        case "{"?:
            return TOMLValue(content: .table(try inlineTable()), position: place(start), scalarPositions: [])
        default:
            return TOMLValue(content: try scalar(), position: place(start), scalarPositions: [])
        }
    }

    mutating func array() throws -> [TOMLValue] {
        let start = i
        i += 1
        var items: [TOMLValue] = []
        while true {
            try skipBlank()
            guard !atEnd else { throw fail(start, "this array is not closed with ]") }
            if peek == "]" { i += 1; return items }
            items.append(try value())
            try skipBlank()
            guard !atEnd else { throw fail(start, "this array is not closed with ]") }
            if peek == "," { i += 1; continue }
            if peek == "]" { i += 1; return items }
            throw fail(i, "expected ',' or ']' in the array")
        }
    }

    mutating func inlineTable() throws -> TOMLTable {
        let start = i
        i += 1
        let table = TableBuilder(origin: .inline, offset: start)
        skipSpaces()
        if peek == "}" { i += 1; return build(table) }
        while true {
            skipSpaces()
            if atEnd || peek == "\n" || peek == "\r" {
                throw fail(i, "an inline table stays on one line and closes with }")
            }
            try keyValue(into: table)
            skipSpaces()
            if peek == "}" { i += 1; return build(table) }
            guard peek == "," else {
                throw fail(i, atEnd || peek == "\n" || peek == "\r" ? "an inline table stays on one line and closes with }" : "expected ',' or '}' in the inline table")
            }
            i += 1
            skipSpaces()
            if peek == "}" { throw fail(i, "a trailing comma is not allowed in an inline table") }
        }
    }

    // MARK: Strings

    /// `"…"` (basic: escapes read) or `'…'` (literal: no escapes), on one line. Returns the text
    /// and the source offset of each of its scalars plus one past the last.
    mutating func singleLineString(_ quote: Unicode.Scalar) throws -> (string: String, offsets: [Int]) {
        let start = i
        i += 1
        var out = String.UnicodeScalarView(), offsets: [Int] = []
        while true {
            guard let c = peek, c != "\n", c != "\r" else { throw fail(start, "this string is not closed with \(quote)") }
            offsets.append(i)
            if c == quote { i += 1; return (String(out), offsets) }
            if c == "\\" && quote == "\"" { out.append(try escape()); continue }
            if Reader.isControl(c) { throw fail(i, "control character \(Reader.hex(c.value)) is not allowed in a string (escape it in a \"basic\" one)") }
            out.append(c)
            i += 1
        }
    }

    /// A multi-line string, basic (three double quotes) or literal (three single quotes): a line
    /// break right after the opening quotes is dropped; line breaks read as LF. In a basic one,
    /// escapes are read and a backslash at the end of a line drops it and the whitespace up to
    /// the next text.
    mutating func multilineString(_ quote: Unicode.Scalar) throws -> (string: String, offsets: [Int]) {
        let start = i
        let basic = quote == "\""
        i += 3
        _ = try lineBreak()
        var out = String.UnicodeScalarView(), offsets: [Int] = []
        while true {
            guard let c = peek else {
                throw fail(start, "this multi-line string is not closed with \(String(repeating: String(quote), count: 3))")
            }
            if c == quote {
                if let closing = try closingQuotes(quote, into: &out, offsets: &offsets) { return (String(out), closing) }
                continue
            }
            if basic && c == "\\" {
                var k = i + 1
                while k < text.count, text[k] == " " || text[k] == "\t" { k += 1 }
                if k < text.count, text[k] == "\n" || text[k] == "\r" {
                    i = k
                    while true {
                        skipSpaces()
                        if try !lineBreak() { break }
                    }
                    continue
                }
                offsets.append(i)
                out.append(try escape())
                continue
            }
            offsets.append(i)
            if try lineBreak() { out.append("\n"); continue }
            if Reader.isControl(c) { throw fail(i, "control character \(Reader.hex(c.value)) is not allowed in a string (escape it in a \"basic\" one)") }
            out.append(c)
            i += 1
        }
    }

    /// At a quote inside a multi-line string: three to five quotes close it (up to two belong to
    /// the text); fewer are text. Returns the offsets with the end added when the string closes.
    mutating func closingQuotes(_ quote: Unicode.Scalar, into out: inout String.UnicodeScalarView, offsets: inout [Int]) throws -> [Int]? {
        var n = 0
        while i + n < text.count, text[i + n] == quote { n += 1 }
        if n < 3 {
            for _ in 0..<n { offsets.append(i); out.append(quote); i += 1 }
            return nil
        }
        guard n <= 5 else { throw fail(i + 5, "three or more quotes in a row must be escaped (or use the other string kind)") }
        for _ in 0..<(n - 3) { offsets.append(i); out.append(quote); i += 1 }
        offsets.append(i)
        i += 3
        return offsets
    }

    /// After a backslash in a basic string: \b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX.
    mutating func escape() throws -> Unicode.Scalar {
        let start = i
        i += 1
        guard let c = peek else { throw fail(start, "a string ends inside an escape") }
        i += 1
        switch c {
        case "b": return "\u{08}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{0C}"
        case "r": return "\r"
        case "\"": return "\""
        case "\\": return "\\"
        case "u", "U":
            let count = c == "u" ? 4 : 8
            guard i + count <= text.count,
                  text[i..<(i + count)].allSatisfy({ $0.properties.isASCIIHexDigit }),
                  let v = UInt32(String(String.UnicodeScalarView(text[i..<(i + count)])), radix: 16),
                  let scalar = Unicode.Scalar(v) else {
                throw fail(start, "\\\(c) takes \(count) hexadecimal digits naming a Unicode scalar value")
            }
            i += count
            return scalar
        default:
            throw fail(start, "unknown escape \\\(c) (known: \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)")
        }
    }

    // MARK: Numbers, booleans, dates and times

    /// A bare value: the run of characters a number, boolean or date-time may hold, then classified.
    mutating func scalar() throws -> TOMLValue.Content {
        let start = i
        func isWordScalar(_ c: Unicode.Scalar) -> Bool { Reader.isBare(c) || c == "+" || c == "." || c == ":" }
        while let c = peek, isWordScalar(c) { i += 1 }
        // A date and a time may be separated by a space.
        if i - start == 10, peek == " ", let h = peek(1), let m = peek(2), peek(3) == ":",
           Reader.isDigit(h), Reader.isDigit(m),
           text[start + 4] == "-" {
            i += 1
            while let c = peek, isWordScalar(c) { i += 1 }
        }
        let word = Array(text[start..<i])
        guard !word.isEmpty else {
            let found = peek.map { "'\($0)'" } ?? "the end of the text"
            throw fail(i, "expected a value (a \"string\", number, true/false, date, [array] or {table}), found \(found)")
        }
        let shown = String(String.UnicodeScalarView(word))
        if shown == "true" { return .boolean(true) }
        if shown == "false" { return .boolean(false) }
        if word.contains(":") || (word.count >= 10 && word[4] == "-" && word[0...3].allSatisfy(Reader.isDigit)) {
            var scanner = DateTimeScanner(word, at: start, reader: self)
            return .dateTime(try scanner.dateTime())
        }
        return try number(word, at: start)
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

    /// Digits of a radix with single underscores only between digits; nil if malformed.
    static func digits(_ s: ArraySlice<Unicode.Scalar>, radix: Int) -> String? {
        guard let first = s.first, let last = s.last, first != "_", last != "_" else { return nil }
        var out = ""
        var previous: Unicode.Scalar = "_"
        for c in s {
            if c == "_" {
                guard previous != "_" else { return nil }
            } else {
                guard let d = Int(String(c), radix: radix), d < radix else { return nil }
                out.unicodeScalars.append(c)
            }
            previous = c
        }
        return out
    }

    func number(_ word: [Unicode.Scalar], at start: Int) throws -> TOMLValue.Content {
        let shown = String(String.UnicodeScalarView(word))
        func bad(_ why: String) -> TOMLSyntaxError { fail(start, "'\(shown)' is not a TOML value: \(why)") }
        var body = word[...]
        var sign = ""
        if let c = body.first, c == "+" || c == "-" { sign = c == "-" ? "-" : ""; body = body.dropFirst() }
        let bodyText = String(String.UnicodeScalarView(body))
        if bodyText == "inf" { return .float(sign == "-" ? -.infinity : .infinity) }
        if bodyText == "nan" { return .float(sign == "-" ? -.nan : .nan) }
        if let c = body.first, ("a"..."z").contains(c) || ("A"..."Z").contains(c) {
            throw bad("text is written in quotes, such as \"\(shown)\"")
        }
        if body.count > 2, body.first == "0", let p = body.dropFirst().first, p == "x" || p == "o" || p == "b" {
            guard word.first != "+" && word.first != "-" else { throw bad("a hexadecimal, octal or binary integer takes no sign") }
            let radix = p == "x" ? 16 : p == "o" ? 8 : 2
            guard let digits = Reader.digits(body.dropFirst(2), radix: radix) else {
                throw bad("digits of base \(radix), with underscores only between digits")
            }
            guard let v = Int64(digits, radix: radix) else { throw bad("beyond the 64-bit integer range") }
            return .integer(v)
        }
        // Decimal: integer part, then an optional fraction and an optional exponent.
        let fractionAt = body.firstIndex(of: ".")
        let exponentAt = body.firstIndex { $0 == "e" || $0 == "E" }
        let integerEnd = fractionAt ?? exponentAt ?? body.endIndex
        let integerPart = body[body.startIndex..<integerEnd]
        guard !integerPart.isEmpty else { throw bad("a digit is needed before the decimal point") }
        guard let integerDigits = Reader.digits(integerPart, radix: 10) else {
            throw bad("digits, with underscores only between digits")
        }
        if integerDigits.count > 1, integerDigits.first == "0" { throw bad("leading zeros are not allowed") }
        var literal = sign + integerDigits
        if let f = fractionAt {
            if let e = exponentAt, e < f { throw bad("the fraction comes before the exponent") }
            let fraction = body[(f + 1)..<(exponentAt ?? body.endIndex)]
            guard let digits = Reader.digits(fraction, radix: 10) else { throw bad("a decimal point is followed by digits") }
            literal += "." + digits
        }
        if let e = exponentAt {
            var exponent = body[(e + 1)...]
            var exponentSign = ""
            if let c = exponent.first, c == "+" || c == "-" { exponentSign = String(c); exponent = exponent.dropFirst() }
            guard let digits = Reader.digits(exponent, radix: 10) else { throw bad("an exponent is digits, with an optional sign") }
            literal += "e" + exponentSign + digits
        }
        if fractionAt == nil && exponentAt == nil {
            guard let v = Int64(literal) else { throw bad("beyond the 64-bit integer range") }
            return .integer(v)
        }
        guard let x = Double(literal), x.isFinite else { throw bad("beyond the range of a 64-bit float") }
        return .float(x)
    }
}

/// Reads a date-time word: `YYYY-MM-DD`, `HH:MM:SS[.fraction]`, or both joined by T, t or a space,
/// with an optional offset `Z`, `z` or `±HH:MM` (RFC 3339; TOML 1.0 requires the seconds).
private struct DateTimeScanner {
    let word: [Unicode.Scalar]
    let start: Int
    let reader: Reader
    var k = 0

    init(_ word: [Unicode.Scalar], at start: Int, reader: Reader) {
        self.word = word
        self.start = start
        self.reader = reader
    }

    func bad(_ why: String) -> TOMLSyntaxError {
        reader.fail(start, "'\(String(String.UnicodeScalarView(word)))' is not a TOML date or time: \(why)")
    }

    mutating func number(_ count: Int, _ range: ClosedRange<Int>, _ what: String) throws -> Int {
        guard k + count <= word.count, word[k..<(k + count)].allSatisfy(Reader.isDigit),
              let v = Int(String(String.UnicodeScalarView(word[k..<(k + count)]))) else {
            throw bad("\(what) is \(count) digits")
        }
        guard range.contains(v) else { throw bad("\(what) \(v) is out of range") }
        k += count
        return v
    }

    mutating func expect(_ c: Unicode.Scalar, _ why: String) throws {
        guard k < word.count, word[k] == c else { throw bad(why) }
        k += 1
    }

    mutating func time() throws {
        _ = try number(2, 0...23, "the hour")
        try expect(":", "a time is HH:MM:SS")
        _ = try number(2, 0...59, "the minute")
        try expect(":", "a time is HH:MM:SS (the seconds are required)")
        _ = try number(2, 0...60, "the second")
        if k < word.count, word[k] == "." {
            k += 1
            let digitsStart = k
            while k < word.count, Reader.isDigit(word[k]) { k += 1 }
            guard k > digitsStart else { throw bad("a decimal point in the seconds is followed by digits") }
        }
    }

    mutating func dateTime() throws -> TOMLDateTime {
        let text = String(String.UnicodeScalarView(word))
        if word.count > 2, word[2] == ":" {
            try time()
            guard k == word.count else { throw bad("unexpected text after the time") }
            return TOMLDateTime(kind: .localTime, text: text)
        }
        let year = try number(4, 0...9999, "the year")
        try expect("-", "a date is YYYY-MM-DD")
        let month = try number(2, 1...12, "the month")
        try expect("-", "a date is YYYY-MM-DD")
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        _ = try number(2, 1...days, "the day")
        if k == word.count { return TOMLDateTime(kind: .localDate, text: text) }
        guard word[k] == "T" || word[k] == "t" || word[k] == " " else { throw bad("a date and a time are joined by T or a space") }
        k += 1
        try time()
        if k == word.count { return TOMLDateTime(kind: .localDateTime, text: text) }
        if word[k] == "Z" || word[k] == "z" {
            k += 1
        } else {
            guard word[k] == "+" || word[k] == "-" else { throw bad("an offset is Z or ±HH:MM") }
            k += 1
            _ = try number(2, 0...23, "the offset's hours")
            try expect(":", "an offset is Z or ±HH:MM")
            _ = try number(2, 0...59, "the offset's minutes")
        }
        guard k == word.count else { throw bad("unexpected text after the offset") }
        return TOMLDateTime(kind: .offsetDateTime, text: text)
    }
}
