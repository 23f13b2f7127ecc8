/// Numbers as the text every Weft output shows, appended straight to a byte buffer: the writers
/// of large tables append millions of them, and a String per number (heap-allocated past 15
/// bytes) cost more than the digits.
public enum NumberText {
    /// Appends a double in full precision, locale-free: an integral value below 10^15 without a
    /// fraction (`3`, `-12`), any other finite value as Swift's shortest text that reads back to
    /// the same double (`description`: `0.1`, `1e-05`, `2.5e+20`), infinities as `Inf` and
    /// `-Inf`, NaN as `NaN`.
    public static func appendReal(_ value: Double, to bytes: inout [UInt8]) {
        if value.isNaN { bytes.append(contentsOf: "NaN".utf8); return }
        if value.isInfinite { bytes.append(contentsOf: (value < 0 ? "-Inf" : "Inf").utf8); return }
        if value == value.rounded(), abs(value) < 1e15 { appendInteger(Int(value), to: &bytes); return }
        // Double's `write(to:)` hands its digits to the stream's `_writeASCII` from a buffer on the
        // stack: the same text as `description`, without the String.
        var stream = ByteStream()
        swap(&stream.bytes, &bytes)
        value.write(to: &stream)
        swap(&stream.bytes, &bytes)
    }

    /// Appends a decimal integer (`-` before a negative one).
    public static func appendInteger(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude < 10 { bytes.append(UInt8(ascii: "0") + UInt8(magnitude)); return }
        // Up to 20 digits, written from the end of a stack buffer.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            while magnitude > 0 {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }
}

/// A text stream over bytes, for `Double.write(to:)`.
private struct ByteStream: TextOutputStream {
    var bytes: [UInt8] = []

    mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }
}
