import WeftGraph

/// Reads members.csv: one row per member with an `id` (or, as Kumu and Gephi write it, a `Label`
/// that serves as the id), optional `name` and `email`, and any other columns as attributes.
/// A repeated id is rejected, naming the line that first defined it.
struct MembersReader {
    func read(path: String, into dataset: inout Dataset) throws {
        let reader = try CSVReader(path: path)
        var (positions, extra) = try ColumnSchema.members.resolve(header: reader.header, file: path, line: reader.headerLine)
        // Kumu's elements sheet and Gephi's node table identify members by Label when there is no Id.
        if positions["id"] == nil {
            guard let label = positions["name"] else {
                throw InputError(file: path, line: reader.headerLine, column: nil,
                                 message: "missing required column 'id' (or 'label'); found: \(reader.header.joined(separator: ", "))")
            }
            positions["id"] = label
        }
        let idColumn = positions["id"]!, nameColumn = positions["name"], emailColumn = positions["email"]
        var context = RowContext(file: path, header: reader.header, summary: FileSummary(kind: .members, path: path))
        context.summary.delimiter = String(UnicodeScalar(reader.delimiter))
        context.summary.extraColumns = extra.map(\.name)
        var members = dataset.members
        let firstAttribute = members.attributes.columns.count
        for column in extra { members.attributes.addColumn(column.name) }

        try reader.forEachRecord { record in
            context.summary.rowsRead += 1
            func reject(_ r: Reject) {
                dataset.rejects.append(r)
                context.summary.rejected += 1
            }
            if let r = context.shapeReject(record) { return reject(r) }
            let idBytes = trimmed(record.bytes(idColumn))
            if idBytes.isEmpty { return reject(context.reject(record, column: idColumn, "member id is empty")) }
            guard let id = String(validating: idBytes, as: UTF8.self) else {
                return reject(context.reject(record, column: idColumn, "member id is not valid UTF-8"))
            }
            if let existing = members.ids.index(of: id) {
                let first = members.definedOnLine[Int(existing)]
                return reject(context.reject(record, column: idColumn, "duplicate member id '\(id)' (first defined on line \(first))"))
            }
            var texts: [String] = []
            for position in [nameColumn, emailColumn].compactMap({ $0 }) + extra.map(\.position) {
                guard let text = record.string(position) else {
                    return reject(context.reject(record, column: position, "text is not valid UTF-8"))
                }
                texts.append(text)
            }
            let name = nameColumn == nil ? "" : texts.removeFirst()
            let email = emailColumn == nil ? "" : texts.removeFirst()
            _ = members.add(id: id, name: name.trimmingCharacters(in: .whitespaces),
                            email: email.trimmingCharacters(in: .whitespaces), line: record.line)
            for (offset, text) in texts.enumerated() {
                members.attributes.replaceLast(text.trimmingCharacters(in: .whitespaces), inColumn: firstAttribute + offset)
            }
            members.declaredCount += 1
            context.summary.accepted += 1
        }
        dataset.members = members
        dataset.files.append(context.summary)
    }
}

import Foundation
