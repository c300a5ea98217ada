/// A font request in the theme's terms; Pango resolves it (with fallback for
/// characters the first family lacks) to concrete fonts.
public struct FontSpec: Sendable, Hashable {
    public enum Weight: Int, Sendable, Hashable { case regular = 400, medium = 500, semibold = 600, bold = 700 }

    /// Families in order of preference, the fallback families last.
    public var families: [String]
    /// Size in points.
    public var size: Double
    public var weight: Weight
    public var italic: Bool
    /// OpenType features, e.g. `smcp` for small capitals, `onum` for old-style figures.
    public var features: [String]

    public init(families: [String], size: Double, weight: Weight = .regular, italic: Bool = false, features: [String] = []) {
        self.families = families
        self.size = size
        self.weight = weight
        self.italic = italic
        self.features = features
    }

    public func with(size: Double? = nil, weight: Weight? = nil, italic: Bool? = nil, features: [String]? = nil) -> FontSpec {
        FontSpec(families: families, size: size ?? self.size, weight: weight ?? self.weight,
                 italic: italic ?? self.italic, features: features ?? self.features)
    }
}

/// One face of a family, as a style sheet's `@font-face` names it.
public struct FontFace: Sendable, Hashable {
    public var family: String
    public var weight: FontSpec.Weight
    public var italic: Bool
    public init(family: String, weight: FontSpec.Weight = .regular, italic: Bool = false) {
        self.family = family
        self.weight = weight
        self.italic = italic
    }
}
