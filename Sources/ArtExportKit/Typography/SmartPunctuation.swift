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
        let input = Array(text.unicodeScalars)
        // Most lines of most articles hold nothing to change: skip the rebuild.
        if !input.contains(where: { "\"'.-;:!?".unicodeScalars.contains($0) }) {
            state.previous = input.last ?? state.previous
            return text
        }
        var out = String.UnicodeScalarView()
        out.reserveCapacity(input.count + 8)
        var i = 0
        func emit(_ s: String) {
            out.append(contentsOf: s.unicodeScalars)
            state.previous = s.unicodeScalars.last
        }
        while i < input.count {
            let c = input[i]
            let next: Unicode.Scalar? = i + 1 < input.count ? input[i + 1] : nil
            switch c {
            case "\"" where Self.isDigit(state.previous) && !state.doubleOpen:
                emit("″")                                  // 5'10": inches, not a quote
            case "'" where Self.isDigit(state.previous) && state.singleDepth == 0 && !(next?.properties.isAlphabetic ?? false):
                emit("′")                                  // 5'10": feet
            case "\"":
                let closeFirst = state.doubleOpen && (next == nil || next!.isSpaceLike || !Self.isLetterOrDigit(next))
                if !closeFirst && Self.opensAfter(state.previous) {
                    state.doubleOpen = true
                    if frenchSpacing, next == " " { i += 1 }   // « mot » written with spaces
                    emit(style.doubleOpen)
                } else {
                    state.doubleOpen = false
                    if frenchSpacing, out.last == " " { out.removeLast() }
                    emit(style.doubleClose)
                }
            case "'":
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
            case ".":
                if next == ".", i + 2 < input.count, input[i + 2] == "." {
                    emit("…")
                    i += 3
                    continue
                }
                emit(".")
            case "-":
                var run = 1
                while i + run < input.count, input[i + run] == "-" { run += 1 }
                // Only between words or spaces: `<!--`, `-->` and `--flag` stay as typed.
                let after: Unicode.Scalar? = i + run < input.count ? input[i + run] : nil
                let wordContext = Self.isWordOrSpace(state.previous) && Self.isWordOrSpace(after)
                    && !(run == 2 && state.previous?.isSpaceLike == true && after.map { !$0.isSpaceLike } == true)
                if run == 2 && wordContext {
                    emit(style.dash)
                } else if run == 3 && wordContext {
                    emit("—")
                } else {
                    for _ in 0..<run { out.append("-") }
                    state.previous = "-"
                }
                i += run
                continue
            case ";", ":", "!", "?":
                if frenchSpacing, out.last == " " {
                    out.removeLast()
                    out.append("\u{202F}")
                }
                out.append(c)
                state.previous = c
            default:
                out.append(c)
                state.previous = c
            }
            i += 1
        }
        return String(out)
    }
}
