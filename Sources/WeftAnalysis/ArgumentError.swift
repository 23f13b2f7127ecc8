/// A caller's argument that a measure cannot run with — a count below its minimum, matrices of the
/// wrong shape — thrown by the public entry point instead of trapping, as NetworkX raises and igraph
/// returns an error code. `description` names the function, the parameter and what it must be,
/// e.g. `QAPCorrelation: permutations must be at least 1 (got 0)`. (Broken internal invariants
/// still trap: they are bugs, not a caller's mistake.)
public struct ArgumentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The function or type that refused the argument.
    public let function: String
    public let parameter: String
    /// What the argument must be, and what it was.
    public let requirement: String

    public init(_ function: String, _ parameter: String, _ requirement: String) {
        self.function = function
        self.parameter = parameter
        self.requirement = requirement
    }

    public var description: String { "\(function): \(parameter) \(requirement)" }

    /// Throws `ArgumentError(function, parameter, requirement())` unless `condition` holds.
    static func require(_ condition: Bool, _ function: String, _ parameter: String, _ requirement: @autoclosure () -> String) throws {
        if !condition { throw ArgumentError(function, parameter, requirement()) }
    }
}
