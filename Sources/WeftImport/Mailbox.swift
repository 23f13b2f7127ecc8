import WeftIO

/// The mailboxes `weft import email` reads, by their first bytes: an mbox file (RFC 4155: Gmail
/// Takeout's `All mail Including Spam and Trash.mbox`, Thunderbird's folder files), or Outlook's
/// CSV export (`OutlookMailCSV`).
///
/// mbox: a message starts at a `From ` line at the start of the file or after a blank line
/// (`>From ` in a body is an escaped line, not a separator); its header block runs to the first
/// blank line, with folded lines (starting with a space or tab) joined. Only `From`, `To`, `Cc`,
/// `Date`, `List-Id` and `List-Post` are read; every other header, the subject and the body are
/// skipped byte by byte without being decoded or kept, so the file is streamed in one pass and
/// memory does not grow with it. Each message is one row read: accepted, or rejected with its
/// line (no From address, no readable Date).
///
/// The rule, per message: one record from the sender to each distinct recipient in To and Cc
/// (Bcc is not read: it is in a mailbox only for messages its owner sent, and would make the
/// owner's ties look stronger), type `email`, at the Date converted to UTC, weight 1 / number of
/// recipients (`--email-weight split`, the default; a message to twenty says less about each
/// tie) or 1 (`full`). Messages from a no-reply or mailing-list address are dropped, and so are
/// the records to such addresses (each counted; `EmailHeaders.notAPerson` lists the patterns).
public enum Mailbox {
    public static func read(path: String, weight: EmailWeight = .split, defaultDate: Int64? = nil,
                            sink: ((Contact) -> Void)? = nil) throws -> InteractionExtraction {
        if OutlookMailCSV.isOutlookCSV(try ExportText.head(path: path, count: 1)) {
            return try OutlookMailCSV.read(path: path, weight: weight, date: defaultDate, sink: sink)
        }
        var x = InteractionExtraction(path: path, sink: sink)
        x.account.layout.append("mbox")
        var message: Message?
        var previousBlank = true, sawSeparator = false
        try LineStream(path: path).forEachLine { bytes, line, _ in
            let blank = bytes.isEmpty
            defer { previousBlank = blank }
            if previousBlank && bytes.starts(withASCII: "From ") {
                if let m = message { m.finish(weight: weight, into: &x) }
                message = Message(line: line, path: path)
                sawSeparator = true
                return true
            }
            guard message != nil else {
                if !sawSeparator && !blank {
                    throw ImportError("\(path):\(line): not an mbox mailbox: the file does not start with a \"From \" line (export the mailbox as mbox, or give Outlook's CSV export)")
                }
                return true
            }
            if message!.inHeaders { message!.header(bytes, blank: blank) }
            return true
        }
        if let m = message { m.finish(weight: weight, into: &x) }
        return x
    }

    /// One message while its headers are read: the wanted headers' values, unfolded, kept as
    /// UTF-8 bytes (a mailbox's hot loop makes no string until a value is used).
    struct Message {
        let line: Int
        let path: String
        var inHeaders = true
        /// The value of each wanted header (indexed as `wanted`); nil until the header is seen.
        private var fields: [[UInt8]?] = Array(repeating: nil, count: Message.wanted.count)
        private var current: Int?   // the wanted header being read (for folded lines)

        init(line: Int, path: String) { (self.line, self.path) = (line, path) }

        static let wanted: [StaticString] = ["from", "to", "cc", "date", "list-id", "list-post"]
        private enum Field: Int { case from, to, cc, date, listID, listPost }

        mutating func header(_ bytes: UnsafeBufferPointer<UInt8>, blank: Bool) {
            if blank { inHeaders = false; return }
            if bytes[0] == 0x20 || bytes[0] == 0x09 {
                guard let c = current else { return }
                fields[c]!.append(0x20)
                fields[c]!.append(contentsOf: bytes[bytes.trimmedRange(0..<bytes.count)])
                return
            }
            current = nil
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon <= 32,
                  let k = Message.wanted.firstIndex(where: { Message.isName($0, bytes, colon) }), fields[k] == nil else { return }
            current = k
            fields[k] = Array(bytes[bytes.trimmedRange(colon + 1..<bytes.count)])
        }

        /// Whether `bytes[..<colon]` is the header name `name`, ASCII letters compared case-insensitively.
        private static func isName(_ name: StaticString, _ bytes: UnsafeBufferPointer<UInt8>, _ colon: Int) -> Bool {
            guard name.utf8CodeUnitCount == colon else { return false }
            for i in 0..<colon where bytes[i] | (bytes[i] >= 0x41 && bytes[i] <= 0x5A ? 0x20 : 0) != name.utf8Start[i] { return false }
            return true
        }

        private func text(_ f: Field) -> String? { fields[f.rawValue].map { String(decoding: $0, as: UTF8.self) } }

        private func addresses(_ f: Field) -> [EmailHeaders.Address] {
            fields[f.rawValue].map { $0.withUnsafeBufferPointer(EmailHeaders.addresses) } ?? []
        }

        func finish(weight: EmailWeight, into x: inout InteractionExtraction) {
            x.account.rowsRead += 1
            guard let from = addresses(.from).first, !from.email.isEmpty else {
                x.reject(line: line, field: "From", "no sender address in the From header")
                return
            }
            guard let dateText = text(.date), let time = EmailHeaders.date(dateText) else {
                x.reject(line: line, field: "Date", value: text(.date), "no Date header in RFC 5322's layout (Thu, 14 Mar 2024 09:15:02 +0100)")
                return
            }
            let list = Mailbox.listAddress(post: text(.listPost), id: text(.listID))
            if let reason = EmailHeaders.notAPerson(from.email, listAddress: list) { x.skip("sent by a " + reason); return }
            x.accept()
            EmailHeaders.contacts(from: from, recipients: addresses(.to) + addresses(.cc), time: time, weight: weight, listAddress: list,
                                  firstSeen: "\(path):\(line)", into: &x)
        }
    }

    /// The list's own address: `List-Post: <mailto:list@host>`, else `List-Id: <list.host>` as list@host.
    static func listAddress(post: String?, id: String?) -> String? {
        if let post, let r = post.range(of: "mailto:") {
            return String(post[r.upperBound...].prefix { $0 != ">" && $0 != "?" }).lowercased()
        }
        if let id, let open = id.lastIndex(of: "<"), let close = id.lastIndex(of: ">"), open < close {
            let inner = id[id.index(after: open)..<close]
            if let dot = inner.firstIndex(of: ".") { return (inner[..<dot] + "@" + inner[inner.index(after: dot)...]).lowercased() }
        }
        return nil
    }
}
