import Foundation
import Testing
@testable import WeftReport

/// report.html in the reader's language (issue 18, item 5), checked on the whole page as
/// `weft analyze --lang` writes it — SampleData with its two survey waves, the survey layer
/// (members hidden, survey warnings) — not only on the parts a unit test renders.
@Suite(.serialized) struct ReportLanguageTests {
    let sampleData = WeftRun.repository.appendingPathComponent("SampleData").path

    /// The pieces of English catalogue text that `language` writes differently: each string
    /// split at its placeholders, pieces of 12 characters or more (shorter ones, such as "E-I"
    /// or "Logo", are the same words in every language or could be data).
    static func englishPieces(unlike language: ReportLanguage) -> [(key: String, piece: String)] {
        let english = Catalogue.table(.en), other = Catalogue.table(language)
        var pieces: [(String, String)] = []
        for (key, text) in english.sorted(by: { $0.key < $1.key }) {
            var rest = Substring(text), parts: [Substring] = []
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                parts.append(rest[..<open])
                rest = rest[rest.index(after: close)...]
            }
            parts.append(rest)
            for part in parts.map(String.init) where part.trimmingCharacters(in: .whitespaces).count >= 12 && !(other[key] ?? "").contains(part) {
                pieces.append((key, part))
            }
        }
        return pieces
    }

    func report(_ arguments: [String]) throws -> String {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try WeftRun(["analyze", sampleData, "--out", out.path, "--format", "html,json"] + arguments)
        #expect(run.status == 0, "\(run.stderr)")
        return try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
    }

    /// No English catalogue text anywhere in the page: text, tooltips, labels, chart axes and
    /// the explorer's script data (where it would be JSON-escaped, which leaves these pieces as
    /// they are but for quotes).
    func expectNoEnglish(_ html: String, _ language: ReportLanguage, _ context: String) -> Int {
        let pieces = Self.englishPieces(unlike: language)
        for (key, piece) in pieces {
            #expect(!html.contains(HTMLText.escape(piece)) && !html.contains(piece), "\(context): English '\(piece)' (\(key))")
        }
        return pieces.count
    }

    @Test(arguments: [ReportLanguage.fr, .es, .pt])
    func sampleDataWithTwoSurveyWavesHasNoEnglish(_ language: ReportLanguage) throws {
        let html = try report(["--lang", language.rawValue])
        #expect(expectNoEnglish(html, language, "SampleData \(language)") > 350)
        let words = Words(language)
        // The parts a leak would most likely hide in are there, in the language.
        for key in ["section.survey", "survey.change.new", "def.waves", "methods.warnings", "chart.tieChange", "tieChange.strengthened", "rule.and"] {
            #expect(html.contains(words(key, ["", "", "", "", "", ""]).components(separatedBy: "{")[0].prefix(20)), "\(language) \(key)")
        }
        #expect(html.contains("<html lang=\"\(language.rawValue)\">"))
    }

    /// The survey layer below 80% response: the hidden-names note, the low-response warning
    /// (said from its code and rate) and the survey rule's reason, in French.
    @Test func aFrenchSurveyLayerReportHasNoEnglish() throws {
        let html = try report(["--lang", "fr", "--network", "survey:advice"])
        #expect(expectNoEnglish(html, .fr, "survey layer") > 350)
        #expect(html.contains("Les membres ne sont pas nommés"))
        #expect(html.contains("taux de réponse de ") && html.contains("n’utilisez les chiffres de l’enquête") || html.contains("lisez chaque chiffre de l’enquête avec prudence"))
        #expect(html.contains("par défaut, une seule règle pour toutes les vagues : le plus bas taux de réponse des 2 vagues"))
    }

    /// The MEL officer's scenario (issue 18): 20 members in 10 countries, named in a
    /// Windows-1252 members file, three webinars, and two survey waves of the collaboration
    /// relation with values, answered by 15 of 20 (75%) and 18 of 20 (90%). One `weft analyze
    /// --lang fr` gives a French report with country groups chosen by default, both waves side by
    /// side with the change between them, and no English; 15 points apart is not "more than 15".
    @Test func theMELOfficersScenarioInFrench() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let countries = ["Kenya", "Ghana", "Pérou", "Népal", "Inde", "Chili", "Malawi", "Sénégal", "Brésil", "Mexique"]
        var members = "id,name,country\n", attendance = "member,event,date,role,topic\n"
        var survey = "respondent,alter,relation,value,wave\n", respondents = "respondent,wave,wave_date\n"
        var interactions = "source,target,timestamp\n"
        for i in 0..<20 { members += "m\(i),Aïcha Membre \(i),\(countries[i % 10])\n" }
        for i in 0..<20 { interactions += "m\(i),m\((i + 1) % 20),2024-0\(2 + i % 3)-1\(i % 10)\nm\(i),m\((i + 7) % 20),2024-03-2\(i % 8)\n" }
        for (e, date) in ["2024-02-06", "2024-03-05", "2024-04-02"].enumerated() {
            for i in 0..<20 where (i + e) % 3 != 0 {
                attendance += "m\(i),webinaire-\(e + 1),\(date),\(i == e ? "presenter" : "attendee"),santé\n"
            }
        }
        for (wave, (date, answered)) in [("baseline", ("2024-01-15", 15)), ("suivi", ("2024-06-15", 18))] {
            for i in 0..<answered {
                respondents += "m\(i),\(wave),\(date)\n"
                let reach = wave == "baseline" ? [1, 2] : [1, 2, 5]
                for step in reach { survey += "m\(i),m\((i + step) % 20),collaboration,\(1 + (i + step) % 3),\(wave)\n" }
            }
        }
        try Data(members.data(using: .windowsCP1252)!).write(to: folder.appendingPathComponent("members.csv"))
        try attendance.write(to: folder.appendingPathComponent("attendance.csv"), atomically: true, encoding: .utf8)
        try interactions.write(to: folder.appendingPathComponent("interactions.csv"), atomically: true, encoding: .utf8)
        try survey.write(to: folder.appendingPathComponent("survey.csv"), atomically: true, encoding: .utf8)
        try respondents.write(to: folder.appendingPathComponent("respondents.csv"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let run = try WeftRun(["analyze", folder.path, "--out", out.path, "--format", "html,json", "--lang", "fr"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as! [String: Any]
        #expect(Set((report["groups"] as! [String: Any]).keys) == ["country"])
        let surveyObject = try #require(report["survey"] as? [String: Any])
        let relation = try #require((surveyObject["by_relation"] as? [[String: Any]])?.first)
        let waves = relation["waves"] as! [[String: Any]]
        #expect(waves.map { $0["wave"] as! String } == ["baseline", "suivi"])
        #expect(waves.map { $0["response_rate"] as! Double } == [0.75, 0.9])
        #expect(relation["has_values"] as? Bool == true && waves[1]["change"] is [String: Any])
        let codes = (surveyObject["warnings"] as! [[String: Any]]).map { $0["code"] as! String }
        #expect(!codes.contains("survey_response_rates_differ"), "75% and 90% are 15 points apart, not more")
        let warnings = ((report["summary"] as! [String: Any])["warnings"] as! [[String: Any]]).map { $0["code"] as! String }
        #expect(warnings.contains("encoding_assumed"))
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(expectNoEnglish(html, .fr, "MEL scenario") > 350)
        #expect(html.contains("n’est pas un texte UTF-8 valide : il a été lu comme"))
        #expect(html.contains("Aïcha Membre"), "names read from Windows-1252")
    }
}
