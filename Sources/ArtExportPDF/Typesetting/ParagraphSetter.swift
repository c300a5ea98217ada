import ArtExportCore
/// One paragraph from styled text to set lines: shape once, turn words, spaces
/// and break opportunities into boxes, glue and penalties, break with
/// Knuth–Plass, then place the glyphs of each line.
struct SetLine {
    /// Runs positioned relative to the line's origin: the left end of the
    /// measure, on the baseline.
    var runs: [GlyphRun]
    var links: [(rect: Rect, link: StyledText.LinkOccurrence)]
    /// How far the line's ink reaches from the left end of the measure.
    var extent: Double
    var endsWithHyphen: Bool
    /// What the breaker chose, for LineQuality.
    var fit: LineFit
    /// Lines through struck-through text: thin rectangles relative to the line's origin.
    var strikes: [Rect] = []
    /// Images within the line (StyledText.InlineBox), each drawn before run `beforeRun`
    /// so the text layer keeps the line's order; `rect` as the links'.
    var boxes: [(rect: Rect, box: StyledText.InlineBox, beforeRun: Int)] = []
    /// The byte of the styled text where the line's first word starts (page maps).
    var startByte = 0
}

struct ParagraphOptions {
    var width: Double
    /// Indent of the first line (from the start edge).
    var firstIndent: Double = 0
    /// Justified (both edges) or ragged (start edge only).
    var justify: Bool = true
    var rtl: Bool = false
    var hyphenate: Bool = true
    /// Marks at the line's edges hang into the margin (`Protrusion`).
    var protrude: Bool = true
    /// How much wider or narrower a justified line's words may be set, as a fraction
    /// of their width (`Microtype`): 2 %, microtype's default, which a reader does not
    /// see as a change of face but which takes a third of the line's adjustment off
    /// its spaces.
    var expansion: Double = 0.02
    var parameters: LineBreakParameters = .default
}

final class ParagraphSetter {
    let shaper: TextShaper
    let hyphenator: Hyphenator?
    /// Words in another script than the article's (a Russian quote in an English
    /// article) are hyphenated with that script's main language, loaded on first use.
    private var scriptHyphenators: [ScriptDetector.Script: Hyphenator?] = [:]
    private let nativeScripts: Set<ScriptDetector.Script>
    private var hyphens: [FontSpec: ShapedText] = [:]
    /// Colour emoji pictures, opened when the first emoji is met.
    private lazy var emojiFont: EmojiFont? = EmojiFont()
    /// Characters no installed font could draw, in the order first met.
    private(set) var missing: [Unicode.Scalar] = []
    /// The same characters, to ask in constant time whether one is known.
    private var missingSet: Set<Unicode.Scalar> = []
    /// Windows of long paragraphs in which no line was settled (see ParagraphWindows).
    var unsettledWindows = 0

    /// The colour of text whose span names none.
    let textColor: Color
    /// Shortest fragments before and after a hyphen; nil: no word is hyphenated.
    let hyphenMinimums: (before: Int, after: Int)?

    init(shaper: TextShaper, hyphenator: Hyphenator?, language: LanguageTag = .english, textColor: Color = .black,
         hyphenMinimums: (before: Int, after: Int)? = (2, 3)) {
        self.shaper = shaper
        self.hyphenator = hyphenator
        self.nativeScripts = ScriptDetector.native(language)
        self.textColor = textColor
        self.hyphenMinimums = hyphenMinimums
    }

    private func hyphenator(for word: String) -> Hyphenator? {
        guard let minimums = hyphenMinimums else { return nil }
        guard let script = word.unicodeScalars.lazy.compactMap(ScriptDetector.script(of:)).first,
              !nativeScripts.contains(script) else { return hyphenator }
        if let known = scriptHyphenators[script] { return known }
        let tag: String? = switch script {
        case .cyrillic: "ru"
        case .greek: "el"
        case .latin: "en"
        default: nil
        }
        let found = tag.flatMap { LanguageTag(normalizing: $0) }.flatMap { Hyphenator(language: $0, leftMin: minimums.before, rightMin: minimums.after) }
        scriptHyphenators[script] = found
        return found
    }

    /// A piece of a word between two break opportunities: a range of clusters.
    fileprivate struct Piece {
        var clusters: Range<Int>
    }

    /// What ends a piece: nothing (the word goes on), or a break opportunity.
    /// A word's break opportunities, by cluster index.
    private struct Breaks {
        private var slots: [Break?]
        private let first: Int

        init(_ range: Range<Int>) {
            slots = Array(repeating: nil, count: range.count)
            first = range.lowerBound
        }

        subscript(k: Int) -> Break? {
            get { slots[k - first] }
            set { slots[k - first] = newValue }
        }
    }

    private struct Break: Equatable {
        var cost: Double
        var flagged: Bool
        /// Hyphen drawn at the line end when broken here.
        var hyphen: Bool
        /// Stretchable zero-width space (between CJK characters).
        var stretch: Double = 0
    }

    /// Expansion is set in steps of 1 / this (see placeLine).
    static let expansionSteps = 400.0

    /// A long token's break with no mark, every 12 characters without another.
    private static let unmarked = Break(cost: 300, flagged: false, hyphen: false)

    func set(_ styled: StyledText, options: ParagraphOptions) -> [SetLine] {
        if styled.text.utf8.count > Self.windowBytes { return setInWindows(styled, options: options) }
        return setWhole(styled, options: options)
    }

    /// A paragraph turned into line items, before breaking.
    struct Prepared {
        var shaped: ShapedText
        var items: [LineItem]
        fileprivate var pieces: [Piece]
        var microtype: Microtype = .none

        /// The byte in the text where the first box at or after item `i` starts (the
        /// text's length if none does).
        func byte(ofItem i: Int) -> Int {
            var k = i
            while k < items.count {
                if case .box(_, let tag) = items[k] { return shaped.clusters[pieces[tag].clusters.lowerBound].bytes.lowerBound }
                k += 1
            }
            return shaped.text.count
        }

        /// The first box starting at or after byte `b` (the last item if none does).
        func item(atByte b: Int) -> Int {
            var k = items.count - 1
            var found = k
            while k >= 0 {
                if case .box(_, let tag) = items[k] {
                    if shaped.clusters[pieces[tag].clusters.lowerBound].bytes.lowerBound < b { break }
                    found = k
                }
                k -= 1
            }
            return found
        }
    }

    /// The lines of a paragraph set in one piece. `states` are those the line before
    /// may end in (for the last window of a long paragraph).
    func setWhole(_ styled: StyledText, options: ParagraphOptions,
                  after states: [LineBreaker.Start] = [LineBreaker.Start()]) -> [SetLine] {
        guard let prepared = prepare(styled, options: options) else { return [] }
        let width = options.width
        let indent = options.firstIndent
        let breaker = LineBreaker(parameters: options.parameters)
        let lineWidth: (Int) -> Double = { $0 == 0 ? width - indent : width }
        let breaks = breaker.breakLines(prepared.items, lineWidth: lineWidth, microtype: prepared.microtype, starts: states)
        let layouts = breaker.layout(prepared.items, breaks: breaks, lineWidth: lineWidth, microtype: prepared.microtype)
        return place(layouts[...], breaks: breaks, lastIsLast: true, prepared, styled, options)
    }

    /// The lines of `layouts` (of the lines ending at `breaks`), placed.
    func place(_ layouts: ArraySlice<LineLayout>, breaks: [LineBreak], lastIsLast: Bool, _ prepared: Prepared,
               _ styled: StyledText, _ options: ParagraphOptions) -> [SetLine] {
        layouts.enumerated().map { index, layout in
            placeLine(layout, index: index, isLast: lastIsLast && index == layouts.count - 1, flagged: breaks[index].flagged,
                      items: prepared.items, pieces: prepared.pieces, microtype: prepared.microtype, shaped: prepared.shaped,
                      styled: styled, options: options)
        }
    }

    /// Shapes the paragraph and turns words, spaces and break opportunities into items;
    /// nil when nothing is left to set.
    func prepare(_ styled: StyledText, options: ParagraphOptions) -> Prepared? {
        var shaped = shaper.shape(styled, rtl: options.rtl)
        let hasBoxes = styled.spans.contains { $0.box != nil }
        let pictured = colourEmoji(&shaped, styled)
        // An image's placeholder character is never drawn: no font need have it; nor
        // need the text font have what an emoji picture draws.
        for code in shaped.missing where !(hasBoxes && code == 0xFFFC) && !pictured.contains(code) {
            if let scalar = Unicode.Scalar(code), missingSet.insert(scalar).inserted { missing.append(scalar) }
        }
        if hasBoxes {
            // Each image is one unbreakable cluster of its width, with no glyphs.
            for i in shaped.clusters.indices {
                guard let box = styled.spans[shaped.clusters[i].span].box else { continue }
                shaped.clusters[i].advance = box.width
                shaped.clusters[i].glyphs = shaped.clusters[i].glyphs.lowerBound..<shaped.clusters[i].glyphs.lowerBound
            }
        }
        guard !shaped.clusters.isEmpty else { return nil }
        var items: [LineItem] = []
        var pieces: [Piece] = []

        let clusters = shaped.clusters
        var i = 0
        while i < clusters.count {
            let c = clusters[i]
            let byte = shaped.text[c.bytes.lowerBound]
            if byte == 0x20 && c.bytes.count == 1 {
                let w = c.advance
                // No line may start with a dash or a closing guillemet, nor with a mark
                // (which belongs to the space): the space before one does not break.
                let noBreak = i + 1 < clusters.count
                    && String(decoding: shaped.text[clusters[i + 1].bytes], as: UTF8.self).unicodeScalars.first
                        .map { "—–»›".unicodeScalars.contains($0) || TextShaper.extendsGrapheme($0) } == true
                if noBreak { items.append(.penalty(width: 0, cost: LineItem.forbiddenCost, flagged: false)) }
                if options.justify && styled.spans[c.span].literal {
                    items.append(.glue(width: w, stretch: 0, shrink: 0))     // a space of code keeps its width
                } else if options.justify {
                    items.append(.glue(width: w, stretch: w * 0.6, shrink: w * 0.2))
                } else {
                    // Ragged: Knuth and Plass's combination keeps spaces at their
                    // natural width and lets only the line end stretch.
                    let r = styled.spans[c.span].font.size * 3
                    items.append(.glue(width: 0, stretch: r, shrink: 0))
                    items.append(.penalty(width: 0, cost: noBreak ? LineItem.forbiddenCost : 0, flagged: false))
                    items.append(.glue(width: w, stretch: -r, shrink: 0))
                }
                i += 1
                continue
            }
            if byte == 0x0A {
                items.append(contentsOf: LineItem.forcedLineBreak())
                i += 1
                continue
            }
            var end = i
            while end < clusters.count, !(shaped.text[clusters[end].bytes.lowerBound] == 0x20 && clusters[end].bytes.count == 1),
                  shaped.text[clusters[end].bytes.lowerBound] != 0x0A {
                end += 1
            }
            appendWord(i..<end, shaped, styled, options, &items, &pieces)
            i = end
        }
        while let last = items.last, case .glue = last { items.removeLast() }
        if items.isEmpty { return nil }
        items.append(contentsOf: LineItem.paragraphEnd())
        var prepared = Prepared(shaped: shaped, items: items, pieces: pieces)
        prepared.microtype = microtype(items, pieces, shaped, styled, options)
        return prepared
    }

    /// What each box's first and last glyph, and each hyphen, may hang outside the
    /// measure (`Protrusion`), and how much each word may be expanded. Hangs only at
    /// the paragraph's own direction, and at its end edge only when justified: a glyph of embedded text in the other direction
    /// is not at the edge when its word is. Code keeps its columns and its letters'
    /// widths, and an image its size.
    private func microtype(_ items: [LineItem], _ pieces: [Piece], _ shaped: ShapedText, _ styled: StyledText,
                           _ options: ParagraphOptions) -> Microtype {
        let protrude = options.protrude
        let expand = options.justify && options.expansion > 0 && options.expansion.isFinite
        guard protrude || expand else { return .none }
        let baseLevel: UInt8 = options.rtl ? 1 : 0
        func amount(_ c: Int, last: Bool) -> Double {
            let cluster = shaped.clusters[c]
            guard cluster.level == baseLevel, !cluster.glyphs.isEmpty, !styled.spans[cluster.span].literal,
                  styled.spans[cluster.span].box == nil else { return 0 }
            let bytes = shaped.text[cluster.bytes]
            let scalar: Unicode.Scalar?
            if bytes.count == 1, let b = bytes.first {
                scalar = Unicode.Scalar(b)
            } else {
                // A cluster of one character only: a ligature's advance is not the mark's.
                let scalars = String(decoding: bytes, as: UTF8.self).unicodeScalars
                scalar = scalars.count == 1 ? scalars.first : nil
            }
            guard let scalar else { return 0 }
            let fraction = last ? Protrusion.end(scalar) : Protrusion.start(scalar)
            return fraction == 0 ? 0 : fraction * cluster.advance
        }
        var start = [Double](repeating: 0, count: protrude ? items.count : 0)
        var end = [Double](repeating: 0, count: protrude ? items.count : 0)
        var expansion = [Double](repeating: 0, count: expand ? items.count : 0)
        var any = false
        var lastBox = -1
        for (k, item) in items.enumerated() {
            switch item {
            case .box(let width, let tag):
                let piece = pieces[tag].clusters
                guard !piece.isEmpty else { continue }
                lastBox = k
                if expand, piece.allSatisfy({ c in
                    let span = styled.spans[shaped.clusters[c].span]
                    return !span.literal && span.box == nil
                }) {
                    expansion[k] = width * options.expansion
                }
                guard protrude else { continue }
                start[k] = amount(piece.lowerBound, last: false)
                // A ragged line's end is no edge the eye follows: nothing hangs there.
                end[k] = options.justify ? amount(piece.upperBound - 1, last: true) : 0
                any = any || start[k] > 0 || end[k] > 0
            case .penalty(let width, _, _) where protrude && options.justify && width > 0 && lastBox >= 0:
                // The hyphen painted after the box before it, in its font and level.
                guard case .box(_, let tag) = items[lastBox], let c = pieces[tag].clusters.last,
                      shaped.clusters[c].level == baseLevel, !styled.spans[shaped.clusters[c].span].literal else { continue }
                end[k] = Protrusion.hyphen * width
                any = true
            default:
                break
            }
        }
        return Microtype(startHang: any ? start : [], endHang: any ? end : [], expansion: expansion)
    }

    /// Each emoji sequence that Noto Color Emoji draws as one picture becomes one
    /// cluster (a flag's two letters, a ZWJ family's four people and three joiners):
    /// as wide as the picture, keeping the first glyph of its text font for the text
    /// layer, with the picture in `colorGlyphs`. Returns the code points so drawn.
    private func colourEmoji(_ shaped: inout ShapedText, _ styled: StyledText) -> Set<UInt32> {
        // Graphemes are found only in text that may hold an emoji: most paragraphs hold
        // a curly quote or a dash (UTF-8 from 0xE2) and no emoji, and segmenting them
        // all is work for nothing.
        guard EmojiFont.mayHoldEmoji(shaped.text) else { return [] }
        let text = String(decoding: shaped.text, as: UTF8.self)
        var starts: [Int: (end: Int, character: Character)] = [:]
        var byte = 0
        for character in text {
            let count = character.utf8.count
            if count > 1, EmojiFont.isEmoji(character.unicodeScalars) { starts[byte] = (byte + count, character) }
            byte += count
        }
        guard !starts.isEmpty, let font = emojiFont else { return [] }
        var pictured: Set<UInt32> = []
        var clusters: [ShapedText.Cluster] = []
        clusters.reserveCapacity(shaped.clusters.count)
        var i = 0
        while i < shaped.clusters.count {
            let first = shaped.clusters[i]
            guard let (end, character) = starts[first.bytes.lowerBound], let glyph = font.glyph(for: String(character)) else {
                clusters.append(first)
                i += 1
                continue
            }
            // The clusters the sequence was shaped into, which must end where it does.
            var j = i + 1
            while j < shaped.clusters.count, shaped.clusters[j].bytes.upperBound <= end { j += 1 }
            // (A joiner may be a cluster with no glyph: Pango draws it with none.)
            let covered = shaped.clusters[i..<j]
            guard covered.last?.bytes.upperBound == end, !first.glyphs.isEmpty,
                  let g = covered.filter({ !$0.glyphs.isEmpty }).map(\.glyphs.lowerBound).min() else {
                clusters.append(first)
                i += 1
                continue
            }
            let size = styled.spans[first.span].font.size
            let natural = shaped.glyphs[g].advance
            var cluster = first
            cluster.bytes = first.bytes.lowerBound..<end
            cluster.glyphs = g..<(g + 1)
            cluster.advance = glyph.advance * size
            shaped.glyphs[g].advance = cluster.advance
            shaped.glyphs[g].xOffset = 0
            shaped.glyphs[g].yOffset = 0
            shaped.colorGlyphs[clusters.count] = ColorGlyph(
                id: glyph.id, png: glyph.png,
                rect: Rect(x: glyph.x * size, y: -glyph.top * size, width: glyph.width * size, height: glyph.height * size),
                textScale: natural > 0.01 * size ? cluster.advance / natural : 1)
            clusters.append(cluster)
            for scalar in character.unicodeScalars { pictured.insert(scalar.value) }
            i = j
        }
        shaped.clusters = clusters
        return pictured
    }

    // MARK: words → boxes and penalties

    private func appendWord(_ range: Range<Int>, _ shaped: ShapedText, _ styled: StyledText, _ options: ParagraphOptions,
                            _ items: inout [LineItem], _ pieces: inout [Piece]) {
        let clusters = shaped.clusters
        // Break opportunities after cluster k (k in range, not the last): an array by
        // cluster, not a dictionary (a hash per lookup, a table per word).
        var breaks = Breaks(range)
        // Per cluster, once: its first scalar and whether it is all letters. ASCII
        // answers from the byte; Unicode property lookups are slow in bulk.
        var firsts: [Unicode.Scalar] = []
        var letters: [Bool] = []
        firsts.reserveCapacity(range.count)
        letters.reserveCapacity(range.count)
        for k in range {
            let bytes = shaped.text[clusters[k].bytes]
            if bytes.count == 1, let b = bytes.first, b < 0x80 {
                firsts.append(Unicode.Scalar(b))
                letters.append((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A)
            } else {
                let text = String(decoding: bytes, as: UTF8.self)
                let first = text.unicodeScalars.first ?? " "
                firsts.append(first)
                // Ideographs and kana are letters, but never hyphenated: they break between characters.
                letters.append(!text.isEmpty && !ScriptDetector.isCJK(first) && text.allSatisfy { $0.isLetter })
            }
        }
        func scalar(_ k: Int) -> Unicode.Scalar? { firsts[k - range.lowerBound] }
        func isLetter(_ k: Int) -> Bool { letters[k - range.lowerBound] }
        func text(_ k: Int) -> String { String(decoding: shaped.text[clusters[k].bytes], as: UTF8.self) }
        /// camelCase, snake_case, a path (`a/b/c`, `/usr`, `C:\\x`), an e-mail or domain
        /// (`@`, a `.` between letters), an assignment (`=`).
        func isCodeLike(_ s: [Unicode.Scalar]) -> Bool {
            var slashes = 0
            for k in s.indices {
                let c = s[k]
                if c == "_" || c == "\\" || c == "@" || c == "=" { return true }
                if c == "/" { slashes += 1; if slashes >= 2 || k == 0 { return true } }
                if k > 0, k + 1 < s.count {
                    if c == ".", s[k - 1].properties.isAlphabetic, s[k + 1].properties.isAlphabetic { return true }
                    if isLower(s[k - 1]), isUpper(c) { return true }
                }
            }
            return false
        }
        func isLower(_ s: Unicode.Scalar) -> Bool { s.isASCII ? (s.value >= 0x61 && s.value <= 0x7A) : s.properties.isLowercase }
        func isUpper(_ s: Unicode.Scalar) -> Bool { s.isASCII ? (s.value >= 0x41 && s.value <= 0x5A) : s.properties.isUppercase }
        // A mark not composed with its letter is a cluster of its own: never break before it.
        func startsWithMark(_ k: Int) -> Bool { !firsts[k - range.lowerBound].isASCII && TextShaper.extendsGrapheme(firsts[k - range.lowerBound]) }
        func mayBreak(after k: Int) -> Bool { !startsWithMark(k + 1) }
        let isLink = styled.spans[clusters[range.lowerBound].span].link != nil
        let wordWidth = shaped.width(of: range)
        let long = isLink || wordWidth > options.width * 0.4 || range.count >= 24
        // Identifiers, paths and addresses are not words: an added hyphen would
        // change what a reader types from the page, so no dictionary hyphens inside
        // them; they break at their own seams, or anywhere with no mark.
        let identifier = isLink || isCodeLike(firsts)

        for k in range.dropLast() where mayBreak(after: k) {
            guard let s = scalar(k), let n = scalar(k + 1) else { continue }
            if ScriptDetector.isCJK(s) || ScriptDetector.isCJK(n) {
                // Ideographs and kana break anywhere (except before closing punctuation).
                if !"、。，．！？）」』】〕：；".unicodeScalars.contains(n) {
                    breaks[k] = Break(cost: 0, flagged: false, hyphen: false, stretch: styled.spans[clusters[k].span].font.size * 0.05)
                }
            } else if (s == "-" || s == "\u{2010}") && isLetter(k + 1) && k > range.lowerBound && isLetter(k - 1) && !identifier {
                breaks[k] = Break(cost: options.parameters.explicitHyphenPenalty, flagged: true, hyphen: false)          // well-|known
            } else if long || identifier, n == "-" || n == ".", k > range.lowerBound, s != "/", s != "-", s != ".",
                      k + 2 < range.upperBound, isLetter(k + 2) || firsts[k + 2 - range.lowerBound].properties.numericType != nil {
                // Before a hyphen or a period (retry|-policies, example|.org): a line
                // ending in a hyphen would read as an added one, and copy-paste drops it.
                breaks[k] = Break(cost: 40, flagged: false, hyphen: false)
            } else if s == "—" || s == "–" {
                breaks[k] = Break(cost: 50, flagged: false, hyphen: false)
            } else if s == "/" && n != "/" && (long || isLetter(k + 1)) {
                breaks[k] = Break(cost: long ? 20 : 100, flagged: false, hyphen: false)
            } else if long, ",_?&=#:;@~+".unicodeScalars.contains(s), n != "/", isLetter(k + 1) || n.properties.numericType != nil {
                breaks[k] = Break(cost: 40, flagged: false, hyphen: false)
            } else if long, isLower(s), isUpper(n) {
                breaks[k] = Break(cost: 80, flagged: false, hyphen: false)        // camelCase
            }
        }

        if long || identifier {
            // A stretch of a long token with no break for 12 characters (in a path or
            // identifier, which get no dictionary hyphens: 3) may break between any
            // two, with no mark, at a cost: better than a loose line or an overflow.
            var run = 0
            for k in range.dropLast() {
                run = breaks[k] == nil ? run + 1 : 0
                if run >= (identifier ? 3 : 12), k + 3 < range.upperBound, mayBreak(after: k) {
                    breaks[k] = Self.unmarked
                    run = 0
                }
            }
        }

        // Dictionary hyphenation of each run of letters.
        if options.hyphenate, !identifier {
            var k = range.lowerBound
            while k < range.upperBound {
                guard isLetter(k) else { k += 1; continue }
                var e = k
                while e < range.upperBound, isLetter(e) { e += 1 }
                if e - k >= 5 {
                    let word = String(decoding: shaped.text[clusters[k].bytes.lowerBound..<clusters[e - 1].bytes.upperBound], as: UTF8.self)
                    // Points are in Characters; map them to cluster boundaries (a
                    // ligature cluster holding two letters has no boundary inside).
                    // By number of Characters: the last cluster ending there (-1: none).
                    var charEnd = [-1]
                    charEnd.reserveCapacity(e - k + 1)
                    var count = 0
                    for c in k..<e {
                        count += clusters[c].bytes.count == 1 ? 1 : startsWithMark(c) ? 0 : text(c).count
                        while charEnd.count <= count { charEnd.append(-1) }
                        charEnd[count] = c
                    }
                    for p in hyphenator(for: word)?.points(in: word) ?? [] {
                        // A dictionary point takes the place of an unmarked break of a long
                        // word (Bürgerbeteiligungsverfah|ren): a word breaks with its hyphen.
                        guard p >= 0, p < charEnd.count else { continue }
                        let c = charEnd[p]
                        if c >= 0, c < e - 1, breaks[c] == nil || breaks[c] == Self.unmarked {
                            breaks[c] = Break(cost: options.parameters.hyphenPenalty, flagged: true, hyphen: true)
                        }
                    }
                }
                k = e
            }
        }

        // Emergency: a piece still wider than the line may break anywhere, at a
        // high cost, so nothing ever crosses the margin.
        var start = range.lowerBound
        for k in range {
            if breaks[k] != nil || k == range.upperBound - 1 {
                if shaped.width(of: start..<(k + 1)) > options.width * 0.9 {
                    var w = 0.0
                    for m in start..<k {
                        w += clusters[m].advance
                        if w > options.width * 0.25, breaks[m] == nil, mayBreak(after: m) {
                            breaks[m] = Break(cost: 900, flagged: false, hyphen: false)
                            w = 0
                        }
                    }
                }
                start = k + 1
            }
        }

        start = range.lowerBound
        for k in range {
            guard k < range.upperBound - 1, let b = breaks[k] else { continue }
            pieces.append(Piece(clusters: start..<(k + 1)))
            items.append(.box(width: shaped.width(of: start..<(k + 1)), tag: pieces.count - 1))
            if b.stretch > 0 {
                items.append(.glue(width: 0, stretch: b.stretch, shrink: 0))
            } else {
                let hyphenWidth = b.hyphen ? hyphen(for: styled.spans[clusters[k].span].font).width(of: 0..<1) : 0
                items.append(.penalty(width: hyphenWidth, cost: b.cost, flagged: b.flagged))
            }
            start = k + 1
        }
        if start < range.upperBound {
            pieces.append(Piece(clusters: start..<range.upperBound))
            items.append(.box(width: shaped.width(of: start..<range.upperBound), tag: pieces.count - 1))
        }
    }

    /// The font of the last character of box `k`, which a hyphen after it is set in.
    private func lastFont(of k: Int, _ items: [LineItem], _ pieces: [Piece], _ shaped: ShapedText, _ styled: StyledText) -> FontSpec? {
        guard k >= 0, case .box(_, let tag) = items[k], let c = pieces[tag].clusters.last else { return nil }
        return styled.spans[shaped.clusters[c].span].font
    }

    private func hyphen(for font: FontSpec) -> ShapedText {
        if let h = hyphens[font] { return h }
        var text = StyledText()
        text.append("-", font: font)
        let h = shaper.shape(text)
        hyphens[font] = h
        return h
    }

    // MARK: placing a line

    /// One thing on a line in logical order, before bidi reordering.
    /// The font size of a piece of struck-through text, nil for anything else.
    private func struck(_ atom: Atom, _ shaped: ShapedText, _ styled: StyledText) -> Double? {
        guard case .piece(let r, _, _) = atom, !r.isEmpty else { return nil }
        let span = styled.spans[shaped.clusters[r.lowerBound].span]
        return span.strike ? span.font.size : nil
    }

    private enum Atom {
        /// Clusters set `scale` times their width (expansion).
        case piece(Range<Int>, level: UInt8, scale: Double)
        /// A gap of the given width; a word space carries the space's cluster, whose
        /// glyph is drawn in the gap so that the text layer has the space.
        case space(Double, level: UInt8, cluster: Int?)
        case hyphen(ShapedText, level: UInt8)

        var level: UInt8 {
            switch self {
            case .piece(_, let l, _), .space(_, let l, _), .hyphen(_, let l): return l
            }
        }
    }

    private func placeLine(_ layout: LineLayout, index: Int, isLast: Bool, flagged: Bool, items: [LineItem], pieces: [Piece],
                           microtype: Microtype, shaped: ShapedText, styled: StyledText, options: ParagraphOptions) -> SetLine {
        let baseLevel: UInt8 = options.rtl ? 1 : 0
        // Expansion: the words of a justified line are set 1 + r·f times as wide (the
        // breaker's ratio r, at most the full amount f), in steps of 1/400 (microtype's
        // are 1/250): each step is one more scaled font for cairo to make and cache (it
        // keeps 256), so 17 steps, not 81. The spaces then take up exactly what is left,
        // at their own ratio.
        var scale = 1.0
        var hyphenScale = 1.0
        var ratio = layout.ratio
        if options.justify, !(isLast && layout.ratio >= 0), !microtype.expansion.isEmpty {
            var expandable = 0.0, stretch = 0.0, shrink = 0.0
            var fil = false
            var lastBox = -1
            for k in layout.range {
                switch items[k] {
                case .box(let w, _):
                    if microtype.expansion(at: k) > 0 { expandable += w }
                    lastBox = k
                case .glue(_, let st, let sh):
                    if st.isInfinite { fil = true } else { stretch += st; shrink += sh }
                case .penalty:
                    break
                }
            }
            // A line with infinite glue (a paragraph's last) gives any room to it, but
            // shrinks, when it must, by its words as the breaker counted them.
            if expandable > 0, !(fil && layout.ratio >= 0), layout.ratio.isFinite, abs(layout.ratio) < LineBreaker.unadjustable {
                let e = (options.expansion * min(max(layout.ratio, -1), 1) * Self.expansionSteps).rounded() / Self.expansionSteps
                scale = 1 + e
                if layout.endsWithHyphen, microtype.expansion(at: lastBox) > 0, let font = lastFont(of: lastBox, items, pieces, shaped, styled) {
                    hyphenScale = scale
                    expandable += hyphen(for: font).width(of: 0..<1)
                }
                let measure = options.width - (index == 0 ? options.firstIndent : 0) + layout.startHang + layout.endHang
                let rest = measure - layout.naturalWidth - e * expandable
                let flex = rest >= 0 ? stretch : shrink
                if flex > 1e-9 { ratio = rest / flex } else if abs(rest) < 1e-6 { ratio = 0 }
            }
        }
        var atoms: [Atom] = []
        var spaces: [Double] = []
        var lastFont: FontSpec?
        var lastLevel = baseLevel
        // The cluster a word space's glue stands for is the next after the piece (or
        // space) before it; a paragraph's first line may start with spaces.
        var nextCluster: Int? = layout.range.lowerBound == 0 ? 0 : nil
        for k in layout.range {
            switch items[k] {
            case .box(_, let tag):
                let piece = pieces[tag]
                // One atom per bidi level: a word can hold several (`ב-2023,` is
                // Hebrew, then digits a level up, then a comma), and reordering
                // must see each run (UAX #9, rule L2).
                var start = piece.clusters.lowerBound
                while start < piece.clusters.upperBound {
                    let level = shaped.clusters[start].level
                    var end = start + 1
                    while end < piece.clusters.upperBound, shaped.clusters[end].level == level { end += 1 }
                    atoms.append(.piece(start..<end, level: level, scale: microtype.expansion(at: k) > 0 ? scale : 1))
                    lastLevel = level
                    start = end
                }
                lastFont = styled.spans[shaped.clusters[piece.clusters.upperBound - 1].span].font
                nextCluster = piece.clusters.upperBound
            case .glue(let w, let stretch, let shrink):
                var width: Double
                if !options.justify || stretch.isInfinite || (isLast && layout.ratio >= 0) {
                    width = w                                  // ragged lines and a last line with room: natural spaces
                } else if ratio >= 0 {
                    width = w + min(ratio, 1e6) * stretch
                } else {
                    width = w + max(ratio, -1) * shrink
                }
                // Only a word space has a natural width (ragged lines' stretch and CJK
                // glue have none), and it is one U+0020 cluster.
                var cluster: Int?
                if w > 0, let c = nextCluster, c < shaped.clusters.count, shaped.clusters[c].bytes.count == 1,
                   shaped.text[shaped.clusters[c].bytes.lowerBound] == 0x20 {
                    cluster = c
                    nextCluster = c + 1
                }
                if width != 0 && width.isFinite { atoms.append(.space(width, level: baseLevel, cluster: cluster)) }
                // Word spaces, for LineQuality: not a code span's fixed ones.
                if w > 0 && width.isFinite && (stretch != 0 || shrink != 0) { spaces.append(width) }
            case .penalty:
                break
            }
        }
        if layout.endsWithHyphen, let font = lastFont {
            atoms.append(.hyphen(hyphen(for: font), level: lastLevel))
        }
        // Spaces take the lower level of their neighbours (UAX #9, rule L1-ish),
        // then runs are reversed from the highest level down (rule L2).
        for (n, atom) in atoms.enumerated() {
            if case .space(let w, _, let cluster) = atom {
                let before = n > 0 ? atoms[n - 1].level : baseLevel
                let after = n + 1 < atoms.count ? atoms[n + 1].level : baseLevel
                atoms[n] = .space(w, level: min(before, after), cluster: cluster)
            }
        }
        var order = Array(atoms.indices)
        if let maxLevel = atoms.map(\.level).max(), maxLevel > 0 {
            let lowestOdd: UInt8 = atoms.map(\.level).filter { $0 % 2 == 1 }.min() ?? 1
            var level = maxLevel
            while level >= lowestOdd && level > 0 {
                var s = 0
                while s < order.count {
                    guard atoms[order[s]].level >= level else { s += 1; continue }
                    var e = s
                    while e < order.count, atoms[order[e]].level >= level { e += 1 }
                    order[s..<e].reverse()
                    s = e
                }
                level -= 1
            }
        }

        // Total width, to align ragged and last lines to the start edge (right for RTL).
        var total = 0.0
        for atom in atoms {
            switch atom {
            case .piece(let r, _, let scale): total += shaped.width(of: r) * scale
            case .space(let w, _, _): total += w
            case .hyphen(let h, _): total += h.width(of: 0..<h.clusters.count) * hyphenScale
            }
        }
        let indent = index == 0 ? options.firstIndent : 0
        // The start hang moves the line out past its start edge; a justified line
        // then reaches past its end edge by the end hang.
        var x = options.rtl ? options.width - indent - total + layout.startHang : indent - layout.startHang
        if options.rtl && options.justify && !isLast { x = -layout.endHang }

        var runs: [GlyphRun] = []
        var links: [(rect: Rect, link: StyledText.LinkOccurrence)] = []
        var strikes: [Rect] = []
        /// A line through x…x+width at the font's middle height: joined to the one
        /// before when they meet (a struck phrase is one line across its spaces).
        func strike(x: Double, width: Double, size: Double) {
            let thickness = size * 0.055, y = -size * 0.3 - thickness / 2
            if let last = strikes.last, abs(last.x + last.width - x) < 0.01, abs(last.y - y) < 0.01 {
                strikes[strikes.count - 1].width = x + width - last.x
            } else {
                strikes.append(Rect(x: x, y: y, width: width, height: thickness))
            }
        }
        var boxes: [(rect: Rect, box: StyledText.InlineBox, beforeRun: Int)] = []
        for n in order {
            switch atoms[n] {
            case .space(let w, let level, let cluster):
                if let c = cluster {
                    // A space after an image starts a run: joined to the run before the image, it would read before it.
                    appendSpace(shaped, c, x: x, gap: w, rtl: level % 2 == 1, styled: styled, join: boxes.last?.beforeRun != runs.count, to: &runs)
                }
                // A space inside struck text (both neighbours struck) is struck too.
                if n > 0, n + 1 < atoms.count, let before = struck(atoms[n - 1], shaped, styled), struck(atoms[n + 1], shaped, styled) != nil {
                    strike(x: x, width: w, size: before)
                }
                x += w
            case .hyphen(let h, _):
                var none: [InlinePlacement] = []
                for placed in makeRuns(h, 0..<h.clusters.count, x: x, styled: nil, scale: hyphenScale, boxes: &none) { runs.append(placed.run) }
                x += h.width(of: 0..<h.clusters.count) * hyphenScale
            case .piece(let r, _, let scale):
                var pieceBoxes: [InlinePlacement] = []
                let pieceRuns = makeRuns(shaped, r, x: x, styled: styled, scale: scale, boxes: &pieceBoxes)
                for placed in pieceBoxes {
                    boxes.append((placed.rect, placed.box, runs.count + placed.beforeRun))
                    // An image within a link is part of its area.
                    if let link = placed.link { links.append((placed.rect, link)) }
                }
                for run in pieceRuns {
                    if let link = run.link {
                        let rect = Rect(x: run.run.origin.x, y: -run.ascent, width: run.run.width, height: run.ascent + run.descent)
                        if let last = links.last, last.link == link, abs(last.rect.x + last.rect.width - rect.x) < 4 {
                            links[links.count - 1].rect.width = rect.x + rect.width - last.rect.x
                        } else {
                            links.append((rect, link))
                        }
                    }
                }
                for run in pieceRuns {
                    if run.strike { strike(x: run.run.origin.x, width: run.run.width, size: run.run.size) }
                    runs.append(run.run)
                }
                x += shaped.width(of: r) * scale
            }
        }
        // Runs are joined between images only, so each image keeps its place among them.
        var merged: [GlyphRun] = []
        var from = 0
        for k in boxes.indices {
            let upTo = boxes[k].beforeRun
            merged += Self.merge(runs[from..<upTo])
            from = upTo
            boxes[k].beforeRun = merged.count
        }
        merged += Self.merge(runs[from...])
        var line = SetLine(runs: merged, links: links, extent: x, endsWithHyphen: layout.endsWithHyphen,
                           fit: LineFit(measure: options.width, justified: options.justify, ratio: ratio, hyphenated: flagged, spaces: spaces,
                                        leftHang: options.rtl ? layout.endHang : layout.startHang,
                                        rightHang: options.rtl ? layout.startHang : layout.endHang),
                           strikes: strikes, boxes: boxes)
        // The first word in logical order, whatever the direction.
        for k in layout.range {
            if case .box(_, let tag) = items[k] {
                line.startByte = shaped.clusters[pieces[tag].clusters.lowerBound].bytes.lowerBound
                break
            }
        }
        return line
    }

    /// Joins neighbouring left-to-right runs of one font on a line into one, so
    /// the painter makes one call per font change rather than one per word piece:
    /// cairo's PDF surface does work per drawing call (it unions every call's
    /// extents into a region), which dominated long documents.
    private static func isBlank(_ run: GlyphRun) -> Bool { run.text.utf8.allSatisfy { $0 == 0x20 } }

    static func merge(_ runs: [GlyphRun]) -> [GlyphRun] { merge(runs[...]) }

    static func merge(_ runs: ArraySlice<GlyphRun>) -> [GlyphRun] {
        var result: [GlyphRun] = []
        var k = runs.startIndex
        while k < runs.endIndex {
            // The runs from k that join the first; the joined arrays are sized once.
            let first = runs[k]
            var end = k + 1
            // Runs of one expansion join; a run of spaces alone (after an image) has no
            // ink to scale and joins any.
            var scale = first.xScale
            var blank = Self.isBlank(first)
            while end < runs.endIndex, runs[end].font == first.font, !first.backward, !runs[end].backward,
                  runs[end].size == first.size, runs[end].origin.y == first.origin.y,
                  first.colorGlyph == nil, runs[end].colorGlyph == nil {
                if !Self.isBlank(runs[end]) {
                    if blank {
                        scale = runs[end].xScale
                        blank = false
                    } else if runs[end].xScale != scale {
                        break
                    }
                }
                end += 1
            }
            if end == k + 1 {
                result.append(first)
            } else {
                var joined = first
                joined.xScale = scale
                joined.glyphs.reserveCapacity(runs[k..<end].reduce(0) { $0 + $1.glyphs.count })
                joined.text.reserveCapacity(runs[k..<end].reduce(0) { $0 + $1.text.utf8.count })
                for run in runs[(k + 1)..<end] {
                    let dx = run.origin.x - joined.origin.x
                    joined.glyphs.append(run.glyphs, shiftedBy: dx)
                    joined.text += run.text
                    joined.clusters.append(run.clusters)
                    joined.width = dx + run.width
                }
                result.append(joined)
            }
            k = end
        }
        return result
    }

    /// Draws word space `cluster` in a gap of width `gap` starting at `x`: its glyph at
    /// the gap's start in reading order (its left end, or for a right-to-left space its
    /// right end), so that copy and paste, search and screen readers find the space in
    /// the text whatever the extractor's gap threshold. The glyph has no ink; its
    /// advance does not move the next word, which cairo places by position.
    ///
    /// The space joins the run on its left when that run is of its font and direction
    /// (most spaces): as its last character left to right, as its first right to left
    /// (that run is the next word in reading order). So spaces cost no runs: right-to-left
    /// words are runs of their own, and a run per space doubled their drawing calls.
    private func appendSpace(_ shaped: ShapedText, _ cluster: Int, x: Double, gap: Double, rtl: Bool, styled: StyledText, join: Bool = true,
                             to runs: inout [GlyphRun]) {
        let c = shaped.clusters[cluster]
        guard !c.glyphs.isEmpty else { return }
        let size = styled.spans[c.span].font.size
        let advance = shaped.glyphs[c.glyphs].reduce(0) { $0 + $1.advance }
        let start = rtl ? x + max(0, gap - advance) : x
        if join, let last = runs.indices.last, runs[last].backward == rtl, runs[last].font == c.font, runs[last].size == size,
           runs[last].colorGlyph == nil,
           runs[last].origin.y == 0 {
            var gx = start - runs[last].origin.x
            for g in c.glyphs {
                let glyph = shaped.glyphs[g]
                runs[last].glyphs.append(.init(id: glyph.id, x: gx + glyph.xOffset, y: glyph.yOffset))
                gx += glyph.advance
            }
            if rtl {
                runs[last].text = " " + runs[last].text
                var clusters = GlyphRun.Clusters()
                clusters.append(bytes: 1, glyphs: c.glyphs.count)
                clusters.append(runs[last].clusters)
                runs[last].clusters = clusters
            } else {
                runs[last].text.append(" ")
                runs[last].clusters.append(bytes: 1, glyphs: c.glyphs.count)
            }
            runs[last].width = x + gap - runs[last].origin.x
            return
        }
        var glyphs = GlyphRun.Glyphs()
        var gx = start - x
        for g in c.glyphs {
            let glyph = shaped.glyphs[g]
            glyphs.append(.init(id: glyph.id, x: gx + glyph.xOffset, y: glyph.yOffset))
            gx += glyph.advance
        }
        var clusters = GlyphRun.Clusters()
        clusters.append(bytes: 1, glyphs: c.glyphs.count)
        runs.append(GlyphRun(font: c.font, size: size, origin: Point(x: x, y: 0), glyphs: glyphs,
                             text: " ", clusters: clusters, backward: rtl, width: gap))
    }

    /// An image within a piece of a line, as `makeRuns` places it.
    private struct InlinePlacement {
        var rect: Rect
        var box: StyledText.InlineBox
        var beforeRun: Int
        var link: StyledText.LinkOccurrence?
    }

    /// The runs of clusters `range`; an image among them goes to `boxes` (its rect
    /// standing on the baseline), before the run count at its place.
    private func makeRuns(_ shaped: ShapedText, _ range: Range<Int>, x: Double, styled: StyledText?, scale: Double = 1,
                          boxes: inout [InlinePlacement])
        -> [(run: GlyphRun, link: StyledText.LinkOccurrence?, ascent: Double, descent: Double, strike: Bool)] {
        // Labelled as the result type is: an unlabelled tuple array was converted
        // element by element on return.
        var result: [(run: GlyphRun, link: StyledText.LinkOccurrence?, ascent: Double, descent: Double, strike: Bool)] = []
        var start = range.lowerBound
        var x = x
        while start < range.upperBound {
            let first = shaped.clusters[start]
            var end = start + 1
            // An emoji picture is a run of its own.
            let picture = shaped.colorGlyphs[start]
            while picture == nil, end < range.upperBound, shaped.clusters[end].font == first.font, shaped.clusters[end].level == first.level,
                  shaped.clusters[end].span == first.span, shaped.colorGlyphs[end] == nil {
                end += 1
            }
            if let box = styled?.spans[first.span].box {
                let width = shaped.width(of: start..<end)
                boxes.append(InlinePlacement(rect: Rect(x: x, y: -box.height, width: width, height: box.height), box: box,
                                             beforeRun: result.count, link: styled?.spans[first.span].link))
                x += width
                start = end
                continue
            }
            let backward = first.level % 2 == 1
            let rise = styled?.spans[first.span].rise ?? 0
            let visual: [Int] = backward ? Array((start..<end).reversed()) : Array(start..<end)
            var glyphs = GlyphRun.Glyphs()
            glyphs.reserveCapacity(shaped.clusters[start..<end].reduce(0) { $0 + $1.glyphs.count })
            var clusterList = GlyphRun.Clusters()
            var gx = 0.0
            for c in visual {
                let cluster = shaped.clusters[c]
                for g in cluster.glyphs {
                    let glyph = shaped.glyphs[g]
                    glyphs.append(.init(id: glyph.id, x: gx + glyph.xOffset * scale, y: glyph.yOffset - rise))
                    gx += glyph.advance * scale
                }
            }
            // Clusters follow the text (logical order); for a backward run cairo
            // takes their glyphs from the end of the glyph array.
            for c in start..<end {
                clusterList.append(bytes: shaped.clusters[c].bytes.count, glyphs: shaped.clusters[c].glyphs.count)
            }
            let bytes = shaped.text[shaped.clusters[start].bytes.lowerBound..<shaped.clusters[end - 1].bytes.upperBound]
            let size = styled?.spans[first.span].font.size ?? 0
            let run = GlyphRun(font: first.font, size: size, origin: Point(x: x, y: 0), glyphs: glyphs,
                               text: String(decoding: bytes, as: UTF8.self), clusters: clusterList, backward: backward, width: gx,
                               color: styled?.spans[first.span].color ?? textColor, xScale: scale, colorGlyph: picture)
            let link = styled?.spans[first.span].link
            result.append((run: run, link: link, ascent: size * 0.8 + rise, descent: size * 0.25, strike: styled?.spans[first.span].strike ?? false))
            x += gx
            start = end
        }
        return result
    }
}

