import WeftAnalysis

/// How record types (interactions.csv's `type`, and the co-attendance types Weft derives) appear
/// in outputs.
///
/// A type is free text in the input, and people write names into it ("call alice.smith"). In
/// pseudonymised outputs only the types of a fixed safe vocabulary are shown as written (case
/// and surrounding spaces ignored); every other type becomes `type-1`, `type-2`, … numbered in
/// sorted order of the original texts, so the same data gives the same labels and distinct types
/// stay distinct. Without pseudonymisation types are shown as written.
public struct RecordTypeNames: Sendable {
    /// The types shown as written in pseudonymised outputs: the kinds of interaction and
    /// attendance Weft names in its documentation and default type weights.
    public static let safeVocabulary: Set<String> = Set(TimeSettings.defaultTypeWeights.keys).union([
        "message", "email", "chat", "call", "meeting", "visit", "pairing", "mentoring", "co-presenting", "co-authoring",
        "co-attendance", "workshop", "webinar", "presentation", "reply", "mention", "comment", "review",
    ])

    private let pseudonyms: [String: String]

    /// The names for `types` (every type the outputs may show).
    public init(_ types: [String], pseudonymise: Bool) {
        guard pseudonymise else { pseudonyms = [:]; return }
        let unsafe = Set(types.filter { !$0.isEmpty && !RecordTypeNames.isSafe($0) }).sorted()
        pseudonyms = Dictionary(uniqueKeysWithValues: unsafe.enumerated().map { ($1, "type-\($0 + 1)") })
    }

    public static func isSafe(_ type: String) -> Bool {
        safeVocabulary.contains(type.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// The type as the outputs show it.
    public func shown(_ type: String) -> String { pseudonyms[type] ?? type }
}
