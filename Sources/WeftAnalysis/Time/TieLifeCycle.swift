import WeftGraph

/// How a tie changed between the ends of two consecutive periods.
public enum TieChange: UInt8, CaseIterable, Sendable {
    /// Not a tie in either period (below the threshold and not dormant).
    case none = 0
    /// Below the threshold before, at or above it now (first appearance or a reactivation).
    case new
    /// A tie in both periods whose strength changed by less than δ (relative).
    case sustained
    /// A tie in both periods, at least (1 + δ) times stronger.
    case strengthened
    /// A tie before that is at most (1 − δ) as strong now, or that fell below the threshold
    /// without being idle longer than the dormancy gap.
    case weakened
    /// Below the threshold and idle for longer than the dormancy gap, after having been a tie.
    case dormant
    /// Ended according to a survey. Records alone never dissolve a tie; no rule assigns this
    /// class until survey waves say so.
    case dissolved

    public var label: String {
        switch self {
        case .none: return "none"
        case .new: return "new"
        case .sustained: return "sustained"
        case .strengthened: return "strengthened"
        case .weakened: return "weakened"
        case .dormant: return "dormant"
        case .dissolved: return "dissolved"
        }
    }

    /// The classes a timeline counts, in report order.
    public static let counted: [TieChange] = [.new, .sustained, .strengthened, .weakened, .dormant, .dissolved]
}

/// The thresholds that class tie changes (../shared/domain-brief.md §4):
///
/// with θ = `threshold` (the strength at which a pair counts as a tie) and δ = `relativeChange`,
/// for strengths s₀ and s₁ at the ends of two consecutive periods:
///
/// | class | rule |
/// |---|---|
/// | new | s₀ < θ ≤ s₁ |
/// | strengthened | both ≥ θ, s₁ ≥ (1 + δ)·s₀ |
/// | weakened | both ≥ θ, s₁ ≤ (1 − δ)·s₀; or s₀ ≥ θ > s₁ and not idle beyond the gap |
/// | sustained | both ≥ θ otherwise |
/// | dormant | s₁ < θ, a tie at some earlier period end, no record for longer than the gap |
///
/// The dormancy gap of a pair is max(`dormancyMinimumDays`, `dormancyMultiple` × the pair's
/// usual gap), the usual gap being the mean interval between its records so far (pairs with one
/// record have only the minimum).
public struct TieChangeRule: Sendable, Equatable {
    public var threshold: Double
    public var relativeChange: Double
    public var dormancyMultiple: Double
    public var dormancyMinimumDays: Double

    public init(threshold: Double = 0.25, relativeChange: Double = 0.25, dormancyMultiple: Double = 8,
                dormancyMinimumDays: Double = 180) {
        self.threshold = threshold
        self.relativeChange = relativeChange
        self.dormancyMultiple = dormancyMultiple
        self.dormancyMinimumDays = dormancyMinimumDays
    }

    /// The class of a tie whose strength went from `before` to `now`; `wasTie` says whether it
    /// reached the threshold at an earlier period end, `idle` is the time since its last record
    /// and `usualGap` the mean interval between its records (nil with one record), in seconds.
    @inlinable
    public func classify(before s0: Double, now s1: Double, wasTie: Bool, idle: Double, usualGap: Double?) -> TieChange {
        if s1 >= threshold {
            if s0 < threshold { return .new }
            if s1 >= (1 + relativeChange) * s0 { return .strengthened }
            if s1 <= (1 - relativeChange) * s0 { return .weakened }
            return .sustained
        }
        guard wasTie || s0 >= threshold else { return .none }
        let gap = max(dormancyMinimumDays * 86_400, dormancyMultiple * (usualGap ?? 0))
        if idle > gap { return .dormant }
        return s0 >= threshold ? .weakened : .none
    }
}
