/// How a path-based measure (betweenness, closeness, diameter and average path length) was
/// computed: from a shortest-path search out of every source member (`exact`), or estimated from a
/// seeded random sample of sources (`sampled`; Brandes & Pich 2007). report.json records it as
/// `measures.betweenness_method`, `closeness_method` and `distances`.
public enum PathMethod: String, Codable, CaseIterable, Sendable {
    case exact, sampled
}

/// A path-based measure that may be estimated from sampled sources.
public protocol SourceSampledMeasure {
    /// Whether the values come from fewer sources than the measure ranges over.
    var isSampled: Bool { get }
}

extension SourceSampledMeasure {
    /// `isSampled` as the method that ran.
    public var method: PathMethod { isSampled ? .sampled : .exact }
}

extension Betweenness: SourceSampledMeasure {}
extension Closeness: SourceSampledMeasure {}
extension PathStatistics: SourceSampledMeasure {}
