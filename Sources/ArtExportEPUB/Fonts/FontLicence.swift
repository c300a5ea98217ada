import ArtExportCore

/// Whether a font's own terms let an EPUB carry a subset of it, read from the
/// font: its `name` table's licence (IDs 13 and 14; the copyright, ID 0, for
/// GPL's font exception) and its OS/2 `fsType` embedding bits. Only licences
/// known to allow embedding a modified (subset) copy pass; a font that names
/// none is refused, since silence grants nothing.
struct FontLicence: Equatable {
    enum Kind: String, Sendable, CaseIterable {
        case openFont = "SIL Open Font License"
        case apache = "Apache License"
        case gplFontException = "GPL with font exception"
        case bitstreamVera = "Bitstream Vera licence"
        case ubuntu = "Ubuntu Font Licence"

        /// Lower-cased phrases, any one of which names the licence.
        fileprivate var phrases: [String] {
            switch self {
            case .openFont: return ["open font license", "openfontlicense.org", "sil.org/ofl"]
            case .apache: return ["apache license", "apache.org/licenses"]
            case .gplFontException: return ["font exception", "font-exception"]
            case .bitstreamVera: return ["bitstream vera", "dejavu-fonts.org/wiki/license", "dejavu.sourceforge.net/wiki/index.php/license"]
            case .ubuntu: return ["ubuntu font licence", "ubuntu font license", "font.ubuntu.com/ufl"]
            }
        }
    }

    var kind: Kind
    /// `fsType`, 0 (installable) when the font has no OS/2 table.
    var fsType: UInt16

    /// The font's terms: its licence, or an error naming the family, the file and
    /// what the font says.
    static func check(_ font: HarfBuzzFace, family: String) throws(ExportError) -> FontLicence {
        let os2 = font.table("OS/2")
        let fsType = os2.count >= 10 ? UInt16(os2[8]) << 8 | UInt16(os2[9]) : 0
        return try judge(family: family, file: font.source, fsType: fsType,
                         licence: [font.name(13), font.name(14)].compactMap { $0 }, copyright: font.name(0))
    }

    /// The decision, on what `check` reads.
    static func judge(family: String, file: String, fsType: UInt16, licence: [String], copyright: String?) throws(ExportError) -> FontLicence {
        let who = "`\(family)` (\(file))"
        // Bits 1-3 (OpenType OS/2): restricted, preview & print, editable; none
        // set is installable. An older font may set several: the least
        // restrictive counts.
        if fsType & 0x0008 == 0 {
            if fsType & 0x0004 != 0 {
                throw ExportError(.badInput, "the font \(who) may not be embedded in an EPUB: its fsType (0x\(hex(fsType))) allows embedding for preview and print only, and an EPUB is a document a reader can copy text from and keep; choose another family")
            }
            if fsType & 0x0002 != 0 {
                throw ExportError(.badInput, "the font \(who) may not be embedded: its fsType (0x\(hex(fsType))) marks it restricted-licence (no embedding without the owner's permission); choose another family")
            }
        }
        if fsType & 0x0100 != 0 {
            throw ExportError(.badInput, "the font \(who) may not be subset: its fsType (0x\(hex(fsType))) forbids it, and artexport embeds only the characters an article shows; choose another family")
        }
        if fsType & 0x0200 != 0 {
            throw ExportError(.badInput, "the font \(who) allows only its bitmaps to be embedded (fsType 0x\(hex(fsType))); choose another family")
        }
        let text = licence.joined(separator: " ").lowercased()
        for kind in Kind.allCases where kind != .gplFontException && kind.phrases.contains(where: text.contains) {
            return FontLicence(kind: kind, fsType: fsType)
        }
        // GPL alone would make the book a derivative work: the font exception is
        // what allows embedding, stated in the licence or in the copyright.
        let gplText = (text + " " + (copyright ?? "").lowercased())
        if gplText.contains("gpl") || gplText.contains("general public license"),
           Kind.gplFontException.phrases.contains(where: gplText.contains) {
            return FontLicence(kind: .gplFontException, fsType: fsType)
        }
        let says = licence.isEmpty
            ? "names no licence (its name table has no entry 13 or 14)"
            : "says “\(excerpt(licence.joined(separator: " / ")))”"
        throw ExportError(.badInput, "the font \(who) may not be embedded: it \(says), which is not a licence artexport knows to allow embedding (\(Kind.allCases.map(\.rawValue).joined(separator: ", "))); choose another family, or check its terms and embed none")
    }

    private static func hex(_ v: UInt16) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The licence text on one line, cut at 200 characters.
    private static func excerpt(_ s: String) -> String {
        let line = s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return line.count > 200 ? String(line.prefix(200)) + "…" : line
    }
}
