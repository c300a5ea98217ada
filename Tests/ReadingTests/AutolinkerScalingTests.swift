@testable import ArtExportCore
import TestSupport
import Testing

/// The autolinker's time grows linearly with the paragraph, whatever it holds.
@Suite(.serialized) struct AutolinkerScalingTests {
    func links(_ text: String) -> Int {
        Autolinker.inlines(for: text).count { if case .link = $0 { true } else { false } }
    }

    func bracketed(_ n: Int) -> String {
        (0..<8).map { _ in "see http://example.com/a" + String(repeating: ")", count: n) }.joined(separator: " ")
    }

    func manyURLs(_ n: Int) -> String {
        (0..<n).map { "see https://example.com/p\($0) and" }.joined(separator: " ")
    }

    /// Trailing `)` are trimmed one by one; counting brackets again for each was quadratic.
    @Test func closingBracketsAfterURLs() {
        #expect(links(bracketed(10)) == 8)
        let growth = Scaling.growth(n: 2_000, input: bracketed) { _ = Autolinker.inlines(for: $0) }
        #expect(growth < 8, "4× the brackets took \(growth)× as long")
    }

    /// Each URL search once copied the rest of the paragraph.
    @Test func manyURLsInOneParagraph() {
        #expect(links(manyURLs(10)) == 10)
        let growth = Scaling.growth(n: 2_000, input: manyURLs) { _ = Autolinker.inlines(for: $0) }
        #expect(growth < 8, "4× the URLs took \(growth)× as long")
    }

    /// The measure itself tells quadratic work from linear, retries and all.
    @Test func theMeasureSeesQuadraticWork() {
        var sink = 0
        let growth = Scaling.growth(n: 300, minimum: 0.01, input: { Array(0..<$0) }) { values in
            for a in values { for b in values where a ^ b == 1 { sink &+= 1 } }
        }
        #expect(growth > 8, "quadratic work measured as \(growth)× for 4× the input")
        #expect(sink > 0)
    }

    @Test func trimmingStillKeepsBalancedBrackets() {
        func urls(_ s: String) -> [String] {
            Autolinker.inlines(for: s).compactMap { if case .link(let l) = $0 { return l.url } else { return nil } }
        }
        #expect(urls("(a http://x.org/a_(b)))") == ["http://x.org/a_(b)"])
        #expect(urls("[http://x.org/[1]]].") == ["http://x.org/[1]"])
        #expect(urls("http://x.org/a)).") == ["http://x.org/a"])
        #expect(urls("http://x.org/((a))))") == ["http://x.org/((a))"])
        #expect(urls("x http://x.org/a www.y.org/b)") == ["http://x.org/a", "https://www.y.org/b"])
    }
}
