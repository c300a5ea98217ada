@testable import ArtExportCore
@testable import ArtExportPDF
import Testing

/// `StyledText.position(atByte:)`, which finds its piece by binary search, agrees
/// with a plain scan of the pieces from the start.
@Suite struct StyledTextPositionTests {
    static let font = Theme.standard.pdf.body

    /// The plain scan: every piece before `b` decoded and counted again.
    static func reference(_ t: StyledText, _ b: Int) -> TextPosition? {
        guard let leaf = t.leaf else { return nil }
        let utf8 = Array(t.text.utf8)
        func scalars(_ r: Range<Int>) -> Int { String(decoding: utf8[r], as: UTF8.self).unicodeScalars.count }
        var offset = 0
        for mark in t.marks {
            if b < mark.bytes.lowerBound { break }
            if b < mark.bytes.upperBound {
                return TextPosition(inBio: leaf.inBio, path: leaf.path, offset: mark.offset + scalars(mark.bytes.lowerBound..<b))
            }
            offset = mark.offset + scalars(mark.bytes)
        }
        return TextPosition(inBio: leaf.inBio, path: leaf.path, offset: offset)
    }

    /// Source pieces (nil: text the typesetter adds, unmarked), appended in order the way `UnitContext.styled` does.
    static func text(_ pieces: [String?], leadingAdded: String = "") -> StyledText {
        var t = StyledText()
        t.leaf = (true, [3, 1])
        t.append(leadingAdded, font: font)
        var offset = 0
        for piece in pieces {
            if let piece {
                t.markSource(piece, offset: offset)
                offset += piece.unicodeScalars.count
                t.append(piece, font: font)
            } else {
                t.append("¹²", font: font.with(italic: true))
            }
        }
        return t
    }

    @Test(arguments: [
        (["plain ascii"], ""),
        (["Café ", nil, "naïve 日本語 ", "", "👍🏽 e\u{301}nd", nil, "ünïcödé"], ""),
        ([nil, "שלום ", "עולם", nil], "§ "),
        (["a", "ß", "€", "𝄞", nil, "z"], "→"),
    ] as [([String?], String)])
    func agreesWithAScanFromTheStart(pieces: [String?], leadingAdded: String) {
        let t = Self.text(pieces, leadingAdded: leadingAdded)
        #expect(t.marks.count == pieces.compactMap { $0 }.count)
        // Every byte, including those inside a multibyte character and the end.
        for b in 0...t.text.utf8.count {
            #expect(t.position(atByte: b) == Self.reference(t, b), "byte \(b) of \(t.text.debugDescription)")
        }
    }

    @Test func aPieceAppendedFromAnotherTextKeepsItsCount() {
        var t = Self.text(["Grüße ", nil])
        let other = Self.text(["日本 ", nil, "été"])
        t.append(other)
        #expect(t.marks.count == 3)
        for b in 0...t.text.utf8.count { #expect(t.position(atByte: b) == Self.reference(t, b), "byte \(b)") }
        // Known values: the first byte of "été" (after the 3 scalars of "日本 ", other's own offsets) and the end.
        let ete = t.text.utf8.count - "été".utf8.count
        #expect(t.position(atByte: ete)?.offset == 3)
        #expect(t.position(atByte: t.text.utf8.count)?.offset == 6)
    }

    @Test func noLeafNoPosition() {
        var t = StyledText()
        t.markSource("x", offset: 0)
        t.append("x", font: Self.font)
        #expect(t.position(atByte: 0) == nil)
    }
}
