/// The engagement profile a planted member is generated from. The raw values are the segment
/// names of Weft's default segments config, so a segmentation can be scored against them directly.
///
/// The definitions the generator follows (issue 21, DESIGN.md "Engagement"):
/// * crew steer the ship: some sit in governance, they host, facilitate and organise events,
///   attend events across all topics, have many partners and give more time;
/// * deep divers go deep in a focused way: most of their events are in one topic, where they
///   sometimes present their own work, and they interact repeatedly with the same few partners;
/// * passengers come along for the ride: a few events anywhere, few interactions;
/// * the inactive joined but did nothing in the last year.
public enum PlantedProfile: String, CaseIterable, Sendable {
    case crew
    case deepDiver = "deep_diver"
    case passenger
    case inactive
}

/// How much a planted network does in its year: events offered and how much each profile takes part.
public enum PlantedActivity: String, CaseIterable, Sendable {
    case sparse, moderate, busy

    /// Events held in the year.
    var events: Int {
        switch self {
        case .sparse: return 30
        case .moderate: return 48
        case .busy: return 96
        }
    }

    /// The range a crew member's chance of attending any one event is drawn from.
    var crewAttendance: ClosedRange<Double> {
        switch self {
        case .sparse: return 0.3...0.5
        case .moderate: return 0.3...0.55
        case .busy: return 0.3...0.6
        }
    }

    /// The range a deep diver's chance of attending an event in their topic is drawn from; the
    /// chance for any other event is `offTopicAttendance`.
    var deepDiverAttendance: ClosedRange<Double> {
        switch self {
        case .sparse: return 0.6...0.9
        case .moderate: return 0.5...0.85
        case .busy: return 0.5...0.8
        }
    }

    var offTopicAttendance: Double { self == .sparse ? 0.02 : 0.03 }

    /// Events a passenger attends, drawn uniformly.
    var passengerEvents: ClosedRange<Int> {
        switch self {
        case .sparse: return 1...3
        case .moderate: return 1...4
        case .busy: return 1...6
        }
    }

    /// Partners of a crew member, and records per crew tie.
    var crewPartners: ClosedRange<Int> {
        switch self {
        case .sparse: return 6...15
        case .moderate: return 8...20
        case .busy: return 10...30
        }
    }

    /// Records on each of a deep diver's two to four ties.
    var deepDiverTieRecords: ClosedRange<Int> {
        switch self {
        case .sparse: return 2...4
        case .moderate: return 2...6
        case .busy: return 3...8
        }
    }

    /// The chance a passenger writes to anyone at all, and to how many (one record each).
    var passengerContact: (chance: Double, partners: ClosedRange<Int>) {
        switch self {
        case .sparse: return (0.4, 1...1)
        case .moderate: return (0.5, 1...2)
        case .busy: return (0.6, 1...3)
        }
    }
}

/// The mix of a planted network: its size, each profile's share, the topics and the activity level.
public struct PlantedComposition: Sendable, Equatable {
    public let name: String
    public let members: Int
    /// Shares of crew, deep divers, passengers and inactive members (they sum to 1).
    public let crew: Double
    public let deepDivers: Double
    public let passengers: Double
    public let inactive: Double
    /// Topics of the events (each event has one).
    public let topics: Int
    public let activity: PlantedActivity

    public init(name: String, members: Int, crew: Double, deepDivers: Double, passengers: Double, inactive: Double,
                topics: Int, activity: PlantedActivity) {
        precondition(members >= 10 && topics >= 2, "a planted network has at least 10 members and 2 topics")
        precondition(abs(crew + deepDivers + passengers + inactive - 1) < 1e-9 && min(crew, deepDivers, passengers, inactive) >= 0,
                     "profile shares sum to 1")
        self.name = name
        self.members = members
        self.crew = crew
        self.deepDivers = deepDivers
        self.passengers = passengers
        self.inactive = inactive
        self.topics = topics
        self.activity = activity
    }

    /// Members per profile (largest remainders, in `PlantedProfile.allCases` order).
    var counts: [Int] { apportion(members, weights: [crew, deepDivers, passengers, inactive]) }

    /// The compositions every segmentation is measured on: crew-heavy to passenger-heavy, 60 to
    /// 2,000 members, sparse to busy.
    public static let all: [PlantedComposition] = [
        PlantedComposition(name: "crew-heavy-small-busy", members: 60, crew: 0.30, deepDivers: 0.30, passengers: 0.30,
                           inactive: 0.10, topics: 5, activity: .busy),
        PlantedComposition(name: "sparse-small", members: 120, crew: 0.15, deepDivers: 0.25, passengers: 0.40,
                           inactive: 0.20, topics: 4, activity: .sparse),
        PlantedComposition(name: "balanced-medium", members: 400, crew: 0.12, deepDivers: 0.25, passengers: 0.53,
                           inactive: 0.10, topics: 6, activity: .moderate),
        PlantedComposition(name: "deep-diver-heavy-busy", members: 1_000, crew: 0.08, deepDivers: 0.45, passengers: 0.37,
                           inactive: 0.10, topics: 8, activity: .busy),
        PlantedComposition(name: "passenger-heavy-large-sparse", members: 2_000, crew: 0.04, deepDivers: 0.12,
                           passengers: 0.74, inactive: 0.10, topics: 6, activity: .sparse),
    ]
}
