@testable import ArtExportCore
@testable import ArtExportPDF
import Foundation
import Testing

/// Articles built in code with the constructs the plain-text format cannot
/// express (lists, quotations, code), and helpers to lay units out without Cairo.
enum UnitSamples {
    static let words = "The quick brown fox jumps over the lazy dog while the newsletter goes out to every reader on the list"

    static func paragraph(_ text: String) -> Block { .paragraph([.text(text)]) }

    /// Lists (nested, numbered past 9), a quotation, code with long lines, a rule.
    static var structured: Article {
        let code = (1...40).map { n in
            n % 7 == 0
                ? "    let result\(n) = compute(alpha: \(n), beta: \"a long string argument that goes well past the right margin of the page\", gamma: true)"
                : "    line \(n): value = \(n * 3)"
        }.joined(separator: "\n")
        return Article(metadata: Metadata(title: "Units of Layout", authors: ["Ann Author"]), blocks: [
            paragraph(words + ". " + words + "."),
            .list(List(ordered: false, items: [
                [paragraph("A first item that is long enough to wrap onto a second line of the list, so its text edge shows.")],
                [paragraph("A second item."),
                 .list(List(ordered: false, items: [[paragraph("A nested item, one level in, also long enough to wrap onto another line.")],
                                                    [paragraph("Another nested item.")]]))],
                [paragraph("A third item.")],
            ])),
            paragraph(words + "."),
            .list(List(ordered: true, start: 8, items: (0..<4).map { [paragraph("Numbered item \($0 + 8): " + words + ".")] })),
            .blockQuote([paragraph("A quotation set apart from the text. " + words + ". " + words + "."),
                         paragraph("Its second paragraph. " + words + ".")]),
            paragraph(words + "."),
            .codeBlock(language: "swift", code: code),
            .thematicBreak,
            paragraph(words + ". " + words + "."),
        ])
    }

    /// A right-to-left article with a list, a quotation and code.
    static var hebrew: Article {
        let text = "זהו משפט בעברית שנועד למלא שורה שלמה של טקסט כדי לראות את השבירה והיישור של הפסקה"
        return Article(metadata: Metadata(title: "יחידות", language: LanguageTag(normalizing: "he")!), blocks: [
            paragraph(text + ". " + text + "."),
            .list(List(ordered: true, items: [[paragraph(text + ".")], [paragraph("פריט שני."), .list(List(ordered: false, items: [[paragraph("פריט פנימי.")]]))]])),
            .blockQuote([paragraph(text + ". " + text + ".")]),
            .codeBlock(language: nil, code: "let x = 1\n    print(x)"),
            paragraph(text + "."),
        ])
    }

    static func context(_ article: Article = structured, style: PDFStyle = Theme.standard.pdf) -> UnitContext {
        let setter = ParagraphSetter(shaper: TextShaper(language: article.metadata.language), hyphenator: Hyphenator(language: article.metadata.language),
                                     language: article.metadata.language)
        return UnitContext(article: article, style: style, setter: setter)
    }
}

@Suite struct UnitSampleOutput {
    /// `ARTEXPORT_UNITS_PDF=/tmp/x.pdf swift test --filter UnitSampleOutput` writes the sample, to look at.
    @Test func writesTheStructuredSampleWhenAsked() throws {
        guard let path = ProcessInfo.processInfo.environment["ARTEXPORT_UNITS_PDF"] else { return }
        let bytes = try PDFExporter().export(UnitSamples.structured, modified: UTCTime(secondsSinceEpoch: 1_700_000_000))
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let hebrew = try PDFExporter().export(UnitSamples.hebrew, modified: UTCTime(secondsSinceEpoch: 1_700_000_000))
        try Data(hebrew).write(to: URL(fileURLWithPath: path + ".he.pdf"))
    }
}

extension List {
    /// Items of plain blocks, for tests that build lists by hand.
    init(ordered: Bool, start: Int = 1, items: [[Block]]) {
        self.init(ordered: ordered, start: start, items: items.map { ListItem($0) })
    }
}
