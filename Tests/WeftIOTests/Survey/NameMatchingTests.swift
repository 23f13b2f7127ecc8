import Foundation
import Testing
@testable import WeftIO
import WeftGraph

/// A roster built in memory.
func roster(_ people: [(id: String, name: String, email: String)]) -> MemberTable {
    var table = MemberTable()
    for p in people { _ = table.add(id: p.id, name: p.name, email: p.email) }
    return table
}

let surveyRoster = roster([
    ("m01", "Ana Silva", "ana.silva@example.org"), ("m02", "José Ramírez", "jose.ramirez@example.org"),
    ("m03", "Dr. Wanjiru Kamau", "wkamau@example.org"), ("m04", "Nguyễn Thị Lan", "lan.nguyen@example.org"),
    ("m05", "Bo Chen", "bo.chen@example.org"), ("m06", "Fatima Al-Hassan", "fatima@example.org"),
    ("m07", "Jean-Pierre Dubois", "jp.dubois@example.org"),
])

@Suite struct NameMatchingTests {
    struct Pair: Decodable { let a: String; let b: String; let similarity: Double }
    struct Fixture: Decodable { let pairs: [Pair] }

    @Test func jaroWinklerMatchesRapidfuzzAndJellyfish() throws {
        let url = try #require(Bundle.module.url(forResource: "jaro_winkler", withExtension: "json", subdirectory: "Fixtures"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        #expect(fixture.pairs.count >= 40)
        for p in fixture.pairs {
            let s = JaroWinkler.similarity(p.a, p.b)
            #expect(abs(s - p.similarity) <= 1e-12, "JW(\(p.a), \(p.b)) = \(s), reference \(p.similarity)")
            #expect(JaroWinkler.similarity(p.b, p.a) == s)
            #expect(s >= 0 && s <= 1)
        }
    }

    @Test func namesNormaliseCaseAccentsSpacesHonorificsAndWordOrder() {
        #expect(PersonName.key("Dr. Ana  SILVA") == "ana silva")
        #expect(PersonName.key("Silva, Ana") == "ana silva")
        #expect(PersonName.normalised("José Ramírez") == "jose ramirez")
        #expect(PersonName.normalised("Nguyễn Thị Lan") == "nguyen thi lan")
        #expect(PersonName.normalised("Prof. Jean-Pierre O'Neil") == "jean pierre oneil")
        #expect(PersonName.normalised("Mrs.") == "mrs", "a name made only of a title keeps it")
    }

    @Test func everyStageOfTheMatchingOrder() {
        let matcher = NameMatcher(members: surveyRoster)
        func check(_ text: String, _ method: MatchMethod, _ id: String?, sourceLocation: SourceLocation = #_sourceLocation) {
            let m = matcher.match(text)
            #expect(m.method == method, "\(text)", sourceLocation: sourceLocation)
            #expect(m.member.map { surveyRoster.ids[$0] } == id, "\(text)", sourceLocation: sourceLocation)
        }
        check("m05", .id, "m05")
        check(" BO.CHEN@example.org ", .email, "m05")
        check("Silva, Ana", .name, "m01")
        check("jose ramirez", .name, "m02")
        check("Prof Wanjiru Kamau", .name, "m03")
        check("Lan Nguyen Thi", .name, "m04")
        check("Wanjiru Kamou", .fuzzy, "m03")        // JW 0.969
        check("Fatima Alhassan", .fuzzy, "m06")      // JW 0.987 against "fatima al hassan"
        check("W. Kamau", .review, "m03")            // JW 0.908 (sorted words "kamau w")
        check("Jon Pierre Dubois", .review, "m07")   // JW 0.893
        #expect(matcher.match("Bob Smith").method == .unmatched)
        #expect(matcher.match("").method == .unmatched)
        #expect(matcher.match("m99").method == .unmatched)
    }

    @Test func edgeCasesOfNames() {
        let matcher = NameMatcher(members: surveyRoster)
        #expect(matcher.match("  m03 ").method == .id, "ids are trimmed")
        #expect(matcher.match("M03").method != .id, "ids are case-sensitive, as everywhere in Weft")
        #expect(matcher.match("JEAN PIERRE DUBOIS").method == .name, "a hyphen is a space")
        #expect(matcher.match("Dubois, Jean-Pierre").method == .name)
        #expect(matcher.match("Ms Fatima Al Hassan").member == 5)
        // A part in parentheses (Zoom's original name, a country, an organisation) is matched
        // apart from the rest; the match is a name match, listed in the match report (not exact).
        #expect(matcher.match("Nguyen Thi Lan (Vietnam)").method == .name && matcher.match("Nguyen Thi Lan (Vietnam)").member == 3)
        #expect(matcher.match("Nguyen Thi Lan Vietnam").method == .review || matcher.match("Nguyen Thi Lan Vietnam").method == .unmatched,
                "extra words are never matched silently")
        #expect(matcher.match("ana.silva@EXAMPLE.org").method == .email)
        #expect(matcher.match("ana.silva@example.com").method != .email, "a different address is not an email match")
        #expect(matcher.match("Dr.").method == .unmatched)
        #expect(matcher.match(String(repeating: "Ana Silva ", count: 5_000)).method == .unmatched, "no quadratic comparison of a huge cell")
        // Every non-exact outcome carries the candidate and its score for the report.
        let review = matcher.match("W. Kamau")
        #expect(review.score > 0.85 && review.score < 0.93 && review.runnerUp != nil)
    }

    @Test func thresholdsAreConfigurable() {
        let loose = NameMatcher(members: surveyRoster, thresholds: MatchThresholds(auto: 0.90, review: 0.85))
        #expect(loose.match("W. Kamau").method == .fuzzy)
        let strict = NameMatcher(members: surveyRoster, thresholds: MatchThresholds(auto: 0.99, review: 0.98))
        #expect(strict.match("Wanjiru Kamou").method == .unmatched)
        #expect(strict.match("Fatima Alhassan").method == .review)   // JW 0.9875: between 0.98 and 0.99
    }

    @Test func twoMembersWithOneNameAreAmbiguousNeverGuessed() {
        let twins = roster([("a", "Bo Chen", ""), ("b", "Chen Bo", ""), ("c", "Li Wei", ""), ("d", "Li Wei", ""), ("e", "Ana Maria Silva", ""),
                            ("f", "Silva Ana Maria", "")])
        let matcher = NameMatcher(members: twins)
        #expect(matcher.match("li wei").method == .ambiguous, "namesakes")
        #expect(matcher.match("Lii Wei").method == .ambiguous, "tied fuzzy scores")
        #expect(matcher.match("Maria Silva Ana").method == .ambiguous, "the words of two members, in neither's order")
        #expect(!MatchMethod.ambiguous.isMatched)
        // Of two members with the same words, the one in the text's order is the match.
        #expect(matcher.match("chen bo").member == 1)
        #expect(matcher.match("Bo  CHEN").member == 0)
        #expect(matcher.match("Ana Maria Sliva").member == 4, "the same-order score breaks the tie")
        #expect(matcher.match("a").method == .id)
    }

    @Test func reviewDecisionsOverrideEverythingButIds() {
        var matcher = NameMatcher(members: surveyRoster)
        matcher.decide("W. Kamau", member: 2)
        matcher.decide("Bob Smith", member: nil)
        matcher.decide("Ana Silva", member: 4)   // a person's word beats the name stage
        #expect(matcher.match("w kamau") == NameMatch(method: .reviewed, member: 2, score: 1))
        #expect(matcher.match("Bob  Smith").method == .reviewed)
        #expect(matcher.match("Bob Smith").member == nil)
        #expect(matcher.match("Ana Silva").member == 4)
        #expect(matcher.match("m01").member == 0)
    }

    @Test func likertLabelsAndOverrides() throws {
        let scale = LikertScale.standard
        #expect(scale.value(of: "Weekly") == 3)
        #expect(scale.value(of: " strongly  AGREE ") == 5)
        #expect(scale.value(of: "2.5") == 2.5)
        #expect(scale.value(of: "Fortnightly") == nil)
        let custom = try LikertScale.parsing("Fortnightly=2.5, Weekly=4")
        #expect(custom.value(of: "fortnightly") == 2.5)
        #expect(custom.value(of: "Weekly") == 4)
        #expect(custom.value(of: "Daily") == 4)
        #expect(throws: SurveyError.self) { try LikertScale.parsing("Weekly") }
        let folder = try TempFolder()
        let file = try folder.write("scale.csv", "Label,Value\nFortnightly,2.5\n\"Once, maybe\",0.5\n")
        let read = try LikertScale.read(path: file)
        #expect(read.value(of: "fortnightly") == 2.5 && read.value(of: "Once, maybe") == 0.5 && read.value(of: "Weekly") == 3)
        let bad = try folder.write("bad.csv", "label,value\nSoon,often\n")
        #expect(throws: SurveyError.self) { try LikertScale.read(path: bad) }
    }
}
