extension Article {
    /// The words of the body, the bio and the notes (captions and images'
    /// alternative text included; the title and other metadata not), counted as
    /// a word processor counts them: `WordCount.of` each block's text.
    public var wordCount: Int {
        (blocks + bio + footnotes.flatMap(\.blocks)).reduce(0) { $0 + WordCount.of($1.plainText) }
    }
}

package enum WordCount {
    /// A word is a run between spaces holding a letter or a digit, so `don't`,
    /// `e-mail` and `(1)` are one and a lone dash none; each Han or kana character
    /// is one, since those scripts put no space between words.
    package static func of(_ text: String) -> Int {
        var count = 0
        var counted = false   // the current run has been counted
        for scalar in text.unicodeScalars {
            // The scalar table's properties: the standard library's cost a search each.
            if scalar.isWhitespace {
                counted = false
                continue
            }
            switch scalar.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber:
                if let script = ScriptDetector.script(of: scalar), script == .han || script == .kana {
                    count += 1
                    counted = false
                } else if !counted {
                    count += 1
                    counted = true
                }
            default: break
            }
        }
        return count
    }
}
