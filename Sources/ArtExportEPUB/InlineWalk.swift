import ArtExportCore
/// Every inline of some blocks in reading order: what the writer's checks and
/// counts (footnote references, images) look for.
enum InlineWalk {
    /// Every inline in `blocks`, in reading order, those inside others too; a
    /// figure's image comes as an inline `.image`, before its caption.
    static func visit(_ blocks: [Block], _ body: (Inline) -> Void) {
        func inlines(_ content: [Inline]) {
            for inline in content {
                body(inline)
                switch inline {
                case .emphasis(let c), .strong(let c), .strikethrough(let c): inlines(c)
                case .link(let link): inlines(link.content)
                case .text, .code, .lineBreak, .footnoteReference, .image: break
                }
            }
        }
        for block in blocks {
            switch block {
            case .heading(let h): inlines(h.content)
            case .paragraph(let c): inlines(c)
            case .list(let list): list.items.forEach { visit($0.blocks, body) }
            case .blockQuote(let inner): visit(inner, body)
            case .table(let table):
                table.header.forEach(inlines)
                table.rows.forEach { $0.forEach(inlines) }
            case .figure(let figure):
                body(.image(figure.image))
                inlines(figure.caption)
            case .codeBlock, .thematicBreak: break
            }
        }
    }
}
