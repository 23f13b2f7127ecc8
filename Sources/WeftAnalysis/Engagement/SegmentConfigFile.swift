import WeftGraph

/// Reads and writes the segments config file: TOML 1.0 (read by `TOMLParser`), with two sections.
///
/// ```toml
/// # comments run from # to the end of the line
/// [settings]
/// window_months = 12          # integers, floats, "strings", true/false, arrays
/// cluster_features = ["events_attended", "topic_focus"]
///
/// [[segment]]                 # one block per segment, top segment first
/// name = "crew"
/// rules = [                   # any one rule is enough; a rule's conditions all must hold
///   "governance",
///   "active_role_events >= 2",
///   "events_attended >= p75 and core_number >= p75",
/// ]
/// ```
///
/// Any TOML spelling of the same data is the same config: literal or multi-line strings, dotted or
/// quoted keys (`settings.period = "none"`), inline tables (`segment = [{ name = "a", rules = […] }]`).
/// A condition is `feature`, or `feature op threshold` with op one of >= > <= < == != and the
/// threshold a number or a percentile `pNN` (of the members active in the window). A TOML syntax
/// error is reported as file:line:column; unknown keys, features, segments or sections, and values
/// of the wrong type or range, as file:line:column of the value (down to the character inside a
/// rule) with its key path.
public enum SegmentConfigFile {
    /// The settings keys, in the order `text(_:)` writes them.
    static let settingKeys = ["window_months", "period", "governance_column", "joined_column", "left_column",
                              "clusters_min", "clusters_max", "cluster_restarts", "cluster_features", "cluster_sample",
                              "silhouette_sample", "sensitivity", "steering_roles", "sharing_roles", "focus_prior_events"]

    /// Parses config text; `file` names it in errors.
    public static func parse(_ text: String, file: String = "segments config") throws -> SegmentConfig {
        let document: TOMLDocument
        do {
            document = try TOMLParser.parse(text)
        } catch let error as TOMLSyntaxError {
            throw InputError(file: file, line: error.position.line, column: error.position.column, message: error.message)
        }
        return try Reader(file: file).config(from: document)
    }

    /// The config as comment-free text in the same format (what a run used, echoed into its outputs).
    public static func text(_ config: SegmentConfig) -> String {
        func quoted(_ s: String) -> String {
            // A TOML basic string: quote, backslash and control characters escaped (a raw line
            // break would end the line).
            var out = "\""
            for c in s.unicodeScalars {
                switch c {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                case _ where c.value < 0x20 || c.value == 0x7F:
                    let hex = String(c.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(c)
                }
            }
            return out + "\""
        }
        var lines = ["[settings]"]
        let values: [String: String] = [
            "window_months": String(config.windowMonths), "period": quoted(config.period?.rawValue ?? "none"),
            "governance_column": quoted(config.governanceColumn), "joined_column": quoted(config.joinedColumn),
            "left_column": quoted(config.leftColumn), "clusters_min": String(config.clustersMin),
            "clusters_max": String(config.clustersMax), "cluster_restarts": String(config.clusterRestarts),
            "cluster_features": "[" + config.clusterFeatures.map { quoted($0.rawValue) }.joined(separator: ", ") + "]",
            "cluster_sample": String(config.clusterSample), "silhouette_sample": String(config.silhouetteSample),
            "sensitivity": SegmentConfig.exact(config.sensitivity),
            "steering_roles": "[" + config.steeringRoles.map(quoted).joined(separator: ", ") + "]",
            "sharing_roles": "[" + config.sharingRoles.map(quoted).joined(separator: ", ") + "]",
            "focus_prior_events": SegmentConfig.exact(config.focusPriorEvents),
        ]
        for key in settingKeys { lines.append("\(key) = \(values[key]!)") }
        for segment in config.segments.dropLast(2) {
            lines += ["", "[[segment]]", "name = \(quoted(segment))", "rules = ["]
            for rule in config.rules where rule.segment == segment { lines.append("  \(quoted(rule.text)),") }
            lines.append("]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Parses one condition list ("a >= 1 and b"); `fail(offset, message)` makes the error for a
    /// mistake at a Unicode scalar of the text.
    static func conditions(_ text: String, fail: (Int, String) -> InputError) throws -> [SegmentCondition] {
        let chars = Array(text.unicodeScalars)
        var tokens: [(text: String, offset: Int)] = []
        var i = 0
        while i < chars.count {
            if chars[i] == " " || chars[i] == "\t" { i += 1; continue }
            let start = i
            if "<>=!".unicodeScalars.contains(chars[i]) {
                while i < chars.count && "<>=!".unicodeScalars.contains(chars[i]) { i += 1 }
            } else {
                while i < chars.count && !" \t<>=!".unicodeScalars.contains(chars[i]) { i += 1 }
            }
            tokens.append((String(String.UnicodeScalarView(chars[start..<i])), start))
        }
        guard !tokens.isEmpty else { throw fail(0, "empty rule") }
        var result: [SegmentCondition] = []
        var t = 0
        while true {
            guard t < tokens.count else { throw fail(chars.count, "a condition is missing after 'and'") }
            let name = tokens[t]
            guard let feature = EngagementFeature.named(name.text) else {
                throw fail(name.offset, "unknown feature '\(name.text)' (known: \(EngagementFeature.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            t += 1
            if t < tokens.count, tokens[t].text != "and" {
                let op = tokens[t]
                guard let comparison = SegmentComparison(rawValue: op.text == "=" ? "==" : op.text) else {
                    throw fail(op.offset, "expected a comparison (>=, >, <=, <, ==, !=) or 'and', found '\(op.text)'")
                }
                t += 1
                guard t < tokens.count else { throw fail(chars.count, "a threshold is missing after '\(op.text)'") }
                let value = tokens[t]
                result.append(SegmentCondition(feature, comparison, try threshold(value.text) { fail(value.offset, $0) }))
                t += 1
            } else {
                result.append(SegmentCondition(feature))
            }
            if t == tokens.count { return result }
            guard tokens[t].text == "and" else { throw fail(tokens[t].offset, "expected 'and' between conditions, found '\(tokens[t].text)'") }
            t += 1
        }
    }

    static func threshold(_ text: String, fail: (String) -> InputError) throws -> SegmentThreshold {
        if text.first == "p" || text.first == "P" {
            guard let p = Double(text.dropFirst()), p >= 0, p <= 100 else { throw fail("a percentile is p0 to p100, found '\(text)'") }
            return .percentile(p)
        }
        guard let x = Double(text), x.isFinite else { throw fail("expected a number or a percentile such as p75, found '\(text)'") }
        return .value(x)
    }

    /// Reads the settings and segments from a parsed document.
    struct Reader {
        let file: String

        func error(_ at: TOMLPosition, _ keyPath: String, _ message: String) -> InputError {
            InputError(file: file, line: at.line, column: at.column, message: message, keyPath: keyPath)
        }

        /// A segment block as read: its name and its rules, each rule with its place.
        typealias Block = (name: String, rules: [TOMLValue])

        func config(from document: TOMLDocument) throws -> SegmentConfig {
            var config = SegmentConfig(rules: [])
            var blocks: [Block] = []
            for entry in document.root.entries {
                switch (entry.key, entry.value.content) {
                case ("settings", .table(let table)):
                    try settings(table, into: &config)
                case ("segment", .array(let items)):
                    for (n, item) in items.enumerated() { blocks.append(try block(item, path: "segment[\(n + 1)]", after: blocks)) }
                case ("settings", _):
                    throw error(entry.keyPosition, "settings", "settings sit in a [settings] table")
                case ("segment", .table):
                    throw error(entry.value.position, "segment", "each segment is a [[segment]] block (with two brackets)")
                case ("segment", _):
                    throw error(entry.keyPosition, "segment", "segments are [[segment]] blocks")
                case (let key, .table):
                    throw error(entry.value.position, key, "unknown section [\(key)] (expected [settings] or [[segment]])")
                case (let key, _):
                    throw error(entry.keyPosition, key, "'\(key)' must sit under [settings] or [[segment]]")
                }
            }
            guard !blocks.isEmpty else { throw error(document.end, "segment", "no [[segment]] defined") }
            for (b, block) in blocks.enumerated() {
                for (r, rule) in block.rules.enumerated() {
                    guard case .string(let text) = rule.content else { continue }
                    let places = rule.scalarPositions
                    let path = "segment[\(b + 1)].rules[\(r + 1)]"
                    let conditions = try SegmentConfigFile.conditions(text) { offset, message in
                        error(places[min(offset, places.count - 1)], path, message)
                    }
                    config.rules.append(SegmentRule(segment: block.name, conditions: conditions))
                }
            }
            return config
        }

        /// One `[[segment]]` block: a name and its rules.
        func block(_ value: TOMLValue, path: String, after earlier: [Block]) throws -> Block {
            guard case .table(let table) = value.content else {
                throw error(value.position, path, "each segment is a table with a name and rules")
            }
            var name: String?
            var rules: [TOMLValue]?
            for entry in table.entries {
                let valuePath = path + "." + entry.key
                switch (entry.key, entry.value.content) {
                case ("name", .string(let s)):
                    guard !s.isEmpty, s.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
                        throw error(entry.value.position, valuePath, "a segment name uses lower-case letters, digits and _ only")
                    }
                    guard s != SegmentConfig.inactive && s != SegmentConfig.unclassified else {
                        throw error(entry.value.position, valuePath, "'\(s)' is built in (members with no record, or no data); choose another name")
                    }
                    guard !earlier.contains(where: { $0.name == s }) else {
                        throw error(entry.value.position, valuePath, "segment '\(s)' is defined twice")
                    }
                    name = s
                case ("rules", .array(let items)):
                    if let item = items.first(where: { if case .string = $0.content { false } else { true } }) {
                        throw error(item.position, valuePath, "'rules' is a list of \"quoted\" rules")
                    }
                    rules = items
                case ("rules", .string):
                    rules = [entry.value]
                case ("name", _): throw error(entry.value.position, valuePath, "'name' is a \"quoted text\"")
                case ("rules", _): throw error(entry.value.position, valuePath, "'rules' is a list of \"quoted\" rules")
                default: throw error(entry.keyPosition, valuePath, "unknown key '\(entry.key)' in [[segment]] (expected name, rules)")
                }
            }
            guard let name else { throw error(value.position, path, "this [[segment]] has no name") }
            guard let rules, !rules.isEmpty else { throw error(value.position, path, "segment '\(name)' has no rules") }
            return (name, rules)
        }

        /// The `[settings]` table, checked key by key.
        func settings(_ table: TOMLTable, into config: inout SegmentConfig) throws {
            for entry in table.entries { try setting(entry, into: &config) }
            if config.clustersMin > config.clustersMax, let entry = table["clusters_min"] ?? table["clusters_max"] {
                throw error(entry.value.position, "settings." + entry.key, "clusters_min is above clusters_max")
            }
        }

        func setting(_ entry: TOMLTable.Entry, into config: inout SegmentConfig) throws {
            let key = entry.key, value = entry.value, path = "settings." + key
            func fail(_ message: String) -> InputError { error(value.position, path, message) }
            func integer(_ range: ClosedRange<Int>) throws -> Int {
                guard case .integer(let v) = value.content, v >= range.lowerBound, v <= range.upperBound else {
                    throw fail("'\(key)' is a whole number from \(range.lowerBound) to \(range.upperBound)")
                }
                return Int(v)
            }
            func number() -> Double? {
                switch value.content {
                case .integer(let v): Double(v)
                case .float(let x): x
                default: nil
                }
            }
            func text() throws -> String {
                guard case .string(let s) = value.content else { throw fail("'\(key)' is a \"quoted text\"") }
                return s
            }
            func strings(_ message: String) throws -> [(String, TOMLPosition)] {
                guard case .array(let items) = value.content else { throw fail(message) }
                return try items.map { item in
                    guard case .string(let s) = item.content else { throw error(item.position, path, message) }
                    return (s, item.position)
                }
            }
            switch key {
            case "window_months": config.windowMonths = try integer(0...1200)
            case "period":
                let s = try text()
                if s == "none" { config.period = nil } else {
                    guard let unit = PeriodUnit(rawValue: s) else { throw fail("'period' is one of day, week, month, quarter, year, none") }
                    config.period = unit
                }
            case "governance_column": config.governanceColumn = try text()
            case "joined_column": config.joinedColumn = try text()
            case "left_column": config.leftColumn = try text()
            case "clusters_min": config.clustersMin = try integer(2...50)
            case "clusters_max": config.clustersMax = try integer(2...50)
            case "cluster_restarts": config.clusterRestarts = try integer(1...1000)
            case "cluster_sample": config.clusterSample = try integer(10...100_000_000)
            case "silhouette_sample": config.silhouetteSample = try integer(10...100_000)
            case "sensitivity":
                guard let x = number(), x > 0, x < 1 else { throw fail("'sensitivity' lies between 0 and 1 (0.2: ±20%)") }
                config.sensitivity = x
            case "steering_roles", "sharing_roles":
                let roles = try strings("'\(key)' is a list of \"role\" names, such as [\"host\", \"facilitator\"]").map(\.0)
                if key == "steering_roles" { config.steeringRoles = roles } else { config.sharingRoles = roles }
            case "focus_prior_events":
                guard let x = number(), x >= 0, x <= 1000 else { throw fail("'focus_prior_events' is a number from 0 to 1000 (0: no shrinkage)") }
                config.focusPriorEvents = x
            case "cluster_features":
                let names = try strings("'cluster_features' is a list of \"feature\" names")
                guard !names.isEmpty else { throw fail("'cluster_features' is a list of \"feature\" names") }
                config.clusterFeatures = try names.map { name, at in
                    guard let f = EngagementFeature.named(name) else { throw error(at, path, "unknown feature '\(name)'") }
                    return f
                }
            default:
                throw error(entry.keyPosition, path, "unknown setting '\(key)' (known: \(SegmentConfigFile.settingKeys.joined(separator: ", ")))")
            }
        }
    }
}
