import ArtExportCore
import ArtExportEPUB
import TestSupport
import Testing

/// Raw HTML in Markdown never reaches the XHTML as markup: the only elements and
/// attributes there are the writer's own.
@Suite struct MarkdownHTMLSafetyTests {
    @Test func noElementOrAttributeFromTheInputReachesTheXHTML() throws {
        let input = "Tests/Fixtures/raw-html.md"
        let (article, warnings) = try ArtExport.read(Repo.read(input), file: input, format: .markdown)
        let parts = EPUBExporter().parts(of: article, modified: UTCTime(secondsSinceEpoch: 0))
        // Every tag in every document: no element the writer does not make, no
        // event handler, no script URL. (The words may appear as escaped text.)
        let tag = try Regex(#"<([A-Za-z][A-Za-z0-9:]*)([^>]*)>"#)
        let attribute = try Regex(#"([A-Za-z:-]+)\s*=\s*"([^"]*)""#)
        for xhtml in [parts.xhtml, parts.titlePage, parts.nav, parts.opf, parts.ncx] {
            for match in xhtml.matches(of: tag) {
                let name = String(match.output[1].substring ?? "").lowercased()
                let attributes = String(match.output[2].substring ?? "")
                // The writer's own <div>: a table's scrolling wrapper.
                let wrapper = name == "div" && attributes.hasPrefix(" class=\"table-scroll\"")
                #expect(wrapper || !["script", "style", "iframe", "object", "div", "b", "svg", "img", "embed", "form", "input"].contains(name),
                        "<\(name)\(attributes)> in the output")
                for a in attributes.matches(of: attribute) {
                    let key = String(a.output[1].substring ?? "").lowercased()
                    let value = String(a.output[2].substring ?? "").lowercased()
                    #expect(!key.hasPrefix("on"), "attribute \(key) in the output")
                    #expect(!value.hasPrefix("javascript:") && !value.hasPrefix("data:"), "\(key)=\(value) in the output")
                }
            }
            #expect(!xhtml.lowercased().contains("<script"))
        }
        // Inline code and code blocks keep their text, escaped.
        #expect(parts.xhtml.contains("&lt;script&gt;in code&lt;/script&gt;"))
        #expect(parts.xhtml.contains("&lt;script&gt;alert(\"code is text\")&lt;/script&gt;")
                || parts.xhtml.contains("&lt;script&gt;alert(&quot;code is text&quot;)&lt;/script&gt;"))
        // Text between dropped inline tags stays; every drop is reported with its line.
        #expect(parts.xhtml.contains("inline HTML"))
        let lines = Set(warnings.filter { $0.message.contains("raw HTML") }.compactMap(\.line))
        #expect(lines.isSuperset(of: [6, 8, 9, 12, 14, 18, 20, 21, 23, 25]), "\(warnings)")
    }
}
