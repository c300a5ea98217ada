/// How a language writes quotation marks and dashes.
package struct QuoteStyle: Sendable, Equatable {
    package var doubleOpen: String
    package var doubleClose: String
    package var singleOpen: String
    package var singleClose: String
    /// What `--` between words becomes.
    package var dash: String

    package static let english = QuoteStyle(doubleOpen: "“", doubleClose: "”", singleOpen: "‘", singleClose: "’", dash: "—")
    package static let german = QuoteStyle(doubleOpen: "„", doubleClose: "“", singleOpen: "‚", singleClose: "‘", dash: "–")
    /// Guillemets with the narrow no-break space French typography puts inside them.
    package static let french = QuoteStyle(doubleOpen: "«\u{202F}", doubleClose: "\u{202F}»", singleOpen: "“", singleClose: "”", dash: "–")
    package static let swiss = QuoteStyle(doubleOpen: "«", doubleClose: "»", singleOpen: "‹", singleClose: "›", dash: "–")
    package static let spanish = QuoteStyle(doubleOpen: "«", doubleClose: "»", singleOpen: "“", singleClose: "”", dash: "—")
    package static let swedish = QuoteStyle(doubleOpen: "”", doubleClose: "”", singleOpen: "’", singleClose: "’", dash: "–")
    package static let polish = QuoteStyle(doubleOpen: "„", doubleClose: "”", singleOpen: "«", singleClose: "»", dash: "–")

    package static func forLanguage(_ tag: LanguageTag) -> QuoteStyle {
        switch tag.primary {
        case "de": return tag.value.hasSuffix("-CH") || tag.value.hasSuffix("-LI") ? .swiss : .german
        case "cs", "sk", "sl", "hr", "bg", "lt", "et", "is": return .german
        case "fr": return tag.value.hasSuffix("-CH") ? .swiss : .french
        case "es", "it", "pt", "ru", "uk", "el", "ca", "no", "nb", "nn": return .spanish
        case "sv", "fi": return .swedish
        case "pl", "ro", "hu": return .polish
        default: return .english
        }
    }

    /// French sets a narrow no-break space before `; : ! ?`.
    static func spacesBeforeHighPunctuation(_ tag: LanguageTag) -> Bool { tag.primary == "fr" }
}
