/// Where a link may lead once it leaves the library: the one check every writer
/// applies to `Link.url`, however the link was made (reader or library caller).
///
/// cairo 1.16 copies a URI into the PDF's `/URI (…)` unescaped, so a `)` in a
/// URL would end the string and the rest would become PDF syntax (a JavaScript
/// or Launch action). A target's URI is therefore percent-encoded down to
/// characters that mean nothing to a PDF literal string, to cairo's attribute
/// parser or to XML, and only schemes that open a page or a mail form are
/// linked at all.
package struct LinkTarget: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        /// An `http`, `https` or `mailto` URI.
        case uri
        /// A place in the same document (`#name`).
        case fragment
    }

    package let kind: Kind
    /// `.uri`: the URI, encoded (see `encode`). `.fragment`: the name after `#`, as written.
    package let value: String

    /// The schemes that become links, compared case-insensitively.
    package static let schemes: Set<String> = ["http", "https", "mailto"]

    /// nil when `url` must not become a link: its text is then shown as plain
    /// text. `#name` (non-empty) is a fragment; anything else needs a scheme of
    /// `schemes` at its very start, so `javascript:`, `file:`, `data:`, relative
    /// references and disguises (` javascript:`, `java\tscript:`) are refused.
    package init?(_ url: String) {
        if url.hasPrefix("#") {
            guard url.utf8.count > 1 else { return nil }
            kind = .fragment
            value = String(url.dropFirst())
            return
        }
        guard let scheme = Self.scheme(of: url), Self.schemes.contains(scheme.lowercased()) else { return nil }
        kind = .uri
        value = Self.encode(url)
    }

    /// The XHTML `href`: the URI, or `#` and the fragment encoded like a URI.
    package var href: String {
        switch kind {
        case .uri: return value
        case .fragment: return "#" + Self.encode(value)
        }
    }

    /// The scheme `url` begins with (RFC 3986: a letter, then letters, digits,
    /// `+`, `-` or `.`, up to the first `:`), as written; nil when there is none.
    package static func scheme(of url: String) -> Substring? {
        guard let colon = url.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let name = url.utf8[..<colon]
        guard let first = name.first, (first | 0x20) >= 0x61, (first | 0x20) <= 0x7A else { return nil }
        for b in name.dropFirst() where !(PercentEncoding.isAlphanumeric(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")) {
            return nil
        }
        return Substring(name)
    }

    /// The canonical encoding: every UTF-8 byte outside `isSafe` becomes `%XX`; a
    /// `%` that begins a valid `%XX` stays, a stray `%` becomes `%25`. Applying
    /// it twice gives the same string.
    package static func encode(_ url: String) -> String {
        PercentEncoding.encode(url, keepingEscapes: true, keep: isSafe)
    }

    /// RFC 3986's unreserved characters and those reserved ones that are inert in
    /// a PDF literal string (not `(`, `)`), in cairo's quoted attributes (not `'`)
    /// and in an XML attribute once `&` is escaped. Everything else — `\`, `"`,
    /// `<`, `>`, `{`, `}`, `|`, `^`, `` ` ``, space, controls and every non-ASCII
    /// byte — is encoded.
    package static func isSafe(_ b: UInt8) -> Bool {
        if PercentEncoding.isAlphanumeric(b) { return true }
        switch b {
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"),            // unreserved
             UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"),            // gen-delims
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "@"),
             UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "*"),            // sub-delims
             UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }
}
