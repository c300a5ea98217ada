@testable import ArtExportEPUB
import Testing

/// The hand-written SHA-1 against FIPS 180-4's examples and RFC 9562's UUIDv5.
@Suite struct SHA1Tests {
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { let s = String($0, radix: 16); return s.count == 1 ? "0" + s : s }.joined()
    }

    @Test(arguments: [
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        // 56 bytes: the padding needs a second block.
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
    ])
    func fipsExamples(_ message: String, _ digest: String) {
        #expect(Self.hex(SHA1.digest(Array(message.utf8))) == digest)
    }

    @Test func longMessages() {
        #expect(Self.hex(SHA1.digest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
        #expect(Self.hex(SHA1.digest(Array(0...255) + Array(0...255) + Array(0...255))) == "ac2a264c8ec1f4232a40854e8239bc3a697ab1d2")
    }

    /// Python's uuid.uuid5(uuid.NAMESPACE_URL, "artexport:Ünïcode title").
    @Test func nameBasedUUID() {
        #expect(UUID.version5(namespace: UUID.urlNamespace, name: "artexport:Ünïcode title") == "55a3d05f-2848-5a8a-973d-dcb60fc15af8")
    }
}
