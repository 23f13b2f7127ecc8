import WeftGraph
import WeftIO

extension PlantedNetwork {
    static let memberHeader = ["id", "joined", "governance"]
    static let attendanceHeader = ["member", "event", "date", "role", "topic"]
    static let interactionHeader = ["source", "target", "timestamp"]
    /// The planted truth: each member's profile and a deep diver's topic.
    static let profileHeader = ["member", "profile", "focus_topic"]

    /// Writes `members.csv`, `attendance.csv`, `interactions.csv` (Weft's input formats) and
    /// `profiles.csv` (the planted truth, `member,profile,focus_topic`) into `folder`, each
    /// atomically. Returns the file names in the order written.
    @discardableResult
    public func write(to folder: String) throws -> [String] {
        let members = try CSVTableWriter(path: folder + "/members.csv", header: PlantedNetwork.memberHeader)
        for m in self.members {
            try members.writeRow([.text(m.id), .plain(Timestamp.formatDate(m.joined * Timestamp.secondsPerDay)),
                                  .plain(m.governance ? "yes" : "no")])
        }
        try members.commit()
        let attendance = try CSVTableWriter(path: folder + "/attendance.csv", header: PlantedNetwork.attendanceHeader)
        for row in self.attendance {
            let event = events[row.event]
            try attendance.writeRow([.text(self.members[row.member].id), .text(event.id),
                                     .plain(Timestamp.formatDate(event.day * Timestamp.secondsPerDay)), .plain(row.role),
                                     .plain(topics[event.topic])])
        }
        try attendance.commit()
        let interactions = try CSVTableWriter(path: folder + "/interactions.csv", header: PlantedNetwork.interactionHeader)
        for r in self.interactions {
            try interactions.writeRow([.text(self.members[r.source].id), .text(self.members[r.target].id),
                                       .dateTime(r.time)])
        }
        try interactions.commit()
        try writeProfiles(to: folder + "/profiles.csv")
        return ["members.csv", "attendance.csv", "interactions.csv", "profiles.csv"]
    }

    /// The planted truth alone, `member,profile,focus_topic` (atomically).
    public func writeProfiles(to path: String) throws {
        let profiles = try CSVTableWriter(path: path, header: PlantedNetwork.profileHeader)
        for m in members {
            try profiles.writeRow([.text(m.id), .plain(m.profile.rawValue), m.focusTopic.map { .plain(topics[$0]) } ?? .empty])
        }
        try profiles.commit()
    }
}
