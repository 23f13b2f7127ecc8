/// A streaming decoder from one `TextEncoding` to UTF-8, block by block, that counts lines and
/// columns as it goes so that the first byte it cannot decode is reported where a text editor
/// would show it (1-based line; 1-based column in characters).
///
/// Line ends pass through unchanged (LF, CR LF, CR), so the CSV reader's line numbers on the
/// UTF-8 output are the lines of the original file. Nothing is replaced or dropped: a byte that
/// is not valid in the encoding stops the decoding with an `EncodingProblem`.
///
/// For UTF-8 the decoder only validates (the bytes pass through); it is used when `--encoding
/// utf-8` asks for the whole file to be checked. Cost: O(bytes), one pass, output ≤ 3 × input.
struct Transcoder {
    let encoding: TextEncoding
    /// Bytes of a character cut by the end of the previous block (at most 3).
    private var carry: [UInt8] = []
    private(set) var line = 1
    private(set) var column = 1
    private var afterCarriageReturn = false

    init(encoding: TextEncoding) { self.encoding = encoding }

    /// Decodes `raw` (the next block of the file) and appends its UTF-8 to `output`. `isEnd`
    /// says no more bytes follow, so a character cut short is an error rather than carried over.
    mutating func decode(_ raw: UnsafeRawBufferPointer, isEnd: Bool, into output: inout [UInt8]) throws(EncodingProblem) {
        let bytes = carry + raw
        carry.removeAll(keepingCapacity: true)
        output.reserveCapacity(output.count + bytes.count + bytes.count / 2)
        var p = 0
        while p < bytes.count {
            let step: Int
            switch encoding {
            case .latin1:
                emit(UInt32(bytes[p]), into: &output)
                step = 1
            case .windows1252:
                guard let scalar = Transcoder.windows1252Scalar(bytes[p]) else {
                    throw problem("byte 0x\(hex(bytes[p])) is not a Windows-1252 character")
                }
                emit(scalar, into: &output)
                step = 1
            case .utf8:
                step = try passUTF8(bytes, at: p, isEnd: isEnd, into: &output)
            case .utf16LE, .utf16BE:
                step = try decodeUTF16(bytes, at: p, isEnd: isEnd, into: &output)
            }
            if step == 0 {               // a character cut by the block's end: keep it for the next block
                carry.append(contentsOf: bytes[p...])
                return
            }
            p += step
        }
    }

    // MARK: - Encodings

    /// The Unicode scalar of a Windows-1252 byte; nil for the five undefined bytes.
    static func windows1252Scalar(_ byte: UInt8) -> UInt32? {
        guard byte >= 0x80 && byte <= 0x9F else { return UInt32(byte) }
        let scalar = windows1252High[Int(byte - 0x80)]
        return scalar == 0 ? nil : UInt32(scalar)
    }

    /// Windows-1252 bytes 0x80–0x9F (0: undefined); the rest equal Latin-1.
    private static let windows1252High: [UInt16] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// Checks one UTF-8 sequence at `p` and copies it; returns its length, or 0 when the block
    /// ends inside it. Accepts exactly the well-formed sequences of Unicode Table 3-7.
    private mutating func passUTF8(_ bytes: [UInt8], at p: Int, isEnd: Bool, into output: inout [UInt8]) throws(EncodingProblem) -> Int {
        let lead = bytes[p]
        if lead < 0x80 { emit(UInt32(lead), into: &output); return 1 }
        let length: Int, secondRange: ClosedRange<UInt8>
        switch lead {
        case 0xC2...0xDF: (length, secondRange) = (2, 0x80...0xBF)
        case 0xE0: (length, secondRange) = (3, 0xA0...0xBF)
        case 0xED: (length, secondRange) = (3, 0x80...0x9F)
        case 0xE1...0xEF: (length, secondRange) = (3, 0x80...0xBF)
        case 0xF0: (length, secondRange) = (4, 0x90...0xBF)
        case 0xF4: (length, secondRange) = (4, 0x80...0x8F)
        case 0xF1...0xF3: (length, secondRange) = (4, 0x80...0xBF)
        default: throw problem("byte 0x\(hex(lead)) is not valid UTF-8")
        }
        var scalar = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length {
            guard p + k < bytes.count else {
                if isEnd { throw problem("the file ends inside a UTF-8 character") }
                return 0
            }
            let next = bytes[p + k]
            let range: ClosedRange<UInt8> = k == 1 ? secondRange : 0x80...0xBF
            guard range.contains(next) else { throw problem("byte 0x\(hex(lead)) is not valid UTF-8") }
            scalar = scalar << 6 | UInt32(next & 0x3F)
        }
        output.append(contentsOf: bytes[p..<(p + length)])
        count(scalar)
        return length
    }

    /// Decodes one UTF-16 character (one unit, or a surrogate pair) at `p`; returns the bytes it
    /// took, or 0 when the block ends inside it.
    private mutating func decodeUTF16(_ bytes: [UInt8], at p: Int, isEnd: Bool, into output: inout [UInt8]) throws(EncodingProblem) -> Int {
        func unit(_ at: Int) -> UInt32? {
            guard at + 1 < bytes.count else { return nil }
            return encoding == .utf16LE ? UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8
                                        : UInt32(bytes[at]) << 8 | UInt32(bytes[at + 1])
        }
        guard let first = unit(p) else {
            if isEnd { throw problem("the file ends in the middle of a UTF-16 character (an odd number of bytes)") }
            return 0
        }
        switch first {
        case 0xD800...0xDBFF:
            guard let second = unit(p + 2) else {
                if isEnd { throw problem("the file ends inside a UTF-16 surrogate pair") }
                return 0
            }
            guard (0xDC00...0xDFFF).contains(second) else {
                throw problem("an unpaired UTF-16 surrogate 0x\(String(first, radix: 16, uppercase: true))")
            }
            emit(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00), into: &output)
            return 4
        case 0xDC00...0xDFFF:
            throw problem("an unpaired UTF-16 surrogate 0x\(String(first, radix: 16, uppercase: true))")
        default:
            emit(first, into: &output)
            return 2
        }
    }

    // MARK: - Output and position

    /// Appends `scalar` as UTF-8 and advances the line and column.
    private mutating func emit(_ scalar: UInt32, into output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
        count(scalar)
    }

    /// Advances the position past one character: LF, CR and CR LF each end a line.
    private mutating func count(_ scalar: UInt32) {
        if scalar == 0x0A {
            if !afterCarriageReturn { line += 1 }
            column = 1
            afterCarriageReturn = false
        } else if scalar == 0x0D {
            line += 1
            column = 1
            afterCarriageReturn = true
        } else {
            column += 1
            afterCarriageReturn = false
        }
    }

    private func problem(_ what: String) -> EncodingProblem {
        EncodingProblem(line: line, column: column, what: what)
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}

/// The first place a file is not valid in its encoding: where (1-based line, column in
/// characters) and what was found there.
struct EncodingProblem: Error, Equatable {
    let line: Int
    let column: Int
    let what: String
}
