import Foundation

/// A JSON Schema validator for the keywords Schemas/report.schema.json uses: `type` (a name or a
/// list), `properties`, `required`, `additionalProperties` (false or a schema), `items`, `const`,
/// `enum`, `format` (`date-time` as Weft writes it, `2024-01-31T00:00:00Z`, and `date`) and `$ref`
/// into `$defs`. Unknown keywords are an error, so the schema cannot quietly
/// rely on something this validator ignores. Returns every violation as "path: message".
struct JSONSchemaValidator {
    let root: [String: Any]

    init(contentsOf url: URL) throws {
        root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    static let known: Set<String> = ["$schema", "$id", "$defs", "$ref", "title", "description", "type", "properties",
                                     "required", "additionalProperties", "items", "const", "enum", "format"]

    func validate(_ value: Any) -> [String] {
        var errors: [String] = []
        check(value, against: root, at: "$", errors: &errors)
        return errors
    }

    private func check(_ value: Any, against schema: [String: Any], at path: String, errors: inout [String]) {
        if let unknown = schema.keys.first(where: { !Self.known.contains($0) }) {
            errors.append("\(path): schema keyword \(unknown) is not supported")
            return
        }
        if let ref = schema["$ref"] as? String {
            let name = String(ref.dropFirst("#/$defs/".count))
            guard let defs = root["$defs"] as? [String: Any], let target = defs[name] as? [String: Any] else {
                errors.append("\(path): unresolved \(ref)")
                return
            }
            check(value, against: target, at: path, errors: &errors)
            return
        }
        if let type = schema["type"] {
            let allowed = (type as? [String]) ?? [type as! String]
            guard allowed.contains(where: { Self.matches(value, $0) }) else {
                errors.append("\(path): expected \(allowed.joined(separator: " or ")), found \(Self.describe(value))")
                return
            }
        }
        if let constant = schema["const"], !Self.equal(value, constant) {
            errors.append("\(path): expected \(constant), found \(value)")
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { Self.equal(value, $0) }) {
            errors.append("\(path): \(value) is not one of \(options)")
        }
        if let format = schema["format"] as? String, let text = value as? String, !Self.matches(text, format: format) {
            errors.append("\(path): \(text) is not a \(format)")
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                errors.append("\(path): missing \(name)")
            }
            for (key, item) in object.sorted(by: { $0.key < $1.key }) {
                if let property = properties[key] as? [String: Any] {
                    check(item, against: property, at: "\(path).\(key)", errors: &errors)
                } else if let additional = schema["additionalProperties"] as? [String: Any] {
                    check(item, against: additional, at: "\(path).\(key)", errors: &errors)
                } else if schema["additionalProperties"] as? Bool == false {
                    errors.append("\(path): unexpected field \(key)")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, item) in array.enumerated() { check(item, against: items, at: "\(path)[\(index)]", errors: &errors) }
        }
    }

    /// JSONSerialization gives true and false as NSNumbers of type char ("c"), numbers otherwise.
    private static func isBool(_ value: Any) -> Bool {
        (value as? NSNumber).map { String(cString: $0.objCType) == "c" } ?? false
    }

    private static func matches(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "boolean": return isBool(value)
        case "integer":
            guard let n = value as? NSNumber, !isBool(value) else { return false }
            return n.doubleValue.rounded() == n.doubleValue
        case "number": return value is NSNumber && !isBool(value)
        case "string": return value is String
        case "array": return value is [Any]
        case "object": return value is [String: Any]
        default: return false
        }
    }

    /// `date`: YYYY-MM-DD; `date-time`: YYYY-MM-DDTHH:MM:SSZ (UTC, as Weft writes every instant).
    private static func matches(_ text: String, format: String) -> Bool {
        let digits = Array(text.utf8).map { $0 >= 48 && $0 <= 57 }
        let date = text.count >= 10 && Array(text.utf8)[4] == 45 && Array(text.utf8)[7] == 45
            && [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { digits[$0] }
        switch format {
        case "date": return text.count == 10 && date
        case "date-time":
            let bytes = Array(text.utf8)
            return text.count == 20 && date && bytes[10] == 84 && bytes[13] == 58 && bytes[16] == 58 && bytes[19] == 90
                && [11, 12, 14, 15, 17, 18].allSatisfy { digits[$0] }
        default: return false
        }
    }

    private static func describe(_ value: Any) -> String {
        for type in ["null", "boolean", "integer", "number", "string", "array", "object"] where matches(value, type) { return type }
        return "\(Swift.type(of: value))"
    }

    private static func equal(_ a: Any, _ b: Any) -> Bool {
        (a as? NSObject)?.isEqual(b) ?? false
    }
}
