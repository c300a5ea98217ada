import ArtExportCore

/// What a screen reader needs said of the document's structure that its drawing
/// does not say, gathered from the typeset pages before painting: each figure's
/// alternative text, each header cell's scope, the language of an article that is
/// not the document's, and what each link leads to. The painter passes them on as
/// PDF dictionary entries (`AccessibilityUpdate`).
struct StructureDescriptions {
    private var figures: [Int: String] = [:]
    private var languages: [Int: LanguageTag]
    private var titles: [String: String] = [:]
    private let descriptions: [String: String]

    init(_ document: TypesetDocument, language: LanguageTag) {
        languages = document.elementLanguages.filter { $0.value != language }
        for entry in document.outline where titles[entry.destination] == nil { titles[entry.destination] = entry.title }
        descriptions = document.linkDescriptions
        // A caption's text by the group it is in: a figure without alternative text
        // is described by its caption.
        var captions: [Int: String] = [:]
        var alts: [(element: StructureElement, text: String)] = []
        for page in document.pages {
            for item in page.items {
                switch item {
                case .image(_, _, let alt, let element) where element.kind == .figure:
                    alts.append((element, alt.map(\.text).joined()))
                case .glyphs(let run, let element) where element.kind == .caption:
                    if let group = element.ancestors.last { captions[group.id, default: ""] += run.text }
                default:
                    break
                }
            }
        }
        for (element, text) in alts {
            let group = element.ancestors.last.flatMap { $0.kind == .figure ? $0.id : nil }
            let described = text.isEmpty ? group.flatMap { captions[$0] } ?? "" : text
            figures[element.id] = described
            // The figure around the image and its caption says the same.
            if let group, figures[group] == nil { figures[group] = described }
        }
    }

    /// The entries to add to the structure element `tag`, or "".
    func entries(_ tag: StructureElement.Tag) -> String {
        var entries: [String] = []
        if tag.kind == .figure, let alt = figures[tag.id] { entries.append("/Alt \(AccessibilityUpdate.textString(alt))") }
        // Header cells head their column: artexport's tables have one header row.
        if tag.kind == .tableHeader { entries.append("/A << /O /Table /Scope /Column >>") }
        if let language = languages[tag.id] { entries.append("/Lang \(AccessibilityUpdate.pdfString(language.value))") }
        return entries.joined(separator: " ")
    }

    /// What a link leads to, as its annotation's description: the address, or the
    /// title of the heading or article, or the note.
    func link(_ target: LinkTarget) -> String {
        switch target.kind {
        case .uri:
            return target.value.hasPrefix("mailto:") ? String(target.value.dropFirst("mailto:".count)) : target.value
        case .fragment:
            return titles[target.value] ?? descriptions[target.value] ?? target.value
        }
    }
}
