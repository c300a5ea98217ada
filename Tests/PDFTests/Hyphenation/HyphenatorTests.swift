import Testing
@testable import ArtExportCore
@testable import ArtExportPDF
import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libhyphen through `Hyphenator`. The system dictionaries come from the hyphen-en-us,
/// hyphen-en-gb, hyphen-de, hyphen-fr, hyphen-pl and hyphen-ru packages; the expected
/// hyphenations are what their patterns give (checked against libhyphen called from C).
/// Small dictionaries written by the tests cover what no installed one has (non-standard
/// patterns, non-BMP letters, an unknown charset).
@Suite struct HyphenatorTests {
    init() { TestCache.isolate() }

    // MARK: - Helpers

    static func tag(_ value: String) -> LanguageTag { LanguageTag(normalizing: value)! }

    static func hyphenator(_ language: String, leftMin: Int = 2, rightMin: Int = 3, package: String) throws -> Hyphenator {
        try #require(Hyphenator(language: tag(language), leftMin: leftMin, rightMin: rightMin),
                     "no dictionary for \(language): apt-get install \(package)")
    }

    /// The word with "-" at each point: easier to read in a failure than offsets.
    static func hyphenated(_ word: String, _ points: [Int]) -> String {
        var out = ""
        for (offset, character) in word.enumerated() {
            if points.contains(offset) { out += "-" }
            out.append(character)
        }
        return out
    }

    /// A directory of its own under /tmp with the given files (name → contents, written as
    /// bytes: a dictionary's charset is the test's business). `remove()` it when done; a loaded
    /// dictionary stays in memory, so the files may go at once.
    struct TemporaryDirectory {
        let path: String
        let names: [String]

        init(with files: [String: [UInt8]]) throws {
            var template = Array("/tmp/hyphenator-tests-XXXXXX".utf8CString)
            let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
            path = String(cString: try #require(made, "mkdtemp failed"))
            names = Array(files.keys)
            for (name, bytes) in files {
                let file = try #require(fopen("\(path)/\(name)", "wb"))
                let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
                fclose(file)
                try #require(written == bytes.count)
            }
        }

        func remove() {
            for name in names { unlink("\(path)/\(name)") }
            rmdir(path)
        }
    }

    static func dictionary(_ lines: [String]) -> [UInt8] {
        Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    // MARK: - Known words

    @Test("en-US: the words of the notes", arguments: [
        ("hyphenation", "hy-phen-ation"), ("typesetting", "type-set-ting"), ("newsletter", "news-let-ter"),
        ("infrastructure", "in-fra-struc-ture"), ("extraordinary", "ex-tra-or-di-nary"), ("kernel", "ker-nel"),
        ("suggested", "sug-gested"), ("vulnerabilities", "vul-ner-a-bil-i-ties"), ("cooperation", "co-op-er-a-tion"),
        ("linux", "linux"), ("naïve", "naïve"),
    ])
    func englishUS(word: String, expected: String) throws {
        let hyphenator = try Self.hyphenator("en-US", package: "hyphen-en-us")
        #expect(Self.hyphenated(word, hyphenator.points(in: word)) == expected)
    }

    @Test func offsetsAreCharactersAfterWhichAHyphenGoes() throws {
        let hyphenator = try Self.hyphenator("en-US", package: "hyphen-en-us")
        #expect(hyphenator.points(in: "hyphenation") == [2, 6])
        #expect(hyphenator.points(in: "extraordinary") == [2, 5, 7, 9])
        #expect(hyphenator.dictionaryPath == "/usr/share/hyphen/hyph_en_US.dic")
    }

    @Test func capitalisedAndAllCapsWordsAreHyphenatedLikeLowerCase() throws {
        let hyphenator = try Self.hyphenator("en-US", package: "hyphen-en-us")
        // Fed as typed, libhyphen would give "Hyphen-ation".
        #expect(hyphenator.points(in: "Hyphenation") == [2, 6])
        #expect(hyphenator.points(in: "HYPHENATION") == [2, 6])
        #expect(hyphenator.points(in: "TypeSetting") == [4, 7])
    }

    @Test func shortAcronymsAreNotHyphenated() throws {
        let english = try Self.hyphenator("en-US", package: "hyphen-en-us")
        #expect(english.points(in: "NASA") == [])
        #expect(english.points(in: "paper") == [2])      // so the next line tests the acronym rule
        #expect(english.points(in: "Paper") == [2])
        #expect(english.points(in: "PAPER") == [])
        let german = try Self.hyphenator("de-DE", leftMin: 2, rightMin: 2, package: "hyphen-de")
        #expect(german.points(in: "Radar") == [2])
        #expect(german.points(in: "RADAR") == [])
    }

    @Test("words with digits get no points", arguments: ["hyphenation2", "2hyphenation", "MP3player", "Covid19pandemic", "hyphen½ation"])
    func wordsWithDigits(word: String) throws {
        let hyphenator = try Self.hyphenator("en-US", package: "hyphen-en-us")
        #expect(hyphenator.points(in: word) == [])
    }

    @Test func wordsShorterThanBothMinimaGetNoPoints() throws {
        let hyphenator = try Self.hyphenator("en-US", package: "hyphen-en-us")
        #expect(hyphenator.points(in: "") == [])
        #expect(hyphenator.points(in: "the") == [])
        let longRight = try Self.hyphenator("en-US", leftMin: 2, rightMin: 4, package: "hyphen-en-us")
        #expect(longRight.points(in: "paper") == [])     // 5 < 2 + 4
    }

    // MARK: - Apostrophes and other non-letters

    @Test func apostrophesAndHyphensSplitTheWord() throws {
        let hyphenator = try Self.hyphenator("en-US", package: "hyphen-en-us")
        #expect(hyphenator.points(in: "don't") == [])
        #expect(hyphenator.points(in: "shouldn't") == [])
        #expect(hyphenator.points(in: "hyphenation's") == [2, 6])
        #expect(hyphenator.points(in: "hyphenation\u{2019}s") == [2, 6])
        #expect(hyphenator.points(in: "e-mail") == [])
        // Each run of letters is hyphenated as a word; nothing next to "-" or "/".
        #expect(Self.hyphenated("newsletter-hyphenation", hyphenator.points(in: "newsletter-hyphenation"))
                == "news-let-ter-hy-phen-ation")
        #expect(hyphenator.points(in: "typesetting/hyphenation") == [4, 7, 14, 18])
    }

    // MARK: - Combining marks, non-BMP letters, index mapping

    @Test func decomposedLettersGiveTheSamePointsAsPrecomposed() throws {
        let french = try Self.hyphenator("fr", package: "hyphen-fr")
        #expect(Self.hyphenated("développement", french.points(in: "développement")) == "dé-ve-lop-pe-ment")
        #expect(french.points(in: "de\u{301}veloppement") == [2, 4, 7, 9])
        // UTF-8 dictionary: libhyphen indexes by scalar, not byte (ö and ß take two bytes).
        let english = try Self.hyphenator("en-US", package: "hyphen-en-us")
        #expect(english.points(in: "größenordnung") == [9])
        #expect(english.points(in: "gro\u{308}ßenordnung") == [9])
        // ISO8859-1 dictionary: the decomposed ö becomes the byte 0xF6.
        let german = try Self.hyphenator("de-DE", package: "hyphen-de")
        #expect(german.points(in: "Größenordnung") == [3, 6, 9])
        #expect(german.points(in: "Gro\u{308}ßenordnung") == [3, 6, 9])
    }

    /// A UTF-8 dictionary whose patterns break after the non-BMP 𝐚 (4 bytes, 1 scalar), inside
    /// the Character "q́" (between q and U+0301, which must never be reported) and after it, and
    /// after the precomposed é, which the word below spells decomposed.
    @Test func pointsMapFromScalarsToCharacters() throws {
        let temporary = try TemporaryDirectory(with: ["hyph_mapping.dic": Self.dictionary([
            "UTF-8", "LEFTHYPHENMIN 1", "RIGHTHYPHENMIN 1",
            "𝐚1b", "q1\u{301}", "\u{301}1r", "é1t",
        ])])
        defer { temporary.remove() }
        let directory = temporary.path
        let hyphenator = try Hyphenator(dictionaryAt: "\(directory)/hyph_mapping.dic", leftMin: 1, rightMin: 1)
        #expect(hyphenator.points(in: "c𝐚bc𝐚b") == [2, 5])
        #expect(hyphenator.points(in: "aq\u{301}raq\u{301}r") == [2, 5])   // 6 Characters, 8 scalars
        #expect(hyphenator.points(in: "ae\u{301}ta") == [2])
        #expect(hyphenator.points(in: "aéta") == [2])
    }

    // MARK: - Minimum fragment lengths

    @Test func callersMinimaAreRespected() throws {
        let english = try Self.hyphenator("en-US", package: "hyphen-en-us")
        #expect(english.points(in: "hyphenation") == [2, 6])
        let left3 = try Self.hyphenator("en-US", leftMin: 3, rightMin: 3, package: "hyphen-en-us")
        #expect(left3.points(in: "hyphenation") == [6])
        let right6 = try Self.hyphenator("en-US", leftMin: 2, rightMin: 6, package: "hyphen-en-us")
        #expect(right6.points(in: "hyphenation") == [2])
    }

    /// The dictionary's LEFTHYPHENMIN / RIGHTHYPHENMIN win over smaller minima of the caller, and
    /// both count Characters, not the scalars libhyphen sees.
    @Test func dictionaryMinimaAreRespectedInCharacters() throws {
        let temporary = try TemporaryDirectory(with: ["hyph_minima.dic": Self.dictionary([
            "UTF-8", "LEFTHYPHENMIN 3", "RIGHTHYPHENMIN 3", "1x",
        ])])
        defer { temporary.remove() }
        let directory = temporary.path
        let hyphenator = try Hyphenator(dictionaryAt: "\(directory)/hyph_minima.dic", leftMin: 1, rightMin: 1)
        #expect(hyphenator.leftMin == 3 && hyphenator.rightMin == 3)
        #expect(hyphenator.points(in: "axaxaxaxa") == [3, 5])
        // Each a + U+0323 + U+0301 is one Character of three scalars (the patterns have no such
        // letter): libhyphen, counting scalars, would allow 1 and 7 as well.
        let a = "a\u{323}\u{301}"
        #expect(hyphenator.points(in: "\(a)x\(a)x\(a)x\(a)x\(a)") == [3, 5])
        // The English file's own minima (2, 3) hold even when the caller asks for 1.
        let english = try Self.hyphenator("en-US", leftMin: 1, rightMin: 1, package: "hyphen-en-us")
        #expect(english.leftMin == 2 && english.rightMin == 3)
    }

    // MARK: - Non-standard hyphenation

    /// "f1f/ff=f,1,2" is hyphen.h's example: Schiffahrt → Schiff-fahrt, a point that changes the
    /// spelling. It must not be reported; the same pattern without the replacement is.
    @Test func nonStandardPointsAreIgnored() throws {
        let temporary = try TemporaryDirectory(with: [
            "hyph_nonstandard.dic": Self.dictionary(["ISO8859-1", "LEFTHYPHENMIN 2", "RIGHTHYPHENMIN 2", "f1f/ff=f,1,2", "i1f"]),
            "hyph_standard.dic": Self.dictionary(["ISO8859-1", "LEFTHYPHENMIN 2", "RIGHTHYPHENMIN 2", "f1f", "i1f"]),
        ])
        defer { temporary.remove() }
        let directory = temporary.path
        let nonStandard = try Hyphenator(dictionaryAt: "\(directory)/hyph_nonstandard.dic", leftMin: 2, rightMin: 2)
        let standard = try Hyphenator(dictionaryAt: "\(directory)/hyph_standard.dic", leftMin: 2, rightMin: 2)
        #expect(standard.points(in: "Schiffahrt") == [4, 5])
        #expect(nonStandard.points(in: "Schiffahrt") == [4])
        // Repeated calls: the rep/pos/cut arrays are freed each time (run under
        // `swift test --sanitize=address` to see no leak).
        for _ in 0..<1000 { _ = nonStandard.points(in: "Schiffahrtsschiffahrt") }
    }

    // MARK: - Dictionaries and charsets

    @Test func dictionaryChoice() throws {
        #expect(try Self.hyphenator("en-GB", package: "hyphen-en-gb").dictionaryPath == "/usr/share/hyphen/hyph_en_GB.dic")
        #expect(try Self.hyphenator("en", package: "hyphen-en-us").dictionaryPath == "/usr/share/hyphen/hyph_en_US.dic")
        #expect(try Self.hyphenator("de", package: "hyphen-de").dictionaryPath == "/usr/share/hyphen/hyph_de_DE.dic")
        #expect(try Self.hyphenator("de-AT", package: "hyphen-de").dictionaryPath == "/usr/share/hyphen/hyph_de_AT.dic")
        #expect(try Self.hyphenator("fr-CA", package: "hyphen-fr").dictionaryPath == "/usr/share/hyphen/hyph_fr_CA.dic")
        #expect(try Self.hyphenator("fr", package: "hyphen-fr").dictionaryPath == "/usr/share/hyphen/hyph_fr.dic")
        // British and American patterns differ: sug-ges-ted against sug-gested.
        let british = try Self.hyphenator("en-GB", package: "hyphen-en-gb")
        #expect(Self.hyphenated("suggested", british.points(in: "suggested")) == "sug-ges-ted")
        #expect(Hyphenator(language: Self.tag("xx")) == nil)
        #expect(Hyphenator(language: Self.tag("xx-GB")) == nil)
    }

    @Test func candidateFilesInOrder() throws {
        let candidates = try #require(Hyphenator.candidateFiles(for: Self.tag("en-Latn-GB")))
        #expect(candidates.names == ["hyph_en_Latn_GB.dic", "hyph_en_GB.dic", "hyph_en_Latn.dic",
                                     "hyph_en_US.dic", "hyph_en.dic", "hyph_en_EN.dic"])
        #expect(candidates.pattern == "hyph_en_*.dic")
        #expect(Hyphenator.candidateFiles(for: Self.tag("pl"))?.names == ["hyph_pl_PL.dic", "hyph_pl.dic"])
    }

    @Test func eachFileIsLoadedOncePerProcess() throws {
        let first = try Self.hyphenator("en-US", package: "hyphen-en-us")
        let second = try Self.hyphenator("en-US", leftMin: 3, rightMin: 3, package: "hyphen-en-us")
        #expect(first.loadedDictionary === second.loadedDictionary)
        // hyph_de_AT.dic and hyph_de.dic are links to hyph_de_DE.dic.
        let germany = try Self.hyphenator("de-DE", package: "hyphen-de")
        let austria = try Self.hyphenator("de-AT", package: "hyphen-de")
        #expect(germany.loadedDictionary === austria.loadedDictionary)
        #expect(germany.loadedDictionary.path == "/usr/share/hyphen/hyph_de_DE.dic")
    }

    @Test func eightBitDictionariesGetWordsInTheirCharset() throws {
        let german = try Self.hyphenator("de-DE", package: "hyphen-de")
        #expect(german.loadedDictionary.charset == "ISO8859-1")
        #expect(Self.hyphenated("Straßenverkehrsordnung", german.points(in: "Straßenverkehrsordnung"))
                == "Stra-ßen-ver-kehrs-ord-nung")
        #expect(Self.hyphenated("Bundesverkehrswegeplan", german.points(in: "Bundesverkehrswegeplan"))
                == "Bun-des-ver-kehrs-we-ge-plan")
        #expect(Self.hyphenated("Öffentlichkeitsarbeit", german.points(in: "Öffentlichkeitsarbeit"))
                == "Öf-fent-lich-keits-ar-beit")
        // ř is not in ISO8859-1: it splits the word, and no point touches it.
        #expect(german.points(in: "Dvořákstraße") == [6])

        let polish = try Self.hyphenator("pl", package: "hyphen-pl")
        #expect(polish.loadedDictionary.charset == "ISO8859-2")
        #expect(polish.points(in: "rozwój") == [3])
        #expect(polish.points(in: "nadzwyczajny") == [3, 6])

        let russian = try Self.hyphenator("ru", package: "hyphen-ru")
        #expect(russian.loadedDictionary.charset == "KOI8-R")
        #expect(Self.hyphenated("развитие", russian.points(in: "развитие")) == "раз-ви-тие")
        #expect(russian.points(in: "Информация") == [7])    // lower-cased before conversion

        let english = try Self.hyphenator("en-US", package: "hyphen-en-us")
        #expect(english.loadedDictionary.charset == "UTF-8")
    }

    @Test func unusableCharsetsAreRejectedAndPassedOver() throws {
        let good = Self.dictionary(["UTF-8", "LEFTHYPHENMIN 1", "RIGHTHYPHENMIN 1", "a1b"])
        let temporary = try TemporaryDirectory(with: [
            "hyph_zz_ZZ.dic": Self.dictionary(["X-NO-SUCH-CHARSET", "a1b"]),
            "hyph_zz_YY.dic": Self.dictionary(["EUC-JP", "a1b"]),   // multi-byte, not UTF-8
            "hyph_zz.dic": good,
            "hyph_qq_XY.dic": good,
        ])
        defer { temporary.remove() }
        let directory = temporary.path
        #expect(throws: HyphenDictionaryError.unsupportedCharset(path: "\(directory)/hyph_zz_ZZ.dic", charset: "X-NO-SUCH-CHARSET")) {
            try Hyphenator(dictionaryAt: "\(directory)/hyph_zz_ZZ.dic")
        }
        #expect(throws: HyphenDictionaryError.unsupportedCharset(path: "\(directory)/hyph_zz_YY.dic", charset: "EUC-JP")) {
            try Hyphenator(dictionaryAt: "\(directory)/hyph_zz_YY.dic")
        }
        let chosen = try #require(Hyphenator(language: Self.tag("zz-ZZ"), leftMin: 1, rightMin: 1, directory: directory))
        #expect(chosen.dictionaryPath == "\(directory)/hyph_zz.dic")
        #expect(chosen.points(in: "abab") == [1, 3])
        // No named candidate for "qq": the directory's only hyph_qq_*.dic is used.
        let listed = try #require(Hyphenator(language: Self.tag("qq"), directory: directory))
        #expect(listed.dictionaryPath == "\(directory)/hyph_qq_XY.dic")
        #expect(throws: HyphenDictionaryError.unreadable(path: "\(directory)/missing.dic")) {
            try Hyphenator(dictionaryAt: "\(directory)/missing.dic")
        }
    }

    // MARK: - Concurrency

    @Test func parallelUseGivesTheSameResultsAsSerialUse() async throws {
        let words: [(String, String)] = [
            ("en-US", "hyphenation"), ("en-US", "infrastructure"), ("en-US", "Extraordinary"),
            ("en-US", "vulnerabilities"), ("en-US", "newsletter’s"), ("en-US", "größenordnung"),
            ("de-DE", "Straßenverkehrsordnung"), ("de-DE", "Bundesverkehrswegeplan"), ("de-DE", "Gro\u{308}ßenordnung"),
            ("fr", "développement"), ("ru", "Информация"), ("pl", "nadzwyczajny"), ("en-GB", "suggested"),
        ]
        var hyphenators: [String: Hyphenator] = [:]
        for language in Set(words.map(\.0)) {
            let hyphenator = try #require(Hyphenator(language: Self.tag(language)), "no dictionary for \(language)")
            hyphenators[language] = hyphenator
        }
        let shared = hyphenators
        let serial = words.map { shared[$0.0]!.points(in: $0.1) }
        let tasks = 8
        let rounds = 200
        let parallel = await withTaskGroup(of: [[Int]].self) { group in
            for task in 0..<tasks {
                group.addTask {
                    var last: [[Int]] = []
                    for round in 0..<rounds {
                        // Each task walks the words from a different start, so calls overlap.
                        let results = words.indices.map { i -> (Int, [Int]) in
                            let k = (i + task + round) % words.count
                            return (k, shared[words[k].0]!.points(in: words[k].1))
                        }
                        last = results.sorted { $0.0 < $1.0 }.map(\.1)
                        if last != serial { return last }
                    }
                    return last
                }
            }
            var all: [[[Int]]] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(parallel.count == tasks)
        for result in parallel { #expect(result == serial) }
    }
}
