import WeftGraph
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A problem with the shape of one CSV record (as opposed to the meaning of its values).
public enum CSVShapeProblem: Equatable, Sendable, CustomStringConvertible {
    /// A quoted field was never closed; the record was cut at the end of its first line.
    case unterminatedQuote(column: Int)
    /// Characters after a closing quote and before the next delimiter.
    case textAfterClosingQuote(column: Int)
    /// A sheet cell with a value in a column to the right of the header's last.
    case valueOutsideHeader(column: Int)
    /// The record ran past `limit` bytes, so it was skipped without being held in memory; the
    /// limit is such that a longer record has a field longer than `--max-field-length`.
    case recordTooLong(bytes: Int, limit: Int)

    public var column: Int {
        switch self {
        case .unterminatedQuote(let c), .textAfterClosingQuote(let c), .valueOutsideHeader(let c): return c
        case .recordTooLong: return 1
        }
    }

    public var description: String {
        switch self {
        case .unterminatedQuote: return "broken quote: a quoted field is never closed"
        case .textAfterClosingQuote: return "broken quote: text follows a closing quote"
        case .valueOutsideHeader: return "a value in a column with no header"
        case .recordTooLong(let bytes, let limit):
            return "record of \(bytes) bytes is longer than \(limit) bytes, so a field in it is longer than the limit (--max-field-length); skipped unread"
        }
    }
}

/// One record as a reader hands it out: its line, its shape problem if any, and its fields,
/// already unquoted and unescaped.
///
/// The record owns its bytes: the reader copies the record's text (and the unescaped copies of
/// fields that held doubled quotes) into `storage`, an array the record keeps and the reader
/// refills in place on the next record, so no pointer into the reader's buffer ever leaves the
/// reader. The record is noncopyable: `forEachRecord` lends it to its callback (`borrowing`),
/// functions that read it take it `borrowing`, and it cannot be kept past the callback (a loop
/// over `next(&record)` owns its one record, which each call refills). Field
/// bytes are reachable only inside `withBytes` (and `withTrimmedBytes`), whose pointer is valid
/// for the closure alone; the other accessors return owned values (`string`, `displayString`,
/// `isBlank`, `decimal`, …), so most readers need no closure at all.
///
/// A callback that declares a local function using the record must spell its parameter's
/// ownership, `{ (record: borrowing CSVRecord) in … }`: Swift 6.3.1 crashes compiling the
/// capture when it is left to inference.
public struct CSVRecord: ~Copyable {
    /// The 1-based physical line on which the record starts.
    public internal(set) var line = 0
    public internal(set) var problem: CSVShapeProblem?
    /// The record's bytes: its text as read, then the unescaped copies of its quoted fields that
    /// held doubled quotes (and, past them, bytes of earlier records that no span reaches).
    var storage: [UInt8] = []
    /// Field spans: start and end offsets into `storage`.
    var spans: [(start: Int, end: Int)] = []
    /// The identifier hashes of two fields, taken by the thread that read the record
    /// (`RecordPrefetch`), so that the thread ingesting it does not hash them again.
    var keyHashes = KeyHashes()

    public var fieldCount: Int { spans.count }

    /// Calls `body` with the bytes of field `i` (0-based; empty when the record has fewer
    /// fields). The pointer is valid only inside `body`.
    @inline(__always)
    public func withBytes<R, E: Error>(_ i: Int, _ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        guard i < spans.count else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        let span = spans[i]
        return try storage.withUnsafeBufferPointer { (all) throws(E) -> R in
            try body(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: all[span.start..<span.end])))
        }
    }

    /// Calls `body` with the bytes of field `i` without the ASCII spaces and tabs around them.
    @inline(__always)
    public func withTrimmedBytes<R, E: Error>(_ i: Int, _ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try withBytes(i) { (bytes) throws(E) -> R in try body(trimmed(bytes)) }
    }

    /// Calls `body` with the trimmed bytes of fields `i` and `j` at once (a source and a target
    /// compared or looked up together).
    @inline(__always)
    public func withTrimmedBytes<R, E: Error>(_ i: Int, _ j: Int,
                                              _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        let a = i < spans.count ? spans[i] : (start: 0, end: 0), b = j < spans.count ? spans[j] : (start: 0, end: 0)
        return try storage.withUnsafeBufferPointer { (all) throws(E) -> R in
            try body(trimmed(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: all[a.start..<a.end]))),
                     trimmed(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: all[b.start..<b.end]))))
        }
    }

    /// The number of bytes in field `i`.
    public func byteCount(_ i: Int) -> Int {
        i < spans.count ? spans[i].end - spans[i].start : 0
    }

    /// Whether field `i` is empty (or absent).
    public func isEmpty(_ i: Int) -> Bool { byteCount(i) == 0 }

    /// Whether field `i` holds nothing but ASCII spaces and tabs.
    @inline(__always)
    public func isBlank(_ i: Int) -> Bool { withTrimmedBytes(i) { $0.isEmpty } }

    /// Whether field `i` is valid UTF-8.
    public func isValidUTF8(_ i: Int) -> Bool { withBytes(i) { UTF8Text.isValid($0) } }

    /// Field `i` as a string, or nil if it is not valid UTF-8.
    public func string(_ i: Int) -> String? {
        withBytes(i) { UTF8Text.validated($0) }
    }

    /// Field `i` without the ASCII spaces and tabs around it, or nil if it is not valid UTF-8.
    public func trimmedString(_ i: Int) -> String? {
        withTrimmedBytes(i) { UTF8Text.validated($0) }
    }

    /// Field `i` as a string, replacing invalid UTF-8 with U+FFFD (for messages).
    public func displayString(_ i: Int) -> String {
        withBytes(i) { UTF8Text.decoded($0) }
    }

    /// The first `maxBytes` bytes of field `i` as a string, invalid UTF-8 replaced (for quoting
    /// the start of a long field).
    public func displayPrefix(_ i: Int, maxBytes: Int) -> String {
        withBytes(i) { UTF8Text.decoded(UnsafeRawBufferPointer(rebasing: $0.prefix(maxBytes))) }
    }

    /// Field `i` as a number with a decimal point (`DecimalParser`), or nil.
    public func decimal(_ i: Int) -> Double? {
        withBytes(i) { DecimalParser.parse($0) }
    }

    /// Field `i` read as a date in `format` (times without an offset in `zone`).
    @inline(__always)
    func date(_ i: Int, format: DateFormat, zone: inout LocalTimeZone) -> Result<ISO8601.Value, DateProblem> {
        withBytes(i) { format.read($0, zone: &zone) }
    }

    /// Copies `text`, the record's bytes as read (its spans are offsets into it), and `escaped`,
    /// the unescaped fields (spans flagged by a negative start, −1 − offset), into `storage`.
    /// `storage` only grows, so the copy is one `memcpy` into memory the record already holds;
    /// bytes past the spans are left over from earlier records and never read.
    mutating func take(_ text: UnsafeRawBufferPointer, escaped: [UInt8]) {
        let offset = text.count, total = offset + escaped.count
        if storage.count < total { storage = [UInt8](repeating: 0, count: Swift.max(total, 2 * storage.count)) }
        storage.withUnsafeMutableBytes { all in
            all.copyMemory(from: text)
            if !escaped.isEmpty {
                escaped.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: all[offset..<total]).copyMemory(from: $0) }
            }
        }
        guard !escaped.isEmpty else { return }
        for k in spans.indices where spans[k].start < 0 {
            spans[k] = (offset + (-1 - spans[k].start), offset + spans[k].end)
        }
    }

    /// Empties the record's fields (their storage is kept for the next record).
    mutating func clearFields() {
        spans.removeAll(keepingCapacity: true)
    }

    /// Bytes of memory the record holds for its text and fields.
    var heldBytes: Int { storage.count + spans.capacity * MemoryLayout<(start: Int, end: Int)>.stride }

    /// Lets go of a buffer grown past `bytes` by a long record, so that a record kept for reuse
    /// (`RecordPrefetch`'s batches) holds at most that much between records.
    mutating func release(above bytes: Int) {
        if heldBytes > bytes { (storage, spans) = ([], []) }
    }
}

/// A streaming, byte-level CSV reader (RFC 4180): quoted fields with doubled quotes, embedded
/// delimiters and newlines; LF, CRLF or CR line ends; an optional UTF-8 byte-order mark; the
/// delimiter (comma, semicolon or tab) detected from the header line. Blank lines are skipped.
///
/// The file is read in blocks, so memory stays proportional to the longest record, not the
/// file. A quoted field left open is reported on its record and parsing resumes on the next
/// line, so one broken quote cannot swallow the rest of the file.
public final class CSVReader {
    public let label: String
    public private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    public private(set) var header: [String] = []
    /// The 1-based line of the header.
    public private(set) var headerLine = 1
    /// The encoding the file's bytes were decoded from (the reader itself sees UTF-8), whether
    /// it was detected, and why when it was a guess; set by `InputSource.open`.
    public internal(set) var encoding = TextEncoding.utf8
    public internal(set) var encodingDetected = true
    public internal(set) var encodingNote: String?

    /// Where the bytes come from: a file (possibly transcoded to UTF-8); nil for bytes in memory.
    private let source: (any ByteSource)?
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    private var start = 0          // first unconsumed byte
    private var end = 0            // one past the last valid byte
    private var atEOF = false
    private var line = 1
    private var scratch: [UInt8] = []
    private let blockSize: Int
    /// Every byte of the file read so far, hashed (complete once the last record has been read);
    /// the file's own bytes, before any transcoding.
    public var fingerprint: SHA256 { source?.fingerprint ?? memoryDigest }
    private var memoryDigest = SHA256()
    /// The delimiter the caller named (nil: detected from the header line).
    private var fixedDelimiter: UInt8?

    /// Records longer than this many bytes are skipped as they stream past, never held whole in
    /// memory, and handed out with the problem `recordTooLong`. Until the header is read it is
    /// `maxHeaderBytes`; then `recordByteLimit(fieldBytes:columns:)` of the default field limit,
    /// which `limitRecordBytes` changes.
    public private(set) var maxRecordBytes = CSVReader.maxHeaderBytes

    /// The bytes the reader holds (tests check it stays bounded).
    var bufferCapacity: Int { capacity }

    /// The longest header accepted (16 MiB).
    public static let maxHeaderBytes = 1 << 24

    /// The record length past which some field must be longer than `fieldBytes`: each of
    /// `columns` fields holds at most `fieldBytes` bytes, written at most twice over (doubled
    /// quotes) plus its two quotes and a delimiter.
    public static func recordByteLimit(fieldBytes: Int, columns: Int) -> Int {
        let (perField, o1) = fieldBytes.multipliedReportingOverflow(by: 2)
        let (all, o2) = (perField &+ 3).multipliedReportingOverflow(by: max(columns, 1))
        return o1 || o2 ? Int.max : all
    }

    /// Opens `path` as UTF-8 (the fast path, with no encoding detection; `InputSource.open`
    /// detects encodings); `label` is how messages name the file.
    public convenience init(path: String, label: String? = nil, blockSize: Int = CSVReader.defaultBlockSize) throws {
        try self.init(source: FileBytes(path: path, label: label ?? path), label: label ?? path, blockSize: blockSize)
    }

    /// Reads UTF-8 text from `source` in blocks of `blockSize` bytes; `delimiter` nil: detected.
    init(source: any ByteSource, label: String, blockSize: Int, delimiter: UInt8? = nil) throws {
        self.label = label
        self.source = source
        self.blockSize = blockSize
        fixedDelimiter = delimiter
        capacity = blockSize * 2
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        try readHeader()
    }

    /// The size of the blocks files are read in (4 MiB).
    public static let defaultBlockSize = 1 << 22

    /// About how many records the file holds, estimated from the line lengths in the first block
    /// read (for reserving memory; nil when unknown).
    public var estimatedRecordCount: Int? {
        guard let size = source?.estimatedSize, size > 0 else { return nil }
        var lines = 0
        for p in start..<end where buffer.load(fromByteOffset: p, as: UInt8.self) == 0x0A { lines += 1 }
        guard lines > 0 else { return nil }
        return size / max(1, (end - start) / lines) + 1
    }

    /// Reads from bytes in memory (tests, stdin), as UTF-8.
    public init(bytes: [UInt8], label: String) throws {
        self.label = label
        source = nil
        blockSize = max(1, bytes.count)
        capacity = max(16, bytes.count)
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        bytes.withUnsafeBytes { if let base = $0.baseAddress { buffer.copyMemory(from: base, byteCount: bytes.count) } }
        bytes.withUnsafeBytes { if let base = $0.baseAddress { memoryDigest.update(base, count: bytes.count) } }
        end = bytes.count
        atEOF = true
        try readHeader()
    }

    deinit {
        buffer.deallocate()
    }

    private func readHeader() throws {
        try fill(minimum: 3)
        if end - start >= 3, buffer.load(fromByteOffset: start, as: UInt8.self) == 0xEF,
           buffer.load(fromByteOffset: start + 1, as: UInt8.self) == 0xBB,
           buffer.load(fromByteOffset: start + 2, as: UInt8.self) == 0xBF {
            start += 3
        }
        if let fixedDelimiter { delimiter = fixedDelimiter } else { try detectDelimiter() }
        var record = CSVRecord()
        guard try next(&record) else {
            throw InputError(file: label, line: 1, column: nil, message: "the file is empty (no header row)")
        }
        if let problem = record.problem {
            throw InputError(file: label, line: record.line, column: problem.column, message: "header row: \(problem)")
        }
        headerLine = record.line
        header = (0..<record.fieldCount).map { record.displayString($0) }
        maxRecordBytes = CSVReader.recordByteLimit(fieldBytes: InputLimits.defaultMaxFieldBytes, columns: header.count)
    }

    /// Looks at the header line (up to its first newline outside quotes) and picks the delimiter
    /// that occurs most often among comma, semicolon and tab (comma on ties or when none occurs).
    private func detectDelimiter() throws {
        var counts = (comma: 0, semicolon: 0, tab: 0)
        var inQuotes = false
        var p = start
        while true {
            if p == end {
                if atEOF { break }
                let offset = p - start          // fill may move the unread bytes to the front
                try fill(minimum: offset + 1)
                p = min(start + offset, end)
                if p == end { break }
                continue
            }
            let c = buffer.load(fromByteOffset: p, as: UInt8.self)
            if c == UInt8(ascii: "\"") { inQuotes.toggle() }
            else if !inQuotes {
                if c == 0x0A || c == 0x0D { break }
                if c == UInt8(ascii: ",") { counts.comma += 1 }
                else if c == UInt8(ascii: ";") { counts.semicolon += 1 }
                else if c == 0x09 { counts.tab += 1 }
            }
            p += 1
        }
        if counts.semicolon > counts.comma && counts.semicolon >= counts.tab { delimiter = UInt8(ascii: ";") }
        else if counts.tab > counts.comma && counts.tab > counts.semicolon { delimiter = 0x09 }
        else { delimiter = UInt8(ascii: ",") }
    }

    /// Makes at least `minimum` unconsumed bytes available, unless the file ends first.
    /// Moves unconsumed bytes to the front of the buffer and grows it when needed.
    private func fill(minimum: Int) throws {
        while end - start < minimum && !atEOF {
            if start > 0 {
                let pending = end - start
                if pending > 0 { memmove(buffer, buffer + start, pending) }
                end = pending
                start = 0
            }
            if capacity - end < blockSize {
                let newCapacity = max(capacity * 2, end + blockSize)
                let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
                grown.copyMemory(from: buffer, byteCount: end)
                buffer.deallocate()
                buffer = grown
                capacity = newCapacity
            }
            guard let source else { atEOF = true; break }
            let got = try source.read(into: buffer + end, count: capacity - end)
            if got == 0 { atEOF = true } else { end += got }
        }
    }

    /// Parses the next non-blank record into `record`, reusing its storage: its bytes are copied
    /// into the record, which owns them. Returns false at the end of the file.
    public func next(_ record: inout CSVRecord) throws -> Bool {
        while true {
            // Skip blank lines.
            while true {
                if start == end {
                    if atEOF { return false }
                    try fill(minimum: 1)
                    continue
                }
                let c = buffer.load(fromByteOffset: start, as: UInt8.self)
                if c == 0x0A { line += 1; start += 1 }
                else if c == 0x0D {
                    if start + 1 == end && !atEOF { try fill(minimum: 2) }
                    start += 1
                    if start < end && buffer.load(fromByteOffset: start, as: UInt8.self) == 0x0A { start += 1 }
                    line += 1
                } else { break }
            }
            if let outcome = parse(&record) {
                if outcome.next - start > maxRecordBytes {   // whole in the buffer, but as long as a skipped one
                    record.clearFields()
                    record.problem = .recordTooLong(bytes: outcome.next - start, limit: maxRecordBytes)
                } else {
                    record.take(UnsafeRawBufferPointer(start: buffer + start, count: outcome.next - start), escaped: scratch)
                }
                start = outcome.next
                line = outcome.nextLine
                return true
            }
            // The record runs past the buffered bytes: read more and parse it again, unless it is
            // already longer than a record may be.
            if end - start > maxRecordBytes {
                try skipOversizedRecord(&record)
                return true
            }
            try fill(minimum: end - start + blockSize)
        }
    }

    /// Consumes the record at `start`, which is longer than `maxRecordBytes`, block by block up to
    /// its end (a line end outside quotes, or the end of the file) without keeping its bytes, and
    /// hands it out as an empty record with the problem `recordTooLong`.
    private func skipOversizedRecord(_ record: inout CSVRecord) throws {
        enum State { case fieldStart, unquoted, quoted, quoteInQuoted, afterCR }
        let quote = UInt8(ascii: "\""), delimiter = self.delimiter
        var state = State.fieldStart
        var skipped = 0
        var lines = 0, previousWasCR = false
        scan: while true {
            if start == end {
                if atEOF { break scan }
                try fill(minimum: 1)
                continue
            }
            let c = buffer.load(fromByteOffset: start, as: UInt8.self)
            switch state {
            case .afterCR:
                if c == 0x0A { start += 1; skipped += 1 }
                break scan
            case .quoted:
                if c == quote { state = .quoteInQuoted }
                else if c == 0x0D || (c == 0x0A && !previousWasCR) { lines += 1 }   // CR, LF and CRLF are one line end each
                previousWasCR = c == 0x0D
                start += 1; skipped += 1
                continue scan
            case .quoteInQuoted where c == quote:
                state = .quoted
                start += 1; skipped += 1
                continue scan
            case .fieldStart where c == quote:
                state = .quoted
                start += 1; skipped += 1
                continue scan
            default:
                break
            }
            // Outside quotes.
            start += 1; skipped += 1
            if c == delimiter { state = .fieldStart }
            else if c == 0x0A { lines += 1; break scan }
            else if c == 0x0D { lines += 1; state = .afterCR }
            else { state = .unquoted }
        }
        record.clearFields()
        record.line = line
        record.problem = .recordTooLong(bytes: skipped, limit: maxRecordBytes)
        line += max(lines, 1)
    }

    /// Parses one record starting at `start`, field by field — a quoted field (`quotedField`) or an
    /// unquoted one (`unquotedFieldEnd`) — each followed by a delimiter, the record's line end or
    /// the end of the file. Spans are offsets from `start` (or into `scratch`). Returns nil when
    /// more bytes are needed.
    private func parse(_ record: inout CSVRecord) -> (next: Int, nextLine: Int)? {
        record.spans.removeAll(keepingCapacity: true)
        record.problem = nil
        record.line = line
        scratch.removeAll(keepingCapacity: true)
        let bytes = UnsafeRawBufferPointer(start: buffer, count: end)
        let delimiter = self.delimiter, origin = start
        var p = start
        var currentLine = line
        while true {
            if p < end && bytes[p] == CSVReader.quote {
                switch quotedField(bytes, at: p, origin: origin, line: &currentLine, into: &record) {
                case .needsMoreBytes: return nil
                case .neverClosed(let column): return recoverFromOpenQuote(&record, column: column)
                case .read(let next): p = next
                }
            } else {
                let fieldEnd = unquotedFieldEnd(bytes, from: p)
                record.spans.append((p &- origin, fieldEnd &- origin))
                p = fieldEnd
            }
            // End of the field.
            if p == end {
                if !atEOF { return nil }
                return (p, currentLine)
            }
            let c = bytes[p]
            if c == delimiter { p += 1; continue }
            if c == 0x0D {
                if p + 1 == end && !atEOF { return nil }
                p += 1
                if p < end && bytes[p] == 0x0A { p += 1 }
            } else {
                p += 1
            }
            return (p, currentLine + 1)
        }
    }

    private static let quote = UInt8(ascii: "\"")

    /// How reading a quoted field went.
    private enum QuotedField {
        /// The field runs past the buffered bytes.
        case needsMoreBytes
        /// The quote opened in `column` is never closed (see `recoverFromOpenQuote`).
        case neverClosed(column: Int)
        /// The field was read; the next field or line end starts at `next`.
        case read(next: Int)
    }

    /// Reads the quoted field whose opening quote is at `p` and appends its span to `record`: the
    /// bytes between the quotes (offsets from `origin`, the record's start), copied into `scratch` without the doubling
    /// when they hold an escaped quote (`""`). Line ends inside the quotes advance `currentLine`. Text between the
    /// closing quote and the next delimiter or line end is skipped and recorded as the record's
    /// problem `textAfterClosingQuote`.
    @inline(__always)
    private func quotedField(_ bytes: UnsafeRawBufferPointer, at p: Int, origin: Int, line currentLine: inout Int,
                             into record: inout CSVRecord) -> QuotedField {
        let quote = CSVReader.quote, delimiter = self.delimiter
        let column = record.spans.count + 1
        let fieldLine = currentLine
        var q = p + 1
        var escaped = false
        var closed = false
        while q < end {
            let c = bytes[q]
            if c == quote {
                if q + 1 < end && bytes[q + 1] == quote { escaped = true; q += 2; continue }
                if q + 1 == end && !atEOF { return .needsMoreBytes }
                closed = true
                break
            }
            if c == 0x0A { currentLine += 1 }
            else if c == 0x0D && !(q + 1 < end && bytes[q + 1] == 0x0A) { currentLine += 1 }
            q += 1
        }
        if !closed {
            if !atEOF { return .needsMoreBytes }
            return .neverClosed(column: column)
        }
        // A quoted field that ran past a line end and is followed by text is almost surely a
        // quote left open that a later quote happened to close: treat it as never closed, so
        // the rows in between are read as rows, not swallowed.
        let after = q + 1
        if currentLine > fieldLine, after < end, bytes[after] != delimiter, bytes[after] != 0x0A, bytes[after] != 0x0D {
            return .neverClosed(column: column)
        }
        if escaped {
            let from = scratch.count
            var r = p + 1
            while r < q {
                scratch.append(bytes[r])
                r += bytes[r] == quote ? 2 : 1
            }
            record.spans.append((-1 - from, scratch.count))
        } else {
            record.spans.append((p &+ 1 &- origin, q &- origin))
        }
        var next = q + 1
        // After the closing quote: delimiter, line end or end of file.
        if next < end, bytes[next] != delimiter, bytes[next] != 0x0A, bytes[next] != 0x0D {
            if record.problem == nil { record.problem = .textAfterClosingQuote(column: column) }
            while next < end, bytes[next] != delimiter, bytes[next] != 0x0A, bytes[next] != 0x0D { next += 1 }
        }
        return .read(next: next)
    }

    /// The end of the unquoted field that starts at `p`: the next delimiter or line end, or the
    /// end of the buffered bytes.
    @inline(__always)
    private func unquotedFieldEnd(_ bytes: UnsafeRawBufferPointer, from p: Int) -> Int {
        let delimiter = self.delimiter
        var fieldEnd = p
        while fieldEnd < end {
            let c = bytes[fieldEnd]
            if c == delimiter || c == 0x0A || c == 0x0D { break }
            fieldEnd += 1
        }
        return fieldEnd
    }

    /// A quote opened in `column` never closes before the end of the file. Report the record as
    /// broken, cut at the end of the line the record started on, and resume after that line.
    private func recoverFromOpenQuote(_ record: inout CSVRecord, column: Int) -> (next: Int, nextLine: Int) {
        let bytes = UnsafeRawBufferPointer(start: buffer, count: end)
        var p = start
        while p < end, bytes[p] != 0x0A, bytes[p] != 0x0D { p += 1 }
        record.spans.removeAll(keepingCapacity: true)
        record.spans.append((0, p - start))
        record.problem = .unterminatedQuote(column: column)
        if p < end {
            if bytes[p] == 0x0D, p + 1 < end, bytes[p + 1] == 0x0A { p += 1 }
            p += 1
        }
        return (p, line + 1)
    }
}

extension CSVReader: RecordReader {
    public func limitRecordBytes(_ bytes: Int) { maxRecordBytes = bytes }

    public var layout: InputLayout {
        InputLayout(delimiter: String(UnicodeScalar(delimiter)), encoding: encoding, encodingDetected: encodingDetected, encodingNote: encodingNote)
    }
}

/// `IdentifierRegistry.hash` of the trimmed bytes of two fields of a record (a source and a
/// target id), or of none.
struct KeyHashes {
    private var fields = (-1, -1)
    private var values: (UInt64, UInt64) = (0, 0)

    init() {}

    /// The hashes of fields `fields` of `record`.
    init(_ fields: (Int, Int), of record: borrowing CSVRecord) {
        self.fields = fields
        values = record.withTrimmedBytes(fields.0, fields.1) { (IdentifierRegistry.hash($0), IdentifierRegistry.hash($1)) }
    }

    /// Both hashes, when taken.
    var pair: (UInt64, UInt64)? { fields.0 >= 0 ? values : nil }

    /// The hash of field `i`, when taken.
    func hash(ofField i: Int) -> UInt64? {
        i == fields.0 ? values.0 : i == fields.1 && i >= 0 ? values.1 : nil
    }
}
