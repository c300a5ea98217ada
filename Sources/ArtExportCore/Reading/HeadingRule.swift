/// Decides whether a line of the article format is a section heading.
///
/// The format has no markup for headings: a heading is a line of its own that
/// reads as a title, not a sentence. The rule (also in the README):
///
/// 1. At most `maxWords` words and `maxCharacters` characters.
/// 2. Starts with an upper-case letter or a digit (after any opening quote), or
///    with a letter of a script that has no case (Hebrew, Arabic, Chinese…).
/// 3. Holds no URL and no sentence break (`. ` followed by more words).
/// 4. Does not end in sentence punctuation: `.` `,` `;` `:` or `…` (closing
///    quotes and brackets at the end are looked through).
/// 5. A line ending in `?` or `!` is a heading only when it looks like a title.
///    In English, whose headings are title-cased, that means every word except
///    short function words (a, and, of, the, to, …) starts with a capital and
///    there are at most `maxQuestionWords` words: `Is It Worth It?` is a heading,
///    `Why does it matter?` a paragraph. Other languages do not title-case (German
///    capitalises nouns, French only the first word), so there a question or
///    exclamation is a heading when it has at most `maxUncasedQuestionWords` words:
///    `Lohnt sich der Aufwand?` is a heading.
///
/// The reader adds one rule of context: a heading-like last line of the body is
/// a paragraph, since a heading introduces something.
package enum HeadingRule {
    package static let maxWords = 12
    package static let maxQuestionWords = 10
    package static let maxUncasedQuestionWords = 6
    package static let maxCharacters = 90

    /// Words that stay lower-case in title case (English, German, French).
    static let minorWords: Set<String> = [
        "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
        "or", "per", "so", "the", "to", "up", "via", "vs", "with", "yet",
        "und", "oder", "der", "die", "das", "den", "dem", "des", "ein", "eine", "im", "am", "zu", "zum",
        "zur", "von", "vom", "mit", "für", "auf", "aus", "bei", "nach", "über", "unter",
        "et", "ou", "le", "la", "les", "un", "une", "de", "du", "des", "au", "aux", "en", "pour", "sur", "par", "dans",
    ]

    package static func isHeading(_ line: String, language: LanguageTag = .english) -> Bool {
        // Cheap rejections first: most lines are long paragraphs.
        guard line.utf8.count <= maxCharacters * 4,
              line.utf8.lazy.filter({ $0 == 0x20 }).count < maxWords * 3 else { return false }
        let text = line.trimmingSpaces
        guard !text.isEmpty, text.count <= maxCharacters else { return false }
        let words = text.split(whereSeparator: { $0.isWhitespace })
        guard words.count <= maxWords else { return false }

        let opening: Set<Character> = ["\"", "'", "“", "‘", "„", "«", "(", "["]
        // Scripts without case (Hebrew, Arabic, CJK…) cannot show a capital.
        guard let first = text.first(where: { !opening.contains($0) }),
              first.isUppercase || first.isNumber || (first.isLetter && !first.isLowercase && !first.isCased)
        else { return false }
        if text.containsBytes("://") || text.lowercased().hasPrefix("www.") || text.containsBytes(" www.") { return false }

        let closing: Set<Character> = ["\"", "'", "”", "’", "“", "»", ")", "]"]
        guard let last = text.last(where: { !closing.contains($0) }) else { return false }
        if ".,;:…。、，．：；،؛".contains(last) { return false }
        if hasSentenceBreak(text) { return false }
        if "?!？！؟".contains(last) {
            if language.primary == "en" { return words.count <= maxQuestionWords && isTitleCased(words) }
            return words.count <= maxUncasedQuestionWords
        }
        return true
    }

    /// `. `, `? ` or `! ` followed by a capital: two sentences on one line. A
    /// period after a number (`1. Introduction`), an initial (`A. N. Other`) or a
    /// title (`Dr. Who`) ends no sentence.
    static func hasSentenceBreak(_ text: String) -> Bool {
        let chars = Array(text)
        guard chars.count > 2 else { return false }
        for i in 0..<(chars.count - 2) where ".?!".contains(chars[i]) && chars[i + 1] == " " && chars[i + 2].isUppercase {
            if chars[i] == "." {
                var start = i
                while start > 0, !chars[start - 1].isWhitespace { start -= 1 }
                let word = String(chars[start..<i])
                if word.allSatisfy({ $0.isNumber || $0 == "." }) || word.count == 1 || abbreviations.contains(word.lowercased()) { continue }
            }
            return true
        }
        return false
    }

    static let abbreviations: Set<String> = ["dr", "mr", "mrs", "ms", "st", "vs", "no", "nr", "prof", "fig", "vol", "ch", "pt", "bd"]

    static func isTitleCased<S: StringProtocol>(_ words: [S]) -> Bool {
        var significant = 0
        for (index, word) in words.enumerated() {
            guard let first = word.first(where: { $0.isLetter }) else { continue }
            let bare = String(word.filter { $0.isLetter }).lowercased()
            if index > 0, minorWords.contains(bare) { continue }
            significant += 1
            if !first.isUppercase { return false }
        }
        return significant > 0
    }
}
