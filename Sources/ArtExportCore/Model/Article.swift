/// One article, as every reader produces it and every writer consumes it.
///
/// Readers know nothing of writers: the only thing that passes between them is
/// this value tree (see `Block` and `Inline`).
public struct Article: Sendable, Equatable {
    package var metadata: Metadata
    /// The article's body, in reading order.
    package var blocks: [Block]
    /// The author bio, set apart from the body by every writer; empty when none.
    package var bio: [Block]
    /// Footnote definitions, in the order of their first reference.
    package var footnotes: [Footnote]

    package init(metadata: Metadata, blocks: [Block], bio: [Block] = [], footnotes: [Footnote] = []) {
        self.metadata = metadata
        self.blocks = blocks
        self.bio = bio
        self.footnotes = footnotes
    }

    /// The section headings of the body, in order, with their levels.
    package var headings: [(level: Int, id: String, content: [Inline])] {
        blocks.compactMap {
            if case let .heading(heading) = $0 { return (heading.level, heading.id, heading.content) }
            return nil
        }
    }
}

package struct Footnote: Sendable, Equatable {
    /// Anchor-safe identifier, unique within the article.
    package var id: String
    package var blocks: [Block]

    package init(id: String, blocks: [Block]) {
        self.id = id
        self.blocks = blocks
    }
}

// What a program using the library may read of an article; the value tree itself
// (`Block`, `Inline`) is the writers' and may change with any release.
extension Article {
    /// The title as the article gives it.
    public var title: String { metadata.title }
    /// Its authors, in the order the byline names them.
    public var authors: [String] { metadata.authors }
    /// Its language as a BCP 47 tag (`en`, `de-CH`).
    public var language: String { metadata.language.description }
    /// Its date as the source wrote it; nil when it has none.
    public var date: String? { metadata.date?.written }
}

extension Article {
    /// True when an image appears anywhere: as a figure, or within text (body, bio,
    /// notes, lists, quotes, tables, captions, links).
    package var holdsImages: Bool {
        (blocks + bio + footnotes.flatMap(\.blocks)).contains(where: \.holdsImages)
    }
}

extension Block {
    var holdsImages: Bool {
        switch self {
        case .figure: return true
        case .heading(let h): return h.content.holdsImages
        case .paragraph(let c): return c.holdsImages
        case .list(let l): return l.items.contains { $0.blocks.contains(where: \.holdsImages) }
        case .blockQuote(let b): return b.contains(where: \.holdsImages)
        case .table(let t): return (t.header + t.rows.flatMap { $0 } + [t.caption]).contains(where: \.holdsImages)
        case .codeBlock, .thematicBreak: return false
        }
    }
}

extension Array where Element == Inline {
    var holdsImages: Bool {
        contains { inline in
            switch inline {
            case .image: return true
            case .emphasis(let c), .strong(let c), .strikethrough(let c): return c.holdsImages
            case .link(let l): return l.content.holdsImages
            case .text, .code, .lineBreak, .footnoteReference: return false
            }
        }
    }
}
