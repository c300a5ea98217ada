/// Escaping for XML text and attribute values (the EPUB's documents, the PDF's XMP
/// metadata). Characters XML 1.0 cannot carry are dropped here too, so a library
/// caller's Article can never produce a document that is not well-formed.
package enum XML {
    package static func text(_ s: String) -> String {
        escape(s, attribute: false)
    }

    package static func attribute(_ s: String) -> String {
        escape(s, attribute: true)
    }

    /// `text` of these scalars, appended as UTF-8: what `text(String(scalars))` gives,
    /// without the string in between.
    package static func appendText(_ scalars: ArraySlice<Unicode.Scalar>, to out: inout [UInt8]) {
        for scalar in scalars {
            switch scalar.value {
            case 0..<0x80: appendEscaped(UInt8(scalar.value), attribute: false, to: &out)
            case 0xFFFE, 0xFFFF: break                 // forbidden in XML 1.0
            default: UTF8.encode(scalar) { out.append($0) }
            }
        }
    }

    private static func escape(_ s: String, attribute: Bool) -> String {
        var needs = false
        for b in s.utf8 where b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "&")
            || b == UInt8(ascii: "\"") || b < 0x20 || b == 0xEF {
            needs = true
            break
        }
        guard needs else { return s }
        // Bytes, not String.UnicodeScalarView: appending to a scalar view copies the
        // whole string each time in this Swift, which made escaping quadratic.
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8 + 16)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBF, bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF {
                i += 3                                 // U+FFFE, U+FFFF: forbidden
                continue
            }
            appendEscaped(bytes[i], attribute: attribute, to: &out)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One byte of UTF-8 escaped: the rules for ASCII, shared by strings and scalars.
    @inline(__always)
    private static func appendEscaped(_ b: UInt8, attribute: Bool, to out: inout [UInt8]) {
        switch b {
        case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
        case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)   // `]]>` must not appear in text
        case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
        case UInt8(ascii: "\""):
            if attribute { out.append(contentsOf: "&quot;".utf8) } else { out.append(b) }
        case 0x0A, 0x09, 0x0D:
            // Attribute values would normalise these to spaces; keep them.
            if attribute { out.append(contentsOf: "&#\(b);".utf8) } else { out.append(b) }
        case 0..<0x20:
            break                                      // forbidden in XML 1.0
        default:
            out.append(b)
        }
    }
}

/// A small builder for indented XML/XHTML text.
package struct XMLBuilder {
    package private(set) var output = ""
    private var depth = 0

    package init(declaration: Bool = true) {
        if declaration { output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" }
    }

    package mutating func raw(_ line: String) {
        output += String(repeating: "  ", count: depth) + line + "\n"
    }

    package mutating func open(_ tag: String, _ attributes: [(String, String)] = []) {
        raw("<\(tag)\(Self.attributes(attributes))>")
        depth += 1
    }

    package mutating func close(_ tag: String) {
        depth -= 1
        raw("</\(tag)>")
    }

    /// `<tag attrs>escaped text</tag>` on one line.
    package mutating func element(_ tag: String, _ attributes: [(String, String)] = [], text: String) {
        raw("<\(tag)\(Self.attributes(attributes))>\(XML.text(text))</\(tag)>")
    }

    /// `<tag attrs>markup</tag>` on one line, the content already XML.
    package mutating func element(_ tag: String, _ attributes: [(String, String)] = [], markup: String) {
        raw("<\(tag)\(Self.attributes(attributes))>\(markup)</\(tag)>")
    }

    package mutating func empty(_ tag: String, _ attributes: [(String, String)] = []) {
        raw("<\(tag)\(Self.attributes(attributes))/>")
    }

    package static func attributes(_ list: [(String, String)]) -> String {
        list.map { " \($0.0)=\"\(XML.attribute($0.1))\"" }.joined()
    }
}
