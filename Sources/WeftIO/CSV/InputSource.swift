import WeftGraph
/// How one input file was read, for `weft validate`'s summary and report.json's `inputs[]`.
public struct InputLayout: Sendable, Equatable {
    /// The field delimiter of a delimited text file (`,`, `;` or a tab).
    public var delimiter: String
    /// The text encoding the file was decoded from.
    public var encoding: TextEncoding
    /// True when Weft detected the encoding, false when `--encoding` named it.
    public var encodingDetected: Bool
    /// Why a detected encoding was chosen when it is a guess (Windows-1252 because the bytes are
    /// not UTF-8: where the first such byte is); nil otherwise.
    public var encodingNote: String?
    /// The sheet read when the file is an .xlsx workbook (`delimiter` is then empty).
    public var sheet: String?

    public init(delimiter: String = ",", encoding: TextEncoding = .utf8, encodingDetected: Bool = true, encodingNote: String? = nil,
                sheet: String? = nil) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.encodingDetected = encodingDetected
        self.encodingNote = encodingNote
        self.sheet = sheet
    }

    /// How messages write the file's columns: numbers for text, letters for a sheet.
    public var columnNaming: ColumnNaming { sheet == nil ? .numbers : .letters }
}

/// One input file read as a table: a header row, then records, each field as UTF-8 bytes with
/// its line. Every reader of Weft (members, interactions, attendance, survey, respondents, the
/// survey adapters) reads through this protocol, so a new file format is a new conformer and a
/// new branch in `InputSource.open`, and nothing above changes.
public protocol RecordReader: AnyObject {
    /// How messages name the file.
    var label: String { get }
    var header: [String] { get }
    /// The 1-based line (or row) of the header.
    var headerLine: Int { get }
    /// How the file was read (delimiter, encoding).
    var layout: InputLayout { get }
    /// The file's bytes hashed (complete once the last record has been read).
    var fingerprint: SHA256 { get }
    /// About how many records the file holds (for reserving memory); nil when unknown.
    var estimatedRecordCount: Int? { get }
    /// Reads the next non-blank record into `record` (which owns its bytes, refilled in place);
    /// false at the end.
    func next(_ record: inout CSVRecord) throws -> Bool
    /// Sets the length past which a record is skipped unread, as a `recordTooLong` problem
    /// (`CSVReader.recordByteLimit`); readers whose cells are bounded by their format ignore it.
    func limitRecordBytes(_ bytes: Int)
}

extension RecordReader {
    public func limitRecordBytes(_ bytes: Int) {}

    /// Reads every data record (after the header) and lends it to `body`, which cannot keep it
    /// (a callback with a local function that uses the record spells `(record: borrowing CSVRecord)`;
    /// see `CSVRecord`).
    public func forEachRecord(_ body: (borrowing CSVRecord) throws -> Void) throws {
        var record = CSVRecord()
        while try next(&record) { try body(record) }
    }
}

/// How input files are to be read: the choices a user makes on the command line that apply to
/// every file (`--encoding`, `--date-format`, `--timezone`, `--decimal-comma`, `--columns`). The default reads
/// anything Weft can detect.
public struct ReadingOptions: Sendable, Equatable {
    public var encoding: EncodingChoice = .detect
    /// The date layout of every date column (`--date-format F`); nil: detected per column.
    public var dateFormat: DateFormat?
    /// The date layout of one kind of file (`--date-format attendance=F`), over `dateFormat`.
    public var dateFormatByFile: [FileSummary.Kind: DateFormat] = [:]
    /// The zone of times written without a UTC offset (`--timezone`; default UTC).
    public var timeZone = LocalTimeZone()
    /// Headers to read as canonical columns (`--columns canonical=Header`), tried before the
    /// spellings Weft knows.
    public var columnMap: [String: String] = [:]
    /// Whether numbers use a decimal comma (`--decimal-comma`); nil: in semicolon-delimited files.
    public var decimalComma: Bool?
    /// The size of the blocks files are read in.
    public var blockSize = CSVReader.defaultBlockSize
    /// How many bytes from the start of a file encoding detection looks at (4 MiB).
    public var detectionSample = 1 << 22
    /// The field delimiter, for files whose first line cannot show it (a report that opens with a
    /// title line); nil: detected from the header line.
    public var delimiter: UInt8?

    public init(encoding: EncodingChoice = .detect) {
        self.encoding = encoding
    }

    /// Why `--columns` cannot be used (a name that is no canonical column), or nil.
    public static func columnMapProblem(_ map: [String: String]) -> String? {
        let known = ColumnSchema.canonicalNames
        guard let unknown = map.keys.sorted().first(where: { !known.contains($0) }) else { return nil }
        return "--columns: '\(unknown)' is not one of Weft's columns (\(known.sorted().joined(separator: ", ")))"
    }

    /// The date layout named for files of `kind`, if any.
    func dateFormat(for kind: FileSummary.Kind) -> DateFormat? { dateFormatByFile[kind] ?? dateFormat }

    /// Whether a file with this delimiter writes decimal commas.
    func usesDecimalComma(delimiter: String) -> Bool { decimalComma ?? (delimiter == ";") }
}

/// The one place where an input file is opened and Weft decides how to decode it. Every reader
/// calls `InputSource.open`; nothing else opens input files.
///
/// Today's branches:
/// - **Delimited text** (CSV, TSV, semicolon files) in UTF-8 — the fast path: the file's blocks
///   go straight to `CSVReader`, untouched.
/// - **Delimited text in another encoding** (UTF-16 with or without a byte-order mark,
///   Windows-1252, Latin-1): the same `CSVReader` over a `TranscodedBytes` stream that turns each
///   block into UTF-8 as it is read, so memory stays bounded and line numbers stay those of the
///   file. The encoding comes from `ReadingOptions.encoding` or is detected from the first 4 MiB
///   (`EncodingDetection.decide`).
/// - **An .xlsx workbook** (recognised by its first bytes): a `SheetReader` streaming the sheet
///   named by a `#Sheet` suffix, or the first (`InputSource.location`, `isWorkbook`).
///
/// To add a format: write a `RecordReader` for it, recognise the file in `open` below (by its
/// first bytes — `sample` — or its extension) before the text branches, and return the new
/// reader. Rejects, accounting and every reader above work unchanged.
public enum InputSource {
    /// Opens `path` for reading; `label` is how messages name it (default: the path).
    /// Throws `InputError` when the file cannot be opened, is empty, or is not valid in its encoding.
    public static func open(path: String, label: String? = nil, options: ReadingOptions = ReadingOptions()) throws -> any RecordReader {
        let (filePath, sheet) = location(of: path)
        let name = label ?? filePath
        let file = try FileBytes(path: filePath, label: name)
        let sample = try file.peek(options.detectionSample)
        // New formats are recognised here, from `sample` or the path, before the text branches.
        if try isWorkbook(sample: sample, path: filePath, label: name) {
            return try SheetReader(path: filePath, label: name, sheet: sheet)
        }
        if let sheet { throw sheetOfTextFile(sheet, label: name) }
        return try openText(file, sample: sample, label: name, options: options)
    }

    /// Delimited text: detects or takes the encoding, and reads UTF-8 directly or transcoded.
    private static func openText(_ file: FileBytes, sample: [UInt8], label: String, options: ReadingOptions) throws -> CSVReader {
        let detection = EncodingDetection.decide(options.encoding, sample: sample, isWholeFile: file.atEnd)
        file.skip(detection.byteOrderMarkLength)
        let source: any ByteSource
        if detection.encoding == .utf8 && detection.detected {
            source = file                              // the fast path: bytes as they are
        } else {
            // Another encoding, or UTF-8 named by --encoding: decode (or check) every byte, so the
            // first one that is not valid is an error with its line and column.
            source = TranscodedBytes(file: file, encoding: detection.encoding, blockSize: options.blockSize)
        }
        let reader = try CSVReader(source: source, label: label, blockSize: options.blockSize, delimiter: options.delimiter)
        reader.encoding = detection.encoding
        reader.encodingDetected = detection.detected
        reader.encodingNote = detection.note
        return reader
    }
}
