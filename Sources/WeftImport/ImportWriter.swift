import WeftIO

/// Writes what an import produced, each file atomically: attendance.csv or interactions.csv in
/// Weft's canonical columns (so `weft analyze` reads it as it is) and members.csv when members were created.
public enum ImportWriter {
    public static let attendanceHeader = ["member", "event", "date", "role", "topic", "minutes"]
    public static let membersHeader = ["id", "name", "email", "guest"]
    public static let interactionsHeader = ["source", "target", "timestamp", "weight", "type"]

    /// interactions.csv: one row per record, in Weft's canonical columns.
    public static func writeInteractions(_ rows: [InteractionImport.Row], to path: String) throws {
        let writer = try CSVTableWriter(path: path, header: interactionsHeader)
        for r in rows {
            try writer.writeRow([.text(r.source), .text(r.target), .plain(r.timestamp), .real(r.weight), .plain(r.type)])
        }
        try writer.commit()
    }

    public static func writeAttendance(_ rows: [AttendanceImport.Row], to path: String) throws {
        let writer = try CSVTableWriter(path: path, header: attendanceHeader)
        for r in rows {
            try writer.writeRow([.text(r.member), .text(r.event), .plain(r.date), .plain(r.role.rawValue), .text(r.topic), .real(r.minutes)])
        }
        try writer.commit()
    }

    /// members.csv: the roster's members (when there is one: id, name, email and its attributes,
    /// guest 0) then the members the import created.
    public static func writeMembers(_ created: [ImportedMember], roster: MemberTable?, pseudonymKey: [UInt8]?,
                                    to path: String) throws {
        let attributes = pseudonymKey == nil ? roster?.attributes.columns ?? [] : []
        let writer = try CSVTableWriter(path: path, header: membersHeader + attributes.map(\.name))
        if let roster {
            for i in 0..<roster.count {
                let id = roster.ids[Int32(i)]
                if let key = pseudonymKey {
                    try writer.writeRow([.text(Pseudonym.of(id, key: key)), .empty, .empty, .flag(false)])
                } else {
                    try writer.writeRow([.text(id), .text(roster.names[i]), .text(roster.emails[i]), .flag(false)]
                                        + attributes.map { .text($0.value(at: i)) })
                }
            }
        }
        for m in created {
            try writer.writeRow([.text(m.id), .text(m.name), .text(m.email), .flag(m.guest)] + attributes.map { _ in .empty })
        }
        try writer.commit()
    }
}
