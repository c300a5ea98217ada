@testable import ArtExportEPUB
import ArtExportCore
import TestSupport
import Testing

@Suite struct FontLocatorTests {
    @Test func findsEachFaceOfTheFamily() throws {
        #expect(try FontTestFonts.file(FontTestFonts.libertine).path.hasSuffix("/LinLibertine_R.otf"))
        #expect(try FontTestFonts.file(FontTestFonts.libertineItalic).path.hasSuffix("/LinLibertine_RI.otf"))
        #expect(try FontTestFonts.file(FontTestFonts.libertineSemibold).path.hasSuffix("/LinLibertine_RZ.otf"))
        #expect(try FontTestFonts.file(FontFace(family: "linux libertine o", weight: .bold, italic: true)).path.hasSuffix("/LinLibertine_RBI.otf"))
        // DejaVu's regular is "Book" (weight 380): it serves for 400.
        #expect(try FontTestFonts.file(FontTestFonts.dejaVuSerif).path.hasSuffix("/DejaVuSerif.ttf"))
    }

    @Test func aSubstituteFamilyIsAnError() {
        #expect {
            try FontLocator.locate(FontFace(family: "Artexport Nonexistent Serif"))
        } throws: { error in
            let e = error as? ExportError
            return e?.kind == .badInput && e?.description.contains("no installed font provides the family `Artexport Nonexistent Serif`") == true
        }
    }

    @Test func aSubstituteWeightIsAnError() {
        // DejaVu Serif has no semibold: fontconfig's nearest is the bold.
        #expect {
            try FontLocator.locate(FontFace(family: "DejaVu Serif", weight: .semibold))
        } throws: { error in
            let text = (error as? ExportError)?.description ?? ""
            return text.contains("`DejaVu Serif` semibold (600)") && text.contains("weight 700")
        }
    }
}
