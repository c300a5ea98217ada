/// An identifier for every block of an article, unique within it, so any block
/// can be named the same way by every writer (a page map says which block starts
/// each page; contents pages and page lists link to them).
///
/// Blocks are taken in one document order: the body depth first (a quotation's
/// blocks and each list item's after the quotation or list itself), then the
/// bio's, then each footnote's. A heading keeps its own id; every other block is
/// `bN`, N counting blocks in that order (an XML name and a plain CSS selector);
/// where a heading already took that id (a heading "B12"), a suffix follows.
package struct BlockIdentifiers: Sendable, Equatable {
    /// One per block, in document order.
    package let ids: [String]

    package init(_ article: Article) {
        var taken = Set<String>()
        Self.walk(article) { block in if case .heading(let h) = block { taken.insert(h.id) } }
        for note in article.footnotes { taken.formUnion(["note-\(note.id)", "ref-\(note.id)"]) }
        var ids: [String] = []
        Self.walk(article) { block in
            if case .heading(let h) = block { ids.append(h.id); return }
            var id = "b\(ids.count + 1)"
            var k = 1
            while taken.contains(id) {
                id = "b\(ids.count + 1)-\(k)"
                k += 1
            }
            taken.insert(id)
            ids.append(id)
        }
        self.ids = ids
    }

    /// Every block of `article` in document order.
    package static func walk(_ article: Article, _ visit: (Block) -> Void) {
        for block in article.blocks { walk(block, visit) }
        for block in article.bio { walk(block, visit) }
        for note in article.footnotes { for block in note.blocks { walk(block, visit) } }
    }

    /// `block`, then the blocks inside it.
    package static func walk(_ block: Block, _ visit: (Block) -> Void) {
        visit(block)
        switch block {
        case .blockQuote(let inner): for b in inner { walk(b, visit) }
        case .list(let list): for item in list.items { for b in item.blocks { walk(b, visit) } }
        case .heading, .paragraph, .codeBlock, .table, .figure, .thematicBreak: break
        }
    }

    /// How many blocks `blocks` hold, nested ones included.
    package static func count(_ blocks: [Block]) -> Int {
        var n = 0
        for block in blocks { walk(block) { _ in n += 1 } }
        return n
    }
}
