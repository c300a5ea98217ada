@testable import ArtExportCore
@testable import ArtExportPDF
import CHyphen
import Testing

/// The compiled dictionary cache must rebuild exactly the automaton libhyphen
/// builds: same hyphenation for every word, and nothing from a damaged file.
@Suite struct HyphenDictionaryCacheTests {
    static func hyphenate(_ dict: UnsafeMutablePointer<HyphenDict>, _ word: String) -> String {
        // NUL-terminated: libhyphen reads words as C strings.
        let bytes = Array(word.utf8).map { CChar(bitPattern: $0) } + [0]
        let size = bytes.count - 1
        var hyphens = [CChar](repeating: 0, count: size + 5)
        var rep: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        var pos: UnsafeMutablePointer<Int32>?
        var cut: UnsafeMutablePointer<Int32>?
        _ = hnj_hyphen_hyphenate3(dict, bytes, Int32(size), &hyphens, nil, &rep, &pos, &cut, 2, 3, 0, 0)
        return String(hyphens.prefix(size).map { Character(Unicode.Scalar(UInt8(bitPattern: $0))) })
    }

    @Test(arguments: ["/usr/share/hyphen/hyph_en_US.dic", "/usr/share/hyphen/hyph_de_DE.dic"])
    func roundTripHyphenatesTheSame(_ path: String) throws {
        let original = try #require(hnj_hyphen_load(path))
        defer { hnj_hyphen_free(original) }
        let bytes = HyphenDictionaryCache.encode(original)
        try bytes.withUnsafeBytes { raw in
            let copy = try #require(HyphenDictionaryCache.decode(raw))
            defer { HyphenDictionaryCache.release(copy) }
            #expect(copy.pointee.num_states == original.pointee.num_states)
            #expect((copy.pointee.nextlevel != nil) == (original.pointee.nextlevel != nil))
            let words = ["hyphenation", "typesetting", "newsletter", "infrastructure", "extraordinary", "responsibility",
                         "verkehrsordnung", "bundesverkehrswegeplan", "fahrradstrasse", "genossenschaftsbanken", "kilometres",
                         "don't", "re-entry"]
            for word in words {
                #expect(Self.hyphenate(copy, word) == Self.hyphenate(original, word), "\(word)")
            }
            // Re-encoding the copy gives the same bytes: nothing was lost.
            #expect(HyphenDictionaryCache.encode(copy) == bytes)
        }
    }

    @Test func damagedCacheIsRejected() throws {
        let original = try #require(hnj_hyphen_load("/usr/share/hyphen/hyph_en_US.dic"))
        defer { hnj_hyphen_free(original) }
        let bytes = HyphenDictionaryCache.encode(original)
        func decodes(_ bytes: [UInt8]) -> Bool {
            bytes.withUnsafeBytes { raw in
                guard let dict = HyphenDictionaryCache.decode(raw) else { return false }
                HyphenDictionaryCache.release(dict)
                return true
            }
        }
        #expect(decodes(bytes))
        #expect(!decodes(Array(bytes.prefix(bytes.count / 2))))
        #expect(!decodes(Array(bytes.dropLast())))
        #expect(!decodes(Array("not a cache".utf8)))
        // A transition to a state past the last: libhyphen would read outside its states.
        let magic = HyphenDictionaryCache.magic.count
        var header = magic + 1 + 4 + 8 + MemoryLayout.size(ofValue: original.pointee.cset) + 4
        let states = Int(bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: header, as: Int32.self) })
        let transitions = Int(bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: header + 4, as: Int32.self) })
        header = (header + 12 + 7) & ~7
        #expect(transitions > 0)
        var bad = bytes
        let target = header + states * 24 + 4
        withUnsafeBytes(of: Int32(states).littleEndian) { for k in 0..<4 { bad[target + k] = $0[k] } }
        #expect(!decodes(bad))
    }
}
