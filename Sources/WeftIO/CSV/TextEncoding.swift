import WeftGraph

/// The text encodings Weft reads: what spreadsheets and collaboration tools write when they save
/// a table as text. Everything is transcoded to UTF-8 as it is read, so the CSV reader and every
/// reader above it see UTF-8 only.
///
/// - UTF-8, with or without a byte-order mark (EF BB BF): Excel's "CSV UTF-8", Google Sheets,
///   LibreOffice, most exports.
/// - UTF-16 little- or big-endian with a byte-order mark (FF FE / FE FF): Excel's "Unicode text",
///   Microsoft Teams' attendance downloads.
/// - Windows-1252: Excel's plain "CSV" on a Windows machine set to a Western European language.
///   Five bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) are undefined in it, as in Python's `cp1252`.
/// - ISO 8859-1 (Latin-1): every byte is the code point of the same number.
///
/// Reference: Unicode 15, §3.9 (UTF-8, UTF-16) and §23.8 (byte-order mark); the Windows-1252 table
/// is Microsoft's bestfit1252 / unicode.org's `MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT`.
public enum TextEncoding: String, CaseIterable, Sendable, Codable {
    case utf8 = "utf-8"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    case windows1252 = "windows-1252"
    case latin1 = "latin-1"

    /// The name people know it by, for messages.
    public var displayName: String {
        switch self {
        case .utf8: return "UTF-8"
        case .utf16LE: return "UTF-16 (little-endian)"
        case .utf16BE: return "UTF-16 (big-endian)"
        case .windows1252: return "Windows-1252"
        case .latin1: return "Latin-1 (ISO 8859-1)"
        }
    }

    /// The byte-order mark this encoding may start with.
    var byteOrderMark: [UInt8] {
        switch self {
        case .utf8: return [0xEF, 0xBB, 0xBF]
        case .utf16LE: return [0xFF, 0xFE]
        case .utf16BE: return [0xFE, 0xFF]
        case .windows1252, .latin1: return []
        }
    }
}

/// How to decide a file's encoding: detect it, or take the one named by `--encoding`.
public enum EncodingChoice: Sendable, Equatable {
    /// Detect: a byte-order mark decides; without one, UTF-16 when the first character is ASCII
    /// with a zero byte beside it; otherwise UTF-8 when the first 4 MiB are valid UTF-8, else
    /// Windows-1252.
    case detect
    /// `--encoding utf-16`: UTF-16 with the byte order from the byte-order mark (little-endian,
    /// as Windows writes it, when there is none).
    case utf16
    /// One encoding, as named.
    case forced(TextEncoding)

    /// Parses an `--encoding` value: `utf-8`, `utf-16`, `utf-16le`, `utf-16be`, `windows-1252`
    /// (or `cp1252`), `latin-1` (or `iso-8859-1`), `auto`; case-insensitive, `_` for `-` allowed.
    public init?(_ text: String) {
        let name = String(text.lowercased().map { $0 == "_" ? "-" : $0 })
        switch name {
        case "auto", "detect": self = .detect
        case "utf-16", "utf16", "unicode": self = .utf16
        case "utf-8", "utf8": self = .forced(.utf8)
        case "utf-16le", "utf16le": self = .forced(.utf16LE)
        case "utf-16be", "utf16be": self = .forced(.utf16BE)
        case "windows-1252", "cp1252", "win-1252": self = .forced(.windows1252)
        case "latin-1", "latin1", "iso-8859-1", "iso8859-1": self = .forced(.latin1)
        default: return nil
        }
    }

    /// The values `--encoding` accepts, for help and messages.
    public static let accepted = "utf-8, utf-16, utf-16le, utf-16be, windows-1252, latin-1 or auto"
}

/// The outcome of looking at a file's first bytes: the encoding to read it with, how many
/// byte-order-mark bytes to skip, and why.
struct EncodingDetection: Equatable {
    let encoding: TextEncoding
    let byteOrderMarkLength: Int
    /// True when Weft chose the encoding, false when `--encoding` named it.
    let detected: Bool
    /// For Windows-1252 chosen because the bytes are not UTF-8: where the first such byte is.
    var note: String? = nil

    /// Decides how to read a file from its first bytes. `sample` is the start of the file (its
    /// first 4 MiB); `isWholeFile` says whether the file ends there.
    ///
    /// Cost: O(sample) for the UTF-8 check when there is no byte-order mark.
    static func decide(_ choice: EncodingChoice, sample: [UInt8], isWholeFile: Bool) -> EncodingDetection {
        let mark = markedEncoding(sample)
        switch choice {
        case .forced(let encoding):
            let skip = mark == encoding ? encoding.byteOrderMark.count : 0
            return EncodingDetection(encoding: encoding, byteOrderMarkLength: skip, detected: false)
        case .utf16:
            if let mark, mark == .utf16LE || mark == .utf16BE {
                return EncodingDetection(encoding: mark, byteOrderMarkLength: 2, detected: false)
            }
            return EncodingDetection(encoding: unmarkedUTF16(sample) ?? .utf16LE, byteOrderMarkLength: 0, detected: false)
        case .detect:
            if let mark { return EncodingDetection(encoding: mark, byteOrderMarkLength: mark.byteOrderMark.count, detected: true) }
            if let utf16 = unmarkedUTF16(sample) { return EncodingDetection(encoding: utf16, byteOrderMarkLength: 0, detected: true) }
            if isValidUTF8(sample, allowingCutEnd: !isWholeFile) {
                return EncodingDetection(encoding: .utf8, byteOrderMarkLength: 0, detected: true)
            }
            return EncodingDetection(encoding: .windows1252, byteOrderMarkLength: 0, detected: true,
                                     note: firstInvalidUTF8(sample).map { "not valid UTF-8 (line \($0.line), column \($0.column): \($0.what))" })
        }
    }

    /// The encoding named by a byte-order mark at the start of `bytes`, if any.
    private static func markedEncoding(_ bytes: [UInt8]) -> TextEncoding? {
        for encoding in [TextEncoding.utf8, .utf16LE, .utf16BE] where bytes.starts(with: encoding.byteOrderMark) {
            return encoding
        }
        return nil
    }

    /// UTF-16 without a byte-order mark, recognised by its first character: an ASCII letter,
    /// digit or punctuation with a zero byte after it (little-endian) or before it (big-endian).
    /// No UTF-8 or single-byte table starts that way.
    private static func unmarkedUTF16(_ bytes: [UInt8]) -> TextEncoding? {
        guard bytes.count >= 2 else { return nil }
        let printable: ClosedRange<UInt8> = 0x21...0x7E
        if printable.contains(bytes[0]) && bytes[1] == 0 { return .utf16LE }
        if bytes[0] == 0 && printable.contains(bytes[1]) { return .utf16BE }
        return nil
    }

    /// Where `bytes` first stop being valid UTF-8, if they do.
    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> EncodingProblem? {
        var check = Transcoder(encoding: .utf8)
        var discard: [UInt8] = []
        do {
            try bytes.withUnsafeBytes { try check.decode($0, isEnd: false, into: &discard) }
        } catch let problem as EncodingProblem {
            return problem
        } catch {}
        return nil
    }

    /// Whether `bytes` are valid UTF-8; with `allowingCutEnd`, a sequence cut off by the end of
    /// the sample (at most 3 bytes of a 4-byte sequence) does not count against it.
    static func isValidUTF8(_ bytes: [UInt8], allowingCutEnd: Bool) -> Bool {
        bytes.withUnsafeBytes { raw in
            if UTF8Text.isValid(raw) { return true }
            guard allowingCutEnd else { return false }
            // Drop a trailing partial sequence: back up over continuation bytes to a lead byte.
            var cut = raw.count
            var back = 0
            while cut > 0, back < 3, raw[cut - 1] & 0xC0 == 0x80 { cut -= 1; back += 1 }
            guard cut > 0, raw[cut - 1] >= 0xC0 else { return false }
            return UTF8Text.isValid(UnsafeRawBufferPointer(rebasing: raw[..<(cut - 1)]))
        }
    }
}
