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
        let copy = try #require(HyphenDictionaryCache.decode(bytes))
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

    @Test func damagedCacheIsRejected() throws {
        let original = try #require(hnj_hyphen_load("/usr/share/hyphen/hyph_en_US.dic"))
        defer { hnj_hyphen_free(original) }
        let bytes = HyphenDictionaryCache.encode(original)
        #expect(HyphenDictionaryCache.decode(Array(bytes.prefix(bytes.count / 2))) == nil)
        #expect(HyphenDictionaryCache.decode(Array(bytes.dropLast())) == nil)
        #expect(HyphenDictionaryCache.decode(Array("not a cache".utf8)) == nil)
    }
}
