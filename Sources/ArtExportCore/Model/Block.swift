/// A block of the article: the closed set every reader maps onto and every writer handles.
public indirect enum Block: Sendable, Equatable {
    case heading(Heading)
    case paragraph([Inline])
    case list(List)
    case blockQuote([Block])
    case codeBlock(language: String?, code: String)
    case table(Table)
    case image(Image)
    case thematicBreak
}

public struct Heading: Sendable, Equatable {
    /// 2…6 for sections: the article's title is the only level 1.
    public var level: Int
    public var content: [Inline]
    /// Anchor-safe identifier, unique within the article.
    public var id: String

    public init(level: Int, content: [Inline], id: String) {
        self.level = level
        self.content = content
        self.id = id
    }
}

public struct List: Sendable, Equatable {
    public var ordered: Bool
    public var start: Int
    public var items: [[Block]]

    public init(ordered: Bool, start: Int = 1, items: [[Block]]) {
        self.ordered = ordered
        self.start = start
        self.items = items
    }
}

public struct Table: Sendable, Equatable {
    public enum Alignment: Sendable, Equatable { case none, left, center, right }
    public var alignments: [Alignment]
    public var header: [[Inline]]
    public var rows: [[[Inline]]]

    public init(alignments: [Alignment], header: [[Inline]], rows: [[[Inline]]]) {
        self.alignments = alignments
        self.header = header
        self.rows = rows
    }
}

public struct Image: Sendable, Equatable {
    /// Path relative to the article's folder, or a URL.
    public var source: String
    public var alt: String
    public var title: String?

    public init(source: String, alt: String, title: String? = nil) {
        self.source = source
        self.alt = alt
        self.title = title
    }
}

extension Block {
    /// All text in the block, for checks that look at characters.
    var plainText: String {
        switch self {
        case .heading(let h): return h.content.plainText
        case .paragraph(let c): return c.plainText
        case .blockQuote(let b): return b.map(\.plainText).joined(separator: "\n")
        case .list(let l): return l.items.flatMap { $0 }.map(\.plainText).joined(separator: "\n")
        case .codeBlock(_, let code): return code
        case .table(let t): return (t.header + t.rows.flatMap { $0 }).map(\.plainText).joined(separator: "\n")
        case .image(let i): return i.alt
        case .thematicBreak: return ""
        }
    }
}
