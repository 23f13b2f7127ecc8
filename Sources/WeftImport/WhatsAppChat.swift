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
///
/// Cost: two passes over the file (`LineStream`, one block and one line in memory), O(bytes).
/// Lines are read on their UTF-8 bytes — the head, the `: ` after the sender, and, when the
/// text is ASCII, the system phrases and mentions — and a String is made only of a sender, a
/// time stamp, or a text that is not ASCII (read then by Characters, as Swift compares them), so
/// that a line gives the same result as when it was parsed as a String; each distinct sender is
/// made a participant once.
public enum WhatsAppChat {
    /// The opening of a message line, read on its UTF-8 bytes: its date and time (normalised to
    /// `DATE, TIME[ AM]`), and where the text after it (`Name: text` or a system line) starts.
    struct Head {
        var stamp: String
        var restStart: Int
        var iOS: Bool
    }

    /// Reads the head of a line's bytes, or nil when the line does not open a message. Leading
    /// direction marks and a byte-order mark are skipped; the date is a run of digits and `/.-`
    /// (at least 6, from a digit), then an optional comma, spaces, and a time of digits and `:`;
    /// then an optional AM/PM mark after spaces (ordinary, narrow or no-break), then `] ` (iOS)
    /// or ` - ` (Android). A delimiter followed by a combining mark is not one (the mark belongs to
    /// it, as in a Character), so the line reads as it did when this was parsed on Strings.
    static func head(_ line: UnsafeBufferPointer<UInt8>) -> Head? {
        let n = line.count
        var i = 0
        func isByte(_ b: UInt8, at k: Int) -> Bool { k < n && line[k] == b }
        while let next = line.matched("\u{200E}", at: i) ?? line.matched("\u{200F}", at: i) ?? line.matched("\u{FEFF}", at: i) { i = next }
        let iOS = isByte(0x5B, at: i)   // [
        if iOS { i += 1 }
        let dateStart = i
        while i < n, isDigit(line[i]) || line[i] == 0x2F || line[i] == 0x2E || line[i] == 0x2D { i += 1 }
        guard i - dateStart >= 6, isDigit(line[dateStart]), !extendsCharacter(line, at: i) else { return nil }
        var day = dateStart..<i
        while !day.isEmpty && line[day.lowerBound] == 0x2E { day = (day.lowerBound + 1)..<day.upperBound }
        while !day.isEmpty && line[day.upperBound - 1] == 0x2E { day = day.lowerBound..<(day.upperBound - 1) }
        if isByte(0x2C, at: i) { i += 1 }
        let spacesStart = i
        while isByte(0x20, at: i) { i += 1 }
        guard i > spacesStart, !extendsCharacter(line, at: i) else { return nil }
        let timeStart = i
        while i < n, isDigit(line[i]) || line[i] == 0x3A { i += 1 }
        let time = timeStart..<i
        guard line[time].contains(0x3A), isDigit(line[timeStart]), !extendsCharacter(line, at: i) else { return nil }
        var stamp = line.text(day) + ", " + line.text(time)
        var gapEnd = i
        while let next = line.matched(" ", at: gapEnd) ?? line.matched("\u{202F}", at: gapEnd) ?? line.matched("\u{00A0}", at: gapEnd) {
            gapEnd = next
        }
        for (mark, morning) in meridiemMarks {
            if let end = line.matched(mark, at: gapEnd), !extendsCharacter(line, at: end) {
                stamp += morning ? " AM" : " PM"
                i = end
                break
            }
        }
        guard let restStart = line.matched(iOS ? "] " : " - ", at: i), !extendsCharacter(line, at: restStart) else { return nil }
        return Head(stamp: stamp, restStart: restStart, iOS: iOS)
    }

    /// The head of a line given as text (for recognising a file's format, and tests).
    static func head(_ line: String) -> (stamp: String, rest: String, iOS: Bool)? {
        var line = line
        return line.withUTF8 { bytes in
            head(bytes).map { ($0.stamp, bytes.text($0.restStart..<bytes.count), $0.iOS) }
        }
    }

    /// The AM/PM marks after a time, and whether each is the morning's.
    private static let meridiemMarks: [(StaticString, Bool)] = [("AM", true), ("PM", false), ("am", true), ("pm", false),
                                                                ("a.m.", true), ("p.m.", false), ("a. m.", true), ("p. m.", false)]

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Whether the scalar at byte `i` joins the Character before it (a combining mark, a
    /// joiner or a spacing mark), so that a delimiter just before it is not the delimiter alone.
    static func extendsCharacter(_ line: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard i < line.count, line[i] >= 0x80 else { return false }
        var bytes = line[i...].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let s) = decoder.decode(&bytes) else { return false }
        return s.properties.isGraphemeExtend || s.value == 0x200D || s.properties.generalCategory == .spacingMark
    }

    /// A message's sender and where its text starts (after the first `: `), or nil for a
    /// system line. An ASCII sender is trimmed on its bytes; any other goes through `cleanSender`.
    static func message(_ line: UnsafeBufferPointer<UInt8>, _ head: Head) -> (sender: String, textStart: Int)? {
        var i = head.restStart
        while true {
            guard let colon = line[i...].firstIndex(of: 0x3A) else { return nil }
            if colon + 1 < line.count, line[colon + 1] == 0x20, !extendsCharacter(line, at: colon + 2) {
                let name = head.restStart..<colon
                let sender = line.isASCII(name) ? line.text(line.trimmedRange(name)) : cleanSender(line.text(name))
                return sender.isEmpty ? nil : (sender, colon + 2)
            }
            i = colon + 1
        }
    }

    /// Why a message is not read as one (media, a deleted message, an iOS system message), or nil.
    /// An ASCII text is looked at on its bytes, any other as a String (where Unicode case and
    /// white space apply).
    static func systemReason(_ line: UnsafeBufferPointer<UInt8>, textStart: Int, iOS: Bool) -> String? {
        let range = textStart..<line.count
        guard line.isASCII(range) else { return systemReason(Substring(line.text(range)), iOS: iOS) }
        // An ASCII text cannot start with U+200E, so only the phrases that need no mark apply.
        let t = UnsafeBufferPointer(rebasing: line[line.trimmedRange(range)])
        if t.equalsIgnoringASCIICase("<media omitted>") { return "media omitted" }
        if t.equalsIgnoringASCIICase("this message was deleted") || t.equalsIgnoringASCIICase("you deleted this message") { return "deleted message" }
        if t.containsIgnoringASCIICase("missed voice call") || t.containsIgnoringASCIICase("missed video call") { return "missed call" }
        return nil
    }

    /// `systemReason` of a text as a String.
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
            guard let h = head(bytes) else { return true }
            layouts.insert(h.iOS ? "iOS" : "Android")
            let date = h.stamp.prefix { $0 != "," }
            if firstOfDate[date] == nil { firstOfDate[date] = DateDetection.Sample(text: h.stamp, line: line) }
            if let m = message(bytes, h) { senders.insert(m.sender) }
            return true
        }
        guard !layouts.isEmpty else {
            throw ImportError("\(path): not \(ImportFormat.whatsapp.exportName): no line opens with a date and time (14/03/2024, 09:15 - Name: … or [14/03/2024, 09:15:02] Name: …)")
        }
        let samples = firstOfDate.values.sorted { $0.line < $1.line }
        let dates = try ExportDates(samples: samples, field: "message date", path: path, given: dateFormat)
        x.account.layout.append(layouts.sorted().joined(separator: " and ") + " layout, dates read as \(dates.format)")
        let mentions = MentionIndex(senders)

        var people = Speakers()
        var previous: (sender: Speakers.Speaker, time: Int64)?
        var lastStamp: (text: String, seconds: Int64)?
        var continuations = 0
        try open().forEachLine { bytes, line, truncated in
            guard let h = head(bytes) else {
                if x.account.rowsRead == 0 {
                    if !bytes.trimmedRange(0..<bytes.count).isEmpty {
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
            let time: Int64
            if let last = lastStamp, last.text == h.stamp {
                time = last.seconds
            } else {
                guard let seconds = dates.seconds(h.stamp) else {
                    x.reject(line: line, field: "date", value: h.stamp, "not a date-time in the layout \(dates.format)")
                    return true
                }
                time = seconds
                lastStamp = (h.stamp, seconds)
            }
            guard let m = message(bytes, h) else { x.skip(systemKind(Substring(bytes.text(h.restStart..<bytes.count)))); return true }
            if let reason = systemReason(bytes, textStart: m.textStart, iOS: h.iOS) { x.skip(reason); return true }
            x.accept()
            let sender = people.speaker(m.sender)
            let seen = "\(path):\(line)"
            let mentioned = mentions.mentioned(in: bytes, from: m.textStart, people: &people).filter { $0.key != sender.key }
            if !mentioned.isEmpty {
                for target in mentioned {
                    x.add(Contact(source: sender.participant, target: target.participant, time: time, utc: false, type: "chat", weight: 1, rule: "mention", firstSeen: seen))
                }
            } else if let p = previous, p.sender.key != sender.key, time >= p.time, time - p.time <= replyWindowSeconds {
                x.add(Contact(source: sender.participant, target: p.sender.participant, time: time, utc: false, type: "chat", weight: 1, rule: "reply-window", firstSeen: seen))
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

/// The people of a chat by the text that names them (a sender, or a mentioned number), each made
/// into a `Participant` with its key once: a chat of a million lines has a few hundred people.
struct Speakers {
    struct Speaker {
        let participant: Participant
        let key: String
    }

    private var known: [String: Speaker] = [:]

    /// The person a sender's name or number names.
    mutating func speaker(_ sender: String) -> Speaker {
        if let s = known[sender] { return s }
        let p = WhatsAppChat.participant(sender)
        let s = Speaker(participant: p, key: p.key)
        known[sender] = s
        return s
    }

    /// The person of a mentioned number (`+` and its digits).
    mutating func number(_ digits: String) -> Speaker {
        let text = "+" + digits
        if let s = known["\u{0}" + text] { return s }
        let p = Participant(name: "", email: "", phone: text)
        let s = Speaker(participant: p, key: p.key)
        known["\u{0}" + text] = s
        return s
    }
}

/// The senders of a chat, as an @-mention can name them: by name (case-insensitive, the longest
/// name the text after `@` starts with) or by the digits of a number (seven or more).
struct MentionIndex {
    private let names: [(lower: String, lowerBytes: [UInt8], sender: String)]

    init(_ senders: Set<String>) {
        names = senders.filter { !PhoneNumber.looksLikePhone($0) }
            .map { ($0.lowercased(), Array($0.lowercased().utf8), $0) }
            .sorted { $0.lower.count != $1.lower.count ? $0.lower.count > $1.lower.count : $0.lower < $1.lower }
    }

    /// The people the message text from byte `start` of `line` mentions, each once, in order. A
    /// text with no `@` byte mentions no one; an ASCII text is read on its bytes, any other as a
    /// String (where a Character, not a byte, is an `@`, and Unicode case applies).
    func mentioned(in line: UnsafeBufferPointer<UInt8>, from start: Int, people: inout Speakers) -> [Speakers.Speaker] {
        let range = start..<line.count
        guard line[range].contains(0x40) else { return [] }
        guard line.isASCII(range) else { return mentioned(in: Substring(line.text(range)), people: &people) }
        var found: [Speakers.Speaker] = []
        var at = start
        while let sign = line[at...].firstIndex(of: 0x40) {
            at = sign + 1
            // The 64 characters after `@` (bytes, in ASCII), trimmed as a sender is.
            let window = UnsafeBufferPointer(rebasing: line[line.trimmedRange(at..<min(line.count, at + 64))])
            let digits = window.prefix { $0 >= 0x30 && $0 <= 0x39 }
            var person: Speakers.Speaker?
            if digits.count >= 7 {
                person = people.number(String(decoding: digits, as: UTF8.self))
            } else if let name = names.first(where: { window.startsIgnoringASCIICase(with: $0.lowerBytes) }) {
                person = people.speaker(name.sender)
            }
            if let person, !found.contains(where: { $0.key == person.key }) { found.append(person) }
        }
        return found
    }

    /// `mentioned` of a text as a String.
    func mentioned(in text: Substring, people: inout Speakers) -> [Speakers.Speaker] {
        var found: [Speakers.Speaker] = []
        var rest = text[...]
        while let at = rest.firstIndex(of: "@") {
            rest = rest[rest.index(after: at)...]
            let cleaned = WhatsAppChat.cleanSender(rest.prefix(64))
            let digits = cleaned.prefix { $0.isASCII && $0.isNumber }
            var person: Speakers.Speaker?
            if digits.count >= 7 {
                person = people.number(String(digits))
            } else {
                let lower = cleaned.lowercased()
                person = names.first { lower.hasPrefix($0.lower) }.map { people.speaker($0.sender) }
            }
            if let person, !found.contains(where: { $0.key == person.key }) { found.append(person) }
        }
        return found
    }
}
