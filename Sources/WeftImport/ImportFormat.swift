/// The platform exports `weft import` reads.
public enum ImportFormat: String, CaseIterable, Sendable {
    /// Zoom's Participants report (CSV), with or without the meeting-data block.
    case zoom
    /// Microsoft Teams' attendance report (UTF-16 tab-separated; sectioned or the older single table).
    case teams

    /// How messages name the export.
    public var exportName: String {
        switch self {
        case .zoom: return "a Zoom participants report"
        case .teams: return "a Microsoft Teams attendance report"
        }
    }
}

/// Recognises what kind of file an input is from its first lines, so that a file given to the
/// wrong importer gets an error naming the format it looks like instead of a pile of rejects.
public enum ExportSniffer {
    /// What the first lines (decoded) of a file look like, or a description of a non-importable
    /// format Weft knows, or nil when nothing is recognised.
    public static func looksLike(_ lines: [String]) -> String? {
        let text = lines.joined(separator: "\n").lowercased()
        if text.contains("join time") && text.contains("leave time") && (text.contains("duration (minutes)") || text.contains("name (original name)")) {
            return ImportFormat.zoom.exportName
        }
        if text.hasPrefix("meeting id,topic") { return ImportFormat.zoom.exportName }
        if text.contains("1. summary") || text.contains("in-meeting duration")
            || (text.contains("full name\tuser action\ttimestamp")) {
            return ImportFormat.teams.exportName
        }
        if text.contains("time joined") && text.contains("time exited") { return "a Google Meet attendance report" }
        if text.hasPrefix("begin:vcalendar") { return "an iCalendar file" }
        if text.hasPrefix("from ") && text.contains("\nfrom:") || text.hasPrefix("from ") && text.contains("\ndate:") {
            return "an mbox mailbox"
        }
        if lines.first.map(looksLikeWhatsApp) == true { return "a WhatsApp chat export" }
        if text.hasPrefix("member,event,date") || text.hasPrefix("source,target,timestamp") { return "a Weft canonical CSV (analyse it directly)" }
        return nil
    }

    private static func looksLikeWhatsApp(_ line: String) -> Bool {
        let body = line.hasPrefix("[") ? line.dropFirst() : Substring(line)
        guard let comma = body.firstIndex(of: ",") else { return false }
        let date = body[..<comma]
        return date.split(separator: "/").count == 3 && date.allSatisfy { $0.isNumber || $0 == "/" }
    }
}
