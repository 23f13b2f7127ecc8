import Foundation
import Testing

/// The documentation against the code: every flag `--help` shows is in docs/cli.md, every key of
/// report.json is in docs/json.md (or in the docs/outputs.md column table it refers to), and every
/// relative link of README.md, ARCHITECTURE.md and docs/ reaches a file and, with a `#fragment`,
/// a heading of it.
@Suite struct DocumentationTests {
    static let repository = WeftRun.repository

    static func text(_ path: String) throws -> String {
        try String(contentsOf: repository.appendingPathComponent(path), encoding: .utf8)
    }

    /// Whether `name` occurs in `text` as a whole identifier (not inside a longer one).
    static func mentions(_ text: String, _ name: String) -> Bool {
        var searchStart = text.startIndex
        while let range = text.range(of: name, range: searchStart..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            let continues: (Character?) -> Bool = { c in c.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" } ?? false }
            if !continues(before) && !continues(after) { return true }
            searchStart = range.upperBound
        }
        return false
    }

    /// The `--flags` in a help text.
    static func flags(in help: String) -> Set<String> {
        let pattern = try! NSRegularExpression(pattern: "--[a-z0-9][a-z0-9-]*")
        let range = NSRange(help.startIndex..., in: help)
        return Set(pattern.matches(in: help, range: range).compactMap { Range($0.range, in: help).map { String(help[$0]) } })
    }

    static let commands: [[String]] = [
        ["validate"], ["analyze"], ["metrics"], ["timeline"], ["ties"], ["segments"], ["qap"], ["diff"],
        ["sample"], ["bench"], ["survey", "import"], ["export"], ["import"],
    ]

    @Test func everyFlagInHelpIsInTheCLIReference() throws {
        let reference = try Self.text("docs/cli.md")
        var seen = 0
        for command in Self.commands {
            let help = try WeftRun(command + ["--help"])
            #expect(help.status == 0, "\(command)")
            let flags = Self.flags(in: help.stdout)
            seen += flags.count
            let missing = flags.filter { !Self.mentions(reference, $0) }.sorted()
            #expect(missing.isEmpty, "weft \(command.joined(separator: " ")) --help shows \(missing), which docs/cli.md does not mention")
        }
        #expect(seen > 150, "the help texts should show the flags (found \(seen))")
    }

    /// Property names at every depth of a JSON Schema (`properties`, `items`, `$defs`, maps' values).
    static func propertyNames(_ schema: Any, into names: inout Set<String>) {
        if let node = schema as? [String: Any] {
            for (name, property) in (node["properties"] as? [String: Any] ?? [:]) {
                names.insert(name)
                propertyNames(property, into: &names)
            }
            for (key, value) in node where key != "properties" { propertyNames(value, into: &names) }
        } else if let list = schema as? [Any] {
            for value in list { propertyNames(value, into: &names) }
        }
    }

    @Test func everyReportKeyIsInTheJSONReference() throws {
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.repository.appendingPathComponent("Schemas/report.schema.json")))
        var names = Set<String>()
        Self.propertyNames(schema, into: &names)
        #expect(names.count > 300)
        // docs/json.md documents report.json; its `members[]` rows defer to members.csv's table in
        // docs/outputs.md, and its row arrays to the other tables there.
        let documents = try Self.text("docs/json.md") + "\n" + Self.text("docs/outputs.md")
        let missing = names.filter { !Self.mentions(documents, $0) }.sorted()
        #expect(missing.isEmpty, "report.json keys not in docs/json.md or docs/outputs.md: \(missing)")
    }

    /// GitHub's anchor for a heading: lower case, punctuation other than `-` and `_` dropped,
    /// spaces to `-`.
    static func anchor(_ heading: String) -> String {
        String(heading.lowercased().compactMap { c -> Character? in
            if c == " " { return "-" }
            return c.isLetter || c.isNumber || c == "-" || c == "_" ? c : nil
        })
    }

    static func anchors(of markdown: String) -> Set<String> {
        var result = Set<String>(), counts: [String: Int] = [:], fenced = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { fenced.toggle(); continue }
            guard !fenced, line.hasPrefix("#"), let space = line.firstIndex(of: " "),
                  line[..<space].allSatisfy({ $0 == "#" }) else { continue }
            let base = anchor(String(line[line.index(after: space)...]))
            let n = counts[base, default: 0]
            counts[base] = n + 1
            result.insert(n == 0 ? base : "\(base)-\(n)")
        }
        return result
    }

    @Test func everyLinkReachesAFileAndHeading() throws {
        let docs = try FileManager.default.contentsOfDirectory(atPath: Self.repository.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.map { "docs/" + $0 }
        let pages = ["README.md", "ARCHITECTURE.md"] + docs.sorted()
        let link = try NSRegularExpression(pattern: "\\]\\(([^)\\s]+)\\)")
        var broken: [String] = [], checked = 0
        for page in pages {
            let text = try Self.text(page)
            let folder = (page as NSString).deletingLastPathComponent
            for match in link.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let target = String(text[Range(match.range(at: 1), in: text)!])
                if target.contains("://") || target.hasPrefix("mailto:") { continue }
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let path = parts[0].isEmpty ? page : ((folder as NSString).appendingPathComponent(String(parts[0])) as NSString).standardizingPath
                checked += 1
                guard FileManager.default.fileExists(atPath: Self.repository.appendingPathComponent(path).path) else {
                    broken.append("\(page): \(target) (no file)"); continue
                }
                if parts.count == 2, path.hasSuffix(".md"), !Self.anchors(of: try Self.text(path)).contains(String(parts[1])) {
                    broken.append("\(page): \(target) (no such heading)")
                }
            }
        }
        #expect(checked > 50)
        #expect(broken.isEmpty, "broken links: \(broken)")
    }

    @Test func anchorsAreGitHubs() {
        #expect(Self.anchor("Outputs of `weft analyze`") == "outputs-of-weft-analyze")
        #expect(Self.anchor("match-report.csv and match-review.csv") == "match-reportcsv-and-match-reviewcsv")
        #expect(Self.anchor("Encodings: Excel on Windows, \"Unicode text\", Teams") == "encodings-excel-on-windows-unicode-text-teams")
        #expect(Self.anchors(of: "# A\n```\n# not a heading\n```\n## A\n") == ["a", "a-1"])
        #expect(Self.mentions("the `--date` flag", "--date") && !Self.mentions("the `--date-format` flag", "--date"))
    }
}
