import WeftGraph

/// Timed pair records derived from event attendance, for tie strength: every pair of members
/// who attended the same event gets one undirected record on the event's date (its earliest
/// attendance date), of type `co-presenting` when both held an active role (presenter,
/// facilitator, host, organiser) and `co-attendance` otherwise.
///
/// Large events make weak ties: a record's weight is 1 for events of up to `largeEventSize`
/// attendees and (largeEventSize − 1)/(s − 1) for an event of s > largeEventSize attendees, so
/// that what one member gains from an event is capped; events of more than `maxEventSize`
/// attendees (plenaries, webinars) give no pair records at all, keeping the pair count bounded.
/// The type weights of the strength model apply on top (co-attendance 0.25, co-presenting 2 by
/// default). Records come out in the log's canonical order (by date, then by content). Reference: ../shared/domain-brief.md §4; Newman,
/// Phys. Rev. E 64, 016132 (2001) for down-weighting large events.
public enum AttendanceTies {
    public static let coAttendance = "co-attendance"
    public static let coPresenting = "co-presenting"

    public static func records(_ attendance: AttendanceLog, nodeCount: Int, window: TimeWindow = .all,
                               largeEventSize: Int = 10, maxEventSize: Int = 100) throws -> InteractionLog {
        try ArgumentError.require(largeEventSize >= 2, "AttendanceTies.records", "largeEventSize", "must be at least 2 (got \(largeEventSize))")
        try ArgumentError.require(maxEventSize >= 2, "AttendanceTies.records", "maxEventSize", "must be at least 2 (got \(maxEventSize))")
        var log = InteractionLog()
        let together = log.typeCode(coAttendance), presenting = log.typeCode(coPresenting)
        let rows = attendance.range(in: window)
        let events = attendance.events.count
        // Attendance rows grouped by event (counting sort keeps date order within an event).
        var start = [Int](repeating: 0, count: events + 1)
        for k in rows { start[Int(attendance.event[k]) + 1] += 1 }
        for e in 0..<events { start[e + 1] += start[e] }
        var grouped = [Int](repeating: 0, count: rows.count)
        var fill = start
        for k in rows {
            let e = Int(attendance.event[k])
            grouped[fill[e]] = k
            fill[e] += 1
        }
        // Events in date order (ties: event code), each with its distinct attendees.
        let dated = (0..<events).filter { start[$0] < start[$0 + 1] }
            .sorted { (attendance.date[grouped[start[$0]]], $0) < (attendance.date[grouped[start[$1]]], $1) }
        var slot = [Int32](repeating: -1, count: nodeCount)   // member → position in `members`
        var members: [(member: Int32, active: Bool)] = []
        for e in dated {
            for (m, _) in members { slot[Int(m)] = -1 }
            members.removeAll(keepingCapacity: true)
            for p in start[e]..<start[e + 1] {
                let k = grouped[p]
                let m = attendance.member[k], active = attendance.isActiveRole(attendance.role[k])
                if slot[Int(m)] >= 0 {
                    if active { members[Int(slot[Int(m)])].active = true }   // a repeated row: any active role counts
                    continue
                }
                slot[Int(m)] = Int32(members.count)
                members.append((m, active))
            }
            let s = members.count
            guard s >= 2, s <= maxEventSize else { continue }
            let weight = s <= largeEventSize ? 1 : Double(largeEventSize - 1) / Double(s - 1)
            let date = attendance.date[grouped[start[e]]]
            members.sort { $0.member < $1.member }
            for i in 0..<s {
                for j in (i + 1)..<s {
                    try? log.append(source: members[i].member, target: members[j].member, time: date, weight: weight,
                                    type: members[i].active && members[j].active ? presenting : together, directed: false)
                }
            }
        }
        // Events on the same date came in input order; the canonical order removes it.
        log.sortByTime()
        return log
    }
}
