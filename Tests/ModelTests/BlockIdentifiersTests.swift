@testable import ArtExportCore
import Foundation
import Testing

/// Every block of an article has an identifier, unique in it, in one document order.
@Suite struct BlockIdentifiersTests {
    static let article = Article(
        metadata: Metadata(title: "Ids"),
        blocks: [
            .heading(Heading(level: 2, content: [.text("B2")], id: "b2")),   // a heading whose slug looks like a block id
            .paragraph([.text("One.")]),
            .blockQuote([.paragraph([.text("Quoted.")]), .list(List(ordered: false, items: [ListItem([.paragraph([.text("Item.")])])]))]),
            .table(Table(alignments: [.none], header: [[.text("h")]], rows: [])),
            .thematicBreak,
        ],
        bio: [.paragraph([.text("Bio.")])],
        footnotes: [Footnote(id: "n1", blocks: [.paragraph([.text("Note.")]), .codeBlock(language: nil, code: "x")])])

    @Test func oneUniqueIdPerBlockInDocumentOrder() {
        let ids = BlockIdentifiers(Self.article).ids
        #expect(ids == ["b2", "b2-1", "b3", "b4", "b5", "b6", "b7", "b8", "b9", "b10", "b11"])
        #expect(Set(ids).count == ids.count)
        var kinds: [String] = []
        BlockIdentifiers.walk(Self.article) { block in
            switch block {
            case .heading: kinds.append("h")
            case .paragraph(let c): kinds.append(c.plainText)
            case .blockQuote: kinds.append("quote")
            case .list: kinds.append("list")
            case .table: kinds.append("table")
            case .thematicBreak: kinds.append("rule")
            case .codeBlock: kinds.append("code")
            case .figure: kinds.append("figure")
            }
        }
        #expect(kinds == ["h", "One.", "quote", "Quoted.", "list", "Item.", "table", "rule", "Bio.", "Note.", "code"])
        #expect(BlockIdentifiers.count(Self.article.blocks) == 8)
    }

    @Test(arguments: ["samples/markdown-guide.md", "samples/long-form.txt", "samples/world.txt"])
    func everyBlockOfTheSamplesHasAnId(_ path: String) throws {
        let format: ArtExport.InputFormat = path.hasSuffix(".md") ? .markdown : .articleText
        let (article, _) = try ArtExport.read(Array(try String(contentsOfFile: path, encoding: .utf8).utf8), file: path, format: format,
                                              imageFolder: LocalPath("samples"))
        let ids = BlockIdentifiers(article).ids
        #expect(Set(ids).count == ids.count)
        #expect(ids.count == BlockIdentifiers.count(article.blocks + article.bio + article.footnotes.flatMap(\.blocks)))
        #expect(ids.count > 10)
        // Headings keep the ids the reader gave them.
        for h in article.headings { #expect(ids.contains(h.id)) }
    }
}
