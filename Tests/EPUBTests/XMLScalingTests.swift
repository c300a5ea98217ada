@testable import ArtExportCore
@testable import ArtExportEPUB
import TestSupport
import Testing

/// XML escaping is linear in the text, however much of it needs escaping.
@Suite(.serialized) struct XMLScalingTests {
    @Test func escapingMarkupHeavyText() {
        let growth = Scaling.growth(n: 20_000, input: { String(repeating: "<&> \"x\" ", count: $0) }) { text in
            _ = XML.text(text)
            _ = XML.attribute(text)
        }
        #expect(growth < 8, "4× the text took \(growth)× as long")
    }

    @Test func escapesAsBefore() {
        #expect(XML.text("a<b>&\"c\"\td\n") == "a&lt;b&gt;&amp;\"c\"\td\n")
        #expect(XML.attribute("a<b>&\"c\"\td\n\r") == "a&lt;b&gt;&amp;&quot;c&quot;&#9;d&#10;&#13;")
        // Characters XML 1.0 forbids are dropped; their neighbours and other U+FFxx stay.
        #expect(XML.text("x\u{1}y\u{FFFE}z\u{FFFF}é\u{FFFD}\u{FEFF}") == "xyzé\u{FFFD}\u{FEFF}")
        #expect(XML.text("plain") == "plain")
    }
}
