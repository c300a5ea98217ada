import Yams

/// A Markdown article's metadata: YAML front matter between `---` lines, or a
/// leading pipe table as in the article format. Either gives fields that
/// `MetadataFields` interprets, so both formats know the same names and synonyms.
struct FrontMatter {
    var fields: [Metadata.Field]
    /// Index in `SourceText.lines` of the first line of the body.
    var bodyStart: Int
    /// The line a missing field is reported on.
    var fallbackLine: Int
    var titleHint: String

    static func read(_ lines: [SourceText.Line], file: String) throws(ExportError) -> FrontMatter {
        var i = 0
        while i < lines.count, lines[i].text.trimmingSpaces.isEmpty { i += 1 }
        guard i < lines.count else {
            throw ExportError(.badInput, file: file, line: lines.last?.number ?? 1,
                              "the file is empty; an article needs at least a metadata table with a title")
        }
        if lines[i].text.trimmingSpaces == "---" { return try yaml(lines, opening: i, file: file) }
        if lines[i].text.contains("|") || MetadataTable.isSizeLine(lines[i].text) {
            let table = try MetadataTable.parse(lines, file: file)
            return FrontMatter(fields: table.fields, bodyStart: table.bodyStart, fallbackLine: table.headerLine,
                               titleHint: MetadataFields.titleColumnHint)
        }
        throw ExportError(.badInput, file: file, line: lines[i].number,
                          "a Markdown article starts with its metadata: YAML front matter (a line `---`, then `title: The Headline`, then `---`) or a pipe table such as `| title | author |`")
    }

    private static let yamlTitleHint = "add a line such as `title: The Headline` to the front matter"

    private static func yaml(_ lines: [SourceText.Line], opening: Int, file: String) throws(ExportError) -> FrontMatter {
        guard let closing = lines[(opening + 1)...].firstIndex(where: { ["---", "..."].contains($0.text.trimmingSpaces) }) else {
            throw ExportError(.badInput, file: file, line: lines[opening].number,
                              "the YAML front matter that starts here is not closed; end it with a line `---`")
        }
        let body = lines[(opening + 1)..<closing]
        let text = body.map(\.text).joined(separator: "\n")
        // YAML's line k (1-based) is the file's line:
        func fileLine(_ k: Int) -> Int {
            let index = opening + k
            return index < lines.count ? lines[index].number : lines[closing].number
        }
        let node: Node?
        do {
            // Values are read as written (MetadataFields types them): the basic resolver
            // spares the default one's regular expressions.
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw yamlError(error, file: file, line: fileLine, fallback: lines[opening].number, what: "the YAML front matter")
        } catch {
            throw ExportError(.badInput, file: file, line: lines[opening].number, "cannot read the YAML front matter: \(error)")
        }
        var fields: [Metadata.Field] = []
        if let node {
            guard let mapping = node.mapping else {
                throw ExportError(.badInput, file: file, line: fileLine(node.mark?.line ?? 1),
                                  "the front matter is not a list of fields; write one `name: value` per line")
            }
            for (key, value) in mapping {
                let line = fileLine(key.mark?.line ?? 1)
                guard let name = key.scalar?.string else {
                    throw ExportError(.badInput, file: file, line: line, "a front-matter field name must be plain text, such as `title`")
                }
                switch value {
                case .scalar(let scalar):
                    fields.append(Metadata.Field(name: name, value: scalar.string, line: line))
                case .sequence(let sequence):
                    var items: [String] = []
                    for item in sequence {
                        guard let s = item.scalar?.string else {
                            throw ExportError(.badInput, file: file, line: fileLine(item.mark?.line ?? 1),
                                              "the list `\(name)` holds something other than plain values; write one value per item")
                        }
                        items.append(s)
                    }
                    fields.append(Metadata.Field(name: name, value: items.joined(separator: ", "), line: line, items: items))
                case .mapping:
                    throw ExportError(.badInput, file: file, line: line,
                                      "the field `\(name)` holds nested fields, which artexport does not read; give it one value or a list")
                }
            }
        }
        return FrontMatter(fields: fields, bodyStart: closing + 1, fallbackLine: lines[opening].number, titleHint: yamlTitleHint)
    }

    /// A Yams error as `file:line: …`; `what` names the document (the front matter, a theme).
    static func yamlError(_ error: YamlError, file: String, line: (Int) -> Int, fallback: Int, what: String) -> ExportError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let problemText = context.map { "\(problem) (\($0.text))" } ?? problem
            return ExportError(.badInput, file: file, line: line(mark.line),
                               "\(what) cannot be read: \(problemText); check the quoting and indentation here")
        default:
            return ExportError(.badInput, file: file, line: fallback, "\(what) cannot be read: \(error)")
        }
    }
}
