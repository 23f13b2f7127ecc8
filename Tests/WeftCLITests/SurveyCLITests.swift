import Foundation
import Testing

/// `weft survey import`, and survey layers in `analyze`, `metrics` and `qap`.
@Suite(.serialized) struct SurveyCLITests {
    let sampleData = WeftRun.repository.appendingPathComponent("SampleData").path
    let exports = WeftRun.repository.appendingPathComponent("Tests/WeftIOTests/Survey/Exports").path

    func json(_ url: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    @Test func importWritesTheLongFormAndAppliesTheReviewFile() throws {
        let out = try temporaryFolder()
        let args = ["survey", "import", exports + "/long.csv", "--members", exports + "/members.csv", "--format", "long", "--out", out.path]
        let first = try WeftRun(args)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("rows read 12 = accepted 10 + rejected 2"))
        let survey = try String(contentsOf: out.appendingPathComponent("survey.csv"), encoding: .utf8)
        #expect(survey == "respondent,alter,relation,value,wave\nm01,m02,advice,3,baseline\nm01,m03,advice,3,baseline\nm02,m06,collaboration,1,baseline\nm01,m02,advice,4,follow-up\n")
        let report = try String(contentsOf: out.appendingPathComponent("match-report.csv"), encoding: .utf8)
        #expect(report.hasPrefix("role,text,occurrences,first_seen,method,member_id,member_name,score,second_id,second_name,second_score\n"))
        #expect(report.contains(",W. Kamau,1,") && report.contains(",review,m03,Dr. Wanjiru Kamau,0.9077,"))
        let rejects = try String(contentsOf: out.appendingPathComponent("rejects.csv"), encoding: .utf8)
        #expect(rejects.split(separator: "\n").count == 3)
        // A person accepts the candidate for W. Kamau; the next run applies it by itself.
        let reviewURL = out.appendingPathComponent("match-review.csv")
        let review = try String(contentsOf: reviewURL, encoding: .utf8).split(separator: "\n").map { line in
            line.hasPrefix("W. Kamau,") ? line + "accept" : String(line)
        }.joined(separator: "\n") + "\n"
        try review.write(to: reviewURL, atomically: true, encoding: .utf8)
        let second = try WeftRun(args)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("applied 1 review decision(s)"))
        let after = try String(contentsOf: out.appendingPathComponent("survey.csv"), encoding: .utf8)
        #expect(after.hasSuffix("m06,m03,advice,2,follow-up\n"))
        #expect(try String(contentsOf: reviewURL, encoding: .utf8).contains("W. Kamau,decided,"))
        // The decisions apply from anywhere with --match-review (or --review, its first spelling).
        for option in ["--match-review", "--review"] {
            let elsewhere = try temporaryFolder()
            let args = ["survey", "import", exports + "/long.csv", "--members", exports + "/members.csv", "--format", "long", "--out", elsewhere.path]
            let run = try WeftRun(args + [option, reviewURL.path])
            #expect(run.stdout.contains("applied 1 review decision(s) from \(reviewURL.path)"), "\(run.stderr)")
            #expect(try String(contentsOf: elsewhere.appendingPathComponent("survey.csv"), encoding: .utf8) == after)
        }
        // --strict fails while names wait or rows are rejected; usage errors exit 2.
        #expect(try WeftRun(args + ["--strict"]).status == 1)
        #expect(try WeftRun(args + ["--auto-match", "0.5"]).status == 2)
        #expect(try WeftRun(args + ["--match-auto", "0.5"]).status == 2)
        #expect(try WeftRun(["survey", "import", exports + "/long.csv", "--members", exports + "/members.csv",
                             "--format", "nosuch", "--out", out.path]).status == 2)
        let missing = try WeftRun(["survey", "import", exports + "/kumu.csv", "--members", exports + "/members.csv",
                                   "--format", "kumu", "--respondent-column", "Nobody", "--out", out.path])
        #expect(missing.status == 1 && missing.stderr.contains("no column 'Nobody'"))
    }

    /// Two waves exported apart (Qualtrics, made by Exports/make_layouts.py), converted in one run.
    @Test func importTakesSeveralExportsEachWithItsWave() throws {
        let out = try temporaryFolder()
        let files = [exports + "/qualtrics-form-field.csv", exports + "/qualtrics-form-field-numeric.csv"]
        let base = ["survey", "import"] + files + ["--members", exports + "/members.csv", "--format", "qualtrics", "--out", out.path]
        let run = try WeftRun(base + ["--wave", "baseline", "--wave", "follow-up"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("rows read 6 = accepted 6 + rejected 0"))
        #expect(run.stdout.contains("qualtrics exports \(files[0]), \(files[1]): \(files[0]): respondent: 'RecipientEmail (Recipient Email)'"))
        let survey = try String(contentsOf: out.appendingPathComponent("survey.csv"), encoding: .utf8).split(separator: "\n")
        #expect(survey.filter { $0.hasSuffix(",baseline") }.count == 11 && survey.filter { $0.hasSuffix(",follow-up") }.count == 12)
        #expect(survey.contains("m02,m05,advice,1,follow-up"))   // Never, exported as its recode value 1
        let respondents = try String(contentsOf: out.appendingPathComponent("respondents.csv"), encoding: .utf8)
        #expect(respondents.split(separator: "\n").count == 7)
        // Without a wave for each, the second export would join the first's wave: refused.
        let unlabelled = try WeftRun(base)
        #expect(unlabelled.status == 1 && unlabelled.stderr.contains("several exports were given and this one has no wave column"))
        #expect(try WeftRun(base + ["--wave", "baseline"]).status == 2)
    }

    @Test func analyzeASurveyLayerWithTheResponseRate() throws {
        let out = try temporaryFolder()
        let run = try WeftRun(["analyze", sampleData, "--network", "survey:advice", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("survey advice, wave follow-up: response rate"))
        #expect(run.stdout.contains("warning: response rate"))
        let report = try json(out.appendingPathComponent("report.json"))
        let survey = try #require(report["survey"] as? [String: Any])
        #expect(survey["wave"] as? String == "follow-up")
        #expect(survey["waves"] as? [String] == ["baseline", "follow-up"])
        let rate = try #require(survey["response_rate"] as? Double)
        #expect(abs(rate - Double(survey["respondents"] as! Int) / Double(survey["members"] as! Int)) < 1e-12)
        #expect(rate < 0.8 && survey["symmetrisation"] as? String == "max", "below 80% the default is max")
        #expect((survey["symmetrisation_reason"] as! String).hasPrefix("default"))
        let byCountry = try #require((survey["response_by_group"] as? [String: Any])?["country"] as? [String: [String: Any]])
        #expect(byCountry.values.map { $0["respondents"] as! Int }.reduce(0, +) == survey["respondents"] as? Int)
        #expect((survey["response_by_wave"] as! [[String: Any]]).count == 2)
        let change = try #require(survey["change_from_previous_wave"] as? [String: Any])
        #expect(change["from_wave"] as? String == "baseline")
        #expect((report["graph"] as! [String: Any])["directed"] as? Bool == false)
        // SampleData's respondents.csv gives who answered and each wave's date: only members in
        // the network that day count, so the rates are docs/sample-data.md's 75% and 70%.
        let byWave = survey["response_by_wave"] as! [[String: Any]]
        #expect(byWave.map { "\($0["respondents"]!)/\($0["members"]!) \($0["date"]!) \($0["date_from"]!)" }
                == ["92/123 2022-06-13 respondents list", "197/282 2024-06-10 respondents list"])
        #expect(survey["respondents_from"] as? String == "respondents list" && (survey["warnings"] as! [Any]).isEmpty)
        // --wave-dates overrides the list's dates: a day before anyone joined leaves only the respondents.
        let dated = try WeftRun(["analyze", sampleData, "--network", "survey:advice", "--wave-dates", "follow-up=2020-01-01",
                                 "--out", out.path])
        #expect(dated.status == 0, "\(dated.stderr)")
        let datedSurvey = try json(out.appendingPathComponent("report.json"))["survey"] as! [String: Any]
        #expect(datedSurvey["respondents"] as? Int == 197 && datedSurvey["members"] as? Int == 197)
        #expect(try WeftRun(["analyze", sampleData, "--network", "survey:advice", "--wave-dates", "baseline=soon", "--out", out.path]).status == 2)
        #expect(report["time"] is NSNull, "waves, not calendar periods, cut survey layers")
        // An explicit choice is kept and said so; the baseline wave has no previous wave.
        let directed = try WeftRun(["analyze", sampleData, "--network", "survey:advice+collaboration@baseline",
                                    "--survey-symmetrise", "directed", "--out", out.path])
        #expect(directed.status == 0, "\(directed.stderr)")
        let again = try json(out.appendingPathComponent("report.json"))["survey"] as! [String: Any]
        #expect(again["symmetrisation"] as? String == "directed" && again["change_from_previous_wave"] is NSNull)
        #expect((again["symmetrisation_reason"] as! String).contains("--survey-symmetrise"))
        // Interactions networks analyse the survey beside them with no flag (every relation, last
        // wave, each relation's waves side by side); unknown relations and waves are usage errors.
        let plain = try WeftRun(["analyze", sampleData, "--out", out.path])
        #expect(plain.status == 0)
        let plainReport = try json(out.appendingPathComponent("report.json"))
        let beside = try #require(plainReport["survey"] as? [String: Any])
        #expect(beside["relations"] as? [String] == ["advice", "collaboration"] && beside["wave"] as? String == "follow-up")
        #expect((beside["by_relation"] as! [[String: Any]]).map { ($0["waves"] as! [[String: Any]]).map { $0["wave"] as! String } }
                == [["baseline", "follow-up"], ["baseline", "follow-up"]])
        #expect(plain.stdout.contains("survey advice by wave (max):"))
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<h2>Connections reported in the survey</h2>") && html.contains("Two views of the same 300 members"))
        #expect(try WeftRun(["analyze", sampleData, "--network", "survey:nosuch", "--out", out.path]).status == 2)
        #expect(try WeftRun(["analyze", sampleData, "--network", "survey:advice@wave9", "--out", out.path]).status == 2)
        #expect(try WeftRun(["analyze", sampleData, "--survey-symmetrise", "min", "--out", out.path]).status == 2)
        #expect(try WeftRun(["timeline", sampleData, "--network", "survey:advice"]).status == 2)
        let validate = try WeftRun(["validate", sampleData, "--rejects", out.appendingPathComponent("rejects.csv").path])
        #expect(validate.stdout.contains("survey nominations: 1560 (relations: advice, collaboration; waves: baseline, follow-up)"))
    }

    @Test func responseRateThresholdsSetTheDefault() throws {
        let folder = try temporaryFolder()
        try "id,name,team\na,A,x\nb,B,x\nc,C,y\nd,D,y\ne,E,y\n".write(to: folder.appendingPathComponent("members.csv"), atomically: true, encoding: .utf8)
        // Wave w1: a, b, c, d answer (80%); wave w2: a, b, c (60%).
        try "respondent,alter,relation,wave\na,b,advice,w1\nb,a,advice,w1\nc,e,advice,w1\nd,a,advice,w1\na,b,advice,w2\nb,c,advice,w2\nc,a,advice,w2\n"
            .write(to: folder.appendingPathComponent("survey.csv"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let w1 = try WeftRun(["analyze", folder.path, "--network", "survey:advice@w1", "--out", out.path])
        #expect(w1.status == 0, "\(w1.stderr)")
        var s = try json(out.appendingPathComponent("report.json"))["survey"] as! [String: Any]
        #expect(s["response_rate"] as? Double == 0.8 && s["confidence"] as? String == "all uses" && s["warning"] is NSNull)
        // One rule for every wave, from the lowest response rate (w2, 60%): max, even at w1's 80%.
        #expect(s["symmetrisation"] as? String == "max")
        #expect((s["symmetrisation_reason"] as! String).contains("lowest response rate over the 2 waves, 60% (wave w2)"))
        let team = (s["response_by_group"] as! [String: [String: [String: Any]]])["team"]!
        #expect(team["x"]?["response_rate"] as? Double == 1 && team["y"]?["respondents"] as? Int == 2)
        #expect(try WeftRun(["analyze", folder.path, "--network", "survey:advice@w2", "--out", out.path]).status == 0)
        s = try json(out.appendingPathComponent("report.json"))["survey"] as! [String: Any]
        #expect(s["response_rate"] as? Double == 0.6 && s["confidence"] as? String == "caution")
        #expect(s["symmetrisation"] as? String == "max" && (s["warning"] as! String).contains("below 65%"))
        let change = s["change_from_previous_wave"] as! [String: Any]
        // Undirected (max) ties: w1 {a-b, c-e, a-d}, w2 {a-b, b-c, a-c}: 1 sustained, 2 new, 2 dissolved.
        #expect(change["sustained"] as? Int == 1 && change["new"] as? Int == 2 && change["dissolved"] as? Int == 2)
        // A respondents list adds e (named nobody) to w2: 80%.
        try "respondent,wave\na,w2\nb,w2\nc,w2\ne,w2\n".write(to: folder.appendingPathComponent("respondents.csv"), atomically: true, encoding: .utf8)
        #expect(try WeftRun(["analyze", folder.path, "--network", "survey:advice@w2", "--out", out.path]).status == 0)
        s = try json(out.appendingPathComponent("report.json"))["survey"] as! [String: Any]
        #expect(s["response_rate"] as? Double == 0.8 && s["respondents_from"] as? String == "respondents list")
        // Pseudonymised, only kept attributes show their groups.
        #expect(try WeftRun(["analyze", folder.path, "--network", "survey:advice@w2", "--pseudonymise", "--out", out.path]).status == 0)
        s = try json(out.appendingPathComponent("report.json"))["survey"] as! [String: Any]
        #expect((s["response_by_group"] as! [String: Any]).isEmpty)
        #expect(try WeftRun(["analyze", folder.path, "--network", "survey:advice@w2", "--pseudonymise", "--keep-attributes", "team",
                             "--out", out.path]).status == 0)
        s = try json(out.appendingPathComponent("report.json"))["survey"] as! [String: Any]
        #expect((s["response_by_group"] as! [String: Any]).keys.sorted() == ["team"])
        // metrics states the rate on stderr beside its table.
        let metrics = try WeftRun(["metrics", folder.path, "--network", "survey:advice@w2"])
        #expect(metrics.status == 0 && metrics.stderr.contains("response rate 80.0%"))
    }

    /// `weft qap --binary` fits the logistic model and the JSON says what produced it: the binary,
    /// the command line with relative paths, the settings, each input's SHA-256 (the same as
    /// report.json's) and the response rate of each survey wave compared. Predictor names are
    /// printed in full, however long.
    @Test func qapRecordsProvenanceAndFitsLogisticModels() throws {
        let out = try temporaryFolder()
        let file = out.appendingPathComponent("qap.json")
        let long = "window:2022-01-01..2024-12-31"
        let run = try WeftRun(["qap", sampleData, "--dependent", "survey:advice@follow-up", "--predictor", "survey:advice@baseline",
                               "--predictor", long, "--binary", "--permutations", "19", "--out", file.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Logistic MR-QAP (double semi-partialling) survey:advice@follow-up: deviance "))
        #expect(run.stdout.contains("  " + long + " ") && run.stdout.contains("p(|z|)"))
        let result = try json(file)
        let schema = try JSONSchemaValidator(contentsOf: WeftRun.repository.appendingPathComponent("Schemas/qap.schema.json"))
        #expect(schema.validate(result).isEmpty, "\(schema.validate(result).prefix(5))")
        let regression = try #require(result["regression"] as? [String: Any])
        #expect(regression["model"] as? String == "logistic" && regression["r_squared"] is NSNull && regression["deviance"] is Double)
        #expect(result["correlation"] is NSNull)
        #expect((result["generator"] as? [String: Any])?["commit"] as? String == "not recorded at build time")
        let arguments = try #require(result["arguments"] as? [String])
        #expect(arguments.prefix(2) == ["qap", "."] && !arguments.contains("--out") && !arguments.contains(file.path))
        #expect((result["settings"] as? [String: Any])?["unknown_members"] as? String == "add")
        // The inputs' hashes are report.json's.
        let report = out.appendingPathComponent("report")
        #expect(try WeftRun(["analyze", sampleData, "--format", "json", "--out", report.path]).status == 0)
        let reported = try json(report.appendingPathComponent("report.json"))
        func hashes(_ inputs: Any?) -> [String: String] {
            Dictionary(uniqueKeysWithValues: (inputs as! [[String: Any]]).map { ($0["path"] as! String, $0["sha256"] as! String) })
        }
        #expect(hashes(result["inputs"]) == hashes(reported["inputs"]) && hashes(result["inputs"]).count == 5)
        let rates = try #require(result["response_rates"] as? [[String: Any]])
        #expect(rates.map { $0["wave"] as! String } == ["follow-up", "baseline"])
        let byWave = (reported["survey"] as! [String: Any])["response_by_wave"] as! [[String: Any]]
        for rate in rates {
            let wave = try #require(byWave.first { $0["wave"] as? String == rate["wave"] as? String })
            #expect(rate["respondents"] as? Int == wave["respondents"] as? Int && rate["members"] as? Int == wave["members"] as? Int)
        }
    }

    /// Numeric attributes as predictors: |v_i − v_j|, v_i and v_j, over the members with a number.
    @Test func qapTakesNumericDifferencesAndSenderReceiverEffects() throws {
        let folder = try temporaryFolder()
        try "id,years\na,1\nb,4\nc,2,5\nd,n/a\ne,7\n".replacingOccurrences(of: "c,2,5", with: "c,\"2,5\"")
            .write(to: folder.appendingPathComponent("members.csv"), atomically: true, encoding: .utf8)
        try "source,target,timestamp\na,b,2024-01-01\nb,c,2024-01-02\nc,e,2024-01-03\ne,a,2024-01-04\nd,a,2024-01-05\nb,e,2024-01-06\n"
            .write(to: folder.appendingPathComponent("interactions.csv"), atomically: true, encoding: .utf8)
        let file = folder.appendingPathComponent("qap.json")
        let run = try WeftRun(["qap", folder.path, "--dependent", "all", "--predictor", "diff:years", "--predictor", "sender:years",
                               "--predictor", "receiver:years", "--permutations", "9", "--out", file.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("members: 4 of 5, those with a number for every numeric attribute named; 1 others are left out"))
        let result = try json(file)
        #expect(result["members"] as? Int == 4 && (result["regression"] as? [String: Any])?["observations"] as? Int == 12)
        #expect(try WeftRun(["qap", folder.path, "--dependent", "all", "--predictor", "sender:years", "--undirected"]).status == 2)
        #expect(try WeftRun(["qap", folder.path, "--dependent", "diff:years", "--predictor", "all"]).status == 2)
        #expect(try WeftRun(["qap", folder.path, "--dependent", "all", "--predictor", "diff:nosuch"]).status == 2)
    }

    @Test func qapBetweenWaves() throws {
        let run = try WeftRun(["qap", sampleData, "--dependent", "survey:advice@follow-up", "--predictor", "survey:advice@baseline",
                               "--permutations", "99"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("QAP correlation survey:advice@follow-up ~ survey:advice@baseline: r = "))
        #expect(try WeftRun(["qap", sampleData, "--dependent", "survey:trust", "--predictor", "all"]).status == 2)
    }
}
