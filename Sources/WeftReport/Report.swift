import WeftAnalysis
import WeftGraph
import WeftIO

/// The report model: everything `weft analyze` found, as plain Codable values. Every writer
/// (JSON, CSV) renders this one model, so the outputs never disagree.
///
/// Field names are stable within a `schemaVersion`; see README ("report.json") for each field.
public struct Report: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = "0.1.0"

    public var schemaVersion = Report.currentSchemaVersion
    public var generator: Generator
    public var window: Window
    public var graph: GraphSettings
    public var inputs: [Input]
    public var rows: RowCounts
    public var members: MemberCounts
    public var records: RecordCounts
    public var network: Network

    public struct Generator: Codable, Sendable, Equatable {
        public var name = "weft"
        public var version: String
    }

    /// The analysed span; nil bounds are open. `to` is inclusive, as given on the command line.
    public struct Window: Codable, Sendable, Equatable {
        public var from: String?
        public var to: String?

        public init(from: String? = nil, to: String? = nil) {
            self.from = from
            self.to = to
        }
    }

    public struct GraphSettings: Codable, Sendable, Equatable {
        public var directed: Bool
        public var symmetrisation: String
    }

    public struct Input: Codable, Sendable, Equatable {
        public var kind: String
        public var path: String
        public var delimiter: String
        public var rowsRead: Int
        public var accepted: Int
        public var rejected: Int
        public var extraColumns: [String]
    }

    public struct RowCounts: Codable, Sendable, Equatable {
        public var read: Int
        public var accepted: Int
        public var rejected: Int
    }

    public struct MemberCounts: Codable, Sendable, Equatable {
        /// All members: declared plus added from records.
        public var total: Int
        public var declared: Int
        public var addedFromRecords: Int
        /// Members with at least one interaction or attendance record in the window.
        public var active: Int
    }

    public struct RecordCounts: Codable, Sendable, Equatable {
        /// Interaction records in the window.
        public var interactions: Int
        /// Attendance rows in the window.
        public var attendance: Int
        /// Distinct events with attendance in the window.
        public var events: Int
        public var firstRecord: String?
        public var lastRecord: String?
        /// Interaction records per type label ("" = no type) in the window.
        public var interactionTypes: [String: Int]
    }

    public struct ComponentSummary: Codable, Sendable, Equatable {
        public var count: Int
        public var largest: Int
        /// Component sizes, largest first.
        public var sizes: [Int]
    }

    public struct Network: Codable, Sendable, Equatable {
        public var members: Int
        public var ties: Int
        public var density: Double
        public var averageDegree: Double
        public var averageNeighbours: Double
        public var reciprocity: Double?
        public var reciprocatedTies: Int?
        public var isolates: Int
        public var weakComponents: ComponentSummary
        public var strongComponents: ComponentSummary
    }
}

extension Report.ComponentSummary {
    init(_ c: Components) {
        self.init(count: c.count, largest: c.largestSize, sizes: c.sizes)
    }
}

// Optional fields are written as `null` rather than left out, so that every key is always
// present for dashboards (Codable's synthesised encoding would omit them).
extension Report.Window {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
    }
}

extension Report.RecordCounts {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(interactions, forKey: .interactions)
        try c.encode(attendance, forKey: .attendance)
        try c.encode(events, forKey: .events)
        try c.encode(firstRecord, forKey: .firstRecord)
        try c.encode(lastRecord, forKey: .lastRecord)
        try c.encode(interactionTypes, forKey: .interactionTypes)
    }
}

extension Report.Network {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(members, forKey: .members)
        try c.encode(ties, forKey: .ties)
        try c.encode(density, forKey: .density)
        try c.encode(averageDegree, forKey: .averageDegree)
        try c.encode(averageNeighbours, forKey: .averageNeighbours)
        try c.encode(reciprocity, forKey: .reciprocity)
        try c.encode(reciprocatedTies, forKey: .reciprocatedTies)
        try c.encode(isolates, forKey: .isolates)
        try c.encode(weakComponents, forKey: .weakComponents)
        try c.encode(strongComponents, forKey: .strongComponents)
    }
}
