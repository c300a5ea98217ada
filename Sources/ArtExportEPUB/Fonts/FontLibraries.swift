import ArtExportCore

/// HarfBuzz (with its subsetter) and fontconfig, loaded on the first export that
/// embeds a font (Sources/CHarfBuzzSubset/shim.h says why not at start-up).
enum FontLibraries {
    /// `hbs_open()`'s answer as an error. Every Swift file that calls the shim
    /// passes its own `hbs_open()`: the shim's functions are `static inline`, so
    /// each object file holds its own table of function pointers to fill.
    static func check(_ failure: UnsafePointer<CChar>?) throws(ExportError) {
        if let failure {
            throw ExportError(.unavailable, "embedding fonts needs HarfBuzz and fontconfig (apt-get install libharfbuzz-subset0 libfontconfig1): \(String(cString: failure))")
        }
    }
}
