import Foundation
import WeftIO

/// A WhatsApp group chat export (Chat → More → Export chat, "Without media"): the .txt, or the
/// .zip that holds it (`_chat.txt` from iOS, `WhatsApp Chat with <group>.txt` from Android).
///
/// Layouts: Android `14/03/2024, 09:15 - Name: text`; iOS `[14/03/2024, 09:15:02] Name: text`;
/// either with a 12-hour clock (`3/14/24, 9:15 PM`, often with a narrow no-break space before
/// PM), dots or hyphens in the date, a two- or four-digit year. Whether the day or the month
/// comes first is read from the file's dates as every Weft date is (`DateDetection`), or named
/// with `--date-format` (e.g. `DD/MM/YYYY, HH:mm`). A line that does not open with a date is the
/// next line of the message before it. A message's sender is the contact's name, or the phone
/// number when the exporter had not saved it (`+44 7700 900123`, wrapped in Unicode direction
/// marks on iOS): numbers resolve through a `phone` column of the roster.
///
/// System lines are skipped and counted: Android's lines without a sender (joined, left, added,
/// removed, changed the subject or icon, created the group, the encryption notice), iOS's lines
/// that begin with a left-to-right mark (its system messages and `image omitted`), `<Media
/// omitted>`, deleted messages, and missed calls.
///
/// The rule (type `chat`, weight 1, at the message's clock time): a message is directed to each
/// member it @-mentions (`@Name` for a saved contact — the longest sender name the text after
/// `@` starts with — or `@447700900123`); a message without mentions answers the previous
/// message when that came within the reply window from someone else, and is directed to its
/// sender; otherwise it makes no record (counted). Limits: a chat interleaves threads, so the
/// previous sender is a guess that is right in a quiet group and noisy in a busy one; a quoted
/// reply is not marked in the export and is read like any message; a mention of someone who
/// never wrote is read only when it is a number.
///
/// Privacy: only the sender, the mentions and the time of each message are used; no message text
/// is kept beyond the parse of its line.
public enum WhatsAppChat {
    /// The opening of a message line: its date and time (normalised to `DATE, TIME[ AM]`), and
    /// the text after it (`Name: text` or a system line).
    struct Head {
        var stamp: String
        var rest: Substring
        var iOS: Bool
    }

    /// Reads the head of `line`, or nil when the line does not open a message.
    static func head(_ line: String) -> Head? {
        var s = Substring(line)
        while let f = s.unicodeScalars.first, f == "\u{200E}" || f == "\u{200F}" || f == "\u{FEFF}" { s = s.dropFirst() }
        let iOS = s.first == "["
        if iOS { s = s.dropFirst() }
        let date = s.prefix { $0.isASCII && ($0.isNumber || "/.-".contains($0)) }
        guard date.count >= 6, date.first!.isNumber else { return nil }
        s = s.dropFirst(date.count)
        if s.first == "," { s = s.dropFirst() }
        let spaces = s.prefix { $0 == " " }
        guard !spaces.isEmpty else { return nil }
        s = s.dropFirst(spaces.count)
        let time = s.prefix { $0.isASCII && ($0.isNumber || $0 == ":") }
        guard time.contains(":"), time.first!.isNumber else { return nil }
        s = s.dropFirst(time.count)
        var day = date[...]
        while day.first == "." { day = day.dropFirst() }
        while day.last == "." { day = day.dropLast() }
        var stamp = String(day) + ", " + time
        let gap = s.prefix { $0 == " " || $0 == "\u{202F}" || $0 == "\u{00A0}" }
        let afterGap = s.dropFirst(gap.count)
        for mark in ["AM", "PM", "am", "pm", "a.m.", "p.m.", "a. m.", "p. m."] where afterGap.hasPrefix(mark) {
            stamp += " " + (mark.lowercased().hasPrefix("a") ? "AM" : "PM")
            s = afterGap.dropFirst(mark.count)
            break
        }
        if iOS {
            guard s.hasPrefix("] ") else { return nil }
            s = s.dropFirst(2)
        } else {
            guard s.hasPrefix(" - ") else { return nil }
            s = s.dropFirst(3)
        }
        return Head(stamp: stamp, rest: s, iOS: iOS)
    }

    /// A message line's sender and text, or nil for a system line.
    static func message(_ head: Head) -> (sender: String, text: Substring)? {
        guard let colon = head.rest.range(of: ": ") else { return nil }
        let sender = cleanSender(head.rest[..<colon.lowerBound])
        guard !sender.isEmpty else { return nil }
        return (sender, head.rest[colon.upperBound...])
    }

    /// Why a message is not read as one (media, a deleted message, an iOS system message), or nil.
    static func systemReason(_ text: Substring, iOS: Bool) -> String? {
        let t = text.trimmedSpace
        let lower = t.lowercased()
        if lower == "<media omitted>" || t.hasPrefix("\u{200E}") && (lower.hasSuffix(" omitted") || lower.contains("<attached:")) { return "media omitted" }
        if ["this message was deleted", "you deleted this message"].contains(String(String.UnicodeScalarView(lower.unicodeScalars.filter { $0 != "\u{200E}" }))) { return "deleted message" }
        if lower.contains("missed voice call") || lower.contains("missed video call") { return "missed call" }
        if iOS && t.hasPrefix("\u{200E}") { return "system line" }
        return nil
    }

    /// The sender without the Unicode direction marks and embeddings WhatsApp wraps numbers in.
    static func cleanSender<S: StringProtocol>(_ text: S) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter {
            !(0x200E...0x200F).contains($0.value) && !(0x202A...0x202E).contains($0.value) && !(0x2066...0x2069).contains($0.value)
        })).trimmedSpace
    }

    static func participant(_ sender: String) -> Participant {
        PhoneNumber.looksLikePhone(sender) ? Participant(name: "", email: "", phone: sender) : Participant(name: sender, email: "")
    }

    /// Reads the chat at `path` (.txt, or a .zip holding it).
    public static func read(path: String, dateFormat: DateFormat? = nil, replyWindowSeconds: Int64 = 1800,
                            sink: ((Contact) -> Void)? = nil) throws -> InteractionExtraction {
        let open = try opener(path)
        var x = InteractionExtraction(path: path, sink: sink)
        // First pass: one sample date-time per distinct date (their layout) and the senders (for mentions).
        var firstOfDate: [Substring: DateDetection.Sample] = [:]
        var senders: Set<String> = []
        var layouts: Set<String> = []
        try open().forEachLine { bytes, line, _ in
            guard let h = head(bytes.text) else { return true }
            layouts.insert(h.iOS ? "iOS" : "Android")
            let date = h.stamp.prefix { $0 != "," }
            if firstOfDate[date] == nil { firstOfDate[date] = DateDetection.Sample(text: h.stamp, line: line) }
            if let m = message(h) { senders.insert(m.sender) }
            return true
        }
        guard !layouts.isEmpty else {
            throw ImportError("\(path): not \(ImportFormat.whatsapp.exportName): no line opens with a date and time (14/03/2024, 09:15 - Name: … or [14/03/2024, 09:15:02] Name: …)")
        }
        let samples = firstOfDate.values.sorted { $0.line < $1.line }
        let dates = try ExportDates(samples: samples, field: "message date", path: path, given: dateFormat)
        x.account.layout.append(layouts.sorted().joined(separator: " and ") + " layout, dates read as \(dates.format)")
        let mentions = MentionIndex(senders)

        var previous: (sender: Participant, time: Int64)?
        var continuations = 0
        try open().forEachLine { bytes, line, truncated in
            let text = bytes.text
            guard let h = head(text) else {
                if x.account.rowsRead == 0 {
                    if !text.trimmedSpace.isEmpty {
                        x.account.rowsRead += 1
                        x.reject(line: line, "not a message: the line does not open with a date and time, and no message comes before it")
                    }
                } else {
                    continuations += 1
                }
                return true
            }
            x.account.rowsRead += 1
            if truncated { x.reject(line: line, "a line longer than \(LineStream.maximumLine) bytes"); return true }
            guard let time = dates.seconds(h.stamp) else {
                x.reject(line: line, field: "date", value: h.stamp, "not a date-time in the layout \(dates.format)")
                return true
            }
            guard let m = message(h) else { x.skip(systemKind(h.rest)); return true }
            if let reason = systemReason(m.text, iOS: h.iOS) { x.skip(reason); return true }
            x.accept()
            let sender = participant(m.sender)
            let seen = "\(path):\(line)"
            let mentioned = mentions.mentioned(in: m.text).filter { $0.key != sender.key }
            if !mentioned.isEmpty {
                for target in mentioned {
                    x.add(Contact(source: sender, target: target, time: time, utc: false, type: "chat", weight: 1, rule: "mention", firstSeen: seen))
                }
            } else if let p = previous, p.sender.key != sender.key, time >= p.time, time - p.time <= replyWindowSeconds {
                x.add(Contact(source: sender, target: p.sender, time: time, utc: false, type: "chat", weight: 1, rule: "reply-window", firstSeen: seen))
            } else {
                x.dropped["message answering no one (first, same sender, or outside the reply window)", default: 0] += 1
            }
            previous = (sender, time)
            return true
        }
        if continuations > 0 { x.account.layout.append("\(continuations) continuation line(s) of multi-line messages") }
        return x
    }

    /// The kind of an Android system line, for the count.
    static func systemKind(_ rest: Substring) -> String {
        let lower = rest.lowercased()
        for (phrase, kind) in [(" joined", "joined"), (" left", "left"), (" added ", "added"), (" removed ", "removed"),
                               ("changed the subject", "changed the subject"), ("changed this group", "changed the group"),
                               ("created group", "created the group"), ("end-to-end encrypted", "encryption notice"),
                               ("changed the group", "changed the group"), ("changed their phone number", "changed number")]
        where lower.contains(phrase) {
            return "system line: " + kind
        }
        return "system line: other"
    }

    /// Opens the chat's text: the file itself, or the .txt entry of a .zip.
    static func opener(_ path: String) throws -> () throws -> LineStream {
        guard ExportText.isZip(path) else { return { try LineStream(path: path) } }
        let texts = try ZipEntryStream.entryNames(path: path).filter { $0.lowercased().hasSuffix(".txt") && !$0.hasPrefix("__MACOSX") }
        guard let entry = texts.first(where: { $0.hasSuffix("_chat.txt") }) ?? (texts.count == 1 ? texts.first : nil) else {
            throw ImportError(texts.isEmpty ? "\(path): a ZIP archive with no chat .txt in it"
                              : "\(path): a ZIP archive with several .txt files (\(texts.sorted().joined(separator: ", "))); unzip it and give the chat's .txt")
        }
        return { LineStream(zipEntry: try ZipEntryStream(path: path, entry: entry)) }
    }
}

/// The senders of a chat, as an @-mention can name them: by name (case-insensitive, the longest
/// name the text after `@` starts with) or by the digits of a number.
struct MentionIndex {
    private let names: [(lower: String, participant: Participant)]

    init(_ senders: Set<String>) {
        names = senders.filter { !PhoneNumber.looksLikePhone($0) }
            .map { ($0.lowercased(), WhatsAppChat.participant($0)) }
            .sorted { $0.lower.count != $1.lower.count ? $0.lower.count > $1.lower.count : $0.lower < $1.lower }
    }

    /// The people `text` mentions, each once, in order.
    func mentioned(in text: Substring) -> [Participant] {
        var found: [Participant] = []
        var rest = text[...]
        while let at = rest.firstIndex(of: "@") {
            rest = rest[rest.index(after: at)...]
            let cleaned = WhatsAppChat.cleanSender(rest.prefix(64))
            let digits = cleaned.prefix { $0.isASCII && $0.isNumber }
            var p: Participant?
            if digits.count >= 7 {
                p = Participant(name: "", email: "", phone: "+" + digits)
            } else {
                let lower = cleaned.lowercased()
                p = names.first { lower.hasPrefix($0.lower) }?.participant
            }
            if let p, !found.contains(where: { $0.key == p.key }) { found.append(p) }
        }
        return found
    }
}
