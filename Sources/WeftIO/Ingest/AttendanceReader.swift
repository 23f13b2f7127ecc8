import WeftGraph

/// Reads attendance.csv: one row per member per event with `member`, `event`, `date` and
/// optional `role` (attendee by default), `topic` and `event_type`.
struct AttendanceReader {
    let unknownMembers: UnknownMemberPolicy

    func read(path: String, into dataset: inout Dataset) throws {
        let reader = try CSVReader(path: path)
        let (positions, extra) = try ColumnSchema.attendance.resolve(header: reader.header, file: path, line: reader.headerLine)
        let memberColumn = positions["member"]!, eventColumn = positions["event"]!, dateColumn = positions["date"]!
        let optional = [positions["role"], positions["topic"], positions["event_type"]]
        var context = RowContext(file: path, header: reader.header, summary: FileSummary(kind: .attendance, path: path))
        context.summary.delimiter = String(UnicodeScalar(reader.delimiter))
        context.summary.extraColumns = extra.map(\.name)
        let membersFileGiven = dataset.files.contains { $0.kind == .members }
        var members = dataset.members
        var log = dataset.attendance
        var rejects: [Reject] = []
        let firstAttribute = log.attributes.columns.count
        for column in extra { log.attributes.addColumn(column.name) }

        try reader.forEachRecord { record in
            context.summary.rowsRead += 1
            func reject(_ r: Reject) {
                rejects.append(r)
                context.summary.rejected += 1
            }
            if let r = context.shapeReject(record) { return reject(r) }
            let date: Int64
            switch ISO8601.parse(record.bytes(dateColumn)) {
            case .success(let value): date = value.seconds
            case .failure(let problem): return reject(context.reject(record, column: dateColumn, problem.description))
            }
            let eventBytes = trimmed(record.bytes(eventColumn))
            if eventBytes.isEmpty { return reject(context.reject(record, column: eventColumn, "event id is empty")) }
            guard String(validating: eventBytes, as: UTF8.self) != nil else {
                return reject(context.reject(record, column: eventColumn, "event id is not valid UTF-8"))
            }
            var texts: [String] = []
            for position in optional {
                guard let position else { texts.append(""); continue }
                guard let text = String(validating: trimmed(record.bytes(position)), as: UTF8.self) else {
                    return reject(context.reject(record, column: position, "text is not valid UTF-8"))
                }
                texts.append(text)
            }
            var attributeValues: [UnsafeRawBufferPointer] = []
            for column in extra {
                let bytes = trimmed(record.bytes(column.position))
                if String(validating: bytes, as: UTF8.self) == nil {
                    return reject(context.reject(record, column: column.position, "text is not valid UTF-8"))
                }
                attributeValues.append(bytes)
            }
            let member: MemberLookup
            switch lookupMember(record.bytes(memberColumn), in: members, policy: unknownMembers, membersFileGiven: membersFileGiven) {
            case .success(let m): member = m
            case .failure(let why): return reject(context.reject(record, column: memberColumn, why.reason))
            }
            let m = members.commit(member)
            let e = log.events.intern(bytes: eventBytes).index
            log.append(member: m, event: e, date: date, role: log.roleCode(texts[0]),
                       topic: log.topicCode(texts[1]), eventType: log.eventTypeCode(texts[2]))
            for (offset, bytes) in attributeValues.enumerated() {
                log.attributes.append(bytes, toColumn: firstAttribute + offset)
            }
            context.summary.accepted += 1
        }
        dataset.members = members
        dataset.attendance = log
        dataset.rejects.append(contentsOf: rejects)
        dataset.files.append(context.summary)
    }
}
