/// A font request in the theme's terms; Pango resolves it (with fallback for
/// characters the first family lacks) to concrete fonts.
package struct FontSpec: Sendable, Hashable {
    package enum Weight: Int, Sendable, Hashable { case regular = 400, medium = 500, semibold = 600, bold = 700 }

    /// Families in order of preference, the fallback families last.
    package var families: [String]
    /// Size in points.
    package var size: Double
    package var weight: Weight
    package var italic: Bool
    /// OpenType features, e.g. `smcp` for small capitals, `onum` for old-style figures.
    package var features: [String]

    package init(families: [String], size: Double, weight: Weight = .regular, italic: Bool = false, features: [String] = []) {
        self.families = families
        self.size = size
        self.weight = weight
        self.italic = italic
        self.features = features
    }

    package func with(size: Double? = nil, weight: Weight? = nil, italic: Bool? = nil, features: [String]? = nil) -> FontSpec {
        FontSpec(families: families, size: size ?? self.size, weight: weight ?? self.weight,
                 italic: italic ?? self.italic, features: features ?? self.features)
    }
}

/// One face of a family, as a style sheet's `@font-face` names it.
package struct FontFace: Sendable, Hashable {
    package var family: String
    package var weight: FontSpec.Weight
    package var italic: Bool
    package init(family: String, weight: FontSpec.Weight = .regular, italic: Bool = false) {
        self.family = family
        self.weight = weight
        self.italic = italic
    }
}
