import Testing
@testable import ArtExportCore
@testable import ArtExportPDF

/// Protrusion and expansion as the breaker counts them (`Microtype`): a line may use
/// its end marks' hangs as width, and its boxes' expansion as stretch and shrink.
@Suite("Line breaking with protrusion and expansion")
struct MicrotypeBreakTests {
    let breaker = LineBreaker()

    /// "aaaaa bbbb." in a measure of 10: natural 11 (5 + 1 + 5), shrink 0.33 — overfull
    /// by 0.67. With the period allowed to hang 0.7 the line fits at r = −0.3/0.33.
    @Test func anEndHangLetsALineFit() throws {
        let items: [LineItem] = [
            .box(width: 5, tag: 0), .glue(width: 1, stretch: 0.5, shrink: 0.33), .box(width: 5, tag: 1),
        ] + LineItem.paragraphEnd()
        let width: (Int) -> Double = { _ in 10 }
        // Without hangs the words do not fit on one line.
        let plain = breaker.layout(items, breaks: breaker.breakLines(items, lineWidth: width), lineWidth: width)
        #expect(plain.count == 2)

        var end = [Double](repeating: 0, count: items.count)
        end[2] = 0.7
        let microtype = Microtype(startHang: [Double](repeating: 0, count: items.count), endHang: end)
        let breaks = breaker.breakLines(items, lineWidth: width, microtype: microtype)
        let lines = breaker.layout(items, breaks: breaks, lineWidth: width, microtype: microtype)
        #expect(lines.count == 1)
        #expect(abs(lines[0].endHang - 0.7) < 1e-12 && lines[0].startHang == 0)
        #expect(abs(lines[0].ratio - (-0.3 / 0.33)) < 1e-9)
    }

    /// A line that ends at a hyphen hangs by the hyphen's amount, not by its box's last
    /// letter's; the next line's first box hangs at its start.
    @Test func aHyphenBreakHangsByTheHyphen() throws {
        // "aaaa bbb-|ccc “dd": items 0 aaaa, 1 ␣, 2 bbb, 3 hyphen, 4 ccc, 5 ␣, 6 “dd.
        let items: [LineItem] = [
            .box(width: 4, tag: 0), .glue(width: 1, stretch: 0.5, shrink: 0.33), .box(width: 3, tag: 1),
            .penalty(width: 1, cost: 50, flagged: true), .box(width: 3, tag: 2),
            .glue(width: 1, stretch: 0.5, shrink: 0.33), .box(width: 3, tag: 3),
        ] + LineItem.paragraphEnd()
        var start = [Double](repeating: 0, count: items.count)
        var end = [Double](repeating: 0, count: items.count)
        end[2] = 5          // never used: the line ends at the hyphen
        end[3] = 0.6
        start[4] = 0.25
        let microtype = Microtype(startHang: start, endHang: end)
        let width: (Int) -> Double = { _ in 9 }
        let breaks = breaker.breakLines(items, lineWidth: width, microtype: microtype)
        #expect(breaks.map(\.position) == [3, items.count - 1])
        let lines = breaker.layout(items, breaks: breaks, lineWidth: width, microtype: microtype)
        #expect(lines[0].endsWithHyphen && abs(lines[0].endHang - 0.6) < 1e-12)
        // 4 + 1 + 3 + 1 = 9 in 9 + 0.6: r = 0.6 / 0.5.
        #expect(abs(lines[0].ratio - 1.2) < 1e-9)
        #expect(abs(lines[1].startHang - 0.25) < 1e-12)
    }

    /// Expansion is stretch and shrink: a line of two 40-point words and one space
    /// (stretch 1) that is 2 points short stretches at r = 2 / (1 + 2·0.8) with 2 %.
    @Test func expansionIsStretchAndShrink() throws {
        let items: [LineItem] = [
            .box(width: 40, tag: 0), .glue(width: 3, stretch: 1, shrink: 0.5), .box(width: 40, tag: 1),
            .glue(width: 3, stretch: 1, shrink: 0.5), .box(width: 40, tag: 2),
        ] + LineItem.paragraphEnd()
        var expansion = [Double](repeating: 0, count: items.count)
        for k in [0, 2, 4] { expansion[k] = 0.8 }
        let microtype = Microtype(expansion: expansion)
        let width: (Int) -> Double = { _ in 85 }
        let breaks = breaker.breakLines(items, lineWidth: width, microtype: microtype)
        let lines = breaker.layout(items, breaks: breaks, lineWidth: width, microtype: microtype)
        #expect(breaks.map(\.position) == [3, items.count - 1])
        #expect(abs(lines[0].ratio - 2 / (1 + 1.6)) < 1e-9)
        // Without expansion the same line is at r = 2 (badness 800, over tolerance 200).
        let plain = breaker.layout(items, breaks: breaks, lineWidth: width)
        #expect(abs(plain[0].ratio - 2) < 1e-9)
        // And shrinking: 3 points over, shrink 0.5 + 1.6.
        let tight = breaker.layout(items, breaks: breaks, lineWidth: { _ in 80 }, microtype: microtype)
        #expect(abs(tight[0].ratio - (-3 / 2.1)) < 1e-9)
    }

    /// Hangs and expansion of nonsense amounts count as none.
    @Test func insaneAmountsAreIgnored() {
        let items: [LineItem] = [.box(width: 5, tag: 0)] + LineItem.paragraphEnd()
        let bad: [Double] = [-1, .nan, .infinity, -.infinity]
        for value in bad {
            let microtype = Microtype(startHang: [value], endHang: [value], expansion: [value])
            let lines = breaker.layout(items, breaks: breaker.breakLines(items, lineWidth: { _ in 10 }, microtype: microtype),
                                       lineWidth: { _ in 10 }, microtype: microtype)
            #expect(lines.count == 1 && lines[0].startHang == 0 && lines[0].endHang == 0 && lines[0].ratio == 0)
        }
    }
}
