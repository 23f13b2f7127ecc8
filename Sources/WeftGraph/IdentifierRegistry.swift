import CPrefetch

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
    private var slots: [UInt64] = Array(repeating: 0, count: 32)
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
        index(ofBytes: bytes, hash: nil)
    }

    /// `index(ofBytes:)` with the bytes' `hash(_:)` already taken (nil: take it here).
    public func index(ofBytes bytes: UnsafeRawBufferPointer, hash h: UInt64?) -> Int32? {
        assert(h == nil || h == IdentifierRegistry.hash(bytes), "a hash of other bytes")
        return find(bytes, hash: h ?? IdentifierRegistry.hash(bytes)).found
    }

    /// Starts loading the table slot where a lookup of the bytes whose `hash(_:)` is `h` begins,
    /// without waiting for it: a caller that knows which ids it will look up next calls this a
    /// few lookups ahead, so that on a table larger than the caches (half a million ids: 16 MB)
    /// the misses overlap.
    public func prefetch(hash h: UInt64) {
        let mask = slots.count / 2 - 1
        let slot = Int(truncatingIfNeeded: h) & mask
        slots.withUnsafeBufferPointer { weft_prefetch($0.baseAddress! + 2 * slot) }
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
        identifiers.append(string ?? UTF8Text.decoded(bytes))
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        hashes.append(h)
        store(slot: probe.slot, index: Int(index), hash: h, bytes: bytes)
        if identifiers.count * 4 > slots.count { grow() }
        return (index, true)
    }

    /// Probes for `bytes`. Slot i occupies `slots[2i]` and `slots[2i+1]`: the first word packs
    /// 24 bits of the hash, the id's length (8 bits, capped at 255) and index + 1 (32 bits; 0 means
    /// empty); the second holds the id's first 8 bytes. Ids of up to 8 bytes are thus matched
    /// from the slot alone, with one memory access; longer ones then compare the rest in the arena.
    func find(_ bytes: UnsafeRawBufferPointer, hash h: UInt64) -> (found: Int32?, slot: Int) {
        let mask = slots.count / 2 - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        let tag = IdentifierRegistry.tag(hash: h, length: bytes.count)
        let prefix = IdentifierRegistry.prefix(bytes)
        return slots.withUnsafeBufferPointer { table in
            while true {
                let entry = table[2 * slot]
                if entry == 0 { return (nil, slot) }
                if entry >> 32 == tag && table[2 * slot + 1] == prefix {
                    let c = Int(entry & 0xFFFF_FFFF) - 1
                    if bytes.count <= 8 || restMatches(bytes, entry: c) { return (Int32(c), slot) }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    private func restMatches(_ bytes: UnsafeRawBufferPointer, entry c: Int) -> Bool {
        let start = starts[c]
        guard starts[c + 1] - start == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { a in
            for i in 8..<bytes.count where a[start + i] != bytes[i] { return false }
            return true
        }
    }

    private mutating func store(slot: Int, index: Int, hash h: UInt64, bytes: UnsafeRawBufferPointer) {
        slots[2 * slot] = IdentifierRegistry.tag(hash: h, length: bytes.count) << 32 | UInt64(index + 1)
        slots[2 * slot + 1] = IdentifierRegistry.prefix(bytes)
    }

    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = slots.count / 2 - 1
        for (i, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[2 * slot] != 0 { slot = (slot + 1) & mask }
            arena.withUnsafeBytes { a in
                let id = UnsafeRawBufferPointer(rebasing: a[starts[i]..<starts[i + 1]])
                slots[2 * slot] = IdentifierRegistry.tag(hash: h, length: id.count) << 32 | UInt64(i + 1)
                slots[2 * slot + 1] = IdentifierRegistry.prefix(id)
            }
        }
    }

    /// 24 bits of hash (not the bits that choose the slot) and 8 bits of length.
    @inline(__always)
    static func tag(hash h: UInt64, length: Int) -> UInt64 {
        (h >> 40) << 8 | UInt64(min(length, 255))
    }

    /// The first 8 bytes, little-endian, zero-padded.
    @inline(__always)
    static func prefix(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var value: UInt64 = 0
        for i in 0..<min(8, bytes.count) { value |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        return value
    }

    /// 64-bit FNV-1a with a final avalanche (from MurmurHash3's fmix64), so that the low bits
    /// used for slot selection are well mixed.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        return h
    }
}
