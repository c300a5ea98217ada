@testable import ArtExportCore
@testable import ArtExportPDF
import Testing

/// Lists laid out into a measure, inspected as frames (no Cairo).
@Suite struct ListUnitTests {
    let style = Theme.standard.pdf
    let measure = Measure(left: 0, width: Theme.standard.pdf.textWidth)

    /// The label runs an item's first line draws before its text (tagged Lbl),
    /// moved to the line's coordinates, and the slot's baseline.
    static func label(_ line: FlowLine) -> [GlyphRun] {
        let x = line.text?.x ?? 0
        return line.items.compactMap { item in
            guard case .glyphs(var run, let element) = item, element.kind == .label else { return nil }
            run.origin.x -= x
            return run
        }
    }

    /// The first line of each item with its label runs (drawn first) and its text runs.
    func labelledLines(_ blocks: [FlowBlock], labels: Int) -> [(label: [GlyphRun], text: [GlyphRun], x: Double)] {
        blocks.compactMap { block in
            guard let first = block.lines.first, let (line, x) = first.text else { return nil }
            let label = Self.label(first)
            return label.isEmpty ? nil : (label, line.runs, x)
        }
    }

    @Test func labelsHangLeftOfTheTextEdge() throws {
        let list = List(ordered: false, items: [[UnitSamples.paragraph(UnitSamples.words)], [UnitSamples.paragraph("Short.")]])
        let blocks = try ListUnit(list: list).layout(in: measure, UnitSamples.context())
        let lines = labelledLines(blocks, labels: 2)
        #expect(lines.count == 2)
        for l in lines {
            #expect(l.label.map(\.text).joined() == "•")
            let end = l.label.map { $0.origin.x + $0.width }.max()!
            #expect(end <= -style.body.size * 0.45, "the label ends a gap before the text edge")
            #expect(l.x + l.label[0].origin.x >= measure.left, "the label stays in the list's margin")
            #expect(l.x >= style.indent * 1.5 - 0.01)
        }
        // Every line of the item, the wrapped ones too, starts at the text edge.
        for line in blocks[0].lines { #expect(line.text?.x == lines[0].x) }
    }

    @Test func numbersAlignOnTheirPeriods() throws {
        let list = List(ordered: true, start: 8, items: (0..<4).map { [UnitSamples.paragraph("Item \($0).")] })
        let blocks = try ListUnit(list: list).layout(in: measure, UnitSamples.context())
        let lines = labelledLines(blocks, labels: 4)
        #expect(lines.map { $0.label.map(\.text).joined() } == ["8.", "9.", "10.", "11."])
        let ends = lines.map { $0.x + $0.label.map { $0.origin.x + $0.width }.max()! }
        for e in ends { #expect(abs(e - ends[0]) < 0.01) }
        for l in lines { #expect(l.x + l.label[0].origin.x >= 0) }
    }

    @Test func nestedListsIndentFurtherWithTheirOwnBullet() throws {
        let inner = List(ordered: false, items: [[UnitSamples.paragraph("Inner item.")]])
        let outer = List(ordered: false, items: [[UnitSamples.paragraph("Outer item."), .list(inner)], [UnitSamples.paragraph("Next.")]])
        let blocks = try ListUnit(list: outer).layout(in: measure, UnitSamples.context())
        let lines = labelledLines(blocks, labels: 3)
        #expect(lines.map { $0.label.map(\.text).joined() } == ["•", "–", "•"])
        #expect(lines[1].x > lines[0].x + style.indent)
        #expect(lines[2].x == lines[0].x)
        // The nested label hangs in the outer item's text column, right of the outer text edge.
        #expect(lines[1].x + lines[1].label[0].origin.x >= lines[0].x)
    }

    @Test func taggedAsListItemsWithLabelAndBody() throws {
        let list = List(ordered: true, items: [[UnitSamples.paragraph("One.")], [UnitSamples.paragraph("Two.")]])
        let blocks = try ListUnit(list: list).layout(in: measure, UnitSamples.context())
        let paths = blocks.map { $0.element.path.map(\.kind) }
        #expect(paths == [[.list, .listItem, .listBody, .p], [.list, .listItem, .listBody, .p]])
        // One list, two items; each label inside its own item, before the body.
        #expect(blocks[0].element.ancestors[0] == blocks[1].element.ancestors[0])
        #expect(blocks[0].element.ancestors[1] != blocks[1].element.ancestors[1])
        for block in blocks {
            guard case .glyphs(_, let label)? = block.lines[0].items.first else { Issue.record("no label"); continue }
            #expect(label.ancestors == Array(block.element.ancestors.prefix(2)))
        }
    }

    @Test func taskBoxesComeFromOneFontThatDrawsBoth() throws {
        let list = List(ordered: false, items: [ListItem([UnitSamples.paragraph("Done.")], task: .done),
                                                ListItem([UnitSamples.paragraph("Open.")], task: .open)])
        let context = UnitSamples.context()
        let blocks = try ListUnit(list: list).layout(in: measure, context)
        let labels = blocks.map { Self.label($0.lines[0]) }
        #expect(labels.map { $0.map(\.text).joined() } == ["☑", "☐"])
        let fonts = Set(labels.flatMap { $0.map(\.font) })
        #expect(fonts.count == 1)
        #expect(fonts.allSatisfy { context.setter.shaper.describe($0).contains("DejaVu Sans") }, "\(fonts.map(context.setter.shaper.describe))")
    }

    @Test func rightToLeftLabelsHangOnTheRight() throws {
        let article = Article(metadata: Metadata(title: "רשימה", language: LanguageTag(normalizing: "he")!), blocks: [])
        let list = List(ordered: true, items: [[UnitSamples.paragraph("פריט ראשון ברשימה.")]])
        let blocks = try ListUnit(list: list).layout(in: measure, UnitSamples.context(article))
        let (line, x) = try #require(blocks[0].lines[0].text)
        // The label's runs (drawn first) start past the text's right edge, and stay in the measure.
        let label = Self.label(blocks[0].lines[0])
        #expect(Set(label.map(\.text).joined()) == Set("1."))
        #expect(label.allSatisfy { $0.origin.x >= line.fit.measure && x + $0.origin.x + $0.width <= measure.width + 0.01 })
        #expect(line.runs.allSatisfy { $0.origin.x + $0.width <= line.fit.measure + 0.01 })
    }
}
