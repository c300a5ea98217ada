import ArtExportCore
import CHarfBuzzSubset

/// An installed font file and the face in it.
struct FontFile: Sendable, Equatable {
    var path: String
    /// The face's index in a collection (`.ttc`); 0 for a single font.
    var index: Int
}

/// A theme's face → the installed file that holds it, through fontconfig. Only
/// this file calls fontconfig. fontconfig always answers with some font; an
/// answer of another family, weight or slant is an error here, never embedded
/// in the asked one's name.
enum FontLocator {
    static func locate(_ face: FontFace) throws(ExportError) -> FontFile {
        try FontLibraries.check(hbs_open())
        guard let pattern = hbs_FcPatternCreate() else {
            throw ExportError(.internalError, "fontconfig could not make a pattern (out of memory)")
        }
        defer { hbs_FcPatternDestroy(pattern) }
        let slant = face.italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN
        guard hbs_FcPatternAddString(pattern, FC_FAMILY, face.family) != 0,
              hbs_FcPatternAddDouble(pattern, FC_WEIGHT, hbs_FcWeightFromOpenTypeDouble(Double(face.weight.rawValue))) != 0,
              hbs_FcPatternAddInteger(pattern, FC_SLANT, slant) != 0 else {
            throw ExportError(.internalError, "fontconfig could not make a pattern (out of memory)")
        }
        hbs_FcConfigSubstitute(pattern)
        hbs_FcDefaultSubstitute(pattern)
        var result = FcResultNoMatch
        guard let match = hbs_FcFontMatch(pattern, &result) else {
            throw ExportError(.badInput, "no installed font provides the family `\(face.family)` (fontconfig finds no font at all)")
        }
        defer { hbs_FcPatternDestroy(match) }
        guard let path = hbs_FcPatternGetString(match, FC_FILE, 0).map({ String(cString: $0) }) else {
            throw ExportError(.badInput, "no installed font provides the family `\(face.family)` (fontconfig's match names no file)")
        }
        var families: [String] = []
        while let name = hbs_FcPatternGetString(match, FC_FAMILY, Int32(families.count)) { families.append(String(cString: name)) }
        guard families.contains(where: { sameFamily($0, face.family) }) else {
            let offered = families.first.map { "fontconfig offers `\($0)` (\(path)) instead" } ?? "fontconfig offers \(path) instead"
            throw ExportError(.badInput, "no installed font provides the family `\(face.family)`: \(offered); install it, or name an installed family (fc-list : family)")
        }
        // A face of the family, but maybe not the asked one: its nearest.
        var fcWeight = 0.0
        guard hbs_FcPatternGetDouble(match, FC_WEIGHT, 0, &fcWeight) == FcResultMatch else {
            throw ExportError(.badInput, "\(path) gives no single weight for `\(face.family)` (a variable font?); install static faces of it")
        }
        let weight = Int(hbs_FcWeightToOpenTypeDouble(fcWeight).rounded())
        var matchedSlant: Int32 = 0
        _ = hbs_FcPatternGetInteger(match, FC_SLANT, 0, &matchedSlant)
        // Within a hundred: a "Book" (380) serves for 400, a bold (700) not for 600.
        guard abs(weight - face.weight.rawValue) < 100, (matchedSlant != FC_SLANT_ROMAN) == face.italic else {
            let found = "weight \(weight)\(matchedSlant != FC_SLANT_ROMAN ? " italic" : "")"
            throw ExportError(.badInput, "no installed font provides \(face.described): the nearest face of the family is \(found) (\(path)); install that face, or embed one that is installed")
        }
        var index: Int32 = 0
        _ = hbs_FcPatternGetInteger(match, FC_INDEX, 0, &index)
        // The upper 16 bits number a variable font's named instances: subsetting
        // would keep the default instance, not the one matched.
        guard index >> 16 == 0 else {
            throw ExportError(.badInput, "\(face.described) is a named instance of the variable font \(path); install static faces of it")
        }
        return FontFile(path: path, index: Int(index))
    }

    /// fontconfig's comparison of family names: case and blanks do not count.
    static func sameFamily(_ a: String, _ b: String) -> Bool {
        func key(_ s: String) -> String { String(s.lowercased().unicodeScalars.filter { $0 != " " && $0 != "\t" }) }
        return key(a) == key(b)
    }
}

extension FontFace {
    /// "`Linux Libertine O` semibold (600) italic", for messages.
    var described: String {
        "`\(family)` \(weight)" + " (\(weight.rawValue))" + (italic ? " italic" : "")
    }
}
