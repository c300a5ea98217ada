/// Replaces typewriter punctuation with the language's typographic forms:
/// `"` `'` → curly quotes or guillemets, `'` in words and elisions → apostrophe,
/// `--` → dash, `...` → ellipsis, `5'10"` → primes, and in French a narrow
/// no-break space inside guillemets and before `; : ! ?`. Only punctuation and
/// spaces change: every letter and digit stays, in order. Code is left exactly
/// as written: inline code, URLs, and code-like text in prose (`CodeLikeText`:
/// `version="1.0"`, `<a href="x">`, `f('x')`, paths, `` `…` ``), and a quote
/// character that stands alone (`the " character`) is being named, not used.
package struct SmartPunctuation: Sendable {
    package let style: QuoteStyle
    let frenchSpacing: Bool
    /// Words an apostrophe shortens at their start (’til, ’n’, German ’s): after a
    /// space the `'` before them is an apostrophe, not an opening quote.
    let elisions: Set<String>
    /// Words after which `'n'` names a letter (“press ‘n’”), not ’n’ for “and”.
    let namingWords: Set<String>

    package init(language: LanguageTag) {
        style = QuoteStyle.forLanguage(language)
        frenchSpacing = QuoteStyle.spacesBeforeHighPunctuation(language)
        (elisions, namingWords) = Self.elisions(language)
    }

    private static func elisions(_ language: LanguageTag) -> (Set<String>, Set<String>) {
        switch language.primary {
        case "de":
            return (["s", "n", "ne", "nen", "nem", "ner", "rein", "raus", "rum", "runter", "rauf", "rüber", "nüber", "naus", "nauf"],
                    ["buchstabe", "buchstaben", "taste", "drücke", "drücken", "tippe", "tippen"])
        case "nl":
            return (["s", "t", "n", "k"], ["letter", "toets", "druk", "typ"])
        case "en":
            return (["n", "til", "tis", "twas", "twere", "twill", "em", "cause", "cos", "coz", "bout", "round", "nuff",
                     "gainst", "neath", "tween", "twixt", "fraid", "kay", "scuse", "cept"],
                    ["press", "type", "hit", "key", "letter", "enter", "choose", "select"])
        default:
            // French, Italian… elide after a letter (l’homme, dell’arte), handled as any
            // apostrophe in a word; elsewhere a `'` before a word opens a quotation.
            return ([], [])
        }
    }

    package func apply(to article: Article) -> Article {
        var a = article
        a.metadata.title = apply(to: a.metadata.title)
        a.metadata.subtitle = a.metadata.subtitle.map { apply(to: $0) }
        a.metadata.description = a.metadata.description.map { apply(to: $0) }
        a.metadata.authors = a.metadata.authors.map { apply(to: $0) }
        a.blocks = a.blocks.map(apply(to:))
        a.bio = a.bio.map(apply(to:))
        a.footnotes = a.footnotes.map { Footnote(id: $0.id, blocks: $0.blocks.map(apply(to:))) }
        return a
    }

    package func apply(to text: String) -> String {
        var state = State()
        return transform(text, &state)
    }

    package func apply(to block: Block) -> Block {
        switch block {
        case .heading(var h):
            h.content = apply(to: h.content)
            return .heading(h)
        case .paragraph(let inlines): return .paragraph(apply(to: inlines))
        case .list(var list):
            list.items = list.items.map { ListItem($0.blocks.map(apply(to:)), task: $0.task) }
            return .list(list)
        case .blockQuote(let blocks): return .blockQuote(blocks.map(apply(to:)))
        case .table(var table):
            table.header = table.header.map { apply(to: $0) }
            table.rows = table.rows.map { $0.map { apply(to: $0) } }
            return .table(table)
        case .figure(var figure):
            figure.image.alt = apply(to: figure.image.alt)
            figure.caption = apply(to: figure.caption)
            return .figure(figure)
        case .codeBlock, .thematicBreak: return block
        }
    }

    /// Quote state runs across inline boundaries, so `"*word*"` pairs correctly.
    package func apply(to inlines: [Inline]) -> [Inline] {
        var state = State()
        return apply(inlines, &state)
    }

    struct State {
        var previous: Unicode.Scalar? = nil
        var doubleOpen = false
        var singleDepth = 0
        /// The last mark written closed a quotation (or was an apostrophe): `"x"--y` takes a dash.
        var closedQuote = false
        /// In the digits right after a feet mark (5′10): a `"` there is inches, even inside a quotation.
        var afterFeet = false
    }

    /// `following`: the first character after these inlines, so a quote at the end
    /// of one (`He said "` before an emphasis) is read with what comes next.
    private func apply(_ inlines: [Inline], _ state: inout State, following: Unicode.Scalar? = nil) -> [Inline] {
        inlines.indices.map { k in
            let inline = inlines[k]
            let after = Self.firstScalar(of: inlines[(k + 1)...]) ?? following
            switch inline {
            case .text(let s): return .text(transform(s, &state, following: after))
            case .emphasis(let c): return .emphasis(apply(c, &state, following: after))
            case .strong(let c): return .strong(apply(c, &state, following: after))
            case .strikethrough(let c): return .strikethrough(apply(c, &state, following: after))
            case .link(var link):
                if link.isAutolink {
                    state.previous = link.content.plainText.unicodeScalars.last
                } else {
                    link.content = apply(link.content, &state, following: after)
                }
                return .link(link)
            case .code(let s):
                state.previous = s.unicodeScalars.last
                return inline
            case .lineBreak:
                state.previous = " "
                return inline
            case .footnoteReference:
                return inline
            case .image(var image):
                image.alt = apply(to: image.alt)
                return .image(image)
            }
        }
    }

    private static func firstScalar(of inlines: ArraySlice<Inline>) -> Unicode.Scalar? {
        for inline in inlines {
            switch inline {
            case .text(let s), .code(let s):
                if let first = s.unicodeScalars.first { return first }
            case .emphasis(let c), .strong(let c), .strikethrough(let c):
                if let first = firstScalar(of: c[...]) { return first }
            case .link(let l):
                if let first = firstScalar(of: l.content[...]) { return first }
            case .lineBreak:
                return " "
            case .footnoteReference, .image:
                continue
            }
        }
        return nil
    }

    private static func opensAfter(_ p: Unicode.Scalar?) -> Bool {
        guard let p else { return true }
        if p.isSpaceLike { return true }
        return "([{<—–-/“‘„‚«‹\u{202F}\u{A0}".unicodeScalars.contains(p)
    }

    private static func isLetterOrDigit(_ s: Unicode.Scalar?) -> Bool { s?.isLetterOrDigit ?? false }
    private static func isDigit(_ s: Unicode.Scalar?) -> Bool { s?.properties.numericType != nil }
    private static func isWordOrSpace(_ s: Unicode.Scalar?) -> Bool { s.map { $0.isLetterOrDigit || $0.isSpaceLike } ?? true }
    private static func isASCIIDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static let narrowSpace = Array("\u{202F}".utf8)

    private func transform(_ text: String, _ state: inout State, following: Unicode.Scalar? = nil) -> String {
        // Text with nothing to change (a heading, a short line) is returned as is.
        let interesting = text.utf8.contains { b in
            b == 0x22 || b == 0x27 || b == 0x2E || b == 0x2D || b == 0x3B || b == 0x3A || b == 0x21 || b == 0x3F
                || (frenchSpacing && (b == 0xAB || b == 0xBB))
        } || (frenchSpacing && state.previous == "«" && text.utf8.first == 0x20)
        if !interesting {
            if let last = text.unicodeScalars.last {
                state.previous = last
                state.closedQuote = false
                state.afterFeet = false
            }
            return text
        }
        // Works on UTF-8 bytes: every character it changes is ASCII, and building
        // a byte array is several times faster than appending scalars to a String.
        let input = Array(text.utf8)
        let literal = CodeLikeText.ranges(in: input, after: state.previous.flatMap { $0.isASCII ? UInt8($0.value) : nil })
        var nextLiteral = 0
        var out: [UInt8] = []
        out.reserveCapacity(input.count + 16)
        var i = 0
        func emit(_ s: String, closing: Bool = false) {
            out.append(contentsOf: s.utf8)
            state.previous = s.unicodeScalars.last
            state.closedQuote = closing
            state.afterFeet = false
        }
        func copy(_ c: UInt8) {
            out.append(c)
            state.previous = Unicode.Scalar(c)
            state.closedQuote = false
            if !Self.isASCIIDigit(c) { state.afterFeet = false }
        }
        func scalar(at k: Int) -> Unicode.Scalar? {
            guard k < input.count else { return k == input.count ? following : nil }
            return Self.decode(input, at: k).scalar
        }
        func lastOutIsSpace() -> Bool { out.last == 0x20 }
        func lastOutIsNarrowSpace() -> Bool { out.count >= 3 && Array(out.suffix(3)) == Self.narrowSpace }
        /// A quote between a space (or the start) and a space, the end or closing
        /// punctuation quotes nothing: it is the character itself, named.
        func isLone(_ k: Int) -> Bool {
            guard state.previous.map({ $0.isSpaceLike }) ?? true else { return false }
            guard let n = scalar(at: k + 1) else { return true }
            return n.isSpaceLike || ".,;:!?)]}".unicodeScalars.contains(n)
        }
        while i < input.count {
            if nextLiteral < literal.count, literal[nextLiteral].lowerBound == i {
                let r = literal[nextLiteral]
                out.append(contentsOf: input[r])
                state.previous = Self.lastScalar(input, before: r.upperBound)
                state.closedQuote = false
                state.afterFeet = false
                i = r.upperBound
                nextLiteral += 1
                continue
            }
            let c = input[i]
            guard c < 0x80 else {
                let (ch, length) = Self.decode(input, at: i)
                if frenchSpacing, ch == "»" {
                    // « mot » typed with plain spaces, or none: narrow no-break spaces inside.
                    let hadSpace = lastOutIsSpace()
                    if hadSpace { out.removeLast() }
                    let narrowBefore = out.isEmpty ? !hadSpace && state.previous == "\u{202F}" : lastOutIsNarrowSpace()
                    if !narrowBefore, !(out.isEmpty && state.previous == nil) { out.append(contentsOf: Self.narrowSpace) }
                }
                out.append(contentsOf: input[i..<(i + length)])
                state.previous = ch
                state.closedQuote = "”’»›".unicodeScalars.contains(ch)
                state.afterFeet = false
                i += length
                // (A space that starts the next inline is made narrow there.)
                if frenchSpacing, ch == "«", let n = scalar(at: i), n != "\u{202F}", !(n == " " && i == input.count) {
                    if n == " " { i += 1 }
                    out.append(contentsOf: Self.narrowSpace)
                    state.previous = "\u{202F}"
                }
                continue
            }
            let next = scalar(at: i + 1)
            switch c {
            case 0x22 where Self.isDigit(state.previous) && (!state.doubleOpen || state.afterFeet):
                emit("″")                                  // 5'10", 12": inches, not a quote
            case 0x22 where isLone(i) && !(frenchSpacing && (state.doubleOpen || input[(i + 1)...].contains(0x22))):
                copy(c)
            case 0x22:
                let closeFirst = state.doubleOpen && (next == nil || next!.isSpaceLike || !Self.isLetterOrDigit(next))
                if !closeFirst && Self.opensAfter(state.previous) {
                    state.doubleOpen = true
                    if frenchSpacing, next == " ", i + 1 < input.count { i += 1 }   // « mot » written with spaces
                    emit(style.doubleOpen)
                } else {
                    state.doubleOpen = false
                    if frenchSpacing, lastOutIsSpace() { out.removeLast() }
                    emit(style.doubleClose, closing: true)
                }
            case 0x27 where Self.isDigit(state.previous) && state.singleDepth == 0 && !(next?.properties.isAlphabetic ?? false):
                emit("′")                                  // 5'10": feet
                state.afterFeet = true
            case 0x27 where isLone(i):
                copy(c)
            case 0x27:
                if Self.isLetterOrDigit(state.previous) {
                    // After a letter: apostrophe, unless it closes an open single quote.
                    if state.singleDepth > 0 && !Self.isLetterOrDigit(next) {
                        state.singleDepth -= 1
                        emit(style.singleClose, closing: true)
                    } else {
                        emit("’", closing: true)
                    }
                } else if Self.opensAfter(state.previous) {
                    if elidesYear(input, i + 1) || elidesWord(input, i) || next == nil || next!.isSpaceLike {
                        emit("’", closing: true)            // ’90s, ’til, rock ’n’ roll
                    } else {
                        state.singleDepth += 1
                        emit(style.singleOpen)
                    }
                } else {
                    if state.singleDepth > 0 { state.singleDepth -= 1 }
                    emit(style.singleClose, closing: true)
                }
            case 0x2E:
                if i + 2 < input.count, input[i + 1] == 0x2E, input[i + 2] == 0x2E {
                    emit("…")
                    i += 3
                    continue
                }
                copy(c)
            case 0x2D:
                var run = 1
                while i + run < input.count, input[i + run] == 0x2D { run += 1 }
                // Between words or spaces, or a quotation and a word: `<!--`, `-->` and
                // `--flag` stay as typed.
                let after = scalar(at: i + run)
                let before = state.previous
                let okBefore = Self.isWordOrSpace(before) || state.closedQuote || before.map { ")?…".unicodeScalars.contains($0) } == true
                let okAfter = Self.isWordOrSpace(after) || after.map { "\"'(“‘„‚«".unicodeScalars.contains($0) } == true
                let flag = run == 2 && before?.isSpaceLike == true && after.map { !$0.isSpaceLike } == true
                if (run == 2 || run == 3) && okBefore && okAfter && !flag {
                    emit(run == 2 ? style.dash : "—")
                } else {
                    out.append(contentsOf: repeatElement(0x2D, count: run))
                    state.previous = "-"
                    state.closedQuote = false
                    state.afterFeet = false
                }
                i += run
                continue
            case 0x3B, 0x3A, 0x21, 0x3F:
                if frenchSpacing {
                    if lastOutIsSpace() {
                        out.removeLast()
                        out.append(contentsOf: Self.narrowSpace)
                    } else if (Self.isLetterOrDigit(state.previous) || state.closedQuote)
                                && (next == nil || next!.isSpaceLike || "!?»\"".unicodeScalars.contains(next!)) {
                        out.append(contentsOf: Self.narrowSpace)   // « Vraiment? » typed without the space
                    }
                }
                copy(c)
            case 0x20 where frenchSpacing && state.previous == "«":
                out.append(contentsOf: Self.narrowSpace)
                state.previous = "\u{202F}"
            default:
                copy(c)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `'90s`, `'04`: an apostrophe stands for a century before exactly two digits
    /// (`'1984'` is a quotation).
    private func elidesYear(_ input: [UInt8], _ k: Int) -> Bool {
        var e = k
        while e < input.count, Self.isASCIIDigit(input[e]) { e += 1 }
        return e - k == 2
    }

    /// The `'` at byte `k` starts an elided word of the language ('til, 'n', 's):
    /// letters up to a non-letter, in `elisions`. `'n'` after a word such as
    /// "press" names the letter.
    private func elidesWord(_ input: [UInt8], _ k: Int) -> Bool {
        guard !elisions.isEmpty else { return false }
        var word = String.UnicodeScalarView()
        var e = k + 1
        while e < input.count, word.count <= 8 {
            let (s, length) = Self.decode(input, at: e)
            guard s.properties.isAlphabetic else { break }
            word.append(s)
            e += length
        }
        let lower = String(word).lowercased()
        guard elisions.contains(lower) else { return false }
        if lower.count == 1, e < input.count, input[e] == 0x27 {
            var b = k
            while b > 0, input[b - 1] == 0x20 { b -= 1 }
            var s = b
            while s > 0, (input[s - 1] | 0x20) >= 0x61 && (input[s - 1] | 0x20) <= 0x7A || input[s - 1] >= 0x80 { s -= 1 }
            if namingWords.contains(String(decoding: input[s..<b], as: UTF8.self).lowercased()) { return false }
        }
        return true
    }

    /// The last scalar of valid UTF-8 `bytes[..<end]`.
    private static func lastScalar(_ bytes: [UInt8], before end: Int) -> Unicode.Scalar? {
        var k = end - 1
        while k > 0, bytes[k] & 0xC0 == 0x80 { k -= 1 }
        return k >= 0 ? decode(bytes, at: k).scalar : nil
    }

    /// The scalar starting at byte `k` of valid UTF-8, and its length in bytes.
    private static func decode(_ bytes: [UInt8], at k: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let b0 = UInt32(bytes[k])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        if b0 < 0xE0 { return (Unicode.Scalar((b0 & 0x1F) << 6 | UInt32(bytes[k + 1] & 0x3F))!, 2) }
        if b0 < 0xF0 {
            return (Unicode.Scalar((b0 & 0x0F) << 12 | UInt32(bytes[k + 1] & 0x3F) << 6 | UInt32(bytes[k + 2] & 0x3F))!, 3)
        }
        let v = (b0 & 0x07) << 18 | UInt32(bytes[k + 1] & 0x3F) << 12 | UInt32(bytes[k + 2] & 0x3F) << 6 | UInt32(bytes[k + 3] & 0x3F)
        return (Unicode.Scalar(v)!, 4)
    }
}
