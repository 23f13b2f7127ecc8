import Testing
@testable import WeftIO

/// SHA-256 against FIPS 180-4's examples (and the long one-million-'a' message of NIST's test
/// vectors), and incremental hashing in odd-sized pieces against one-shot hashing.
@Suite struct SHA256Tests {
    func digest(_ text: String) -> String {
        var h = SHA256()
        h.update(Array(text.utf8))
        return h.hexDigest()
    }

    @Test func fipsExamples() {
        #expect(digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var million = SHA256()
        let block = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { million.update(block) }
        #expect(million.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(million.byteCount == 1_000_000)
    }

    @Test func piecesGiveTheSameDigest() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var whole = SHA256()
        whole.update(bytes)
        for piece in [1, 3, 63, 64, 65, 127, 500] {
            var h = SHA256()
            var offset = 0
            while offset < bytes.count {
                let end = min(bytes.count, offset + piece)
                h.update(Array(bytes[offset..<end]))
                offset = end
            }
            #expect(h.hexDigest() == whole.hexDigest(), "pieces of \(piece)")
        }
    }

    @Test func processorInstructionsGiveThePortableDigest() {
        // Every length from 0 to 300 bytes and a few long ones, fed whole and in odd pieces; on a
        // processor without SHA instructions both sides are the portable rounds.
        var random = UInt64(0x5EED)
        func byte() -> UInt8 { random = random &* 6364136223846793005 &+ 1442695040888963407; return UInt8(truncatingIfNeeded: random >> 56) }
        for length in Array(0...300) + [4096, 65_537, 1_000_003] {
            let bytes = (0..<length).map { _ in byte() }
            var portable = SHA256(usingHardware: false), native = SHA256()
            portable.update(bytes)
            var offset = 0
            while offset < bytes.count {
                let end = min(bytes.count, offset + 1 + offset % 197)
                native.update(Array(bytes[offset..<end]))
                offset = end
            }
            #expect(native.hexDigest() == portable.hexDigest(), "\(length) bytes")
        }
    }

    @Test func backgroundDigestMatchesInlineHashing() {
        // The million 'a's again, in blocks of 1000, more blocks than may wait at once.
        for inBackground in [false, true] {
            let digest = BackgroundDigest(inBackground: inBackground, inFlight: 2)
            let block = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
            for _ in 0..<1000 { block.withUnsafeBytes { digest.update($0.baseAddress!, count: 1000) } }
            #expect(digest.result.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
            #expect(digest.result.byteCount == 1_000_000)
        }
    }

    @Test func hmacMatchesRFC4231() {
        // Test cases 1, 2 and 6 (a key longer than the block).
        #expect(SHA256.hex(SHA256.hmac(key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8)))
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(SHA256.hex(SHA256.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(SHA256.hex(SHA256.hmac(key: [UInt8](repeating: 0xaa, count: 131),
                                       message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)))
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }
}
