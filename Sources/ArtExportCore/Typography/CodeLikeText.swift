/// Finds the code in running prose — markup, assignments, calls, paths, escapes,
/// shell variables, string literals — so that SmartPunctuation copies it exactly
/// as typed: a straight quote in `version="1.0"` is syntax, not typography.
///
/// Works on the UTF-8 bytes SmartPunctuation works on; every byte it looks at is
/// ASCII, so a range never cuts a multi-byte character.
enum CodeLikeText {
    /// Sorted, non-overlapping byte ranges of `text` to leave unchanged.
    /// `after`: the ASCII character just before the text, when it continues other
    /// text (a link ending in `z=` before `"3"`).
    static func ranges(in text: [UInt8], after: UInt8? = nil) -> [Range<Int>] {
        var found: [Range<Int>] = []
        backtickSpans(text, &found)
        tagSpans(text, &found)
        braceSpans(text, &found)
        quotedValues(text, after: after, &found)
        codeTokens(text, &found)
        return merged(found)
    }

    // MARK: spans

    /// `` `git commit -m "x"` ``: backticks mark code in plain text.
    private static func backtickSpans(_ t: [UInt8], _ found: inout [Range<Int>]) {
        var open: Int?
        for (i, b) in t.enumerated() where b == UInt8(ascii: "`") {
            if let o = open {
                if i > o + 1 { found.append(o..<(i + 1)) }
                open = nil
            } else {
                open = i
            }
        }
    }

    /// `<a href="x">`, `</p>`, `<!-- … -->`, `<?xml …?>`: a `<` that starts a name
    /// or `/ ! ?`, up to the next `>` on the line (`a < b` is not a tag).
    private static func tagSpans(_ t: [UInt8], _ found: inout [Range<Int>]) {
        var i = 0
        while i + 1 < t.count {
            guard t[i] == UInt8(ascii: "<"), isASCIILetter(t[i + 1]) || "/!?".utf8.contains(t[i + 1]) else { i += 1; continue }
            var j = i + 1
            while j < t.count, j - i < 512, t[j] != UInt8(ascii: ">"), t[j] != UInt8(ascii: "<"), t[j] != 0x0A { j += 1 }
            if j < t.count, t[j] == UInt8(ascii: ">") {
                found.append(i..<(j + 1))
                i = j + 1
            } else {
                i += 1
            }
        }
    }

    /// `{"path": "x", "ok": true}`, `{{ title }}`, `${author}`: braces hold code
    /// (JSON, templates) in prose, up to the matching `}` on the line.
    private static func braceSpans(_ t: [UInt8], _ found: inout [Range<Int>]) {
        var i = 0
        while i < t.count {
            guard t[i] == UInt8(ascii: "{") else { i += 1; continue }
            var depth = 0
            var j = i
            while j < t.count, j - i < 512, t[j] != 0x0A {
                if t[j] == UInt8(ascii: "{") { depth += 1 }
                if t[j] == UInt8(ascii: "}") { depth -= 1; if depth == 0 { break } }
                j += 1
            }
            if j < t.count, depth == 0, t[j] == UInt8(ascii: "}") {
                found.append(i..<(j + 1))
                i = j + 1
            } else {
                i += 1
            }
        }
    }

    /// A quote that opens a value — after `=` (`title="Hello world"`), `$`
    /// (`$'\n'`), or a bracket right after a name (`print("hi there")`,
    /// `env["HOME"]`) — runs to its matching quote, spaces and all, and the
    /// tokens it starts and ends in are code too.
    private static func quotedValues(_ t: [UInt8], after: UInt8?, _ found: inout [Range<Int>]) {
        var i = 0
        while i < t.count {
            let q = t[i]
            guard isQuote(q), i > 0 ? opensValue(t, at: i) : after.map({ $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "$") }) == true else {
                i += 1
                continue
            }
            var j = i + 1
            while j < t.count, j - i < 256, t[j] != 0x0A, !(t[j] == q && t[j - 1] != UInt8(ascii: "\\")) { j += 1 }
            let close = j < t.count && t[j] == q ? j : i
            var lo = tokenStart(t, i), hi = tokenEnd(t, close)
            // A prose quotation around the code keeps its marks: "… print('done')"
            while lo < i, isQuote(t[lo]), count(t[lo], in: t[lo..<hi]) % 2 == 1 { lo += 1 }
            while hi - 1 > close, isQuote(t[hi - 1]), count(t[hi - 1], in: t[lo..<hi]) % 2 == 1 { hi -= 1 }
            found.append(lo..<hi)
            i = close + 1
        }
    }

    private static func opensValue(_ t: [UInt8], at i: Int) -> Bool {
        let p = t[i - 1]
        if p == UInt8(ascii: "=") || p == UInt8(ascii: "$") { return true }
        if p == UInt8(ascii: "(") || p == UInt8(ascii: "[") {
            guard i >= 2 else { return false }
            let pp = t[i - 2]
            return isWordByte(pp) || pp == UInt8(ascii: ")") || pp == UInt8(ascii: "]")
        }
        return false
    }

    // MARK: tokens

    /// Whitespace-separated tokens that hold something typography would change
    /// and read as code: the token is left whole, except a quote at either end
    /// that opens or closes a prose quotation around it (`"snake_case is…`).
    private static func codeTokens(_ t: [UInt8], _ found: inout [Range<Int>]) {
        var s = 0
        while s < t.count {
            while s < t.count, isSpace(t[s]) { s += 1 }
            var e = s
            var changeable = false
            while e < t.count, !isSpace(t[e]) {
                let b = t[e]
                if isQuote(b) || (b == UInt8(ascii: "-") && e + 1 < t.count && t[e + 1] == b)
                    || (b == UInt8(ascii: ".") && e + 1 < t.count && t[e + 1] == b) {
                    changeable = true
                }
                e += 1
            }
            if changeable, let core = codeCore(t, s..<e) { found.append(core) }
            s = e
        }
    }

    /// The part of the token `r` that is code, or nil when it reads as prose.
    private static func codeCore(_ t: [UInt8], _ r: Range<Int>) -> Range<Int>? {
        var lo = r.lowerBound, hi = r.upperBound
        // Sentence punctuation after the token, and brackets it does not open.
        while hi > lo, ".,;:!?".utf8.contains(t[hi - 1]) { hi -= 1 }
        let opens = t[lo..<hi].filter { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: "[") }.count
        var closes = t[lo..<hi].filter { $0 == UInt8(ascii: ")") || $0 == UInt8(ascii: "]") }.count
        while hi > lo, closes > opens, t[hi - 1] == UInt8(ascii: ")") || t[hi - 1] == UInt8(ascii: "]") { hi -= 1; closes -= 1 }
        var leading = opens - closes
        while leading > 0, lo < hi, t[lo] == UInt8(ascii: "(") || t[lo] == UInt8(ascii: "[") { lo += 1; leading -= 1 }
        guard hi > lo else { return nil }

        // `""`, `''`, `'"'`: quote characters named or written as empty strings.
        if hi - lo >= 2, t[lo..<hi].allSatisfy(isQuote) { return lo..<hi }

        // A quote at one end without its partner at the other belongs to the prose.
        if isQuote(t[lo]), !(hi - lo >= 2 && t[hi - 1] == t[lo]), count(t[lo], in: t[lo..<hi]) % 2 == 1 { lo += 1 }
        if hi > lo, isQuote(t[hi - 1]), !(hi - lo >= 2 && t[lo] == t[hi - 1]), count(t[hi - 1], in: t[lo..<hi]) % 2 == 1 { hi -= 1 }
        guard hi > lo, isCode(t, lo..<hi) else { return nil }
        return lo..<hi
    }

    /// Syntax no prose word has: `= \ { } < >`, `::`, `->`, `snake_case`, `$NAME`,
    /// a call or subscript with a quote (`f('x')`), or a path (`/etc/x`, `~/x`,
    /// `./x`, `a/b/c.txt`). camelCase and `and/or` are prose (`iPhone's`).
    private static func isCode(_ t: [UInt8], _ r: Range<Int>) -> Bool {
        var slashes = 0
        var dotAfterSlash = false
        var hasQuote = false
        for k in r {
            let b = t[k]
            switch b {
            case UInt8(ascii: "="), UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "<"), UInt8(ascii: ">"):
                return true
            case UInt8(ascii: ":"):
                if k + 1 < r.upperBound, t[k + 1] == b { return true }
            case UInt8(ascii: "-"):
                if k + 1 < r.upperBound, t[k + 1] == UInt8(ascii: ">") { return true }
            case UInt8(ascii: "_"):
                if k > r.lowerBound, k + 1 < r.upperBound, isWordByte(t[k - 1]), isWordByte(t[k + 1]) { return true }
            case UInt8(ascii: "$"):
                if k + 1 < r.upperBound, isASCIILetter(t[k + 1]) || "{(\"'".utf8.contains(t[k + 1]) { return true }
            case UInt8(ascii: "/"):
                slashes += 1
            case UInt8(ascii: "."):
                if slashes > 0, k + 1 < r.upperBound, isWordByte(t[k + 1]) { dotAfterSlash = true }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                hasQuote = true
            default:
                break
            }
        }
        if hasQuote, r.dropFirst().contains(where: { k in
            (t[k] == UInt8(ascii: "(") || t[k] == UInt8(ascii: "[")) && isWordByte(t[k - 1])
        }) {
            return true
        }
        let start = t[r.lowerBound]
        let second = r.count > 1 ? t[r.lowerBound + 1] : 0
        if start == UInt8(ascii: "/") || ((start == UInt8(ascii: "~") || start == UInt8(ascii: ".")) && (second == UInt8(ascii: "/") || second == UInt8(ascii: "."))) {
            return slashes > 0
        }
        return slashes >= 2 && dotAfterSlash
    }

    // MARK: bytes

    private static func isQuote(_ b: UInt8) -> Bool { b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") }
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    private static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
    /// Letters, digits and any byte of a non-ASCII character (letters of other scripts).
    private static func isWordByte(_ b: UInt8) -> Bool { isASCIILetter(b) || (b >= 0x30 && b <= 0x39) || b >= 0x80 }
    private static func count(_ b: UInt8, in s: ArraySlice<UInt8>) -> Int { s.reduce(0) { $0 + ($1 == b ? 1 : 0) } }

    private static func tokenStart(_ t: [UInt8], _ i: Int) -> Int {
        var k = i
        while k > 0, !isSpace(t[k - 1]) { k -= 1 }
        return k
    }

    /// End of the token holding byte `i`, without the sentence punctuation after it.
    private static func tokenEnd(_ t: [UInt8], _ i: Int) -> Int {
        var k = i + 1
        while k < t.count, !isSpace(t[k]) { k += 1 }
        while k > i + 1, ".,;:!?".utf8.contains(t[k - 1]) { k -= 1 }
        return k
    }

    private static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !r.isEmpty {
            if let last = result.last, r.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                result.append(r)
            }
        }
        return result
    }
}
