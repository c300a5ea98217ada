/// Where each page of the paginated (PDF) edition begins, in terms of the
/// article's own structure, so the EPUB can mark the same places
/// (`epub:type="pagebreak"`) and list them (`page-list`): a citation by page then
/// works in both editions.
package struct PageMap: Sendable, Equatable {
    package struct Page: Sendable, Equatable {
        /// The page's label, as the PDF shows and lists it.
        package var label: String
        package var start: Start

        package init(label: String, start: Start) {
            self.label = label
            self.start = start
        }
    }

    package enum Start: Sendable, Equatable {
        /// An issue's cover.
        case cover
        /// A page of an issue's contents, starting at its `entry`-th entry (from 0,
        /// counting each titled section's title and each article, as the contents
        /// list them); nil: at its heading.
        case contents(entry: Int?)
        /// At the title block of an article (an issue's N-th, from 0; 0 alone).
        case title(article: Int)
        /// Within the text of an article.
        case text(article: Int, TextPosition)
    }

    package var pages: [Page]
    /// How many pages the edition has (a page without text of the author's has no entry).
    package var pageCount: Int

    package init(pages: [Page], pageCount: Int? = nil) {
        self.pages = pages
        self.pageCount = pageCount ?? pages.count
    }
}

/// A place in an article's text: a leaf of its block tree and a character in it.
///
/// The path starts with the block's index in `Article.blocks` (or in `Article.bio`
/// when `inBio`); a list item adds the item's index and the block's index in it,
/// a quotation the block's index in it, a table the row (0 the header, 1… the
/// rows) and the column. The offset counts Unicode scalars of the leaf's source
/// text: `.text` and `.code` as written, one per `.lineBreak`, nothing for
/// images and footnote references (`Inline.sourceScalarCount`).
package struct TextPosition: Sendable, Hashable {
    package var inBio: Bool
    package var path: [Int]
    package var offset: Int

    package init(inBio: Bool = false, path: [Int], offset: Int) {
        self.inBio = inBio
        self.path = path
        self.offset = offset
    }
}

extension Inline {
    /// How many scalars of source text this inline holds (`TextPosition.offset`).
    package var sourceScalarCount: Int {
        switch self {
        case .text(let s), .code(let s): return s.unicodeScalars.count
        case .emphasis(let c), .strong(let c), .strikethrough(let c): return c.reduce(0) { $0 + $1.sourceScalarCount }
        case .link(let l): return l.content.reduce(0) { $0 + $1.sourceScalarCount }
        case .lineBreak: return 1
        case .footnoteReference, .image: return 0
        }
    }
}
