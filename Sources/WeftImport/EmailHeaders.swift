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
        var value = value
        return value.withUTF8 { addresses($0) }
    }

    /// `addresses` on the header's UTF-8 bytes, as a mailbox is read: the delimiters are ASCII, so
    /// the list is split byte by byte and only names and addresses are made into strings.
    static func addresses(_ b: UnsafeBufferPointer<UInt8>) -> [Address] {
        var out: [Address] = []
        var start = 0, quoted = false, angle = 0, comment = 0
        for i in 0..<b.count {
            switch b[i] {
            case UInt8(ascii: "\"") where comment == 0: quoted.toggle()
            case UInt8(ascii: "<") where !quoted: angle += 1
            case UInt8(ascii: ">") where !quoted: angle = max(0, angle - 1)
            case UInt8(ascii: "(") where !quoted: comment += 1
            case UInt8(ascii: ")") where !quoted: comment = max(0, comment - 1)
            case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"):
                guard !quoted && angle == 0 && comment == 0 else { break }
                if b[i] != UInt8(ascii: ":"), let a = address(b, start..<i) { out.append(a) }   // `:` ends a group's display name
                start = i + 1
            default: break
            }
        }
        if let a = address(b, start..<b.count) { out.append(a) }
        return out
    }

    private static func address(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Address? {
        let text = b.trimmedRange(range)
        guard !text.isEmpty else { return nil }
        if let open = text.last(where: { b[$0] == UInt8(ascii: "<") }), let close = (open..<text.upperBound).first(where: { b[$0] == UInt8(ascii: ">") }) {
            return Address(name: displayName(b, text.lowerBound..<open), email: email(b, open + 1..<close))
        }
        if let open = text.first(where: { b[$0] == UInt8(ascii: "(") }), let close = text.last(where: { b[$0] == UInt8(ascii: ")") }), open < close {
            return Address(name: displayName(b, open + 1..<close), email: email(b, text.lowerBound..<open))
        }
        let bare = text.contains { b[$0] == UInt8(ascii: "@") } && !text.contains { b[$0] == 0x20 }
        return bare ? Address(name: "", email: email(b, text)) : Address(name: displayName(b, text), email: "")
    }

    /// The address in `range`, trimmed and lower-cased; empty when it has no `@`.
    private static func email(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let r = b.trimmedRange(range)
        guard r.contains(where: { b[$0] == UInt8(ascii: "@") }) else { return "" }
        guard b.isASCII(r) else { return b.text(r).lowercased() }
        return String(unsafeUninitializedCapacity: r.count) { out in
            for (k, i) in r.enumerated() { out[k] = (0x41...0x5A).contains(b[i]) ? b[i] | 0x20 : b[i] }
            return r.count
        }
    }

    /// `displayName` of the bytes in `range`. A plain ASCII name (no quotes, backslashes or
    /// encoded words: nearly every name in a mailbox) has only its spaces collapsed, without the
    /// general path's intermediate strings.
    private static func displayName(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let plain = !range.contains { i in b[i] >= 0x80 || b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") || b[i] == UInt8(ascii: "\\") || b[i] == UInt8(ascii: "=") }
        guard plain else { return displayName(b.text(range)) }
        let r = b.trimmedRange(range)
        var out: [UInt8] = []
        out.reserveCapacity(r.count)
        for i in r where b[i] != 0x20 || (out.last != 0x20) { out.append(b[i]) }
        return String(decoding: out, as: UTF8.self)
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
        guard (1...9999).contains(year) else { return nil }   // a mangled year (17930123456…) is not a date, nor an overflow
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
    /// The patterns are compared on the address's bytes with ASCII letters folded to lower case
    /// (they are all ASCII), so that the test costs no string per recipient.
    static func notAPerson(_ email: String, listAddress: String? = nil) -> String? {
        var email = email
        let reason: String? = email.withUTF8 { b in
            guard let at = b.lastIndex(of: UInt8(ascii: "@")) else { return nil }
            let lower = { (c: UInt8) in (0x41...0x5A).contains(c) ? c | 0x20 : c }
            let local = b[..<at].map(lower), domain = b[(at + 1)...].map(lower)
            let compact = local.filter { $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: "_") && $0 != UInt8(ascii: ".") }
            func starts(_ a: [UInt8], _ p: StaticString) -> Bool { a.starts(with: UnsafeBufferPointer(start: p.utf8Start, count: p.utf8CodeUnitCount)) }
            func ends(_ a: [UInt8], _ p: StaticString) -> Bool {
                a.reversed().starts(with: UnsafeBufferPointer(start: p.utf8Start, count: p.utf8CodeUnitCount).reversed())
            }
            func equals(_ a: [UInt8], _ p: StaticString) -> Bool { a.count == p.utf8CodeUnitCount && starts(a, p) }
            if starts(compact, "noreply") || starts(compact, "donotreply") || starts(compact, "mailerdaemon") || starts(compact, "postmaster")
                || starts(compact, "bounce") || equals(compact, "notification") || equals(compact, "notifications") || ends(compact, "noreply") {
                return "no-reply address"
            }
            if ends(local, "-list") || ends(local, "-l") || ends(local, "-announce") || ends(local, "-request") || starts(local, "list")
                || starts(domain, "lists.") || equals(domain, "googlegroups.com") {
                return "mailing-list address"
            }
            return nil
        }
        return reason ?? (email == listAddress && email.utf8.contains(UInt8(ascii: "@")) ? "mailing-list address" : nil)
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
