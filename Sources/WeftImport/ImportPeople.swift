import WeftGraph
import WeftIO

/// The settings every `weft import` shares, whatever its format: who counts, who is left out,
/// what is written of people, and how dates are read. `AttendanceImportSettings` and
/// `InteractionImportSettings` hold one and add their format family's own.
public struct ImportSettings: Sendable {
    public var format: ImportFormat
    /// Keep people not in the roster as members with `guest` = 1 (default: left out and counted).
    public var keepUnmatched = false
    /// Member ids, emails or phone numbers (compared by digits) whose records are left out:
    /// hosts, organisers. Ids and emails are compared case-insensitively.
    public var exclude: [String] = []
    public var thresholds = MatchThresholds()
    /// With a key, every member id written becomes its keyed pseudonym (as `weft analyze
    /// --pseudonymise --pseudonym-key-file` writes it) and names and emails are not written.
    public var pseudonymKey: [UInt8]?
    /// The layout of the export's dates (`--date-format`); nil: detected from the values.
    public var dateFormat: DateFormat?
    /// Records dated before `from` or after `to` (days since 1970-01-01, inclusive; the clock
    /// date the export shows, or the UTC date for UTC times) are skipped; nil: no bound. Read by
    /// the formats whose exports span years (slack, ics).
    public var from: Int64?
    public var to: Int64?

    public init(format: ImportFormat) { self.format = format }

    /// Whether `day` (days since 1970-01-01) lies within `from`…`to`.
    func admits(day: Int64) -> Bool {
        (from.map { day >= $0 } ?? true) && (to.map { day <= $0 } ?? true)
    }
}

/// How the people of an import resolved, whatever the format: the members it created (everyone
/// seen without a roster; guests with `keepUnmatched`), the names for the match files, and how
/// many people matched by email and by phone.
public struct ResolvedPeople: Sendable {
    public var newMembers: [ImportedMember] = []
    public var matches: [SurveyImport.MatchEntry] = []
    /// Distinct people seen (person keys), and those matched by email, by phone, kept as guests.
    public var seen = 0
    public var matchedByEmail = 0
    public var matchedByPhone = 0
    public var guests = 0
}

/// The people side of one import run, shared by `AttendanceImport` and `InteractionImport`:
/// each person resolved once (`PersonResolver`, cached by `Participant.key`), the `exclude`
/// list applied, and ids turned into keyed pseudonyms when a key is set.
struct ImportPeople {
    private var resolver: PersonResolver
    private var resolved: [String: String?] = [:]   // person key → member id (nil: left out)
    private var byParticipant: [Participant: String?] = [:]   // the same, by the participant as seen
    private let excludedTexts: Set<String>
    private let excludedDigits: Set<String>
    private let pseudonymKey: [UInt8]?
    private var pseudonyms: [String: String] = [:]

    init(settings: ImportSettings, roster: MemberTable?, decisions: [ReviewDecision]) {
        resolver = PersonResolver(roster: roster, thresholds: settings.thresholds, decisions: decisions, keepUnmatched: settings.keepUnmatched)
        excludedTexts = Set(settings.exclude.map { $0.lowercased() })
        excludedDigits = Set(settings.exclude.filter(PhoneNumber.looksLikePhone).map(PhoneNumber.digits))
        pseudonymKey = settings.pseudonymKey
    }

    /// The member id of `person` (first seen at `firstSeen`, file:line), or nil when left out.
    /// Looked up first as the participant itself (hashing its fields makes no string, where
    /// `key` lower-cases and joins), then by key.
    mutating func member(_ person: Participant, firstSeen: String) -> String? {
        if let known = byParticipant[person] { return known }
        let key = person.key
        let id = resolved[key] ?? resolver.resolve(person, firstSeen: firstSeen)
        resolved[key] = .some(id)
        byParticipant[person] = .some(id)
        return id
    }

    /// Whether member `id`, seen as `person`, is on the `exclude` list (by id, email or phone).
    func isExcluded(_ id: String, _ person: Participant) -> Bool {
        guard !excludedTexts.isEmpty else { return false }
        return excludedTexts.contains(id.lowercased()) || (!person.email.isEmpty && excludedTexts.contains(person.email.lowercased()))
            || (!person.phone.isEmpty && excludedDigits.contains(PhoneNumber.digits(person.phone)))
    }

    /// The id as written: its keyed pseudonym when a key is set (computed once per member).
    mutating func written(_ id: String) -> String {
        guard let key = pseudonymKey else { return id }
        if let known = pseudonyms[id] { return known }
        let p = Pseudonym.of(id, key: key)
        pseudonyms[id] = p
        return p
    }

    /// What became of the people, with created members pseudonymised (no name, no email) when a key is set.
    var outcome: ResolvedPeople {
        var people = ResolvedPeople(newMembers: resolver.newMembers, matches: resolver.matches, seen: resolved.count,
                                    matchedByEmail: resolver.matchedByEmail, matchedByPhone: resolver.matchedByPhone, guests: resolver.guests)
        if let key = pseudonymKey {
            people.newMembers = people.newMembers.map { ImportedMember(id: Pseudonym.of($0.id, key: key), name: "", email: "", guest: $0.guest) }
        }
        return people
    }
}

/// Keyed pseudonyms, as `weft analyze --pseudonymise --pseudonym-key-file` computes them:
/// `p` + the first 16 hex digits of HMAC-SHA256(key, id), so imports and analyses agree.
public enum Pseudonym {
    public static func of(_ id: String, key: [UInt8]) -> String {
        "p" + SHA256.hex(Array(SHA256.hmac(key: key, message: Array(id.utf8)).prefix(8)))
    }
}
