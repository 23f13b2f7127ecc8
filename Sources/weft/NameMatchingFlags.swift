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

    @OptionGroup var similarity: MatchThresholdFlags

    /// The loader's settings; `defaultReview` is read when no --match-review is given and it exists.
    func options(defaultReview: String? = nil) -> NameMatchingOptions {
        NameMatchingOptions(enabled: matchNames, thresholds: similarity.thresholds, reviewFile: matchReview ?? defaultReview)
    }
}

/// `--match-auto` and `--match-review-threshold`: the two Jaro–Winkler similarities of name
/// matching (`MatchThresholds`), one option group for every command that matches names — validate,
/// analyze and the other readers of records, `weft survey import` and `weft import`. The spellings
/// `survey import` and `import` had first, `--auto-match` and `--review-threshold`, are read as
/// hidden aliases, so that scripts written for them keep working.
struct MatchThresholdFlags: ParsableArguments {
    @Option(parsing: .unconditional, help: "Jaro–Winkler similarity at or above which a name is matched automatically.")
    var matchAuto = MatchThresholds().auto

    @Option(parsing: .unconditional, help: "Jaro–Winkler similarity at or above which (and below --match-auto) a name waits in match-review.csv.")
    var matchReviewThreshold = MatchThresholds().review

    @Option(name: .customLong("auto-match"), parsing: .unconditional, help: .hidden)
    var autoMatchAlias: Double?

    @Option(name: .customLong("review-threshold"), parsing: .unconditional, help: .hidden)
    var reviewThresholdAlias: Double?

    /// The similarities given, by either spelling.
    var thresholds: MatchThresholds {
        MatchThresholds(auto: autoMatchAlias ?? matchAuto, review: reviewThresholdAlias ?? matchReviewThreshold)
    }

    func validate() throws {
        let t = thresholds
        guard t.auto > 0, t.auto <= 1, t.review > 0, t.review <= t.auto else {
            throw ValidationError("need 0 < --match-review-threshold ≤ --match-auto ≤ 1")
        }
    }
}
