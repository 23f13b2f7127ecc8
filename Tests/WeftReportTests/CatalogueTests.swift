import Foundation
import Testing
import WeftAnalysis
import WeftIO
@testable import WeftReport

/// The placeholders {1}, {2}, … of a catalogue string, sorted.
private func placeholders(_ text: String) -> [String] {
    var found: [String] = [], rest = Substring(text)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
        found.append(String(rest[open...close]))
        rest = rest[rest.index(after: close)...]
    }
    return found.sorted()
}

struct CatalogueTests {
    @Test(arguments: [ReportLanguage.fr, .es, .pt])
    func everyKeyInEveryLanguage(_ language: ReportLanguage) {
        let english = Catalogue.table(.en), other = Catalogue.table(language)
        #expect(Set(other.keys) == Set(english.keys), "missing: \(Set(english.keys).subtracting(other.keys).sorted()), extra: \(Set(other.keys).subtracting(english.keys).sorted())")
        for (key, text) in english {
            #expect(placeholders(other[key] ?? "") == placeholders(text), "\(language) \(key): placeholders differ")
            #expect(!(other[key] ?? "").isEmpty)
        }
    }

    @Test func numbersAndDatesFollowTheLanguage() {
        let fr = ReportLocale.of(.fr), es = ReportLocale.of(.es), pt = ReportLocale.of(.pt), en = ReportLocale.of(.en)
        #expect(en.localise("12345.50") == "12,345.50" && en.localise("-1234") == "-1,234" && en.localise("999.5") == "999.5")
        #expect(fr.localise("12345.50") == "12\u{202F}345,50" && fr.localise("1234") == "1\u{202F}234")
        #expect(es.localise("1234.5") == "1234,5" && es.localise("12345") == "12.345" && es.localise("1234567.25") == "1.234.567,25")
        #expect(pt.localise("1234.5") == "1.234,5" && pt.localise("-0.25") == "-0,25")
        #expect(en.date("2024-12-31T10:00:00Z") == "2024-12-31")
        #expect(fr.date("2024-12-31") == "31 déc. 2024" && fr.date("2022-02-01") == "1 févr. 2022")
        #expect(es.date("2024-09-05") == "5 sept 2024")
        #expect(pt.date("2024-12-31") == "31 de dez. de 2024")
        #expect(fr.date("follow-up") == "follow-up")
        HTMLText.$locale.withValue(fr) {
            #expect(HTMLText.percent(0.4213) == "42,1\u{A0}%")
            #expect(HTMLText.count(2656) == "2\u{202F}656")
            #expect(HTMLText.number(3.14159) == "3,14")
            #expect(HTMLText.coordinate(12.34) == "12.3")   // SVG coordinates stay POSIX
        }
        HTMLText.$locale.withValue(pt) { #expect(HTMLText.percent(0.5) == "50,0%") }
    }

    /// SampleData's report in French: French headings and segment names, and figures in French
    /// conventions. That no English string is left anywhere in the page is checked on the
    /// reports `weft analyze --lang` writes (ReportLanguageTests, with the survey waves).
    @Test func aFrenchReportSpeaksFrench() throws {
        let dataset = try sampleDataset()
        let analysis = try Analysis(dataset: dataset, window: .all, windowLabels: .init(), options: AnalysisOptions())
        let report = analysis.report(version: "test")
        var options = HTMLReport.Options()
        options.language = .fr
        let model = analysis.model(report: report, layout: options, page: true)
        let html = HTMLReport(model: model, options: options, extras: .init(model: model)).render()
        let checked = html
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">"))
        #expect(checked.contains("<h2>En bref</h2>") && checked.contains("<h2>Chiffres clés</h2>") && checked.contains("Plongeurs"))
        // Figures in French conventions: a percentage with a decimal comma and a no-break space.
        #expect(checked.contains(HTMLText.$locale.withValue(.of(.fr)) { HTMLText.percent(report.summary.activeShare!) }))
        #expect(checked.contains(",") && checked.contains("\u{A0}%"))

        // Model texts said from codes and parameters: a warning, and a segment rule (with the
        // page's number and date conventions, as render() sets them).
        try HTMLText.$locale.withValue(.of(.fr)) { try modelTexts(analysis: analysis, report: report, options: options) }
    }

    func modelTexts(analysis: Analysis, report: Report, options: HTMLReport.Options) throws {
        let context = Context(HTMLReport(model: analysis.model(report: report, layout: options, page: true), options: options))
        let partial = DataWarning(code: "partial_last_period", message: "The last period …",
                                  parameters: ["2024-12-01", "2024-12-31", "2024-12-10", "32"])
        #expect(context.warning(partial) == "La dernière période (du 1 déc. 2024 au 31 déc. 2024) est incomplète : les données s’arrêtent le 10 déc. 2024, à 32\u{A0}% de sa durée ; son activité, ses liens et sa rétention paraissent donc faibles à côté de périodes complètes.")
        #expect(context.warning(DataWarning(code: "not_in_the_catalogue", message: "a < b")) == "a &lt; b")
        let encoding = DataWarning(code: "encoding_assumed", severity: .info, file: "présences.csv", message: "présences.csv is not valid UTF-8 …",
                                   parameters: ["présences.csv", "Windows-1252"])
        #expect(context.warning(encoding) == "présences.csv n’est pas un texte UTF-8 valide : il a été lu comme Windows-1252. Si des lettres semblent fausses, indiquez l’encodage avec --encoding.")
        #expect(context.warning(DataWarning(code: "partial_last_period", message: "too few", parameters: ["2024-12-01"])) == "too few")
        let rule = SegmentRule(segment: "crew", conditions: [SegmentCondition(.partners, .atLeast, .percentile(75)), SegmentCondition(.eventShare, .above, .value(0.25)),
                                                             SegmentCondition(.governance)])
        #expect(context.rule(rule) == "interlocuteurs distincts : au moins le 75e centile des membres actifs et part des événements proposés : plus de 0,25 et rôle de gouvernance (renseigné)")
        #expect(context.symmetrisation("max") == "un lien dès que l’un des deux membres a cité l’autre (max)")
    }
}
