/// Strings from raw UTF-8 bytes on the standard library's fast (contiguous) path.
public enum UTF8Text {
    /// The string spelled by `bytes`, or nil if they are not valid UTF-8.
    @inlinable
    public static func validated(_ bytes: UnsafeRawBufferPointer) -> String? {
        bytes.withMemoryRebound(to: UInt8.self) { String(validating: $0, as: UTF8.self) }
    }

    /// The string spelled by `bytes`, with invalid sequences replaced by U+FFFD.
    @inlinable
    public static func decoded(_ bytes: UnsafeRawBufferPointer) -> String {
        bytes.withMemoryRebound(to: UInt8.self) { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether `bytes` are valid UTF-8.
    @inlinable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        // ASCII fast path: most ids and labels are ASCII.
        for b in bytes where b >= 0x80 { return validated(bytes) != nil }
        return true
    }
}
