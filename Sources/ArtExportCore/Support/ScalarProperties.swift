/// Unicode properties of the scalars text is mostly made of, from a table.
/// Swift's `Unicode.Scalar.Properties` searches the whole Unicode database on
/// every call: for the bidi and language analysis of every EPUB paragraph that
/// was 38 % of a 9,000-word article's run (perf, 2026-12). Scalars beyond the
/// table ask the standard library, so answers are the same for every scalar
/// (ScalarPropertiesTests compares all of them).
extension Unicode.Scalar {
    /// `properties.generalCategory`.
    package var generalCategory: Unicode.GeneralCategory {
        value < ScalarTable.size ? ScalarTable.categories[Int(value)] : properties.generalCategory
    }

    /// `properties.isWhitespace`.
    package var isWhitespace: Bool {
        value < ScalarTable.size ? ScalarTable.whitespace[Int(value)] : properties.isWhitespace
    }
}

/// ASCII, Latin-1 and Latin Extended-A and -B: built at first use, 0.1 ms.
private enum ScalarTable {
    static let size: UInt32 = 0x250
    static let categories: [Unicode.GeneralCategory] = (0..<size).map { Unicode.Scalar($0)?.properties.generalCategory ?? .surrogate }
    static let whitespace: [Bool] = (0..<size).map { Unicode.Scalar($0)?.properties.isWhitespace ?? false }
}
