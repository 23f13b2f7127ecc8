import Foundation
import Testing

/// Every report.json `weft analyze` writes, in each configuration that changes its shape,
/// validates against the published Schemas/report.schema.json — and the validator does fail on a
/// renamed field, a missing one and a wrong type.
@Suite struct ReportSchemaTests {
    let sampleData = WeftRun.repository.appendingPathComponent("SampleData").path
    let schema = WeftRun.repository.appendingPathComponent("Schemas/report.schema.json")

    static let configurations: [[String]] = [
        [],
        ["--undirected"],
        ["--pseudonymise"],
        ["--network", "co-attendance"],
        ["--from", "2031-01-01"],                                   // a window with no records
        ["--sample-sources", "50", "--communities", "louvain", "--period", "quarter"],
        ["--communities", "none", "--group-by", "country"],
        ["--weighted-paths", "--boundaries", "2023-01-01,2024-01-01"],
    ]

    @Test(arguments: configurations)
    func reportsValidate(_ flags: [String]) throws {
        let validator = try JSONSchemaValidator(contentsOf: schema)
        let out = try temporaryFolder()
        let run = try WeftRun(["analyze", sampleData, "--out", out.path, "--format", "json"] + flags)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json")))
        let errors = validator.validate(report)
        #expect(errors.isEmpty, "\(flags): \(errors.prefix(5))")
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
        network["tie_count"] = network.removeValue(forKey: "ties")
        renamed["network"] = network
        #expect(Set(validator.validate(renamed)) == ["$.network: missing ties", "$.network: unexpected field tie_count"])

        var wrongType = original
        var members = wrongType["members"] as! [String: Any]
        var first = members["m0001"] as! [String: Any]
        first["degree"] = "7"
        members["m0001"] = first
        wrongType["members"] = members
        #expect(validator.validate(wrongType) == ["$.members.m0001.degree: expected integer, found string"])

        var missingSection = original
        missingSection["timeline"] = nil
        #expect(validator.validate(missingSection) == ["$: missing timeline"])
    }
}
