/// The few words artexport itself writes into a document (byline, labels, dates),
/// in the article's language; English for languages without a table here.
package struct Localization: Sendable {
    package let language: LanguageTag
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
        /// 8 de julio de 2024
        case dayDeMonthDeYear
        /// 2024年7月8日 (the month table holds "7月")
        case yearMonthDayCJK
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
        var cover: String
        /// An issue's number in words: `%` stands for the number.
        var issue: String
        var months: [String]
        var dateOrder: DateOrder
    }

    package init(language: LanguageTag) {
        self.language = language
        switch language.primary {
        case "de":
            table = Table(by: "Von", and: "und", contents: "Inhalt", aboutAuthor: "Zur Person", aboutAuthors: "Zu den Personen",
                          notes: "Anmerkungen", backToText: "Zurück zum Text", titlePage: "Titelseite", start: "Beginn", cover: "Titelbild", issue: "Ausgabe %",
                          months: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
                          dateOrder: .dottedDay)
        case "fr":
            table = Table(by: "Par", and: "et", contents: "Sommaire", aboutAuthor: "À propos de l’auteur", aboutAuthors: "À propos des auteurs",
                          notes: "Notes", backToText: "Retour au texte", titlePage: "Page de titre", start: "Début", cover: "Couverture", issue: "Numéro %",
                          months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
                          dateOrder: .frenchOrdinal)
        case "es":
            table = Table(by: "Por", and: "y", contents: "Índice", aboutAuthor: "Sobre el autor", aboutAuthors: "Sobre los autores",
                          notes: "Notas", backToText: "Volver al texto", titlePage: "Portada", start: "Inicio", cover: "Cubierta", issue: "Número %",
                          months: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
                          dateOrder: .dayDeMonthDeYear)
        case "it":
            table = Table(by: "Di", and: "e", contents: "Indice", aboutAuthor: "L’autore", aboutAuthors: "Gli autori",
                          notes: "Note", backToText: "Torna al testo", titlePage: "Frontespizio", start: "Inizio", cover: "Copertina", issue: "Numero %",
                          months: ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
                          dateOrder: .dayMonthYear)
        case "nl":
            table = Table(by: "Door", and: "en", contents: "Inhoud", aboutAuthor: "Over de auteur", aboutAuthors: "Over de auteurs",
                          notes: "Noten", backToText: "Terug naar de tekst", titlePage: "Titelpagina", start: "Begin", cover: "Omslag", issue: "Nummer %",
                          months: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
                          dateOrder: .dayMonthYear)
        case "he":
            table = Table(by: "מאת", and: "ו", contents: "תוכן העניינים", aboutAuthor: "על הכותב", aboutAuthors: "על הכותבים",
                          notes: "הערות", backToText: "חזרה לטקסט", titlePage: "שער", start: "התחלה", cover: "כריכה", issue: "גיליון %",
                          months: ["בינואר", "בפברואר", "במרץ", "באפריל", "במאי", "ביוני", "ביולי", "באוגוסט", "בספטמבר", "באוקטובר", "בנובמבר", "בדצמבר"],
                          dateOrder: .dayMonthYear)
        case "ja":
            table = Table(by: "文：", and: "、", contents: "目次", aboutAuthor: "著者について", aboutAuthors: "著者について",
                          notes: "注", backToText: "本文へ戻る", titlePage: "扉", start: "本文", cover: "表紙", issue: "第%号",
                          months: (1...12).map { "\($0)月" }, dateOrder: .yearMonthDayCJK)
        case "zh":
            table = Table(by: "作者：", and: "、", contents: "目录", aboutAuthor: "关于作者", aboutAuthors: "关于作者",
                          notes: "注释", backToText: "返回正文", titlePage: "扉页", start: "正文", cover: "封面", issue: "第%期",
                          months: (1...12).map { "\($0)月" }, dateOrder: .yearMonthDayCJK)
        default:
            let american = language.value == "en" || language.value == "en-US"
            table = Table(by: "By", and: "and", contents: "Contents", aboutAuthor: "About the author", aboutAuthors: "About the authors",
                          notes: "Notes", backToText: "Back to text", titlePage: "Title page", start: "Start of article", cover: "Cover", issue: "Issue %",
                          months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
                          dateOrder: american ? .monthDayYear : .dayMonthYear)
        }
    }

    /// The word before the authors' names in a byline.
    package var by: String { table.by }
    package var contents: String { table.contents }
    package var notes: String { table.notes }
    package var backToText: String { table.backToText }
    package var titlePage: String { table.titlePage }
    package var start: String { table.start }
    package var cover: String { table.cover }
    /// "Issue 42", in the language's words.
    package func issue(_ number: Int) -> String { table.issue.replacing("%", with: String(number)) }
    package func aboutAuthors(count: Int) -> String { count > 1 ? table.aboutAuthors : table.aboutAuthor }

    /// "By A", "By A and B", "By A, B and C".
    package func byline(_ authors: [String]) -> String {
        bylinePieces(authors).map(\.text).joined()
    }

    /// The byline as pieces in order: artexport's words, and the names
    /// (`isItem`), so a writer can mark each name up on its own.
    package func bylinePieces(_ authors: [String]) -> [(text: String, isItem: Bool)] {
        // "文：" and "作者：" end in a full-width colon, which takes no space after it.
        [(table.by.hasSuffix("：") ? table.by : table.by + " ", false)] + listPieces(authors)
    }

    package func list(_ items: [String]) -> String {
        listPieces(items).map(\.text).joined()
    }

    /// `list` as pieces in order: the items (`isItem`) and the words between them.
    package func listPieces(_ items: [String]) -> [(text: String, isItem: Bool)] {
        var pieces: [(text: String, isItem: Bool)] = []
        for (i, item) in items.enumerated() {
            if i > 0 {
                let last = i == items.count - 1
                switch table.and {
                case "、": pieces.append(("、", false))                                  // CJK: no spaces
                case "ו": pieces.append((last ? " ו" : ", ", false))                    // Hebrew prefix
                default: pieces.append((last ? " \(table.and) " : ", ", false))
                }
            }
            pieces.append((item, true))
        }
        return pieces
    }

    /// The date as a reader of the language writes it, at the precision given.
    package func format(_ date: ArticleDate) -> String {
        guard let month = date.month else { return String(date.year) }
        let name = table.months[month - 1]
        guard let day = date.day else {
            switch table.dateOrder {
            case .yearMonthDayCJK: return "\(date.year)年\(name)"
            case .dayDeMonthDeYear: return "\(name) de \(date.year)"
            default: return "\(name) \(date.year)"
            }
        }
        switch table.dateOrder {
        case .monthDayYear: return "\(name) \(day), \(date.year)"
        case .dayMonthYear: return "\(day) \(name) \(date.year)"
        case .dottedDay: return "\(day). \(name) \(date.year)"
        case .frenchOrdinal: return "\(day == 1 ? "1er" : String(day)) \(name) \(date.year)"
        case .dayDeMonthDeYear: return "\(day) de \(name) de \(date.year)"
        case .yearMonthDayCJK: return "\(date.year)年\(name)\(day)日"
        }
    }
}
