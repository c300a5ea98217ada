/// Finds URLs in running text (`https://…`, `http://…`, `www.…`, `mailto:…`) and
/// makes them links whose text is the URL exactly as written.
enum Autolinker {
    static func inlines(for text: String) -> [Inline] {
        var result: [Inline] = []
        var rest = Substring(text)
        while let (range, url) = nextURL(in: rest) {
            if range.lowerBound > rest.startIndex { result.append(.text(String(rest[..<range.lowerBound]))) }
            let written = String(rest[range])
            result.append(.link(Link(url: url, content: [.text(written)], isAutolink: true)))
            rest = rest[range.upperBound...]
        }
        if !rest.isEmpty { result.append(.text(String(rest))) }
        return result
    }

    private static let schemes: [[UInt8]] = ["https://", "http://", "mailto:", "www."].map { Array($0.utf8) }

    /// Finds the next URL start by scanning UTF-8 bytes (most paragraphs hold none,
    /// so this is the reader's hot path), then reads the URL's extent in Characters.
    private static func nextURL(in text: Substring) -> (Range<Substring.Index>, String)? {
        let utf8 = text.utf8
        let bytes = Array(utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i] | 0x20                   // ASCII lower-case
            guard b == UInt8(ascii: "h") || b == UInt8(ascii: "w") || b == UInt8(ascii: "m") else { i += 1; continue }
            // A scheme glued to a word ("xhttp://", "awww.") is not a URL start.
            if i > 0, isASCIIWordByte(bytes[i - 1]) { i += 1; continue }
            guard let scheme = schemes.first(where: { matches($0, bytes, at: i) }) else { i += 1; continue }
            let start = utf8.index(utf8.startIndex, offsetBy: i)
            var end = start
            while end < text.endIndex, !text[end].isWhitespace, !"<>\"“”«»".contains(text[end]) { end = text.index(after: end) }
            end = trimTrailing(text, start, end)
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

    /// Sentence punctuation after a URL is not part of it; a closing bracket is,
    /// when the URL opened one (`…/Foo_(bar)`).
    private static func trimTrailing(_ text: Substring, _ start: Substring.Index, _ end0: Substring.Index) -> Substring.Index {
        var end = end0
        while end > start {
            let last = text[text.index(before: end)]
            if ".,;:!?'’\"".contains(last) {
                end = text.index(before: end)
            } else if last == ")" || last == "]" {
                let open: Character = last == ")" ? "(" : "["
                let body = text[start..<text.index(before: end)]
                if body.filter({ $0 == open }).count > body.filter({ $0 == last }).count { break }
                end = text.index(before: end)
            } else {
                break
            }
        }
        return end
    }
}
