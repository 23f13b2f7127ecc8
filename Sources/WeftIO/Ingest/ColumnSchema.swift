/// The columns an input file must or may have, with the header spellings each accepts.
/// Headers match case-insensitively, ignoring surrounding spaces and treating spaces and hyphens
/// as underscores, so `Event Type`, `event-type` and `EVENT_TYPE` are one column.
struct ColumnSchema {
    struct Column {
        let name: String
        let aliases: [String]
        let required: Bool
    }

    let kind: FileSummary.Kind
    let columns: [Column]

    static func normalise(_ header: String) -> String {
        var h = header.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if h.hasPrefix("\u{FEFF}") { h.removeFirst() }
        return String(h.map { $0 == " " || $0 == "-" ? "_" : $0 })
    }

    /// Maps a header row to column positions. Throws naming the first missing required column.
    func resolve(header: [String], file: String, line: Int) throws -> (positions: [String: Int], extra: [(name: String, position: Int)]) {
        let normalised = header.map(ColumnSchema.normalise)
        var positions: [String: Int] = [:]
        var claimed = Set<Int>()
        for column in columns {
            for alias in [column.name] + column.aliases {
                if let i = normalised.firstIndex(of: alias), !claimed.contains(i) {
                    positions[column.name] = i
                    claimed.insert(i)
                    break
                }
            }
        }
        for column in columns where column.required && positions[column.name] == nil {
            let accepted = ([column.name] + column.aliases).joined(separator: ", ")
            throw InputError(file: file, line: line, column: nil,
                             message: "missing required column '\(column.name)' (accepted headers: \(accepted); found: \(header.joined(separator: ", ")))")
        }
        var seen = Set<String>()
        for (i, name) in normalised.enumerated() where !name.isEmpty {
            if !seen.insert(name).inserted {
                throw InputError(file: file, line: line, column: i + 1, message: "duplicate column '\(header[i])'")
            }
        }
        // Unclaimed columns are kept as attributes; one without a header (a spreadsheet's index
        // column, say) is named column_N after its position.
        let extra = header.indices.filter { !claimed.contains($0) }.map {
            (normalised[$0].isEmpty ? "column_\($0 + 1)" : header[$0], $0)
        }
        return (positions, extra)
    }

    /// Member attributes that are dates, read as dates and kept as ISO 8601 text.
    static let memberDateColumns = ["joined", "left"]

    static let members = ColumnSchema(kind: .members, columns: [
        Column(name: "id", aliases: ["member", "member_id", "memberid", "identifier", "uid", "key"], required: false),
        Column(name: "name", aliases: ["label", "full_name", "fullname", "display_name", "member_name"], required: false),
        Column(name: "email", aliases: ["e_mail", "mail", "email_address"], required: false),
    ])

    static let interactions = ColumnSchema(kind: .interactions, columns: [
        Column(name: "source", aliases: ["from", "sender", "ego", "initiator", "src", "actor", "source_id"], required: true),
        Column(name: "target", aliases: ["to", "recipient", "receiver", "alter", "dst", "target_id"], required: true),
        Column(name: "timestamp", aliases: ["date", "datetime", "date_time", "time", "when", "created_at", "sent_at", "start"], required: true),
        Column(name: "weight", aliases: ["strength", "value", "count", "amount"], required: false),
        Column(name: "type", aliases: ["interaction_type", "kind", "channel", "relation", "mode"], required: false),
        Column(name: "directed", aliases: ["is_directed", "direction"], required: false),
    ])

    static let attendance = ColumnSchema(kind: .attendance, columns: [
        Column(name: "member", aliases: ["member_id", "attendee", "participant", "person", "id", "source"], required: true),
        Column(name: "event", aliases: ["event_id", "session", "activity", "meeting", "target"], required: true),
        Column(name: "date", aliases: ["event_date", "timestamp", "start", "start_date", "datetime"], required: true),
        Column(name: "role", aliases: ["participation_role", "attendance_role"], required: false),
        Column(name: "topic", aliases: ["theme", "subject", "track"], required: false),
        Column(name: "event_type", aliases: ["type", "format", "kind", "modality"], required: false),
    ])

    static let survey = ColumnSchema(kind: .survey, columns: [
        Column(name: "respondent", aliases: ["ego", "respondent_id", "rater", "source", "from"], required: true),
        Column(name: "alter", aliases: ["nominee", "named", "alter_id", "target", "to"], required: true),
        Column(name: "relation", aliases: ["question", "type", "network", "layer"], required: true),
        Column(name: "value", aliases: ["weight", "strength", "score"], required: false),
        Column(name: "wave", aliases: ["survey_wave", "round", "period"], required: false),
    ])

    static let respondents = ColumnSchema(kind: .respondents, columns: [
        Column(name: "respondent", aliases: ["member", "member_id", "id", "ego"], required: true),
        Column(name: "wave", aliases: ["survey_wave", "round", "period"], required: false),
        Column(name: "wave_date", aliases: ["opened", "wave_opened", "survey_date"], required: false),
    ])
}

import Foundation
