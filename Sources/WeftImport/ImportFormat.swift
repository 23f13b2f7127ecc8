import Foundation

/// The platform exports `weft import` reads.
public enum ImportFormat: String, CaseIterable, Sendable {
    /// Zoom's Participants report (CSV), with or without the meeting-data block.
    case zoom
    /// Microsoft Teams' attendance report (UTF-16 tab-separated; sectioned or the older single table).
    case teams
    /// Google Meet's attendance report (CSV of the Google Sheet Meet sends the organiser).
    case meet
    /// A WhatsApp group chat export (.txt, or the .zip that holds it), Android or iOS layout.
    case whatsapp
    /// Mailboxes: mbox files (Gmail Takeout, Thunderbird) and Outlook's CSV export; headers only.
    case email
    /// A Slack workspace export (the .zip Slack hands out, or its folder).
    case slack
    /// iCalendar files (RFC 5545) as Outlook and Google Calendar export them.
    case ics

    /// What the format becomes: attendance.csv (meetings) or interactions.csv (conversations).
    public enum Output: Sendable { case attendance, interactions }

    public var output: Output {
        switch self {
        case .zoom, .teams, .meet, .ics: return .attendance
        case .whatsapp, .email, .slack: return .interactions
        }
    }

    /// How messages name the export.
    public var exportName: String {
        switch self {
        case .zoom: return "a Zoom participants report"
        case .teams: return "a Microsoft Teams attendance report"
        case .meet: return "a Google Meet attendance report"
        case .whatsapp: return "a WhatsApp chat export"
        case .email: return "a mailbox (mbox or Outlook CSV export)"
        case .slack: return "a Slack workspace export"
        case .ics: return "an iCalendar file"
        }
    }

    /// The descriptions `ExportSniffer.looksLike` gives files of this format.
    var recognisedAs: Set<String> {
        switch self {
        case .email: return [ExportSniffer.mbox, ExportSniffer.outlookCSV]
        default: return [exportName]
        }
    }
}

/// Recognises what kind of file an input is from its first lines, so that a file given to the
/// wrong importer gets an error naming the format it looks like instead of a pile of rejects.
public enum ExportSniffer {
    static let mbox = "an mbox mailbox"
    static let outlookCSV = "an Outlook CSV mail export"

    /// Throws when the file at `path` is recognised as something other than `format`: the error
    /// names what it looks like, so that another platform's export is named, not half-read.
    static func check(path: String, as format: ImportFormat) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { return }   // an export folder (slack): its reader checks it
        if let seen = looksLike(try ExportText.head(path: path)), !format.recognisedAs.contains(seen) {
            throw ImportError("\(path) looks like \(seen), not \(format.exportName): check the file, or the FORMAT given to weft import")
        }
    }

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
        if text.contains("time joined") && text.contains("time exited") { return ImportFormat.meet.exportName }
        if text.contains("from: (name)") || text.contains("from: (address)") { return outlookCSV }
        if text.hasPrefix("begin:vcalendar") { return ImportFormat.ics.exportName }
        if text.hasPrefix("[") && (text.contains("\"type\": \"message\"") || text.contains("\"client_msg_id\"")) {
            return "a Slack channel's day file (give slack the whole export: its folder or .zip)"
        }
        if text.hasPrefix("from ") && text.contains("\nfrom:") || text.hasPrefix("from ") && text.contains("\ndate:") {
            return mbox
        }
        if lines.first.map(looksLikeWhatsApp) == true { return ImportFormat.whatsapp.exportName }
        if text.hasPrefix("member,event,date") || text.hasPrefix("source,target,timestamp") { return "a Weft canonical CSV (analyse it directly)" }
        return nil
    }

    private static func looksLikeWhatsApp(_ line: String) -> Bool {
        WhatsAppChat.head(line) != nil
    }
}
