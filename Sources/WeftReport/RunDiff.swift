import Foundation

/// What changed between two runs (`weft diff OLD NEW`): the headline figures, the members who
/// joined or left, the members who moved segment, and the ties gained and lost — read from the
/// two report.json files, so a monthly refresh can keep its history as one small file per month.
///
/// Members are matched by id (use the same `--pseudonym-key-file` for pseudonymised runs), ties
/// by (source, target) among report.json's `ties` (pairs whose decayed strength reached the tie
/// threshold). Lists are sorted (ids, then pairs) so that the file is byte-stable.
public struct RunDiff: Codable, Sendable, Equatable {
    public var schemaVersion = Report.currentSchemaVersion
    public var old: RunReference
    public var new: RunReference
    /// The summary's numeric figures, old and new, and new − old (null when either is null).
    public var figures: [FigureChange]
    public var membersJoined: [String]
    public var membersLeft: [String]
    /// Members in both runs whose segment differs, by id.
    public var segmentMoves: [SegmentMove]
    public var tiesGained: [TieEnds]
    public var tiesLost: [TieEnds]
    public var keptTieCount: Int

    public struct RunReference: Codable, Sendable, Equatable {
        /// The report.json read, as named on the command line.
        public var path: String
        public var schemaVersion: String
        /// `run.data_as_of` (null when the report has none).
        @NullCoded public var dataAsOf: String?
    }

    public struct FigureChange: Codable, Sendable, Equatable {
        /// The summary field (`cross_group.share` for a nested one).
        public var figure: String
        @NullCoded public var old: Double?
        @NullCoded public var new: Double?
        @NullCoded public var change: Double?
    }

    public struct SegmentMove: Codable, Sendable, Equatable {
        public var id: String
        public var from: String
        public var to: String
    }

    public struct TieEnds: Codable, Sendable, Equatable, Hashable, Comparable {
        public var source: String
        public var target: String

        public static func < (a: TieEnds, b: TieEnds) -> Bool { (a.source, a.target) < (b.source, b.target) }
    }

    /// The parts of a report.json a diff reads (report.json 1.x).
    public struct Digest: Decodable, Sendable {
        public var schemaVersion: String
        public var summary: Report.Summary
        public var run: Report.Run?
        public var members: [Member]
        public var segmentMembers: [SegmentMember]
        public var ties: [TieEnds]

        public struct Member: Decodable, Sendable { public var id: String }
        public struct SegmentMember: Decodable, Sendable { public var member: String; public var segment: String }
    }

    /// The diff from `old` to `new`; `oldPath` and `newPath` name them in the output.
    public init(old: Digest, oldPath: String, new: Digest, newPath: String) {
        self.old = RunReference(path: oldPath, schemaVersion: old.schemaVersion, dataAsOf: old.run?.dataAsOf)
        self.new = RunReference(path: newPath, schemaVersion: new.schemaVersion, dataAsOf: new.run?.dataAsOf)
        figures = RunDiff.figureFields.map { name, value in
            let a = value(old.summary), b = value(new.summary)
            return FigureChange(figure: name, old: a, new: b, change: a.flatMap { x in b.map { $0 - x } })
        }
        let oldIDs = Set(old.members.map(\.id)), newIDs = Set(new.members.map(\.id))
        membersJoined = newIDs.subtracting(oldIDs).sorted()
        membersLeft = oldIDs.subtracting(newIDs).sorted()
        let before = Dictionary(old.segmentMembers.map { ($0.member, $0.segment) }, uniquingKeysWith: { a, _ in a })
        segmentMoves = new.segmentMembers.compactMap { m in
            guard let from = before[m.member], from != m.segment else { return nil }
            return SegmentMove(id: m.member, from: from, to: m.segment)
        }.sorted { $0.id < $1.id }
        let oldTies = Set(old.ties), newTies = Set(new.ties)
        tiesGained = newTies.subtracting(oldTies).sorted()
        tiesLost = oldTies.subtracting(newTies).sorted()
        keptTieCount = newTies.intersection(oldTies).count
    }

    /// The summary's numeric figures, by name.
    static let figureFields: [(String, @Sendable (Report.Summary) -> Double?)] = [
        ("members", { Double($0.members) }),
        ("active_members", { Double($0.activeMembers) }),
        ("active_share", { $0.activeShare }),
        ("retention", { $0.retention }),
        ("average_connections", { $0.averageConnections }),
        ("density", { $0.density }),
        ("isolates", { Double($0.isolates) }),
        ("cross_group.share", { $0.crossGroup?.share }),
        ("cross_group.ei_index", { $0.crossGroup?.eiIndex }),
        ("new_tie_share", { $0.newTieShare }),
        ("strong_tie_count", { $0.strongTieCount.map(Double.init) }),
    ]
}
