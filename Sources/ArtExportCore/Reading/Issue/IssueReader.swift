import Yams

/// An issue file (YAML) read into what it lists, before any article is read: the
/// issue's metadata and, per section, the article files with the line naming each.
/// Paths are relative to the issue file's folder.
///
///     newsletter: The Harbour Letter
///     number: 42
///     date: 2025-06-27
///     sections:
///       - title: Features
///         articles: [field-report.md, long-form.txt]
///
/// `articles:` at the top level lists articles without sections.
package struct IssueFile: Sendable {
    package struct Entry: Sendable, Equatable {
        package var path: LocalPath
        /// Where the issue file names it; nil for an article given on the command line.
        package var line: Int?
    }

    package struct Section: Sendable {
        package var title: String?
        package var entries: [Entry]
    }

    package var file: String
    /// The issue file on disk, when it was read from one.
    package var path: LocalPath?
    package var metadata: IssueMetadata
    package var sections: [Section]

    package var entries: [Entry] { sections.flatMap(\.entries) }

    /// Every setting an issue file may hold.
    static let keys: Set<String> = ["newsletter", "title", "number", "date", "publisher", "language", "lang", "identifier",
                                     "issn", "description", "cover", "sections", "articles"]
    /// More articles than any newsletter prints, few enough that a typo cannot make a run endless.
    package static let articleLimit = 2_000

    /// Parses the issue file's bytes. `folder` is where its paths start (the file's
    /// own folder); `fallbackNewsletter` names the series when the file does not
    /// (the theme's newsletter name).
    package init(_ bytes: [UInt8], file: String, folder: LocalPath, fallbackNewsletter: String = "") throws(ExportError) {
        self.file = file
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw ExportError(.badInput, file: file, line: 1, "the issue file is empty; it needs at least `newsletter:` and `articles:`")
        }
        let text = try SourceText.decode(bytes, file: file).lines.map(\.text).joined(separator: "\n")
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw FrontMatter.yamlError(error, file: file, line: { $0 }, fallback: 1, what: "the issue file")
        } catch {
            throw ExportError(.badInput, file: file, line: 1, "the issue file cannot be read: \(error)")
        }
        guard let root = node?.mapping else {
            throw ExportError(.badInput, file: file, line: node?.mark?.line ?? 1,
                              "an issue file is a list of settings (`newsletter: …`, `number: …`, `articles: […]`), one per line")
        }
        func fail(_ line: Int?, _ message: String) -> ExportError { ExportError(.badInput, file: file, line: line ?? 1, message) }
        func scalar(_ node: Node, _ key: String) throws(ExportError) -> String {
            guard let s = node.scalar?.string.trimmingSpaces, !s.isEmpty else {
                throw fail(node.mark?.line, "`\(key)` takes one value on its line, such as `\(key): …`")
            }
            return s
        }
        func paths(_ node: Node, _ key: String) throws(ExportError) -> [Entry] {
            guard let items = node.sequence else {
                throw fail(node.mark?.line, "`\(key)` is a list of article files, such as `\(key): [first.md, second.txt]`")
            }
            var entries: [Entry] = []
            for item in items {
                let line = item.mark?.line
                guard let name = item.scalar?.string, !name.isEmpty else {
                    throw fail(line, "each of `\(key)` is an article's file name")
                }
                if name.utf8.contains(0) { throw fail(line, "an article's file name holds a NUL byte") }
                let path = LocalPath(name)
                // Named as the user would: `a.txt`, not `./a.txt`, for an issue file in the current folder.
                let relative = folder.bytes == [UInt8(ascii: ".")] || name.hasPrefix("/")
                entries.append(Entry(path: relative ? path : folder.appending(path), line: line))
            }
            return entries
        }

        var metadata = IssueMetadata(newsletter: fallbackNewsletter)
        var sections: [Section] = []
        var loose: [Entry]?
        var sawNewsletter = false
        var seen: Set<String> = []
        for (keyNode, value) in root {
            let line = keyNode.mark?.line
            guard let key = keyNode.scalar?.string else { throw fail(line, "a setting's name must be plain text, such as `number`") }
            guard Self.keys.contains(key) else {
                let nearest = Self.keys.sorted().min { ThemeSource.editDistance(key, $0) < ThemeSource.editDistance(key, $1) }
                let hint = nearest.map { ThemeSource.editDistance(key, $0) <= max(2, key.count / 3) ? "; did you mean `\($0)`?" : nil } ?? nil
                throw fail(line, "unknown setting `\(key)`" + (hint ?? "; an issue file may set \(Self.keys.sorted().joined(separator: ", "))"))
            }
            let canonical = key == "lang" ? "language" : key
            guard seen.insert(canonical).inserted else { throw fail(line, "`\(key)` is set twice; keep one") }
            switch key {
            case "newsletter": metadata.newsletter = try scalar(value, key); sawNewsletter = true
            case "title": metadata.title = try scalar(value, key)
            case "publisher": metadata.publisher = try scalar(value, key)
            case "description": metadata.description = try scalar(value, key)
            case "identifier": metadata.identifier = try scalar(value, key)
            case "number":
                let s = try scalar(value, key)
                guard let n = Int(s), (1...9_999_999).contains(n) else {
                    throw fail(value.mark?.line, "`number` is the issue's number, a whole number from 1, not `\(s)`")
                }
                metadata.number = n
            case "date":
                let s = try scalar(value, key)
                guard let date = DateParser.parse(s) else {
                    throw fail(value.mark?.line, "`\(s)` is not a date; write it as 2025-06-27 (or with a time, 2025-06-27T06:00Z)")
                }
                metadata.date = date
            case "language", "lang":
                let s = try scalar(value, key)
                guard let tag = LanguageTag(normalizing: s) else {
                    throw fail(value.mark?.line, "`\(s)` is not a language tag; write a code such as en, en-GB, de or fr")
                }
                metadata.language = tag
            case "issn":
                let s = try scalar(value, key)
                guard let issn = Self.issn(s) else {
                    throw fail(value.mark?.line, "`\(s)` is not an ISSN: it is written NNNN-NNNC, the last a check digit (0–9 or X) that must match the others")
                }
                metadata.issn = issn
            case "cover":
                let s = try scalar(value, key)
                let resource = try ImageResolver(folder: folder, file: file).resolve(s, line: value.mark?.line ?? 1)
                metadata.cover = Image(source: s, alt: "", resource: resource)
            case "articles":
                loose = try paths(value, key)
            default: // sections
                guard let list = value.sequence else {
                    throw fail(value.mark?.line, "`sections` is a list, each with a `title` and its `articles`")
                }
                for item in list {
                    guard let section = item.mapping else {
                        throw fail(item.mark?.line, "each section has a `title` and its `articles`, such as `- title: Features`")
                    }
                    var title: String?
                    var entries: [Entry]?
                    for (k, v) in section {
                        switch k.scalar?.string {
                        case "title": title = try scalar(v, "title")
                        case "articles": entries = try paths(v, "articles")
                        default:
                            throw fail(k.mark?.line, "a section has a `title` and `articles`, not `\(k.scalar?.string ?? "?")`")
                        }
                    }
                    guard let entries, !entries.isEmpty else {
                        throw fail(item.mark?.line, "the section\(title.map { " `\($0)`" } ?? "") lists no articles; add `articles: [...]`")
                    }
                    sections.append(Section(title: title, entries: entries))
                }
            }
        }
        if let loose {
            guard sections.isEmpty else {
                throw fail(root.first { $0.key.scalar?.string == "articles" }?.key.mark?.line,
                           "list the articles either in `sections` or in `articles`, not both")
            }
            sections = [Section(title: nil, entries: loose)]
        }
        if !sawNewsletter && metadata.newsletter.isEmpty {
            throw fail(1, "the issue file names no newsletter; add `newsletter: The name of your newsletter`")
        }
        let count = sections.reduce(0) { $0 + $1.entries.count }
        if count > Self.articleLimit {
            throw fail(1, "the issue lists \(count) articles, more than the \(Self.articleLimit) one issue may hold")
        }
        self.metadata = metadata
        self.sections = sections
    }

    /// Reads and parses the issue file at `path`; its articles are relative to its folder.
    package init(path: LocalPath, fallbackNewsletter: String = "", limit: Int = FileIO.defaultInputLimit) throws(ExportError) {
        let bytes = try FileIO.read(path: path, limit: limit)
        try self.init(bytes, file: path.description, folder: path.directory, fallbackNewsletter: fallbackNewsletter)
        self.path = path
    }

    /// Adds articles given besides the issue file (on the command line), after its own, in a section without a title.
    package mutating func append(_ paths: [LocalPath]) {
        guard !paths.isEmpty else { return }
        let entries = paths.map { Entry(path: $0, line: nil) }
        if let last = sections.indices.last, sections[last].title == nil { sections[last].entries += entries } else {
            sections.append(Section(title: nil, entries: entries))
        }
    }

    /// `NNNN-NNNC` with its check digit (ISO 3297: weights 8…2, mod 11, 10 written X), normalised to upper case.
    static func issn(_ s: String) -> String? {
        let chars = Array(s.uppercased().filter { $0 != "-" && $0 != " " })
        guard chars.count == 8, chars.prefix(7).allSatisfy({ $0.isASCII && $0.isNumber }),
              let last = chars.last, last == "X" || (last.isASCII && last.isNumber) else { return nil }
        let sum = chars.prefix(7).enumerated().reduce(0) { $0 + (8 - $1.offset) * Int(String($1.element))! }
        let check = (11 - sum % 11) % 11
        guard (check == 10 ? "X" : Character(String(check))) == last else { return nil }
        return String(chars.prefix(4)) + "-" + String(chars.suffix(4))
    }

    /// Reads every article it lists, in order. A missing or unreadable article, or
    /// one that is not valid, is an error naming its file and line (and the issue
    /// file's line that lists it); all of them together may be no larger than `limit`.
    package func read(limit: Int = FileIO.defaultInputLimit) throws(ExportError) -> (Issue, [Diagnostic]) {
        guard !entries.isEmpty else {
            throw ExportError(.badInput, file: file, line: 1, "the issue lists no articles; add `articles: [first.md, …]` or give them after the issue file")
        }
        var warnings: [Diagnostic] = []
        var total = 0
        var result: [IssueSection] = []
        for section in sections {
            var articles: [Article] = []
            for entry in section.entries {
                let bytes: [UInt8]
                do {
                    bytes = try FileIO.read(path: entry.path, limit: limit)
                } catch {
                    guard let line = entry.line else { throw error }
                    throw ExportError(error.kind, file: file, line: line, "the article \(entry.path): \(error.diagnostic.message)")
                }
                total += bytes.count
                if total > limit {
                    throw ExportError(.badInput, file: file, line: entry.line ?? 1,
                                      "the issue's articles come to more than \(ByteCount.describe(limit)) with \(entry.path); split the issue or raise --max-input-size")
                }
                let (article, w) = try ArtExport.read(bytes, file: entry.path.description, format: ArtExport.InputFormat(forFile: entry.path),
                                                      imageFolder: entry.path.directory)
                warnings += w
                articles.append(article)
            }
            result.append(IssueSection(title: section.title, articles: articles))
        }
        return (Issue(metadata: metadata, sections: result), warnings)
    }
}
