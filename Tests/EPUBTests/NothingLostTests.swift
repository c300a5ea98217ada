import ArtExportCore
import ArtExportEPUB
import TestSupport
import Testing

/// Every word the author wrote — title, standfirst, body, bio — is in the EPUB's
/// text, in order. Words are runs of letters and digits, so changed punctuation
/// never hides a lost word.
@Suite struct NothingLostTests {
    /// The words of every spine document, in spine order, footnote references
    /// left out: a note's number is no word of the author's (`note<sup>…1…</sup>`
    /// would read `note1`).
    static func epubWords(_ epub: [UInt8]) throws -> [String] {
        let documents = try SpineDocuments.of(epub)
        #expect(documents.count == 2, "title page and body: \(documents.map(\.name))")
        return documents.flatMap { document in
            // The <title> repeats the headline; the reading order starts at <body>.
            var xhtml = String(document.xhtml[document.xhtml.range(of: "<body")!.lowerBound...])
            while let start = xhtml.range(of: "<sup><a epub:type=\"noteref\""), let end = xhtml[start.upperBound...].range(of: "</sup>") {
                xhtml.replaceSubrange(start.lowerBound..<end.upperBound, with: "")
            }
            return Words.of(Words.text(ofXHTML: xhtml))
        }
    }

    @Test(arguments: Repo.goodInputs)
    func everyWordInOrder(_ input: String) throws {
        let bytes = Repo.read(input)
        let (article, _) = try ArtExport.read(bytes, file: input)
        let epub = try EPUBExporter().export(article, modified: UTCTime(secondsSinceEpoch: 0))
        let source = SourceWords.of(bytes)
        let result = Words.inOrder(source, in: try Self.epubWords(epub))
        #expect(result.ok, "\(input): word \(result.index) `\(result.missing ?? "")` is missing or out of order")
        #expect(source.count > 0)
    }

    /// Property: random articles of hostile text lose nothing either.
    @Test func randomArticlesLoseNothing() throws {
        var rng = SplitMix64(seed: 7)
        let pieces = ["word", "Äpfel", "naïve", "<b>", "&amp;", "]]>", "\"q\"", "it's", "--", "...", "a|b", "\\|",
                      "https://x.org/?a=1&b=2", "(www.y.de)", "עברית", "中文", "🙂", "x\ty", "C:\\dir", "Heading", "?", "!",
                      "'90s", "5'10\"", "«", "»", "—", "–", "\u{00A0}", "%s", "{{x}}", "Zoë", "ΑΒΓ"]
        func phrase(_ n: Int, cell: Bool = false) -> String {
            // In a table cell a pipe is written `\|`; a backslash before it would be ambiguous.
            let usable = cell ? pieces.filter { $0 != "\\|" } : pieces
            let text = (0..<n).map { _ in usable[Int(rng.next() % UInt64(usable.count))] }.joined(separator: " ")
            return cell ? text.replacingOccurrences(of: "|", with: "\\|") : text
        }
        for round in 0..<60 {
            var text = "| title | author | description |\n|---|---|---|\n"
            text += "| T\(round) \(phrase(1 + Int(rng.next() % 5), cell: true)) | Ann Author | \(phrase(3, cell: true)) |\n"
            for _ in 0..<(1 + Int(rng.next() % 8)) {
                let n = rng.next() % 3 == 0 ? 1 + Int(rng.next() % 4) : 5 + Int(rng.next() % 40)
                text += "\(rng.next() % 2 == 0 ? "Start" : "") \(phrase(n))\(rng.next() % 2 == 0 ? "." : "")\n"
            }
            if rng.next() % 2 == 0 { text += "Ann Author \(phrase(6)).\n" }
            let bytes = Array(text.utf8)
            let (article, _) = try ArtExport.read(bytes, file: "random-\(round)")
            let epub = try EPUBExporter().export(article, modified: UTCTime(secondsSinceEpoch: 0))
            let result = Words.inOrder(SourceWords.of(bytes), in: try Self.epubWords(epub))
            #expect(result.ok, "round \(round): `\(result.missing ?? "")` lost from:\n\(text)")
        }
    }
}
