/// The role a member played at an event. Presenter, facilitator, host and organiser are the
/// active roles (they count towards "crew" in engagement segmentation); any other label is kept
/// as given.
public enum AttendanceRole: String, CaseIterable, Sendable {
    case attendee, presenter, facilitator, host, organiser

    public var isActive: Bool { self != .attendee }

    /// Recognises common spellings: "organizer", "moderator" (as facilitator), "speaker" and
    /// "panelist" (as presenter), "participant" (as attendee). Case-insensitive.
    public init?(label: String) {
        switch label.lowercased() {
        case "attendee", "participant", "": self = .attendee
        case "presenter", "speaker", "panelist", "panellist": self = .presenter
        case "facilitator", "moderator": self = .facilitator
        case "host", "chair": self = .host
        case "organiser", "organizer": self = .organiser
        default: return nil
        }
    }
}

/// Two-mode data: which member attended which event, when, in which role, on which topic.
/// One row per (member, event) attendance, columnar, sorted by date once `sortByDate()` has run.
public struct AttendanceLog: Sendable {
    public private(set) var member: [Int32] = []
    public private(set) var event: [Int32] = []
    /// The event's day (seconds since the epoch at 00:00 UTC, or the exact instant if given).
    public private(set) var date: [Int64] = []
    /// Index into `roles`; code 0 is "attendee".
    public private(set) var role: [UInt16] = []
    /// Index into `topics`; code 0 is "" (no topic).
    public private(set) var topic: [Int32] = []
    /// Index into `eventTypes`; code 0 is "" (no type).
    public private(set) var eventType: [UInt16] = []
    /// Event ids ↔ dense event indices.
    public var events = IdentifierRegistry()
    /// Role labels in their normalised form (see `AttendanceRole`) or as given when unrecognised.
    public private(set) var roles = IdentifierRegistry(AttendanceRole.allCases.map(\.rawValue))
    private var rawRoleLabels = IdentifierRegistry()
    private var rawRoleCodes: [UInt16] = []
    public private(set) var topics = IdentifierRegistry([""])
    public private(set) var eventTypes = IdentifierRegistry([""])
    public var attributes = AttributeColumns()
    public private(set) var isDateSorted = true

    public init() {}

    public var count: Int { member.count }

    /// The code of a role label as written in the input, normalised once per distinct label.
    public mutating func roleCode(_ label: String) -> UInt16 {
        let raw = rawRoleLabels.intern(label)
        if raw.isNew {
            let name = AttendanceRole(label: label)?.rawValue ?? label.lowercased()
            rawRoleCodes.append(UInt16(min(Int(roles.intern(name).index), Int(UInt16.max))))
        }
        return rawRoleCodes[Int(raw.index)]
    }

    public mutating func topicCode(_ label: String) -> Int32 { topics.intern(label).index }

    public mutating func eventTypeCode(_ label: String) -> UInt16 {
        UInt16(min(Int(eventTypes.intern(label).index), Int(UInt16.max)))
    }

    /// Whether role code `code` is an active role (presenter, facilitator, host, organiser).
    public func isActiveRole(_ code: UInt16) -> Bool {
        AttendanceRole(rawValue: roles[Int32(code)])?.isActive ?? false
    }

    public mutating func append(member m: Int32, event e: Int32, date d: Int64, role r: UInt16 = 0,
                                topic t: Int32 = 0, eventType et: UInt16 = 0) {
        if let last = date.last, d < last { isDateSorted = false }
        member.append(m); event.append(e); date.append(d)
        role.append(r); topic.append(t); eventType.append(et)
    }

    /// Stable sort by date.
    public mutating func sortByDate() {
        guard !isDateSorted else { return }
        let order = TimeWindow.stableOrder(date)
        member = order.map { member[$0] }
        event = order.map { event[$0] }
        date = order.map { date[$0] }
        role = order.map { role[$0] }
        topic = order.map { topic[$0] }
        eventType = order.map { eventType[$0] }
        attributes.permute(order)
        isDateSorted = true
    }

    /// Positions of the rows inside `window` (rows must be date-sorted).
    public func range(in window: TimeWindow) -> Range<Int> {
        precondition(isDateSorted, "sortByDate() before asking for a window")
        return window.range(inSorted: date)
    }
}
