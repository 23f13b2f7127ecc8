import LinearAlgebra
import WeftAnalysis
import WeftGraph
import WeftIO

/// A relation among the members that QAP can compare with another, written on the command line
/// as:
///
/// - `all` — every interaction in the window;
/// - `type:LABEL[+LABEL…]` — interactions of the given types (advice, collaboration, …);
/// - `window:FROM..TO` — interactions between two dates (inclusive), e.g. one survey wave;
/// - `co-attendance` — members tied by the events they attended together;
/// - `same:ATTRIBUTE` — 1 for two members with the same value of a member attribute;
/// - `diff:ATTRIBUTE` — |v_i − v_j| for a numeric member attribute v (numeric difference);
/// - `sender:ATTRIBUTE`, `receiver:ATTRIBUTE` — v_i, v_j: the sender's or receiver's value
///   (sender and receiver effects); members without a number are left out of the comparison
///   (`presentMembers`);
/// - `survey:RELATION[+RELATION…][@WAVE]` — survey nominations of those relations in a wave (by
///   default the last), the value of each nomination (e.g. `survey:advice@baseline`).
///
/// Interaction relations are tie weights (the sum of the records' weights), or 1 per tie when
/// binary; direction follows the network (`--undirected` makes every relation symmetric).
public enum Relation: Sendable, Equatable, CustomStringConvertible {
    case all
    case types([String])
    case span(from: String, to: String)
    case coAttendance
    case sameGroup(String)
    case difference(String)
    case sender(String)
    case receiver(String)
    case survey(SurveySelection)

    public struct ParseError: Error, CustomStringConvertible {
        public let description: String
    }

    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "all" { self = .all; return }
        if trimmed == "co-attendance" { self = .coAttendance; return }
        if trimmed.hasPrefix("survey:") { self = .survey(try SurveySelection(parsing: String(trimmed.dropFirst(7)))); return }
        let parts = trimmed.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty else {
            throw ParseError(description: "'\(text)' is not a relation (all, type:LABEL, window:FROM..TO, co-attendance, same:ATTRIBUTE, diff:ATTRIBUTE, sender:ATTRIBUTE, receiver:ATTRIBUTE, survey:RELATION[@WAVE])")
        }
        switch parts[0] {
        case "type": self = .types(parts[1].split(separator: "+").map(String.init))
        case "same": self = .sameGroup(parts[1])
        case "diff": self = .difference(parts[1])
        case "sender": self = .sender(parts[1])
        case "receiver": self = .receiver(parts[1])
        case "window":
            let bounds = parts[1].components(separatedBy: "..")
            guard bounds.count == 2, !bounds[0].isEmpty, !bounds[1].isEmpty else {
                throw ParseError(description: "'\(text)': a window is written window:FROM..TO")
            }
            self = .span(from: bounds[0], to: bounds[1])
        default:
            throw ParseError(description: "'\(text)': unknown relation kind '\(parts[0])'")
        }
    }

    public var description: String {
        switch self {
        case .all: return "all"
        case .types(let labels): return "type:" + labels.joined(separator: "+")
        case .span(let from, let to): return "window:\(from)..\(to)"
        case .coAttendance: return "co-attendance"
        case .sameGroup(let attribute): return "same:" + attribute
        case .difference(let attribute): return "diff:" + attribute
        case .sender(let attribute): return "sender:" + attribute
        case .receiver(let attribute): return "receiver:" + attribute
        case .survey(let selection): return selection.description
        }
    }

    /// The relation as an n × n matrix over the dataset's members.
    /// Per member, whether the relation can hold for them: for a survey relation, whether they
    /// were a member at its wave (`SurveyWaveMembership`); for a numeric attribute relation,
    /// whether the member has a number; nil for the other relations, which hold for every member.
    public func presentMembers(_ dataset: Dataset) throws -> [Bool]? {
        switch self {
        case .survey(let selection):
            return SurveyWaveMembership(dataset: dataset, wave: try selection.resolve(dataset.survey).wave).present
        case .difference(let attribute), .sender(let attribute), .receiver(let attribute):
            return try Relation.numbers(dataset, attribute: attribute, relation: description).map { !$0.isNaN }
        default:
            return nil
        }
    }

    /// A member attribute's values as numbers (a decimal comma is read as a point), NaN for a
    /// member without one (empty or not a number); an error when no member has one.
    static func numbers(_ dataset: Dataset, attribute: String, relation: String) throws -> [Double] {
        guard let column = dataset.members.attributes.column(named: attribute) else {
            throw ParseError(description: "\(relation): no member attribute '\(attribute)'")
        }
        let values = (0..<dataset.members.count).map { v -> Double in
            let text = column.value(at: v).trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
            return Double(text).flatMap { $0.isFinite ? $0 : nil } ?? .nan
        }
        guard values.contains(where: { !$0.isNaN }) else {
            throw ParseError(description: "\(relation): no member has a number in '\(attribute)'")
        }
        return values
    }

    public func matrix(_ dataset: Dataset, window: TimeWindow, undirected: Bool, binary: Bool) throws -> Matrix {
        let n = dataset.members.count
        let builder = GraphBuilder(undirected: undirected)
        switch self {
        case .all:
            return Matrix(adjacencyOf: builder.build(dataset.interactions, nodeCount: n, window: window), weighted: !binary)
        case .types(let labels):
            var log = InteractionLog()
            var codes = Set<UInt16>()
            for label in labels {
                guard let code = dataset.interactions.types.index(of: label) else {
                    let known = (1..<dataset.interactions.types.count).map { dataset.interactions.types[Int32($0)] }
                    throw ParseError(description: "type:\(label): no interaction of that type (types: \(known.joined(separator: ", ")))")
                }
                codes.insert(UInt16(code))
            }
            for k in dataset.interactions.range(in: window) where codes.contains(dataset.interactions.type[k]) {
                try? log.append(source: dataset.interactions.source[k], target: dataset.interactions.target[k],
                                time: dataset.interactions.time[k], weight: dataset.interactions.weight[k],
                                directed: dataset.interactions.directed[k])
            }
            return Matrix(adjacencyOf: builder.build(log, nodeCount: n), weighted: !binary)
        case .span(let from, let to):
            guard case .success(let start) = ISO8601.parse(from), case .success(let end) = ISO8601.parse(to) else {
                throw ParseError(description: "\(self): the bounds must be ISO 8601 dates")
            }
            let span = TimeWindow(start: start.seconds, end: end.seconds + (end.isDateOnly ? Timestamp.secondsPerDay : 1))
            return Matrix(adjacencyOf: builder.build(dataset.interactions, nodeCount: n, window: span), weighted: !binary)
        case .coAttendance:
            let graph = TwoModeProjection.members(dataset.attendance, memberCount: n, window: window, weighting: .count, path: .auto)
            return Matrix(adjacencyOf: graph, weighted: !binary)
        case .sameGroup(let attribute):
            guard let column = dataset.members.attributes.column(named: attribute) else {
                throw ParseError(description: "same:\(attribute): no member attribute of that name")
            }
            return Matrix(sameGroup: NodeGroups(column: column, nodeCount: n))
        case .difference(let attribute):
            return Matrix(absoluteDifference: try Relation.numbers(dataset, attribute: attribute, relation: description).map { $0.isNaN ? 0 : $0 })
        case .sender(let attribute):
            return Matrix(sender: try Relation.numbers(dataset, attribute: attribute, relation: description).map { $0.isNaN ? 0 : $0 })
        case .receiver(let attribute):
            return Matrix(receiver: try Relation.numbers(dataset, attribute: attribute, relation: description).map { $0.isNaN ? 0 : $0 })
        case .survey(let selection):
            let (relations, wave) = try selection.resolve(dataset.survey)
            let graph = SurveyNetwork.graph(dataset, relations: relations, membership: SurveyWaveMembership(dataset: dataset, wave: wave),
                                            symmetrisation: undirected ? .max : .directed)
            return Matrix(adjacencyOf: graph, weighted: !binary)
        }
    }
}
