import WeftGraph

/// Reads attendance.csv: one row per member per event with `member`, `event`, `date` and
/// optional `role` (attendee by default), `topic` and `event_type`.
struct AttendanceReader {
    let reading: ReadingOptions
    let limits: InputLimits

    func read(path: String, into dataset: inout Dataset, references: inout MemberReferences) throws {
        let reader = try InputSource.open(path: path, options: reading)
        let (positions, extra) = try ColumnSchema.attendance.resolve(header: reader.header, file: reader.label, line: reader.headerLine, mapping: reading.columnMap)
        let date = positions["date"]!
        let dates = try DateColumns.resolve([(reader.header[date], date, .iso8601)], kind: .attendance,
                                            path: path, label: reader.label, headerLine: reader.headerLine, options: reading)
        var ingest = AttendanceIngest(
            member: positions["member"]!, event: positions["event"]!, date: dates.columns[0]!,
            labels: [positions["role"], positions["topic"], positions["event_type"]], extra: extra,
            references: references, members: dataset.members, log: dataset.attendance)
        dataset.members = MemberTable()
        dataset.attendance = AttendanceLog()
        var rejects: [Reject] = []
        let summary = try ingestRows(from: reader, kind: .attendance, extra: extra, limits: limits, dates: dates.readings, into: &ingest, rejects: &rejects)
        dataset.members = ingest.members
        dataset.attendance = ingest.log
        references = ingest.references
        dataset.rejects.append(contentsOf: rejects)
        dataset.files.append(summary)
    }
}

struct AttendanceIngest: RowIngest {
    let member: Int, event: Int
    var date: DateColumn
    /// Positions of role, topic and event_type (nil when absent).
    let labels: [Int?]
    var extra: ExtraColumns
    var references: MemberReferences
    var members: MemberTable
    var log: AttendanceLog

    init(member: Int, event: Int, date: DateColumn, labels: [Int?], extra: [(name: String, position: Int)],
         references: MemberReferences, members: MemberTable, log: AttendanceLog) {
        (self.member, self.event, self.date, self.labels) = (member, event, date, labels)
        self.references = references
        self.members = members
        var log = log
        let rows = log.count
        self.extra = ExtraColumns(extra, addingTo: &log.attributes, rows: rows)
        self.log = log
    }

    mutating func ingest(_ record: borrowing CSVRecord, _ context: RowContext) throws(Reject) {
        let day = try date.instant(record, context).seconds
        if record.isBlank(event) { throw context.reject(record, column: event, "event id is empty") }
        // The event's index when it is known; else its id, checked once (nil: not UTF-8).
        let knownEvent: (index: Int32?, newId: String?) = record.withTrimmedBytes(event) { bytes in
            if let index = log.events.index(ofBytes: bytes) { return (index, nil) }
            return (nil, UTF8Text.validated(bytes))
        }
        if knownEvent.index == nil {
            guard let newId = knownEvent.newId else { throw context.reject(record, column: event, "event id is not valid UTF-8") }
            try context.checkIdentifier(newId, record, column: event, what: "event id")
        }
        var texts: [String] = []
        for position in labels {
            guard let position else { texts.append(""); continue }
            guard let text = record.trimmedString(position) else {
                throw context.reject(record, column: position, "text is not valid UTF-8")
            }
            texts.append(text)
        }
        try extra.check(record, context)
        let found = try references.resolve(record, column: member, role: "attendance member", in: members, context: context)
        let m = members.commit(found)
        let e = knownEvent.index ?? record.withTrimmedBytes(event) { log.events.intern(bytes: $0).index }
        log.append(member: m, event: e, date: day, role: log.roleCode(texts[0]),
                   topic: log.topicCode(texts[1]), eventType: log.eventTypeCode(texts[2]))
        extra.store(record, into: &log.attributes)
    }
}
