import WeftGraph

/// Reads interactions.csv: `source`, `target`, `timestamp` and optional `weight` (default 1),
/// `type` and `directed` (default true). This is the hot path of ingest: fields are read as
/// bytes, ids resolved through the registry's byte lookup, timestamps and numbers parsed
/// without allocating.
struct InteractionsReader {
    let unknownMembers: UnknownMemberPolicy
    let undirected: Bool

    func read(path: String, into dataset: inout Dataset) throws {
        let reader = try CSVReader(path: path)
        let (positions, extra) = try ColumnSchema.interactions.resolve(header: reader.header, file: path, line: reader.headerLine)
        let sourceColumn = positions["source"]!, targetColumn = positions["target"]!, timeColumn = positions["timestamp"]!
        let weightColumn = positions["weight"], typeColumn = positions["type"], directedColumn = positions["directed"]
        var context = RowContext(file: path, header: reader.header, summary: FileSummary(kind: .interactions, path: path))
        context.summary.delimiter = String(UnicodeScalar(reader.delimiter))
        context.summary.extraColumns = extra.map(\.name)
        let membersFileGiven = dataset.files.contains { $0.kind == .members }
        var members = dataset.members
        var log = dataset.interactions
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

            let time: Int64
            switch ISO8601.parse(record.bytes(timeColumn)) {
            case .success(let value): time = value.seconds
            case .failure(let problem): return reject(context.reject(record, column: timeColumn, problem.description))
            }
            var weight = 1.0
            if let weightColumn {
                let bytes = trimmed(record.bytes(weightColumn))
                if !bytes.isEmpty {
                    guard let w = DecimalParser.parse(bytes) else {
                        return reject(context.reject(record, column: weightColumn, "weight is not a number"))
                    }
                    if let problem = InteractionLog.check(source: 0, target: 1, weight: w) {
                        return reject(context.reject(record, column: weightColumn, problem.description))
                    }
                    weight = w
                }
            }
            var isDirected = !undirected
            var typeBytes = typeColumn.map { trimmed(record.bytes($0)) } ?? UnsafeRawBufferPointer(start: nil, count: 0)
            // Gephi's edge tables put "Directed"/"Undirected" in a Type column.
            if let flag = InteractionsReader.directedness(typeBytes) {
                isDirected = flag && !undirected
                typeBytes = UnsafeRawBufferPointer(start: nil, count: 0)
            }
            if let directedColumn {
                let bytes = trimmed(record.bytes(directedColumn))
                if !bytes.isEmpty {
                    guard let flag = InteractionsReader.directedness(bytes) else {
                        return reject(context.reject(record, column: directedColumn, "directed must be true/false, yes/no, 1/0 or directed/undirected"))
                    }
                    isDirected = flag && !undirected
                }
            }
            if String(validating: typeBytes, as: UTF8.self) == nil {
                return reject(context.reject(record, column: typeColumn, "type is not valid UTF-8"))
            }
            let sourceBytes = trimmed(record.bytes(sourceColumn)), targetBytes = trimmed(record.bytes(targetColumn))
            if !sourceBytes.isEmpty && sourceBytes.elementsEqual(targetBytes) {
                return reject(context.reject(record, column: targetColumn, RecordProblem.selfLoop.description))
            }
            let source: MemberLookup, target: MemberLookup
            switch lookupMember(sourceBytes, in: members, policy: unknownMembers, membersFileGiven: membersFileGiven) {
            case .success(let m): source = m
            case .failure(let why): return reject(context.reject(record, column: sourceColumn, why.reason))
            }
            switch lookupMember(targetBytes, in: members, policy: unknownMembers, membersFileGiven: membersFileGiven) {
            case .success(let m): target = m
            case .failure(let why): return reject(context.reject(record, column: targetColumn, why.reason))
            }
            var attributeValues: [UnsafeRawBufferPointer] = []
            for column in extra {
                let bytes = trimmed(record.bytes(column.position))
                if String(validating: bytes, as: UTF8.self) == nil {
                    return reject(context.reject(record, column: column.position, "text is not valid UTF-8"))
                }
                attributeValues.append(bytes)
            }
            let s = members.commit(source), t = members.commit(target)
            let code = typeBytes.isEmpty ? 0 : log.typeCode(bytes: typeBytes)
            do {
                try log.append(source: s, target: t, time: time, weight: weight, type: code, directed: isDirected)
            } catch {
                return reject(context.reject(record, column: nil, "\(error)"))
            }
            for (offset, bytes) in attributeValues.enumerated() {
                log.attributes.append(bytes, toColumn: firstAttribute + offset)
            }
            context.summary.accepted += 1
        }
        dataset.members = members
        dataset.interactions = log
        dataset.rejects.append(contentsOf: rejects)
        dataset.files.append(context.summary)
    }

    /// Reads a directedness flag: true/yes/1/directed → true, false/no/0/undirected → false.
    static func directedness(_ bytes: UnsafeRawBufferPointer) -> Bool? {
        guard !bytes.isEmpty, bytes.count <= 10 else { return nil }
        let word = String(decoding: bytes, as: UTF8.self).lowercased()
        switch word {
        case "true", "yes", "1", "directed", "y", "t": return true
        case "false", "no", "0", "undirected", "n", "f": return false
        default: return nil
        }
    }
}
