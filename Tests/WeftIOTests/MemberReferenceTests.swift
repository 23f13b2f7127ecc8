import Foundation
import Testing
@testable import WeftIO
import WeftGraph

/// Records, attendance and respondents that name members by email or display name (Files/names,
/// written by Files/make_name_fixtures.py as Excel and a survey tool save them) resolve through
/// the survey import's matcher: exact ids, emails and names first, a name that fits two members
/// never guessed, every non-exact match listed, and rows read = accepted + rejected.
@Suite struct MemberReferenceTests {
    static let folder = Bundle.module.url(forResource: "Files", withExtension: nil)!.appendingPathComponent("names").path

    func file(_ name: String) -> String { MemberReferenceTests.folder + "/" + name }

    func load(_ matching: NameMatchingOptions = NameMatchingOptions(), policy: UnknownMemberPolicy = .add,
              interactions: Bool = true, attendance: Bool = false, respondents: Bool = false) throws -> Dataset {
        try DatasetLoader(unknownMembers: policy, nameMatching: matching).load(InputPaths(
            members: file("members.csv"), interactions: interactions ? file("interactions-by-name.csv") : nil,
            attendance: attendance ? file("attendance-by-email.csv") : nil,
            respondents: respondents ? file("respondents-by-email.csv") : nil))
    }

    /// The records as (source id, target id), in file order.
    func pairs(_ d: Dataset) -> [String] {
        (0..<d.interactions.count).map { d.members.ids[d.interactions.source[$0]] + ">" + d.members.ids[d.interactions.target[$0]] }
    }

    @Test func namesAndEmailsInRecordsResolveToMembers() throws {
        let d = try load()
        #expect(d.files[1].rowsRead == 9 && d.files[1].accepted == 6 && d.files[1].rejected == 3)
        #expect(pairs(d) == ["m01>m02", "m01>m02", "m01>m06", "m06>m08", "m08>m01", "Guest Speaker>m01"])
        // Nobody matched "Guest Speaker": added under --unknown-members add, and listed.
        #expect(d.members.addedFromRecords == 1)
        let m = try #require(d.memberMatching)
        #expect(m.rowsWaiting == 3)
        #expect(d.rejects.map(\.line) == [6, 7, 8])
        // Letters lost to an encoding round trip: close, not certain — a person confirms.
        #expect(d.rejects[0].reason == "'F\u{FFFD}tima Concei\u{FFFD}\u{FFFD}o' may be 'm03 Fátima Conceição' (similarity 0.9163): it waits for a decision in match-review.csv")
        #expect(d.rejects[1].reason == "'Mensah' fits 'm05 Joseph Mensah' and 'm04 John Mensah' equally: it waits for a decision in match-review.csv")
        #expect(d.rejects[2].reason.hasPrefix("'J. Mensah' fits 'm0"))
        #expect(d.warnings.map(\.code) == ["names_waiting_for_review"])
        // Listed: every text that is not an exact id, email or name; unmatched ones only when they look like names.
        let listed = m.entries.map { "\($0.role)|\($0.text)|\($0.match.method.rawValue)|\($0.firstSeen)" }
        #expect(listed == [
            "interactions source|Silva, Ana|name|\(file("interactions-by-name.csv")):3:1",
            "interactions target|Kwame A. (Kwame Asante)|name|\(file("interactions-by-name.csv")):3:2",
            "interactions source|Dr. Ana SILVA|name|\(file("interactions-by-name.csv")):4:1",
            "interactions source|Marie Claire Dubois|name|\(file("interactions-by-name.csv")):5:1",
            "interactions target|Tomas Ortega|name|\(file("interactions-by-name.csv")):5:2",
            "interactions source|F\u{FFFD}tima Concei\u{FFFD}\u{FFFD}o|review|\(file("interactions-by-name.csv")):6:1",
            "interactions target|Mensah|ambiguous|\(file("interactions-by-name.csv")):7:2",
            "interactions target|J. Mensah|ambiguous|\(file("interactions-by-name.csv")):8:2",
            "interactions source|Tomas Ortga|fuzzy|\(file("interactions-by-name.csv")):9:1",
            "interactions source|Guest Speaker|unmatched|\(file("interactions-by-name.csv")):10:1",
        ])
        #expect(m.distinct[.email] == 1 && m.distinct[.ambiguous] == 2)
    }

    @Test func aDecisionInTheReviewFileReleasesTheRowsThatWaited() throws {
        let review = try temporaryFile("match-review.csv", """
            text,status,occurrences,first_seen,candidate_id,candidate_name,score,second_id,second_name,second_score,decision
            F\u{FFFD}tima Concei\u{FFFD}\u{FFFD}o,review,1,x,m03,Fátima Conceição,,,,,accept
            Mensah,ambiguous,1,x,m05,Joseph Mensah,,m04,John Mensah,,m05
            J. Mensah,ambiguous,1,x,m04,John Mensah,,m05,Joseph Mensah,,accept
            Guest Speaker,unmatched,1,x,,,,,,,none

            """)
        let d = try load(NameMatchingOptions(reviewFile: review), policy: .reject)
        #expect(d.files[1].rowsRead == 9 && d.files[1].accepted == 8 && d.files[1].rejected == 1)
        #expect(pairs(d) == ["m01>m02", "m01>m02", "m01>m06", "m06>m08", "m03>m07", "m07>m05", "m07>m04", "m08>m01"])
        // "none": nobody in the roster, so --unknown-members reject rejects the row.
        #expect(d.rejects.map(\.reason) == ["unknown member 'Guest Speaker' (not in the members file, by id, email or name)"])
        #expect(d.memberMatching?.decisions.count == 4 && d.memberMatching?.rowsWaiting == 0)
        #expect(d.warnings.isEmpty)
    }

    @Test func attendanceAndRespondentsByEmailFromFrenchExcel() throws {
        let d = try load(interactions: false, attendance: true, respondents: true)
        let attendance = d.files.first { $0.kind == .attendance }!
        #expect(attendance.layout.encoding == .windows1252 && attendance.rowsRead == 6 && attendance.accepted == 6)
        #expect((0..<d.attendance.count).map { d.members.ids[d.attendance.member[$0]] } == ["m01", "m02", "m03", "m06", "m08", "m07"])
        #expect(d.members.count == 8)   // nobody added: every email is a member's
        let wave = UInt16(try #require(d.survey.waves.index(of: "baseline")))
        #expect(d.survey.listedRespondents[wave].map { Set($0.map { d.members.ids[$0] }) } == ["m01", "m02", "m07"])
        // Emails are exact matches (any case): nothing listed, nothing waiting.
        #expect(d.memberMatching?.entries.isEmpty == true && d.memberMatching?.distinct[.email] == 8)
    }

    @Test func matchingOffKeepsReferencesAsIds() throws {
        let d = try load(NameMatchingOptions(enabled: false))
        #expect(d.memberMatching == nil)
        #expect(d.files[1].accepted == 9 && d.members.addedFromRecords == 13)
    }

    @Test func matchingOnWithoutNamesIsAnErrorSayingSo() throws {
        let roster = try temporaryFile("ids.csv", "id,country\nm01,Brazil\n")
        let loader = DatasetLoader(nameMatching: NameMatchingOptions(enabled: true))
        #expect(throws: InputError.self) { try loader.load(InputPaths(members: roster, interactions: file("interactions-by-name.csv"))) }
        // By default, a roster without names or emails simply turns matching off.
        #expect(try DatasetLoader().load(InputPaths(members: roster)).memberMatching == nil)
    }

    @Test func aPartOfANameIsNeverMatchedAutomatically() throws {
        let members = try load(NameMatchingOptions(enabled: false), interactions: false).members
        let matcher = NameMatcher(members: members)
        #expect(matcher.match("Mensah").method == .ambiguous)
        #expect(matcher.match("J Mensah").method == .ambiguous)
        #expect(matcher.match("Yusuf").method == .review && matcher.match("Yusuf").member == 6)
        #expect(matcher.match("A. Yusuf").method == .review)
        #expect(matcher.match("Amina Yusuf").method == .name)
        #expect(NameMatcher.isPart(["j", "mensah"], of: ["john", "mensah"]))
        #expect(!NameMatcher.isPart(["john", "mensah"], of: ["john", "mensah"]))
        #expect(!NameMatcher.isPart(["mensah", "mensah"], of: ["john", "mensah"]))
        // Zoom's "Display (Original)": the parts must not point at two members.
        #expect(matcher.match("Kwame A. (Kwame Asante)").member == 1)
        #expect(matcher.match("Ana Silva (Amina Yusuf)").method == .ambiguous)
    }

    func temporaryFile(_ name: String, _ text: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("weft-names-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
