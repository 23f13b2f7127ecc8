import WeftGraph

/// The members of a network: ids interned to dense indices, with names, emails and attributes.
public struct MemberTable: Sendable {
    public internal(set) var ids = IdentifierRegistry()
    public internal(set) var names: [String] = []
    public internal(set) var emails: [String] = []
    /// Attribute columns from members.csv (country, organisation, role, …), one value per member;
    /// members added from records have empty attributes.
    public internal(set) var attributes = AttributeColumns()
    /// Members listed in members.csv.
    public internal(set) var declaredCount = 0
    /// Members first seen in an interaction or attendance record (not in members.csv).
    public internal(set) var addedFromRecords = 0
    /// The line of members.csv that defined each declared member (0 for added members).
    var definedOnLine: [Int] = []

    public init() {}

    public var count: Int { ids.count }

    /// Adds a member; the caller has checked the id is new.
    /// `attributes` are the values of the attribute columns from `fromColumn` on, in order; the
    /// member's other attributes are empty.
    mutating func add(id: String, name: String = "", email: String = "", line: Int = 0,
                      attributes values: [String] = [], fromColumn first: Int = 0) -> Int32 {
        let index = ids.intern(id).index
        names.append(name)
        emails.append(email)
        definedOnLine.append(line)
        for c in attributes.columns.indices where attributes.columns[c].codes.count < ids.count {
            let k = c - first
            if k >= 0 && k < values.count { attributes.append(values[k], toColumn: c) } else { attributes.appendEmpty(toColumn: c) }
        }
        return index
    }
}

/// Everything read from a network's input files: members, interactions, attendance, and an
/// account of every row (accepted or rejected, with reasons).
public struct Dataset: Sendable {
    public internal(set) var members = MemberTable()
    public internal(set) var interactions = InteractionLog()
    public internal(set) var attendance = AttendanceLog()
    /// ONA survey nominations (survey.csv) and respondents lists.
    public internal(set) var survey = SurveyLog()
    public internal(set) var files: [FileSummary] = []
    public internal(set) var rejects: [Reject] = []
    /// What a reader of the outputs must know about the inputs (an assumed encoding, …).
    public internal(set) var warnings: [DataWarning] = []
    /// The time zone that times written without a UTC offset were read in (`--timezone`; `UTC`).
    public internal(set) var timeZone = "UTC"
    /// How records naming members by email or name were resolved; nil when name matching was off.
    public internal(set) var memberMatching: MemberMatchAccount?

    public init() {}

    /// Empties `interactions` (their arrays are freed when no other copy holds them), for a
    /// caller done with the records that keeps the rest: members, files, rejects, counts.
    public mutating func releaseInteractionRecords() { interactions = InteractionLog() }

    public var rowsRead: Int { files.reduce(0) { $0 + $1.rowsRead } }
    public var rowsAccepted: Int { files.reduce(0) { $0 + $1.accepted } }
    public var rowsRejected: Int { files.reduce(0) { $0 + $1.rejected } }

    /// The reason most often given for rejecting rows of `file`, with quoted values left out (so
    /// that `'x' is not a date` and `'y' is not a date` count as one reason), and how many rows
    /// it rejected; ties go to the reason seen first.
    public func commonestRejectReason(file: String) -> (reason: String, count: Int)? {
        var counts: [String: Int] = [:], order: [String] = []
        for r in rejects where r.file == file {
            let reason = Reject.redacted(r.reason)
            if counts[reason] == nil { order.append(reason) }
            counts[reason, default: 0] += 1
        }
        return order.max { counts[$0]! < counts[$1]! || (counts[$0]! == counts[$1]! && order.firstIndex(of: $0)! > order.firstIndex(of: $1)!) }
            .map { ($0, counts[$0]!) }
    }

    /// Members with at least one interaction or attendance record in `window`.
    public func activeMembers(in window: TimeWindow) -> [Bool] {
        var active = [Bool](repeating: false, count: members.count)
        for k in interactions.range(in: window) {
            active[Int(interactions.source[k])] = true
            active[Int(interactions.target[k])] = true
        }
        for k in attendance.range(in: window) { active[Int(attendance.member[k])] = true }
        return active
    }
}
