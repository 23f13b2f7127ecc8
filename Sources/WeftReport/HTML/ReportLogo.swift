import WeftGraph
import Foundation
import WeftIO

/// A logo for report.html's title (`--logo FILE`): a PNG or SVG image of at most
/// `ReportLogo.maximumBytes`, checked by content rather than by name — a PNG by its 8-byte
/// signature and IHDR chunk (ISO/IEC 15948 §5.2, §11.2.2), an SVG by being UTF-8 text whose root
/// element is `svg`. It is embedded as a `data:` URI in an `<img>` element: the page stays one
/// self-contained file, and an SVG shown through `<img>` runs no script and loads nothing
/// (HTML's "secure animated mode"), so an SVG's content needs no sanitising to be safe; the
/// page's Content-Security-Policy allows images from `data:` only.
public struct ReportLogo: Sendable, Equatable {
    public enum Kind: String, Sendable { case png, svg }

    public let kind: Kind
    public let bytes: [UInt8]

    /// Larger logos are refused: a logo is a small picture, and the report is sent by email.
    public static let maximumBytes = 512 * 1024

    /// Reads and checks the file at `path`; throws an `InputError` naming the file and what is wrong.
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, line: nil, column: nil, message: "cannot read the logo file (give a PNG or SVG file)")
        }
        try self.init(bytes: [UInt8](data), file: path)
    }

    /// Checks `bytes` (`file` names them in errors).
    public init(bytes: [UInt8], file: String) throws {
        func failure(_ message: String) -> InputError { InputError(file: file, line: nil, column: nil, message: message) }
        guard bytes.count <= ReportLogo.maximumBytes else {
            throw failure("the logo is \(bytes.count / 1024) KB; at most \(ReportLogo.maximumBytes / 1024) KB is embedded (save a smaller PNG or SVG)")
        }
        if ReportLogo.isPNG(bytes) {
            kind = .png
        } else if let root = ReportLogo.svgRoot(bytes) {
            guard root == "svg" else { throw failure("an SVG logo's root element must be <svg>, found <\(root)>") }
            kind = .svg
        } else {
            throw failure("the logo is neither a PNG (no PNG signature) nor an SVG (no <svg> root element); give a .png or .svg file")
        }
        self.bytes = bytes
    }

    /// The image as a `data:` URI (base64), safe inside a quoted attribute.
    public var dataURI: String {
        (kind == .png ? "data:image/png;base64," : "data:image/svg+xml;base64,") + Data(bytes).base64EncodedString()
    }

    /// The PNG signature 89 50 4E 47 0D 0A 1A 0A followed by an IHDR chunk of length 13.
    static func isPNG(_ b: [UInt8]) -> Bool {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let ihdr: [UInt8] = [0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
        return b.count >= 33 && Array(b[0..<8]) == signature && Array(b[8..<16]) == ihdr
    }

    /// The name of the first element of UTF-8 text (after a byte-order mark, the XML
    /// declaration, processing instructions, comments and a DOCTYPE), without a namespace
    /// prefix; nil when the bytes are not UTF-8 text starting with markup.
    static func svgRoot(_ b: [UInt8]) -> String? {
        guard var text = String(validating: b, as: UTF8.self)?[...] else { return nil }
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        while true {
            text = text.drop { $0.isWhitespace }
            guard text.hasPrefix("<") else { return nil }
            if text.hasPrefix("<?") {
                guard let end = text.range(of: "?>") else { return nil }
                text = text[end.upperBound...]
            } else if text.hasPrefix("<!--") {
                guard let end = text.range(of: "-->") else { return nil }
                text = text[end.upperBound...]
            } else if text.hasPrefix("<!") {
                guard let end = text.firstIndex(of: ">") else { return nil }
                text = text[text.index(after: end)...]
            } else {
                let name = text.dropFirst().prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }
                guard !name.isEmpty else { return nil }
                return String(name.split(separator: ":").last ?? name)
            }
        }
    }
}
