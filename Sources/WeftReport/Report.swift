import WeftAnalysis
import WeftGraph
import WeftIO

/// report.json's model: everything `weft analyze` found, as plain Codable values, held by
/// `ReportModel` with the tables every writer renders, so the outputs never disagree. The per-member figures
/// (`ReportModel.members`) are streamed into report.json's last key, `members`, by the writer.
///
/// JSON keys are snake_case and stable within a `schema_version`: the property names converted by
/// the coders' key strategies (`ReportWriters.encoder`, `ReportWriters.decoder`), so a property's
/// name is its key in camelCase. Optional values are written as `null`, never left out
/// (`NullCoded`). See docs/json.md for each field.
public struct Report: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = "2.0.1"

    public var schemaVersion = Report.currentSchemaVersion
    public var generator: Generator
    public var window: Window
    public var graph: GraphSettings
    public var measures: MeasureSettings
    public var inputs: [Input]
    public var rows: RowCounts
    public var membership: MemberCounts
    public var records: RecordCounts
    public var network: Network
    /// Louvain or Leiden communities; null when switched off.
    @NullCoded public var communities: CommunitySummary?
    /// Per member attribute used as groups (country, cohort, …), keyed by the attribute's name.
    public var groups: [String: GroupSummary]
    /// The attribute of members.csv's E-I and brokerage columns (the first of `groups`).
    @NullCoded public var primaryGroup: String?
    public var corePeriphery: CorePeripherySummary
    /// Gould–Fernandez brokerage across the primary attribute's groups; null without one.
    @NullCoded public var brokerage: BrokerageSummary?
    /// The time settings and what they found; null when the window holds no record.
    @NullCoded public var time: TimeSummary?
    /// Engagement segments, their k-means check, transitions and sensitivity; null on the event
    /// network or when the window holds no record.
    @NullCoded public var segments: SegmentsSummary?
    /// The survey layer analysed, its response rates and symmetrisation; null unless `--network survey:…`.
    @NullCoded public var survey: SurveySummary? = nil
    /// The headline figures and data-quality warnings (see `Summary`).
    public var summary: Summary
    /// What identifies the run: arguments, data as-of date, window, pseudonymisation.
    public var run: Run

    public struct Generator: Codable, Sendable, Equatable {
        public var name = "weft"
        public var version: String
        /// The commit the binary was built from. SwiftPM builds carry none, and Weft does not
        /// guess one from the working directory at run time (which need not be the build's), so
        /// the field says `not recorded at build time` until a release build sets it.
        public var commit: String = Generator.buildCommit

        public static let buildCommit = "not recorded at build time"

        public init(version: String) { self.version = version }
    }

    /// The analysed span; nil bounds are open. `to` is inclusive, as given on the command line.
    public struct Window: Codable, Sendable, Equatable {
        @NullCoded public var from: String?
        @NullCoded public var to: String?

        public init(from: String? = nil, to: String? = nil) {
            self.from = from
            self.to = to
        }
    }

    public struct GraphSettings: Codable, Sendable, Equatable {
        /// interactions, co-attendance or co-attendance-newman.
        public var network: String
        public var directed: Bool
        public var symmetrisation: String
    }

    /// How the measures were computed, so that a reader knows which variant ran.
    public struct MeasureSettings: Codable, Sendable, Equatable {
        public var weightedPaths: Bool
        public var betweennessMethod: PathMethod
        public var closenessMethod: PathMethod
        /// Diameter and average path length.
        public var distances: PathMethod
        /// Source members of the betweenness and closeness searches (all members when exact).
        public var pathSources: Int
        /// The seed of the sampled sources (`--seed`): with the inputs' fingerprints, what
        /// reproduces the run.
        public var seed: UInt64
        /// For sampled betweenness: the bound on the normalised error per member (probability 0.95).
        @NullCoded public var betweennessErrorBound: Double?
        /// The path the eigenvector centrality ran (dense or sparse; never auto).
        public var kernel: KernelPath
        public var pagerankAlpha: Double
        /// Node ids personalised PageRank restarts from (empty: uniform).
        public var pagerankSeeds: [String]
        public var katzAlpha: Double
        @NullCoded public var eigenvectorUnique: Bool?
        /// With `--timings`: each stage's wall time and peak memory (every stage before report.json
        /// itself is written); null otherwise, so that runs stay byte-identical.
        @NullCoded public var timings: StageClock.Record? = nil
    }

    public struct Input: Codable, Sendable, Equatable {
        public var kind: String
        public var path: String
        public var delimiter: String
        /// The sheet read when the input is an .xlsx workbook (`delimiter` is then `none`); null for text.
        @NullCoded public var sheet: String?
        /// The text encoding the file was decoded from (`utf-8`, `utf-16le`, `windows-1252`, …).
        public var encoding: String
        /// The layout of each date column, by header (`ISO 8601`, `DD/MM/YYYY`, `unix-ms`, …), for
        /// report.html's methods; not (yet) a field of report.json, whose schema version it would change.
        public var dateFormats: [String: String] = [:]
        public var rowsRead: Int
        public var accepted: Int
        public var rejected: Int
        public var extraColumns: [String]
        public var bytes: Int
        public var sha256: String

        /// Every field but `dateFormats` (the coders convert the names to snake_case).
        enum CodingKeys: CodingKey {
            case kind, path, delimiter, sheet, encoding, rowsRead, accepted, rejected, extraColumns, bytes, sha256
        }
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
        public var interactions: Int
        public var attendance: Int
        public var events: Int
        @NullCoded public var firstRecord: String?
        @NullCoded public var lastRecord: String?
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
        public var tieCount: Int
        public var density: Double
        public var averageDegree: Double
        public var averageNeighbours: Double
        @NullCoded public var reciprocity: Double?
        @NullCoded public var reciprocatedTieCount: Int?
        public var isolates: Int
        public var components: Int
        public var weakComponents: ComponentSummary
        public var strongComponents: ComponentSummary
        public var transitivity: Double
        public var averageClustering: Double
        public var averageClusteringWeighted: Double
        public var diameter: Int
        public var averagePathLength: Double
        public var degreeCentralization: Double
        public var betweennessCentralization: Double
        @NullCoded public var degreeAssortativity: Double?
        /// On a directed network, source out-degree against target in-degree over the ties
        /// (NetworkX's and igraph's default there); null on an undirected network or when undefined.
        @NullCoded public var directedDegreeAssortativity: Double?
        public var coreMax: Int
    }
}

extension Report {
    public struct CommunitySummary: Codable, Sendable, Equatable {
        public var method: Communities.Method
        public var resolution: Double
        public var seed: UInt64
        public var restarts: Int
        /// Number of communities, singletons (isolates mostly) included.
        public var count: Int
        public var modularity: Double
        /// Communities of one member.
        public var singletons: Int
        /// Sizes of the communities of two or more members, largest first (community 1 first
        /// unless aligned to a previous run).
        public var sizes: [Int]
        /// With `--previous`: how the numbers were aligned to the previous run's; null otherwise.
        @NullCoded public var alignment: AlignmentSummary<CommunityGroups>? = nil
    }

    /// `NumberAlignment` as report.json records it, for communities (`communities.alignment`) and
    /// k-means clusters (`segments.clusters.alignment`); `Kind` names the groups' keys.
    public struct AlignmentSummary<Kind: AlignedGroupKind>: Codable, Sendable, Equatable {
        /// The previous report, relative to the data folder.
        public var previous: String
        /// Members in both runs in groups that kept their number.
        public var sharedMembers: Int
        /// Groups that took a previous number, and those numbered anew.
        public var matched: Int
        public var new: Int
        /// Every group, by index (communities: largest first): its number, size, the previous
        /// number it took (null: new) and the members it shares with that previous group.
        public var groups: [AlignedGroup<Kind>]

        public init(previous: String, sharedMembers: Int, matched: Int, new: Int, groups: [AlignedGroup<Kind>]) {
            (self.previous, self.sharedMembers, self.matched, self.new, self.groups) = (previous, sharedMembers, matched, new, groups)
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: AlignmentKey.self)
            previous = try c.decode(String.self, forKey: "previous")
            sharedMembers = try c.decode(Int.self, forKey: "sharedMembers")
            matched = try c.decode(Int.self, forKey: "matched")
            new = try c.decode(Int.self, forKey: "new")
            groups = try c.decode([AlignedGroup<Kind>].self, forKey: AlignmentKey(stringValue: Kind.plural))
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: AlignmentKey.self)
            try c.encode(previous, forKey: "previous")
            try c.encode(sharedMembers, forKey: "sharedMembers")
            try c.encode(matched, forKey: "matched")
            try c.encode(new, forKey: "new")
            try c.encode(groups, forKey: AlignmentKey(stringValue: Kind.plural))
        }
    }

    /// One group of an `AlignmentSummary`: `community`/`cluster`, `size`,
    /// `previous_community`/`previous_cluster`, `shared_members`.
    public struct AlignedGroup<Kind: AlignedGroupKind>: Codable, Sendable, Equatable {
        public var number: Int
        public var size: Int
        public var previousNumber: Int?
        public var sharedMembers: Int

        public init(number: Int, size: Int, previousNumber: Int?, sharedMembers: Int) {
            (self.number, self.size, self.previousNumber, self.sharedMembers) = (number, size, previousNumber, sharedMembers)
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: AlignmentKey.self)
            number = try c.decode(Int.self, forKey: AlignmentKey(stringValue: Kind.singular))
            size = try c.decode(Int.self, forKey: "size")
            previousNumber = try c.decodeIfPresent(Int.self, forKey: AlignmentKey.previous(Kind.self))
            sharedMembers = try c.decode(Int.self, forKey: "sharedMembers")
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: AlignmentKey.self)
            try c.encode(number, forKey: AlignmentKey(stringValue: Kind.singular))
            try c.encode(size, forKey: "size")
            if let previousNumber {
                try c.encode(previousNumber, forKey: AlignmentKey.previous(Kind.self))
            } else {
                try c.encodeNil(forKey: AlignmentKey.previous(Kind.self))
            }
            try c.encode(sharedMembers, forKey: "sharedMembers")
        }
    }

    /// A key named at run time (the group kind's noun). Written in camelCase like the synthesized
    /// keys: the coders convert every key to snake_case (`sharedMembers` is `shared_members`).
    struct AlignmentKey: CodingKey, ExpressibleByStringLiteral {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        init(stringLiteral value: String) { stringValue = value }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }

        /// `previousCommunity`, `previousCluster`.
        static func previous<Kind: AlignedGroupKind>(_ kind: Kind.Type) -> AlignmentKey {
            AlignmentKey(stringValue: "previous" + kind.singular.prefix(1).uppercased() + kind.singular.dropFirst())
        }
    }

    /// How one attribute's groups sit in the network.
    public struct GroupSummary: Codable, Sendable, Equatable {
        /// Distinct values (groups) and members without a value.
        public var groups: Int
        public var ungrouped: Int
        /// Modularity of the partition by this attribute (ungrouped members stand alone).
        public var modularity: Double
        /// Krackhardt–Stern E-I index of the ties between grouped members, by count and by weight,
        /// and its value if every pair of grouped members were tied (the baseline).
        @NullCoded public var eiIndex: Double?
        @NullCoded public var eiIndexWeighted: Double?
        @NullCoded public var expectedEiIndex: Double?
        /// NetworkX's attribute assortativity coefficient.
        @NullCoded public var assortativity: Double?
        /// Share of grouped members, and of those with a tie to a grouped member, who have a tie
        /// outside their own group.
        @NullCoded public var crossingShareOfGrouped: Double?
        @NullCoded public var crossingShareOfConnected: Double?
        /// Per group, in `mixing.labels` order (an array, so that no JSON reader reorders
        /// integer-like values such as cohort years).
        public var perGroup: [GroupTies]
        /// The mixing matrix: `labels` in group order and `ties[a][b]` the ties from group a to
        /// group b (each undirected tie counted in (a, b) and (b, a), as NetworkX).
        public var mixing: MixingMatrix
    }

    public struct GroupTies: Codable, Sendable, Equatable {
        /// The group's value ("group 1", … in pseudonymised outputs that drop the attribute).
        public var group: String
        public var members: Int
        public var internalTieCount: Int
        public var externalTieCount: Int
        @NullCoded public var eiIndex: Double?
    }

    /// The mixing matrix in sparse form: `labels` in group order and `cells` the non-zero
    /// entries as `[a, b, ties]` (ties from group a to group b, indices into `labels`), ordered
    /// by a then b. Sparse because an attribute such as organisation can have thousands of
    /// groups, whose dense matrix would dwarf the rest of the report.
    public struct MixingMatrix: Codable, Sendable, Equatable {
        public var labels: [String]
        public var cells: [[Int]]
    }

    public struct CorePeripherySummary: Codable, Sendable, Equatable {
        /// The discrete model: Pearson ρ between the ties and the ideal core–periphery pattern
        /// (binary cells; core–periphery cells left out), the core's size and the block densities.
        @NullCoded public var correlation: Double?
        public var coreSize: Int
        @NullCoded public var coreDensity: Double?
        @NullCoded public var crossDensity: Double?
        @NullCoded public var peripheryDensity: Double?
        /// The continuous model: correlation between a_ij and c_i·c_j, and whether it converged.
        @NullCoded public var corenessCorrelation: Double?
        public var corenessConverged: Bool
    }

    public struct BrokerageSummary: Codable, Sendable, Equatable {
        public var attribute: String
        /// Grouped members (N), ordered pairs with a tie among them, and their density.
        public var members: Int
        public var tiedPairs: Int
        public var density: Double
        /// Per role (coordinator, itinerant, representative, gatekeeper, liaison, total): the
        /// network's observed count, sna's expected value, standard deviation and z-score.
        public var roles: [String: RoleScore]
    }

    public struct RoleScore: Codable, Sendable, Equatable {
        public var observed: Double
        @NullCoded public var expected: Double?
        @NullCoded public var sd: Double?
        @NullCoded public var z: Double?
    }

    public struct TimeSummary: Codable, Sendable, Equatable {
        /// `day`, `week`, `month`, `quarter`, `year` or `custom` (boundaries).
        public var period: String
        public var periods: Int
        public var halfLifeDays: Double
        public var typeWeights: [String: Double]
        public var tieThreshold: Double
        public var relativeChange: Double
        public var dormancyMultiple: Double
        public var dormancyMinimumDays: Double
        public var largeEventSize: Int
        public var maxEventSize: Int
        /// Ties (pairs whose strength reached θ at some period end) and their change classes at
        /// the last period end.
        public var tieCount: Int
        public var tieChanges: [String: Int]
        /// Members whose total tie strength fell most from its peak, largest fall first.
        public var driftingAway: [DriftingMember]
        /// Periods with no record left out by `--skip-empty-periods` (0 without it).
        public var emptyPeriodsSkipped: Int
        /// What each period is compared with (retention, new ties, tie change): "previous period",
        /// or "previous period with records" with `--skip-empty-periods`.
        public var comparedWith: String
    }

    public struct DriftingMember: Codable, Sendable, Equatable {
        public var id: String
        public var decayedStrengthPeak: Double
        public var decayedStrength: Double
        @NullCoded public var lastActivity: String?
    }
}

extension Report.ComponentSummary {
    init(_ c: Components) {
        self.init(count: c.count, largest: c.largestSize, sizes: c.sizes)
    }
}

/// An optional that is encoded as `null` when absent instead of being left out, so every key of
/// report.json is always present for dashboards.
@propertyWrapper
public struct NullCoded<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

/// What an aligned group is called in report.json: `communities`/`community`, `clusters`/`cluster`.
public protocol AlignedGroupKind: Sendable {
    static var plural: String { get }
    static var singular: String { get }
}

public enum CommunityGroups: AlignedGroupKind {
    public static let plural = "communities", singular = "community"
}

public enum ClusterGroups: AlignedGroupKind {
    public static let plural = "clusters", singular = "cluster"
}
