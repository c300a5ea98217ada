/// A file name as the operating system holds it: bytes, not text. A name that is
/// not valid UTF-8 (an old Latin-1 archive, a name from a zip file) still opens,
/// and messages show it quoted and escaped instead of repaired beyond recognition.
package struct LocalPath: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The name's bytes, without a terminating NUL.
    package private(set) var bytes: [UInt8]

    package init(_ string: String) { bytes = Array(string.utf8) }
    package init(stringLiteral value: String) { self.init(value) }
    package init(bytes: [UInt8]) { self.bytes = bytes }

    package var isEmpty: Bool { bytes.isEmpty }

    /// The name as text; invalid bytes become U+FFFD. For display use `description`.
    package var string: String { String(decoding: bytes, as: UTF8.self) }

    /// The name for messages: as written when it is plain printable UTF-8, else in
    /// double quotes with C escapes (`"a\nb.txt"`, `"caf\xE9.txt"`), so a name can
    /// neither forge a line of output nor hide a control character.
    package var description: String {
        if !bytes.isEmpty, SourceText.firstInvalidUTF8(bytes[...]) == nil,
           !string.unicodeScalars.contains(where: LocalPath.needsEscape) {
            return string
        }
        var out = "\""
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                switch b {
                case 0x0A: out += "\\n"
                case 0x09: out += "\\t"
                case 0x0D: out += "\\r"
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(b))
                default: out += LocalPath.hex(b)
                }
                i += 1
                continue
            }
            // A valid multi-byte sequence stays readable unless it is a format or control character.
            let length = LocalPath.sequenceLength(bytes, at: i)
            if length > 0, let scalar = String(decoding: bytes[i..<i + length], as: UTF8.self).unicodeScalars.first,
               !LocalPath.needsEscape(scalar) {
                out.unicodeScalars.append(scalar)
                i += length
            } else {
                let n = max(length, 1)
                for k in i..<i + n { out += LocalPath.hex(bytes[k]) }
                i += n
            }
        }
        return out + "\""
    }

    /// The folder part (`a/b` of `a/b/c.txt`; `.` for a bare name; `/` for `/x`).
    package var directory: LocalPath {
        guard let slash = bytes.lastIndex(of: 0x2F) else { return "." }
        return slash == 0 ? "/" : LocalPath(bytes: Array(bytes[..<slash]))
    }

    /// The last component (`c.txt` of `a/b/c.txt`).
    package var lastComponent: LocalPath {
        guard let slash = bytes.lastIndex(of: 0x2F) else { return self }
        return LocalPath(bytes: Array(bytes[(slash + 1)...]))
    }

    /// The last component without its extension (`c` of `a/c.txt`; `.profile` stays whole).
    package var stem: LocalPath {
        let last = lastComponent.bytes
        guard let dot = last.lastIndex(of: 0x2E), dot > 0 else { return LocalPath(bytes: last) }
        return LocalPath(bytes: Array(last[..<dot]))
    }

    /// `self/component`.
    package func appending(_ component: LocalPath) -> LocalPath {
        if bytes.isEmpty { return component }
        return LocalPath(bytes: bytes.last == 0x2F ? bytes + component.bytes : bytes + [0x2F] + component.bytes)
    }

    /// Calls `body` with the name as a NUL-terminated C string.
    package func withCString<R>(_ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        try (bytes.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    private static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0..<0x20, 0x7F...0x9F, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: return true
        default: return s == "\"" || s == "\\"
        }
    }

    private static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "\\x" + String(digits[Int(b >> 4)]) + String(digits[Int(b & 0xF)])
    }

    /// Length of the valid UTF-8 sequence at `i`, or 0.
    private static func sequenceLength(_ bytes: [UInt8], at i: Int) -> Int {
        let end = min(bytes.count, i + 4)
        for length in 2...4 where i + length <= end {
            if SourceText.firstInvalidUTF8(bytes[i..<i + length]) == nil { return length }
        }
        return 0
    }
}
