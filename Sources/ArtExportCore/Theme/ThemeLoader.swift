/// Finds and reads themes: the ones artexport ships (compiled in, so a lone binary
/// has them all) and theme folders on disk (`--theme PATH`). A theme starts from
/// the default theme, or from the one its `extends:` names, and changes what it sets.
package enum ThemeLoader {
    /// The themes artexport ships, in the order `--list-themes` shows them.
    static let builtIn: [(name: String, yaml: @Sendable () -> String)] = [
        ("default", { String(decoding: PackageResources.default_yaml, as: UTF8.self) }),
        ("book", { String(decoding: PackageResources.book_yaml, as: UTF8.self) }),
        ("sans", { String(decoding: PackageResources.sans_yaml, as: UTF8.self) }),
        ("newsletter", { String(decoding: PackageResources.newsletter_yaml, as: UTF8.self) }),
        ("large-print", { String(decoding: PackageResources.large_print_yaml, as: UTF8.self) }),
    ]

    package static var builtInNames: [String] { builtIn.map(\.name) }

    /// The default theme's settings: every key a theme may set, with its value.
    static let defaultSource: ThemeSource = {
        // The built-in default is tested; failing here means the build itself is broken.
        try! ThemeSource(text: builtIn[0].yaml(), file: "themes/default/theme.yaml", known: nil)
    }()
    static let knownKeys = Set(defaultSource.entries.keys)

    /// Each shipped theme's name and one-line description.
    package static func catalog() throws(ExportError) -> [(name: String, description: String)] {
        var result: [(String, String)] = []
        for (name, _) in builtIn { result.append((name, try load(name).description)) }
        return result
    }

    /// A shipped theme by name, or a theme folder (or its theme.yaml) by path.
    /// A name with no `/` that is not a folder here is a shipped theme's.
    package static func load(_ nameOrPath: String) throws(ExportError) -> Theme {
        if builtIn.contains(where: { $0.name == nameOrPath }) { return try resolve(.builtIn(nameOrPath)) }
        if !nameOrPath.contains("/"), !FileIO.isDirectory(LocalPath(nameOrPath)), !nameOrPath.hasSuffix(".yaml") {
            throw ExportError(.missingInput, file: nameOrPath,
                              "no such theme; the themes are \(builtInNames.joined(separator: ", ")) (`--list-themes`), or give a theme folder's path")
        }
        return try resolve(.file(themeFile(nameOrPath)))
    }

    /// Reads a theme from YAML text (a library caller's own theme); `extends:` may
    /// name a shipped theme only.
    package static func load(yaml: String, name: String, file: String = "theme.yaml") throws(ExportError) -> Theme {
        try resolve(.text(yaml, name: name, file: file))
    }

    private enum Origin: Equatable {
        case builtIn(String)
        case file(String)
        case text(String, name: String, file: String)
    }

    private static func themeFile(_ path: String) -> String {
        let p = path.hasSuffix("/") ? String(path.dropLast()) : path
        return FileIO.isDirectory(LocalPath(p)) ? "\(p)/theme.yaml" : p
    }

    /// The chain from the theme down to the default, read and merged.
    private static func resolve(_ origin: Origin) throws(ExportError) -> Theme {
        var chain: [(ThemeSource, folder: String?)] = []
        var current: Origin? = origin
        var visited: [Origin] = []
        while let o = current {
            if visited.contains(o) {
                throw ExportError(.badInput, file: chain.last?.0.file ?? "theme", line: chain.last?.0.extends?.line,
                                  "the themes extend each other in a circle")
            }
            visited.append(o)
            let source: ThemeSource, folder: String?
            switch o {
            case .builtIn("default"):
                current = nil
                chain.append((defaultSource, nil))
                continue
            case .builtIn(let name):
                guard let yaml = builtIn.first(where: { $0.name == name })?.yaml() else { throw ExportError(.missingInput, file: name, "no such theme") }
                source = try ThemeSource(text: yaml, file: "themes/\(name)/theme.yaml", known: knownKeys)
                folder = nil
            case .file(let path):
                source = try ThemeSource(text: try text(at: path), file: path, known: knownKeys)
                folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            case .text(let yaml, _, let file):
                source = try ThemeSource(text: yaml, file: file, known: knownKeys)
                folder = nil
            }
            chain.append((source, folder))
            guard let base = source.extends else { current = .builtIn("default"); continue }
            if builtIn.contains(where: { $0.name == base.name }) && !base.name.contains("/") {
                current = .builtIn(base.name)
            } else if let folder, !base.name.isEmpty {
                let path = base.name.hasPrefix("/") ? base.name : (folder.isEmpty ? base.name : "\(folder)/\(base.name)")
                guard FileIO.exists(LocalPath(themeFile(path))) else {
                    throw ExportError(.badInput, file: source.file, line: base.line,
                                      "`extends: \(base.name)` names no shipped theme (\(builtInNames.joined(separator: ", "))) and no theme folder beside this one")
                }
                current = .file(Self.normalized(themeFile(path)))
            } else {
                throw ExportError(.badInput, file: source.file, line: base.line,
                                  "`extends: \(base.name)` names no shipped theme; the themes are \(builtInNames.joined(separator: ", "))")
            }
            guard chain.count <= 8 else { throw ExportError(.badInput, file: source.file, line: base.line, "more than 8 themes extend one another") }
        }
        // The default first, each theme after the one it extends.
        var entries: [String: ThemeSource.Entry] = [:]
        for (source, _) in chain.reversed() { entries.merge(source.entries) { _, new in new } }
        let top = chain[0].0
        let name: String
        switch origin {
        case .builtIn(let n): name = n
        case .text(_, let n, _): name = n
        case .file(let path):
            let parts = path.split(separator: "/").map(String.init)
            name = parts.last == "theme.yaml" && parts.count > 1 ? parts[parts.count - 2] : (parts.last ?? path)
        }
        var theme = try ThemeDecoder(entries: entries, name: name, file: top.file).decode()
        theme.files = visited.compactMap { if case .file(let path) = $0 { path } else { nil } }
        // Assets: files the theme names, beside the theme.yaml that names them.
        if !theme.titleBlock.mastheadLogo.isEmpty, let entry = entries["title-block.masthead.logo"] {
            let folder = chain.first { $0.0.file == entry.file }?.folder
            guard let folder else {
                throw ExportError(.badInput, file: entry.file, line: entry.line, "a logo is a file beside a theme folder's theme.yaml")
            }
            let name = theme.titleBlock.mastheadLogo
            guard !name.contains(".."), !name.hasPrefix("/") else {
                throw ExportError(.badInput, file: entry.file, line: entry.line, "the logo must be a file in the theme's folder, not `\(name)`")
            }
            let path = folder.isEmpty ? name : "\(folder)/\(name)"
            guard FileIO.exists(LocalPath(path)) else {
                throw ExportError(.badInput, file: entry.file, line: entry.line, "the logo `\(name)` is not in the theme's folder (\(path))")
            }
            let bytes = try FileIO.read(path: LocalPath(path), limit: 16 << 20)
            guard let type = ImageHeader.mediaType(of: bytes), let size = ImageHeader.size(of: bytes, type: type) else {
                throw ExportError(.badInput, file: entry.file, line: entry.line, "the logo `\(name)` is not a PNG, JPEG, GIF, WebP or SVG image")
            }
            if type == .svg, let unsafe = ImageHeader.activeSVGContent(bytes) {
                throw ExportError(.badInput, file: entry.file, line: entry.line, "the logo `\(name)` holds \(unsafe); remove it from the SVG")
            }
            let alt = theme.newsletter.isEmpty ? "Logo" : theme.newsletter
            theme.logo = Image(source: name, alt: alt, resource: ImageResource(bytes: bytes, mediaType: type, width: size.width, height: size.height))
            theme.files.append(path)
        }
        return theme
    }

    /// `a/b/../c` as `a/c`: a theme's files are reported and guarded by the path they are.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            if part == "..", let last = parts.last, last != "..", !last.isEmpty { parts.removeLast() } else if part != "." { parts.append(part) }
        }
        return parts.joined(separator: "/")
    }

    private static func text(at path: String) throws(ExportError) -> String {
        guard FileIO.exists(LocalPath(path)) else {
            throw ExportError(.missingInput, file: path, "no such theme file; a theme is a folder holding theme.yaml")
        }
        // A theme file is small; the limit keeps a wrong path (a device, a huge file) from filling memory.
        let bytes = try FileIO.read(path: LocalPath(path), limit: 1 << 20)
        if let bad = SourceText.firstInvalidUTF8(bytes[...]) {
            throw ExportError(.badInput, file: path, "invalid UTF-8 at byte \(bad); save the file as UTF-8")
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Theme {
    /// The default theme, as built into the library.
    public static let standard: Theme = {
        // The built-in theme is tested; failing here means the build itself is broken.
        try! ThemeLoader.load("default")
    }()

    /// A shipped theme by name (`shipped`), or a theme folder (or its theme.yaml) by
    /// path; a bad theme is an error naming its file and line.
    public static func named(_ nameOrPath: String) throws(ExportError) -> Theme {
        try ThemeLoader.load(nameOrPath)
    }

    /// The themes artexport ships: each one's name and one-line description.
    public static var shipped: [(name: String, description: String)] {
        // The built-in themes are tested; failing here means the build itself is broken.
        try! ThemeLoader.catalog()
    }
}
