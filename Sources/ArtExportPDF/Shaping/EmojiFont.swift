import ArtExportCore
import CPangoCairo

/// Noto Color Emoji, read with HarfBuzz, so that an emoji sequence prints as the one
/// colour picture it stands for. cairo 1.16 would paint a colour bitmap font as a
/// 14-pixel image and drop its text (docs/fonts.md §2c), and the fonts the text is
/// shaped with have no colour: a ZWJ family would print as four people, a flag as two
/// boxed letters. So the setter asks this font for the sequence's glyph and its PNG,
/// and the painter draws the picture over an invisible glyph that carries the text.
///
/// Owns its HarfBuzz handles; one per paragraph setter, made when the first emoji is
/// met. The font file is mapped, not read.
final class EmojiFont {
    /// Where Debian's fonts-noto-color-emoji puts the font.
    static let path = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"

    /// One sequence's glyph: its picture and where it sits, in ems of the font size.
    struct Glyph {
        var id: UInt32
        var png: [UInt8]
        var advance: Double
        /// The picture's left edge from the glyph origin, its top above the baseline,
        /// its width and height.
        var x: Double, top: Double, width: Double, height: Double
    }

    private let blob: OpaquePointer
    private let face: OpaquePointer
    private let font: OpaquePointer
    private let upem: Double
    private var known: [String: Glyph?] = [:]

    init?(path: String = EmojiFont.path) {
        guard let blob = hb_blob_create_from_file_or_fail(path) else { return nil }
        guard let face = hb_face_create(blob, 0), hb_face_get_upem(face) > 0,
              let font = hb_font_create(face) else {
            hb_blob_destroy(blob)
            return nil
        }
        self.blob = blob
        self.face = face
        self.font = font
        upem = Double(hb_face_get_upem(face))
        // Metrics in font units: the glyph extents below divide by upem.
        hb_font_set_scale(font, Int32(upem), Int32(upem))
    }

    deinit {
        hb_font_destroy(font)
        hb_face_destroy(face)
        hb_blob_destroy(blob)
    }

    /// The colour glyph `sequence` (one grapheme) shapes to, or nil when the font draws
    /// it with more than one glyph or with none, or has no picture for it.
    func glyph(for sequence: String) -> Glyph? {
        if let found = known[sequence] { return found }
        let found = shape(sequence)
        known[sequence] = found
        return found
    }

    private func shape(_ sequence: String) -> Glyph? {
        guard let buffer = hb_buffer_create() else { return nil }
        defer { hb_buffer_destroy(buffer) }
        let bytes = Array(sequence.utf8)
        bytes.withUnsafeBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) {
                hb_buffer_add_utf8(buffer, $0, Int32(b.count), 0, Int32(b.count))
            }
        }
        hb_buffer_guess_segment_properties(buffer)
        hb_shape(font, buffer, nil, 0)
        var count: UInt32 = 0
        guard let infos = hb_buffer_get_glyph_infos(buffer, &count), count == 1, infos[0].codepoint != 0,
              let positions = hb_buffer_get_glyph_positions(buffer, &count) else { return nil }
        let id = infos[0].codepoint
        guard let pngBlob = hb_ot_color_glyph_reference_png(font, id) else { return nil }
        defer { hb_blob_destroy(pngBlob) }
        var length: UInt32 = 0
        guard let data = hb_blob_get_data(pngBlob, &length), length > 8 else { return nil }
        let png = Array(UnsafeRawBufferPointer(start: data, count: Int(length)))
        var extents = hb_glyph_extents_t()
        guard hb_font_get_glyph_extents(font, id, &extents) != 0, extents.width > 0, extents.height < 0 else { return nil }
        return Glyph(id: id, png: png, advance: Double(positions[0].x_advance) / upem,
                     x: Double(extents.x_bearing) / upem, top: Double(extents.y_bearing) / upem,
                     width: Double(extents.width) / upem, height: Double(-extents.height) / upem)
    }

    /// Whether UTF-8 `text` holds a scalar an emoji sequence can start or be marked
    /// by: one of the emoji planes' (U+1F000 on), an emoji below them (U+203C, ☺),
    /// U+FE0F or U+20E3. Reads the bytes: quotes and dashes (U+2013–U+201D) are no
    /// emoji, and most text has no scalar past U+1FFF.
    static func mayHoldEmoji(_ text: [UInt8]) -> Bool {
        var i = 0
        let count = text.count
        while i < count {
            let b = text[i]
            if b < 0xE2 { i += 1; continue }
            // A 3- or 4-byte sequence: decode it (the shaper's text is valid UTF-8).
            if b >= 0xF0 {
                guard i + 3 < count else { return false }
                let value = (UInt32(b & 0x07) << 18) | (UInt32(text[i + 1] & 0x3F) << 12) | (UInt32(text[i + 2] & 0x3F) << 6) | UInt32(text[i + 3] & 0x3F)
                if value >= 0x1F000 && value < 0x20000 || (0xE0020...0xE007F).contains(value) { return true }
                i += 4
                continue
            }
            guard b < 0xF0, i + 2 < count else { return false }
            let value = (UInt32(b & 0x0F) << 12) | (UInt32(text[i + 1] & 0x3F) << 6) | UInt32(text[i + 2] & 0x3F)
            if value == 0xFE0F || value == 0x20E3 { return true }
            if value < 0x3300, let scalar = Unicode.Scalar(value), scalar.properties.isEmoji { return true }
            i += 3
        }
        return false
    }

    /// Whether a grapheme is one that prints as an emoji picture by default: a
    /// pictograph of emoji presentation, any sequence with U+FE0F (emoji variation) or
    /// U+20E3 (keycap) or a ZWJ between pictographs, a flag (two regional indicators),
    /// a tag sequence. A text-presentation symbol alone (❤, ☺, a digit) stays text.
    static func isEmoji(_ scalars: String.UnicodeScalarView) -> Bool {
        guard let first = scalars.first, first.value >= 0x23 else { return false }
        if first.value < 0x80 {
            // Keycaps: 1️⃣, #️⃣.
            return scalars.contains { $0.value == 0x20E3 }
        }
        if (0x1F1E6...0x1F1FF).contains(first.value) { return scalars.count >= 2 }
        if first.properties.isEmojiPresentation { return true }
        return first.properties.isEmoji && scalars.contains { $0.value == 0xFE0F || $0.value == 0x200D || (0xE0020...0xE007F).contains($0.value) }
    }
}
