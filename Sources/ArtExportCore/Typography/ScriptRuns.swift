/// Where a block's text changes direction or language, decided from its
/// characters alone. This is the one place the decision is made: the EPUB
/// writes it as `dir` and `lang`, and a typesetter can shape by it.
///
/// Direction follows UAX #9 in outline: a block takes the direction of its
/// first strong character (P2, P3); a number goes with the strong text before
/// it (W2, W7); neutrals between two strong characters of one direction take
/// that direction, all other neutrals the block's (N1, N2). A stretch in the
/// other direction is a run to isolate, together with the spaces and
/// punctuation that fall inside it.
///
/// Language comes from scripts that settle it (Hebrew → he, Greek → el, kana →
/// ja, …). Where the script leaves it open (Arabic script, Cyrillic, Latin, Han
/// alone) the run is `unsettled`, unless the surrounding language is written in
/// that script, in which case the text simply inherits it.
package struct ScriptRuns: Sendable, Equatable {
    package enum Direction: Sendable, Equatable {
        case leftToRight, rightToLeft

        package var attribute: String { self == .leftToRight ? "ltr" : "rtl" }
    }

    package enum Language: Sendable, Hashable {
        /// The surrounding language applies (the block's, else the article's).
        case inherited
        /// The script settles the language, and it is not the surrounding one.
        case tagged(LanguageTag)
        /// A script other than the surrounding language's whose language the text
        /// leaves open; nil when the script is not one artexport names. Unmarked.
        case unsettled(ScriptDetector.Script?)
    }

    package struct Run: Sendable, Equatable {
        /// Offsets in Unicode scalars of the analysed text.
        package var range: Range<Int>
        package var direction: Direction
        package var language: Language

        init(range: Range<Int>, direction: Direction, language: Language) {
            self.range = range
            self.direction = direction
            self.language = language
        }
    }

    /// The block's direction.
    package let direction: Direction
    /// The language of every letter of the block, when the script settles one
    /// that is not the surrounding language: the block itself is marked with it,
    /// and runs in it are `.inherited`.
    package let language: LanguageTag?
    /// In logical order, covering the text without gaps; none is empty.
    package let runs: [Run]

    /// - Parameters:
    ///   - scalars: the text, with a line break as `\n` (no run crosses it).
    ///   - surrounding: the language the text is in unless its script says otherwise.
    ///   - direction: the block's direction when already decided (a fragment of a
    ///     block, such as a name in a byline); nil to take it from the text.
    ///   - atoms: ranges that take one direction and language as a whole and are
    ///     never split (inline code, a note number): the first strong character
    ///     inside decides, and their letters settle no language.
    package init(_ scalars: [Unicode.Scalar], surrounding: LanguageTag, direction: Direction? = nil, atoms: [Range<Int>] = []) {
        // Most paragraphs of a Latin-script article are Latin letters, digits and
        // punctuation only: one left-to-right run in the surrounding language, which
        // the full analysis (41 % of an EPUB run) would find too. ScriptRunsTests
        // checks the two agree on random text.
        if direction != .rightToLeft, !surrounding.isRightToLeft, ScriptDetector.native(surrounding).contains(.latin),
           scalars.allSatisfy(Self.isPlainLatin) {
            self.init(direction: .leftToRight, language: nil,
                      runs: scalars.isEmpty ? [] : [Run(range: 0..<scalars.count, direction: .leftToRight, language: .inherited)])
            return
        }
        self.init(analysing: scalars, surrounding: surrounding, direction: direction, atoms: atoms)
    }

    /// Latin letters, digits, and punctuation and symbols that neither settle a
    /// language nor steer the bidi algorithm: typographic quotes and dashes, the
    /// spaces of general punctuation, currency signs. Not the bidi controls, the
    /// joiners or the line and paragraph separators.
    static func isPlainLatin(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0..<0x250, 0x2000...0x200B, 0x2010...0x2027, 0x202F...0x205F, 0x20A0...0x20CF: return true
        default: return false
        }
    }

    private init(direction: Direction, language: LanguageTag?, runs: [Run]) {
        self.direction = direction
        self.language = language
        self.runs = runs
    }

    /// The full analysis, for any text.
    init(analysing scalars: [Unicode.Scalar], surrounding: LanguageTag, direction: Direction?, atoms: [Range<Int>]) {
        var classes = scalars.map(BidiClass.init)
        var inAtom = [Bool](repeating: false, count: scalars.count)
        for atom in atoms where !atom.isEmpty {
            // A note number is a number: it follows the strong text before it.
            let strong = classes[atom].first { $0 == .left || $0 == .right } ?? (classes[atom].contains(.number) ? .number : .neutral)
            for i in atom { classes[i] = strong; inAtom[i] = true }
        }
        let own = classes.first { $0 == .left || $0 == .right }.map { $0 == .left ? Direction.leftToRight : .rightToLeft }
        let base = direction ?? own ?? (surrounding.isRightToLeft ? .rightToLeft : .leftToRight)
        var directions = Self.resolveDirections(classes, base: base)
        Self.keepSentencePunctuation(scalars, classes, &directions, base: base)

        // Letters first, relative to the surrounding language. A block whose first
        // letter is in another settled language is in that language (as its first
        // strong character sets its direction): the block carries it, and the
        // surrounding language's letters inside are then marked with it.
        var table = Languages()
        var decided = Self.decideLetters(scalars, inAtom: inAtom, surrounding: surrounding, into: &table)
        if let k = decided.firstIndex(where: { $0 >= 0 }), case .tagged(let first) = table.values[Int(decided[k])] {
            // Renumbered through the (short) table, not language by language per scalar.
            let remap = table.values.map { language -> Int32 in
                switch language {
                case .tagged(first): return table.index(.inherited)
                case .inherited: return table.index(.tagged(surrounding))
                default: return table.index(language)
                }
            }
            for i in decided.indices where decided[i] >= 0 { decided[i] = remap[Int(decided[i])] }
            self.language = first
        } else {
            self.language = nil
        }
        var languages = Self.attachNeutrals(decided, scalars, inherited: table.index(.inherited))
        // An atom takes the language of its first scalar as a whole.
        for atom in atoms where !atom.isEmpty {
            for i in atom { languages[i] = languages[atom.lowerBound] }
        }

        var runs: [Run] = []
        for i in scalars.indices {
            if var last = runs.last, last.direction == directions[i], i > 0, languages[i - 1] == languages[i] {
                last.range = last.range.lowerBound..<(i + 1)
                runs[runs.count - 1] = last
            } else {
                runs.append(Run(range: i..<(i + 1), direction: directions[i], language: table.values[Int(languages[i])]))
            }
        }
        self.direction = base
        self.runs = runs
    }

    package init(_ text: String, surrounding: LanguageTag, direction: Direction? = nil) {
        self.init(Array(text.unicodeScalars), surrounding: surrounding, direction: direction)
    }

    /// Consecutive runs of one direction: each group in the other direction than
    /// the block is one isolate, whatever languages it holds (two isolates side
    /// by side would be ordered in the block's direction, not their own).
    package var directionGroups: [ArraySlice<Run>] {
        var groups: [ArraySlice<Run>] = []
        var start = 0
        for i in runs.indices where i == runs.count - 1 || runs[i + 1].direction != runs[i].direction {
            groups.append(runs[start...i])
            start = i + 1
        }
        return groups
    }

    /// Scripts of runs whose language stays unmarked, in order of first appearance.
    var unsettledScripts: [ScriptDetector.Script?] {
        var seen: [ScriptDetector.Script?] = []
        for run in runs {
            if case .unsettled(let script) = run.language, !seen.contains(script) { seen.append(script) }
        }
        return seen
    }

    // MARK: - Direction

    /// The few bidirectional classes the decision needs, from the character's
    /// block and general category (the Swift standard library has no Bidi_Class).
    enum BidiClass: Equatable {
        case left, right, number, arabicNumber, mark, neutral, boundary

        init(_ s: Unicode.Scalar) {
            switch s.value {
            case 0x0A, 0x0D, 0x2029: self = .boundary
            case 0x200E: self = .left                    // LEFT-TO-RIGHT MARK
            case 0x200F, 0x061C: self = .right           // RIGHT-TO-LEFT MARK, ARABIC LETTER MARK
            case 0x0660...0x0669, 0x066B, 0x066C: self = .arabicNumber
            default:
                switch s.generalCategory {
                case .nonspacingMark, .enclosingMark: self = .mark
                case .decimalNumber: self = .number
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .letterNumber, .spacingMark:
                    self = Self.isRightToLeftBlock(s) ? .right : .left
                default: self = .neutral
                }
            }
        }

        /// Blocks of the right-to-left scripts: Hebrew, Arabic, Syriac, Thaana,
        /// NKo, Samaritan, Mandaic, their presentation forms, and the historic
        /// and Adlam ranges of the supplementary planes.
        static func isRightToLeftBlock(_ s: Unicode.Scalar) -> Bool {
            switch s.value {
            case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFE, 0x10800...0x10FFF, 0x1E800...0x1EFFF: return true
            default: return false
            }
        }
    }

    static func resolveDirections(_ input: [BidiClass], base: Direction) -> [Direction] {
        let baseClass: BidiClass = base == .leftToRight ? .left : .right
        var classes = input
        // W1: a combining mark takes the class of the character it is on.
        for i in classes.indices where classes[i] == .mark {
            classes[i] = i == 0 || classes[i - 1] == .boundary ? .neutral : classes[i - 1]
        }
        // Digits written onto a letter (’90s, 3D) are part of its word: its direction.
        var k = classes.count - 1
        while k > 0 {
            if classes[k] == .left || classes[k] == .right {
                var j = k - 1
                while j >= 0, classes[j] == .number { classes[j] = classes[k]; j -= 1 }
                k = j
            } else {
                k -= 1
            }
        }
        // W2, W7: a number goes with the last strong character before it (the
        // block's direction at the start); Arabic-Indic digits are always R.
        var lastStrong = baseClass
        for i in classes.indices {
            switch classes[i] {
            case .left, .right: lastStrong = classes[i]
            case .number: classes[i] = lastStrong
            case .arabicNumber: classes[i] = .right
            case .boundary: lastStrong = baseClass
            default: break
            }
        }
        // N1, N2: a stretch of neutrals between two of one direction takes it;
        // the block's edges and line breaks count as the block's direction.
        var i = 0
        while i < classes.count {
            guard classes[i] == .neutral || classes[i] == .boundary else { i += 1; continue }
            if classes[i] == .boundary { classes[i] = baseClass; i += 1; continue }
            var j = i
            while j < classes.count, classes[j] == .neutral { j += 1 }
            let before = i == 0 ? baseClass : classes[i - 1]
            let after = j == classes.count || classes[j] == .boundary ? baseClass : classes[j]
            let resolved = before == after ? before : baseClass
            for k in i..<j { classes[k] = resolved }
            i = j
        }
        var directions = classes.map { $0 == .left ? Direction.leftToRight : .rightToLeft }
        // A stretch against the block's direction that holds no letter of its own
        // (Arabic-Indic digits in an English sentence) needs no isolation.
        var start = 0
        while start < directions.count {
            var end = start
            while end < directions.count, directions[end] == directions[start] { end += 1 }
            if directions[start] != base, !input[start..<end].contains(where: { $0 == .left || $0 == .right }) {
                for k in start..<end { directions[k] = base }
            }
            start = end
        }
        return directions
    }

    /// A run against the block's direction that is a sentence of its own (it
    /// starts the block, or follows a sentence's end) keeps the punctuation that
    /// ends it: UAX #9 gives a paragraph's final period to the paragraph, which
    /// sets an English sentence closing a right-to-left paragraph as ".us".
    /// A run inside a sentence (`he wrote שלום.`) leaves it to the sentence.
    static func keepSentencePunctuation(_ scalars: [Unicode.Scalar], _ classes: [BidiClass], _ directions: inout [Direction], base: Direction) {
        var start = 0
        while start < directions.count {
            var end = start
            while end < directions.count, directions[end] == directions[start] { end += 1 }
            defer { start = end }
            guard directions[start] != base, startsSentence(scalars, at: start) else { continue }
            var k = end
            while k < scalars.count, classes[k] == .neutral, isSentenceEnd(scalars[k]) || isClosingQuote(scalars[k]) { k += 1 }
            guard k > end, scalars[end..<k].contains(where: isSentenceEnd) else { continue }
            for m in end..<k { directions[m] = directions[start] }
            end = k
        }
    }

    static func startsSentence(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        var k = index - 1
        while k >= 0, scalars[k].isWhitespace, scalars[k] != "\n" { k -= 1 }
        guard k >= 0, scalars[k] != "\n" else { return true }
        while k >= 0, isClosingQuote(scalars[k]) { k -= 1 }
        return k >= 0 && isSentenceEnd(scalars[k]) && k < index - 1
    }

    static func isSentenceEnd(_ s: Unicode.Scalar) -> Bool {
        [".", "!", "?", "\u{2026}", "\u{061F}", "\u{06D4}", "\u{3002}", "\u{FF01}", "\u{FF1F}"].contains(s)
    }

    static func isClosingQuote(_ s: Unicode.Scalar) -> Bool {
        switch s.generalCategory {
        case .finalPunctuation, .closePunctuation: return true
        default: return s == "\"" || s == "'" || s == "\u{201C}" || s == "\u{00AB}"
        }
    }

    // MARK: - Language

    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        switch s.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .letterNumber: return true
        default: return false
        }
    }

    /// The language a script settles when it is not the surrounding language's.
    static func settledLanguage(of script: ScriptDetector.Script) -> LanguageTag? {
        switch script {
        case .hebrew: return LanguageTag(normalizing: "he")
        case .greek: return LanguageTag(normalizing: "el")
        case .thai: return LanguageTag(normalizing: "th")
        case .hangul: return LanguageTag(normalizing: "ko")
        case .kana: return LanguageTag(normalizing: "ja")
        case .latin, .cyrillic, .arabic, .devanagari, .han: return nil
        }
    }

    /// Ideographs, kana and the punctuation and full-width forms written with
    /// them: text that runs without spaces, split into sentences below.
    static func isCJKText(_ s: Unicode.Scalar) -> Bool {
        if ScriptDetector.isCJK(s) { return true }
        switch ScriptDetector.script(of: s) {
        case .han?, .kana?: return true
        default: return false
        }
    }

    /// Ends a sentence of CJK text: 。．！？｡ (closing brackets after them stay with it).
    static func endsCJKSentence(_ s: Unicode.Scalar) -> Bool {
        [0x3002, 0xFF0E, 0xFF01, 0xFF1F, 0xFF61].contains(s.value)
    }

    static func isCJKClosing(_ s: Unicode.Scalar) -> Bool {
        // Chinese also closes quotations with ” and ’.
        [0x2019, 0x201D, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015, 0x3017, 0x3019, 0x301B, 0xFF09, 0xFF3D, 0xFF5D, 0xFF63].contains(s.value)
    }

    /// The languages met in a text, numbered: per-scalar arrays hold a number, 4 bytes,
    /// not a `Language` (24), which made a long paragraph cost some 50 bytes a scalar.
    struct Languages {
        private(set) var values: [Language] = []
        private var numbers: [Language: Int32] = [:]

        mutating func index(_ language: Language) -> Int32 {
            if let n = numbers[language] { return n }
            values.append(language)
            numbers[language] = Int32(values.count - 1)
            return Int32(values.count - 1)
        }
    }

    /// The language of each letter (and of CJK punctuation inside a sentence), as a
    /// number in `table`; -1 for what settles nothing: spaces, punctuation, digits,
    /// emoji, atoms.
    private static let japanese = LanguageTag(normalizing: "ja")!
    private static let simplifiedChinese = LanguageTag(normalizing: "zh-Hans")!

    static func decideLetters(_ scalars: [Unicode.Scalar], inAtom: [Bool], surrounding: LanguageTag,
                              into table: inout Languages) -> [Int32] {
        let native = ScriptDetector.native(surrounding)
        func decide(_ tag: LanguageTag) -> Language {
            tag.primary == surrounding.primary ? .inherited : .tagged(tag)
        }
        // -1: settles nothing, so it goes with its neighbours (spaces, punctuation, digits, emoji).
        var decided = [Int32](repeating: -1, count: scalars.count)

        // Han, kana and their punctuation, sentence by sentence: Japanese when the
        // sentence has kana, Simplified Chinese when it has an ideograph only
        // Simplified Chinese writes; Han alone is Japanese in a block with kana.
        let hasKana = scalars.indices.contains { !inAtom[$0] && ScriptDetector.script(of: scalars[$0]) == .kana }
        let japanese = Self.japanese, simplified = Self.simplifiedChinese
        var i = 0
        while i < scalars.count {
            guard !inAtom[i], isCJKText(scalars[i]) else { i += 1; continue }
            var end = i
            var sawEnd = false
            while end < scalars.count, !inAtom[end],
                  isCJKText(scalars[end]) || scalars[end].generalCategory == .nonspacingMark || (sawEnd && isCJKClosing(scalars[end])) {
                if sawEnd, !isCJKClosing(scalars[end]) { break }
                if endsCJKSentence(scalars[end]) { sawEnd = true }
                end += 1
            }
            let sentence = scalars[i..<end]
            let language: Language
            if sentence.contains(where: { ScriptDetector.script(of: $0) == .kana }) {
                language = decide(japanese)
            } else if sentence.contains(where: SimplifiedHan.contains) {
                language = surrounding.primary == "zh" ? .inherited : .tagged(simplified)
            } else if !sentence.contains(where: { ScriptDetector.script(of: $0) == .han }) {
                language = .inherited          // only CJK punctuation: it settles nothing
            } else if hasKana {
                language = decide(japanese)
            } else if native.contains(.han) {
                language = .inherited
            } else {
                language = .unsettled(.han)
            }
            // Punctuation alone settles nothing; it joins its neighbours below.
            let number = table.index(language)
            for k in i..<end where language != .inherited || ScriptDetector.script(of: scalars[k]) != nil {
                decided[k] = number
            }
            i = end
        }

        // Every other letter by its script; consecutive letters of one script share
        // the decision (a paragraph has few scripts and many letters).
        var last: (script: ScriptDetector.Script, number: Int32)?
        for k in scalars.indices where decided[k] < 0 && !inAtom[k] {
            let s = scalars[k]
            if s.generalCategory == .nonspacingMark || s.generalCategory == .enclosingMark
                || s.generalCategory == .spacingMark {
                if k > 0, decided[k - 1] >= 0 { decided[k] = decided[k - 1] }   // a mark is part of its letter
                continue
            }
            guard isLetter(s) else { continue }
            guard let script = ScriptDetector.script(of: s) else {
                decided[k] = table.index(.unsettled(nil))
                continue
            }
            if let last, last.script == script { decided[k] = last.number; continue }
            if native.contains(script) {
                decided[k] = table.index(.inherited)
            } else if let tag = settledLanguage(of: script) {
                decided[k] = table.index(decide(tag))
            } else {
                decided[k] = table.index(.unsettled(script))
            }
            last = (script, decided[k])
        }

        return decided
    }

    /// Neutrals between two letters of one language belong to it; others to the
    /// surroundings (`inherited`, the number of `.inherited`).
    static func attachNeutrals(_ decided: [Int32], _ scalars: [Unicode.Scalar], inherited: Int32) -> [Int32] {
        var out = [Int32](repeating: inherited, count: scalars.count)
        var k = 0
        while k < scalars.count {
            if decided[k] >= 0 { out[k] = decided[k]; k += 1; continue }
            var j = k
            while j < scalars.count, decided[j] < 0, scalars[j] != "\n" { j += 1 }
            let before: Int32 = k == 0 || scalars[k - 1] == "\n" ? -1 : decided[k - 1]
            let after: Int32 = j == scalars.count ? -1 : decided[j]
            if before >= 0, before == after { for m in k..<j { out[m] = before } }
            k = max(j, k + 1)
        }
        return out
    }
}
