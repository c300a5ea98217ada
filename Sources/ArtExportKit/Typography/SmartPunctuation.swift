/// Replaces typewriter punctuation with the language's typographic forms:
/// `"` `'` → curly quotes or guillemets, `'` in words → apostrophe, `--` → dash,
/// `...` → ellipsis, and in French the space before `; : ! ?` → narrow no-break
/// space. Only punctuation and spaces change: every letter and digit stays, in
/// order. Code and URLs are left exactly as written.
public struct SmartPunctuation: Sendable {
    public let style: QuoteStyle
    let frenchSpacing: Bool

    public init(language: LanguageTag) {
        style = QuoteStyle.forLanguage(language)
        frenchSpacing = QuoteStyle.spacesBeforeHighPunctuation(language)
    }

    public func apply(to article: Article) -> Article {
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

    public func apply(to text: String) -> String {
        var state = State()
        return transform(text, &state)
    }

    public func apply(to block: Block) -> Block {
        switch block {
        case .heading(var h):
            h.content = apply(to: h.content)
            return .heading(h)
        case .paragraph(let inlines): return .paragraph(apply(to: inlines))
        case .list(var list):
            list.items = list.items.map { $0.map(apply(to:)) }
            return .list(list)
        case .blockQuote(let blocks): return .blockQuote(blocks.map(apply(to:)))
        case .table(var table):
            table.header = table.header.map { apply(to: $0) }
            table.rows = table.rows.map { $0.map { apply(to: $0) } }
            return .table(table)
        case .image(var image):
            image.alt = apply(to: image.alt)
            return .image(image)
        case .codeBlock, .thematicBreak: return block
        }
    }

    /// Quote state runs across inline boundaries, so `"*word*"` pairs correctly.
    public func apply(to inlines: [Inline]) -> [Inline] {
        var state = State()
        return apply(inlines, &state)
    }

    struct State {
        var previous: Unicode.Scalar? = nil
        var doubleOpen = false
        var singleDepth = 0
    }

    private func apply(_ inlines: [Inline], _ state: inout State) -> [Inline] {
        inlines.map { inline in
            switch inline {
            case .text(let s): return .text(transform(s, &state))
            case .emphasis(let c): return .emphasis(apply(c, &state))
            case .strong(let c): return .strong(apply(c, &state))
            case .strikethrough(let c): return .strikethrough(apply(c, &state))
            case .link(var link):
                if link.isAutolink {
                    state.previous = link.content.plainText.unicodeScalars.last
                } else {
                    link.content = apply(link.content, &state)
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
            }
        }
    }

    private static func opensAfter(_ p: Unicode.Scalar?) -> Bool {
        guard let p else { return true }
        if p.isSpaceLike { return true }
        return "([{<=—–-/“‘„‚«‹\u{202F}\u{A0}".unicodeScalars.contains(p)
    }

    private static func isLetterOrDigit(_ s: Unicode.Scalar?) -> Bool { s?.isLetterOrDigit ?? false }
    private static func isDigit(_ s: Unicode.Scalar?) -> Bool { s?.properties.numericType != nil }
    private static func isWordOrSpace(_ s: Unicode.Scalar?) -> Bool { s.map { $0.isLetterOrDigit || $0.isSpaceLike } ?? true }

    private func transform(_ text: String, _ state: inout State) -> String {
        // Text with nothing to change (a heading, a short line) is returned as is.
        let interesting = text.utf8.contains { b in
            b == 0x22 || b == 0x27 || b == 0x2E || b == 0x2D || b == 0x3B || b == 0x3A || b == 0x21 || b == 0x3F
        }
        if !interesting {
            state.previous = text.unicodeScalars.last ?? state.previous
            return text
        }
        // Works on UTF-8 bytes: every character it changes is ASCII, and building
        // a byte array is several times faster than appending scalars to a String.
        let input = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(input.count + 16)
        var i = 0
        func emit(_ s: String) {
            out.append(contentsOf: s.utf8)
            state.previous = s.unicodeScalars.last
        }
        func scalar(at k: Int) -> Unicode.Scalar? {
            guard k < input.count else { return nil }
            return Self.decode(input, at: k).scalar
        }
        func lastOutIsSpace() -> Bool { out.last == 0x20 }
        while i < input.count {
            let c = input[i]
            guard c < 0x80 else {
                let (scalar, length) = Self.decode(input, at: i)
                out.append(contentsOf: input[i..<(i + length)])
                state.previous = scalar
                i += length
                continue
            }
            let next = scalar(at: i + 1)
            switch c {
            case 0x22 where Self.isDigit(state.previous) && !state.doubleOpen:
                emit("″")                                  // 5'10": inches, not a quote
            case 0x27 where Self.isDigit(state.previous) && state.singleDepth == 0 && !(next?.properties.isAlphabetic ?? false):
                emit("′")                                  // 5'10": feet
            case 0x22:
                let closeFirst = state.doubleOpen && (next == nil || next!.isSpaceLike || !Self.isLetterOrDigit(next))
                if !closeFirst && Self.opensAfter(state.previous) {
                    state.doubleOpen = true
                    if frenchSpacing, next == " " { i += 1 }   // « mot » written with spaces
                    emit(style.doubleOpen)
                } else {
                    state.doubleOpen = false
                    if frenchSpacing, lastOutIsSpace() { out.removeLast() }
                    emit(style.doubleClose)
                }
            case 0x27:
                if Self.isLetterOrDigit(state.previous) {
                    // After a letter: apostrophe, unless it closes an open single quote.
                    if state.singleDepth > 0 && !Self.isLetterOrDigit(next) {
                        state.singleDepth -= 1
                        emit(style.singleClose)
                    } else {
                        emit("’")
                    }
                } else if Self.opensAfter(state.previous) {
                    if let n = next, n.properties.numericType != nil {
                        emit("’")                          // '90s
                    } else if next == nil || next!.isSpaceLike {
                        emit("’")
                    } else {
                        state.singleDepth += 1
                        emit(style.singleOpen)
                    }
                } else {
                    if state.singleDepth > 0 { state.singleDepth -= 1 }
                    emit(style.singleClose)
                }
            case 0x2E:
                if i + 2 < input.count, input[i + 1] == 0x2E, input[i + 2] == 0x2E {
                    emit("…")
                    i += 3
                    continue
                }
                out.append(c)
                state.previous = "."
            case 0x2D:
                var run = 1
                while i + run < input.count, input[i + run] == 0x2D { run += 1 }
                // Only between words or spaces: `<!--`, `-->` and `--flag` stay as typed.
                let after = scalar(at: i + run)
                let wordContext = Self.isWordOrSpace(state.previous) && Self.isWordOrSpace(after)
                    && !(run == 2 && state.previous?.isSpaceLike == true && after.map { !$0.isSpaceLike } == true)
                if run == 2 && wordContext {
                    emit(style.dash)
                } else if run == 3 && wordContext {
                    emit("—")
                } else {
                    out.append(contentsOf: repeatElement(0x2D, count: run))
                    state.previous = "-"
                }
                i += run
                continue
            case 0x3B, 0x3A, 0x21, 0x3F:
                if frenchSpacing, lastOutIsSpace() {
                    out.removeLast()
                    out.append(contentsOf: "\u{202F}".utf8)
                }
                out.append(c)
                state.previous = Unicode.Scalar(c)
            default:
                out.append(c)
                state.previous = Unicode.Scalar(c)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
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
