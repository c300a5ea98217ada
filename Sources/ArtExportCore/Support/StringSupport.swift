extension StringProtocol {
    /// Without leading and trailing spaces, tabs and other Unicode white space.
    package var trimmingSpaces: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }

    /// Whether `needle` occurs as a run of bytes: `contains(_:)` of a string goes
    /// through the generic string searcher, which showed at 5–8% of an EPUB export.
    package func containsBytes(_ needle: String) -> Bool {
        let hay = Array(utf8), pin = Array(needle.utf8)
        guard !pin.isEmpty else { return true }
        guard hay.count >= pin.count else { return false }
        outer: for start in 0...(hay.count - pin.count) where hay[start] == pin[0] {
            for k in 1..<pin.count where hay[start + k] != pin[k] { continue outer }
            return true
        }
        return false
    }
}

extension Unicode.Scalar {
    var isLetterOrDigit: Bool {
        properties.isAlphabetic || properties.numericType != nil
    }

    var isSpaceLike: Bool { isWhitespace }

    /// Characters XML 1.0 forbids, literal or escaped.
    var isXMLForbidden: Bool {
        switch value {
        case 0x9, 0xA, 0xD: return false
        case 0..<0x20, 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }
}
