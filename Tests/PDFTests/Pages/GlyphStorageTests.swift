@testable import ArtExportCore
@testable import ArtExportPDF
import Testing

/// The compact glyph and cluster lists of a run give back what was put in.
@Suite struct GlyphStorageTests {
    @Test func glyphsKeepIdsAndPositions() {
        var glyphs = GlyphRun.Glyphs([.init(id: 1, x: 0, y: 0), .init(id: 2, x: 5.25, y: 0)])
        #expect(glyphs.map(\.y) == [0, 0])
        glyphs.append(.init(id: 3, x: 9.5, y: -2.125))               // a raised mark: y is stored from now on
        var other = GlyphRun.Glyphs([.init(id: 7, x: 1, y: 0)])
        other.append(glyphs, shiftedBy: 10)
        #expect(Array(glyphs) == [.init(id: 1, x: 0, y: 0), .init(id: 2, x: 5.25, y: 0), .init(id: 3, x: 9.5, y: -2.125)])
        #expect(Array(other) == [.init(id: 7, x: 1, y: 0), .init(id: 1, x: 10, y: 0), .init(id: 2, x: 15.25, y: 0),
                                 .init(id: 3, x: 19.5, y: -2.125)])
        #expect(other != glyphs && GlyphRun.Glyphs(Array(glyphs)) == glyphs)
    }

    @Test func aRaisedFirstGlyphKeepsItsOffset() {
        // A footnote number's run: every glyph raised, the first included.
        let raised: [GlyphRun.Glyph] = [.init(id: 1, x: 0, y: -3), .init(id: 2, x: 5, y: -3)]
        #expect(Array(GlyphRun.Glyphs(raised)) == raised)
        var joined = GlyphRun.Glyphs()
        joined.append(GlyphRun.Glyphs(raised), shiftedBy: 10)
        joined.append(GlyphRun.Glyphs([.init(id: 3, x: 0, y: 0)]), shiftedBy: 20)
        #expect(joined.map(\.y) == [-3, -3, 0] && joined.map(\.x) == [10, 15, 20])
    }

    @Test func clustersRunLengthCoded() {
        let list: [(bytes: Int, glyphs: Int)] = [(1, 1), (1, 1), (2, 1), (1, 1), (3, 0), (3, 0), (1, 2)]
        var clusters = GlyphRun.Clusters(list)
        #expect(clusters.count == 7)
        #expect(clusters.map(\.bytes) == list.map(\.bytes) && clusters.map(\.glyphs) == list.map(\.glyphs))
        clusters.append(GlyphRun.Clusters([(bytes: 1, glyphs: 2), (bytes: 1, glyphs: 1)]))
        #expect(clusters.count == 9)
        #expect(clusters.map(\.glyphs) == [1, 1, 1, 1, 0, 0, 2, 2, 1])
        #expect(GlyphRun.Clusters().map(\.bytes).isEmpty)
    }
}
