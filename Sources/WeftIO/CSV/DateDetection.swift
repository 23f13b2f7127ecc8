/// Works out how one column writes its dates, from a sample of its values, when no
/// `--date-format` names it. The rules (issue 15, item 3):
///
/// - values in ISO 8601 (`2024-03-25`, `2024-03-25T10:00:00Z`) are ISO 8601;
/// - numbers with separators and the year last (`25/03/2024`, `3.25.24 10:00 AM`): a first
///   number above 12 in any value decides day-first, a second number above 12 month-first; when
///   no value decides, or values decide both ways, the column is ambiguous and reading stops with
///   a message naming the column, two example values and the flag to set;
/// - a four-digit year first (`2024/03/25`) is year, month, day, as ISO 8601 orders them;
/// - plain numbers (Unix times, Excel serials) are not guessed: they need `--date-format`.
///
/// The layout is the one more than half of the values share (separators, two- or four-digit year, time with or
/// without seconds, AM/PM, offset); values in another layout are read with it and rejected
/// with their line, never silently dropped.
public enum DateDetection {
    /// A value of the column and the line it is on.
    public struct Sample: Equatable, Sendable {
        public let text: String
        public let line: Int

        public init(text: String, line: Int) {
            self.text = text
            self.line = line
        }
    }

    /// What the column's values are.
    public enum Outcome: Equatable {
        /// Dates in this format; `evidence` is a value that decided it (nil for ISO 8601).
        case dates(DateFormat, evidence: Sample?)
        /// Plain numbers: the meaning (Unix seconds, milliseconds, Excel serials) must be named.
        case numbers(Sample, Sample?)
        /// No value looks like a date in any layout Weft recognises (or the column is empty).
        case notDates
    }

    /// The failure of detection: `values` can be read more than one way, or no one way.
    public struct Ambiguity: Error, Equatable {
        public let message: String
    }

    /// Classifies a column from `samples` (blank values are ignored). `column` names it in messages.
    /// `undecidedDayFirst`, when given, settles a column no value decides (a platform whose exports
    /// follow one order unless a value shows otherwise: Teams is month-first); nil: an error.
    public static func classify(_ samples: [Sample], column: String, undecidedDayFirst: Bool? = nil) throws(Ambiguity) -> Outcome {
        let values = samples.filter { !$0.text.allSatisfy { $0 == " " || $0 == "\t" } }
        guard !values.isEmpty else { return .notDates }
        var iso = 0, numbers: [Sample] = []
        var shapes: [Shape: [(Sample, first: Int, second: Int)]] = [:]
        for sample in values {
            if case .success = ISO8601.parse(sample.text) { iso += 1; continue }
            if let parsed = Shape.parse(sample.text) {
                shapes[parsed.shape, default: []].append((sample, parsed.first, parsed.second))
            } else if isNumber(sample.text) {
                numbers.append(sample)
            }
        }
        let best = shapes.max { a, b in a.value.count != b.value.count ? a.value.count < b.value.count : a.key.order < b.key.order }
        let shapeCount = best?.value.count ?? 0
        if iso == 0 && shapeCount == 0 {
            return numbers.count * 2 > values.count ? .numbers(numbers[0], numbers.dropFirst().first) : .notDates
        }
        // A layout other than ISO 8601 only when more than half of the values share it.
        guard let best, shapeCount > iso, shapeCount * 2 > values.count else { return .dates(.iso8601, evidence: nil) }
        let shape = best.key, rows = best.value
        if shape.yearFirst {
            return .dates(shape.format(dayFirst: false), evidence: rows[0].0)
        }
        let dayDecides = rows.first { $0.first > 12 }, monthDecides = rows.first { $0.second > 12 }
        switch (dayDecides, monthDecides) {
        case (let day?, nil): return .dates(shape.format(dayFirst: true), evidence: day.0)
        case (nil, let month?): return .dates(shape.format(dayFirst: false), evidence: month.0)
        case (let day?, let month?):
            throw Ambiguity(message: "column '\(column)' mixes day-first and month-first dates: '\(day.0.text)' (line \(day.0.line)) and '\(month.0.text)' (line \(month.0.line)); "
                                + "set --date-format \(shape.patternText(dayFirst: true)) or --date-format \(shape.patternText(dayFirst: false)), and the values in the other order will be rejected")
        case (nil, nil):
            if let dayFirst = undecidedDayFirst { return .dates(shape.format(dayFirst: dayFirst), evidence: nil) }
            let distinct = rows.map(\.0).reduce(into: [Sample]()) { seen, s in if !seen.contains(where: { $0.text == s.text }) { seen.append(s) } }
            let examples = distinct.prefix(2).map { "'\($0.text)' (line \($0.line))" }.joined(separator: " and ")
            throw Ambiguity(message: "column '\(column)' is ambiguous: \(examples) can be read day-first or month-first, and no day above 12 decides; "
                                + "set --date-format \(shape.patternText(dayFirst: true)) or --date-format \(shape.patternText(dayFirst: false))")
        }
    }

    private static func isNumber(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { DecimalParser.parse(UnsafeRawBufferPointer($0)) != nil }
    }

    /// The layout of a date written as numbers with separators, apart from the day/month order.
    struct Shape: Hashable {
        var yearFirst = false
        var yearDigits = 4
        var separator: UInt8 = UInt8(ascii: "/")
        /// What joins the date and the time: `T`, ` ` or `, `; nil when there is no time.
        var joiner: String?
        var seconds = false
        var fraction = false
        /// AM/PM, and whether a space comes before it.
        var meridiem: Bool?
        var offset: Bool?

        /// A stable order between shapes (for ties in counts).
        var order: String { patternText(dayFirst: true) }

        /// The pattern in Weft's pattern language.
        func patternText(dayFirst: Bool) -> String {
            let sep = String(UnicodeScalar(separator))
            let year = yearDigits == 4 ? "YYYY" : "YY"
            var text = yearFirst ? [year, "MM", "DD"].joined(separator: sep)
                                 : (dayFirst ? ["DD", "MM", year] : ["MM", "DD", year]).joined(separator: sep)
            guard let joiner else { return text }
            text += joiner + (meridiem == nil ? "HH" : "hh") + ":mm"
            if seconds { text += ":ss" }
            if fraction { text += ".SSS" }
            if let spaced = meridiem { text += spaced ? " A" : "A" }
            if let spaced = offset { text += spaced ? " Z" : "Z" }
            return text
        }

        func format(dayFirst: Bool) -> DateFormat {
            // The text is built from tokens the pattern language accepts.
            (try? DateFormat(patternText(dayFirst: dayFirst))) ?? .iso8601
        }

        /// Reads `text` as numbers with separators; the shape and the first two numbers.
        static func parse(_ text: String) -> (shape: Shape, first: Int, second: Int)? {
            let b = Array(text.utf8)
            var lo = 0, hi = b.count
            while lo < hi, b[lo] == 0x20 { lo += 1 }
            while hi > lo, b[hi - 1] == 0x20 { hi -= 1 }
            var p = lo
            func digits(_ least: Int, _ most: Int) -> (value: Int, count: Int)? {
                var v = 0, k = 0
                while k < most, p + k < hi, b[p + k] >= 48, b[p + k] <= 57 { v = v * 10 + Int(b[p + k] - 48); k += 1 }
                guard k >= least else { return nil }
                p += k
                return (v, k)
            }
            var shape = Shape()
            guard let a = digits(1, 4), p < hi else { return nil }
            let sep = b[p]
            guard sep == UInt8(ascii: "/") || sep == UInt8(ascii: ".") || sep == UInt8(ascii: "-") else { return nil }
            p += 1
            guard let m = digits(1, 2), p < hi, b[p] == sep else { return nil }
            p += 1
            guard let c = digits(1, 4) else { return nil }
            shape.separator = sep
            if a.count == 4 {
                guard c.count <= 2 else { return nil }
                shape.yearFirst = true
            } else {
                guard a.count <= 2, c.count == 2 || c.count == 4 else { return nil }
                shape.yearDigits = c.count
            }
            if p == hi { return (shape, a.value, m.value) }
            // The time: joiner, H:mm[:ss[.f]], [ ]AM/PM, [ ]offset.
            if b[p] == UInt8(ascii: "T") { shape.joiner = "T"; p += 1 }
            else if b[p] == UInt8(ascii: ",") { p += 1; guard p < hi, b[p] == 0x20 else { return nil }; while p < hi, b[p] == 0x20 { p += 1 }; shape.joiner = ", " }
            else if b[p] == 0x20 { while p < hi, b[p] == 0x20 { p += 1 }; shape.joiner = " " }
            else { return nil }
            guard digits(1, 2) != nil, p < hi, b[p] == UInt8(ascii: ":"), { p += 1; return true }(), digits(2, 2) != nil else { return nil }
            if p < hi, b[p] == UInt8(ascii: ":") {
                p += 1
                guard digits(2, 2) != nil else { return nil }
                shape.seconds = true
                if p < hi, b[p] == UInt8(ascii: ".") { p += 1; guard digits(1, 9) != nil else { return nil }; shape.fraction = true }
            }
            var spaced = false
            while p < hi, b[p] == 0x20 { p += 1; spaced = true }
            if p < hi, [UInt8(ascii: "a"), UInt8(ascii: "p")].contains(b[p] | 0x20) {
                let rest = String(decoding: b[p..<hi], as: UTF8.self).lowercased()
                guard let mark = ["am", "pm", "a.m.", "p.m."].first(where: { rest.hasPrefix($0) }) else { return nil }
                shape.meridiem = spaced
                p += mark.utf8.count
                spaced = false
                while p < hi, b[p] == 0x20 { p += 1; spaced = true }
            }
            if p < hi, b[p] == UInt8(ascii: "Z") || b[p] == UInt8(ascii: "+") || b[p] == UInt8(ascii: "-") {
                shape.offset = spaced
                p = hi        // the offset itself is checked when the value is read
            }
            return p == hi ? (shape, a.value, m.value) : nil
        }
    }
}
