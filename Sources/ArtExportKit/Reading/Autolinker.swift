/// Finds URLs in running text (`https://…`, `http://…`, `www.…`, `mailto:…`) and
/// makes them links whose text is the URL exactly as written.
enum Autolinker {
    static func inlines(for text: String) -> [Inline] {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }) else { return [.text(text)] }
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

    private static let schemes = ["https://", "http://", "mailto:", "www."]

    private static func nextURL(in text: Substring) -> (Range<Substring.Index>, String)? {
        var searchStart = text.startIndex
        while searchStart < text.endIndex {
            var best: (Substring.Index, String)?
            for scheme in schemes {
                if let r = text[searchStart...].firstRangeIgnoringASCIICase(of: scheme),
                   best == nil || r.lowerBound < best!.0 {
                    best = (r.lowerBound, scheme)
                }
            }
            guard let (start, scheme) = best else { return nil }
            // A scheme glued to a word ("xhttp://", "awww.") is not a URL start.
            if start > text.startIndex, text[text.index(before: start)].isLetter || text[text.index(before: start)].isNumber {
                searchStart = text.index(after: start)
                continue
            }
            var end = start
            while end < text.endIndex, !text[end].isWhitespace, !"<>\"“”«»".contains(text[end]) { end = text.index(after: end) }
            end = trimTrailing(text, start, end)
            let written = text[start..<end]
            if written.count <= scheme.count + 1 || !written.dropFirst(scheme.count).contains(where: { $0.isLetter || $0.isNumber }) {
                searchStart = text.index(after: start)
                continue
            }
            let url = scheme == "www." ? "https://" + written : String(written)
            return (start..<end, url)
        }
        return nil
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

extension StringProtocol {
    /// Case-insensitive for ASCII letters only, which is all URL schemes need.
    func firstRangeIgnoringASCIICase(of needle: String) -> Range<Index>? {
        let n = Array(needle.lowercased().utf8)
        var i = startIndex
        while i < endIndex {
            var j = i
            var k = 0
            while k < n.count, j < endIndex, let a = self[j].asciiValue, (a >= 65 && a <= 90 ? a + 32 : a) == n[k] {
                j = index(after: j)
                k += 1
            }
            if k == n.count { return i..<j }
            i = index(after: i)
        }
        return nil
    }
}
