import WeftGraph

/// What to do with a record that names a member who is not in members.csv.
public enum UnknownMemberPolicy: String, CaseIterable, Sendable {
    /// Add the member (with an empty name and attributes) and count how many were added.
    case add
    /// Reject the record.
    case reject
}

/// Where a network's input files are. Any may be absent; members then come from the records.
public struct InputPaths: Sendable, Equatable {
    public var members: String?
    /// Interactions and attendance files: one, or several (a file per platform, per year, per
    /// import) whose rows are merged into one log, each file counted and its rejects named apart.
    public var interactionsFiles: [String]
    public var attendanceFiles: [String]
    /// ONA survey nominations in long form, and lists of who answered each wave: one file, or
    /// several (a wave each, or waves apart by their wave column), read in turn into one survey.
    public var surveys: [String]
    public var respondentsFiles: [String]

    /// The first interactions file (setting it replaces them all).
    public var interactions: String? {
        get { interactionsFiles.first }
        set { interactionsFiles = newValue.map { [$0] } ?? [] }
    }

    /// The first attendance file (setting it replaces them all).
    public var attendance: String? {
        get { attendanceFiles.first }
        set { attendanceFiles = newValue.map { [$0] } ?? [] }
    }

    /// The first survey file (setting it replaces them all).
    public var survey: String? {
        get { surveys.first }
        set { surveys = newValue.map { [$0] } ?? [] }
    }

    /// The first respondents file (setting it replaces them all).
    public var respondents: String? {
        get { respondentsFiles.first }
        set { respondentsFiles = newValue.map { [$0] } ?? [] }
    }

    public init(members: String? = nil, interactions: String? = nil, attendance: String? = nil,
                survey: String? = nil, respondents: String? = nil, surveys: [String] = [], respondentsFiles: [String] = [],
                interactionsFiles: [String] = [], attendanceFiles: [String] = []) {
        self.members = members
        self.interactionsFiles = (interactions.map { [$0] } ?? []) + interactionsFiles
        self.attendanceFiles = (attendance.map { [$0] } ?? []) + attendanceFiles
        self.surveys = (survey.map { [$0] } ?? []) + surveys
        self.respondentsFiles = (respondents.map { [$0] } ?? []) + respondentsFiles
    }

    /// The usual file names looked for in a data folder.
    public static let usualNames: [FileSummary.Kind: [String]] = [
        .members: ["members.csv", "nodes.csv", "members.tsv", "members.xlsx"],
        .interactions: ["interactions.csv", "edges.csv", "interactions.tsv", "interactions.xlsx"],
        .attendance: ["attendance.csv", "attendance.tsv", "attendance.xlsx"],
        .survey: ["survey.csv", "survey.tsv", "survey.xlsx"],
        .respondents: ["respondents.csv", "respondents.tsv", "respondents.xlsx"],
    ]

    /// Finds the files with the usual names in `folder`; explicitly named files take precedence.
    public func filling(from folder: String, fileExists: (String) -> Bool) -> InputPaths {
        func find(_ kind: FileSummary.Kind) -> String? {
            for name in InputPaths.usualNames[kind] ?? [] {
                let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
                if fileExists(path) { return path }
            }
            return nil
        }
        func files(_ named: [String], _ kind: FileSummary.Kind) -> [String] { named.isEmpty ? find(kind).map { [$0] } ?? [] : named }
        return InputPaths(members: members ?? find(.members),
                          surveys: files(surveys, .survey), respondentsFiles: files(respondentsFiles, .respondents),
                          interactionsFiles: files(interactionsFiles, .interactions), attendanceFiles: files(attendanceFiles, .attendance))
    }
}

/// Reads members, interactions, attendance and survey nominations into a `Dataset`, accepting or rejecting every row.
///
/// Members are read first so that records can be checked against them. A file-level problem
/// (missing file, empty file, missing required column) throws an `InputError`; a row-level
/// problem becomes a `Reject` and the row is skipped.
public struct DatasetLoader: Sendable {
    public var unknownMembers: UnknownMemberPolicy
    /// Every record counts in both directions (networks published as undirected).
    public var undirected: Bool
    /// How files are decoded (`--encoding`, …).
    public var reading: ReadingOptions
    /// Bounds on weights, field lengths and dates; a value outside them rejects its row.
    public var limits: InputLimits
    /// Whether records may name members by email or name (`--match-names`).
    public var nameMatching: NameMatchingOptions

    public init(unknownMembers: UnknownMemberPolicy = .add, undirected: Bool = false, reading: ReadingOptions = ReadingOptions(),
                limits: InputLimits = InputLimits(), nameMatching: NameMatchingOptions = NameMatchingOptions()) {
        self.unknownMembers = unknownMembers
        self.undirected = undirected
        self.reading = reading
        self.limits = limits
        self.nameMatching = nameMatching
    }

    public func load(_ paths: InputPaths) throws -> Dataset {
        var dataset = Dataset()
        dataset.timeZone = reading.timeZone.name
        if let path = paths.members {
            try MembersReader(reading: reading, limits: limits).read(path: path, into: &dataset)
        }
        var references = try memberReferences(members: dataset.members, membersFile: paths.members)
        for path in paths.interactionsFiles {
            try InteractionsReader(undirected: undirected, reading: reading, limits: limits).read(path: path, into: &dataset, references: &references)
        }
        for path in paths.attendanceFiles {
            try AttendanceReader(reading: reading, limits: limits).read(path: path, into: &dataset, references: &references)
        }
        // A file's extra columns are empty in the rows of the files that lack them.
        dataset.interactions.attributes.pad(toRows: dataset.interactions.count)
        dataset.attendance.attributes.pad(toRows: dataset.attendance.count)
        // Several survey (or respondents) files add up; each must then say its wave, so that two
        // waves are never silently merged into wave 1.
        let severalWaves = paths.surveys.count > 1 || paths.respondentsFiles.count > 1
        for path in paths.surveys {
            try SurveyReader(reading: reading, limits: limits, needsWaveColumn: severalWaves).read(path: path, into: &dataset, references: &references)
        }
        for path in paths.respondentsFiles {
            try RespondentsReader(reading: reading, limits: limits, needsWaveColumn: severalWaves).read(path: path, into: &dataset, references: &references)
        }
        dataset.memberMatching = references.account
        dataset.warnings += DatasetLoader.encodingWarnings(dataset.files) + DatasetLoader.lossWarnings(dataset)
        dataset.survey.orderWavesByDate()
        dataset.interactions.sortByTime()
        dataset.attendance.sortByDate()
        return dataset
    }

    /// How records' member references resolve: by id only when matching is off (by
    /// `--no-match-names`, or by default when the members file has no name or email), else by
    /// id, email or name against the members read so far, with the review file's decisions.
    private func memberReferences(members: MemberTable, membersFile: String?) throws -> MemberReferences {
        let idsOnly = MemberReferences(policy: unknownMembers, membersFileGiven: membersFile != nil)
        let hasNames = members.names.contains { !$0.isEmpty } || members.emails.contains { !$0.isEmpty }
        switch nameMatching.enabled {
        case false?: return idsOnly
        case nil: if !hasNames { return idsOnly }
        case true?:
            guard let membersFile else {
                throw InputError(file: "--match-names", line: nil, column: nil, message: "matching names needs a members file (--members) with a name or email column")
            }
            guard hasNames else {
                throw InputError(file: membersFile, line: nil, column: nil,
                                 message: "--match-names: the members file has no name or email column (or they are empty), so there is nothing to match names against; name the column with --columns name=HEADER")
            }
        }
        let decisions = try nameMatching.reviewFile.map { try ReviewFile.read(path: $0, members: members, reading: reading) } ?? []
        return MemberReferences(policy: unknownMembers, membersFileGiven: membersFile != nil, matchingAgainst: members,
                                thresholds: nameMatching.thresholds, decisions: decisions)
    }
}

extension DatasetLoader {
    /// A `most_rows_rejected` warning for each file that lost more than half of its rows, naming
    /// the commonest reason; and `names_waiting_for_review` when rows wait for a person's decision.
    static func lossWarnings(_ dataset: Dataset) -> [DataWarning] {
        var warnings: [DataWarning] = dataset.files.compactMap { f in
            guard f.rowsRead > 0, 2 * f.rejected > f.rowsRead else { return nil }
            let commonest = dataset.commonestRejectReason(file: f.path)
            let why = commonest.map { "; most often: \($0.reason) (\($0.count))" } ?? ""
            return DataWarning(code: "most_rows_rejected", file: f.path,
                               message: "\(f.path): \(f.rejected) of \(f.rowsRead) rows were rejected\(why). The figures stand on the rest; see the rejects table.",
                               parameters: [f.path, String(f.rejected), String(f.rowsRead)])
        }
        if let m = dataset.memberMatching, m.rowsWaiting > 0 {
            warnings.append(DataWarning(code: "names_waiting_for_review",
                                        message: "\(m.rowsWaiting) row(s) name \(m.waiting.count) person(s) who could be more than one member, or are only probably a member; they are rejected until a decision is written in match-review.csv (then run again).",
                                        parameters: [String(m.rowsWaiting), String(m.waiting.count)]))
        }
        return warnings
    }

    /// An `encoding_assumed` note for each file whose encoding was a guess (Windows-1252 because
    /// its bytes are not UTF-8), so that a reader who sees odd letters knows to name the encoding.
    static func encodingWarnings(_ files: [FileSummary]) -> [DataWarning] {
        files.compactMap { file in
            guard let note = file.layout.encodingNote else { return nil }
            return DataWarning(code: "encoding_assumed", severity: .info, file: file.path,
                               message: "\(file.path) is \(note); read as \(file.layout.encoding.displayName). "
                                   + "If letters look wrong, name the encoding with --encoding.",
                               parameters: [file.path, file.layout.encoding.displayName])
        }
    }
}

/// What each of the three readers does with one well-shaped record: accept it, or throw the
/// reject that says why not.
protocol RowIngest {
    mutating func ingest(_ record: borrowing CSVRecord, _ context: RowContext) throws(Reject)
    /// Called with a record `RowIngestLookahead.distance` records before `ingest` gets it: starts
    /// the memory loads its lookups will need (default: nothing).
    func prefetch(_ record: borrowing CSVRecord)
    /// Two fields holding ids that the reading thread, when there is one, hashes for the lookups
    /// (`CSVRecord.keyHashes`; default: none).
    var hashedFields: (Int, Int)? { get }
}

extension RowIngest {
    func prefetch(_ record: borrowing CSVRecord) {}
    var hashedFields: (Int, Int)? { nil }
}

/// How many records ahead `ingestRows` hands records to `RowIngest.prefetch`: far enough that a
/// load from main memory (about 100 ns) is done when the record's turn comes (a record takes a
/// few hundred nanoseconds to ingest), near enough that its lines are still cached.
enum RowIngestLookahead {
    static let distance = 8
}

/// The loop shared by the readers: every record is read, counted, and accepted or rejected, so
/// that rows read = accepted + rejected holds by construction.
func ingestRows<Reader: RecordReader, Ingest: RowIngest>(from reader: Reader, kind: FileSummary.Kind, extra: [(name: String, position: Int)],
                                   limits: InputLimits, dates: [DateColumnReading] = [], into ingest: inout Ingest, rejects: inout [Reject]) throws -> FileSummary {
    let context = RowContext(file: reader.label, header: reader.header, limits: limits, columnNaming: reader.layout.columnNaming)
    var summary = FileSummary(kind: kind, path: reader.label)
    summary.layout = reader.layout
    summary.extraColumns = extra.map(\.name)
    summary.dateColumns = dates
    reader.limitRecordBytes(CSVReader.recordByteLimit(fieldBytes: limits.maxFieldBytes, columns: reader.header.count))
    var record = CSVRecord()
    // Read on a thread of its own, a batch ahead, when there is a second core.
    let prefetch = Parallel.threadCount > 1 ? RecordPrefetch(reader, hashing: ingest.hashedFields) : nil
    while try prefetch?.next(&record) ?? reader.next(&record) {
        if let ahead = prefetch?.record(ahead: RowIngestLookahead.distance) { ingest.prefetch(ahead.pointee) }
        summary.rowsRead += 1
        do throws(Reject) {
            if let reject = context.shapeReject(record) ?? context.oversizedFieldReject(record) { throw reject }
            try ingest.ingest(record, context)
            summary.accepted += 1
        } catch {
            rejects.append(error)
            summary.rejected += 1
        }
    }
    summary.bytes = reader.fingerprint.byteCount
    summary.sha256 = reader.fingerprint.hexDigest()
    return summary
}

/// The input columns Weft does not interpret, kept as attribute columns beside a log: checked
/// (UTF-8) per record, then stored once the record is accepted.
struct ExtraColumns {
    let columns: [(name: String, position: Int)]
    private let attributeIndex: [Int]

    /// Adds one attribute column per extra column to `attributes`, or, when an earlier file had a
    /// column of that name, continues it (empty in the rows between); `rows`: the rows already held.
    init(_ columns: [(name: String, position: Int)], addingTo attributes: inout AttributeColumns, rows: Int) {
        self.columns = columns
        attributeIndex = columns.map { column in
            let index = attributes.index(named: column.name) ?? attributes.addColumn(column.name)
            attributes.pad(column: index, toRows: rows)
            return index
        }
    }

    /// Checks the record's extra values; rejects the record if one is not valid UTF-8.
    func check(_ record: borrowing CSVRecord, _ context: RowContext) throws(Reject) {
        for column in columns where !record.withTrimmedBytes(column.position, UTF8Text.isValid) {
            throw context.reject(record, column: column.position, "text is not valid UTF-8")
        }
    }

    /// Stores the record's extra values (trimmed; checked by `check`) as the next row of `attributes`.
    func store(_ record: borrowing CSVRecord, into attributes: inout AttributeColumns) {
        for (offset, column) in columns.enumerated() {
            record.withTrimmedBytes(column.position) { attributes.append($0, toColumn: attributeIndex[offset]) }
        }
    }
}

/// The file and header a record came from, for building rejects.
struct RowContext {
    let file: String
    let header: [String]
    let limits: InputLimits
    var columnNaming = ColumnNaming.numbers

    func reject(_ record: borrowing CSVRecord, column position: Int?, _ reason: String) -> Reject {
        Reject(file: file, line: record.line, column: position.map { $0 + 1 },
               field: position.flatMap { $0 < header.count ? header[$0] : nil },
               value: position.map { record.displayString($0) }, reason: reason, columnNaming: columnNaming)
    }

    /// `file:line:column` of a field, as rejects write it.
    func location(_ record: borrowing CSVRecord, column position: Int) -> String {
        "\(file):\(record.line):" + columnNaming.name(position + 1)
    }

    /// A reject for a record whose shape is wrong (broken quote, wrong field count), or nil.
    func shapeReject(_ record: borrowing CSVRecord) -> Reject? {
        if let problem = record.problem {
            let field = problem.column <= header.count ? header[problem.column - 1] : nil
            return Reject(file: file, line: record.line, column: problem.column, field: field, reason: problem.description,
                          columnNaming: columnNaming)
        }
        if record.fieldCount != header.count {
            return Reject(file: file, line: record.line,
                          reason: "expected \(header.count) fields as in the header, found \(record.fieldCount)")
        }
        return nil
    }
}

/// Trims ASCII spaces and tabs from both ends of a field.
func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    var lo = 0, hi = bytes.count
    while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
    while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
    return UnsafeRawBufferPointer(rebasing: bytes[lo..<hi])
}

/// A member id found in a record: already known, or new (to be added once the row is accepted).
enum MemberLookup {
    case known(Int32)
    case new(String)
}

extension MemberTable {
    /// The index for a looked-up member, adding it if it is new.
    mutating func commit(_ lookup: MemberLookup) -> Int32 {
        switch lookup {
        case .known(let index): return index
        case .new(let id):
            if let index = ids.index(of: id) { return index }
            addedFromRecords += 1
            return add(id: id)
        }
    }
}
