@testable import ArtExportCore
@testable import ArtExportPDF
import TestSupport
import Testing

/// Setting a paragraph costs linear time in its characters, whatever they are.
@Suite(.serialized) struct ParagraphSetterScalingTests {
    /// Each character no font has was once looked for in the list of those met before.
    @Test func manyDistinctMissingCharacters() {
        let setter = { ParagraphSetter(shaper: TextShaper(language: .english), hyphenator: nil) }
        let growth = Scaling.growth(n: 4_000, input: { n in
            var s = StyledText()
            s.append(String(String.UnicodeScalarView((0..<n).map { Unicode.Scalar(0xF0000 + $0)! })), font: Theme.standard.pdf.body)
            return s
        }) { text in
            _ = setter().set(text, options: ParagraphOptions(width: 400))
        }
        #expect(growth < 8, "4× the characters took \(growth)× as long")
        let one = setter()
        var s = StyledText()
        s.append("\u{F0002}\u{F0001}\u{F0002} \u{F0003}", font: Theme.standard.pdf.body)
        _ = one.set(s, options: ParagraphOptions(width: 400))
        #expect(one.missing == ["\u{F0002}", "\u{F0001}", "\u{F0003}"])
    }
}
