/// Unicode properties of the scalars text is mostly made of, from a table.
/// Swift's `Unicode.Scalar.Properties` searches the whole Unicode database on
/// every call: for the bidi and language analysis of every EPUB paragraph that
/// was 38 % of a 9,000-word article's run (perf, 2026-12). Scalars beyond the
/// table ask the standard library, so answers are the same for every scalar
/// (ScalarPropertiesTests compares all of them).
extension Unicode.Scalar {
    /// `properties.generalCategory`.
    package var generalCategory: Unicode.GeneralCategory {
        if let i = ScalarTable.index(self) { return ScalarTable.categories[i] }
        return properties.generalCategory
    }

    /// `properties.isWhitespace`.
    package var isWhitespace: Bool {
        if let i = ScalarTable.index(self) { return ScalarTable.whitespace[i] }
        return properties.isWhitespace
    }
}

/// Two ranges, built at first use (0.3 ms): U+0000–U+07FF (Latin, Greek, Cyrillic,
/// Armenian, Hebrew, Arabic…) and General Punctuation, U+2000–U+206F, which holds
/// the curly quotes, dashes, ellipses and narrow spaces typography puts between
/// the words of every language (a fifth of the scalar lookups of an EPUB run
/// fell there before it was in the table).
private enum ScalarTable {
    static let low: UInt32 = 0x800
    static let punctuation: ClosedRange<UInt32> = 0x2000...0x206F

    @inline(__always) static func index(_ s: Unicode.Scalar) -> Int? {
        let v = s.value
        if v < low { return Int(v) }
        if v &- punctuation.lowerBound <= punctuation.upperBound - punctuation.lowerBound {
            return Int(low + (v - punctuation.lowerBound))
        }
        return nil
    }

    static let categories: [Unicode.GeneralCategory] = table { $0?.properties.generalCategory ?? .surrogate }
    static let whitespace: [Bool] = table { $0?.properties.isWhitespace ?? false }

    /// `property` of every scalar the table holds, in `index` order.
    private static func table<T>(_ property: (Unicode.Scalar?) -> T) -> [T] {
        (Array(0..<low) + Array(punctuation)).map { property(Unicode.Scalar($0)) }
    }
}
