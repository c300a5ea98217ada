/// Running text inside a block.
package indirect enum Inline: Sendable, Equatable {
    case text(String)
    case emphasis([Inline])
    case strong([Inline])
    case strikethrough([Inline])
    case code(String)
    case link(Link)
    case lineBreak
    /// A reference to `Article.footnotes` by id.
    case footnoteReference(String)
    /// An image within running text.
    case image(Image)
}

package struct Link: Sendable, Equatable {
    package var url: String
    package var content: [Inline]
    /// True when the text is the URL itself, found in running text: its
    /// characters are never changed by typography.
    package var isAutolink: Bool

    package init(url: String, content: [Inline], isAutolink: Bool = false) {
        self.url = url
        self.content = content
        self.isAutolink = isAutolink
    }
}

extension Array where Element == Inline {
    /// The text a reader sees, without markup.
    package var plainText: String {
        var out = ""
        for inline in self {
            switch inline {
            case .text(let s), .code(let s): out += s
            case .emphasis(let c), .strong(let c), .strikethrough(let c): out += c.plainText
            case .link(let l): out += l.content.plainText
            case .lineBreak: out += " "
            case .footnoteReference: break
            case .image(let i): out += i.alt
            }
        }
        return out
    }
}
