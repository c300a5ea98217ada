@testable import ArtExportCore
@testable import ArtExportPDF
import Foundation
import TestSupport
import Testing

/// A reader types a path or an address from the page: a hyphen added at a line
/// end would falsify it. Set on narrow A5 lines, every such token must come back
/// whole from pdftotext when the lines are joined with nothing between them —
/// which holds only when its breaks added no mark.
@Suite struct CodeLikeBreakTests {
    init() { TestCache.isolate() }

    static let tokens = [
        "/usr/local/share/artexport/templates/default/epub/OEBPS/styles/typography/hyphenation-overrides.css",
        "configuration/retry-policies/exponential-backoff/maximum-intervals.yaml",
        "C:\\Users\\mara\\Documents\\Newsletters\\September\\contributions.docx",
        "subscription.management@newsletter-production.example.org",
        "documentation.internationalization.example.com",
        "maximum_subscription_renewal_interval_in_milliseconds",
        "HyphenationDictionaryCompilationProgressReporter",
        "threshold=unreasonablyconservativeconfiguration",
    ]

    @Test func noMarkIsAddedInsideCodeLikeTokens() throws {
        let theme = try ThemeLoader.load(yaml: "page:\n  size: A5\n", name: "a5")
        let text = "| title |\n|---|\n| Tokens |\n"
            + Self.tokens.map { "Editors keep files such as \($0) in their configuration, and they type it from the printed page exactly as shown." }
                .joined(separator: "\n") + "\n"
        let (article, _) = try ArtExport.read(Array(text.utf8), file: "tokens.txt")
        let pdf = try PDFExporter(theme: theme).export(article, modified: UTCTime(secondsSinceEpoch: 0))
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("tokens.pdf", pdf)
        let extracted = String(decoding: try Tool.run("pdftotext", ["-enc", "UTF-8", path, "-"]).stdout, as: UTF8.self)
        let joined = extracted.replacingOccurrences(of: "\n", with: "")
        for token in Self.tokens {
            #expect(joined.contains(token), "\(token) is not whole in the PDF text:\n\(extracted)")
        }
        // The test must see breaks: at A5 every token is wider than a line's remainder somewhere.
        #expect(Self.tokens.filter { !extracted.contains($0) }.count >= 4, "too few tokens were broken to prove anything")
    }
}
