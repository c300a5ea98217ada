import Yams

/// One theme file read into settings by dotted key (`page.margins.top`), each with
/// the file and line it came from, so a wrong value is reported where it is written.
struct ThemeSource: Sendable {
    enum Value: Sendable, Equatable {
        case scalar(String)
        case list([String])
    }

    struct Entry: Sendable, Equatable {
        var value: Value
        var file: String
        var line: Int
    }

    var file: String
    var entries: [String: Entry]
    /// The theme this one starts from (`extends:`); nil for the default theme itself.
    var extends: (name: String, line: Int)?

    /// Parses `text`. `known` holds every key a theme may set (the default theme's);
    /// nil accepts any key (the default theme, which defines them).
    init(text: String, file: String, known: Set<String>?) throws(ExportError) {
        self.file = file
        let node: Node?
        do {
            // The basic resolver: values are read as written (ThemeDecoder types them), and
            // the default one compiles its regular expressions on first use, a sixth of an
            // EPUB run, for tags nothing here reads.
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw FrontMatter.yamlError(error, file: file, line: { $0 }, fallback: 1, what: "the theme")
        } catch {
            throw ExportError(.badInput, file: file, line: 1, "the theme cannot be read: \(error)")
        }
        var entries: [String: Entry] = [:]
        var extends: (String, Int)?
        guard let node else { self.entries = [:]; return }
        guard let root = node.mapping else {
            throw ExportError(.badInput, file: file, line: node.mark?.line ?? 1, "a theme is a list of settings, one `name: value` per line")
        }
        func walk(_ mapping: Node.Mapping, prefix: String) throws(ExportError) {
            for (keyNode, value) in mapping {
                let line = keyNode.mark?.line ?? 1
                guard let name = keyNode.scalar?.string, !name.isEmpty else {
                    throw ExportError(.badInput, file: file, line: line, "a setting's name must be plain text, such as `size`")
                }
                let key = prefix.isEmpty ? name : "\(prefix).\(name)"
                if key == "extends" {
                    guard let base = value.scalar?.string, !base.isEmpty else {
                        throw ExportError(.badInput, file: file, line: line, "`extends` names one theme, such as `extends: default`")
                    }
                    extends = (base, line)
                    continue
                }
                if case .mapping(let inner) = value {
                    // A group the schema knows (`page`, `headings.h2`): its settings one by one.
                    if let known, !known.contains(where: { $0.hasPrefix(key + ".") }) {
                        throw Self.unknown(key, known: known, file: file, line: line)
                    }
                    try walk(inner, prefix: key)
                    continue
                }
                if let known, !known.contains(key) {
                    throw Self.unknown(key, known: known, file: file, line: line)
                }
                switch value {
                case .scalar(let s):
                    entries[key] = Entry(value: .scalar(s.string), file: file, line: line)
                case .sequence(let items):
                    var list: [String] = []
                    for item in items {
                        guard let s = item.scalar?.string else {
                            throw ExportError(.badInput, file: file, line: item.mark?.line ?? line,
                                              "`\(key)` is a list of plain values, one per item")
                        }
                        list.append(s)
                    }
                    entries[key] = Entry(value: .list(list), file: file, line: line)
                case .mapping:
                    throw ExportError(.badInput, file: file, line: line, "`\(key)` must be a value or a list")
                }
            }
        }
        try walk(root, prefix: "")
        self.entries = entries
        self.extends = extends
    }

    /// An unknown key, with the known one nearest to it by edit distance.
    static func unknown(_ key: String, known: Set<String>, file: String, line: Int) -> ExportError {
        let last = key.split(separator: ".").last.map(String.init) ?? key
        let parent = key.split(separator: ".").dropLast().joined(separator: ".")
        // The nearest among the siblings first (`page.margin` → `page.margins`), then among all keys.
        // Groups (`page.margins`) are candidates too.
        var names = known
        for k in known {
            let parts = k.split(separator: ".")
            for n in 1..<max(parts.count, 1) { names.insert(parts.prefix(n).joined(separator: ".")) }
        }
        let candidates = names.sorted().map { candidate -> (String, Int) in
            let cParent = candidate.split(separator: ".").dropLast().joined(separator: ".")
            let cLast = candidate.split(separator: ".").last.map(String.init) ?? candidate
            let distance = cParent == parent ? min(editDistance(last, cLast), editDistance(key, candidate))
                                             : editDistance(key, candidate)
            return (candidate, distance)
        }
        let best = candidates.min { $0.1 < $1.1 }
        var message = "unknown setting `\(key)`"
        if let (candidate, distance) = best, distance <= max(2, key.count / 3) {
            message += "; did you mean `\(candidate)`?"
        } else {
            let groups = Set(known.map { String($0.split(separator: ".")[0]) }).sorted()
            message += "; a theme's settings are in the groups \(groups.joined(separator: ", ")) (themes/default/theme.yaml lists them all)"
        }
        return ExportError(.badInput, file: file, line: line, message)
    }

    /// Levenshtein distance over Characters: a typo is one or two edits.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
