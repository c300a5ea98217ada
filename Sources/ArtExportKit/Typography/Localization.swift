/// The few words artexport itself writes into a document (byline, labels, dates),
/// in the article's language; English for languages without a table here.
public struct Localization: Sendable {
    public let language: LanguageTag
    private let table: Table

    enum DateOrder: Sendable {
        /// July 8, 2024
        case monthDayYear
        /// 8 July 2024
        case dayMonthYear
        /// 8. Juli 2024
        case dottedDay
        /// 1er juillet 2024
        case frenchOrdinal
    }

    struct Table: Sendable {
        var by: String
        var and: String
        var contents: String
        var aboutAuthor: String
        var aboutAuthors: String
        var notes: String
        var backToText: String
        var titlePage: String
        var start: String
        var months: [String]
        var dateOrder: DateOrder
    }

    public init(language: LanguageTag) {
        self.language = language
        switch language.primary {
        case "de":
            table = Table(by: "Von", and: "und", contents: "Inhalt", aboutAuthor: "Zur Person", aboutAuthors: "Zu den Personen",
                          notes: "Anmerkungen", backToText: "Zurück zum Text", titlePage: "Titelseite", start: "Beginn",
                          months: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
                          dateOrder: .dottedDay)
        case "fr":
            table = Table(by: "Par", and: "et", contents: "Sommaire", aboutAuthor: "À propos de l’auteur", aboutAuthors: "À propos des auteurs",
                          notes: "Notes", backToText: "Retour au texte", titlePage: "Page de titre", start: "Début",
                          months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
                          dateOrder: .frenchOrdinal)
        default:
            let american = language.value == "en" || language.value == "en-US"
            table = Table(by: "By", and: "and", contents: "Contents", aboutAuthor: "About the author", aboutAuthors: "About the authors",
                          notes: "Notes", backToText: "Back to text", titlePage: "Title page", start: "Start of article",
                          months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
                          dateOrder: american ? .monthDayYear : .dayMonthYear)
        }
    }

    /// The word before the authors' names in a byline.
    public var by: String { table.by }
    public var contents: String { table.contents }
    public var notes: String { table.notes }
    public var backToText: String { table.backToText }
    public var titlePage: String { table.titlePage }
    public var start: String { table.start }
    public func aboutAuthors(count: Int) -> String { count > 1 ? table.aboutAuthors : table.aboutAuthor }

    /// "By A", "By A and B", "By A, B and C".
    public func byline(_ authors: [String]) -> String {
        "\(table.by) \(list(authors))"
    }

    public func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " \(table.and) " + items.last!
        }
    }

    /// The date as a reader of the language writes it, at the precision given.
    public func format(_ date: ArticleDate) -> String {
        guard let month = date.month else { return String(date.year) }
        let name = table.months[month - 1]
        guard let day = date.day else { return "\(name) \(date.year)" }
        switch table.dateOrder {
        case .monthDayYear: return "\(name) \(day), \(date.year)"
        case .dayMonthYear: return "\(day) \(name) \(date.year)"
        case .dottedDay: return "\(day). \(name) \(date.year)"
        case .frenchOrdinal: return "\(day == 1 ? "1er" : String(day)) \(name) \(date.year)"
        }
    }
}
