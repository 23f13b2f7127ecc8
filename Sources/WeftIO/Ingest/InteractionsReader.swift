import WeftGraph

/// Reads interactions.csv: `source`, `target`, `timestamp` and optional `weight` (default 1),
/// `type` and `directed` (default true). This is the hot path of ingest: fields are read as
/// bytes, ids resolved through the registry's byte lookup, timestamps and numbers parsed
/// without allocating.
struct InteractionsReader {
    let undirected: Bool
    let reading: ReadingOptions
    let limits: InputLimits

    func read(path: String, into dataset: inout Dataset, references: inout MemberReferences) throws {
        let reader = try InputSource.open(path: path, options: reading)
        let (positions, extra) = try ColumnSchema.interactions.resolve(header: reader.header, file: reader.label, line: reader.headerLine, mapping: reading.columnMap)
        let time = positions["timestamp"]!
        let dates = try DateColumns.resolve([(reader.header[time], time, .iso8601)], kind: .interactions,
                                            path: path, label: reader.label, headerLine: reader.headerLine, options: reading)
        var ingest = InteractionsIngest(
            source: positions["source"]!, target: positions["target"]!, time: dates.columns[0]!,
            decimalComma: reading.usesDecimalComma(delimiter: reader.layout.delimiter),
            weight: positions["weight"], type: positions["type"], directed: positions["directed"], extra: extra,
            references: references, undirected: undirected, members: dataset.members, log: dataset.interactions)
        if let estimate = reader.estimatedRecordCount { ingest.log.reserve(ingest.log.count + estimate) }
        dataset.members = MemberTable()          // hand the tables over: no copy-on-write copies
        dataset.interactions = InteractionLog()
        var rejects: [Reject] = []
        let summary = try ingestRows(from: reader, kind: .interactions, extra: extra, limits: limits, dates: dates.readings, into: &ingest, rejects: &rejects)
        dataset.members = ingest.members
        dataset.interactions = ingest.log
        references = ingest.references
        dataset.rejects.append(contentsOf: rejects)
        dataset.files.append(summary)
    }

    /// Reads a directedness flag: true/yes/1/directed → true, false/no/0/undirected → false
    /// (ASCII case-insensitive).
    static func directedness(_ bytes: UnsafeRawBufferPointer) -> Bool? {
        guard !bytes.isEmpty, bytes.count <= 10 else { return nil }
        for (word, flag) in flagWords where word.count == bytes.count && equalIgnoringCase(word, bytes) {
            return flag
        }
        return nil
    }

    /// Gephi's edge tables put "Directed" or "Undirected" in their Type column.
    static func gephiDirectedness(_ bytes: UnsafeRawBufferPointer) -> Bool? {
        guard bytes.count == 8 || bytes.count == 10 else { return nil }
        return directedness(bytes)
    }

    private static let flagWords: [([UInt8], Bool)] =
        ["true", "yes", "1", "directed", "y", "t"].map { (Array($0.utf8), true) }
        + ["false", "no", "0", "undirected", "n", "f"].map { (Array($0.utf8), false) }

    private static func equalIgnoringCase(_ lower: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
        for i in 0..<lower.count {
            let b = bytes[i]
            if lower[i] != (b >= 65 && b <= 90 ? b | 0x20 : b) { return false }
        }
        return true
    }
}

/// The per-record work of reading interactions, holding the tables it fills.
struct InteractionsIngest: RowIngest {
    let source: Int, target: Int
    var time: DateColumn
    /// Whether weights use a decimal comma (`1,5`).
    let decimalComma: Bool
    let weight: Int?, type: Int?, directed: Int?
    var extra: ExtraColumns
    var references: MemberReferences
    let undirected: Bool
    var members: MemberTable
    var log: InteractionLog

    init(source: Int, target: Int, time: DateColumn, decimalComma: Bool, weight: Int?, type: Int?, directed: Int?,
         extra: [(name: String, position: Int)], references: MemberReferences,
         undirected: Bool, members: MemberTable, log: InteractionLog) {
        (self.source, self.target, self.time, self.weight, self.type, self.directed) = (source, target, time, weight, type, directed)
        self.decimalComma = decimalComma
        (self.references, self.undirected) = (references, undirected)
        self.members = members
        var log = log
        let rows = log.count
        self.extra = ExtraColumns(extra, addingTo: &log.attributes, rows: rows)
        self.log = log
    }

    var hashedFields: (Int, Int)? { (source, target) }

    /// Starts loading the member table's slots for this record's two ids, from the hashes the
    /// reading thread took (`ingestRows` looks ahead only in records it read, which have them).
    func prefetch(_ record: borrowing CSVRecord) {
        guard let (s, t) = record.keyHashes.pair else { return }
        members.ids.prefetch(hash: s)
        members.ids.prefetch(hash: t)
    }

    mutating func ingest(_ record: borrowing CSVRecord, _ context: RowContext) throws(Reject) {
        let when = try time.instant(record, context).seconds
        var w = 1.0
        if let weight, let number = record.withTrimmedBytes(weight, { (bytes) -> Double?? in   // nil: blank; .some(nil): not a number
            bytes.isEmpty ? nil : .some(LocalisedNumber.parse(bytes, decimalComma: decimalComma))
        }) {
            guard let parsed = number else {
                throw context.reject(record, column: weight, "weight is not a number"
                                        + (decimalComma ? "" : record.withTrimmedBytes(weight, LocalisedNumber.decimalCommaHint)))
            }
            if let problem = InteractionLog.check(source: 0, target: 1, weight: parsed) {
                throw context.reject(record, column: weight, problem.description)
            }
            try context.checkWeight(parsed, record, column: weight, what: "weight")
            w = parsed
        }
        var isDirected = !undirected
        // A type column of Gephi's `Directed`/`Undirected` says the direction, not a type.
        let gephi = type.flatMap { record.withTrimmedBytes($0, InteractionsReader.gephiDirectedness) }
        if let gephi { isDirected = gephi && !undirected }
        if let directed, !record.isBlank(directed) {
            guard let flag = record.withTrimmedBytes(directed, InteractionsReader.directedness) else {
                throw context.reject(record, column: directed, "directed must be true/false, yes/no, 1/0 or directed/undirected")
            }
            isDirected = flag && !undirected
        }
        var code: UInt16 = 0
        if let type, gephi == nil {
            let found: UInt16? = record.withTrimmedBytes(type) { bytes in   // nil: not UTF-8
                if bytes.isEmpty { return 0 }
                if let known = log.types.index(ofBytes: bytes) { return UInt16(min(Int(known), Int(UInt16.max))) }
                return UTF8Text.isValid(bytes) ? log.typeCode(bytes: bytes) : nil
            }
            guard let found else { throw context.reject(record, column: type, "type is not valid UTF-8") }
            code = found
        }
        if record.withTrimmedBytes(source, target, { !$0.isEmpty && $0.elementsEqual($1) }) {
            throw context.reject(record, column: target, RecordProblem.selfLoop.description)
        }
        let s = try references.resolve(record, column: source, role: "interactions source", in: members, context: context)
        let t = try references.resolve(record, column: target, role: "interactions target", in: members, context: context)
        if case .known(let a) = s, case .known(let b) = t, a == b {
            throw context.reject(record, column: target, RecordProblem.selfLoop.description)
        }
        try extra.check(record, context)
        let si = members.commit(s), ti = members.commit(t)
        do {
            try log.append(source: si, target: ti, time: when, weight: w, type: code, directed: isDirected)
        } catch {
            throw context.reject(record, column: nil, "\(error)")
        }
        extra.store(record, into: &log.attributes)
    }
}
