/// Finds URLs in running text (`https://…`, `http://…`, `www.…`, `mailto:…`) and
/// makes them links whose text is the URL exactly as written.
///
/// Linear in the paragraph: its bytes are read once for all URLs, and a URL's
/// extent is scanned once (bracket counts are kept, not recounted per trimmed
/// character), so no input can make it quadratic.
enum Autolinker {
    static func inlines(for text: String) -> [Inline] {
        var result: [Inline] = []
        let bytes = Array(text.utf8)
        var rest = text.startIndex
        var from = 0
        while let found = nextURL(in: text, bytes: bytes, from: from) {
            if found.range.lowerBound > rest { result.append(.text(String(text[rest..<found.range.lowerBound]))) }
            let written = String(text[found.range])
            result.append(.link(Link(url: found.url, content: [.text(written)], isAutolink: true)))
            rest = found.range.upperBound
            from = text.utf8.distance(from: text.startIndex, to: rest)
        }
        if rest < text.endIndex { result.append(.text(String(text[rest...]))) }
        return result
    }

    private static let schemes: [[UInt8]] = ["https://", "http://", "mailto:", "www."].map { Array($0.utf8) }

    /// Finds the next URL start at or after byte `from` by scanning UTF-8 bytes (most
    /// paragraphs hold none, so this is the reader's hot path), then reads the URL's
    /// extent in Characters.
    private static func nextURL(in text: String, bytes: [UInt8], from: Int) -> (range: Range<String.Index>, url: String)? {
        let utf8 = text.utf8
        var i = from
        while i < bytes.count {
            let b = bytes[i] | 0x20                   // ASCII lower-case
            guard b == UInt8(ascii: "h") || b == UInt8(ascii: "w") || b == UInt8(ascii: "m") else { i += 1; continue }
            // A scheme glued to a word ("xhttp://", "awww.") is not a URL start.
            if i > 0, isASCIIWordByte(bytes[i - 1]) { i += 1; continue }
            guard let scheme = schemes.first(where: { matches($0, bytes, at: i) }) else { i += 1; continue }
            let start = utf8.index(utf8.startIndex, offsetBy: i)
            var end = start
            var brackets = BracketCounts()
            while end < text.endIndex {
                let c = text[end]
                if c.isWhitespace || "<>\"“”«»".contains(c) { break }
                brackets.add(c, 1)
                end = text.index(after: end)
            }
            end = trimTrailing(text, start, end, &brackets)
            let written = text[start..<end]
            let rest = written.utf8.dropFirst(scheme.count)
            if rest.isEmpty || !rest.contains(where: isASCIIWordByte) && !rest.contains(where: { $0 >= 0x80 }) {
                i += scheme.count
                continue
            }
            let url = scheme.first == UInt8(ascii: "w") ? "https://" + written : String(written)
            return (start..<end, url)
        }
        return nil
    }

    private static func isASCIIWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A)
    }

    private static func matches(_ scheme: [UInt8], _ bytes: [UInt8], at i: Int) -> Bool {
        guard i + scheme.count <= bytes.count else { return false }
        for k in 0..<scheme.count {
            let b = bytes[i + k]
            let lower = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
            if lower != scheme[k] { return false }
        }
        return true
    }

    /// Brackets in a URL's extent, kept up to date as characters are trimmed.
    private struct BracketCounts {
        var openParen = 0, closeParen = 0, openSquare = 0, closeSquare = 0

        mutating func add(_ c: Character, _ n: Int) {
            switch c {
            case "(": openParen += n
            case ")": closeParen += n
            case "[": openSquare += n
            case "]": closeSquare += n
            default: break
            }
        }
    }

    /// Sentence punctuation after a URL is not part of it; a closing bracket is,
    /// when the URL opened one (`…/Foo_(bar)`): more opening than closing brackets
    /// before it.
    private static func trimTrailing(_ text: String, _ start: String.Index, _ end0: String.Index,
                                     _ brackets: inout BracketCounts) -> String.Index {
        var end = end0
        while end > start {
            let before = text.index(before: end)
            guard before >= start else { break }
            let last = text[before]
            if ".,;:!?'’\"".contains(last) {
                end = before
            } else if last == ")" {
                if brackets.openParen > brackets.closeParen - 1 { break }
                brackets.add(last, -1)
                end = before
            } else if last == "]" {
                if brackets.openSquare > brackets.closeSquare - 1 { break }
                brackets.add(last, -1)
                end = before
            } else {
                break
            }
        }
        return end
    }
}
