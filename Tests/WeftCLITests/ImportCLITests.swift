import Foundation
import Testing

/// `weft import`: platform exports to a folder that `weft analyze` reads as it is.
@Suite(.serialized) struct ImportCLITests {
    let fixtures = WeftRun.repository.appendingPathComponent("Tests/WeftImportTests/Fixtures").path

    @Test func zoomReportsImportAndAnalyse() throws {
        let out = try temporaryFolder()
        let args = ["import", "zoom", fixtures + "/zoom/meeting-data.csv", fixtures + "/zoom/participants_83912345679.csv",
                    "--members", fixtures + "/members.csv", "--out", out.path]
        let run = try WeftRun(args)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("rows read 8 = accepted 7 + rejected 1"))
        #expect(run.stdout.contains("rows read 4 = accepted 3 + rejected 1 (accepted rows skipped by rule: 1 in the waiting room)"))
        #expect(run.stdout.contains("people matched by email 4, by phone 0; names not matched exactly: 3 (name 1, fuzzy 1, unmatched 1)"))
        #expect(run.stdout.contains("presences 8 (joins summed 1): attendances written 6, merged to one member 0, below 10 minutes 1, excluded 0, not in the roster (left out) 1"))
        let attendance = try String(contentsOf: out.appendingPathComponent("attendance.csv"), encoding: .utf8)
        #expect(attendance.hasPrefix("member,event,date,role,topic,minutes\nm00,83912345678 2024-03-14,2024-03-14,host,Peer exchange: water tariffs,90\n"))
        let review = try String(contentsOf: out.appendingPathComponent("match-review.csv"), encoding: .utf8)
        #expect(review.contains("\"Visitor, Guest\",unmatched,1,"))
        #expect(try String(contentsOf: out.appendingPathComponent("rejects.csv"), encoding: .utf8).split(separator: "\n").count == 3)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("members.csv").path))

        // analyze reads the folder as it is (with the roster).
        let report = try temporaryFolder()
        let analysed = try WeftRun(["analyze", out.path, "--members", fixtures + "/members.csv", "--out", report.path, "--strict"])
        #expect(analysed.status == 0, "\(analysed.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: report.appendingPathComponent("report.json"))) as! [String: Any]
        let inputs = json["inputs"] as! [[String: Any]]
        #expect(inputs.contains { ($0["kind"] as? String) == "attendance" && ($0["accepted"] as? Int) == 6 })

        // The wrong platform's file: a clear error, exit 1.
        let wrong = try WeftRun(["import", "teams", fixtures + "/zoom/meeting-data.csv", "--out", try temporaryFolder().path])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("looks like a Zoom participants report, not a Microsoft Teams attendance report"))
        // Usage errors exit 2.
        #expect(try WeftRun(args + ["--min-minutes", "-1"]).status == 2)
        #expect(try WeftRun(args + ["--pseudonymise"]).status == 2)
        #expect(try WeftRun(["import", "zoom", fixtures + "/zoom/meeting-data.csv", "--keep-unmatched", "--out", out.path]).status == 2)
    }

    /// `--interactions` and `--attendance` repeated: an import's files beside other records, each
    /// file counted apart in report.json and its rejects naming it.
    @Test func repeatedRecordFilesAreMerged() throws {
        let zoom = try temporaryFolder(), mail = try temporaryFolder()
        #expect(try WeftRun(["import", "zoom", fixtures + "/zoom/participants_83912345679.csv", "--members", fixtures + "/members.csv", "--out", zoom.path]).status == 0)
        #expect(try WeftRun(["import", "email", fixtures + "/email/All mail Including Spam and Trash.mbox", "--members", fixtures + "/members.csv", "--out", mail.path]).status == 0)
        let sheet = zoom.appendingPathComponent("sign-in.csv").path
        try "member,event,date,event_type\nm01,circle,2024-03-01,meeting\nm02,circle,2024-03-01,meeting\nm03,,2024-03-01,meeting\n".write(toFile: sheet, atomically: true, encoding: .utf8)
        let zoomed = zoom.appendingPathComponent("attendance.csv").path, mailed = mail.appendingPathComponent("interactions.csv").path
        let report = try temporaryFolder()
        let run = try WeftRun(["analyze", "--members", fixtures + "/members.csv", "--attendance", zoomed, "--attendance", sheet,
                               "--interactions", mailed, "--out", report.path])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: report.appendingPathComponent("report.json"))) as! [String: Any]
        let inputs = (json["inputs"] as! [[String: Any]]).filter { ($0["kind"] as? String) != "members" }
        #expect(inputs.map { "\($0["kind"]!) \(($0["path"] as! String).split(separator: "/").last!) \($0["rows_read"]!) \($0["accepted"]!) \($0["rejected"]!)" }
                == ["interactions interactions.csv 5 5 0", "attendance attendance.csv 2 2 0", "attendance sign-in.csv 3 2 1"])
        let validated = try WeftRun(["validate", "--members", fixtures + "/members.csv", "--attendance", zoomed, "--attendance", sheet, "--show", "5"])
        #expect(validated.stdout.contains("sign-in.csv:4"), "\(validated.stdout)")
    }

    /// The similarities are validate/analyze's `--match-auto` and `--match-review-threshold`;
    /// the first spellings, `--auto-match` and `--review-threshold`, still work, unlisted.
    @Test func matchThresholdsShareTheirSpellingWithAnalyze() throws {
        func review(_ extra: [String]) throws -> String {
            let out = try temporaryFolder()
            let run = try WeftRun(["import", "zoom", fixtures + "/zoom/meeting-data.csv", "--members", fixtures + "/members.csv", "--out", out.path] + extra)
            #expect(run.status == 0, "\(run.stderr)")
            return try String(contentsOf: out.appendingPathComponent("match-review.csv"), encoding: .utf8)
        }
        let strict = try review(["--match-auto", "0.99", "--match-review-threshold", "0.5"])
        #expect(strict != (try review([])))
        #expect(strict == (try review(["--auto-match", "0.99", "--review-threshold", "0.5"])))
        let bad = try WeftRun(["import", "zoom", fixtures + "/zoom/meeting-data.csv", "--match-auto", "0.5", "--out", try temporaryFolder().path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("need 0 < --match-review-threshold ≤ --match-auto ≤ 1"))
        let help = try WeftRun(["import", "--help"]).stdout
        #expect(help.contains("--match-auto") && help.contains("--match-review-threshold"))
        #expect(!help.contains("--auto-match") && !help.contains("--review-threshold"))
    }

    /// The review file is `--match-review FILE`, as in validate and analyze, for `import` and
    /// `survey import` alike; `--review`, the first spelling, still works, unlisted.
    @Test func reviewFileSharesItsSpellingWithAnalyze() throws {
        let decided = try temporaryFolder().appendingPathComponent("decided.csv").path
        try "text,status,occurrences,first_seen,candidate_id,candidate_name,score,second_id,second_name,second_score,decision\n\"Visitor, Guest\",unmatched,1,x,m00,Host Team,0.5801,,,,m04\n"
            .write(toFile: decided, atomically: true, encoding: .utf8)
        func attendance(_ extra: [String]) throws -> String {
            let out = try temporaryFolder()
            let run = try WeftRun(["import", "zoom", fixtures + "/zoom/meeting-data.csv", "--members", fixtures + "/members.csv", "--out", out.path] + extra)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains(extra.isEmpty ? "wrote" : "applied 1 review decision(s) from \(decided)"))
            return try String(contentsOf: out.appendingPathComponent("attendance.csv"), encoding: .utf8)
        }
        let applied = try attendance(["--match-review", decided])
        #expect(applied.hasSuffix("m04,83912345678 2024-03-14,2024-03-14,attendee,Peer exchange: water tariffs,36\n"))   // with José's 6 minutes
        #expect(!(try attendance([])).contains("\nm04,"))
        #expect(applied == (try attendance(["--review", decided])))
        let twice = try WeftRun(["import", "zoom", fixtures + "/zoom/meeting-data.csv", "--match-review", decided, "--review", decided,
                                 "--out", try temporaryFolder().path])
        #expect(twice.status == 2 && twice.stderr.contains("give --match-review once (--review is its former spelling)"))
        for command in [["import"], ["survey", "import"]] {
            let help = try WeftRun(command + ["--help"]).stdout
            #expect(help.contains("--match-review <FILE>") && !help.contains("--review <"), "\(help)")
        }
    }

    @Test func teamsReportWithoutRosterCreatesMembers() throws {
        let out = try temporaryFolder()
        let run = try WeftRun(["import", "teams", fixtures + "/teams/attendance-en-US.csv", "--out", out.path, "--min-minutes", "0"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("tab-separated; dates month-first; sections: summary, participants, in-meeting activities (5 join lines, totals taken from participants)"))
        #expect(run.stdout.contains("rows read 5 = accepted 4 + rejected 1"))
        let members = try String(contentsOf: out.appendingPathComponent("members.csv"), encoding: .utf8)
        #expect(members == "id,name,email,guest\nhost@cln.example,Host Team,host@cln.example,0\nana.silva@cln.example,Ana Silva,ana.silva@cln.example,0\nPriya Raman,Priya Raman,,0\njose@cln.example,José Álvarez,jose@cln.example,0\n")
        let analysed = try WeftRun(["analyze", out.path, "--out", try temporaryFolder().path])
        #expect(analysed.status == 0, "\(analysed.stderr)")
    }

    @Test func conversationsImportAndAnalyse() throws {
        for (format, file, roster) in [("whatsapp", "/whatsapp/WhatsApp Chat - CLN peer exchange.zip", "/members-phones.csv"),
                                       ("email", "/email/All mail Including Spam and Trash.mbox", "/members.csv")] {
            let out = try temporaryFolder()
            let run = try WeftRun(["import", format, fixtures + file, "--members", fixtures + roster, "--out", out.path])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains(format == "email" ? "rows read 7 = accepted 6 + rejected 1" : "rows read 17 = accepted 16 + rejected 1"))
            let interactions = try String(contentsOf: out.appendingPathComponent("interactions.csv"), encoding: .utf8)
            #expect(interactions.hasPrefix("source,target,timestamp,weight,type\n"))
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("attendance.csv").path))
            let analysed = try WeftRun(["analyze", out.path, "--members", fixtures + roster, "--out", try temporaryFolder().path])
            #expect(analysed.status == 0, "\(analysed.stderr)")
        }
        let wrong = try WeftRun(["import", "email", fixtures + "/meet/Data clinic - Attendance report.csv", "--out", try temporaryFolder().path])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("looks like a Google Meet attendance report, not a mailbox"))
    }

    @Test func slackAndCalendarImportAndAnalyseTogether() throws {
        let out = try temporaryFolder()
        let run = try WeftRun(["import", "slack", fixtures + "/slack/export.zip", "--members", fixtures + "/members.csv", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("rows read 19 = accepted 18 + rejected 1 (accepted rows skipped by rule: 4 bot message, 1 system message (channel_join), 1 system message (channel_topic))"))
        #expect(run.stdout.contains("records made 18 (8 by mention, 5 by reaction, 5 by reply): written 16, a side not resolved 1, excluded 0, one member on both sides 1"))
        let interactions = try String(contentsOf: out.appendingPathComponent("interactions.csv"), encoding: .utf8)
        #expect(interactions.hasPrefix("source,target,timestamp,weight,type\nm00,m01,2024-03-11T09:00:00Z,1,mention\n"))
        #expect(!interactions.contains("tariff") && !interactions.contains("Welcome"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".weft") }.isEmpty)

        let calendar = try temporaryFolder()
        let ics = try WeftRun(["import", "ics", fixtures + "/ics/google/cln.secretariat@cln.example.ics", "--members", fixtures + "/members.csv",
                               "--out", calendar.path, "--to", "2024-04-30"])
        #expect(ics.status == 0, "\(ics.stderr)")
        #expect(ics.stdout.contains("recurrences expanded up to 2024-04-30 (--to)"))
        let analysed = try WeftRun(["analyze", "--members", fixtures + "/members.csv", "--interactions", out.path + "/interactions.csv",
                                    "--attendance", calendar.path + "/attendance.csv", "--out", try temporaryFolder().path])
        #expect(analysed.status == 0, "\(analysed.stderr)")

        // A Slack day file on its own is named; bad options are usage errors.
        let wrong = try temporaryFolder()
        let day = try WeftRun(["import", "slack", fixtures + "/slack/export/general/2024-03-11.json", "--out", wrong.path])
        #expect(day.status == 1)
        #expect(day.stderr.contains("looks like a Slack channel's day file"))
        #expect(try WeftRun(["import", "slack", fixtures + "/slack/export", "--out", wrong.path, "--reaction-weight", "-1"]).status == 2)
        #expect(try WeftRun(["import", "email", fixtures + "/email/outlook-inbox.csv", "--out", wrong.path, "--from", "2024-01-01"]).status == 2)
        let twice = try WeftRun(["import", "slack", fixtures + "/slack/export", "--out", wrong.path, "--exclude", "m01,M01"])
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("--exclude: 'm01' is given twice"))
    }

    /// SampleData's platform exports (scripts/make_platform_exports.py) import against SampleData's
    /// roster with nothing rejected, as `make demo` needs.
    @Test func sampleDataPlatformExportsImportCleanly() throws {
        let exports = WeftRun.repository.appendingPathComponent("SampleData/platform-exports").path
        let roster = WeftRun.repository.appendingPathComponent("SampleData/members.csv").path
        for (format, input, read) in [("zoom", "zoom/participants_84012345678.csv", 28), ("teams", "teams/Learning circle - Attendance report.csv", 13),
                                      ("ics", "calendar/secretariat.ics", 2), ("whatsapp", "whatsapp/WhatsApp Chat with CLN peer exchange.txt", 163),
                                      ("slack", "slack", 148), ("email", "email/Secretariat.mbox", 82)] {
            let run = try WeftRun(["import", format, exports + "/" + input, "--members", roster, "--out", try temporaryFolder().path])
            #expect(run.status == 0, "\(format): \(run.stderr)")
            #expect(run.stdout.contains("rows read \(read) = accepted \(read) + rejected 0"), "\(format): \(run.stdout)")
        }
    }
}
