/// Percent-encoding over UTF-8 bytes, for strings that other software copies
/// into its own syntax without escaping (cairo into PDF, for one).
package enum PercentEncoding {
    /// `s` with every byte for which `keep` is false written as `%XX`
    /// (upper-case hex). With `keepingEscapes`, a `%` followed by two hex digits
    /// is taken to be an escape already and stays as written; any other `%` is
    /// encoded, so the result always decodes to `s`'s bytes (less those escapes).
    package static func encode(_ s: String, keepingEscapes: Bool, keep: (UInt8) -> Bool) -> String {
        let bytes = Array(s.utf8)
        // Most strings need nothing: return them without copying.
        var clean = true
        for (i, b) in bytes.enumerated() where !keep(b) {
            if keepingEscapes && isEscape(bytes, at: i) { continue }
            clean = false
            break
        }
        if clean { return s }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 3)
        for (i, b) in bytes.enumerated() {
            if keep(b) || (keepingEscapes && isEscape(bytes, at: i)) {
                out.append(b)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    private static func isEscape(_ bytes: [UInt8], at i: Int) -> Bool {
        bytes[i] == UInt8(ascii: "%") && i + 2 < bytes.count && isHexDigit(bytes[i + 1]) && isHexDigit(bytes[i + 2])
    }

    static func isHexDigit(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x66)
    }

    /// ASCII letters and digits.
    package static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A)
    }
}
