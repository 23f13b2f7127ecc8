import Foundation
import Testing
import WeftGraph
@testable import WeftIO

/// The byte writers behind every output table: numbers, date-times and CSV text appended straight
/// to bytes give exactly the text the String-making definitions give.
@Suite struct NumberTextTests {
    /// A double as Weft's outputs have always written it (the definition, one String per number).
    static func reference(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }

    static func appended(_ value: Double) -> String {
        var bytes = Array("x".utf8)   // appends after what is there
        NumberText.appendReal(value, to: &bytes)
        return String(decoding: bytes.dropFirst(), as: UTF8.self)
    }

    @Test func realsMatchTheirDefinitionAcrossTheDoubles() {
        let special: [Double] = [0, -0.0, 1, -1, 0.1, 1e-5, 1e15, 1e15 - 1, -1e15, 999_999_999_999_999.9, 1e16, 2.5e20, .pi,
                                 .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNormalMagnitude,
                                 .leastNonzeroMagnitude, .nan, .infinity, -.infinity, 0.30000000000000004]
        for value in special { #expect(NumberTextTests.appended(value) == NumberTextTests.reference(value), "\(value)") }
        var random = SeededGenerator(seed: 34)
        var mismatches: [Double] = []
        for k in 0..<200_000 {
            let value: Double
            switch k % 4 {
            case 0: value = Double(bitPattern: random.next())                 // any bit pattern
            case 1: value = random.nextUnit()                                 // measures in [0, 1)
            case 2: value = Double(Int64(bitPattern: random.next()) >> 12) / 8 // large, often integral
            default: value = Foundation.pow(10, -320 + 628 * random.nextUnit()) // every magnitude
            }
            if NumberTextTests.appended(value) != NumberTextTests.reference(value) { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(CSVTableWriter.formatReal(0.1) == "0.1" && CSVTableWriter.formatReal(3) == "3")
    }

    @Test func integersMatchString() {
        var random = SeededGenerator(seed: 7)
        let values = [0, 9, 10, -1, -9, -10, 99, 100, Int.max, Int.min, Int.min + 1] + (0..<10_000).map { k in
            Int(bitPattern: UInt(random.next() >> UInt64(k % 64)))
        }
        for value in values {
            var bytes: [UInt8] = []
            NumberText.appendInteger(value, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == String(value))
        }
    }

    @Test func dateTimesMatchTheirText() {
        var random = SeededGenerator(seed: 11)
        let wide: [Int64] = [-62_167_219_200, -62_167_219_201, 253_402_300_799, 253_402_300_800, 0, -1]   // years 0, −1, 9999, 10000
        let seconds = wide + (0..<20_000).map { _ in Int64(random.int(below: 20_000_000_000)) - 8_000_000_000 }
        for t in seconds {
            var bytes = Array("x".utf8)
            Timestamp.appendDateTime(t, to: &bytes)
            #expect(String(decoding: bytes.dropFirst(), as: UTF8.self) == Timestamp.formatDateTime(t))
            #expect(CSVTableWriter.render(header: ["t"], rows: [[.dateTime(t)]]) == CSVTableWriter.render(header: ["t"], rows: [[.plain(Timestamp.formatDateTime(t))]]))
            #expect(JSONText.value(.dateTime(t)) == JSONText.quoted(Timestamp.formatDateTime(t)))
        }
    }

    /// CSV text cells as RFC 4180 and OWASP's advice write them, one character at a time.
    static func referenceText(_ value: String, neutralise: Bool) -> String {
        let dangerous = neutralise && value.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } == true
        let quoted = value.unicodeScalars.contains(where: { ",\"\n\r".unicodeScalars.contains($0) })
        let body = (dangerous ? "'" : "") + (quoted ? value.replacingOccurrences(of: "\"", with: "\"\"") : value)
        return quoted ? "\"" + body + "\"" : body
    }

    @Test func textCellsAreQuotedAndNeutralisedAsDefined() {
        let alphabet = ["a", "Z", "0", " ", "é", "🙂", ",", "\"", "\n", "\r", "=", "+", "-", "@", "\t", ";", "'"]
        var random = SeededGenerator(seed: 3)
        for length in 0..<2_000 {
            let text = (0..<(length % 9)).map { _ in alphabet[random.int(below: alphabet.count)] }.joined()
            let row = CSVTableWriter.render(header: ["t"], rows: [[.text(text), .plain(text)]])
            let expected = "t\n" + NumberTextTests.referenceText(text, neutralise: true) + "," + NumberTextTests.referenceText(text, neutralise: false) + "\n"
            #expect(row == expected, "\(text.debugDescription)")
        }
    }
}
