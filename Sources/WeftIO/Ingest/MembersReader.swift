import WeftGraph

/// Reads members.csv: one row per member with an `id` (or, as Kumu and Gephi write it, a `Label`
/// that serves as the id), optional `name` and `email`, and any other columns as attributes.
/// A repeated id is rejected, naming the line that first defined it. The `joined` and `left`
/// columns are dates, read like every date (`DateColumns`) and kept as ISO 8601 text; a value
/// that cannot be read rejects its row.
struct MembersReader {
    let reading: ReadingOptions
    let limits: InputLimits

    func read(path: String, into dataset: inout Dataset) throws {
        let reader = try InputSource.open(path: path, options: reading)
        var (positions, extra) = try ColumnSchema.members.resolve(header: reader.header, file: reader.label, line: reader.headerLine, mapping: reading.columnMap)
        // Kumu's elements sheet and Gephi's node table identify members by Label when there is no Id.
        if positions["id"] == nil {
            guard let label = positions["name"] else {
                throw InputError(file: reader.label, line: reader.headerLine, column: nil,
                                 message: "missing required column 'id' (or 'label'); found: \(reader.header.joined(separator: ", "))")
            }
            positions["id"] = label
        }
        let dateNames = Set(ColumnSchema.memberDateColumns)
        let dateColumns = extra.filter { dateNames.contains(ColumnSchema.normalise($0.name)) }
        let dates = try DateColumns.resolve(dateColumns.map { ($0.name, $0.position, .iso8601) }, kind: .members,
                                            path: path, label: reader.label, headerLine: reader.headerLine, options: reading)
        var ingest = MembersIngest(id: positions["id"]!, name: positions["name"], email: positions["email"],
                                   extra: extra, members: dataset.members)
        for case let date? in dates.columns { ingest.dates[date.position] = date }
        dataset.members = MemberTable()
        var rejects: [Reject] = []
        let summary = try ingestRows(from: reader, kind: .members, extra: extra, limits: limits, dates: dates.readings, into: &ingest, rejects: &rejects)
        dataset.members = ingest.members
        dataset.rejects.append(contentsOf: rejects)
        dataset.files.append(summary)
    }
}

struct MembersIngest: RowIngest {
    let id: Int, name: Int?, email: Int?
    let extra: [(name: String, position: Int)]
    var members: MemberTable
    /// The date attribute columns (`joined`, `left`) by position (nil: not a date column).
    var dates: [DateColumn?]
    private let firstAttribute: Int
    /// The attribute values of the row being read (kept from row to row for its capacity).
    private var attributeTexts: [String] = []

    init(id: Int, name: Int?, email: Int?, extra: [(name: String, position: Int)], members: MemberTable) {
        (self.id, self.name, self.email, self.extra) = (id, name, email, extra)
        self.members = members
        firstAttribute = members.attributes.columns.count
        for column in extra { self.members.attributes.addColumn(column.name) }
        let positions = [id, name ?? 0, email ?? 0] + extra.map(\.position)
        dates = Array(repeating: nil, count: positions.max()! + 1)
    }

    mutating func ingest(_ record: borrowing CSVRecord, _ context: RowContext) throws(Reject) {
        if record.isBlank(id) { throw context.reject(record, column: id, "member id is empty") }
        guard let memberId = record.trimmedString(id) else {
            throw context.reject(record, column: id, "member id is not valid UTF-8")
        }
        try context.checkIdentifier(memberId, record, column: id, what: "member id")
        if let existing = members.ids.index(of: memberId) {
            let first = members.definedOnLine[Int(existing)]
            throw context.reject(record, column: id, "duplicate member id '\(memberId)' (first defined on line \(first))")
        }
        // Every value is read before the member is added, so that a rejected row adds nothing.
        var memberName = "", memberEmail = ""
        if let name { memberName = try text(record, at: name, context) }
        if let email { memberEmail = try text(record, at: email, context) }
        attributeTexts.removeAll(keepingCapacity: true)
        for column in extra { attributeTexts.append(try text(record, at: column.position, context)) }
        _ = members.add(id: memberId, name: memberName, email: memberEmail, line: record.line,
                        attributes: attributeTexts, fromColumn: firstAttribute)
        members.declaredCount += 1
    }

    /// Field `position` as the member's value: a date column's date as ISO 8601 text, any other
    /// field trimmed.
    private mutating func text(_ record: borrowing CSVRecord, at position: Int, _ context: RowContext) throws(Reject) -> String {
        if dates[position] != nil { return try dates[position]!.isoText(record, context) }
        guard let text = record.trimmedString(position) else {
            throw context.reject(record, column: position, "text is not valid UTF-8")
        }
        return text
    }
}
