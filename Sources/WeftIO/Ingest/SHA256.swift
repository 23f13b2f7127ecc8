import CSHA256
import Dispatch
import WeftGraph

/// SHA-256 (FIPS 180-4), computed incrementally as the CSV reader reads an input file, so that
/// report.json can record each input's fingerprint — the same hex digest `sha256sum` prints —
/// without reading the file twice.
public struct SHA256: Sendable {
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    /// Bytes not yet hashed (fewer than one 64-byte block).
    private var pending: [UInt8] = []
    public private(set) var byteCount = 0
    /// Whether blocks go through the processor's SHA instructions (`CSHA256`) or the portable
    /// rounds below; both give the same state.
    let usesHardware: Bool

    /// Whether this processor has SHA instructions Weft can use (x86-64 SHA-NI).
    static let hardwareAvailable = weft_sha256_hardware_available() != 0

    public init() { self.init(usingHardware: SHA256.hardwareAvailable) }

    /// `usingHardware` false forces the portable rounds (tests compare the two).
    init(usingHardware: Bool) {
        usesHardware = usingHardware && SHA256.hardwareAvailable
        pending.reserveCapacity(64)
    }

    /// The round constants (FIPS 180-4, 4.2.2), from the one table `CSHA256` holds.
    private static let k = Array(UnsafeBufferPointer(start: weft_sha256_round_constants(), count: 64))

    /// Hashes `count` more bytes at `bytes`.
    public mutating func update(_ bytes: UnsafeRawPointer, count: Int) {
        byteCount += count
        var offset = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, count)
            pending.append(contentsOf: UnsafeRawBufferPointer(start: bytes, count: take))
            offset = take
            guard pending.count == 64 else { return }
            pending.withUnsafeBytes { compress($0.baseAddress!, blocks: 1) }
            pending.removeAll(keepingCapacity: true)
        }
        let blocks = (count - offset) / 64
        if blocks > 0 {
            compress(bytes + offset, blocks: blocks)
            offset += 64 * blocks
        }
        if offset < count { pending.append(contentsOf: UnsafeRawBufferPointer(start: bytes + offset, count: count - offset)) }
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { if let base = $0.baseAddress { update(base, count: $0.count) } }
    }

    /// The 32-byte digest of everything hashed so far (the state is left as it is).
    public func digest() -> [UInt8] {
        var copy = self
        let bits = UInt64(byteCount) * 8
        var tail: [UInt8] = [0x80] + [UInt8](repeating: 0, count: (119 - byteCount % 64) % 64)
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        copy.update(tail)
        let words = [copy.state.0, copy.state.1, copy.state.2, copy.state.3, copy.state.4, copy.state.5, copy.state.6, copy.state.7]
        return words.flatMap { word in stride(from: 24, through: 0, by: -8).map { UInt8(truncatingIfNeeded: word >> UInt32($0)) } }
    }

    /// The digest as 64 lowercase hex digits, as `sha256sum` prints it.
    public func hexDigest() -> String { SHA256.hex(digest()) }

    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] }, as: UTF8.self)
    }

    /// HMAC-SHA256 (RFC 2104) of `message` under `key`: what keyed pseudonyms are made of.
    public static func hmac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var block = key
        if block.count > 64 {
            var h = SHA256()
            h.update(block)
            block = h.digest()
        }
        block += [UInt8](repeating: 0, count: 64 - block.count)
        var inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 } + message)
        var outer = SHA256()
        outer.update(block.map { $0 ^ 0x5c } + inner.digest())
        return outer.digest()
    }

    /// Runs the compression function over `blocks` consecutive 64-byte blocks.
    private mutating func compress(_ bytes: UnsafeRawPointer, blocks: Int) {
        if usesHardware {
            withUnsafeMutableBytes(of: &state) { words in
                weft_sha256_compress_blocks(words.baseAddress!.assumingMemoryBound(to: UInt32.self),
                                            bytes.assumingMemoryBound(to: UInt8.self), blocks)
            }
            return
        }
        for b in 0..<blocks { compress(bytes + 64 * b) }
    }

    /// One block, portably (FIPS 180-4, 6.2.2).
    private mutating func compress(_ block: UnsafeRawPointer) {
        state = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            SHA256.k.withUnsafeBufferPointer { k in
                for t in 0..<16 { w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4 * t, as: UInt32.self)) }
                for t in 16..<64 {
                    let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
                    let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
                    w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
                }
                var (a, b, c, d, e, f, g, h) = state
                for t in 0..<64 {
                    let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                    let choice = (e & f) ^ (~e & g)
                    let t1 = h &+ s1 &+ choice &+ k[t] &+ w[t]
                    let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                    let majority = (a & b) ^ (a & c) ^ (b & c)
                    let t2 = s0 &+ majority
                    (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
                }
                return (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h)
            }
        }
    }

    @inline(__always) private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
}

/// A SHA-256 of a stream of blocks computed on a second thread, in block order, while the caller
/// goes on parsing: on two cores the fingerprint costs the reader no time (hashing runs at about
/// 7 cycles a byte, a third of what reading a CSV costs). With one thread it hashes in line. At
/// most `inFlight` copied blocks wait at a time, which bounds the memory it holds. Blocks still
/// queued keep the digest alive, so it may be dropped at any time.
final class BackgroundDigest: @unchecked Sendable {
    private var digest = SHA256()
    private let queue = DispatchQueue(label: "weft.sha256")
    private let slots: DispatchSemaphore
    private let inBackground: Bool

    init(inBackground: Bool = Parallel.threadCount > 1, inFlight: Int = 4) {
        self.inBackground = inBackground
        slots = DispatchSemaphore(value: inFlight)
    }

    /// Adds `count` bytes at `bytes` (copied when hashed in the background).
    func update(_ bytes: UnsafeRawPointer, count: Int) {
        guard inBackground else { digest.update(bytes, count: count); return }
        let block = [UInt8](UnsafeRawBufferPointer(start: bytes, count: count))
        slots.wait()
        queue.async {
            block.withUnsafeBytes { self.digest.update($0.baseAddress!, count: $0.count) }
            self.slots.signal()
        }
    }

    /// The digest of every block added so far (waits for the blocks still being hashed).
    var result: SHA256 { queue.sync { digest } }
}
