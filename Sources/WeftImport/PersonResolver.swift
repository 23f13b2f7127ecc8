import WeftIO

/// A member created by an import: everyone seen when there is no roster, and guests.
public struct ImportedMember: Sendable, Equatable {
    public var id: String
    public var name: String
    public var email: String
    public var guest: Bool
}

/// Resolves the people of platform exports to members, for every import format alike: by email
/// (a roster member's email), by phone (the digits of a roster `phone` column), then by the name
/// through the shared `MatchLedger` (so the match report and review file are those of
/// `weft survey import`); without a roster, or for a non-member kept with `keepUnmatched`, one
/// member is created per person key (email, phone, else normalised name).
struct PersonResolver {
    let roster: MemberTable?
    let keepUnmatched: Bool
    private(set) var ledger: MatchLedger?
    private let phones: PhoneBook?
    private var created: [String: String] = [:]   // person key → member id created
    private(set) var newMembers: [ImportedMember] = []
    /// Resolutions by email, by phone, and guests created, one per call.
    private(set) var matchedByEmail = 0, matchedByPhone = 0, guests = 0

    init(roster: MemberTable?, thresholds: MatchThresholds, decisions: [ReviewDecision], keepUnmatched: Bool) {
        self.roster = roster
        self.keepUnmatched = keepUnmatched
        ledger = roster.map { MatchLedger(members: $0, thresholds: thresholds, decisions: decisions) }
        phones = roster.flatMap(PhoneBook.init)
    }

    /// The match entries for the report and review files.
    var matches: [SurveyImport.MatchEntry] { ledger?.entries ?? [] }

    /// The member id of `person` (first seen at `firstSeen`, file:line), or nil when they are left
    /// out: not in the roster without `keepUnmatched`, or waiting for review.
    mutating func resolve(_ person: Participant, firstSeen: String) -> String? {
        if let roster, ledger != nil {
            if !person.email.isEmpty, case let m = ledger!.outcome(of: person.email), m.method == .email, let member = m.member {
                matchedByEmail += 1
                return roster.ids[member]
            }
            if !person.phone.isEmpty, let member = phones?.member(person.phone) {
                matchedByPhone += 1
                return roster.ids[member]
            }
            let text = !person.name.isEmpty ? person.name : !person.email.isEmpty ? person.email : person.phone
            if let m = ledger!.resolve(text, role: "participant", firstSeen: firstSeen) { return roster.ids[m] }
            guard keepUnmatched else { return nil }
        }
        if let id = created[person.key] { return id }
        let id = !person.email.isEmpty ? person.email.lowercased() : !person.phone.isEmpty ? PhoneNumber.digits(person.phone) : person.name
        created[person.key] = id
        newMembers.append(ImportedMember(id: id, name: person.name, email: person.email, guest: roster != nil))
        if roster != nil { guests += 1 }
        return id
    }
}

/// Phone numbers as people write them, compared by their digits.
public enum PhoneNumber {
    /// The digits of `text` (`+44 7700 900123` → `447700900123`).
    public static func digits(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.isASCII && $0.properties.numericType != nil }.map(Character.init))
    }

    /// Whether `text` is written as a phone number: an optional `+`, then digits, spaces, hyphens,
    /// dots and parentheses only, with 7 to 15 digits (ITU-T E.164 allows 15).
    public static func looksLikePhone(_ text: String) -> Bool {
        let t = text.trimmedSpace
        let body = t.hasPrefix("+") ? t.dropFirst() : Substring(t)
        guard !body.isEmpty, body.allSatisfy({ ($0.isASCII && $0.isNumber) || " -.()\u{00A0}\u{202F}".contains($0) }) else { return false }
        return (7...15).contains(digits(String(body)).count)
    }
}

/// The roster's `phone` column, by digits: an export's number matches a member's when the digits
/// are equal, or when the last 9 digits are (a number written with and without its country code,
/// `+44 7700 900123` and `07700 900123`) and no other member shares them.
struct PhoneBook {
    private var exact: [String: Int32] = [:]
    private var tail: [String: Int32?] = [:]   // nil: two members share the last digits
    static let tailDigits = 9

    init?(_ roster: MemberTable) {
        guard let column = roster.attributes.column(named: "phone") else { return nil }
        for i in 0..<roster.count {
            let d = PhoneNumber.digits(column.value(at: i))
            guard d.count >= 7 else { continue }
            exact[d] = Int32(i)
            let t = String(d.suffix(PhoneBook.tailDigits))
            tail[t] = tail[t] == nil ? .some(Int32(i)) : .some(nil)
        }
    }

    func member(_ phone: String) -> Int32? {
        let d = PhoneNumber.digits(phone)
        guard d.count >= 7 else { return nil }
        if let m = exact[d] { return m }
        return tail[String(d.suffix(PhoneBook.tailDigits))] ?? nil
    }
}
