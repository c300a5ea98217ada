/// Words that are not words: identifiers, hashes, paths, long numbers. They are
/// long enough to spoil a line and hold characters no dictionary word has, so
/// hyphenating them would falsify them, and breaking them anywhere is right.
package enum CodeLikeToken {
    /// Shorter tokens fit a phone's line (about 35 characters at 320 px) with room to spare.
    package static let minimumLength = 16

    /// The tokens of `scalars`: space-separated words, without the punctuation
    /// around them, at least `minimumLength` long, holding a digit, a symbol or
    /// punctuation inside (`_`, `/`, `\`, `.`, `=`…) or written in camelCase.
    /// Text without spaces (CJK, Thai) is never a token: it breaks anyway.
    package static func ranges(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i < scalars.count {
            guard !scalars[i].isWhitespace else { i += 1; continue }
            var end = i
            while end < scalars.count, !scalars[end].isWhitespace { end += 1 }
            var lower = i, upper = end
            while lower < upper, isOpening(scalars[lower]) { lower += 1 }
            while upper > lower, isClosing(scalars[upper - 1]) { upper -= 1 }
            if upper - lower >= minimumLength, isCodeLike(scalars[lower..<upper]) { out.append(lower..<upper) }
            i = end
        }
        return out
    }

    static func isCodeLike(_ word: ArraySlice<Unicode.Scalar>) -> Bool {
        var humps = 0
        var previousLower = false
        for s in word {
            if ScriptDetector.isCJK(s) || ScriptDetector.script(of: s) == .thai { return false }
            let category = s.generalCategory
            switch category {
            case .uppercaseLetter:
                if previousLower { humps += 1 }
                previousLower = false
            case .lowercaseLetter:
                previousLower = true
            case .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark, .spacingMark, .enclosingMark:
                previousLower = false
            default:
                // Hyphens and apostrophes join ordinary words (and compounds break at hyphens).
                switch s {
                case "-", "\u{2010}", "\u{2011}", "'", "\u{2019}", "\u{00AD}": previousLower = false
                default: return true
                }
            }
        }
        return humps >= 2
    }

    private static func isOpening(_ s: Unicode.Scalar) -> Bool {
        switch s.generalCategory {
        case .openPunctuation, .initialPunctuation: return true
        default: return s == "\"" || s == "'"
        }
    }

    private static func isClosing(_ s: Unicode.Scalar) -> Bool {
        switch s.generalCategory {
        case .closePunctuation, .finalPunctuation: return true
        default:
            switch s {
            case ".", ",", ";", ":", "!", "?", "\"", "'", "\u{2026}": return true
            default: return false
            }
        }
    }
}
