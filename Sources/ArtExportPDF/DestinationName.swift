import ArtExportCore
/// Names of PDF destinations. cairo 1.16 writes a destination's name into the
/// /Names tree as `(name)` unescaped, and heading and footnote ids come from
/// the Article (a library caller may give any text), so a name reaches cairo
/// only in letters, digits, `-`, `_`, `.` and `%XX` for every other byte. `%`
/// itself is encoded, so two different ids never share a name.
enum DestinationName {
    static func of(_ id: String) -> String {
        PercentEncoding.encode(id, keepingEscapes: false) { b in
            PercentEncoding.isAlphanumeric(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
        }
    }
}
