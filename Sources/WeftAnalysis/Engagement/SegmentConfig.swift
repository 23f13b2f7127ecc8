import WeftGraph

/// A mistake in a segments config file, with its place (1-based line and column).
public struct SegmentConfigError: Error, Equatable, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Reads and writes the segments config: a small, strict subset of TOML that a spreadsheet user
/// can edit in any text editor.
///
/// ```toml
/// # comments run from # to the end of the line
/// [settings]
/// window_months = 12          # integers, decimals, "strings", true/false
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
/// A condition is `feature`, or `feature op threshold` with op one of >= > <= < == != and the
/// threshold a number or a percentile `pNN` (of the members active in the window). Unknown keys,
/// features, segments or sections are errors, reported as file:line:column.
public enum SegmentConfig {
    /// The settings keys, in the order `text(_:)` writes them.
    static let settingKeys = ["window_months", "period", "governance_column", "joined_column", "left_column",
                              "clusters_min", "clusters_max", "cluster_restarts", "cluster_features", "cluster_sample",
                              "silhouette_sample", "sensitivity", "steering_roles", "sharing_roles", "focus_prior_events"]

    /// Parses config text; `file` names it in errors.
    public static func parse(_ text: String, file: String = "segments config") throws -> SegmentRules {
        var parser = Parser(bytes: Array(text.utf8), file: file)
        return try parser.parse()
    }

    /// The config as comment-free text in the same format (what a run used, echoed into its outputs).
    public static func text(_ config: SegmentRules) -> String {
        func quoted(_ s: String) -> String {
            // Escapes for what readString turns back: a raw line break would end the line.
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t") + "\""
        }
        var lines = ["[settings]"]
        let values: [String: String] = [
            "window_months": String(config.windowMonths), "period": quoted(config.period?.rawValue ?? "none"),
            "governance_column": quoted(config.governanceColumn), "joined_column": quoted(config.joinedColumn),
            "left_column": quoted(config.leftColumn), "clusters_min": String(config.clustersMin),
            "clusters_max": String(config.clustersMax), "cluster_restarts": String(config.clusterRestarts),
            "cluster_features": "[" + config.clusterFeatures.map { quoted($0.rawValue) }.joined(separator: ", ") + "]",
            "cluster_sample": String(config.clusterSample), "silhouette_sample": String(config.silhouetteSample),
            "sensitivity": SegmentRules.exact(config.sensitivity),
            "steering_roles": "[" + config.steeringRoles.map(quoted).joined(separator: ", ") + "]",
            "sharing_roles": "[" + config.sharingRoles.map(quoted).joined(separator: ", ") + "]",
            "focus_prior_events": SegmentRules.exact(config.focusPriorEvents),
        ]
        for key in settingKeys { lines.append("\(key) = \(values[key]!)") }
        for segment in config.segments.dropLast(2) {
            lines += ["", "[[segment]]", "name = \(quoted(segment))", "rules = ["]
            for rule in config.rules where rule.segment == segment { lines.append("  \(quoted(rule.text)),") }
            lines.append("]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Parses one condition list ("a >= 1 and b"); `at(offset)` places an error at a character.
    static func conditions(_ text: String, at place: (Int) -> (line: Int, column: Int), file: String) throws -> [SegmentCondition] {
        func fail(_ offset: Int, _ message: String) -> SegmentConfigError {
            let (line, column) = place(offset)
            return SegmentConfigError(file: file, line: line, column: column, message: message)
        }
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

    static func threshold(_ text: String, fail: (String) -> SegmentConfigError) throws -> SegmentThreshold {
        if text.first == "p" || text.first == "P" {
            guard let p = Double(text.dropFirst()), p >= 0, p <= 100 else { throw fail("a percentile is p0 to p100, found '\(text)'") }
            return .percentile(p)
        }
        guard let x = Double(text), x.isFinite else { throw fail("expected a number or a percentile such as p75, found '\(text)'") }
        return .value(x)
    }

    /// A value in the file: a string, a number, a boolean or an array of strings, with its place.
    enum Value {
        case string(String, offset: Int)
        case number(Double, text: String)
        case bool(Bool)
        case strings([(String, offset: Int)])
    }

    struct Parser {
        let bytes: [UInt8]
        let file: String
        var i = 0

        init(bytes: [UInt8], file: String) {
            self.bytes = bytes
            self.file = file
        }

        func place(_ offset: Int) -> (line: Int, column: Int) {
            var line = 1, column = 1
            var k = 0
            while k < min(offset, bytes.count) {
                if bytes[k] == 0x0A { line += 1; column = 1 } else if bytes[k] & 0xC0 != 0x80 { column += 1 }
                k += 1
            }
            return (line, column)
        }

        func error(_ offset: Int, _ message: String) -> SegmentConfigError {
            let (line, column) = place(offset)
            return SegmentConfigError(file: file, line: line, column: column, message: message)
        }

        var atEnd: Bool { i >= bytes.count }
        var current: UInt8 { bytes[i] }

        /// Skips spaces and tabs (and newlines and comments when `lines`).
        mutating func skip(lines: Bool) {
            while !atEnd {
                if current == 0x20 || current == 0x09 || current == 0x0D { i += 1 }
                else if current == UInt8(ascii: "#") { while !atEnd && current != 0x0A { i += 1 } }
                else if lines && current == 0x0A { i += 1 }
                else { break }
            }
        }

        /// After a statement: only a comment may follow on the line.
        mutating func endOfLine() throws {
            skip(lines: false)
            guard atEnd || current == 0x0A else { throw error(i, "unexpected text after the value") }
        }

        mutating func parse() throws -> SegmentRules {
            var config = SegmentRules(rules: [])
            var section = ""   // "", "settings", "segment"
            var segment: (name: String?, nameOffset: Int, rules: [(String, offset: Int)]?, start: Int)?
            var seenKeys = Set<String>()
            var segments: [(name: String, rules: [(String, offset: Int)])] = []
            func finish(_ s: (name: String?, nameOffset: Int, rules: [(String, offset: Int)]?, start: Int)?) throws {
                guard let s else { return }
                guard let name = s.name else { throw error(s.start, "this [[segment]] has no name") }
                guard let rules = s.rules, !rules.isEmpty else { throw error(s.start, "segment '\(name)' has no rules") }
                if segments.contains(where: { $0.name == name }) { throw error(s.nameOffset, "segment '\(name)' is defined twice") }
                segments.append((name, rules))
            }
            while true {
                skip(lines: true)
                if atEnd { break }
                let start = i
                if current == UInt8(ascii: "[") {
                    let header = readLine()
                    let name = header.trimmingCharacters(inComment: true)
                    if name == "[settings]" {
                        if seenKeys.contains("[settings]") { throw error(start, "[settings] appears twice") }
                        seenKeys.insert("[settings]")
                        try finish(segment); segment = nil
                        section = "settings"
                    } else if name == "[[segment]]" {
                        try finish(segment)
                        segment = (nil, start, nil, start)
                        section = "segment"
                    } else {
                        throw error(start, "unknown section \(name) (expected [settings] or [[segment]])")
                    }
                    continue
                }
                let keyStart = i
                while !atEnd && (isKeyByte(current)) { i += 1 }
                let key = String(decoding: bytes[keyStart..<i], as: UTF8.self)
                guard !key.isEmpty else { throw error(i, "expected a key (name = value)") }
                skip(lines: false)
                guard !atEnd && current == UInt8(ascii: "=") else { throw error(i, "expected '=' after '\(key)'") }
                i += 1
                skip(lines: false)
                let valueStart = i
                let value = try readValue()
                try endOfLine()
                switch section {
                case "settings":
                    if seenKeys.contains("settings." + key) { throw error(keyStart, "'\(key)' is set twice") }
                    seenKeys.insert("settings." + key)
                    try apply(key, value, at: keyStart, valueAt: valueStart, to: &config)
                case "segment":
                    switch (key, value) {
                    case ("name", .string(let s, let offset)):
                        guard segment!.name == nil else { throw error(keyStart, "'name' is set twice") }
                        guard !s.isEmpty, s.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
                            throw error(offset, "a segment name uses lower-case letters, digits and _ only")
                        }
                        guard s != SegmentRules.inactive && s != SegmentRules.unclassified else {
                            throw error(offset, "'\(s)' is built in (members with no record, or no data); choose another name")
                        }
                        segment!.name = s
                        segment!.nameOffset = offset
                    case ("rules", .strings(let list)):
                        guard segment!.rules == nil else { throw error(keyStart, "'rules' is set twice") }
                        segment!.rules = list
                    case ("rules", .string(let s, let offset)):
                        guard segment!.rules == nil else { throw error(keyStart, "'rules' is set twice") }
                        segment!.rules = [(s, offset)]
                    case ("name", _): throw error(valueStart, "'name' is a \"quoted text\"")
                    case ("rules", _): throw error(valueStart, "'rules' is a list of \"quoted\" rules")
                    default: throw error(keyStart, "unknown key '\(key)' in [[segment]] (expected name, rules)")
                    }
                default:
                    throw error(keyStart, "'\(key)' must sit under [settings] or [[segment]]")
                }
            }
            try finish(segment)
            guard !segments.isEmpty else { throw error(bytes.count, "no [[segment]] defined") }
            for s in segments {
                for (text, offset) in s.rules {
                    let conditions = try SegmentConfig.conditions(text, at: { self.place(offset + 1 + $0) }, file: file)
                    config.rules.append(SegmentRule(segment: s.name, conditions: conditions))
                }
            }
            return config
        }

        func isKeyByte(_ b: UInt8) -> Bool {
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
        }

        mutating func readLine() -> String {
            let start = i
            while !atEnd && current != 0x0A { i += 1 }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }

        mutating func readValue() throws -> Value {
            guard !atEnd && current != 0x0A else { throw error(i, "a value is missing") }
            let start = i
            if current == UInt8(ascii: "\"") { return .string(try readString(), offset: start) }
            if current == UInt8(ascii: "[") {
                i += 1
                var items: [(String, offset: Int)] = []
                while true {
                    skip(lines: true)
                    guard !atEnd else { throw error(start, "this list is not closed with ]") }
                    if current == UInt8(ascii: "]") { i += 1; return .strings(items) }
                    guard current == UInt8(ascii: "\"") else { throw error(i, "list items are \"quoted\" text") }
                    let itemStart = i
                    items.append((try readString(), itemStart))
                    skip(lines: true)
                    guard !atEnd else { throw error(start, "this list is not closed with ]") }
                    if current == UInt8(ascii: ",") { i += 1 } else if current != UInt8(ascii: "]") {
                        throw error(i, "expected ',' or ']' in the list")
                    }
                }
            }
            while !atEnd && current != 0x0A && current != UInt8(ascii: "#") && current != 0x20 && current != 0x09 && current != 0x0D { i += 1 }
            let word = String(decoding: bytes[start..<i], as: UTF8.self)
            if word == "true" || word == "false" { return .bool(word == "true") }
            if let x = Double(word.replacingOccurrences(of: "_", with: "")), x.isFinite { return .number(x, text: word) }
            throw error(start, "expected a number, true, false, a \"quoted text\" or a [list], found '\(word)'")
        }

        mutating func readString() throws -> String {
            let start = i
            i += 1
            var out: [UInt8] = []
            while true {
                guard !atEnd, current != 0x0A else { throw error(start, "this text is not closed with \"") }
                let b = current
                i += 1
                if b == UInt8(ascii: "\"") { break }
                if b == UInt8(ascii: "\\") {
                    guard !atEnd else { throw error(start, "this text is not closed with \"") }
                    switch current {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(current)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    default: throw error(i - 1, "unknown escape \\\(Character(Unicode.Scalar(current)))")
                    }
                    i += 1
                } else {
                    out.append(b)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }

        func apply(_ key: String, _ value: Value, at keyOffset: Int, valueAt offset: Int, to config: inout SegmentRules) throws {
            func integer(_ range: ClosedRange<Int>) throws -> Int {
                // Compare as doubles first: Int(x) traps for values beyond Int's range (found by FuzzConfig).
                guard case .number(let x, _) = value, x == x.rounded(),
                      x >= Double(range.lowerBound), x <= Double(range.upperBound) else {
                    throw error(offset, "'\(key)' is a whole number from \(range.lowerBound) to \(range.upperBound)")
                }
                return Int(x)
            }
            func text() throws -> String {
                guard case .string(let s, _) = value else { throw error(offset, "'\(key)' is a \"quoted text\"") }
                return s
            }
            switch key {
            case "window_months": config.windowMonths = try integer(0...1200)
            case "period":
                let s = try text()
                if s == "none" { config.period = nil } else {
                    guard let unit = PeriodUnit(rawValue: s) else {
                        throw error(offset, "'period' is one of day, week, month, quarter, year, none")
                    }
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
                guard case .number(let x, _) = value, x > 0, x < 1 else { throw error(offset, "'sensitivity' lies between 0 and 1 (0.2: ±20%)") }
                config.sensitivity = x
            case "steering_roles", "sharing_roles":
                guard case .strings(let list) = value else { throw error(offset, "'\(key)' is a list of \"role\" names, such as [\"host\", \"facilitator\"]") }
                let roles = list.map(\.0)
                if key == "steering_roles" { config.steeringRoles = roles } else { config.sharingRoles = roles }
            case "focus_prior_events":
                guard case .number(let x, _) = value, x >= 0, x <= 1000 else { throw error(offset, "'focus_prior_events' is a number from 0 to 1000 (0: no shrinkage)") }
                config.focusPriorEvents = x
            case "cluster_features":
                guard case .strings(let list) = value, !list.isEmpty else { throw error(offset, "'cluster_features' is a list of \"feature\" names") }
                config.clusterFeatures = try list.map { name, at in
                    guard let f = EngagementFeature.named(name) else { throw error(at, "unknown feature '\(name)'") }
                    return f
                }
            default:
                throw error(keyOffset, "unknown setting '\(key)' (known: \(SegmentConfig.settingKeys.joined(separator: ", ")))")
            }
            if config.clustersMin > config.clustersMax { throw error(offset, "clusters_min is above clusters_max") }
        }
    }
}

extension String {
    /// The text without a trailing # comment and surrounding spaces.
    fileprivate func trimmingCharacters(inComment: Bool) -> String {
        let body = split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? self
        return String(body.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
