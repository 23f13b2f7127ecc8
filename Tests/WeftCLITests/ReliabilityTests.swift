import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import WeftGraph

/// The adversarial trial of issue 19, as tests: Weft's own message for every failure, list
/// options with a repeated name, hostile attribute headers, ids that differ only by invisible
/// characters, outlying dates, huge fields and weights, and pseudonymised record types.
@Suite(.serialized) struct ReliabilityTests {
    let sampleData = WeftRun.repository.appendingPathComponent("SampleData").path

    /// Writes `files` (name → contents) into a new folder `data` under `folder`.
    func dataFolder(_ files: [String: String], in folder: URL) throws -> String {
        let data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: data.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return data.path
    }

    static let interactions = "source,target,timestamp,type\nm1,m2,2024-01-05,call\nm2,m3,2024-02-05,message\nm3,m1,2024-03-05,call\nm3,m2,2024-03-07,call\n"

    /// Phrases of Foundation's and the runtime's own error texts, which must never reach a user alone.
    static let foreignPhrases = ["NSCocoaErrorDomain", "isn’t in the correct format", "isn't in the correct format", "couldn’t be",
                                 "The file", "The operation", "Fatal error", "Swift runtime failure", "Error Domain="]

    @Test func everyFailureNamesItsPlaceInWeftsOwnWords() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try dataFolder(["members.csv": "id,name\nm1,A\nm2,B\nm3,C\n", "interactions.csv": Self.interactions], in: folder)
        let aFile = data + "/members.csv"
        let cases: [[String]] = [
            ["analyze", data, "--out", aFile],
            ["analyze", data, "--out", "/proc/weft-cannot-exist/out"],
            ["validate", data, "--rejects", "/proc/weft-cannot-exist/r.csv"],
            ["validate", "--interactions", data + "/missing.csv"],
            ["metrics", data, "--out", "/proc/version"],
            ["analyze", data, "--out", folder.appendingPathComponent("o").path, "--from", "2030-01-01"],
            ["qap", data, "--dependent", "all", "--predictor", "co-attendance"],
            ["qap", data, "--dependent", "type:call", "--predictor", "all", "--predictor", "window:2024-01-01..2024-12-31"],
            ["analyze", data, "--out", folder.appendingPathComponent("o").path, "--period", "day", "--max-periods", "10"],
        ]
        for arguments in cases {
            let run = try WeftRun(arguments)
            #expect(run.status == 1 || run.status == 0, "\(arguments): \(run.status) \(run.stderr)")
            for phrase in Self.foreignPhrases { #expect(!run.stderr.contains(phrase), "\(arguments): \(run.stderr)") }
            if run.status == 1 { #expect(run.stderr.hasPrefix("error: "), "\(arguments): \(run.stderr)") }
        }
        let constant = try WeftRun(cases[6])
        #expect(constant.stderr.contains("the predictor co-attendance has the same value for every pair"), "\(constant.stderr)")
        let collinear = try WeftRun(cases[7])
        #expect(collinear.status == 1 && collinear.stderr.contains("the predictor window:2024-01-01..2024-12-31 is collinear with all"),
                "\(collinear.stderr)")
        let periods = try WeftRun(cases[8])
        #expect(periods.stderr.contains("makes 63 day periods, more than --max-periods 10"), "\(periods.stderr)")
        // Segments cut snapshots by their config's period (a year by default): SampleData's records
        // span 2022 to 2024, three snapshots.
        let snapshots = try WeftRun(["segments", sampleData, "--out", folder.appendingPathComponent("s").path, "--max-periods", "2"])
        #expect(snapshots.status == 1 && snapshots.stderr.contains("makes 3 segment snapshots, more than --max-periods 2"), "\(snapshots.stderr)")
    }

    @Test func columnsMapsHeadersAndRefusesUnknownNames() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try dataFolder(["interactions.csv": "Who,Whom,When\nm1,m2,2024-01-05\nm2,m3,2024-02-05\n"], in: folder)
        let missing = try WeftRun(["validate", data])
        #expect(missing.status == 1 && missing.stderr.contains("--columns source=HEADER"), "\(missing.stderr)")
        let mapped = try WeftRun(["validate", data, "--columns", "source=Who,target=Whom,timestamp=When"])
        #expect(mapped.status == 0 && mapped.stdout.contains("rows read 2 = accepted 2 + rejected 0"), "\(mapped.stdout)\(mapped.stderr)")
        #expect(try WeftRun(["validate", data, "--columns", "sender=Who"]).status == 2)
        #expect(try WeftRun(["validate", data, "--columns", "source=Who,source=Whom"]).status == 2)
        #expect(try WeftRun(["validate", data, "--columns", "source"]).status == 2)
    }

    @Test func aRepeatedSurveyFlagAddsAFileNeverReplacesIt() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try dataFolder(["interactions.csv": Self.interactions,
                                   "baseline.csv": "respondent,alter,relation,wave\nm1,m2,advice,baseline\n",
                                   "follow-up.csv": "respondent,alter,relation,wave\nm2,m3,advice,follow-up\nm1,m3,advice,follow-up\n"], in: folder)
        let run = try WeftRun(["validate", "--interactions", data + "/interactions.csv", "--survey", data + "/baseline.csv", "--survey", data + "/follow-up.csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.components(separatedBy: "survey: ").count == 3, "\(run.stdout)")
        #expect(run.stdout.contains("rows read 1 = accepted 1 + rejected 0") && run.stdout.contains("rows read 2 = accepted 2 + rejected 0"), "\(run.stdout)")
    }

    @Test func inputTextReachesTheTerminalEscaped() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // An attribute header and a file name holding terminal escape sequences.
        let data = try dataFolder(["members.csv": "id,\u{1B}[2Jcountry\u{07}\nm1,KE\nm2,GH\nm3,KE\n", "interactions.csv": Self.interactions], in: folder)
        for arguments in [["validate", data], ["analyze", data, "--out", folder.appendingPathComponent("o").path]] {
            let run = try WeftRun(arguments)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            #expect(!run.stdout.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }, "\(arguments)")
        }
        #expect(try WeftRun(["validate", data]).stdout.contains("\\u{1B}[2Jcountry\\u{7}"))
    }

    @Test func repeatedNamesInListOptionsAreUsageErrors() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try dataFolder(["members.csv": "id,country\nm1,KE\nm2,KE\nm3,GH\n", "interactions.csv": Self.interactions], in: folder)
        let out = folder.appendingPathComponent("o").path
        let cases: [[String]] = [
            ["analyze", data, "--out", out, "--group-by", "country,country"],
            ["metrics", data, "--group-by", "country,Country"],
            ["segments", data, "--group-by", "country,country"],
            ["ties", data, "--group-by", "country,country"],
            ["analyze", data, "--out", out, "--pseudonymise", "--keep-attributes", "country,country"],
            ["metrics", data, "--pagerank-seeds", "m1,m1"],
            ["analyze", data, "--out", out, "--type-weights", "call=1,call=2"],
            ["analyze", data, "--out", out, "--boundaries", "2024-01-01,2024-01-01"],
            ["analyze", data, "--out", out, "--format", "csv,json,csv"],
            ["metrics", data, "--network", "survey:advice", "--wave-dates", "w1=2024-01-01,w1=2024-02-01"],
            ["qap", data, "--dependent", "all", "--predictor", "type:call", "--predictor", "type:call"],
        ]
        for arguments in cases {
            let run = try WeftRun(arguments)
            #expect(run.status == 2, "\(arguments): \(run.status) \(run.stderr)")
            #expect(run.stderr.contains("twice"), "\(arguments): \(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// Attribute names drawn from formulas, computed column names (in any case), XML specials
    /// and odd Unicode: members.csv's header is neutralised and has no name twice; GraphML and
    /// GEXF declare each attribute once; the computed `degree` is Weft's.
    @Test func attributeHeadersAreNeutralisedAndNeverCollide() throws {
        let pool = ["=HYPERLINK(\"http://x\")", "-cmd", "@x", "+1", "active", "degree", "Degree", "label", "segment",
                    "attr_degree", "<b>&\"'", "pagerank", "größe", "名前", "community", "x y"]
        var random = SeededGenerator(seed: 19)
        for trial in 0..<6 {
            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            var names: [String] = []
            while names.count < 5 {
                let name = pool[random.int(below: pool.count)]
                if !names.contains(where: { $0.lowercased() == name.lowercased() }) { names.append(name) }
            }
            func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            var members = [(["id"] + names).map(quoted).joined(separator: ",")]
            for m in 1...3 { members.append((["m\(m)"] + names.indices.map { "v\($0)-\(m % 2)" }).joined(separator: ",")) }
            let data = try dataFolder(["members.csv": members.joined(separator: "\n") + "\n", "interactions.csv": Self.interactions], in: folder)
            let out = folder.appendingPathComponent("out").path
            let run = try WeftRun(["analyze", data, "--out", out])
            #expect(run.status == 0, "trial \(trial) \(names): \(run.stderr)")
            let header = try String(contentsOfFile: out + "/members.csv", encoding: .utf8).split(separator: "\n")[0]
            let cells = HostileInputTests().cells(String(header) + "\n")
            #expect(Set(cells.map { $0.lowercased() }).count == cells.count, "trial \(trial): \(cells)")
            for cell in cells { #expect(!"=+-@".contains(cell.first ?? " "), "trial \(trial): \(cell)") }
            #expect(cells[5] == "degree")
            for file in ["network.graphml", "network.gexf"] {
                let xml = try String(contentsOfFile: out + "/" + file, encoding: .utf8)
                let declared = xml.components(separatedBy: file.hasSuffix("graphml") ? "attr.name=\"" : "title=\"").dropFirst()
                    .map { String($0.prefix { $0 != "\"" }).lowercased() }
                #expect(Set(declared).count == declared.count, "trial \(trial) \(file): \(declared)")
                #expect(XMLParser(data: Data(xml.utf8)).parse(), "trial \(trial) \(file)")
            }
            let validate = try WeftRun(["validate", data, "--rejects", folder.appendingPathComponent("r.csv").path])
            // (`label` is not an attribute: beside `id` it is the member's name. A second `id` column is a file error.)
            for name in names where ["active", "degree", "segment", "pagerank", "community"].contains(name.lowercased()) {
                #expect(validate.stdout.contains("attribute '\(name)' is written as 'attr_"), "trial \(trial): \(validate.stdout)")
            }
        }
    }

    @Test func idsWithInvisibleCharactersAreRejectedAndIdsStayDistinct() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let odd = ["m2\u{1}", "m2\u{2}", "m2\u{0}", "m2\u{A0}", "m2\u{200B}", "\u{FEFF}m2", "m\u{85}2"]
        var lines = ["source,target,timestamp", "m1,m2,2024-01-05", "m2,m3,2024-01-06"]
        for id in odd { lines.append("\"\(id)\",m3,2024-01-07") }
        let data = try dataFolder(["interactions.csv": lines.joined(separator: "\n") + "\n"], in: folder)
        let out = folder.appendingPathComponent("out").path
        let run = try WeftRun(["analyze", data, "--out", out])
        #expect(run.status == 0, "\(run.stderr)")
        let rejects = try String(contentsOfFile: out + "/rejects.csv", encoding: .utf8)
        for name in ["a control character", "NUL", "a no-break space", "a zero-width character", "a byte-order mark"] {
            #expect(rejects.contains("(\(name))"), "\(name): \(rejects)")
        }
        #expect(rejects.split(separator: "\n").count == 1 + odd.count)
        #expect(!rejects.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })   // no raw NUL or control byte in the CSV
        let graphml = try String(contentsOfFile: out + "/network.graphml", encoding: .utf8)
        let nodes = graphml.components(separatedBy: "<node id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(nodes == ["m1", "m2", "m3"])
        #expect(!run.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func outlyingDatesHugeFieldsAndHugeWeightsAreRejectedWithTheirFlag() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let huge = String(repeating: "x", count: 70_000)
        let lines = ["source,target,timestamp,type,weight", "m1,m2,2024-01-05,call,1", "m2,m3,0001-01-01,call,1",
                     "m2,m3,9999-12-31,call,1", "m2,m3,2024-02-05,\(huge),1", "m3,m1,2024-03-05,call,1e308", "m3,m2,2024-03-07,call,1e12",
                     "m1,m3,2024-03-09,\(String(repeating: "y", count: 2_000_000)),1"]
        let data = try dataFolder(["interactions.csv": lines.joined(separator: "\n") + "\n"], in: folder)
        let rejects = folder.appendingPathComponent("r.csv").path
        let run = try WeftRun(["validate", data, "--rejects", rejects])
        #expect(run.status == 0 && run.stdout.contains("rows read 7 = accepted 2 + rejected 5"), "\(run.stdout)")
        let table = try String(contentsOfFile: rejects, encoding: .utf8)
        #expect(table.contains("interactions.csv,3,3,timestamp,0001-01-01,\"date is before 1900-01-01, the earliest accepted (--earliest-date)\""))
        #expect(table.contains("interactions.csv,4,3,timestamp,9999-12-31,"))
        #expect(table.contains("(--latest-date; default one year after today)"))
        #expect(table.contains("interactions.csv,5,4,type,\(String(repeating: "x", count: 60))…,field of 70000 bytes is longer than the limit of 65536 (--max-field-length)"))
        #expect(table.contains("interactions.csv,6,5,weight,1e308,\"weight is larger than 1000000000000, the largest accepted (--max-weight)\""))
        // A record longer than every field at its limit could make is skipped as it streams past.
        #expect(table.contains("interactions.csv,8,1,source,,\"record of 2000020 bytes is longer than 655375 bytes, so a field in it is longer than the limit (--max-field-length); skipped unread\""))
        #expect(table.utf8.count < 2_000)   // the long field is not copied into the rejects
        let moved = try WeftRun(["validate", data, "--rejects", rejects, "--earliest-date", "0001-01-01", "--latest-date", "9999-12-31",
                                 "--max-field-length", "100000", "--max-weight", "1e15"])
        #expect(moved.stdout.contains("rows read 7 = accepted 5 + rejected 2"), "\(moved.stdout)")
        #expect(try WeftRun(["validate", data, "--max-weight", "1e300"]).status == 2)
    }

    @Test func misleadingMessagesAreFixed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try dataFolder(["interactions.csv": Self.interactions + "m1,m1,2024-04-01,call\n"], in: folder)
        let halfLife = try WeftRun(["analyze", data, "--out", folder.appendingPathComponent("o").path, "--half-life", "-1"])
        #expect(halfLife.status == 2 && halfLife.stderr.contains("--half-life must be a positive number of days"), "\(halfLife.stderr)")
        let strict = try WeftRun(["validate", data, "--strict", "--rejects", folder.appendingPathComponent("r.csv").path])
        #expect(strict.status == 1 && strict.stderr.contains("see \(folder.appendingPathComponent("r.csv").path)"), "\(strict.stderr)")
        // A UTF-16 file: whatever the reader makes of it, no raw control byte reaches the terminal.
        var utf16 = Data([0xFF, 0xFE])
        utf16.append("id,name\nm1,A\n".data(using: .utf16LittleEndian)!)
        let members = folder.appendingPathComponent("members16.csv")
        try utf16.write(to: members)
        let run = try WeftRun(["validate", "--members", members.path, "--rejects", folder.appendingPathComponent("r16.csv").path])
        for text in [run.stdout, run.stderr] {
            #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }, "\(text.debugDescription)")
        }
    }

    @Test func pseudonymisedOutputsHideFreeTextTypesAndNeedARealKey() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try dataFolder(["interactions.csv": Self.interactions + "m1,m3,2024-03-09,call alice.smith\nm1,m3,2024-03-10,Zoom with bob\n"], in: folder)
        let out = folder.appendingPathComponent("out").path
        let run = try WeftRun(["analyze", data, "--out", out, "--pseudonymise", "--tie-threshold", "0.01"])
        #expect(run.status == 0, "\(run.stderr)")
        let ties = try String(contentsOfFile: out + "/ties.csv", encoding: .utf8)
        let report = try String(contentsOfFile: out + "/report.json", encoding: .utf8)
        for text in [ties, report] {
            #expect(!text.contains("alice") && !text.contains("bob"))
            #expect(text.contains("call") && text.contains("type-1") && text.contains("type-2"))
        }
        let key = folder.appendingPathComponent("key").path
        try "k".write(toFile: key, atomically: true, encoding: .utf8)
        let short = try WeftRun(["analyze", data, "--out", out, "--pseudonymise", "--pseudonym-key-file", key])
        #expect(short.status == 2 && short.stderr.contains("a key needs at least 16 (128 bits)"), "\(short.stderr)")
        try String(repeating: "k", count: 16).write(toFile: key, atomically: true, encoding: .utf8)
        #expect(try WeftRun(["analyze", data, "--out", out, "--pseudonymise", "--pseudonym-key-file", key]).status == 0)
    }
}
