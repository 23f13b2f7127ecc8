import Foundation
import Testing
@testable import WeftAnalysis

/// The TOML 1.0 reader against Python's tomllib (fixtures from scripts/make_toml_reference.py),
/// and the places of its errors.
struct TOMLParserTests {
    static let folder = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/toml")

    static var validCases: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("valid").path)) ?? []
        return files.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// A value in the toml-test convention the reference script writes.
    static func tagged(_ value: TOMLValue) -> Any {
        switch value.content {
        case .string(let s): return ["type": "string", "value": s]
        case .integer(let v): return ["type": "integer", "value": String(v)]
        case .float(let x): return ["type": "float", "value": x.isNaN ? "nan" : x.isInfinite ? (x > 0 ? "inf" : "-inf") : "\(x)"]
        case .boolean(let b): return ["type": "bool", "value": b ? "true" : "false"]
        case .dateTime(let d):
            switch d.kind {
            case .offsetDateTime: return ["type": "datetime"]
            case .localDateTime: return ["type": "datetime-local"]
            case .localDate: return ["type": "date-local"]
            case .localTime: return ["type": "time-local"]
            }
        case .array(let items): return items.map(tagged)
        case .table(let table): return tagged(table)
        }
    }

    static func tagged(_ table: TOMLTable) -> [String: Any] {
        Dictionary(uniqueKeysWithValues: table.entries.map { ($0.key, tagged($0.value)) })
    }

    /// Equal as tagged values; floats compared as numbers (nan equals nan), so that Swift's and
    /// Python's shortest spellings need not agree.
    static func same(_ a: Any, _ b: Any, at path: String, _ differences: inout [String]) {
        if let x = a as? [String: Any], let y = b as? [String: Any] {
            if let type = x["type"] as? String, type == y["type"] as? String, x.count <= 2 {
                if type == "float", let p = Double(x["value"] as! String), let q = Double(y["value"] as! String) {
                    if !(p == q && p.sign == q.sign) && !(p.isNaN && q.isNaN) { differences.append("\(path): \(p) ≠ \(q)") }
                } else if x["value"] as? String != y["value"] as? String {
                    differences.append("\(path): \(x["value"] ?? "-") ≠ \(y["value"] ?? "-")")
                }
                return
            }
            if Set(x.keys) != Set(y.keys) { differences.append("\(path): keys \(x.keys.sorted()) ≠ \(y.keys.sorted())"); return }
            for key in x.keys { same(x[key]!, y[key]!, at: path + "." + key, &differences) }
        } else if let x = a as? [Any], let y = b as? [Any] {
            guard x.count == y.count else { differences.append("\(path): \(x.count) items ≠ \(y.count)"); return }
            for k in x.indices { same(x[k], y[k], at: path + "[\(k)]", &differences) }
        } else {
            differences.append("\(path): \(type(of: a)) ≠ \(type(of: b))")
        }
    }

    @Test func thereAreEnoughCases() {
        #expect(Self.validCases.count >= 14)
    }

    @Test(arguments: validCases)
    func validDocumentsReadAsTomllibReadsThem(_ name: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent("valid/\(name).toml"), encoding: .utf8)
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.folder.appendingPathComponent("valid/\(name).json")))
        let document = try TOMLParser.parse(text)
        var differences: [String] = []
        Self.same(Self.tagged(document.root), expected, at: name, &differences)
        #expect(differences.isEmpty, "\(differences)")
    }

    @Test(arguments: [
        ("float-leading-point", 1, 15, "a digit is needed before the decimal point"),
        ("integer-leading-zero", 1, 17, "leading zeros are not allowed"),
        ("integer-double-underscore", 1, 18, "underscores only between digits"),
        ("integer-trailing-underscore", 2, 5, "underscores only between digits"),
        ("float-point-without-digits", 1, 5, "a decimal point is followed by digits"),
        ("float-point-before-exponent", 1, 5, "a decimal point is followed by digits"),
        ("hex-with-sign", 1, 5, "takes no sign"),
        ("integer-overflow", 1, 5, "beyond the 64-bit integer range"),
        ("key-defined-twice", 2, 1, "key 'name' is defined twice"),
        ("table-defined-twice", 3, 2, "table [settings] is defined twice"),
        ("dotted-key-adds-to-header-table", 4, 1, "a dotted key cannot add to it"),
        ("header-redefines-dotted-table", 3, 8, "table [fruit.apple] is defined twice"),
        ("inline-table-extended", 2, 1, "'a' is an inline table"),
        ("static-array-appended", 2, 3, "not an array of tables"),
        ("inline-table-trailing-comma", 1, 14, "a trailing comma is not allowed"),
        ("inline-table-over-lines", 1, 13, "an inline table stays on one line"),
        ("multiline-string-not-closed", 2, 5, "not closed with \"\"\""),
        ("unknown-escape", 2, 8, "unknown escape \\x"),
        ("time-without-seconds", 1, 5, "the seconds are required"),
        ("date-out-of-range", 1, 5, "the day 29 is out of range"),
        ("bare-text-value", 1, 10, "text is written in quotes"),
        ("two-pairs-on-a-line", 1, 7, "unexpected text after the value"),
        ("multiline-key", 1, 1, "a key cannot be a multi-line string"),
        ("six-quotes-in-multiline", 1, 14, "three or more quotes in a row"),
        ("value-missing", 1, 4, "a value is missing"),
        ("header-not-closed", 1, 10, "expected ']'"),
        ("array-not-closed", 2, 1, "expected ',' or ']' in the array"),
        ("control-character-in-string", 1, 7, "control character U+0001"),
        ("bare-carriage-return", 1, 6, "a carriage return must be followed by a line feed"),
    ])
    func invalidDocumentsAreRefusedAtTheirPlace(_ name: String, _ line: Int, _ column: Int, _ message: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent("invalid/\(name).toml"), encoding: .utf8)
        do {
            let document = try TOMLParser.parse(text)
            Issue.record("accepted: \(Self.tagged(document.root))")
        } catch let error as TOMLSyntaxError {
            #expect(error.position == TOMLPosition(line: line, column: column), "\(error)")
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func everyInvalidFileHasACase() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.appendingPathComponent("invalid").path)
        #expect(files.filter { $0.hasSuffix(".toml") }.count == 29)
    }

    @Test func stringsKnowWhereEachCharacterStands() throws {
        // "\u0067" is six characters of text for one of the string; the line-ending backslash
        // drops the break and the indentation.
        let document = try TOMLParser.parse("a = \"\\u0067o\"\nb = \"\"\"x \\\n    y\"\"\"\n")
        let a = document.root["a"]!.value, b = document.root["b"]!.value
        #expect(a.scalarPositions == [TOMLPosition(line: 1, column: 6), TOMLPosition(line: 1, column: 12), TOMLPosition(line: 1, column: 13)])
        guard case .string("x y") = b.content else { Issue.record("\(b.content)"); return }
        #expect(b.scalarPositions.map(\.column) == [8, 9, 5, 6] && b.scalarPositions.map(\.line) == [2, 2, 3, 3])
        #expect(document.end == TOMLPosition(line: 4, column: 1))
    }
}
