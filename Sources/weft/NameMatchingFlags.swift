import ArgumentParser
import WeftIO

/// `--match-names` and its settings: records, attendance and survey files may name members by
/// email or name, resolved as `weft survey import` resolves them (shared by validate, analyze and
/// every command that reads records).
struct NameMatchingFlags: ParsableArguments {
    @Flag(inversion: .prefixedNo, help: "Resolve a member reference that is not a member id by email (ignoring case) or name (normalised, then Jaro–Winkler), as survey import does. Default: on when the members file has a name or email column.")
    var matchNames: Bool?

    @Option(help: ArgumentHelp("A match-review.csv whose decision column is filled in (a member id, accept, or none); analyze defaults to OUT/match-review.csv when it exists.", valueName: "FILE"))
    var matchReview: String?

    @Option(parsing: .unconditional, help: "Jaro–Winkler similarity at or above which a name in records is matched automatically.")
    var matchAuto = 0.93

    @Option(parsing: .unconditional, help: "Jaro–Winkler similarity at or above which (and below --match-auto) a name in records waits in match-review.csv.")
    var matchReviewThreshold = 0.85

    func validate() throws {
        guard matchAuto > 0, matchAuto <= 1, matchReviewThreshold > 0, matchReviewThreshold <= matchAuto else {
            throw ValidationError("need 0 < --match-review-threshold ≤ --match-auto ≤ 1")
        }
    }

    /// The loader's settings; `defaultReview` is read when no --match-review is given and it exists.
    func options(defaultReview: String? = nil) -> NameMatchingOptions {
        NameMatchingOptions(enabled: matchNames, thresholds: MatchThresholds(auto: matchAuto, review: matchReviewThreshold),
                            reviewFile: matchReview ?? defaultReview)
    }
}
