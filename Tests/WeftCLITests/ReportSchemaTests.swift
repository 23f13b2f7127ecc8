import Foundation
import Testing

/// Every report.json, summary.json and network.json `weft analyze` writes, in each configuration
/// that changes their shape, validates against the published Schemas/report.schema.json,
/// Schemas/summary.schema.json and Schemas/network.schema.json — and the validator does fail on a renamed field, a missing one
/// and a wrong type.
@Suite struct ReportSchemaTests {
    let sampleData = WeftRun.repository.appendingPathComponent("SampleData").path
    let schema = WeftRun.repository.appendingPathComponent("Schemas/report.schema.json")
    let summarySchema = WeftRun.repository.appendingPathComponent("Schemas/summary.schema.json")
    let networkSchema = WeftRun.repository.appendingPathComponent("Schemas/network.schema.json")

    /// Flag sets that change the outputs' shape: window bounds (open, closed, empty, partial last
    /// period), periods, group attributes, every network kind and survey layer, pseudonymisation
    /// with and without kept attributes and key, sampled and exact betweenness, communities
    /// off and on, segments with and without snapshots over time.
    static let configurations: [[String]] = [
        [],
        ["--undirected"],
        ["--pseudonymise"],
        ["--pseudonymise", "--keep-attributes", "country,cohort", "--pseudonym-key-file", "SEGMENTS_KEY"],
        ["--network", "co-attendance"],
        ["--network", "co-attendance-newman", "--communities", "louvain"],
        ["--from", "2031-01-01"],                                   // a window with no records
        ["--to", "2023-06-15"],                                      // a closed window, partial last period
        ["--from", "2023-01-01", "--to", "2023-12-31"],
        ["--to", "2022-01-31", "--period", "week"],
        ["--sample-sources", "50", "--communities", "louvain", "--period", "quarter"],
        ["--sample-sources", "10", "--weighted-paths", "--period", "year"],
        ["--communities", "none", "--group-by", "country"],
        ["--group-by", "country,cohort,organisation"],
        ["--weighted-paths", "--boundaries", "2023-01-01,2024-01-01"],
        ["--segments-config", "SEGMENTS_NO_SNAPSHOTS"],
        ["--network", "survey:advice"],
        ["--network", "survey:advice+collaboration@baseline", "--survey-symmetrise", "min", "--pseudonymise", "--keep-attributes", "country"],
        ["--network", "survey:collaboration", "--survey-symmetrise", "directed"],
        ["--timings"],
    ]

    /// A segments config without snapshots over time (`period = "none"`), and a pseudonym key.
    static func resolve(_ flags: [String]) throws -> [String] {
        let folder = try temporaryFolder()
        return try flags.map { flag in
            switch flag {
            case "SEGMENTS_NO_SNAPSHOTS":
                let config = try String(contentsOf: WeftRun.repository.appendingPathComponent("config/segments.toml"), encoding: .utf8)
                    .replacingOccurrences(of: "period = \"year\"", with: "period = \"none\"")
                let path = folder.appendingPathComponent("segments.toml")
                try config.write(to: path, atomically: true, encoding: .utf8)
                return path.path
            case "SEGMENTS_KEY":
                let path = folder.appendingPathComponent("key.txt")
                try "a secret the network keeps\n".write(to: path, atomically: true, encoding: .utf8)
                return path.path
            default: return flag
            }
        }
    }

    @Test(arguments: configurations)
    func reportsValidate(_ flags: [String]) throws {
        let validator = try JSONSchemaValidator(contentsOf: schema)
        let out = try temporaryFolder()
        let run = try WeftRun(["analyze", sampleData, "--out", out.path, "--format", "json,summary,network"] + Self.resolve(flags))
        #expect(run.status == 0, "\(run.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json")))
        let errors = validator.validate(report)
        #expect(errors.isEmpty, "\(flags): \(errors.prefix(5))")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json")))
        let summaryErrors = try JSONSchemaValidator(contentsOf: summarySchema).validate(summary)
        #expect(summaryErrors.isEmpty, "\(flags): \(summaryErrors.prefix(5))")
        let network = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("network.json")))
        let networkErrors = try JSONSchemaValidator(contentsOf: networkSchema).validate(network)
        #expect(networkErrors.isEmpty, "\(flags): \(networkErrors.prefix(5))")
    }

    /// segments.json (`weft segments --out`) and the QAP JSON (`weft qap --out`), with one
    /// predictor (correlation and regression) and two (regression only: correlation is null).
    @Test func segmentsAndQAPFilesValidate() throws {
        let out = try temporaryFolder()
        #expect(try WeftRun(["segments", sampleData, "--out", out.path]).status == 0)
        let segments = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("segments.json")))
        let segmentErrors = try JSONSchemaValidator(contentsOf: WeftRun.repository.appendingPathComponent("Schemas/segments.schema.json")).validate(segments)
        #expect(segmentErrors.isEmpty, "\(segmentErrors.prefix(5))")
        let qap = try JSONSchemaValidator(contentsOf: WeftRun.repository.appendingPathComponent("Schemas/qap.schema.json"))
        for predictors in [["type:message"], ["type:message", "same:country"]] {
            let file = out.appendingPathComponent("qap-\(predictors.count).json")
            let run = try WeftRun(["qap", sampleData, "--dependent", "type:call", "--permutations", "20", "--out", file.path]
                                  + predictors.flatMap { ["--predictor", $0] })
            #expect(run.status == 0, "\(run.stderr)")
            let result = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
            #expect(qap.validate(result).isEmpty, "\(qap.validate(result).prefix(5))")
            #expect((result["correlation"] is NSNull) == (predictors.count > 1))
        }
    }

    @Test func aTinyNetworkValidates() throws {
        let folder = try temporaryFolder()
        try "source,target,timestamp\na,b,2024-01-01\n".write(to: folder.appendingPathComponent("interactions.csv"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        #expect(try WeftRun(["analyze", folder.path, "--out", out.path, "--format", "json"]).status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json")))
        #expect(try JSONSchemaValidator(contentsOf: schema).validate(report).isEmpty)
    }

    @Test func changedReportsFail() throws {
        let validator = try JSONSchemaValidator(contentsOf: schema)
        let out = try temporaryFolder()
        #expect(try WeftRun(["analyze", sampleData, "--out", out.path, "--format", "json"]).status == 0)
        let original = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as! [String: Any]
        #expect(validator.validate(original).isEmpty)

        var renamed = original
        var network = renamed["network"] as! [String: Any]
        network["ties"] = network.removeValue(forKey: "tie_count")
        renamed["network"] = network
        #expect(Set(validator.validate(renamed)) == ["$.network: missing tie_count", "$.network: unexpected field ties"])

        var wrongType = original
        var members = wrongType["members"] as! [[String: Any]]
        members[0]["degree"] = "7"
        wrongType["members"] = members
        #expect(validator.validate(wrongType) == ["$.members[0].degree: expected integer, found string"])

        var numericAttribute = original
        members = numericAttribute["members"] as! [[String: Any]]
        members[1]["attributes"] = ["country": 7]
        numericAttribute["members"] = members
        #expect(validator.validate(numericAttribute) == ["$.members[1].attributes.country: expected null or string, found integer"])

        var missingSection = original
        missingSection["timeline"] = nil
        #expect(validator.validate(missingSection) == ["$: missing timeline"])
    }
}
