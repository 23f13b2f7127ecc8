import Foundation
import Testing
@testable import WeftIO

/// JSON string literals written by `JSONText`: the copy-through path for text with nothing to
/// escape and the escaping path give RFC 8259 literals that read back to the same string.
@Suite struct JSONTextTests {
    /// Escapes byte by byte, as JSONText did before it copied plain text in one piece.
    static func reference(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    @Test func quotedMatchesTheByteByByteEscapeAndReadsBack() throws {
        let alphabet: [String] = ["a", "Z", "0", " ", "é", "日", "🙂", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{8}", "\u{c}", "\u{1f}", "\u{7f}"]
        var state: UInt64 = 5
        for length in 0..<400 {
            var text = ""
            for _ in 0..<(length % 23) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                // Half the strings use letters only (the copy-through path).
                let pool = length % 2 == 0 ? 6 : alphabet.count
                text += alphabet[Int(state >> 33) % pool]
            }
            let quoted = JSONText.quoted(text)
            #expect(quoted == JSONTextTests.reference(text))
            let back = try JSONSerialization.jsonObject(with: Data(("[" + quoted + "]").utf8), options: []) as? [String]
            #expect(back == [text])
        }
        #expect(JSONText.quoted("m000001") == "\"m000001\"" && JSONText.quoted("") == "\"\"")
        #expect(JSONText.quoted("a\"b\\c\u{1}") == "\"a\\\"b\\\\c\\u0001\"")
    }
}
