import Foundation
import Testing
import WeftIO

/// The versioning contract of Schemas/ (Schemas/CHANGELOG.md): a schema cannot change without a
/// version bump, released versions never change, and every version has a changelog entry.
@Suite struct SchemaContractTests {
    static let folder = WeftRun.repository.appendingPathComponent("Schemas")

    /// The current schemas: Schemas/*.schema.json.
    static func currentSchemas() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".schema.json") }.sorted()
    }

    static func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(path))) as! [String: Any]
    }

    static func sha256(_ path: String) throws -> String {
        var hash = SHA256()
        hash.update(Array(try Data(contentsOf: folder.appendingPathComponent(path))))
        return hash.hexDigest()
    }

    /// checksums.txt as (path, hash) pairs, in `sha256sum` layout.
    static func checksums() throws -> [(path: String, hash: String)] {
        try String(contentsOf: folder.appendingPathComponent("checksums.txt"), encoding: .utf8)
            .split(separator: "\n").map { line in
                let parts = line.split(separator: " ", omittingEmptySubsequences: true)
                return (String(parts[1]), String(parts[0]))
            }
    }

    /// The version every current schema states (`schema_version`'s const, or the version in `$id`).
    static func currentVersion() throws -> String {
        let report = try json("report.schema.json")
        return ((report["properties"] as! [String: Any])["schema_version"] as! [String: Any])["const"] as! String
    }

    @Test func aChangedSchemaNeedsANewVersion() throws {
        let version = try Self.currentVersion()
        let recorded = Dictionary(uniqueKeysWithValues: try Self.checksums().map { ($0.path, $0.hash) })
        for name in try Self.currentSchemas() {
            let released = "\(version)/\(name)"
            let hash = try Self.sha256(name)
            #expect(recorded[released] != nil, "Schemas/\(released) is not in checksums.txt: copy the schema there and record its hash")
            #expect(hash == recorded[released],
                    "Schemas/\(name) differs from released version \(version): bump schema_version (Schemas/CHANGELOG.md), copy it to Schemas/<new version>/ and record its hash")
            let schema = try Self.json(name)
            #expect(schema["$id"] as? String == "https://weft-ona.github.io/weft/schemas/\(version)/\(name)")
        }
    }

    @Test func releasedVersionsNeverChange() throws {
        let recorded = try Self.checksums()
        #expect(!recorded.isEmpty)
        for (path, hash) in recorded { #expect(try Self.sha256(path) == hash, "Schemas/\(path) changed after its release") }
        // Every released file is recorded.
        let listed = Set(recorded.map(\.path))
        let versions = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.first?.isNumber == true }
        for version in versions {
            for file in try FileManager.default.contentsOfDirectory(atPath: Self.folder.appendingPathComponent(version).path) {
                #expect(listed.contains("\(version)/\(file)"), "Schemas/\(version)/\(file) has no hash in checksums.txt")
            }
        }
    }

    @Test func everyVersionHasAChangelogEntry() throws {
        let changelog = try String(contentsOf: Self.folder.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        let versions = Set(try Self.checksums().map { String($0.path.prefix { $0 != "/" }) })
        #expect(versions.contains(try Self.currentVersion()))
        for version in versions { #expect(changelog.contains("\n## \(version)\n"), "CHANGELOG.md has no entry for \(version)") }
    }

    /// Schemas that restate part of report.json's define it the same way.
    @Test func sharedDefinitionsAgree() throws {
        func canonical(_ value: Any?) throws -> Data {
            try JSONSerialization.data(withJSONObject: try #require(value), options: [.sortedKeys])
        }
        let report = try Self.json("report.schema.json")
        let reportDefs = report["$defs"] as! [String: Any], reportProperties = report["properties"] as! [String: Any]
        let summary = try Self.json("summary.schema.json")
        for name in ["summary", "data_warning"] {
            #expect(try canonical((summary["$defs"] as! [String: Any])[name]) == canonical(reportDefs[name]), "summary: \(name)")
        }
        let network = try Self.json("network.schema.json")
        let member = reportDefs["member"] as! [String: Any]
        let node = (network["$defs"] as! [String: Any])["node"] as! [String: Any]
        let measures = (network["$defs"] as! [String: Any])["node_measures"] as! [String: Any]
        #expect(try canonical((node["properties"] as! [String: Any])["attributes"]) == canonical((member["properties"] as! [String: Any])["attributes"]))
        var memberMeasures = member["properties"] as! [String: Any]
        for key in ["id", "name", "attributes"] { memberMeasures[key] = nil }
        #expect(try canonical(measures["properties"]) == canonical(memberMeasures), "network: node measures are members.csv's")
        // segments.json is report.json's `segments` object (never null there).
        var segments = try Self.json("segments.schema.json")
        var inReport = reportProperties["segments"] as! [String: Any]
        for key in ["$schema", "$id", "title", "description", "type"] { segments[key] = nil; inReport[key] = nil }
        #expect(try canonical(segments) == canonical(inReport), "segments.json is report.json's segments")
        for schema in [summary, network] {
            let properties = schema["properties"] as! [String: Any]
            for name in ["generator", "schema_version", "window"] {
                #expect(try canonical(properties[name]) == canonical(reportProperties[name]), "\(schema["title"]!): \(name)")
            }
        }
    }
}
