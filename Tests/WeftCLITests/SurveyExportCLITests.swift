import Foundation
import Testing

/// `weft export siena|statnet`: the files' shapes and codes as RSiena's manual and the network
/// package document them (0/1 ties, NA missing, 10 structural zero; composition change as
/// intervals of presence on the waves' time scale, an even count of increasing times per line).
///
/// The network is SurveyWavesCLITests': a–f, c left on 2021-01-01, e joined on 2021-06-01; wave
/// w1 (2020-06-01) answered by a, b, c; wave w2 (2022-01-01) by a, d, e. Nominations: w1 a→b, b→a,
/// a→d, c→f, b→e (e not yet a member); w2 a→b, d→a, e→f, a→c (c already gone). Teams: a, b, f x;
/// c, d, e y.
@Suite(.serialized) struct SurveyExportCLITests {
    func network() throws -> URL {
        let folder = try temporaryFolder()
        try "id,name,joined,left,team\na,A,2020-01-01,,x\nb,B,2020-01-01,,x\nc,C,2020-01-01,2021-01-01,y\nd,D,2020-01-01,,y\ne,E,2021-06-01,,y\nf,F,2020-01-01,,x\n"
            .write(to: folder.appendingPathComponent("members.csv"), atomically: true, encoding: .utf8)
        try "respondent,alter,relation,wave\na,b,advice,w1\nb,a,advice,w1\na,d,advice,w1\nc,f,advice,w1\nb,e,advice,w1\na,b,advice,w2\nd,a,advice,w2\ne,f,advice,w2\na,c,advice,w2\n"
            .write(to: folder.appendingPathComponent("survey.csv"), atomically: true, encoding: .utf8)
        try "respondent,wave,wave_date\na,w1,2020-06-01\nb,w1,2020-06-01\nc,w1,2020-06-01\na,w2,2022-01-01\nd,w2,2022-01-01\ne,w2,2022-01-01\n"
            .write(to: folder.appendingPathComponent("respondents.csv"), atomically: true, encoding: .utf8)
        return folder
    }

    func text(_ folder: URL, _ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// A whitespace-separated matrix file as rows of cells.
    func cells(_ folder: URL, _ name: String) throws -> [[String]] {
        try text(folder, name).split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    }

    @Test func sienaFilesCarryTheDocumentedCodes() throws {
        let folder = try network()
        let out = folder.appendingPathComponent("siena")
        let run = try WeftRun(["export", "siena", folder.path, "--relation", "advice", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("siena export of survey:advice: 6 actors (members at one wave at least), 2 wave(s)"))
        #expect(try text(out, "actors.csv") == "row,id,responded_w1,responded_w2\n1,a,1,1\n2,b,1,0\n3,c,1,\n4,d,0,1\n5,e,,1\n6,f,0,0\n")
        #expect(try text(out, "waves.csv") == "wave,label,date,members,respondents\n1,w1,2020-06-01,5,3\n2,w2,2022-01-01,5,3\n")
        // Rows are senders. d and f did not answer w1: their rows are NA; e was not yet a member: 10.
        #expect(try cells(out, "network-w1.txt") == [
            ["0", "1", "0", "1", "10", "0"],
            ["1", "0", "0", "0", "10", "0"],
            ["0", "0", "0", "0", "10", "1"],
            ["NA", "NA", "NA", "0", "10", "NA"],
            ["10", "10", "10", "10", "0", "10"],
            ["NA", "NA", "NA", "NA", "10", "0"],
        ])
        #expect(try cells(out, "network-w2.txt") == [
            ["0", "1", "10", "0", "0", "0"],
            ["NA", "0", "10", "NA", "NA", "NA"],
            ["10", "10", "0", "10", "10", "10"],
            ["1", "0", "10", "0", "0", "0"],
            ["0", "0", "10", "0", "0", "1"],
            ["NA", "NA", "10", "NA", "NA", "0"],
        ])
        // c left 214 of the 579 days between the waves after w1; e joined 365 days after it.
        #expect(try text(out, "composition.txt") == "1 2\n1 2\n1 1.3696\n1 2\n1.6304 2\n1 2\n")
        for line in try cells(out, "composition.txt") {
            let times = line.map { Double($0)! }
            #expect(times.count % 2 == 0 && times == times.sorted() && times.allSatisfy { $0 >= 1 && $0 <= 2 })
        }
        #expect(try text(out, "constant-covariates.csv") == "team\n1\n1\n2\n2\n2\n1\n")
        #expect(try text(out, "covariate-codes.csv") == "attribute,code,label\nteam,1,x\nteam,2,y\n")
        // One column per period (waves − 1): 152 days of membership at w1 (2020 is a leap year).
        #expect(try text(out, "tenure.txt") == "0.4162\n0.4162\n0.4162\n0.4162\nNA\n0.4162\n")
        let script = try text(out, "load.R")
        #expect(script.contains("sienaDependent(array(unlist(nets), dim = c(n, n, length(nets))))"))
        #expect(script.contains("sienaCompositionChangeFromFile(\"composition.txt\")"))
        #expect(script.contains("data <- sienaDataCreate(survey, composition, cov1, tenure)"))
        let edges = try text(out, "edges.csv").split(separator: "\n")
        #expect(edges.first == "respondent,alter,relation,wave,value,alter_present" && edges.count == 10)
        #expect(edges.contains("b,e,advice,w1,1,0") && edges.contains("a,b,advice,w2,1,1"))
    }

    @Test func statnetFilesHoldEachWavesMembers() throws {
        let folder = try network()
        let out = folder.appendingPathComponent("statnet")
        let run = try WeftRun(["export", "statnet", folder.path, "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        // w1's members a, b, c, d, f; w2's a, b, d, e, f. NA rows: the non-respondents.
        #expect(try cells(out, "network-w1.txt") == [
            ["0", "1", "0", "1", "0"],
            ["1", "0", "0", "0", "0"],
            ["0", "0", "0", "0", "1"],
            ["NA", "NA", "NA", "0", "NA"],
            ["NA", "NA", "NA", "NA", "0"],
        ])
        #expect(try cells(out, "network-w2.txt") == [
            ["0", "1", "0", "0", "0"],
            ["NA", "0", "NA", "NA", "NA"],
            ["1", "0", "0", "0", "0"],
            ["0", "0", "0", "0", "1"],
            ["NA", "NA", "NA", "NA", "0"],
        ])
        let vertices = try text(out, "vertices-w2.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(2).joined(separator: ",") }
        #expect(vertices == ["id,responded", "a,1", "b,0", "d,1", "e,1", "f,0"])
        let script = try text(out, "load.R")
        #expect(script.contains("network(m, directed = TRUE, matrix.type = \"adjacency\")"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("composition.txt").path))
    }

    @Test func badRequestsAreUsageErrors() throws {
        let folder = try network()
        let out = folder.appendingPathComponent("x").path
        #expect(try WeftRun(["export", "siena", folder.path, "--relation", "trust", "--out", out]).status == 2)
        #expect(try WeftRun(["export", "gephi", folder.path, "--out", out]).status == 2)
        #expect(try WeftRun(["export", "siena", folder.path, "--wave-dates", "w1=soon", "--out", out]).status == 2)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("survey.csv"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("respondents.csv"))
        let none = try WeftRun(["export", "siena", folder.path, "--out", out])
        #expect(none.status == 1 && none.stderr.contains("no survey data"))
    }
}
