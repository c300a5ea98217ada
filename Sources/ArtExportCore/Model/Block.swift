/// A block of the article: the closed set every reader maps onto and every writer handles.
package indirect enum Block: Sendable, Equatable {
    case heading(Heading)
    case paragraph([Inline])
    case list(List)
    case blockQuote([Block])
    case codeBlock(language: String?, code: String)
    case table(Table)
    /// An image standing on its own (in Markdown: alone in its paragraph), with its caption.
    case figure(Figure)
    case thematicBreak
}

package struct Heading: Sendable, Equatable {
    /// 2…6 for sections: the article's title is the only level 1.
    package var level: Int
    package var content: [Inline]
    /// Anchor-safe identifier, unique within the article.
    package var id: String

    package init(level: Int, content: [Inline], id: String) {
        self.level = level
        self.content = content
        self.id = id
    }
}

package struct List: Sendable, Equatable {
    package var ordered: Bool
    package var start: Int
    package var items: [ListItem]
    /// Tight lists set their items without space between paragraphs (Markdown's
    /// tight and loose lists).
    package var tight: Bool

    package init(ordered: Bool, start: Int = 1, items: [ListItem], tight: Bool = true) {
        self.ordered = ordered
        self.start = start
        self.items = items
        self.tight = tight
    }
}

package struct ListItem: Sendable, Equatable {
    /// A task-list item's state (`- [ ]`, `- [x]`).
    package enum Task: Sendable, Equatable { case open, done }

    package var blocks: [Block]
    /// nil for an ordinary item.
    package var task: Task?

    package init(_ blocks: [Block], task: Task? = nil) {
        self.blocks = blocks
        self.task = task
    }
}

package struct Table: Sendable, Equatable {
    package enum Alignment: Sendable, Equatable { case none, left, center, right }
    package var alignments: [Alignment]
    package var header: [[Inline]]
    package var rows: [[[Inline]]]
    /// What the table shows, set with it (pandoc's `Table: …` line); empty for none.
    package var caption: [Inline]

    package init(alignments: [Alignment], header: [[Inline]], rows: [[[Inline]]], caption: [Inline] = []) {
        self.alignments = alignments
        self.header = header
        self.rows = rows
        self.caption = caption
    }
}

package struct Image: Sendable, Equatable {
    /// The path as the article wrote it, relative to the article's folder.
    package var source: String
    package var alt: String
    package var title: String?
    /// The image itself, read and checked by the reader; nil for an image a
    /// library caller built without one.
    package var resource: ImageResource?

    package init(source: String, alt: String, title: String? = nil, resource: ImageResource? = nil) {
        self.source = source
        self.alt = alt
        self.title = title
        self.resource = resource
    }
}

/// An image's bytes, their type (sniffed from the bytes, never taken from the
/// name) and its size in pixels.
package struct ImageResource: Sendable, Equatable {
    package enum MediaType: String, Sendable, Equatable, CaseIterable {
        case png = "image/png"
        case jpeg = "image/jpeg"
        case gif = "image/gif"
        case webp = "image/webp"
        case svg = "image/svg+xml"
    }

    package var bytes: [UInt8]
    package var mediaType: MediaType
    /// Pixels (for SVG: its width and height, or its viewBox's, in user units);
    /// nil when an SVG states neither.
    package var width: Int?
    package var height: Int?

    package init(bytes: [UInt8], mediaType: MediaType, width: Int?, height: Int?) {
        self.bytes = bytes
        self.mediaType = mediaType
        self.width = width
        self.height = height
    }
}

/// An image set apart from the text, with a caption (empty when there is none).
package struct Figure: Sendable, Equatable {
    package var image: Image
    package var caption: [Inline]

    package init(image: Image, caption: [Inline] = []) {
        self.image = image
        self.caption = caption
    }
}

extension Block {
    /// All text in the block, for checks that look at characters.
    var plainText: String {
        switch self {
        case .heading(let h): return h.content.plainText
        case .paragraph(let c): return c.plainText
        case .blockQuote(let b): return b.map(\.plainText).joined(separator: "\n")
        case .list(let l): return l.items.flatMap(\.blocks).map(\.plainText).joined(separator: "\n")
        case .codeBlock(_, let code): return code
        case .table(let t): return (t.header + t.rows.flatMap { $0 } + [t.caption]).map(\.plainText).joined(separator: "\n")
        case .figure(let f): return ([f.image.alt] + (f.caption.isEmpty ? [] : [f.caption.plainText])).joined(separator: "\n")
        case .thematicBreak: return ""
        }
    }
}
