import Foundation
import WeftGraph
import WeftIO

/// A Slack workspace export (Workspace settings → Import/Export Data → Export), as the .zip Slack
/// hands out or its unzipped folder: `users.json`, `channels.json` (and `groups.json`,
/// `mpims.json`, `dms.json` in exports that hold private conversations), and one folder per
/// conversation of day files `YYYY-MM-DD.json`, each a JSON array of messages.
///
/// Rules, each record with the message's time (`ts`, Unix seconds, UTC):
/// - `reply`, weight 1: a thread reply (`thread_ts` ≠ `ts`, thread broadcasts included) → the
///   thread parent's author (`parent_user_id`, else the parent seen earlier in the conversation).
/// - `mention`, weight 1: each distinct `<@U…>` in the text → the person mentioned.
/// - `reaction`, weight `reactionWeight` (default 0.25: a click is less than a reply): each person
///   in a reaction's `users` → the message's author (the export has no reaction times).
/// A message with none of these makes no record. Bots (`is_bot` in users.json, `bot_message`,
/// USLACKBOT) and system subtypes (joins, leaves, topic, purpose, pins, …) are skipped and
/// counted; user messages with a `thread_broadcast`, `file_share` or `me_message` subtype are read.
///
/// People: users.json's `profile.email` (matched against the roster) and `real_name`; a user not
/// in users.json (Slack Connect) by the message's `user_profile` name, else the id.
/// Kept: user ids, names and emails (to match), times. Never kept: text (read only to find
/// mentions, within one message's parse), file names, channel names, reaction names.
///
/// Streaming: one day file in memory at a time (its messages parsed one by one, so a damaged
/// message is rejected with file:line and the others are read); memory holds the users and, per
/// conversation, who started each thread.
public enum SlackExport {
    /// Reads the export at `path` (its folder or .zip).
    public static func read(path: String, settings: InteractionImportSettings, sink: ((Contact) -> Void)? = nil) throws -> InteractionExtraction {
        let files = try SlackFiles(path: path)
        var reading = InteractionExtraction(path: path, sink: sink)
        reading.account.layout.append(files.kind)
        let directory = try SlackDirectory(files)
        reading.account.layout.append("users \(directory.users.count) (bots \(directory.users.values.filter(\.isBot).count))")
        let days = files.dayFiles
        reading.account.layout.append("conversations \(Set(days.map(\.conversation)).count), day files \(days.count)")
        var orphanReplies = 0
        var conversation = "", parents: [String: String] = [:]   // thread ts → author, per conversation
        for day in days {
            if day.conversation != conversation { (conversation, parents) = (day.conversation, [:]) }
            let label = files.label(day.name)
            let bytes = try files.read(day.name)
            guard let elements = JSONArrayElements.split(bytes) else {
                reading.account.rowsRead += 1
                reading.reject(file: label, line: 1, "not a JSON array of messages")
                continue
            }
            for element in elements {
                reading.account.rowsRead += 1
                guard element.complete, let message = try? JSONSerialization.jsonObject(with: Data(bytes[element.bytes])) as? [String: Any] else {
                    reading.reject(file: label, line: element.line, element.complete ? "not a JSON object" : "the file ends inside this message")
                    continue
                }
                var read = MessageRead(message: message, directory: directory, settings: settings, location: "\(label):\(element.line)")
                switch read.outcome(parents: &parents) {
                case .rejected(let field, let value, let reason): reading.reject(file: label, line: element.line, field: field, value: value, reason)
                case .skipped(let reason): reading.skip(reason)
                case .accepted(let contacts, let orphan):
                    reading.accept()
                    if orphan { orphanReplies += 1 }
                    if contacts.isEmpty { reading.dropped["message with no reply, mention or reaction", default: 0] += 1 }
                    for c in contacts { reading.add(c) }
                }
            }
        }
        if orphanReplies > 0 { reading.account.layout.append("thread replies whose parent is not in the export (no reply record): \(orphanReplies)") }
        return reading
    }
}

/// One message, read: what it is and the contacts it makes.
private struct MessageRead {
    enum Outcome {
        case accepted([Contact], orphanReply: Bool)
        case skipped(String)
        case rejected(field: String?, value: String?, reason: String)
    }

    let message: [String: Any]
    let directory: SlackDirectory
    let settings: InteractionImportSettings
    let location: String

    /// Subtypes of messages a person wrote; every other subtype is a system message.
    static let personSubtypes: Set<String> = ["thread_broadcast", "file_share", "me_message"]

    mutating func outcome(parents: inout [String: String]) -> Outcome {
        guard let ts = message["ts"] as? String, case .success(let time) = DateFormat.unixSeconds.read(ts) else {
            return .rejected(field: "ts", value: (message["ts"] as? String).map { String($0.prefix(40)) }, reason: "no message time (ts, Unix seconds)")
        }
        let subtype = message["subtype"] as? String
        let user = message["user"] as? String
        if subtype == "bot_message" || user.map(directory.isBot) == true || (user == nil && message["bot_id"] != nil) {
            return .skipped("bot message")
        }
        if let subtype, !MessageRead.personSubtypes.contains(subtype) { return .skipped("system message (\(subtype.prefix(40)))") }
        guard settings.common.admits(day: Timestamp.floorDiv(time.seconds, Timestamp.secondsPerDay)) else { return .skipped("outside --from/--to") }
        guard let author = user, !author.isEmpty else { return .rejected(field: "user", value: nil, reason: "a message without a user") }
        var contacts: [Contact] = []
        func add(_ from: String, _ to: String, _ type: String, _ weight: Double) {
            contacts.append(Contact(source: directory.person(from, message: from == author ? message : nil),
                                    target: directory.person(to, message: to == author ? message : nil),
                                    time: time.seconds, utc: true, type: type, weight: weight, rule: type, firstSeen: location))
        }
        var orphan = false
        let thread = message["thread_ts"] as? String
        if thread == nil || thread == ts { parents[ts] = author }
        if let thread, thread != ts {
            if let parent = (message["parent_user_id"] as? String) ?? parents[thread] { add(author, parent, "reply", 1) } else { orphan = true }
        }
        if let text = message["text"] as? String {
            for mentioned in MessageMentions.ids(text) { add(author, mentioned, "mention", 1) }
        }
        for reaction in message["reactions"] as? [[String: Any]] ?? [] {
            for reactor in reaction["users"] as? [String] ?? [] where !directory.isBot(reactor) {
                add(reactor, author, "reaction", settings.reactionWeight)
            }
        }
        return .accepted(contacts, orphanReply: orphan)
    }
}

/// Slack's user mentions in a message's text (mrkdwn).
enum MessageMentions {
    /// The distinct user ids of `<@U…>` and `<@W…>` (Enterprise Grid) mentions, in order; a
    /// label after `|` is ignored.
    static func ids(_ text: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "<@") {
            rest = rest[open.upperBound...]
            let id = rest.prefix { $0.isASCII && ($0.isUppercase || $0.isNumber) }
            if !id.isEmpty, id.first == "U" || id.first == "W", let next = rest.dropFirst(id.count).first, next == ">" || next == "|",
               !ids.contains(String(id)) {
                ids.append(String(id))
            }
        }
        return ids
    }
}

/// The users of an export (users.json): each id's person and whether it is a bot.
private struct SlackDirectory {
    struct User {
        var person: Participant
        var isBot: Bool
    }

    private(set) var users: [String: User] = [:]

    init(_ files: SlackFiles) throws {
        guard let list = try JSONSerialization.jsonObject(with: Data(try files.read("users.json"))) as? [[String: Any]] else {
            throw ImportError("\(files.label("users.json")): not a JSON array of users")
        }
        for user in list {
            guard let id = user["id"] as? String else { continue }
            let profile = user["profile"] as? [String: Any] ?? [:]
            let name = [profile["real_name"], user["real_name"], profile["display_name"], user["name"]]
                .compactMap { $0 as? String }.first { !$0.isEmpty } ?? id
            users[id] = User(person: Participant(name: name, email: profile["email"] as? String ?? ""),
                             isBot: user["is_bot"] as? Bool == true || id == "USLACKBOT")
        }
    }

    func isBot(_ id: String) -> Bool { id == "USLACKBOT" || users[id]?.isBot == true }

    /// The person of a user id; one not in users.json by the name on `message` (its author's
    /// `user_profile`), else the id.
    func person(_ id: String, message: [String: Any]?) -> Participant {
        if let user = users[id] { return user.person }
        let profile = message?["user_profile"] as? [String: Any]
        let name = [profile?["real_name"], profile?["display_name"]].compactMap { $0 as? String }.first { !$0.isEmpty }
        return Participant(name: name ?? id, email: "")
    }
}

/// Where an export's files are: its folder, or the .zip (whose files may sit under one top folder,
/// when a user zipped the unzipped folder again).
private struct SlackFiles {
    struct Day {
        var name: String
        var conversation: String
    }

    private let root: String
    private let zip: ZipEntries?
    private let prefix: String
    private let names: [String]

    init(path: String) throws {
        root = path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw ImportError("\(path): no such file or folder") }
        if isFolder.boolValue {
            zip = nil
            prefix = ""
            var found: [String] = []
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                var sub: ObjCBool = false
                if FileManager.default.fileExists(atPath: path + "/" + entry, isDirectory: &sub), sub.boolValue {
                    found += ((try? FileManager.default.contentsOfDirectory(atPath: path + "/" + entry)) ?? []).map { entry + "/" + $0 }
                } else {
                    found.append(entry)
                }
            }
            names = found.sorted()
        } else {
            guard ExportText.isZip(path) else {
                let seen = ExportSniffer.looksLike(try ExportText.head(path: path)).map { " (it looks like \($0))" } ?? ""
                throw ImportError("\(path): not \(ImportFormat.slack.exportName)\(seen): give the export's .zip or its unzipped folder")
            }
            let archive = try ZipEntries(path: path)
            zip = archive
            let all = archive.names
            let users = all.filter { $0 == "users.json" || $0.hasSuffix("/users.json") }.min { $0.count < $1.count }
            prefix = users.map { String($0.dropLast("users.json".count)) } ?? ""
            let top = prefix
            names = all.filter { $0.hasPrefix(top) }.map { String($0.dropFirst(top.count)) }
        }
        guard self.names.contains("users.json") else {
            throw ImportError("\(path): not \(ImportFormat.slack.exportName): it has no users.json (a workspace export holds users.json, channels.json and one folder per channel)")
        }
    }

    /// The largest file read whole (a day file of one busy channel is a few MB).
    static let largestFile = 1 << 28

    var kind: String { zip == nil ? "export folder" : "export .zip" + (prefix.isEmpty ? "" : " (files under \(prefix.dropLast()))") }

    /// The day files `conversation/YYYY-MM-DD.json`, by conversation then date.
    var dayFiles: [Day] {
        names.compactMap { name in
            let parts = name.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[1].hasSuffix(".json"), case .success = DateFormat.iso8601.read(String(parts[1].dropLast(5))) else { return nil }
            return Day(name: name, conversation: String(parts[0]))
        }
    }

    /// How messages name a file of the export.
    func label(_ name: String) -> String { zip == nil ? root + "/" + name : root + ":" + prefix + name }

    func read(_ name: String) throws -> [UInt8] {
        if let zip { return try zip.contents(of: prefix + name, limit: SlackFiles.largestFile) }
        guard let data = FileManager.default.contents(atPath: root + "/" + name) else { throw ImportError("\(label(name)): cannot read") }
        return [UInt8](data)
    }
}
