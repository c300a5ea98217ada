import ArtExportCore
import TestSupport
import Testing

/// LinkTarget: which URLs become links, and the encoding every writer puts in
/// the file.
@Suite struct LinkTargetTests {
    func uri(_ url: String) -> String? {
        guard let t = LinkTarget(url), t.kind == .uri else { return nil }
        return t.value
    }

    @Test func onlyHTTPHTTPSAndMailto() {
        #expect(uri("https://e.org/") == "https://e.org/")
        #expect(uri("http://e.org") == "http://e.org")
        #expect(uri("mailto:ann@e.org") == "mailto:ann@e.org")
        // Schemes compare case-insensitively and are kept as written.
        #expect(uri("HTTPS://E.ORG/X") == "HTTPS://E.ORG/X")
        #expect(uri("MailTo:ann@e.org") == "MailTo:ann@e.org")
    }

    @Test(arguments: [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:msgbox(1)", "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>", "ftp://e.org/", "about:blank", "blob:https://e.org/1",
        // Disguises browsers undo: leading space or control, tab or newline inside the scheme.
        " javascript:alert(1)", "\u{1}javascript:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)",
        " https://e.org/", "\u{0}https://e.org/", "https\t://e.org/", "ht\u{AD}tps://e.org/",
        // No scheme at all: relative, scheme-relative, empty.
        "//e.org/x", "/x", "e.org/x", "", ":", "#", "https", "1http://e.org/",
    ])
    func everythingElseIsRefused(_ url: String) {
        #expect(LinkTarget(url) == nil, "\(url.debugDescription) became a link")
    }

    @Test func fragmentsAreInternal() throws {
        let t = try #require(LinkTarget("#sec-why"))
        #expect(t.kind == .fragment && t.value == "sec-why" && t.href == "#sec-why")
        // The XHTML fragment is encoded like a URI; the name itself is kept.
        let odd = try #require(LinkTarget("#a) b\\"))
        #expect(odd.value == "a) b\\" && odd.href == "#a%29%20b%5C")
    }

    @Test func encodesEverythingPDFOrCairoOrXMLCouldRead() {
        #expect(LinkTarget.encode("https://e.org/r)/S/JavaScript/JS(app.alert(1))/X(")
                == "https://e.org/r%29/S/JavaScript/JS%28app.alert%281%29%29/X%28")
        #expect(LinkTarget.encode("https://e.org/a\\b'c\"d e<f>g{h}i|j^k`l")
                == "https://e.org/a%5Cb%27c%22d%20e%3Cf%3Eg%7Bh%7Di%7Cj%5Ek%60l")
        #expect(LinkTarget.encode("https://e.org/\n\r\t\u{0}\u{7F}") == "https://e.org/%0A%0D%09%00%7F")
        // Every byte of the UTF-8 of non-ASCII text.
        #expect(LinkTarget.encode("https://bücher.example/café/日本😀")
                == "https://b%C3%BCcher.example/caf%C3%A9/%E6%97%A5%E6%9C%AC%F0%9F%98%80")
        // Unreserved and harmless reserved characters stay.
        let kept = "https://u:p@e.org:8080/a-b.c_d~e/f;g=h,i+j*k!l$m?n=o&p=[q]#r@s:t/u?v"
        #expect(LinkTarget.encode(kept) == kept)
    }

    @Test func percentSigns() {
        // A valid escape stays as written (either case); a stray % becomes %25.
        #expect(LinkTarget.encode("https://e.org/a%41%2fb") == "https://e.org/a%41%2fb")
        #expect(LinkTarget.encode("https://e.org/100%") == "https://e.org/100%25")
        #expect(LinkTarget.encode("https://e.org/%4") == "https://e.org/%254")
        #expect(LinkTarget.encode("https://e.org/%zz%%41") == "https://e.org/%25zz%25%41")
    }

    @Test func encodingIsIdempotentAndSafe() {
        var rng = SplitMix64(seed: 7)
        let alphabet = "aZ09-._~:/?#[]@!$&'()*+,;=%\\\"<>{}|^` \t\n\r\u{0}\u{7F}éü日😀".map(String.init) + ["%4", "%41", "%zz"]
        for _ in 0..<2000 {
            let length = Int(rng.next() % 24)
            let s = "https://e.org/" + (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
            let once = LinkTarget.encode(s)
            #expect(LinkTarget.encode(once) == once, "\(s.debugDescription)")
            #expect(once.utf8.allSatisfy { LinkTarget.isSafe($0) || $0 == UInt8(ascii: "%") }, "\(once)")
            // Every % begins an escape; decoding gives back the input wherever it held none.
            #expect(once.utf8.filter { $0 == UInt8(ascii: "%") }.count == Percent.escapes(in: once), "\(once)")
            if Percent.escapes(in: s) == 0 { #expect(Percent.decode(once) == Array(s.utf8), "\(s.debugDescription)") }
        }
    }

    @Test func safeSetHasNothingPDFOrCairoOrXMLReads() {
        for b in "()\\'\"<>{}|^` %".utf8 { #expect(!LinkTarget.isSafe(b), "\(UnicodeScalar(b))") }
        for b in UInt8(0)...UInt8(0x20) { #expect(!LinkTarget.isSafe(b)) }
        for b in UInt8(0x7F)...UInt8(0xFF) { #expect(!LinkTarget.isSafe(b)) }
        #expect((UInt8(0)...UInt8(0xFF)).filter(LinkTarget.isSafe).count == 62 + 4 + 7 + 8)
    }
}
