extension StringProtocol {
    /// Without leading and trailing spaces, tabs and other Unicode white space.
    package var trimmingSpaces: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
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
