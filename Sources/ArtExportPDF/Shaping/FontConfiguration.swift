import ArtExportCore
import CPangoCairo
import Synchronization

/// The fontconfig configuration every document's font map uses: the system's,
/// with two changes. Colour fonts are rejected: cairo 1.16 paints colour emoji
/// as low-resolution images with no text behind them, which breaks extraction
/// and reading order. And the `emoji` family Pango asks for starts with
/// Symbola, a real outline font that embeds and extracts.
enum FontConfiguration {
    static let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
        <fontconfig>
          <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
          <selectfont><rejectfont><pattern><patelt name="color"><bool>true</bool></patelt></pattern></rejectfont></selectfont>
          <match target="pattern">
            <test name="family"><string>emoji</string></test>
            <edit name="family" mode="prepend" binding="strong"><string>Symbola</string></edit>
          </match>
        </fontconfig>
        """

    /// Built once per process (it scans the font cache), then shared. Kept as
    /// the address of the FcConfig: once built, fontconfig only reads a
    /// configuration, and its functions lock internally, so any thread may use it.
    private static let shared = Mutex<Int>(0)

    private static func config() -> OpaquePointer? {
        let address = shared.withLock { address -> Int in
            if address == 0 {
                let c = FcConfigCreate()
                if FcConfigParseAndLoadFromMemory(c, xml, 1) != 0, FcConfigBuildFonts(c) != 0 {
                    address = Int(bitPattern: UnsafeRawPointer(c))
                } else {
                    FcConfigDestroy(c)
                    address = -1              // use the default configuration
                }
            }
            return address
        }
        return address > 0 ? OpaquePointer(bitPattern: address) : nil
    }

    /// Builds the configuration now rather than on the first document's first font.
    static func prepare() {
        _ = config()
    }

    /// Whether an installed font has `family` among its family names (fontconfig
    /// matches a font by any of them: "EB Garamond 12" as well as "EB Garamond").
    static func hasFamily(_ family: String) -> Bool {
        guard let pattern = FcPatternCreate() else { return false }
        defer { FcPatternDestroy(pattern) }
        _ = family.withCString { FcPatternAddString(pattern, FC_FAMILY, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) }
        guard let objects = FcObjectSetCreate() else { return false }
        defer { FcObjectSetDestroy(objects) }
        _ = FcObjectSetAdd(objects, FC_FAMILY)
        guard let list = FcFontList(config(), pattern, objects) else { return false }
        defer { FcFontSetDestroy(list) }
        return list.pointee.nfont > 0
    }

    /// A font map on this configuration for one document, taken from those earlier
    /// documents gave back, else new. A font map keeps the fallback lists fontconfig
    /// sorted for each family, language and style; a new one per document sorted them
    /// all again (a sixth of a PDF's instructions). Pango objects are not thread-safe,
    /// so a map serves one document at a time; a batch keeps one per job running.
    static func fontMap() -> UnsafeMutablePointer<PangoFontMap> {
        if let address = idle.withLock({ $0.popLast() }) {
            return UnsafeMutablePointer(bitPattern: address)!
        }
        let map = pango_cairo_font_map_new()!
        if let config = config() {
            pango_fc_font_map_set_config(OpaquePointer(map), config)
        }
        return map
    }

    /// Gives back a map from `fontMap()` once its document is done with it.
    static func recycle(_ map: UnsafeMutablePointer<PangoFontMap>) {
        idle.withLock { $0.append(Int(bitPattern: map)) }
    }

    /// Maps no document is using, as addresses (a pointer is not Sendable); never freed,
    /// as the configuration is not: they hold what every later document would load again.
    private static let idle = Mutex<[Int]>([])
}
