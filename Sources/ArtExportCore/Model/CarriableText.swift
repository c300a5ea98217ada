/// Characters no output can carry: C0 and C1 controls (but tab, line feed and
/// carriage return), and Unicode's noncharacters (U+FDD0–FDEF and the last two
/// code points of every plane). XML forbids some, cairo refuses to draw the
/// others, and Pango aborts on a NUL. The reader removes them with a warning;
/// the writers remove them again from an `Article` a program built itself.
extension Unicode.Scalar {
    var isUncarriable: Bool {
        switch value {
        case 0x9, 0xA, 0xD: return false
        case 0..<0x20, 0x7F...0x9F, 0xFDD0...0xFDEF: return true
        default: return value & 0xFFFE == 0xFFFE
        }
    }

    var isNoncharacter: Bool { (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE }
}

extension String {
    /// The string without uncarriable characters; itself (no copy) in the usual case.
    var carriable: String {
        guard unicodeScalars.contains(where: \.isUncarriable) else { return self }
        var out = String.UnicodeScalarView()
        for s in unicodeScalars where !s.isUncarriable { out.append(s) }
        return String(out)
    }
}

extension Article {
    /// Every text of the article, metadata included, without uncarriable characters.
    package var carriable: Article {
        var a = self
        a.metadata.title = a.metadata.title.carriable
        a.metadata.subtitle = a.metadata.subtitle?.carriable
        a.metadata.authors = a.metadata.authors.map(\.carriable)
        a.metadata.keywords = a.metadata.keywords.map(\.carriable)
        a.metadata.description = a.metadata.description?.carriable
        a.metadata.publisher = a.metadata.publisher?.carriable
        a.metadata.identifier = a.metadata.identifier?.carriable
        a.blocks = a.blocks.map(\.carriable)
        a.bio = a.bio.map(\.carriable)
        a.footnotes = a.footnotes.map { Footnote(id: $0.id.carriable, blocks: $0.blocks.map(\.carriable)) }
        return a
    }
}

extension Block {
    var carriable: Block {
        switch self {
        case .heading(var h):
            h.content = h.content.map(\.carriable)
            h.id = h.id.carriable
            return .heading(h)
        case .paragraph(let c): return .paragraph(c.map(\.carriable))
        case .list(var l):
            l.items = l.items.map { ListItem($0.blocks.map(\.carriable), task: $0.task) }
            return .list(l)
        case .blockQuote(let b): return .blockQuote(b.map(\.carriable))
        case .codeBlock(let language, let code): return .codeBlock(language: language?.carriable, code: code.carriable)
        case .table(var t):
            t.header = t.header.map { $0.map(\.carriable) }
            t.rows = t.rows.map { $0.map { $0.map(\.carriable) } }
            return .table(t)
        case .figure(var f):
            f.image = f.image.carriable
            f.caption = f.caption.map(\.carriable)
            return .figure(f)
        case .thematicBreak: return self
        }
    }
}

extension Inline {
    var carriable: Inline {
        switch self {
        case .text(let s): return .text(s.carriable)
        case .emphasis(let c): return .emphasis(c.map(\.carriable))
        case .strong(let c): return .strong(c.map(\.carriable))
        case .strikethrough(let c): return .strikethrough(c.map(\.carriable))
        case .code(let s): return .code(s.carriable)
        case .link(var l):
            // The target stays: LinkTarget percent-encodes every such byte, and
            // removing one would change where the link leads.
            l.content = l.content.map(\.carriable)
            return .link(l)
        case .lineBreak: return self
        case .footnoteReference(let id): return .footnoteReference(id.carriable)
        case .image(let i): return .image(i.carriable)
        }
    }
}

extension Image {
    var carriable: Image {
        var i = self
        i.alt = i.alt.carriable
        i.title = i.title?.carriable
        return i
    }
}
