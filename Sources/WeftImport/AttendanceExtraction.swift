import WeftIO

/// A person as an export shows them: the display name and, when the platform knows them, the
/// email and the phone number (a WhatsApp sender not in the phone's contacts).
public struct Participant: Sendable, Hashable {
    public var name: String
    public var email: String
    /// The phone number as shown (`+44 7700 900123`); empty when the export shows none.
    public var phone: String

    public init(name: String, email: String, phone: String = "") {
        self.name = name.trimmedSpace
        self.email = email.trimmedSpace
        self.phone = phone.trimmedSpace
    }

    /// The key under which one person's records are gathered: the email (case-insensitive) when
    /// there is one, else the phone's digits, else the normalised name (`PersonName.key`: case,
    /// accents, honorifics, word order).
    public var key: String {
        if !email.isEmpty { return "email:" + email.lowercased() }
        if !phone.isEmpty { return "phone:" + PhoneNumber.digits(phone) }
        return "name:" + PersonName.key(name)
    }
}

/// A person's part in a meeting, in Weft's canonical role vocabulary; ordered so that a person
/// seen in several roles keeps the highest (organiser > host > presenter > attendee).
public enum MeetingRole: String, Sendable, Comparable, CaseIterable {
    case attendee, presenter, host, organiser

    public static func < (a: MeetingRole, b: MeetingRole) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Reads a platform's role label (Teams: Organizer, Co-organizer, Presenter, Attendee).
    public init(platformLabel: String) {
        switch platformLabel.trimmedSpace.lowercased() {
        case "organizer", "organiser", "co-organizer", "co-organiser": self = .organiser
        case "host", "co-host", "cohost": self = .host
        case "presenter", "panelist", "panellist": self = .presenter
        default: self = .attendee
        }
    }
}

/// One meeting in an export: its key (a meeting id, or a title or file name when there is none),
/// its topic and the clock time it started (nil until a participant row or the summary gives it).
public struct Meeting: Sendable, Equatable {
    public var key: String
    public var topic: String
    public var start: Int64?
}

/// One person's presence in one meeting, summed over their joins.
public struct Presence: Sendable, Equatable {
    public var meeting: Int
    public var participant: Participant
    public var seconds: Int64
    public var role: MeetingRole
    /// Joins summed into this presence.
    public var joins: Int
    /// file:line of the first join.
    public var firstSeen: String
}

/// What an attendance parser hands over for one file: its meetings, every person's summed joins,
/// the rejected rows and the account.
public struct AttendanceExtraction: Sendable, AccountedExtraction {
    public var meetings: [Meeting] = []
    public var presences: [Presence] = []
    public var rejects: [Reject] = []
    public var account: InputAccount
    private var index: [String: Int] = [:]

    public init(path: String) { account = InputAccount(path: path) }

    /// Adds one join of `participant` to `meeting`, summing with their earlier joins.
    mutating func addJoin(meeting: Int, participant: Participant, start: Int64?, seconds: Int64, role: MeetingRole, line: Int) {
        account.accepted += 1
        if let start, meetings[meeting].start.map({ start < $0 }) ?? true { meetings[meeting].start = start }
        let key = "\(meeting)\u{0}" + participant.key
        if let i = index[key] {
            presences[i].seconds += seconds
            presences[i].joins += 1
            presences[i].role = max(presences[i].role, role)
            if presences[i].participant.email.isEmpty && !participant.email.isEmpty { presences[i].participant.email = participant.email }
        } else {
            index[key] = presences.count
            presences.append(Presence(meeting: meeting, participant: participant, seconds: seconds, role: role, joins: 1,
                                      firstSeen: "\(account.path):\(line)"))
        }
    }

    /// Raises the role of a person already present (a Zoom host named in the meeting block).
    mutating func promote(email: String, in meeting: Int, to role: MeetingRole) {
        let key = "\(meeting)\u{0}" + Participant(name: "", email: email).key
        if let i = index[key] { presences[i].role = max(presences[i].role, role) }
    }
}

/// An export that cannot be read at all (not a row's problem): wrong format, missing table.
public struct ImportError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
