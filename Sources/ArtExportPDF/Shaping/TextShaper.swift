import ArtExportCore
import CCairo
import CGLib
import CPangoCairo

/// The Pango wrapper: one per document job. It owns the context and a reference
/// to every font it hands out (as a `FontID`), and frees them all in `deinit`; the
/// font map it borrows for the document (`FontConfiguration.fontMap()`). Nothing Pango leaves this type except glyph numbers and the
/// cairo scaled fonts the painter asks for while the shaper is alive.
final class TextShaper {
    private let fontMap: UnsafeMutablePointer<PangoFontMap>
    private let context: OpaquePointer
    private var fonts: [UnsafeMutablePointer<PangoFont>] = []
    private var fontIndex: [UnsafeMutablePointer<PangoFont>: FontID] = [:]
    private var descriptions: [FontSpec: OpaquePointer] = [:]
    /// The regional Noto CJK face for the document's language (Japanese forms
    /// for ja, traditional for zh-TW…); themes name the simplified Chinese one.
    private let cjkFamily: String

    static func cjkFamily(for language: LanguageTag) -> String {
        let v = language.value
        switch language.primary {
        case "ja": return "Noto Serif CJK JP"
        case "ko": return "Noto Serif CJK KR"
        case "zh" where v.contains("Hant") || v.hasSuffix("-TW") || v.hasSuffix("-MO"): return "Noto Serif CJK TC"
        case "zh" where v.hasSuffix("-HK"): return "Noto Serif CJK HK"
        default: return "Noto Serif CJK SC"
        }
    }

    init(language: LanguageTag) {
        fontMap = FontConfiguration.fontMap()
        context = pango_font_map_create_context(fontMap)
        cjkFamily = Self.cjkFamily(for: language)
        // 72 dpi: Pango's units are then points, as in the PDF.
        pango_cairo_context_set_resolution(context, 72)
        // Unrounded advances: rounding to whole points spaces letters unevenly.
        pango_context_set_round_glyph_positions(context, 0)
        pango_context_set_language(context, pango_language_from_string(language.value))
    }

    deinit {
        for (_, font) in alternates { cairo_scaled_font_destroy(font) }
        for font in fonts { g_object_unref(font) }
        for (_, desc) in descriptions { pango_font_description_free(desc) }
        g_object_unref(UnsafeMutableRawPointer(context))
        FontConfiguration.recycle(fontMap)
    }

    var fontCount: Int { fonts.count }


    /// A human-readable name of a font in the table ("EB Garamond Italic 11").
    func describe(_ font: FontID) -> String {
        let desc = pango_font_describe_with_absolute_size(fonts[font])
        defer { pango_font_description_free(desc) }
        let s = pango_font_description_to_string(desc)
        defer { g_free(s) }
        return s.map { String(cString: $0) } ?? "?"
    }

    /// The PostScript-ish family name of the face actually used (for tests).
    func family(_ font: FontID) -> String {
        let desc = pango_font_describe(fonts[font])
        defer { pango_font_description_free(desc) }
        return pango_font_description_get_family(desc).map { String(cString: $0) } ?? "?"
    }

    /// The cairo scaled font for drawing `font` (valid while the shaper lives).
    func scaledFont(_ font: FontID) -> OpaquePointer? {
        pango_cairo_font_get_scaled_font(OpaquePointer(fonts[font]))
    }

    /// `font` drawn from a second cairo face of its file, for runs of its alternates
    /// (small capitals, old-style figures): cairo keeps the glyphs of each face in
    /// subsets of their own, with one glyph per one-byte code, so the face's own
    /// glyphs and its alternates both keep their characters' codes and their text.
    /// The face differs from Pango's only in FreeType's autohinter flag, which
    /// unhinted outlines (all a PDF draws) ignore; nil when cairo cannot make it.
    func alternatesFont(_ font: FontID) -> OpaquePointer? {
        if let known = alternates[font] { return known }
        guard let scaled = scaledFont(font),
              let pattern = pango_fc_font_get_pattern(UnsafeMutableRawPointer(fonts[font]).assumingMemoryBound(to: PangoFcFont.self)),
              let copy = FcPatternDuplicate(pattern) else { return nil }
        defer { FcPatternDestroy(copy) }
        _ = FcPatternDel(copy, FC_AUTOHINT)
        _ = FcPatternAddBool(copy, FC_AUTOHINT, 1)
        guard let face = cairo_ft_font_face_create_for_pattern(copy) else { return nil }
        defer { cairo_font_face_destroy(face) }
        guard let twin = Self.scaledFont(like: scaled, face: face) else { return nil }
        guard cairo_scaled_font_status(twin) == CAIRO_STATUS_SUCCESS, cairo_scaled_font_get_font_face(twin) != cairo_scaled_font_get_font_face(scaled) else {
            cairo_scaled_font_destroy(twin)
            return nil
        }
        alternates[font] = twin
        return twin
    }

    private var alternates: [FontID: OpaquePointer] = [:]

    /// A scaled font of `face` at `scaled`'s size, transformation and options, with
    /// `adjust` applied to the options; the caller destroys it.
    static func scaledFont(like scaled: OpaquePointer, face: OpaquePointer?,
                           adjust: (OpaquePointer) -> Void = { _ in }) -> OpaquePointer? {
        var matrix = cairo_matrix_t(), ctm = cairo_matrix_t()
        cairo_scaled_font_get_font_matrix(scaled, &matrix)
        cairo_scaled_font_get_ctm(scaled, &ctm)
        let options = cairo_font_options_create()!
        defer { cairo_font_options_destroy(options) }
        cairo_scaled_font_get_font_options(scaled, options)
        adjust(options)
        return cairo_scaled_font_create(face, &matrix, &ctm, options)
    }

    /// The glyph `font`'s character map gives `scalar`, the one a reader's text
    /// search and cairo's one-byte subsets take for that character; nil when it has none.
    func nominalGlyph(_ font: FontID, _ scalar: Unicode.Scalar) -> UInt32? {
        if scalar.isASCII {
            if font >= nominalASCII.count { nominalASCII += Array(repeating: [], count: font + 1 - nominalASCII.count) }
            if nominalASCII[font].isEmpty {
                nominalASCII[font] = (0..<128).map { lookUpNominal(font, $0) ?? .max }
            }
            let glyph = nominalASCII[font][Int(scalar.value)]
            return glyph == .max ? nil : glyph
        }
        return lookUpNominal(font, scalar.value)
    }

    private func lookUpNominal(_ font: FontID, _ code: UInt32) -> UInt32? {
        guard let hb = pango_font_get_hb_font(fonts[font]) else { return nil }
        var glyph: hb_codepoint_t = 0
        return hb_font_get_nominal_glyph(hb, code, &glyph) != 0 ? glyph : nil
    }

    /// `nominalGlyph` of each ASCII character by font, on first use (.max: none).
    private var nominalASCII: [[UInt32]] = []

    private func description(for spec: FontSpec) -> OpaquePointer {
        if let d = descriptions[spec] { return d }
        let d = pango_font_description_new()!
        let families = spec.families.map { $0.hasPrefix("Noto Serif CJK") ? cjkFamily : $0 }
        pango_font_description_set_family(d, families.joined(separator: ","))
        pango_font_description_set_absolute_size(d, spec.size * Double(PANGO_SCALE))
        pango_font_description_set_weight(d, PangoWeight(rawValue: UInt32(spec.weight.rawValue)))
        pango_font_description_set_style(d, spec.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        descriptions[spec] = d
        return d
    }

    private func register(_ font: UnsafeMutablePointer<PangoFont>) -> FontID {
        if let id = fontIndex[font] { return id }
        g_object_ref(font)
        fonts.append(font)
        fontIndex[font] = fonts.count - 1
        return fonts.count - 1
    }

    /// Itemizes (font fallback, bidi) and shapes (HarfBuzz) the whole text with
    /// its paragraph as context. `rtl` sets the paragraph's base direction.
    func shape(_ styled: StyledText, rtl: Bool = false) -> ShapedText {
        let bytes = Array(styled.text.utf8)
        guard !bytes.isEmpty else { return ShapedText(text: [], glyphs: [], clusters: [], missing: []) }
        let attrs = pango_attr_list_new()
        defer { pango_attr_list_unref(attrs) }
        for span in styled.spans {
            let fontAttr = pango_attr_font_desc_new(description(for: span.font))!
            fontAttr.pointee.start_index = UInt32(span.range.lowerBound)
            fontAttr.pointee.end_index = UInt32(span.range.upperBound)
            pango_attr_list_insert(attrs, fontAttr)
            if !span.font.features.isEmpty {
                let features = pango_attr_font_features_new(span.font.features.joined(separator: ","))!
                features.pointee.start_index = UInt32(span.range.lowerBound)
                features.pointee.end_index = UInt32(span.range.upperBound)
                pango_attr_list_insert(attrs, features)
            }
        }

        var glyphs: [ShapedText.Glyph] = []
        var clusters: [ShapedText.Cluster] = []
        glyphs.reserveCapacity(bytes.count)
        clusters.reserveCapacity(bytes.count)
        let glyphString = pango_glyph_string_new()!
        defer { pango_glyph_string_free(glyphString) }
        var spanIndex = 0
        var missing: [UInt32] = []

        bytes.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            let items = pango_itemize_with_base_dir(context, rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR,
                                                    base, 0, Int32(bytes.count), attrs, nil)
            defer {
                var node = items
                while let n = node {
                    pango_item_free(n.pointee.data.assumingMemoryBound(to: PangoItem.self))
                    node = n.pointee.next
                }
                g_list_free(items)
            }
            var node = items
            while let n = node {
                node = n.pointee.next
                let item = n.pointee.data.assumingMemoryBound(to: PangoItem.self)
                let offset = Int(item.pointee.offset), length = Int(item.pointee.length)
                var analysis = item.pointee.analysis
                let font = register(analysis.font)
                let level = analysis.level
                let rtl = level % 2 == 1
                while spanIndex + 1 < styled.spans.count, styled.spans[spanIndex].range.upperBound <= offset { spanIndex += 1 }

                // Clusters of the item in logical order: start byte, glyphs, advance. A
                // long run of marks is shaped in pieces (see `segments`).
                let pieces = Self.segments(buffer, offset..<(offset + length))
                // Glyphs are stored in visual order: a right-to-left item's last piece first.
                var shaped: [[(start: Int, glyphs: Range<Int>, advance: Double)]] = Array(repeating: [], count: pieces.count)
                for p in rtl ? Array(pieces.indices.reversed()) : Array(pieces.indices) {
                    let piece = pieces[p]
                    pango_shape_with_flags(base + piece.lowerBound, Int32(piece.count), base, Int32(bytes.count),
                                           &analysis, glyphString, PANGO_SHAPE_NONE)
                    let count = Int(glyphString.pointee.num_glyphs)
                    let info = glyphString.pointee.glyphs!
                    let logClusters = glyphString.pointee.log_clusters!
                    // Group glyphs into clusters by their start byte; glyph order is
                    // visual, so an RTL item lists its clusters from the end.
                    var pieceClusters: [(start: Int, glyphs: Range<Int>, advance: Double)] = []
                    var g = 0
                    while g < count {
                        let start = Int(logClusters[g])
                        var end = g + 1
                        while end < count, Int(logClusters[end]) == start { end += 1 }
                        var advance = 0.0
                        let first = glyphs.count
                        for k in g..<end {
                            let geo = info[k].geometry
                            let w = Double(geo.width) / Double(PANGO_SCALE)
                            advance += w
                            // Default-ignorable characters (ZWJ, variation selectors) have no glyph.
                            if info[k].glyph == Self.emptyGlyph { continue }
                            if info[k].glyph & Self.unknownGlyphFlag != 0 {
                                // A line break (a Markdown hard break) is the setter's, not a character to draw.
                                let scalar = info[k].glyph & ~Self.unknownGlyphFlag
                                if scalar != 0x0A { missing.append(scalar) }
                                continue
                            }
                            glyphs.append(.init(id: info[k].glyph, advance: w,
                                                xOffset: Double(geo.x_offset) / Double(PANGO_SCALE),
                                                yOffset: Double(geo.y_offset) / Double(PANGO_SCALE)))
                        }
                        pieceClusters.append((piece.lowerBound + start, first..<glyphs.count, advance))
                        g = end
                    }
                    if rtl { pieceClusters.reverse() }
                    shaped[p] = pieceClusters
                }
                // Pango's clusters are characters (a mark HarfBuzz does not compose is a
                // cluster of its own), so the pieces' clusters are the item's.
                let itemClusters = Array(shaped.joined())
                // Clusters are in byte order, so the span index only moves forward.
                var s = spanIndex
                for (k, c) in itemClusters.enumerated() {
                    let end = k + 1 < itemClusters.count ? itemClusters[k + 1].start : offset + length
                    let byteRange = c.start..<end
                    while s + 1 < styled.spans.count, styled.spans[s].range.upperBound <= byteRange.lowerBound { s += 1 }
                    clusters.append(.init(bytes: byteRange, glyphs: c.glyphs, advance: c.advance, font: font, level: level, span: s))
                }
            }
        }
        return ShapedText(text: bytes, glyphs: glyphs, clusters: clusters, missing: missing)
    }

    /// Most marks HarfBuzz sees on one letter in one call. HarfBuzz 6 attaches each mark
    /// by walking back over the marks before it to their base, so one letter with n
    /// marks costs n² (50,000 accents on one letter took seconds). Text puts a few
    /// marks on a letter; Unicode's Stream-Safe Text Format allows 30. Past that, the
    /// marks are shaped in pieces of 30, each piece's drawn unattached at the letter's
    /// end: every mark keeps its glyph and its text.
    static let maxMarksPerShape = 30

    /// The byte range `range` of `text` cut after every `maxMarksPerShape` marks in a
    /// row; usually one piece. A cut is always inside one letter's grapheme: marks
    /// never start one after a mark.
    static func segments(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var start = range.lowerBound
        var run = 0
        var i = range.lowerBound
        while i < range.upperBound {
            let b = text[i]
            if b < 0xCC { run = 0; i += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4; continue }  // below U+0300: no marks
            let length = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            var value = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for k in 1..<length where i + k < range.upperBound { value = value << 6 | UInt32(text[i + k] & 0x3F) }
            if let scalar = Unicode.Scalar(value), extendsGrapheme(scalar) {
                run += 1
                if run > maxMarksPerShape {
                    pieces.append(start..<i)
                    start = i
                    run = 1
                }
            } else {
                run = 0
            }
            i += length
        }
        pieces.append(start..<range.upperBound)
        return pieces
    }

    /// Marks, and the joiners, emoji modifiers and tags that extend a grapheme as marks
    /// do: no line may start with one.
    static func extendsGrapheme(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x200C, 0x200D, 0x1F3FB...0x1F3FF, 0xE0020...0xE007F: return true
        default:
            switch s.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: return true
            default: return false
            }
        }
    }

    /// PANGO_GLYPH_EMPTY and PANGO_GLYPH_UNKNOWN_FLAG (macros Swift does not import).
    static let emptyGlyph: UInt32 = 0x0FFF_FFFF
    static let unknownGlyphFlag: UInt32 = 0x1000_0000

    /// Ascent and descent of the font a spec resolves to for Latin text, in points.
    func metrics(_ spec: FontSpec) -> (ascent: Double, descent: Double) {
        let font = pango_font_map_load_font(fontMap, context, description(for: spec))
        defer { if let font { g_object_unref(font) } }
        guard let font, let m = pango_font_get_metrics(font, nil) else { return (spec.size * 0.8, spec.size * 0.2) }
        defer { pango_font_metrics_unref(m) }
        return (Double(pango_font_metrics_get_ascent(m)) / Double(PANGO_SCALE),
                Double(pango_font_metrics_get_descent(m)) / Double(PANGO_SCALE))
    }
}
