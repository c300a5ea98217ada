@testable import ArtExportEPUB
import ArtExportCore
import TestSupport
import Testing

@Suite struct FontLicenceTests {
    @Test func installedFreeFontsAreAllowed() throws {
        let libertine = try FontLicence.check(FontTestFonts.open(FontTestFonts.libertine), family: "Linux Libertine O")
        #expect(libertine.kind == .openFont)            // "GPL … AND OFL": the OFL is found
        let dejaVu = try FontLicence.check(FontTestFonts.open(FontTestFonts.dejaVuSerif), family: "DejaVu Serif")
        #expect(dejaVu.kind == .bitstreamVera)
    }

    @Test func restrictedBitIsRefused() throws {
        let path = try FontTestFonts.file(FontTestFonts.libertine).path
        let tmp = try TemporaryDirectory()
        let copy = try tmp.write("restricted.otf", FontTestFonts.patched(path, fsType: 0x0002))
        #expect {
            try FontLicence.check(HarfBuzzFace(path: copy), family: "Linux Libertine O")
        } throws: { error in
            let text = (error as? ExportError)?.description ?? ""
            return text.contains("`Linux Libertine O` (\(copy))") && text.contains("restricted-licence") && text.contains("0x0002")
        }
        // The unpatched copy passes: the refusal is the bit's.
        let same = try tmp.write("same.otf", FontTestFonts.patched(path))
        #expect(try FontLicence.check(HarfBuzzFace(path: same), family: "Linux Libertine O").kind == .openFont)
    }

    @Test func noLicenceIsRefused() throws {
        let path = try FontTestFonts.file(FontTestFonts.dejaVuSerif).path
        let tmp = try TemporaryDirectory()
        let copy = try tmp.write("unlicensed.ttf", FontTestFonts.patched(path, stripLicence: true))
        let font = try HarfBuzzFace(path: copy)
        #expect(font.name(13) == nil && font.name(14) == nil)
        #expect {
            try FontLicence.check(font, family: "DejaVu Serif")
        } throws: { error in
            let text = (error as? ExportError)?.description ?? ""
            return text.contains("`DejaVu Serif` (\(copy))") && text.contains("names no licence")
        }
    }

    @Test func licenceTexts() throws {
        func kind(_ licence: [String], fsType: UInt16 = 0, copyright: String? = nil) -> FontLicence.Kind? {
            try? FontLicence.judge(family: "F", file: "f.ttf", fsType: fsType, licence: licence, copyright: copyright).kind
        }
        #expect(kind(["Licensed under the Apache License, Version 2.0"]) == .apache)
        #expect(kind(["This Font Software is licensed under the SIL Open Font License, Version 1.1."]) == .openFont)
        #expect(kind(["Ubuntu Font Licence 1.0"]) == .ubuntu)
        #expect(kind(["GNU General Public License v2"]) == nil)                       // no font exception
        #expect(kind(["GPL"], copyright: "GPL with font exception") == .gplFontException)
        #expect(kind(["All rights reserved. Contact us for an embedding licence."]) == nil)
        #expect(kind(["Apache License"], fsType: 0x0008) == .apache)                         // editable
        #expect(kind(["Apache License"], fsType: 0x0004) == nil)                             // preview & print only
        #expect(kind(["Apache License"], fsType: 0x000A) == .apache)                         // the least restrictive bit counts
        #expect(kind(["Apache License"], fsType: 0x0100) == nil)                             // no subsetting
        do {
            _ = try FontLicence.judge(family: "Shop Sans", file: "/x/ShopSans.otf", fsType: 0, licence: ["Commercial EULA"], copyright: nil)
            Issue.record("a commercial EULA was allowed")
        } catch {
            #expect(error.description.contains("`Shop Sans` (/x/ShopSans.otf)") && error.description.contains("“Commercial EULA”"))
        }
    }
}
