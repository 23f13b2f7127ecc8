import Foundation
import Testing

/// Membership at each survey wave, non-response treatments and composition change, on a small
/// network whose every figure is worked out by hand in the comments.
///
/// Members a–f; c left on 2021-01-01, e joined on 2021-06-01. Wave w1 opened 2020-06-01 (members
/// a, b, c, d, f; a, b and c answered), wave w2 on 2022-01-01 (members a, b, d, e, f; a, d and e
/// answered). Nominations: w1 a→b, b→a, a→d, c→f and b→e (e not yet a member: left out);
/// w2 a→b, d→a, e→f and a→c (c already gone: left out).
@Suite(.serialized) struct SurveyWavesCLITests {
    func json(_ url: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    func network(respondents: Bool = true) throws -> URL {
        let folder = try temporaryFolder()
        try """
        id,name,joined,left
        a,A,2020-01-01,
        b,B,2020-01-01,
        c,C,2020-01-01,2021-01-01
        d,D,2020-01-01,
        e,E,2021-06-01,
        f,F,2020-01-01,

        """.write(to: folder.appendingPathComponent("members.csv"), atomically: true, encoding: .utf8)
        try """
        respondent,alter,relation,wave
        a,b,advice,w1
        b,a,advice,w1
        a,d,advice,w1
        c,f,advice,w1
        b,e,advice,w1
        a,b,advice,w2
        d,a,advice,w2
        e,f,advice,w2
        a,c,advice,w2

        """.write(to: folder.appendingPathComponent("survey.csv"), atomically: true, encoding: .utf8)
        if respondents {
            try """
            respondent,wave,wave_date
            a,w1,2020-06-01
            b,w1,2020-06-01
            c,w1,2020-06-01
            a,w2,2022-01-01
            d,w2,2022-01-01
            e,w2,2022-01-01

            """.write(to: folder.appendingPathComponent("respondents.csv"), atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// (ties, density, reciprocity or nil, average degree, isolates) of a `treatments` row.
    func figures(_ row: [String: Any]) -> (Int, Double, Double?, Double, Int) {
        (row["tie_count"] as! Int, row["density"] as! Double, row["reciprocity"] as? Double, row["average_degree"] as! Double, row["isolates"] as! Int)
    }

    @Test func wavesCountOnlyTheirMembersAndEveryTreatmentIsShown() throws {
        let folder = try network()
        let out = folder.appendingPathComponent("out")
        let run = try WeftRun(["analyze", folder.path, "--network", "survey:advice@w1", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("wave w1 (2020-06-01, date from respondents list) members 5, respondents 3, response rate 60.0%"))
        #expect(run.stdout.contains("1 nomination(s) name members not in the network at wave w1 and are left out"))
        #expect(run.stdout.contains("  reconstruct       6    0.3000       1.0000        2.400         0        0.0000"))
        let s = try #require(try json(out.appendingPathComponent("report.json"))["survey"] as? [String: Any])
        #expect(s["members"] as? Int == 5 && s["respondents"] as? Int == 3 && s["response_rate"] as? Double == 0.6)
        #expect(s["nominations"] as? Int == 5 && s["nominations_of_absent_members"] as? Int == 1)
        #expect((s["warnings"] as! [Any]).isEmpty, "dates and respondents are given")
        let waves = s["response_by_wave"] as! [[String: Any]]
        #expect(waves.map { $0["date"] as? String } == ["2020-06-01", "2022-01-01"])
        #expect(waves.map { $0["date_from"] as? String } == ["respondents list", "respondents list"])
        // Over w1's five members: as reported a→b, b→a, a→d, c→f; reconstruction adds d→a and
        // f→c (d and f did not answer); either: a-b, a-d, c-f; both: a-b only.
        let rows = s["treatments"] as! [[String: Any]]
        #expect(rows.map { $0["treatment"] as! String } == ["directed", "reconstruct", "max", "min"])
        #expect(rows.allSatisfy { $0["members"] as? Int == 5 && $0["respondents"] as? Int == 3 && $0["wave"] as? String == "w1" })
        let expected: [(Int, Double, Double?, Double, Int)] = [(4, 0.2, 0.5, 1.6, 0), (6, 0.3, 1, 2.4, 0), (3, 0.3, nil, 1.2, 0), (1, 0.1, nil, 0.4, 3)]
        for (row, e) in zip(rows, expected) {
            let f = figures(row)
            #expect(f.0 == e.0 && abs(f.1 - e.1) < 1e-12 && f.2 == e.2 && abs(f.3 - e.3) < 1e-12 && f.4 == e.4, "\(row)")
        }
        // The default (response rate 60%) is max: 3 ties of the layer's graph, and figures by wave.
        #expect(s["symmetrisation"] as? String == "max" && s["tie_count"] as? Int == 3)
        let byWave = s["figures_by_wave"] as! [[String: Any]]
        #expect(byWave.map { $0["members"] as! Int } == [5, 5] && byWave.map { $0["tie_count"] as! Int } == [3, 3])
        // responded_<wave>: 1 / 0 for members of the wave, empty for those absent.
        let members = try String(contentsOf: out.appendingPathComponent("members.csv"), encoding: .utf8).split(separator: "\n")
        let header = members[0].split(separator: ",", omittingEmptySubsequences: false)
        let w1 = header.firstIndex(of: "responded_w1")!, w2 = header.firstIndex(of: "responded_w2")!
        let flags = members.dropFirst().map { line -> String in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            return "\(cells[0]):\(cells[w1])/\(cells[w2])"
        }
        #expect(flags == ["a:1/1", "b:1/0", "c:1/", "d:0/1", "e:/1", "f:0/0"])
        let graphml = try String(contentsOf: out.appendingPathComponent("network.graphml"), encoding: .utf8)
        #expect(graphml.contains("attr.name=\"responded_w1\"") && graphml.contains("attr.name=\"responded_w2\""))
    }

    /// `survey.inference` on w1 under max: 5 members, 3 undirected ties (a-b, a-d, c-f), no
    /// triangle. Density is fixed by the CUG draws (null mean 0.3, p = 1 both ways); transitivity
    /// is 0, so every draw is ≥ it, and a draw is ≤ it unless its 3 ties form one of the 10
    /// triangles among the C(10, 3) = 120 graphs: p(≤) = 11/12 within four Monte Carlo standard
    /// errors √((11/12)(1/12)/1000) of 1000 draws. --inference-draws 0 turns it off.
    @Test func inferenceTestsTheWavesFigures() throws {
        let folder = try network()
        let out = folder.appendingPathComponent("out")
        let run = try WeftRun(["analyze", folder.path, "--network", "survey:advice@w1", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let s = try #require(try json(out.appendingPathComponent("report.json"))["survey"] as? [String: Any])
        let i = try #require(s["inference"] as? [String: Any])
        #expect(i["wave"] as? String == "w1" && i["members"] as? Int == 5 && i["tie_count"] as? Int == 3 && i["directed"] as? Bool == false)
        #expect(i["draws"] as? Int == 1000 && i["seed"] as? Int == 42)
        let figures = i["figures"] as! [[String: Any]]
        #expect(Array(figures.map { $0["figure"] as! String }.prefix(2)) == ["density", "transitivity"])
        let density = figures[0], transitivity = figures[1]
        #expect(density["observed"] as? Double == 0.3 && density["null_mean"] as? Double == 0.3 && density["null_sd"] as? Double == 0)
        #expect(density["p_greater_or_equal"] as? Double == 1 && density["p_less_or_equal"] as? Double == 1)
        #expect(transitivity["observed"] as? Double == 0 && transitivity["p_greater_or_equal"] as? Double == 1)
        let p = try #require(transitivity["p_less_or_equal"] as? Double)
        #expect(abs(p - 11.0 / 12) <= 4 * (11.0 / 12 / 12 / 1000).squareRoot(), "\(p)")
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("Survey inference") && html.contains("1,000 random graphs"))
        let off = folder.appendingPathComponent("off")
        #expect(try WeftRun(["analyze", folder.path, "--network", "survey:advice@w1", "--inference-draws", "0", "--out", off.path]).status == 0)
        let o = try #require(try json(off.appendingPathComponent("report.json"))["survey"] as? [String: Any])
        #expect(o["inference"] is NSNull)
    }

    /// (source, target, named_by) of every edge of a network.graphml, with its edge keys.
    func surveyEdges(_ graphml: String) -> [String] {
        graphml.split(separator: "\n").filter { $0.contains("<edge ") }.map { line in
            let fields = line.split(separator: "\"").map(String.init)
            let data = line.components(separatedBy: "<data key=\"e4\">")[1].components(separatedBy: "<")[0]
            return "\(fields[1])-\(fields[3]):\(data)"
        }
    }

    /// Survey edges in GraphML and GEXF say what the survey says: relation, wave and its date,
    /// and who named whom — not placeholder record counts and times. w1 as reported plus
    /// reconstruction: a→b, b→a, a→d and c→f were named by their source; d→a and f→c are filled
    /// in from a's and c's reports (d and f did not answer). Under max: a-b named by both, a-d
    /// by a, c-f by c.
    @Test func surveyEdgesCarryRelationWaveAndWhoNamedWhom() throws {
        let folder = try network()
        let out = folder.appendingPathComponent("out")
        let run = try WeftRun(["analyze", folder.path, "--network", "survey:advice@w1", "--survey-symmetrise", "reconstruct",
                               "--format", "graphml,gexf", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let graphml = try String(contentsOf: out.appendingPathComponent("network.graphml"), encoding: .utf8)
        #expect(surveyEdges(graphml) == ["a-b:source", "a-d:source", "b-a:source", "c-f:source", "d-a:target", "f-c:target"])
        #expect(graphml.contains("<data key=\"e1\">advice</data><data key=\"e2\">w1</data><data key=\"e3\">2020-06-01</data>"))
        #expect(!graphml.contains("first_record") && !graphml.contains("records") && !graphml.contains("1970-01-01"))
        let gexf = try String(contentsOf: out.appendingPathComponent("network.gexf"), encoding: .utf8)
        #expect(gexf.contains("title=\"named_by\"") && !gexf.contains("1970-01-01"))
        // network.json's links say the same, with the record fields null; the file validates.
        let json = folder.appendingPathComponent("json")
        #expect(try WeftRun(["analyze", folder.path, "--network", "survey:advice@w1", "--survey-symmetrise", "reconstruct",
                             "--format", "network", "--out", json.path]).status == 0)
        let network = try JSONSerialization.jsonObject(with: Data(contentsOf: json.appendingPathComponent("network.json"))) as! [String: Any]
        let validator = try JSONSchemaValidator(contentsOf: WeftRun.repository.appendingPathComponent("Schemas/network.schema.json"))
        #expect(validator.validate(network).isEmpty, "\(validator.validate(network).prefix(5))")
        let links = network["links"] as! [[String: Any]]
        #expect(links.map { "\($0["source"]!)-\($0["target"]!):\($0["named_by"]!)" } == surveyEdges(graphml))
        #expect(links.allSatisfy { $0["relation"] as? String == "advice" && $0["wave"] as? String == "w1" && $0["wave_date"] as? String == "2020-06-01" })
        #expect(links.allSatisfy { $0["records"] is NSNull && $0["first_record"] is NSNull && $0["last_record"] is NSNull })
        let max = folder.appendingPathComponent("max")
        #expect(try WeftRun(["analyze", folder.path, "--network", "survey:advice@w1", "--format", "graphml", "--out", max.path]).status == 0)
        let undirected = try String(contentsOf: max.appendingPathComponent("network.graphml"), encoding: .utf8)
        #expect(surveyEdges(undirected) == ["a-b:both", "a-d:source", "c-f:source"])
    }

    /// Segments are the members' property: an interactions run and a survey-layer run write the
    /// same segments.csv, and `survey_in_degree` counts who named each member at the last wave
    /// dated before the window's end. Records run to 2022-03-01, so that wave is w2 (2022-01-01):
    /// a is named by d, b by a, f by e; d and e by nobody; c left before w2 (empty).
    @Test func segmentsAreTheSameOnEveryNetworkAndCountSurveyNominations() throws {
        let folder = try network()
        try """
        source,target,timestamp
        a,b,2021-09-01
        b,d,2021-12-01
        d,e,2022-02-01
        e,f,2022-03-01

        """.write(to: folder.appendingPathComponent("interactions.csv"), atomically: true, encoding: .utf8)
        let interactions = folder.appendingPathComponent("interactions-run"), survey = folder.appendingPathComponent("survey-run")
        let first = try WeftRun(["analyze", folder.path, "--format", "csv", "--out", interactions.path])
        #expect(first.status == 0, "\(first.stderr)")
        let second = try WeftRun(["analyze", folder.path, "--network", "survey:advice@w1", "--format", "csv", "--out", survey.path])
        #expect(second.status == 0, "\(second.stderr)")
        let segments = try String(contentsOf: interactions.appendingPathComponent("segments.csv"), encoding: .utf8)
        #expect(segments == (try String(contentsOf: survey.appendingPathComponent("segments.csv"), encoding: .utf8)))
        let rows = segments.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let column = try #require(rows[0].firstIndex(of: "survey_in_degree"))
        #expect(rows.dropFirst().map { "\($0[0]):\($0[column])" } == ["a:1", "b:1", "c:", "d:0", "e:0", "f:1"])
        // --from/--to select records by date; a survey layer is chosen by its wave.
        let windowed = try WeftRun(["analyze", folder.path, "--network", "survey:advice@w1", "--from", "2021-01-01", "--out", survey.path])
        #expect(windowed.status == 2 && windowed.stderr.contains("a survey layer is chosen by its wave"))
        #expect(try WeftRun(["metrics", folder.path, "--network", "survey:advice", "--to", "2022-01-01"]).status == 2)
    }

    @Test func compositionChangeIsCountedApartFromTieChange() throws {
        let folder = try network()
        let out = folder.appendingPathComponent("out")
        let run = try WeftRun(["analyze", folder.path, "--network", "survey:advice@w2", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let s = try #require(try json(out.appendingPathComponent("report.json"))["survey"] as? [String: Any])
        // Members of both waves: a, b, d, f. Their ties (max): w1 a-b, a-d; w2 a-b, a-d (d→a).
        // e joined with e-f; c left with c-f. Over all members the old count said 1 new, 1 dissolved.
        let change = try #require(s["change_from_previous_wave"] as? [String: Any])
        #expect(change["members_in_both"] as? Int == 4 && change["joined"] as? Int == 1 && change["left"] as? Int == 1)
        #expect(change["new"] as? Int == 0 && change["sustained"] as? Int == 2 && change["dissolved"] as? Int == 0 && change["jaccard"] as? Double == 1)
        #expect(change["joiner_tie_count"] as? Int == 1 && change["leaver_tie_count"] as? Int == 1)
        #expect(run.stdout.contains("since wave w1, among the 4 members of both waves: new 0, sustained 2, dissolved 0, Jaccard 1.0000"))
        #expect(run.stdout.contains("composition change: joined 1 (with 1 ties), left 1 (with 1 ties at wave w1)"))
        // QAP between the waves runs over the four members of both.
        let qapOut = folder.appendingPathComponent("qap.json")
        let qap = try WeftRun(["qap", folder.path, "--dependent", "survey:advice@w2", "--predictor", "survey:advice@w1",
                               "--permutations", "9", "--out", qapOut.path])
        #expect(qap.status == 0, "\(qap.stderr)")
        #expect(qap.stdout.contains("members: 4 of 6, those present at every survey wave named"))
        let result = try json(qapOut)
        #expect(result["members"] as? Int == 4 && result["members_left_out"] as? Int == 2)
        #expect((result["regression"] as! [String: Any])["observations"] as? Int == 12, "4 × 3 ordered dyads")
    }

    @Test func missingDatesAndRespondentsAreSaidLoudly() throws {
        let folder = try network(respondents: false)
        let out = folder.appendingPathComponent("out")
        let run = try WeftRun(["analyze", folder.path, "--network", "survey:advice@w1", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let s = try #require(try json(out.appendingPathComponent("report.json"))["survey"] as? [String: Any])
        let warnings = s["warnings"] as! [[String: Any]]
        #expect(warnings.map { $0["code"] as! String } == ["survey_wave_without_date", "survey_respondents_from_nominations",
                                                           "survey_wave_without_date", "survey_respondents_from_nominations"])
        #expect(run.stdout.contains("warning: survey wave 'w1' has no date (give --wave-dates w1=YYYY-MM-DD or a wave_date column in the respondents list): every member in members.csv was assumed to be a member at this wave"))
        // Every member counts; the nominators are the respondents (a, b, c named someone).
        #expect(s["members"] as? Int == 6 && s["respondents"] as? Int == 3)
        // --wave-dates gives the dates: the date warnings go, the respondents' stay.
        let dated = try WeftRun(["analyze", folder.path, "--network", "survey:advice@w1", "--wave-dates", "w1=2020-06-01,w2=2022-01-01",
                                 "--out", out.path])
        #expect(dated.status == 0, "\(dated.stderr)")
        let t = try json(out.appendingPathComponent("report.json"))["survey"] as! [String: Any]
        #expect(t["members"] as? Int == 5)
        #expect((t["warnings"] as! [[String: Any]]).map { $0["code"] as! String } == ["survey_respondents_from_nominations", "survey_respondents_from_nominations"])
        #expect((t["response_by_wave"] as! [[String: Any]])[0]["date_from"] as? String == "--wave-dates")
    }

    @Test func aWaveWithTwoDatesIsRejected() throws {
        let folder = try network()
        try "respondent,wave,wave_date\na,w1,2020-06-01\nb,w1,2020-06-02\nc,w1,soon\n"
            .write(to: folder.appendingPathComponent("respondents.csv"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let run = try WeftRun(["analyze", folder.path, "--network", "survey:advice@w1", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let rejects = try String(contentsOf: out.appendingPathComponent("rejects.csv"), encoding: .utf8)
        #expect(rejects.contains("wave 'w1' has another date on an earlier row"))
        #expect(rejects.contains("wave_date,soon,not an ISO 8601 date"))
    }

    /// `survey.by_relation`: every wave side by side under one rule, worked by hand. Both waves
    /// answer at 60%, so the rule is max. w1 (a, b, c, d, f): a→b, b→a, a→d, c→f name present
    /// members (4 nominations) → ties a-b, a-d, c-f: density 3/10, average connections 6/5. w2
    /// (a, b, d, e, f): a→b, d→a, e→f → a-b, a-d, e-f: the same. Over a, b, d, f (present at
    /// both): a-b and a-d at both waves: 2 sustained, nothing new or dissolved, nobody's
    /// connections changed. No values: plain nominations.
    @Test func wavesSideBySideUnderOneRule() throws {
        let folder = try network()
        let out = folder.appendingPathComponent("out")
        let run = try WeftRun(["analyze", folder.path, "--network", "survey:advice@w2", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let s = try #require(try json(out.appendingPathComponent("report.json"))["survey"] as? [String: Any])
        #expect(s["symmetrisation"] as? String == "max")
        let relations = s["by_relation"] as! [[String: Any]]
        #expect(relations.count == 1 && relations[0]["relation"] as? String == "advice" && relations[0]["has_values"] as? Bool == false)
        let waves = relations[0]["waves"] as! [[String: Any]]
        #expect(waves.map { $0["wave"] as! String } == ["w1", "w2"])
        #expect(waves.map { $0["members"] as! Int } == [5, 5] && waves.map { $0["respondents"] as! Int } == [3, 3])
        #expect(waves.map { $0["nominations"] as! Int } == [4, 3] && waves.map { $0["tie_count"] as! Int } == [3, 3])
        #expect(waves.map { $0["density"] as! Double } == [0.3, 0.3] && waves.map { $0["average_connections"] as! Double } == [1.2, 1.2])
        #expect(waves.allSatisfy { $0["average_value"] is NSNull && $0["reciprocity"] is NSNull })
        #expect(waves[0]["change"] is NSNull)
        let change = try #require(waves[1]["change"] as? [String: Any])
        #expect(change["from_wave"] as? String == "w1" && change["members_in_both"] as? Int == 4)
        #expect(change["new"] as? Int == 0 && change["sustained"] as? Int == 2 && change["dissolved"] as? Int == 0)
        #expect(change["members_gained"] as? Int == 0 && change["members_lost"] as? Int == 0 && change["average_value_change"] is NSNull)
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<h2>Connections reported in the survey</h2>"))
        #expect(html.contains("<th class=\"r\">w1 (2020-06-01)</th><th class=\"r\">w2 (2022-01-01)</th>"))
        #expect(html.contains("<th class=\"r\">w1 → w2</th>"))
    }

    /// Values, response-rate spread and the rule: the lowest response rate chooses the rule for
    /// every wave, and waves more than 15 points apart are warned about.
    @Test func valuesAndResponseSpread() throws {
        let folder = try temporaryFolder()
        try "id,name,country\na,A,x\nb,B,x\nc,C,y\nd,D,y\ne,E,y\n".write(to: folder.appendingPathComponent("members.csv"), atomically: true, encoding: .utf8)
        // w1: a, b answer (40%); w2: a, b, c, d (80%). Values 1–5.
        try "respondent,alter,relation,value,wave\na,b,advice,4,w1\nb,c,advice,2,w1\na,b,advice,5,w2\nb,a,advice,3,w2\nc,d,advice,2,w2\nd,e,advice,2,w2\n"
            .write(to: folder.appendingPathComponent("survey.csv"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let run = try WeftRun(["analyze", folder.path, "--network", "survey:advice", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let s = try #require(try json(out.appendingPathComponent("report.json"))["survey"] as? [String: Any])
        #expect(s["symmetrisation"] as? String == "max", "the lowest rate, 40%, chooses max for both waves")
        #expect((s["warnings"] as! [[String: Any]]).contains { $0["code"] as? String == "survey_response_rates_differ" })
        let r = (s["by_relation"] as! [[String: Any]])[0]
        #expect(r["has_values"] as? Bool == true && r["group_attribute"] as? String == "country")
        let waves = r["waves"] as! [[String: Any]]
        #expect(waves.map { $0["average_value"] as! Double } == [3, 3])
        #expect(waves[1]["average_value_by_group"] as? [String: Double] == ["x": 4, "y": 2])
        // w1 ties a-b (x-x), b-c (x-y): cross share 1/2, E-I 0; w2 a-b, c-d, d-e: all inside, E-I −1.
        #expect(waves.map { $0["cross_group_share"] as! Double } == [0.5, 0] && waves.map { $0["ei_index"] as! Double } == [0, -1])
        let change = waves[1]["change"] as! [String: Any]
        // a-b sustained, b-c dissolved, c-d and d-e new. Connections a 1 → 1, b 2 → 1 (lost),
        // c 1 → 1, d 0 → 2 and e 0 → 1 (gained).
        #expect(change["new"] as? Int == 2 && change["sustained"] as? Int == 1 && change["dissolved"] as? Int == 1)
        #expect(change["members_gained"] as? Int == 2 && change["members_lost"] as? Int == 1 && change["average_value_change"] as? Double == 0)
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("Average value of ties") && html.contains("survey response rates differ by 40 points"))
    }
}
