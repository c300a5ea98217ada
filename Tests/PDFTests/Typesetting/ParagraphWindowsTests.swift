@testable import ArtExportCore
@testable import ArtExportPDF
import TestSupport
import Testing

/// Very long paragraphs are set in windows; the lines are those of the whole
/// paragraph set at once.
@Suite(.serialized) struct ParagraphWindowsTests {
    /// Words of random letters and lengths, some with punctuation, as prose has.
    static func prose(bytes: Int, seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        var text = ""
        while text.utf8.count < bytes {
            let length = 1 + Int(random.next() % 11)
            var word = String((0..<length).map { _ in Character(Unicode.Scalar(UInt8(97 + random.next() % 26))) })
            if random.next() % 9 == 0 { word += [",", ".", ";"][Int(random.next() % 3)] }
            text += word + " "
        }
        return String(text.dropLast())
    }

    static func styled(_ text: String) -> StyledText {
        var styled = StyledText()
        styled.append(text, font: Theme.standard.pdf.body)
        return styled
    }

    static func texts(_ lines: [SetLine]) -> [String] {
        lines.map { $0.runs.map(\.text).joined() }
    }

    static func setter() -> ParagraphSetter {
        ParagraphSetter(shaper: TextShaper(language: .english), hyphenator: Hyphenator(language: .english))
    }

    /// Each window settles the lines every solution of the whole paragraph shares, so
    /// the lines are the same, when the whole paragraph and every window are set at one
    /// tolerance (a window that needs a looser pass than the rest takes it alone: with
    /// seed 1 the last does, so there the whole paragraph is compared at 1000).
    @Test(arguments: [(true, UInt64(2), 200.0), (true, 1, 1000), (false, 1, 200)])
    func windowsSetTheLinesOfTheWholeParagraph(_ justify: Bool, _ seed: UInt64, _ tolerance: Double) {
        let styled = Self.styled(Self.prose(bytes: ParagraphSetter.windowBytes * 3 + 1_234, seed: seed))
        var options = ParagraphOptions(width: Theme.standard.pdf.textWidth, firstIndent: 12, justify: justify)
        options.parameters.tolerance = tolerance
        let setter = Self.setter()
        let whole = setter.setWhole(styled, options: options)
        let windowed = setter.set(styled, options: options)
        #expect(whole.count > 700)
        #expect(setter.unsettledWindows == 0)
        #expect(Self.texts(windowed) == Self.texts(whole))
        #expect(windowed.map(\.extent) == whole.map(\.extent))
        #expect(windowed.map(\.endsWithHyphen) == whole.map(\.endsWithHyphen))
    }

    /// Text with exact ties between solutions (a few words repeated) settles no line in
    /// a window: its lines are then kept but the last few. Nothing is lost, every line
    /// fits, and hyphen runs stay within the limit across the seams.
    @Test func textWithTiesStillSetsWell() {
        var random = SplitMix64(seed: 5)
        let words = ["the", "of", "and", "water", "reservoir", "municipal", "infrastructure", "was", "engineering",
                     "hyphenation", "responsibility", "a", "it", "extraordinary", "pipes,", "rain.", "lead"]
        let text = (0..<20_000).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " ")
        // Set as TeX would: no expansion or protrusion, TeX's hyphen costs (50, and 3000
        // for a second in a row). artexport's own costs tell these solutions apart.
        var options = ParagraphOptions(width: Theme.standard.pdf.textWidth, firstIndent: 12, justify: true)
        options.expansion = 0
        options.protrude = false
        options.parameters.hyphenPenalty = 50
        options.parameters.doubleHyphenDemerits = 3000
        let setter = Self.setter()
        let whole = setter.setWhole(Self.styled(text), options: options)
        let windowed = setter.set(Self.styled(text), options: options)
        #expect(setter.unsettledWindows > 0)          // the case this test is for
        #expect(Self.texts(windowed).joined().filter { $0 != " " && $0 != "-" } == text.filter { $0 != " " && $0 != "-" })
        #expect(windowed.allSatisfy { $0.extent <= options.width + 0.01 })
        var run = 0
        for line in windowed {
            run = line.endsWithHyphen ? run + 1 : 0
            #expect(run <= LineBreakParameters.default.maxConsecutiveHyphens)
        }
        #expect(abs(windowed.count - whole.count) <= whole.count / 100)
    }

    @Test func windowsKeepLinksAndFonts() {
        var styled = StyledText()
        let body = Theme.standard.pdf.body
        var random = SplitMix64(seed: 9)
        while styled.text.utf8.count < ParagraphSetter.windowBytes * 3 {
            styled.append(Self.prose(bytes: 40, seed: random.next()) + " ", font: body)
            let k = random.next() % 1000
            styled.append("https://example.org/\(k)", font: body,
                          link: StyledText.LinkOccurrence(target: LinkTarget("https://example.org/\(k)")!, number: Int(k)))
            styled.append(" " + Self.prose(bytes: 30, seed: random.next()) + " ", font: body.with(italic: true))
        }
        let setter = ParagraphSetter(shaper: TextShaper(language: .english), hyphenator: nil)
        var options = ParagraphOptions(width: Theme.standard.pdf.textWidth)
        // One pass for every window: where the whole paragraph needs the looser second
        // pass (around a URL that breaks only at its seams), a window without such a
        // spot is set at 200 alone (the documented exception); this test is of links
        // and fonts across the seams.
        options.parameters.tolerance = 1000
        let windowed = setter.set(styled, options: options)
        let whole = setter.setWhole(styled, options: options)
        #expect(Self.texts(windowed) == Self.texts(whole))
        for (n, (a, b)) in zip(windowed, whole).enumerated() where a.runs.map(\.font) != b.runs.map(\.font) {
            Issue.record("line \(n): \(a.runs.map { ($0.text, $0.xScale) }) vs \(b.runs.map { ($0.text, $0.xScale) }) r \(a.fit.ratio) \(b.fit.ratio)")
            break
        }
        #expect(windowed.flatMap(\.links).map(\.link) == whole.flatMap(\.links).map(\.link))
        #expect(windowed.flatMap(\.runs).map(\.font) == whole.flatMap(\.runs).map(\.font))
    }

    /// One word longer than a window still sets every character, on lines that fit.
    @Test func oneWordLongerThanAWindow() {
        let word = String(repeating: "abcdefghij", count: ParagraphSetter.windowBytes / 4)
        let setter = ParagraphSetter(shaper: TextShaper(language: .english), hyphenator: nil)
        var options = ParagraphOptions(width: Theme.standard.pdf.textWidth)
        // One pass for every window: where the whole paragraph needs the looser second
        // pass (around a URL that breaks only at its seams), a window without such a
        // spot is set at 200 alone (the documented exception); this test is of links
        // and fonts across the seams.
        options.parameters.tolerance = 1000
        let lines = setter.set(Self.styled("Before " + word + " after"), options: options)
        #expect(Self.texts(lines).joined().filter { $0 != " " } == "Before" + word + "after")
        #expect(lines.allSatisfy { $0.extent <= options.width + 0.01 })
    }
}
