/// One article, as every reader produces it and every writer consumes it.
///
/// Readers know nothing of writers: the only thing that passes between them is
/// this value tree (see `Block` and `Inline`).
public struct Article: Sendable, Equatable {
    public var metadata: Metadata
    /// The article's body, in reading order.
    public var blocks: [Block]
    /// The author bio, set apart from the body by every writer; empty when none.
    public var bio: [Block]
    /// Footnote definitions, in the order of their first reference.
    public var footnotes: [Footnote]

    public init(metadata: Metadata, blocks: [Block], bio: [Block] = [], footnotes: [Footnote] = []) {
        self.metadata = metadata
        self.blocks = blocks
        self.bio = bio
        self.footnotes = footnotes
    }

    /// The section headings of the body, in order, with their levels.
    public var headings: [(level: Int, id: String, content: [Inline])] {
        blocks.compactMap {
            if case let .heading(heading) = $0 { return (heading.level, heading.id, heading.content) }
            return nil
        }
    }
}

public struct Footnote: Sendable, Equatable {
    /// Anchor-safe identifier, unique within the article.
    public var id: String
    public var blocks: [Block]

    public init(id: String, blocks: [Block]) {
        self.id = id
        self.blocks = blocks
    }
}

extension Article {
    /// True when an image appears anywhere: as a figure, or within text (body, bio,
    /// notes, lists, quotes, tables, captions, links).
    public var holdsImages: Bool {
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
