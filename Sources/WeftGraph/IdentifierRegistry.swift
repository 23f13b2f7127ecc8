/// Interns string identifiers (member ids, event ids, labels) to dense indices 0, 1, 2, … in
/// first-seen order, and back.
///
/// Ingest looks ids up straight from the input's bytes: an open-addressing hash table over a
/// contiguous byte arena, so a known id costs one hash and one byte comparison, with no `String`
/// allocated. Each distinct id becomes a `String` once, when it is first interned.
public struct IdentifierRegistry: Sendable {
    /// The identifiers, by index.
    public private(set) var identifiers: [String] = []
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var slots: [Int32] = Array(repeating: -1, count: 16)
    private var hashes: [UInt64] = []

    public init() {}

    public init<S: Sequence>(_ identifiers: S) where S.Element == String {
        for id in identifiers { intern(id) }
    }

    public var count: Int { identifiers.count }

    public subscript(index: Int32) -> String { identifiers[Int(index)] }

    /// The index of `identifier`, or nil if it was never interned.
    public func index(of identifier: String) -> Int32? {
        var copy = identifier
        return copy.withUTF8 { index(ofBytes: UnsafeRawBufferPointer($0)) }
    }

    /// The index of the identifier spelled by `bytes` (UTF-8), or nil.
    public func index(ofBytes bytes: UnsafeRawBufferPointer) -> Int32? {
        let h = IdentifierRegistry.hash(bytes)
        return find(bytes, hash: h).found
    }

    /// Interns `identifier`, returning its index and whether it was new.
    @discardableResult
    public mutating func intern(_ identifier: String) -> (index: Int32, isNew: Bool) {
        var copy = identifier
        return copy.withUTF8 { internBytes(UnsafeRawBufferPointer($0), string: identifier) }
    }

    /// Interns the identifier spelled by `bytes`. The caller guarantees the bytes are valid UTF-8.
    @discardableResult
    public mutating func intern(bytes: UnsafeRawBufferPointer) -> (index: Int32, isNew: Bool) {
        internBytes(bytes, string: nil)
    }

    private mutating func internBytes(_ bytes: UnsafeRawBufferPointer, string: String?) -> (index: Int32, isNew: Bool) {
        let h = IdentifierRegistry.hash(bytes)
        let probe = find(bytes, hash: h)
        if let found = probe.found { return (found, false) }
        let index = Int32(identifiers.count)
        identifiers.append(string ?? String(decoding: bytes, as: UTF8.self))
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        hashes.append(h)
        slots[probe.slot] = index
        if identifiers.count * 2 > slots.count { grow() }
        return (index, true)
    }

    func find(_ bytes: UnsafeRawBufferPointer, hash h: UInt64) -> (found: Int32?, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        return slots.withUnsafeBufferPointer { table in
            arena.withUnsafeBytes { store in
                while true {
                    let candidate = table[slot]
                    if candidate < 0 { return (nil, slot) }
                    let c = Int(candidate)
                    if hashes[c] == h {
                        let start = starts[c], end = starts[c + 1]
                        if end - start == bytes.count
                            && (bytes.count == 0 || memcmp(store.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0) {
                            return (candidate, slot)
                        }
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var table = [Int32](repeating: -1, count: size)
        let mask = size - 1
        for (i, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(i)
        }
        slots = table
    }

    /// 64-bit FNV-1a with a final avalanche (from MurmurHash3's fmix64), so that the low bits
    /// used for slot selection are well mixed.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        return h
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
