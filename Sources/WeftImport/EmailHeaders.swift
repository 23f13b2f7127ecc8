import Foundation
import WeftGraph

/// The few things of an email's headers that `weft import email` reads: addresses with their
/// display names (RFC 5322 §3.4), the Date (RFC 5322 §3.3), MIME encoded words in names
/// (RFC 2047), and the addresses that are not people (mailing lists, no-reply senders).
enum EmailHeaders {
    /// One address of a From, To or Cc header.
    struct Address: Equatable {
        var name: String
        /// Lower-cased; empty when the header named a person but no address (Outlook's Exchange entries).
        var email: String
    }

    /// The addresses of a header value: `Name <a@b>`, `"Last, First" <a@b>`, `a@b (Name)`, `a@b`,
    /// separated by commas (or semicolons, as Outlook writes them) outside quotes and angle
    /// brackets; groups (`team: a@b, c@d;`) are read for their members, `undisclosed-recipients:;`
    /// gives none.
    static func addresses(_ value: String) -> [Address] {
        var parts: [String] = [], current = "", quoted = false, angle = 0, comment = 0
        for ch in value {
            switch ch {
            case "\"" where comment == 0: quoted.toggle(); current.append(ch)
            case "<" where !quoted: angle += 1; current.append(ch)
            case ">" where !quoted: angle = max(0, angle - 1); current.append(ch)
            case "(" where !quoted: comment += 1; current.append(ch)
            case ")" where !quoted: comment = max(0, comment - 1); current.append(ch)
            case ",", ";", ":":
                if quoted || angle > 0 || comment > 0 { current.append(ch) }
                else if ch == ":" { current = "" }   // a group's display name
                else { parts.append(current); current = "" }
            default: current.append(ch)
            }
        }
        parts.append(current)
        return parts.compactMap(address)
    }

    private static func address(_ raw: String) -> Address? {
        let text = raw.trimmedSpace
        guard !text.isEmpty else { return nil }
        if let open = text.lastIndex(of: "<"), let close = text[open...].firstIndex(of: ">") {
            let email = text[text.index(after: open)..<close].trimmedSpace
            return Address(name: displayName(String(text[..<open])), email: email.contains("@") ? email.lowercased() : "")
        }
        if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
            let email = text[..<open].trimmedSpace
            return Address(name: displayName(String(text[text.index(after: open)..<close])), email: email.contains("@") ? email.lowercased() : "")
        }
        return text.contains("@") && !text.contains(" ") ? Address(name: "", email: text.lowercased()) : Address(name: displayName(text), email: "")
    }

    /// A display name unquoted, its encoded words decoded and its spaces collapsed.
    static func displayName(_ text: String) -> String {
        var t = decodeWords(text).trimmedSpace
        if t.count >= 2, t.hasPrefix("\""), t.hasSuffix("\"") { t = String(t.dropFirst().dropLast()) }
        if t.count >= 2, t.hasPrefix("'"), t.hasSuffix("'") { t = String(t.dropFirst().dropLast()) }
        if t.contains("\\") { t = t.replacingOccurrences(of: "\\\"", with: "\"") }
        return t.split(separator: " ").joined(separator: " ")
    }

    /// Decodes RFC 2047 encoded words (`=?UTF-8?Q?Jos=C3=A9?=`, `=?utf-8?B?Sm9zw6k=?=`) in UTF-8,
    /// ISO-8859-1 or Windows-1252; a word in another charset, or malformed, is left as written.
    static func decodeWords(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "=")), text.contains("=?") else { return text }
        var out = "", rest = Substring(text), lastWasWord = false
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            let body = rest[start.upperBound...]
            let fields = body.split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count == 4, fields[3].hasPrefix("="), let decoded = decodeWord(charset: fields[0], encoding: fields[1], text: fields[2]) else {
                out += before + "=?"
                rest = body
                lastWasWord = false
                continue
            }
            if !(lastWasWord && before.allSatisfy(\.isWhitespace)) { out += before }   // spaces between encoded words vanish
            out += decoded
            lastWasWord = true
            rest = fields[3].dropFirst()
        }
        return out + rest
    }

    private static func decodeWord(charset: Substring, encoding: Substring, text: Substring) -> String? {
        let bytes: [UInt8]
        switch encoding.lowercased() {
        case "q":
            var b: [UInt8] = [], u = Array(text.utf8), i = 0
            while i < u.count {
                if u[i] == UInt8(ascii: "_") { b.append(0x20); i += 1 }
                else if u[i] == UInt8(ascii: "="), i + 2 < u.count, let v = UInt8(String(decoding: u[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) { b.append(v); i += 3 }
                else { b.append(u[i]); i += 1 }
            }
            bytes = b
        case "b":
            guard let d = Data(base64Encoded: String(text)) else { return nil }
            bytes = [UInt8](d)
        default: return nil
        }
        switch charset.lowercased().split(separator: "*").first ?? "" {
        case "utf-8", "utf8", "us-ascii": return String(decoding: bytes, as: UTF8.self)
        case "iso-8859-1", "latin1", "windows-1252", "cp1252": return String(bytes.map { Character(UnicodeScalar($0)) })
        default: return nil
        }
    }

    /// The instant of an RFC 5322 date (`Thu, 14 Mar 2024 09:15:02 +0100`, the weekday and seconds
    /// optional, obsolete zones `GMT`, `UT`, `EST`… read, a trailing `(CET)` comment ignored) as
    /// seconds since 1970 in UTC; nil when it is not one.
    static func date(_ value: String) -> Int64? {
        var t = value
        if let paren = t.firstIndex(of: "(") { t = String(t[..<paren]) }
        var words = t.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        if let first = words.first, first.first?.isLetter == true { words.removeFirst() }   // the weekday
        guard words.count >= 4, let day = Int(words[0]), let month = months[words[1].lowercased().prefix(3).description],
              var year = Int(words[2]) else { return nil }
        if year < 50 { year += 2000 } else if year < 1000 { year += 1900 }
        let clock = words[3].split(separator: ":").map { Int($0) }
        guard (2...3).contains(clock.count), clock.allSatisfy({ $0 != nil }) else { return nil }
        let (h, m, s) = (clock[0]!, clock[1]!, clock.count == 3 ? clock[2]! : 0)
        guard (1...12).contains(month), (1...Timestamp.daysInMonth(year: year, month: month)).contains(day),
              (0...23).contains(h), (0...59).contains(m), (0...60).contains(s) else { return nil }
        var offset = 0
        if words.count > 4 {
            let z = words[4]
            if let sign = z.first, sign == "+" || sign == "-", z.count == 5, let v = Int(z.dropFirst()), v % 100 < 60, v / 100 < 24 {
                offset = (v / 100 * 3600 + v % 100 * 60) * (sign == "-" ? -1 : 1)
            } else if let hours = zones[z.uppercased()] {
                offset = hours * 3600
            } else {
                return nil
            }
        }
        return Timestamp.seconds(year: year, month: month, day: day, hour: h, minute: m, second: min(s, 59)) - Int64(offset)
    }

    private static let months = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]
    private static let zones = ["GMT": 0, "UT": 0, "UTC": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7]

    /// Why `email` is not a person's address, or nil: a no-reply sender (`noreply`, `no-reply`,
    /// `donotreply`, `mailer-daemon`, `postmaster`, `bounce…`, `notification(s)`), or a mailing
    /// list (`…-list`, `…-l`, `…-announce`, `…-request`, `list…`, `lists.` or `googlegroups.com`
    /// domains, or the message's own `List-Post`/`List-Id` address).
    static func notAPerson(_ email: String, listAddress: String? = nil) -> String? {
        guard let at = email.lastIndex(of: "@") else { return nil }
        let local = email[..<at].lowercased(), domain = email[email.index(after: at)...].lowercased()
        let compact = String(local.filter { $0 != "-" && $0 != "_" && $0 != "." })
        if ["noreply", "donotreply", "mailerdaemon", "postmaster"].contains(where: compact.hasPrefix) || compact.hasPrefix("bounce")
            || ["notification", "notifications"].contains(compact) || compact.hasSuffix("noreply") {
            return "no-reply address"
        }
        if email == listAddress || local.hasSuffix("-list") || local.hasSuffix("-l") || local.hasSuffix("-announce") || local.hasSuffix("-request")
            || local.hasPrefix("list") || domain.hasPrefix("lists.") || domain == "googlegroups.com" {
            return "mailing-list address"
        }
        return nil
    }

    /// The records of one message: sender → each distinct recipient other than the sender, weight
    /// 1 / recipients (split, counting every recipient named, those dropped too) or 1 (full);
    /// recipients that are not people are counted in `dropped`, not written.
    static func contacts(from: Address, recipients: [Address], time: Int64, weight: EmailWeight, listAddress: String?,
                         firstSeen: String, into x: inout InteractionExtraction) {
        var seen: Set<String> = [], distinct: [Address] = []
        let fromKey = from.email.isEmpty ? "name:" + from.name.lowercased() : from.email
        for r in recipients {
            let key = r.email.isEmpty ? "name:" + r.name.lowercased() : r.email
            guard key != "name:", key != fromKey, seen.insert(key).inserted else { continue }
            distinct.append(r)
        }
        guard !distinct.isEmpty else { x.dropped["message with no recipient but the sender", default: 0] += 1; return }
        let w = weight == .split ? 1 / Double(distinct.count) : 1
        let source = Participant(name: from.name, email: from.email)
        for r in distinct {
            if let reason = notAPerson(r.email, listAddress: listAddress) { x.dropped["recipient: " + reason, default: 0] += 1; continue }
            x.add(Contact(source: source, target: Participant(name: r.name, email: r.email), time: time, utc: true, type: "email",
                                      weight: w, rule: "recipient", firstSeen: firstSeen))
        }
    }
}
