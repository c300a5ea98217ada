import ArtExportCore
import CHyphen
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a hyphenation dictionary cannot be used. libhyphen's and iconv's failures become
/// these values here and nowhere else.
enum HyphenDictionaryError: Error, Equatable, CustomStringConvertible {
    /// `hnj_hyphen_load` returned NULL: the file is missing or unreadable.
    case unreadable(path: String)
    /// The first line of the file names a charset that is neither UTF-8 nor a single-byte
    /// charset iconv knows. libhyphen compares bytes and converts nothing, so words could not
    /// be spelt the way the patterns are.
    case unsupportedCharset(path: String, charset: String)

    var description: String {
        switch self {
        case .unreadable(let path):
            return "\(path): cannot read this hyphenation dictionary; reinstall its hyphen-* package"
        case .unsupportedCharset(let path, let charset):
            return "\(path): the dictionary's charset \"\(charset)\" is neither UTF-8 nor a single-byte "
                + "charset that iconv knows, so no word is hyphenated with it"
        }
    }
}

/// One libhyphen dictionary (`HyphenDict *`), loaded at most once per process and kept for the
/// process (`shared(path:)`). It is the only owner of the C handle, and this file holds every
/// libhyphen call of the package.
///
/// Concurrency: libhyphen 2.8.8's `hnj_hyphen_hyphenate3` only reads the dictionary (its
/// states, `nextlevel`, minima and `nohyphen`); the word copy, the `hyphens` vector and the
/// rep/pos/cut arrays are the caller's or freshly allocated, and there is no static state.
/// Concurrent calls would be safe, but Swift can be shown that only through an unchecked
/// escape hatch, so the handle sits in a `Mutex` and calls are serialised. A call takes
/// 0.2–1 µs; `hyphen-bench` in the scratch package measured what the lock costs.
final class HyphenDictionary: Sendable {
    /// How letters become the bytes that libhyphen matches against its patterns.
    struct Spelling: Sendable {
        /// nil for UTF-8. For a single-byte charset (ISO8859-1, ISO8859-2, KOI8-R, …): every
        /// Unicode scalar that one byte decodes to, with that byte.
        let bytes: [UInt32: UInt8]?
        /// Every non-ASCII character the dictionary knows (the characters of a UTF-8 file, the
        /// charset's otherwise), keyed by itself: a letter typed decomposed ("e" + U+0301) finds
        /// the precomposed "é" of the patterns, as Character equality and hashing follow
        /// canonical equivalence.
        let composed: [Character: Unicode.Scalar]
        /// Whether a–z are spelt as the ASCII bytes a–z (true of every installed dictionary).
        let asciiLettersAsASCII: Bool
    }

    /// The file, symbolic links resolved.
    let path: String
    /// The charset named on the first line of the file ("UTF-8", "ISO8859-1", "KOI8-R", …).
    let charset: String
    let spelling: Spelling
    /// The file's LEFTHYPHENMIN and RIGHTHYPHENMIN, 0 where it names none.
    let leftMin: Int
    let rightMin: Int

    private let handle: Mutex<UnsafeMutablePointer<HyphenDict>>
    /// The mapped cache file it points into, when the cache decoded it (freed with it).
    private let mapping: (address: Int, length: Int)?

    /// Loads the file at `path`. Use `shared(path:)` instead, which loads each file once.
    init(loading path: String) throws(HyphenDictionaryError) {
        guard let loaded = HyphenDictionaryCache.load(path) else { throw .unreadable(path: path) }
        let dict = loaded.dict
        self.mapping = loaded.mapping
        let charset = withUnsafeBytes(of: dict.pointee.cset) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }.filter { !$0.isWhitespace }
        let isUTF8 = dict.pointee.utf8 != 0
        let spelling = isUTF8 ? Self.readBytes(path).map(Self.utf8Spelling) : Self.singleByteSpelling(charset: charset)
        guard let spelling else {
            HyphenDictionaryCache.free(loaded)
            throw isUTF8 ? .unreadable(path: path) : .unsupportedCharset(path: path, charset: charset)
        }
        // libhyphen uses the minima of the level it returns; with NEXTLEVEL a file may state
        // them for the second level only, so take the larger of both.
        let next = dict.pointee.nextlevel?.pointee
        self.path = path
        self.charset = charset
        self.spelling = spelling
        self.leftMin = max(Int(dict.pointee.lhmin), Int(next?.lhmin ?? 0))
        self.rightMin = max(Int(dict.pointee.rhmin), Int(next?.rhmin ?? 0))
        self.handle = Mutex(dict)
    }

    deinit {
        let mapping = mapping
        handle.withLock { HyphenDictionaryCache.free(.init(dict: $0, mapping: mapping)) }
    }

    // MARK: - Once per process

    /// One slot per dictionary file, by real path (hyph_de_AT.dic and hyph_de.dic are links to
    /// hyph_de_DE.dic: one slot). Slots are never removed, so each file is loaded at most once
    /// per process and its handle lives as long as the process.
    private static let slots = Mutex<[String: LoadSlot]>([:])

    /// One file's load result. Loading happens under the slot's own lock: two jobs asking for
    /// the same file at once load it once, and a slow file (German takes seconds) does not
    /// hold up the others.
    private final class LoadSlot: Sendable {
        let result = Mutex<Result<HyphenDictionary, HyphenDictionaryError>?>(nil)
    }

    /// The dictionary in the file at `path`, loaded on first use, the same object afterwards.
    /// A failure is kept too, so a bad file is not read again for every document.
    static func shared(path: String) -> Result<HyphenDictionary, HyphenDictionaryError> {
        let key = realPath(path)
        let slot = slots.withLock { slots in
            if let slot = slots[key] { return slot }
            let slot = LoadSlot()
            slots[key] = slot
            return slot
        }
        return slot.result.withLock { result in
            if let result { return result }
            let loaded = Result { () throws(HyphenDictionaryError) in try HyphenDictionary(loading: key) }
            result = loaded
            return loaded
        }
    }

    // MARK: - Spelling a word

    /// Appends one lower-case scalar as the dictionary spells it: one position for libhyphen.
    /// False when the charset cannot spell it (`word` is then unchanged).
    func append(_ scalar: Unicode.Scalar, to word: inout [CChar]) -> Bool {
        guard let bytes = spelling.bytes else {
            for byte in scalar.utf8 { word.append(CChar(bitPattern: byte)) }
            return true
        }
        guard let byte = bytes[scalar.value] else { return false }
        word.append(CChar(bitPattern: byte))
        return true
    }

    /// Appends a lower-case letter of several scalars (a base letter with combining marks) and
    /// returns how many positions libhyphen counts for it: 1 when the dictionary knows it as one
    /// precomposed character, else one per scalar (libhyphen indexes a UTF-8 word by scalar, not
    /// by byte; a single-byte word by byte). Nil when the charset cannot spell it.
    func append(_ letter: Character, to word: inout [CChar]) -> Int? {
        if let single = spelling.composed[letter] {
            return append(single, to: &word) ? 1 : nil
        }
        let count = word.count
        var positions = 0
        for scalar in letter.unicodeScalars {
            guard append(scalar, to: &word) else {
                word.removeLast(word.count - count)
                return nil
            }
            positions += 1
        }
        return positions
    }

    /// Runs libhyphen on one lower-case word and leaves its hyphenation vector in `hyphens`:
    /// an odd `hyphens[i]` means a hyphen may follow position i (positions as counted by the
    /// `append` methods). Non-standard points (old German "Schiffahrt" → "Schiff-fahrt", reported
    /// in libhyphen's rep/pos/cut arrays) are cleared, and those arrays are freed. Entries past
    /// the last position are unspecified.
    /// - Parameters:
    ///   - word: the bytes from `append`, then a NUL (libhyphen runs `strstr` on the word).
    ///   - hyphens: at least `word.count + 4` elements (hyphen.h asks for word size + 5). An
    ///     array, not a buffer pointer: the lock's closure may capture only Sendable values.
    func hyphenate(_ word: [CChar], into hyphens: inout [CChar], leftMin: Int, rightMin: Int) {
        let size = word.count - 1
        precondition(size >= 0 && word[size] == 0 && hyphens.count >= size + 5)
        handle.withLock { dict in
            var rep: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
            var pos: UnsafeMutablePointer<Int32>? = nil
            var cut: UnsafeMutablePointer<Int32>? = nil
            let status = hnj_hyphen_hyphenate3(
                dict, word, Int32(size), &hyphens, nil, &rep, &pos, &cut,
                Int32(leftMin), Int32(rightMin), 0, 0)
            // libhyphen mallocs rep, pos and cut (word-size entries each) only when a
            // non-standard pattern matched; rep[i] is then a malloc'd string or NULL.
            if let rep {
                for i in 0..<size where rep[i] != nil {
                    hyphens[i] = 0
                    free(rep[i])
                }
                free(rep)
            }
            free(pos)
            free(cut)
            if status != 0 {   // only for malformed UTF-8, which `append` never produces
                for i in hyphens.indices { hyphens[i] = 0 }
            }
        }
    }

    // MARK: - Charsets

    static func utf8Spelling(file: [UInt8]) -> Spelling {
        var composed: [Character: Unicode.Scalar] = [:]
        for scalar in String(decoding: file, as: UTF8.self).unicodeScalars where !scalar.isASCII {
            composed[Character(scalar)] = scalar
        }
        return Spelling(bytes: nil, composed: composed, asciiLettersAsASCII: true)
    }

    /// The scalars of the single-byte `charset`, each with its byte, decoded by iconv. Nil when
    /// iconv does not know the charset or it is a multi-byte one (a lone byte is an incomplete
    /// sequence): such a dictionary is not used.
    static func singleByteSpelling(charset: String) -> Spelling? {
        // LibreOffice names some charsets "microsoft-cp1251"; iconv knows them as "CP1251".
        var names = [charset]
        if charset.lowercased().hasPrefix("microsoft-") { names.append(String(charset.dropFirst(10))) }
        guard let converter = names.lazy.map({ iconv_open("UTF-32LE", $0) })
            .first(where: { $0 != iconv_t(bitPattern: -1) }) else { return nil }
        defer { iconv_close(converter) }
        var bytes: [UInt32: UInt8] = [:]
        for byte in UInt8(1)...UInt8(255) {
            _ = iconv(converter, nil, nil, nil, nil)   // back to the initial state
            var input = [CChar(bitPattern: byte)]
            var output = [UInt8](repeating: 0, count: 16)
            var failure: Int32 = 0
            let (inputLeft, produced) = input.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBytes { outBuffer in
                    var inPointer = inBuffer.baseAddress
                    var inLeft = 1
                    var outPointer = outBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuffer.count
                    if iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) == -1 { failure = errno }
                    return (inLeft, outBuffer.count - outLeft)
                }
            }
            if failure == EINVAL { return nil }                                  // multi-byte charset
            guard failure == 0, inputLeft == 0, produced == 4 else { continue }  // byte not in the charset
            let value = UInt32(output[0]) | UInt32(output[1]) << 8 | UInt32(output[2]) << 16 | UInt32(output[3]) << 24
            if bytes[value] == nil { bytes[value] = byte }
        }
        var composed: [Character: Unicode.Scalar] = [:]
        for value in bytes.keys where value >= 0x80 {
            if let scalar = Unicode.Scalar(value) { composed[Character(scalar)] = scalar }
        }
        let asciiLetters = (UInt32(0x61)...UInt32(0x7A)).allSatisfy { bytes[$0] == UInt8($0) }
        return Spelling(bytes: bytes, composed: composed, asciiLettersAsASCII: asciiLetters)
    }

    // MARK: - Files

    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isReadableFile(_ path: String) -> Bool {
        access(path, R_OK) == 0
    }

    /// The paths matching a glob pattern, sorted (glob sorts them).
    static func paths(matching pattern: String) -> [String] {
        var matches = glob_t()
        defer { globfree(&matches) }
        guard glob(pattern, 0, nil, &matches) == 0 else { return [] }
        return (0..<Int(matches.gl_pathc)).compactMap { matches.gl_pathv[$0].map { String(cString: $0) } }
    }

    private static func readBytes(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return ferror(file) == 0 ? bytes : nil
    }
}
