import Foundation
import Testing

/// docs/json-reference.md is generated from the schemas (`JSONReference`), and every field of every
/// schema carries the description it shows.
@Suite struct JSONReferenceDocTests {
    static let document = WeftRun.repository.appendingPathComponent("docs/json-reference.md")

    static func rendered() throws -> String {
        let schemas = try SchemaContractTests.currentSchemas().map { (file: $0, schema: try SchemaContractTests.json($0)) }
        return JSONReference.document(schemas: schemas, version: try SchemaContractTests.currentVersion())
    }

    /// Fails when docs/json-reference.md differs from what the schemas render;
    /// `WEFT_UPDATE_DOCS=1 swift test --filter JSONReferenceDocTests` rewrites it.
    @Test func theReferenceIsGeneratedFromTheSchemas() throws {
        let expected = try Self.rendered()
        if ProcessInfo.processInfo.environment["WEFT_UPDATE_DOCS"] == "1" {
            try Data(expected.utf8).write(to: Self.document, options: .atomic)
        }
        let committed = (try? String(contentsOf: Self.document, encoding: .utf8)) ?? ""
        let upToDate = committed == expected
        let committedLines = committed.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(committedLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(committedLines.count, expectedLines.count)
        #expect(upToDate, """
            docs/json-reference.md is not what Schemas/*.schema.json render (first difference at line \(line + 1)): \
            run `WEFT_UPDATE_DOCS=1 swift test --filter JSONReferenceDocTests` and commit it
            """)
    }

    /// Every property (in `properties`, `items`, `additionalProperties` and `$defs`, at any depth)
    /// of every schema, as "file: path".
    static func undescribed(_ schema: Any, at path: String, into missing: inout [String]) {
        guard let node = schema as? [String: Any] else { return }
        for (name, property) in (node["properties"] as? [String: Any] ?? [:]) {
            let description = (property as? [String: Any])?["description"] as? String ?? ""
            if description.trimmingCharacters(in: .whitespaces).isEmpty { missing.append("\(path).\(name)") }
            undescribed(property, at: "\(path).\(name)", into: &missing)
        }
        if let values = node["additionalProperties"] as? [String: Any] {
            if (values["description"] as? String ?? "").trimmingCharacters(in: .whitespaces).isEmpty { missing.append("\(path).*") }
            undescribed(values, at: "\(path).*", into: &missing)
        }
        undescribed(node["items"] as Any, at: "\(path)[]", into: &missing)
        for (name, definition) in (node["$defs"] as? [String: Any] ?? [:]) { undescribed(definition, at: "#/$defs/\(name)", into: &missing) }
    }

    @Test func everyFieldIsDescribed() throws {
        for file in try SchemaContractTests.currentSchemas() {
            var missing: [String] = []
            Self.undescribed(try SchemaContractTests.json(file), at: "$", into: &missing)
            #expect(missing.isEmpty, "\(file): no description for \(missing.sorted().prefix(10))")
        }
    }

    /// The walker finds what it should: a field without a description, at depth, inside `$defs`
    /// and a map's values; and the renderer follows `$ref` and writes types as documented.
    @Test func theCheckAndTheRendererSeeNestedFields() throws {
        let schema: [String: Any] = [
            "title": "t",
            "properties": [
                "a": ["type": "object", "description": "A.", "properties": ["b": ["type": ["string", "null"], "format": "date-time"]]],
                "rows": ["type": "array", "description": "Rows.", "items": ["$ref": "#/$defs/row"]],
                "counts": ["type": "object", "description": "Counts.", "additionalProperties": ["type": "integer"]],
            ],
            "$defs": ["row": ["type": "object", "properties": ["kind": ["enum": ["x", NSNull()], "description": "K | k."], "n": ["type": "integer"]]]],
        ]
        var missing: [String] = []
        Self.undescribed(schema, at: "$", into: &missing)
        #expect(missing.sorted() == ["#/$defs/row.n", "$.a.b", "$.counts.*"])
        let rows = JSONReference(schema: schema).rows
        #expect(rows.map(\.path) == ["a", "a.b", "counts", "counts.*", "rows", "rows[].kind", "rows[].n"])
        #expect(rows.map(\.type) == ["object", "string or null (date-time)", "object", "integer", "array of object", "\"x\" or null", "integer"])
        #expect(JSONReference(schema: schema).markdown(file: "t.schema.json").contains("| `rows[].kind` | \"x\" or null | K \\| k. |"))
    }
}
