import ArgumentParser
import Foundation
import WeftIO

/// `--match-names` and its settings: records, attendance and survey files may name members by
/// email or name, resolved as `weft survey import` resolves them (shared by validate, analyze and
/// every command that reads records).
struct NameMatchingFlags: ParsableArguments {
    @Flag(inversion: .prefixedNo, help: "Resolve a member reference that is not a member id by email (ignoring case) or name (normalised, then Jaro–Winkler), as survey import does. Default: on when the members file has a name or email column.")
    var matchNames: Bool?

    @OptionGroup var review: MatchReviewFlag

    @OptionGroup var similarity: MatchThresholdFlags

    /// The loader's settings; `defaultReview` is read when no --match-review is given and it exists.
    func options(defaultReview: String? = nil) -> NameMatchingOptions {
        NameMatchingOptions(enabled: matchNames, thresholds: similarity.thresholds, reviewFile: review.file ?? defaultReview)
    }
}

/// `--match-review FILE`: a match-review.csv whose decisions apply, one option for every command
/// that matches names (validate, analyze and the other readers of records, `weft survey import`
/// and `weft import`). `--review`, the spelling `survey import` and `import` had first, is read as
/// a hidden alias, so that scripts written for it keep working.
struct MatchReviewFlag: ParsableArguments {
    @Option(help: ArgumentHelp("A match-review.csv whose decision column is filled in (a member id, accept, or none); analyze, import and survey import read OUT/match-review.csv when this is not given and it exists.", valueName: "FILE"))
    var matchReview: String?

    @Option(name: .customLong("review"), help: .hidden)
    var reviewAlias: String?

    /// The file given, by either spelling.
    var file: String? { reviewAlias ?? matchReview }

    /// The file given, or else `out`/match-review.csv when it exists (import's and survey import's default).
    func file(orExistingIn out: String) -> String? {
        let inOut = out + "/match-review.csv"
        return file ?? (FileManager.default.fileExists(atPath: inOut) ? inOut : nil)
    }

    func validate() throws {
        if reviewAlias != nil && matchReview != nil { throw ValidationError("give --match-review once (--review is its former spelling)") }
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
