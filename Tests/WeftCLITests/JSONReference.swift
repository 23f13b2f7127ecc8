import Foundation

/// docs/json-reference.md rendered from Schemas/*.schema.json, so that the field reference and
/// the schemas are one source of truth: one table per schema with every field's JSON path, type
/// and `description`.
///
/// Paths are written from the file's root: `.name` a property, `[]` the items of an array, `.*` the
/// values of a map keyed by data (groups by attribute, counts by segment, …). A `$ref` into `$defs`
/// is followed, so a shared definition (a member row, a tie, a warning) is listed where it occurs,
/// under its full path. Properties are in alphabetical order. The type column gives the JSON types (`or`
/// between them), `format`, `enum` or `const`.
struct JSONReference {
    /// One field: where it is, its type, its description.
    struct Row: Equatable {
        let path: String
        let type: String
        let description: String
    }

    let root: [String: Any]

    init(schema: [String: Any]) { root = schema }

    /// Every field of the schema in document order, depth first.
    var rows: [Row] {
        var rows: [Row] = []
        collect(root, at: "", into: &rows)
        return rows
    }

    /// The schema's `$defs` entry a `$ref` names, or the schema itself.
    private func resolved(_ schema: [String: Any]) -> [String: Any] {
        guard let ref = schema["$ref"] as? String, ref.hasPrefix("#/$defs/"),
              let target = (root["$defs"] as? [String: Any])?[String(ref.dropFirst("#/$defs/".count))] as? [String: Any]
        else { return schema }
        return resolved(target)
    }

    private func collect(_ schema: [String: Any], at path: String, into rows: inout [Row]) {
        let node = resolved(schema)
        if let properties = node["properties"] as? [String: Any] {
            for name in properties.keys.sorted() {
                let property = properties[name] as! [String: Any]
                let childPath = path.isEmpty ? name : "\(path).\(name)"
                rows.append(Row(path: childPath, type: Self.type(of: property, resolved: resolved(property)),
                                description: Self.description(of: property, resolved: resolved(property))))
                collect(property, at: childPath, into: &rows)
            }
        }
        if let items = node["items"] as? [String: Any] { collect(items, at: "\(path)[]", into: &rows) }
        if let values = node["additionalProperties"] as? [String: Any] {
            let childPath = "\(path).*"
            rows.append(Row(path: childPath, type: Self.type(of: values, resolved: resolved(values)),
                            description: Self.description(of: values, resolved: resolved(values))))
            collect(values, at: childPath, into: &rows)
        }
    }

    /// The property's own description, else its definition's.
    static func description(of property: [String: Any], resolved: [String: Any]) -> String {
        (property["description"] as? String) ?? (resolved["description"] as? String) ?? ""
    }

    /// `string (date-time)`, `integer or null`, `array of object`, `string: "a", "b"`; without a
    /// `type`, the `const` (`"2.0.0"`) or the `enum` values (`"a" or null`).
    static func type(of property: [String: Any], resolved node: [String: Any]) -> String {
        var names = (node["type"] as? [String]) ?? (node["type"] as? String).map { [$0] } ?? []
        if let items = node["items"] as? [String: Any], let index = names.firstIndex(of: "array") {
            let itemType = (items["type"] as? String) ?? ((items["$ref"] != nil) ? "object" : nil)
            if let itemType { names[index] = "array of \(itemType)" }
        }
        let constant = node["const"].map(literal), options = (node["enum"] as? [Any])?.map(literal)
        guard !names.isEmpty else { return constant ?? options?.joined(separator: " or ") ?? "any" }
        var text = names.joined(separator: " or ")
        if let format = node["format"] as? String { text += " (\(format))" }
        if let constant { text += " = \(constant)" }
        if let options { text += ": " + options.joined(separator: ", ") }
        return text
    }

    private static func literal(_ value: Any) -> String {
        if value is NSNull { return "null" }
        if let text = value as? String { return "\"\(text)\"" }
        return "\(value)"
    }

    /// A markdown table cell: `|` escaped, line breaks folded.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    /// The section of one schema file: its title, description and table.
    func markdown(file: String) -> String {
        var lines = ["## \(root["title"] as? String ?? file)", "",
                     "[`Schemas/\(file)`](../Schemas/\(file))" + ((root["description"] as? String).map { ": \($0)" } ?? ""), "",
                     "| path | type | description |", "|---|---|---|"]
        lines += rows.map { "| `\(Self.cell($0.path))` | \(Self.cell($0.type)) | \(Self.cell($0.description)) |" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// docs/json-reference.md: a header, then each schema's section, files in name order.
    static func document(schemas: [(file: String, schema: [String: Any])], version: String) -> String {
        let header = """
            # JSON field reference (schema \(version))

            Every field of every JSON file Weft writes, generated from the schemas in
            [`Schemas/`](../Schemas/) (their `description`s) by
            `Tests/WeftCLITests/JSONReferenceDocTests.swift`. Do not edit this file: edit the schema and run
            `WEFT_UPDATE_DOCS=1 swift test --filter JSONReferenceDocTests`. How to read the files, with
            examples: [json.md](json.md); versions: [Schemas/CHANGELOG.md](../Schemas/CHANGELOG.md).

            Paths start at the file's root: `a.b` is field `b` of object `a`, `a[]` an element of array
            `a`, `a.*` a value of map `a`, whose keys are data (attribute, segment or type names).
            Instants are UTC (`date-time`: `2024-01-31T00:00:00Z`), days `date` (`2024-01-31`); a value
            that does not apply is `null`, never left out.

            """
        return header + schemas.map { "\n" + JSONReference(schema: $0.schema).markdown(file: $0.file) }.joined()
    }
}
