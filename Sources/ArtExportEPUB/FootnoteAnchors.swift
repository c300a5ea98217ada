import ArtExportCore
/// The ids of the body's footnotes and of every reference to them: a note is
/// `fn-ID`, its first reference `fnref-ID`, a second one `fnref-ID-2`, and so
/// on, each with a back link from the note. Worked out before the document is
/// written, in the order it is written (body, bio, then the notes themselves,
/// which may refer to one another), so the note knows all its references.
///
/// Ids are made unique against the article's headings and the writer's own
/// sections: a heading the reader named `fn-1` does not clash with note `1`.
struct FootnoteAnchors {
    struct Note {
        /// 1, 2, 3… in the order of `Article.footnotes`.
        var number: Int
        var id: String
        /// The ids of its references, in reading order; empty when nothing refers to it.
        var references: [String]
    }

    private(set) var notes: [String: Note] = [:]

    init(_ article: Article, reserved: Set<String>) {
        var used = reserved.union(article.headings.map(\.id))
        func claim(_ base: String) -> String {
            var candidate = base
            var n = 2
            while used.contains(candidate) {
                candidate = "\(base)-\(n)"
                n += 1
            }
            used.insert(candidate)
            return candidate
        }
        for (i, note) in article.footnotes.enumerated() where notes[note.id] == nil {
            notes[note.id] = Note(number: i + 1, id: claim("fn-" + Self.idSafe(note.id)), references: [])
        }
        var counts: [String: Int] = [:]
        InlineWalk.visit(article.blocks + article.bio + article.footnotes.flatMap(\.blocks)) { inline in
            guard case .footnoteReference(let id) = inline, notes[id] != nil else { return }
            let k = counts[id, default: 0] + 1
            counts[id] = k
            notes[id]!.references.append(claim("fnref-" + Self.idSafe(id) + (k == 1 ? "" : "-\(k)")))
        }
    }

    /// An id holds no white space (EPUBCheck RSC-005); anything else the model allows stays.
    static func idSafe(_ id: String) -> String {
        let safe = String(String.UnicodeScalarView(id.unicodeScalars.map { $0.properties.isWhitespace ? "-" : $0 }))
        return safe.isEmpty ? "note" : safe
    }
}
