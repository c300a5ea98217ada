import Foundation
import TestSupport
import Testing
@testable import ArtExportCore
@testable import ArtExportPDF

/// Protrusion and expansion on every sample and fixture, read from the typeset pages:
/// the marks that hang are the ones `Protrusion` names, by its amounts; a justified
/// line reaches its measure plus its hang exactly; words are scaled by 2 % at most.
@Suite struct MicrotypeTests {
    init() { TestCache.isolate() }

    /// A line with its glyph runs and whether it is its block's last.
    struct Placed {
        var line: TypesetLine
        var runs: [GlyphRun]
        var last: Bool
    }

    static func placed(_ input: String) throws -> [Placed] {
        let (article, _) = try Repo.article(input)
        let document = try PDFExporter().typeset(article)
        var all: [Placed] = []
        for page in document.pages {
            for line in page.lines {
                let runs = page.items.compactMap { item -> GlyphRun? in
                    guard case .glyphs(let run, let element) = item, element.id == line.element.id,
                          abs(run.origin.y - line.origin.y) < 0.01, !run.glyphs.isEmpty,
                          run.origin.x >= line.origin.x - 30, run.origin.x <= line.origin.x + line.fit.measure + 1 else { return nil }
                    return run
                }
                all.append(Placed(line: line, runs: runs, last: false))
            }
        }
        var seen = Set<Int>()
        for n in all.indices.reversed() where seen.insert(all[n].line.element.id).inserted { all[n].last = true }
        return all
    }

    /// The advance of a run's glyph `g` as placed (to the next glyph, or the run's end).
    static func advance(_ run: GlyphRun, _ g: Int) -> Double {
        (g + 1 < run.glyphs.count ? run.glyphs[g + 1].x : run.width) - run.glyphs[g].x
    }

    @Test func marksHangByTheirAmounts() throws {
        var right = 0, left = 0, rightToLeft = 0
        for input in Repo.allInputs {
            for p in try Self.placed(input) where !p.runs.isEmpty {
                let fit = p.line.fit
                let edge = p.line.origin.x + fit.measure
                if fit.rightHang > 0 {
                    let run = try #require(p.runs.max { $0.origin.x + $0.width < $1.origin.x + $1.width })
                    // The rightmost glyph: a left-to-right run's last, in text its last character.
                    if !run.backward, let mark = run.text.unicodeScalars.last {
                        let amount = Protrusion.end(mark) > 0 ? Protrusion.end(mark) : Protrusion.start(mark)
                        #expect(amount > 0, "\(input): \(run.text) hangs at the right with no mark to hang")
                        let expected = amount * Self.advance(run, run.glyphs.count - 1) / run.xScale
                        #expect(abs(fit.rightHang - expected) < 0.01, "\(input): \(run.text) hangs \(fit.rightHang), not \(expected)")
                        right += 1
                    }
                    if fit.justified && !p.last {
                        #expect(abs(run.origin.x + run.width - (edge + fit.rightHang)) < 0.02,
                                "\(input): justified line \(run.text) ends at \(run.origin.x + run.width), not \(edge) + \(fit.rightHang)")
                    }
                }
                if fit.leftHang > 0 {
                    let run = try #require(p.runs.min { $0.origin.x < $1.origin.x })
                    if run.backward {
                        // Right to left: the leftmost glyph ends the line's text.
                        let mark = try #require(run.text.unicodeScalars.last)
                        #expect(Protrusion.end(mark) > 0, "\(input): \(run.text) hangs at the left with no mark")
                        if fit.justified && !p.last {
                            #expect(abs(run.origin.x - (p.line.origin.x - fit.leftHang)) < 0.02, "\(input): \(run.text) starts at \(run.origin.x)")
                        }
                        rightToLeft += 1
                    } else {
                        let mark = try #require(run.text.unicodeScalars.first)
                        #expect(Protrusion.start(mark) > 0, "\(input): \(run.text) hangs at the left with no mark")
                        let expected = Protrusion.start(mark) * Self.advance(run, 0) / run.xScale
                        #expect(abs(fit.leftHang - expected) < 0.01, "\(input): \(run.text) hangs \(fit.leftHang), not \(expected)")
                        left += 1
                    }
                }
            }
        }
        // The samples end many lines with periods and commas and start some with quotes;
        // the Hebrew fixtures end a right-to-left line with a period.
        #expect(right >= 100, "only \(right) lines hang at the right")
        #expect(left >= 3, "only \(left) lines hang at the left")
        #expect(rightToLeft >= 1, "no right-to-left line hangs at its end")
    }

    /// Lines that do not end in a mark reach the measure exactly; no word is scaled by
    /// more than the 2 % allowed, and most justified lines use some of it.
    @Test func justifiedLinesFillTheirMeasureWithExpandedWords() throws {
        var justified = 0, expanded = 0
        for input in Repo.allInputs {
            for p in try Self.placed(input) where !p.runs.isEmpty {
                for run in p.runs {
                    #expect(abs(run.xScale - 1) <= 0.02 + 1e-9, "\(input): \(run.text) scaled \(run.xScale)")
                }
                let fit = p.line.fit
                // (A line before a forced break has infinite glue and a ratio of 0: set short.)
                guard fit.justified, !p.last, !fit.spaces.isEmpty, abs(fit.ratio) <= 1, fit.ratio != 0 else { continue }
                justified += 1
                if p.runs.contains(where: { $0.xScale != 1 }) { expanded += 1 }
                let left = p.runs.map(\.origin.x).min()!, right = p.runs.map { $0.origin.x + $0.width }.max()!
                let edge = p.line.origin.x + fit.measure
                #expect(abs(right - (edge + fit.rightHang)) < 0.02 || abs(left - (p.line.origin.x - fit.leftHang)) < 0.02,
                        "\(input): a justified line spans \(left)–\(right), measure \(p.line.origin.x)–\(edge)")
            }
        }
        #expect(justified >= 500, "only \(justified) justified lines")
        #expect(Double(expanded) >= 0.5 * Double(justified), "\(expanded) of \(justified) justified lines expanded")
    }

    /// A paragraph set ragged has no expanded words; code keeps its letters' widths.
    @Test func raggedTextAndCodeAreNotExpanded() throws {
        let setter = ParagraphSetter(shaper: TextShaper(language: .english), hyphenator: nil)
        var styled = StyledText()
        styled.append(String(repeating: "A line of words, set ragged. ", count: 12), font: Theme.standard.pdf.body)
        let ragged = setter.set(styled, options: ParagraphOptions(width: 200, justify: false))
        #expect(ragged.count > 3 && ragged.allSatisfy { $0.runs.allSatisfy { $0.xScale == 1 } })
        var code = StyledText()
        code.append(String(repeating: "let x = y; ", count: 30), font: Theme.standard.pdf.body, literal: true)
        let set = setter.set(code, options: ParagraphOptions(width: 200))
        #expect(set.count > 3 && set.allSatisfy { $0.runs.allSatisfy { $0.xScale == 1 } && $0.fit.leftHang == 0 && $0.fit.rightHang == 0 })
    }
}
