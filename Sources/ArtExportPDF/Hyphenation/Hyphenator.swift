import ArtExportCore
/// Hyphenation points by Liang's patterns (libhyphen, the dictionaries of the hyphen-* packages).
///
/// Dictionaries are loaded once per process and shared by every `Hyphenator` of the same file,
/// so creating one per document costs a dictionary lookup, not a load. A `Hyphenator` is a
/// value that any number of export jobs may use at once.
package struct Hyphenator: Sendable {
    /// Where Debian's hyphen-* packages install their dictionaries.
    static let systemDirectory = "/usr/share/hyphen"

    /// The file used when a tag names only a language, or a region without its own file, for
    /// the languages whose Debian packages were checked (hyphen-en-us, -de, -fr, -pt-pt, -es,
    /// -it, -nl, -pl, -ru). Debian also links hyph_en.dic to the US file and so on; the table
    /// says it without relying on the links. Other languages find hyph_xx_XX.dic or, failing
    /// that, the first hyph_xx_*.dic (see `candidateFiles`).
    static let defaultDictionaries: [String: String] = [
        "en": "en_US", "de": "de_DE", "fr": "fr", "pt": "pt_PT", "es": "es_ES", "it": "it_IT",
        "nl": "nl_NL", "pl": "pl_PL", "ru": "ru_RU",
    ]

    private let dictionary: HyphenDictionary
    private let chosenPath: String
    /// The shortest fragment in Characters before and after a hyphen: the caller's minimum or
    /// the dictionary's LEFTHYPHENMIN / RIGHTHYPHENMIN, whichever is larger, and at least 1.
    let leftMin: Int
    let rightMin: Int

    /// nil when no dictionary for the language is installed (the caller then does not hyphenate and may warn once).
    package init?(language: LanguageTag, leftMin: Int = 2, rightMin: Int = 3) {
        self.init(language: language, leftMin: leftMin, rightMin: rightMin, directory: Self.systemDirectory)
    }

    /// As the public initializer, with the dictionaries looked up in `directory`. A file that
    /// exists but cannot be used (an unknown charset) is passed over for the next candidate.
    init?(language: LanguageTag, leftMin: Int = 2, rightMin: Int = 3, directory: String) {
        guard let candidates = Self.candidateFiles(for: language) else { return nil }
        let named = candidates.names.map { "\(directory)/\($0)" }
        for path in named {
            if let dictionary = Self.usableDictionary(at: path) {
                self.init(dictionary: dictionary, path: path, leftMin: leftMin, rightMin: rightMin)
                return
            }
        }
        // The directory is listed only when no named file is usable.
        for path in HyphenDictionary.paths(matching: "\(directory)/\(candidates.pattern)") where !named.contains(path) {
            if let dictionary = Self.usableDictionary(at: path) {
                self.init(dictionary: dictionary, path: path, leftMin: leftMin, rightMin: rightMin)
                return
            }
        }
        return nil
    }

    private static func usableDictionary(at path: String) -> HyphenDictionary? {
        guard HyphenDictionary.isReadableFile(path), case .success(let dictionary) = HyphenDictionary.shared(path: path) else {
            return nil
        }
        return dictionary
    }

    /// The dictionary in one file, for tests with dictionaries of their own.
    init(dictionaryAt path: String, leftMin: Int = 2, rightMin: Int = 3) throws(HyphenDictionaryError) {
        self.init(dictionary: try HyphenDictionary.shared(path: path).get(), path: path, leftMin: leftMin, rightMin: rightMin)
    }

    private init(dictionary: HyphenDictionary, path: String, leftMin: Int, rightMin: Int) {
        self.dictionary = dictionary
        self.chosenPath = path
        self.leftMin = max(1, leftMin, dictionary.leftMin)
        self.rightMin = max(1, rightMin, dictionary.rightMin)
    }

    /// The dictionary path used, for messages.
    package var dictionaryPath: String { chosenPath }

    /// The shared dictionary object (tests check that it is loaded once).
    var loadedDictionary: HyphenDictionary { dictionary }

    // MARK: - Choosing the file

    /// The files to try, best first: the exact tag (en-Latn-GB → hyph_en_Latn_GB.dic), language
    /// and region (hyph_en_GB.dic), language and script, the language's default
    /// (hyph_en_US.dic), the bare language (hyph_fr.dic), the language with the same letters as
    /// region (hyph_pl_PL.dic); then `pattern` (hyph_en_*.dic), whose matches are tried in
    /// alphabetical order. Nil for a tag whose subtags are not all ASCII letters and digits, so
    /// no tag can name a path outside the directory.
    static func candidateFiles(for language: LanguageTag) -> (names: [String], pattern: String)? {
        let subtags = language.value.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
        guard let first = subtags.first, (2...3).contains(first.count),
              subtags.allSatisfy({ $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }) else { return nil }
        let primary = first.lowercased()
        var script: String?
        var region: String?
        for subtag in subtags.dropFirst() {
            if subtag.count == 4, script == nil, region == nil, subtag.allSatisfy(\.isLetter) {
                script = subtag.prefix(1).uppercased() + subtag.dropFirst().lowercased()
            } else if region == nil,
                      (subtag.count == 2 && subtag.allSatisfy(\.isLetter)) || (subtag.count == 3 && subtag.allSatisfy(\.isNumber)) {
                region = subtag.uppercased()
            }
        }
        var stems: [String] = []
        if let script, let region { stems.append("\(primary)_\(script)_\(region)") }
        if let region { stems.append("\(primary)_\(region)") }
        if let script { stems.append("\(primary)_\(script)") }
        if let fallback = defaultDictionaries[primary] { stems.append(fallback) }
        stems.append(primary)
        stems.append("\(primary)_\(primary.uppercased())")
        var names: [String] = []
        for stem in stems where !names.contains("hyph_\(stem).dic") {
            names.append("hyph_\(stem).dic")
        }
        return (names, "hyph_\(primary)_*.dic")
    }

    // MARK: - Hyphenating

    /// Offsets (in Characters of `word`) after which a hyphen may be inserted, ascending.
    /// E.g. "hyphenation" → [2, 6] (hy-phen-ation) with en-US. Words with digits, all-caps acronyms
    /// (≤ 5 letters, e.g. "NASA"), and words shorter than leftMin+rightMin get []. Capitalised and
    /// all-caps words are hyphenated: letters are lower-cased before libhyphen sees them, as
    /// hyphen.h asks (fed "Hyphenation" as typed, libhyphen gives "Hyphen-ation").
    ///
    /// A character that is not a letter (an apostrophe in "don't", a hyphen, a slash), or a
    /// letter the dictionary's charset cannot spell, splits the word: each run of letters is
    /// hyphenated on its own, with the minimum fragment lengths counted within the run, so no
    /// point is next to such a character. A letter with combining marks is one Character and
    /// is never split.
    package func points(in word: String) -> [Int] {
        // Every Character takes at least one UTF-8 byte: a cheap test for short words.
        guard word.utf8.count >= leftMin + rightMin else { return [] }
        var points: [Int] = []
        var run = LetterRun(capacity: word.utf8.count + 1)
        var offset = 0
        if dictionary.spelling.asciiLettersAsASCII, word.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
            // An ASCII word (most of an English text): one byte is one Character (but CR LF,
            // excluded above, is one Character of two bytes).
            for byte in word.utf8 {
                switch byte {
                case 0x30...0x39: return []
                case 0x41...0x5A: run.appendASCII(byte | 0x20, isUppercase: true, at: offset)
                case 0x61...0x7A: run.appendASCII(byte, isUppercase: false, at: offset)
                default:
                    hyphenate(&run, into: &points)
                    run.reset()
                }
                offset += 1
            }
        } else {
            for character in word {
                defer { offset += 1 }
                let scalars = character.unicodeScalars
                if let scalar = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex {
                    // One scalar, as most letters are: the Character's properties are the scalar's.
                    let properties = scalar.properties
                    if properties.numericType != nil { return [] }
                    if properties.isAlphabetic, run.append(scalar, properties, at: offset, in: dictionary) { continue }
                } else {
                    if character.isNumber { return [] }
                    if character.isLetter, run.append(character, at: offset, in: dictionary) { continue }
                }
                hyphenate(&run, into: &points)
                run.reset()
            }
        }
        hyphenate(&run, into: &points)
        return points
    }

    private func hyphenate(_ run: inout LetterRun, into points: inout [Int]) {
        guard run.count >= leftMin + rightMin, !(run.isUppercase && run.count <= 5) else { return }
        run.bytes.append(0)
        if run.hyphens.count < run.bytes.count + 4 {
            run.hyphens = [CChar](repeating: 0, count: run.bytes.count + 4)
        }
        dictionary.hyphenate(run.bytes, into: &run.hyphens, leftMin: leftMin, rightMin: rightMin)
        run.bytes.removeLast()
        // A hyphen after letter i leaves i + 1 letters before it and count - i - 1 after it.
        for i in (leftMin - 1)...(run.count - rightMin - 1) where run.hyphens[run.lastPosition[i]] & 1 == 1 {
            points.append(run.start + i + 1)
        }
    }
}

/// A run of letters of one word, lower-cased and spelt for the dictionary.
private struct LetterRun {
    /// The offset in the word of the first letter.
    var start = 0
    /// Letters (Characters) in the run.
    var count = 0
    /// Whether every letter is upper-case (an acronym when short).
    var isUppercase = true
    /// The lower-case letters in the dictionary's charset.
    var bytes: [CChar] = []
    /// libhyphen's positions so far (scalars with UTF-8, bytes otherwise).
    var positions = 0
    /// For each letter, libhyphen's position of its last scalar: a break after that position
    /// is a break after the letter; one after a scalar inside the letter is never used.
    var lastPosition: [Int] = []
    /// libhyphen's output vector, reused from run to run.
    var hyphens: [CChar] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
        lastPosition.reserveCapacity(capacity)
    }

    /// Adds an ASCII letter, already lower-case, for a dictionary that spells it as itself.
    mutating func appendASCII(_ lowercase: UInt8, isUppercase upper: Bool, at offset: Int) {
        bytes.append(CChar(bitPattern: lowercase))
        added(positions: 1, isUppercase: upper, at: offset)
    }

    /// Adds a letter of one scalar; false when the dictionary cannot spell it (the run is then
    /// unchanged).
    mutating func append(_ scalar: Unicode.Scalar, _ properties: Unicode.Scalar.Properties,
                         at offset: Int, in dictionary: HyphenDictionary) -> Bool {
        var lower = scalar
        if properties.changesWhenLowercased {
            let mapping = properties.lowercaseMapping.unicodeScalars
            guard let first = mapping.first, mapping.index(after: mapping.startIndex) == mapping.endIndex else {
                return append(Character(scalar), at: offset, in: dictionary)   // "İ" → "i" + U+0307
            }
            lower = first
        }
        guard dictionary.append(lower, to: &bytes) else { return false }
        added(positions: 1, isUppercase: properties.isUppercase, at: offset)
        return true
    }

    /// Adds a letter of any number of scalars (a base with combining marks); false when the
    /// dictionary cannot spell it (the run is then unchanged).
    mutating func append(_ letter: Character, at offset: Int, in dictionary: HyphenDictionary) -> Bool {
        let lower = letter.lowercased()
        guard let positions = dictionary.append(lower.count == 1 ? Character(lower) : letter, to: &bytes) else {
            return false
        }
        added(positions: positions, isUppercase: letter.isUppercase, at: offset)
        return true
    }

    private mutating func added(positions added: Int, isUppercase upper: Bool, at offset: Int) {
        if count == 0 { start = offset }
        count += 1
        isUppercase = isUppercase && upper
        positions += added
        lastPosition.append(positions - 1)
    }

    mutating func reset() {
        count = 0
        isUppercase = true
        bytes.removeAll(keepingCapacity: true)
        positions = 0
        lastPosition.removeAll(keepingCapacity: true)
    }
}
