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
    private var slots: [UInt64] = Array(repeating: 0, count: 16)
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
        identifiers.append(string ?? UTF8Text.decoded(bytes))
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        hashes.append(h)
        slots[probe.slot] = IdentifierRegistry.slotEntry(index: Int(index), hash: h)
        if identifiers.count * 2 > slots.count { grow() }
        return (index, true)
    }

    /// Probes for `bytes`. Each slot packs the entry's index + 1 (low 32 bits; 0 = empty) with the
    /// top 32 bits of its hash, so a probe touches the arena only when the fingerprints agree.
    func find(_ bytes: UnsafeRawBufferPointer, hash h: UInt64) -> (found: Int32?, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        let fingerprint = h >> 32
        while true {
            let entry = slots[slot]
            if entry == 0 { return (nil, slot) }
            if entry >> 32 == fingerprint {
                let c = Int(entry & 0xFFFF_FFFF) - 1
                let start = starts[c]
                if starts[c + 1] - start == bytes.count && arenaMatches(bytes, at: start) {
                    return (Int32(c), slot)
                }
            }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private func arenaMatches(_ bytes: UnsafeRawBufferPointer, at start: Int) -> Bool {
        var i = 0
        while i < bytes.count {
            if arena[start + i] != bytes[i] { return false }
            i += 1
        }
        return true
    }

    private mutating func grow() {
        let size = slots.count * 2
        var table = [UInt64](repeating: 0, count: size)
        let mask = size - 1
        for (i, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while table[slot] != 0 { slot = (slot + 1) & mask }
            table[slot] = IdentifierRegistry.slotEntry(index: i, hash: h)
        }
        slots = table
    }

    private static func slotEntry(index: Int, hash: UInt64) -> UInt64 {
        (hash >> 32) << 32 | UInt64(index + 1)
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
