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
}
