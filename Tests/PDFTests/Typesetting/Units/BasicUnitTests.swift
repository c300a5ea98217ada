@testable import ArtExportCore
@testable import ArtExportPDF
import Testing

/// The paragraph, heading, rule and title units, and the page composer, on frames (no Cairo).
@Suite struct BasicUnitTests {
    let style = Theme.standard.pdf
    let measure = Measure(left: 0, width: Theme.standard.pdf.textWidth)

    @Test func aParagraphIsIndentedOnlyAfterAParagraph() throws {
        let context = UnitSamples.context()
        let first = try ParagraphUnit(content: [.text(UnitSamples.words)]).layout(in: measure, context)[0]
        let second = try ParagraphUnit(content: [.text(UnitSamples.words)]).layout(in: measure, context)[0]
        func start(_ b: FlowBlock) -> Double { b.lines[0].text!.line.runs.map(\.origin.x).min()! }
        #expect(abs(start(first)) < 0.01)
        #expect(abs(start(second) - style.indent) < 0.01)
        #expect(first.breakable && !first.keepWithNext && first.element.kind == .p && first.element != second.element)
        for line in first.lines { #expect(line.height == style.leading) }
    }

    @Test func aHeadingIsKeptWithWhatFollowsAndSnapsToTheGrid() throws {
        let context = UnitSamples.context()
        let block = try HeadingUnit(heading: Heading(level: 3, content: [.text("A Heading")], id: "sec-a")).layout(in: measure, context)[0]
        #expect(block.keepWithNext && !block.breakable)
        #expect(block.destination == "sec-a" && block.outline?.level == 3 && block.element.kind == .h3)
        let total = block.lines.map(\.height).reduce(0, +)
        #expect(abs((total / style.leading).rounded() - total / style.leading) < 1e-9)
        #expect(context.afterHeading)
    }

    @Test func aRuleIsACentredArtifact() throws {
        let block = try RuleUnit().layout(in: measure, UnitSamples.context())[0]
        guard case .rule(let from, let to, _, _, let element) = block.lines[0].items.first else { Issue.record("no rule"); return }
        #expect(element.kind == .artifact && from.y == to.y)
        #expect(abs((from.x - measure.left) - (measure.left + measure.width - to.x)) < 0.01)
        #expect(block.lines[0].text == nil)
    }

    @Test func theTitleBlockIsOneUnbreakableH1EndingInARule() throws {
        let block = try TitleBlockUnit().layout(in: measure, UnitSamples.context())[0]
        #expect(!block.breakable && block.element.kind == .h1 && block.destination == "title")
        #expect(block.lines.last?.text == nil)
        #expect(block.lines.last?.items.count == 1)
    }

    @Test func thePageComposerLabelsEveryPageAndFurnishesAllButTheFirst() {
        let setter = ParagraphSetter(shaper: TextShaper(language: .english), hyphenator: nil)
        var pages = (0..<3).map { _ in Page(width: style.pageWidth, height: style.pageHeight, label: "", items: []) }
        PageComposer(style: style, fields: ThemeFields(metadata: Metadata(title: "A Title"), theme: style.theme), setter: setter,
                     isRTL: { _ in false }).compose(&pages)
        #expect(pages.map(\.label) == ["1", "2", "3"])
        #expect(pages[0].items.isEmpty)
        for page in pages.dropFirst() {
            let runs = page.items.compactMap { item -> GlyphRun? in if case .glyphs(let r, let e) = item, e.kind == .artifact { return r } else { return nil } }
            #expect(runs.contains { $0.origin.y < style.marginTop }, "a running head above the text area")
            #expect(runs.contains { $0.origin.y > style.pageHeight - style.marginBottom }, "a folio below it")
            #expect(page.lines.isEmpty, "furniture is not body text")
        }
        let folio = pages[2].items.compactMap { item -> String? in
            if case .glyphs(let r, _) = item, r.origin.y > style.pageHeight - style.marginBottom { return r.text } else { return nil }
        }
        #expect(folio.joined() == "3")
    }
}
