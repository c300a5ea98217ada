import ArtExportCore
/// How far a mark at the edge of a line hangs into the margin, as a fraction of its
/// advance: optical margin alignment. A period, a comma or a hyphen at a justified
/// line's end leaves a notch of white the eye reads as a dent in the edge; hung out
/// by most of its width, the letters line up instead. The amounts are those of
/// microtype's default set for text faces (a full stop 700/1000, a colon 500), with
/// typst's lighter dashes, whose long bar would otherwise stick out.
enum Protrusion {
    /// Full stop and comma: almost all of their narrow advance is white.
    static let stop = 0.7
    /// Colon and semicolon: two marks stacked, half white.
    static let colon = 0.5
    /// Exclamation and question marks: mostly ink; a little.
    static let mark = 0.2
    /// A hyphen at the end of a line, the breaker's or the word's own.
    static let hyphen = 0.7
    /// En dash: half of a short bar.
    static let enDash = 0.4
    /// Em dash: a long bar; hung by a quarter it still reads as part of the line.
    static let emDash = 0.25
    /// Quotation marks and guillemets: high, light marks, at either edge.
    static let quote = 0.5
    /// The Arabic comma and full stop (typst's amount).
    static let arabicStop = 0.4

    /// The fraction of a glyph's advance it may hang past the end edge of a line.
    static func end(_ s: Unicode.Scalar) -> Double {
        switch s {
        case ".", ",", "\u{3002}", "\u{FF0C}", "\u{FF0E}": stop
        case ":", ";": colon
        case "!", "?": mark
        case "-", "\u{2010}", "\u{2011}", "\u{00AD}", "\u{05BE}": hyphen
        case "\u{2013}": enDash
        case "\u{2014}": emDash
        case "\u{2019}", "\u{201D}", "'", "\"", "\u{00BB}", "\u{203A}", "\u{00AB}", "\u{2039}": quote
        case "\u{060C}", "\u{06D4}": arabicStop
        default: 0
        }
    }

    /// The fraction of a glyph's advance it may hang before the start edge of a line.
    static func start(_ s: Unicode.Scalar) -> Double {
        switch s {
        case "\u{2018}", "\u{201C}", "\u{201E}", "\u{201A}", "'", "\"", "\u{00AB}", "\u{2039}", "\u{00BB}", "\u{203A}": quote
        default: 0
        }
    }
}
