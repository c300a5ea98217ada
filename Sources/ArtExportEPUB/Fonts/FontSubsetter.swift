import ArtExportCore

/// A face cut down to the characters an article shows, as the bytes of a font
/// file an EPUB can carry.
struct FontSubset: Sendable, Equatable {
    /// The outline format, which sets the file's media type (EPUB 3.3 core media types).
    enum Format: Sendable, Equatable {
        /// PostScript outlines (`CFF ` or `CFF2` table).
        case cff
        /// TrueType outlines (`glyf` table).
        case trueType

        var mediaType: String { self == .cff ? "font/otf" : "font/ttf" }
        var fileExtension: String { self == .cff ? "otf" : "ttf" }
        /// The `format()` hint of a `@font-face` source.
        var cssFormat: String { self == .cff ? "opentype" : "truetype" }
    }

    var bytes: [UInt8]
    var format: Format
}

enum FontSubsetter {
    /// Kept beside HarfBuzz's defaults (which hold kerning, ligatures, marks and
    /// the scripts' shaping features): the figures CSS can ask for with
    /// `font-variant-numeric` (the default theme's tables use `tabular-nums`), and
    /// small capitals (`font-variant: small-caps`, `all-small-caps`), which themes
    /// give headings and mastheads: without them a reading system fakes them from
    /// scaled capitals. Swashes are left out.
    static let extraFeatures = ["tnum", "pnum", "lnum", "onum", "smcp", "c2sc"]

    /// Names 0–6 (HarfBuzz's default: copyright, family, style, full name…) and
    /// 7–14, so the subset still carries its trademark, makers and licence, as
    /// the OFL and others require of every copy.
    static let nameIDs = Array(UInt32(0)...14)

    /// `font`, keeping the glyphs of `scalars` that it has (the others are simply
    /// not in it; a reading system takes them from the next family). Hinting is
    /// dropped: e-reader screens render unhinted, and it is a large share of a
    /// TrueType font. Glyphs are renumbered (no retained gaps) for size.
    static func subset(_ font: HarfBuzzFace, to scalars: [UInt32]) throws(ExportError) -> FontSubset {
        let format: FontSubset.Format
        if font.hasTable("CFF ") || font.hasTable("CFF2") {
            format = .cff
        } else if font.hasTable("glyf") {
            format = .trueType
        } else {
            throw ExportError(.badInput, "the font \(font.source) has neither CFF nor TrueType outlines (a bitmap font?): an EPUB cannot embed it")
        }
        let bytes = try font.subset(scalars, .init(extraFeatures: extraFeatures, nameIDs: nameIDs, dropHinting: true))
        return FontSubset(bytes: bytes, format: format)
    }
}
