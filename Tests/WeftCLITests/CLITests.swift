import Foundation
import Testing
import WeftGraph

/// Runs the built `weft` binary as a user would and checks exit codes, messages and outputs.
struct WeftRun {
    let status: Int32
    let stdout: String
    let stderr: String

    static let binary: URL = {
        // `swift test` builds the executable next to the test bundle.
        var folder = Bundle.main.bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("weft")
    }()

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    init(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = WeftRun.binary
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        status = process.terminationStatus
        stdout = String(decoding: outData, as: UTF8.self)
        stderr = String(decoding: errData, as: UTF8.self)
    }
}

/// report.json's `members` (an array of rows with an `id`) keyed by id, for tests that look members up.
func membersByID(_ report: [String: Any]) -> [String: [String: Any]]? {
    guard let rows = report["members"] as? [[String: Any]] else { return nil }
    return Dictionary(uniqueKeysWithValues: rows.map { ($0["id"] as! String, $0) })
}

func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("weft-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite(.serialized) struct CLITests {
    let sampleData = WeftRun.repository.appendingPathComponent("SampleData").path

    @Test func versionAndHelp() throws {
        let version = try WeftRun(["--version"])
        #expect(version.status == 0 && version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
        for command in [[], ["validate"], ["analyze"], ["sample"]] {
            let help = try WeftRun(command + ["--help"])
            #expect(help.status == 0 && help.stdout.contains("USAGE"), "\(command)")
        }
    }

    @Test func usageErrorsExitWithTwo() throws {
        #expect(try WeftRun(["analyze", "--no-such-flag"]).status == 2)
        #expect(try WeftRun(["analyze", sampleData]).status == 2)                       // --out missing
        #expect(try WeftRun(["validate"]).status == 2)                                 // no inputs named
        #expect(try WeftRun(["analyze", sampleData, "--out", "x", "--from", "2024-02-30"]).status == 2)
        #expect(try WeftRun(["frobnicate"]).status == 2)
    }

    @Test func unwritableOutputsExitWithOne() throws {
        let file = try temporaryFolder().appendingPathComponent("not-a-folder")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let run = try WeftRun(["analyze", sampleData, "--out", file.path])
        #expect(run.status == 1 && run.stderr.hasPrefix("error:"))
    }

    @Test func missingFilesExitWithOne() throws {
        let run = try WeftRun(["validate", "--interactions", "/nonexistent/interactions.csv"])
        #expect(run.status == 1 && run.stderr.contains("/nonexistent/interactions.csv: cannot open"))
    }

    @Test func analyzeSampleDataWritesTheOutputs() throws {
        let out = try temporaryFolder()
        let run = try WeftRun(["analyze", sampleData, "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)   // quiet when stderr is not a terminal
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as! [String: Any]
        #expect(report["schema_version"] as? String == "2.0.1")
        // Communities: the sample's country-and-topic clusters give a clear modularity; every
        // member's community is listed in communities.csv, whose sizes add up to the members.
        let communities = try #require(report["communities"] as? [String: Any])
        #expect((communities["modularity"] as! Double) > 0.2)
        let communityTable = try String(contentsOf: out.appendingPathComponent("communities.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(communityTable.first?.prefix(2) == ["community", "size"])
        #expect(communityTable.dropFirst().map { Int($0[1])! }.reduce(0, +) == (report["membership"] as! [String: Int])["total"]!)
        #expect(communityTable.count - 1 == communities["count"] as! Int)
        let groups = try #require(report["groups"] as? [String: Any])
        #expect(Set(groups.keys) == ["country", "cohort", "role", "governance"])
        let rows = report["rows"] as! [String: Int]
        #expect(rows["read"]! == rows["accepted"]! + rows["rejected"]!)
        // Each input's fingerprint: its size and the SHA-256 that sha256sum prints.
        let inputs = try #require(report["inputs"] as? [[String: Any]])
        #expect(inputs.count == 5)   // members, interactions, attendance, survey, respondents
        for input in inputs {
            // Paths are recorded relative to the data folder.
            let path = sampleData + "/" + (try #require(input["path"] as? String))
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
            #expect(input["bytes"] as? Int == size)
            let sum = Process()
            sum.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            sum.arguments = [path]
            let pipe = Pipe()
            sum.standardOutput = pipe
            try sum.run()
            sum.waitUntilExit()
            let expected = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
            #expect(input["sha256"] as? String == String(expected), "\(path)")
        }
        let membership = try #require(report["membership"] as? [String: Int])
        let table = try String(contentsOf: out.appendingPathComponent("members.csv"), encoding: .utf8)
        #expect(table.split(separator: "\n").count == membership["total"]! + 1)
        let header = try #require(table.split(separator: "\n").first).split(separator: ",").map(String.init)
        let leading: [String] = Array(header.prefix(3))
        #expect(leading == ["id", "name", "active"])
        #expect(header.contains("country"))
        // report.json's members are rows in member order, with an `id`, members.csv's measure
        // columns, and the attributes (every other column of members.csv) under `attributes`.
        let memberRows = try #require(report["members"] as? [[String: Any]])
        #expect(memberRows.count == membership["total"]!)
        #expect(memberRows.prefix(3).map { $0["id"] as? String } == ["m0001", "m0002", "m0003"])
        let first = memberRows[0]
        let attributes: Set<String> = ["country", "organisation", "role", "cohort", "joined", "left", "governance"]
        for column in header.dropFirst() where !attributes.contains(column) {
            let present = first[column] != nil
            #expect(present, "\(column)")
        }
        let firstAttributes = try #require(first["attributes"] as? [String: Any])
        #expect(Set(firstAttributes.keys) == attributes)
        let csvFirst = try #require(table.split(separator: "\n").dropFirst().first).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for name in attributes {
            let csvValue = csvFirst[header.firstIndex(of: name)!]
            #expect((firstAttributes[name] as? String) == (csvValue.isEmpty ? nil : csvValue), "\(name)")
        }
        let network = try #require(report["network"] as? [String: Any])
        for key in ["density", "average_degree", "reciprocity", "transitivity", "average_clustering", "components", "diameter",
                    "average_path_length", "degree_assortativity", "degree_centralization", "betweenness_centralization"] {
            let present = network[key] != nil
            #expect(present, "\(key)")
        }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("rejects.csv").path))
    }

    @Test func outputsAreByteIdenticalAcrossRuns() throws {
        let a = try temporaryFolder(), b = try temporaryFolder()
        #expect(try WeftRun(["analyze", sampleData, "--out", a.path]).status == 0)
        #expect(try WeftRun(["analyze", sampleData, "--out", b.path]).status == 0)
        for name in ["report.json", "members.csv", "rejects.csv"] {
            #expect(try Data(contentsOf: a.appendingPathComponent(name)) == Data(contentsOf: b.appendingPathComponent(name)), "\(name)")
        }
    }

    @Test func outputsDoNotDependOnTheNumberOfThreads() throws {
        let one = try temporaryFolder(), two = try temporaryFolder()
        // Sampled paths and the sparse kernels exercise every parallel code path.
        let options = ["--sample-sources", "120", "--kernel", "sparse"]
        #expect(try WeftRun(["analyze", sampleData, "--out", one.path] + options, environment: ["WEFT_THREADS": "1"]).status == 0)
        #expect(try WeftRun(["analyze", sampleData, "--out", two.path] + options, environment: ["WEFT_THREADS": "2"]).status == 0)
        for name in ["report.json", "members.csv", "communities.csv", "timeline.csv", "ties.csv", "segments.csv"] {
            #expect(try Data(contentsOf: one.appendingPathComponent(name)) == Data(contentsOf: two.appendingPathComponent(name)), "\(name)")
        }
    }

    @Test(arguments: [1, 2] as [UInt64])
    func inputRowOrderDoesNotChangeTheOutputs(seed: UInt64) throws {
        // The same records in another order (the members file fixes the member order) give the
        // same tables and the same report apart from the input paths. Records at the same
        // instant (several events on one date) are where the order could leak in.
        let shuffled = try temporaryFolder()
        var generator = SeededGenerator(seed: seed)
        for name in ["members.csv", "interactions.csv", "attendance.csv", "survey.csv", "respondents.csv"] {
            let text = try String(contentsOfFile: sampleData + "/" + name, encoding: .utf8)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            let body = name == "members.csv" ? Array(lines.dropFirst()) : lines.dropFirst().shuffled(using: &generator)
            try ([lines[0]] + body).joined(separator: "\n").appending("\n")
                .write(to: shuffled.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let a = try temporaryFolder(), b = try temporaryFolder()
        #expect(try WeftRun(["analyze", sampleData, "--out", a.path]).status == 0)
        #expect(try WeftRun(["analyze", shuffled.path, "--out", b.path]).status == 0)
        for name in ["members.csv", "communities.csv", "timeline.csv", "ties.csv"] {
            #expect(try Data(contentsOf: a.appendingPathComponent(name)) == Data(contentsOf: b.appendingPathComponent(name)), "\(name)")
        }
        func withoutInputs(_ folder: URL) throws -> NSDictionary {
            var report = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("report.json"))) as! [String: Any]
            report["inputs"] = nil
            return report as NSDictionary
        }
        #expect(try withoutInputs(a) == withoutInputs(b))
    }

    @Test func windowsNarrowTheRecords() throws {
        let all = try temporaryFolder(), year = try temporaryFolder()
        #expect(try WeftRun(["analyze", sampleData, "--out", all.path]).status == 0)
        #expect(try WeftRun(["analyze", sampleData, "--out", year.path, "--from", "2023-01-01", "--to", "2023-12-31"]).status == 0)
        func records(_ folder: URL) throws -> [String: Any] {
            let report = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("report.json"))) as! [String: Any]
            return report["records"] as! [String: Any]
        }
        let whole = try records(all), one = try records(year)
        #expect((one["interactions"] as! Int) < (whole["interactions"] as! Int))
        #expect((one["first_record"] as! String) >= "2023-01-01" && (one["last_record"] as! String) < "2024-01-01")
    }

    @Test func validateNamesEachProblemAndStrictFails() throws {
        let folder = try temporaryFolder()
        try "id,name\na,Ana\nb,Bo\n".write(to: folder.appendingPathComponent("members.csv"), atomically: true, encoding: .utf8)
        try """
            source,target,timestamp,weight
            a,b,2024-01-05,1
            a,"b,2024-01-06,1
            a,zed,2024-01-07,1
            b,a,2024-13-01,1
            b,a,2024-01-09,-3

            """.write(to: folder.appendingPathComponent("interactions.csv"), atomically: true, encoding: .utf8)
        let rejects = folder.appendingPathComponent("rejects.csv").path
        let lenient = try WeftRun(["validate", folder.path, "--unknown-members", "reject", "--rejects", rejects])
        #expect(lenient.status == 0)
        let file = folder.appendingPathComponent("interactions.csv").path
        for location in ["\(file):3:2: broken quote", "\(file):4:2: unknown member 'zed'", "\(file):5:3: impossible date", "\(file):6:4: weight must be positive"] {
            #expect(lenient.stdout.contains(location), "\(location)")
        }
        #expect(lenient.stdout.contains("rows read 5 = accepted 1 + rejected 4"))
        let table = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\n")
        #expect(table.count == 5 && table[0] == "file,line,column,field,value,reason")
        let strict = try WeftRun(["validate", folder.path, "--unknown-members", "reject", "--rejects", rejects, "--strict"])
        #expect(strict.status == 1 && strict.stderr.contains("4 row(s) rejected"))
    }

    @Test func membersCSVNeutralisesFormulas() throws {
        let folder = try temporaryFolder()
        try "id,name\n=cmd,\"=HYPERLINK(\"\"http://x\"\")\"\n@b,+Bo\n".write(to: folder.appendingPathComponent("members.csv"), atomically: true, encoding: .utf8)
        try "source,target,timestamp\n=cmd,@b,2024-01-01\n".write(to: folder.appendingPathComponent("interactions.csv"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        #expect(try WeftRun(["analyze", folder.path, "--out", out.path]).status == 0)
        let table = try String(contentsOf: out.appendingPathComponent("members.csv"), encoding: .utf8)
        #expect(table.contains("\n'=cmd,\"'=HYPERLINK(\"\"http://x\"\")\",1,"))
        #expect(table.contains("\n'@b,'+Bo,1,"))
        // report.json keeps the text as it is, correctly escaped.
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as! [String: Any]
        let members = try #require(membersByID(report))
        #expect(members["=cmd"]?["name"] as? String == "=HYPERLINK(\"http://x\")")
        #expect(members["@b"]?["active"] as? Bool == true)
    }

    @Test func undirectedFlagBuildsAnUndirectedGraph() throws {
        let folder = try temporaryFolder()
        try "source,target,timestamp\na,b,2024-01-01\nb,a,2024-01-02\nb,c,2024-01-03\n".write(to: folder.appendingPathComponent("interactions.csv"), atomically: true, encoding: .utf8)
        let directed = folder.appendingPathComponent("d"), undirected = folder.appendingPathComponent("u")
        #expect(try WeftRun(["analyze", folder.path, "--out", directed.path]).status == 0)
        #expect(try WeftRun(["analyze", folder.path, "--out", undirected.path, "--undirected"]).status == 0)
        func network(_ f: URL) throws -> [String: Any] {
            (try JSONSerialization.jsonObject(with: Data(contentsOf: f.appendingPathComponent("report.json"))) as! [String: Any])["network"] as! [String: Any]
        }
        #expect(try network(directed)["tie_count"] as? Int == 3)
        #expect(try network(undirected)["tie_count"] as? Int == 2)
        #expect(try network(undirected)["reciprocity"] is NSNull)
    }

    @Test func metricsWritesTheMemberTableToStandardOutput() throws {
        let run = try WeftRun(["metrics", sampleData, "--network-json", try temporaryFolder().appendingPathComponent("network.json").path])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 301 && lines[0].hasPrefix("id,name,active,in_degree"))
        let sampled = try WeftRun(["metrics", sampleData, "--sample-sources", "50", "--kernel", "sparse"])
        #expect(sampled.status == 0 && sampled.stdout.split(separator: "\n").count == 301)
    }

    @Test func personalisedPageRank() throws {
        let out = try temporaryFolder()
        #expect(try WeftRun(["analyze", sampleData, "--out", out.path, "--pagerank-seeds", "m0001, m0002"]).status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as! [String: Any]
        let measures = try #require(report["measures"] as? [String: Any])
        #expect(measures["pagerank_seeds"] as? [String] == ["m0001", "m0002"])
        let members = try #require(membersByID(report))
        let seeded = (members["m0001"]?["pagerank"] as? Double) ?? 0
        #expect(seeded > 0.1)
        #expect(try WeftRun(["analyze", sampleData, "--out", out.path, "--pagerank-seeds", "nobody"]).status == 2)
    }

    @Test func coAttendanceAndEventNetworks() throws {
        let out = try temporaryFolder()
        #expect(try WeftRun(["analyze", sampleData, "--out", out.path, "--network", "co-attendance-newman"]).status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as! [String: Any]
        let graph = report["graph"] as! [String: Any]
        #expect(graph["network"] as? String == "co-attendance-newman" && graph["directed"] as? Bool == false)
        let events = try WeftRun(["metrics", sampleData, "--network", "events"])
        #expect(events.status == 0)
        #expect(events.stdout.split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("e") })
        #expect(try WeftRun(["analyze", sampleData, "--out", out.path, "--network", "events"]).status == 2)
    }

    @Test func keyedPseudonymsAreStableAcrossDatasetsAndSecretWithoutTheKey() throws {
        let folder = try temporaryFolder()
        let key = folder.appendingPathComponent("key"), otherKey = folder.appendingPathComponent("other")
        try "weft-test-key-0123\n".write(to: key, atomically: true, encoding: .utf8)   // the line end is not part of the key
        try "another key, 16+ bytes".write(to: otherKey, atomically: true, encoding: .utf8)
        // A second dataset: the same members listed in reverse order.
        let reversed = folder.appendingPathComponent("reversed")
        try FileManager.default.createDirectory(at: reversed, withIntermediateDirectories: true)
        let members = try String(contentsOfFile: sampleData + "/members.csv", encoding: .utf8).split(separator: "\n")
        try ([members[0]] + members.dropFirst().reversed()).joined(separator: "\n").appending("\n")
            .write(to: reversed.appendingPathComponent("members.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: sampleData + "/interactions.csv", toPath: reversed.appendingPathComponent("interactions.csv").path)
        func pseudonyms(_ data: String, _ keyFile: URL) throws -> [String: Int] {
            let out = try temporaryFolder()
            let run = try WeftRun(["analyze", data, "--out", out.path, "--format", "json", "--pseudonymise", "--pseudonym-key-file", keyFile.path])
            #expect(run.status == 0, "\(run.stderr)")
            let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as! [String: Any]
            return membersByID(report)!.mapValues { $0["degree"] as! Int }
        }
        let a = try pseudonyms(sampleData, key), b = try pseudonyms(reversed.path, key), c = try pseudonyms(sampleData, otherKey)
        // HMAC-SHA256("weft-test-key-0123", "m0001"), first 8 bytes (Python's hmac module).
        #expect(a["p555334a2acebd537"] != nil)
        #expect(a.keys.allSatisfy { $0.count == 17 && $0.hasPrefix("p") })
        #expect(a == b)                                  // same member, same pseudonym, whatever the order
        #expect(Set(a.keys).isDisjoint(with: c.keys))    // another key, other pseudonyms
        #expect(try WeftRun(["analyze", sampleData, "--out", folder.path, "--pseudonym-key-file", key.path]).status == 2)
    }

    @Test func pseudonymisedOutputsHoldNoOriginalIdOrName() throws {
        let folder = try temporaryFolder()
        let members = try String(contentsOfFile: sampleData + "/members.csv", encoding: .utf8)
        try members.write(to: folder.appendingPathComponent("members.csv"), atomically: true, encoding: .utf8)
        var interactions = try String(contentsOfFile: sampleData + "/interactions.csv", encoding: .utf8)
        interactions += "m0001,m0001,2024-01-01T00:00:00Z,message,1\n"          // a reject that names a member
        try interactions.write(to: folder.appendingPathComponent("interactions.csv"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let run = try WeftRun(["analyze", folder.path, "--out", out.path, "--pseudonymise", "--keep-attributes", "country",
                               "--pagerank-seeds", "m0002"])
        #expect(run.status == 0, "\(run.stderr)")
        var secrets: [String] = []
        for line in members.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            secrets += [fields[0], fields[1], fields[2]]   // id, name, email
        }
        // Values of attributes that were not kept (role, cohort) must not show either, not even
        // as group labels in report.json's mixing tables.
        secrets += ["technical adviser", "policymaker", "Cohort 1"]
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files == ["communities.csv", "members.csv", "network.gexf", "network.graphml", "network.json", "rejects.csv", "report.html", "report.json", "segments.csv", "summary.json", "ties.csv", "timeline.csv", "transitions.csv"])
        for name in files {
            let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            let leaked = secrets.filter { !$0.isEmpty && text.contains($0) }
            #expect(leaked.isEmpty, "\(name) contains \(leaked.prefix(3))")
        }
        let table = try String(contentsOf: out.appendingPathComponent("members.csv"), encoding: .utf8)
        let header = String(table.split(separator: "\n")[0])
        #expect(header.hasSuffix(",country") && !header.contains("organisation"))
        #expect(table.contains("\np0001,,"))
    }

    @Test func aRunKilledAtAnyMomentLeavesNoPartialOutput() throws {
        let data = try temporaryFolder(), out = try temporaryFolder()
        #expect(try WeftRun(["sample", "--size", "s", "--out", data.path]).status == 0)
        let arguments = ["analyze", data.path, "--out", out.path]
        let start = Date()
        #expect(try WeftRun(arguments).status == 0)
        let runtime = Date().timeIntervalSince(start)
        let names = ["report.json", "members.csv", "rejects.csv"]
        let reference = try names.map { try Data(contentsOf: out.appendingPathComponent($0)) }
        var rng = SystemRandomNumberGenerator()
        for attempt in 0..<8 {
            let process = Process()
            process.executableURL = WeftRun.binary
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            // Kill somewhere in the run, weighted towards the end, where the outputs are written.
            let fraction = attempt < 2 ? Double(attempt) * 0.2 : Double.random(in: 0.5...1.05, using: &rng)
            Thread.sleep(forTimeInterval: runtime * fraction)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // Every file under a final name is complete: the same inputs give the same bytes.
            for (name, bytes) in zip(names, reference) {
                #expect(try Data(contentsOf: out.appendingPathComponent(name)) == bytes, "\(name) after a kill at \(fraction)")
            }
        }
    }
}
