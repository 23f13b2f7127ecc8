/// Strings from raw UTF-8 bytes on the standard library's fast (contiguous) path.
public enum UTF8Text {
    /// The string spelled by `bytes`, or nil if they are not valid UTF-8.
    @inlinable
    public static func validated(_ bytes: UnsafeRawBufferPointer) -> String? {
        // ASCII is valid UTF-8: `String(decoding:)` then makes the same string on the standard
        // library's specialised path (`String(validating:as:)` is generic over the encoding and,
        // not specialised for callers outside the standard library, looks up its metadata at
        // every call).
        if isASCII(bytes) { return decoded(bytes) }
        return bytes.withMemoryRebound(to: UInt8.self) { String(validating: $0, as: UTF8.self) }
    }

    /// Whether every byte is below 0x80, tested eight bytes at a time.
    @inlinable
    public static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0, any: UInt64 = 0
        while i &+ 8 <= bytes.count {
            any |= bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i &+= 8
        }
        while i < bytes.count { any |= UInt64(bytes[i]); i &+= 1 }
        return any & 0x8080_8080_8080_8080 == 0
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
        isASCII(bytes) || bytes.withMemoryRebound(to: UInt8.self) { String(validating: $0, as: UTF8.self) } != nil
    }
}
