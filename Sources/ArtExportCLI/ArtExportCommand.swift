import ArgumentParser
import ArtExportCore
#if canImport(Glibc)
import Glibc
#endif

/// The front of both executables: `artexport`, which links the EPUB writer only,
/// and `artexport-pdf`, which links both.
package enum CommandLineTool {
    /// Parses the process's arguments and runs them with `writers`. A run that asks
    /// for a format none of them writes is handed, arguments unchanged, to the
    /// executable named `delegate` beside this one: an EPUB run never loads the PDF
    /// typesetter's libraries, a PDF run pays one exec (README, Two executables).
    package static func main(writers: [any FormatWriter], delegate: String?) -> Never {
        // A run for the delegate is handed over before the arguments are parsed
        // (which takes a few milliseconds of reflection): the delegate parses them
        // itself, and reports any mistake in them in the same words.
        if let delegate, ExportJob.Format.allCases.contains(where: { format in
            !writers.contains { $0.format == format } && RawArguments.hasFlag("--\(format.rawValue)")
        }) {
            let why = Handoff.exec(delegate)
            FileIO.writeAll(fd: 2, Array("artexport: writing a PDF needs \(delegate), which could not be run: \(why)\n".utf8))
            ArtExportCommand.exit(withError: ExitCode(69))
        }
        do {
            let parsed = try ArtExportCommand.parseAsRoot()
            guard let command = parsed as? ArtExportCommand else {
                var other = parsed
                try other.run()
                ArtExportCommand.exit()
            }
            try command.run(writers: writers, delegate: delegate)
            ArtExportCommand.exit()
        } catch {
            ArtExportCommand.exit(withError: error)
        }
    }
}

/// The command line: options, validation, exit codes. All work is the library's.
struct ArtExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "artexport",
        abstract: "Export newsletter articles to EPUB 3 and PDF.",
        discussion: """
            Reads articles in the newsletter text format (a metadata pipe table, then one
            block per line) or in Markdown (.md, .markdown, or --from markdown: YAML front
            matter or a metadata pipe table, then CommonMark with GitHub's tables, task
            lists, strikethrough, autolinks and footnotes) and writes a validated EPUB 3
            and/or a typeset PDF for each.

            With several inputs, a bad one is reported and the others are still exported;
            on a terminal a progress bar shows on standard error. --json writes a report
            of the run on standard output: for each input its outputs (path, bytes,
            SHA-256, pages), words, warnings, errors and time.

            SOURCE_DATE_EPOCH (seconds since 1970) fixes the modification date, so the
            same input gives byte-identical output.

            EXAMPLES
              artexport --epub article.txt                 writes article.epub beside it
              artexport --pdf article.txt                  writes article.pdf beside it
              artexport --epub --pdf article.txt -o issue-42   writes issue-42.epub and issue-42.pdf
              artexport --epub --pdf a.txt b.txt --output-dir out/
              cat article.txt | artexport --pdf - -o - > article.pdf
              artexport --epub --json *.txt --output-dir out/ > report.json
              artexport --epub --pdf --issue issue.yaml -o issue-42   one EPUB and one PDF of a whole issue

            An issue file (YAML) names the newsletter, the issue's number, date and title, and
            its articles, in sections or not (docs/issues.md); articles given after it follow
            its own. A run that makes both formats marks the PDF's pages in the EPUB.

            EXIT STATUS
              0   every input exported
              64  usage error (bad options; an output that is an input or another output)
              65  an input is not a valid article (the message names file and line)
              66  an input file does not exist or cannot be opened
              69  the PDF writer (artexport-pdf, installed beside artexport) is missing
              70  internal error
              73  an output file cannot be created
              74  a read or write failed part-way

            With several inputs, the status is that of the first input that failed: a
            nonzero status then means that some inputs failed while the others were
            exported (--json tells which). SIGINT, SIGTERM and SIGHUP remove every
            temporary file and exit 130, 143, 129.
            """,
        version: ArtExport.version
    )

    @Flag(name: .long, help: "Write an EPUB 3 file.")
    var epub = false

    @Flag(name: .long, help: "Write a PDF file.")
    var pdf = false

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Output file (one input only); - writes to standard output. With --epub --pdf, the shared base name.", valueName: "file"),
            completion: .file())
    var output: String?

    @Option(name: .customLong("output-dir"),
            help: ArgumentHelp("Folder for the outputs, named after each input.", valueName: "dir"), completion: .directory)
    var outputDirectory: String?

    @Option(name: .long, help: ArgumentHelp("Export a whole issue, as one EPUB and one PDF, from this issue file (YAML); inputs are more articles for it.", valueName: "file"),
            completion: .file(extensions: ["yaml", "yml"]))
    var issue: String?

    // Completion offers the shipped themes' names; a folder is typed as a path.
    @Option(name: .long, help: ArgumentHelp("A shipped theme's name (--list-themes), or a theme folder holding theme.yaml (default: default).", valueName: "name|dir"),
            completion: .custom { _, _, _ in ((try? ThemeLoader.catalog()) ?? []).map(\.name) })
    var theme: String?

    @Flag(name: .customLong("list-themes"), help: "List the shipped themes, each with its description, and exit.")
    var listThemes = false

    @Option(name: .customLong("max-input-size"),
            help: ArgumentHelp("Refuse inputs larger than this (default 64M; K, M, G are powers of 1024).", valueName: "size"))
    var maxInputSize: String?

    @Option(name: .customLong("from"),
            help: ArgumentHelp("Input format: article or markdown (default: by extension, .md and .markdown are Markdown; standard input is article).", valueName: "format"),
            completion: .list(ArtExport.InputFormat.allCases.map(\.rawValue)))
    var from: String?

    @Option(name: [.customShort("j"), .customLong("jobs")],
            help: ArgumentHelp("Export this many inputs at once (default: the number of cores); the output is the same for any number.", valueName: "n"))
    var jobs: Int?

    @Flag(name: .shortAndLong, help: "Print no warnings, only errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "After each input, print a line for each output written: path, bytes, pages (PDF), milliseconds.")
    var verbose = false

    @Flag(name: .long, help: "At the end, write a JSON report of the run on standard output: each input's outputs (path, bytes, SHA-256, pages), words, warnings, errors, time.")
    var json = false

    @Argument(help: ArgumentHelp("Article files; - reads standard input.", valueName: "input"), completion: .file(extensions: ["txt", "md", "markdown"]))
    var inputs: [String] = []

    /// SOURCE_DATE_EPOCH's range: 1970 to the end of year 9999, the dates EPUB
    /// (W3CDTF) and PDF can write with four-digit years.
    static let epochRange: ClosedRange<Int64> = 0...253_402_300_799

    func validate() throws {
        if listThemes { return }
        guard epub || pdf else { throw ValidationError("choose an output format: --epub, --pdf or both") }
        if epub && pdf && output == "-" { throw ValidationError("-o - writes one format to standard output; choose --epub or --pdf") }
        if issue == "" { throw ValidationError("--issue needs an issue file's name, not an empty string") }
        if issue != nil, inputs.contains("-") { throw ValidationError("an issue's articles are files; standard input (-) cannot be one") }
        guard !inputs.isEmpty || issue != nil else { throw ValidationError("give at least one input file, or - for standard input") }
        if output == "" { throw ValidationError("-o needs a file name (or - for standard output), not an empty string") }
        if outputDirectory == "" { throw ValidationError("--output-dir needs a folder name, not an empty string") }
        if output != nil && outputDirectory != nil { throw ValidationError("use either -o/--output or --output-dir, not both") }
        if output != nil && inputs.count > 1 && issue == nil {
            throw ValidationError("-o names one output; with \(inputs.count) inputs use --output-dir")
        }
        if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read only once") }
        if verbose && quiet { throw ValidationError("use either --verbose or --quiet, not both") }
        if json && output == "-" {
            throw ValidationError("--json writes its report on standard output, so -o - cannot write there too; name an output file")
        }
        if inputs.contains("-") && output == nil && outputDirectory == nil {
            throw ValidationError("standard input has no file name to derive the output from: add -o FILE (or -o - for standard output)")
        }
        if output == "-" && isatty(1) != 0 {
            throw ValidationError("standard output is a terminal; redirect it to a file or a pipe (… -o - > article.\(epub ? "epub" : "pdf"))")
        }
        if let epoch = environment("SOURCE_DATE_EPOCH") {
            guard let seconds = Int64(epoch) else {
                throw ValidationError("SOURCE_DATE_EPOCH must be a whole number of seconds, not '\(epoch)'")
            }
            guard Self.epochRange.contains(seconds) else {
                throw ValidationError("SOURCE_DATE_EPOCH must be between 0 (1970) and 253402300799 (the end of 9999), not \(seconds)")
            }
        }
        if let jobs, !(1...256).contains(jobs) {
            throw ValidationError("--jobs takes a number of inputs to export at once, from 1 to 256, not \(jobs)")
        }
        if let from, ArtExport.InputFormat(rawValue: from) == nil {
            throw ValidationError("--from takes article or markdown, not '\(from)'")
        }
        if let maxInputSize, ByteCount.parse(maxInputSize) == nil {
            throw ValidationError("--max-input-size takes a size such as 64M, 200M or 1G, not '\(maxInputSize)'")
        }
    }

    func run(writers: [any FormatWriter], delegate: String?) throws {
        let clock = ContinuousClock()
        let start = clock.now
        if listThemes {
            do {
                let catalog = try ThemeLoader.catalog()
                let width = catalog.map(\.name.count).max() ?? 0
                let lines = catalog.map { $0.name + String(repeating: " ", count: width - $0.name.count + 2) + $0.description }
                FileIO.writeAll(fd: 1, Array((lines.joined(separator: "\n") + "\n").utf8))
                return
            } catch {
                report(error.description)
                throw ExitCode(error.exitCode)
            }
        }
        // First, before any file is looked at or any thread started.
        if formats.contains(where: { format in !writers.contains { $0.format == format } }) {
            guard let delegate else {
                report("artexport: this program was built without the PDF writer")
                throw ExitCode(69)
            }
            let why = Handoff.exec(delegate)
            report("artexport: writing a PDF needs \(delegate), which could not be run: \(why)")
            throw ExitCode(69)
        }
        Signals.install()
        // Libraries load on another core while the inputs are read and parsed.
        Preload.start(writers.filter { formats.contains($0.format) })
        var options = ExportOptions(writers: writers, sourceDateEpoch: environment("SOURCE_DATE_EPOCH").flatMap { Int64($0) })
        if let maxInputSize, let limit = ByteCount.parse(maxInputSize) { options.inputLimit = limit }
        // Only the report shows the digests.
        options.digests = json

        var jobs: [ExportJob] = []
        var used = Set<Int>()
        let base = output.map { RawArguments.path(for: $0, used: &used) }
        let folder = outputDirectory.map { RawArguments.path(for: $0, used: &used) }
        let issuePath = issue.map { RawArguments.path(for: $0, used: &used) }
        let articles = inputs.map { $0 == "-" ? nil : RawArguments.path(for: $0, used: &used) }
        // Before anything is created: a clash is a usage error and must leave no trace.
        // The theme first: a bad one stops the run before anything is written.
        if let theme {
            do {
                options.theme = try ThemeLoader.load(theme)
                for writer in writers where formats.contains(writer.format) { try writer.check(options.theme) }
            } catch {
                report(error.description)
                throw ExitCode(error.exitCode)
            }
        }
        if let issuePath {
            // The whole issue file is read before anything is written: a mistake in it stops the run.
            do {
                var file = try IssueFile(path: issuePath, fallbackNewsletter: options.theme.newsletter, limit: options.inputLimit)
                file.append(articles.compactMap { $0 })
                let outputs = OutputNaming(base: base, folder: folder, formats: formats).outputs(for: issuePath)
                jobs.append(ExportJob(input: .issue(file), outputs: outputs))
            } catch {
                report(error.description)
                throw ExitCode(error.exitCode)
            }
        } else {
            for path in articles {
                // Standard input always comes with -o or --output-dir (validate()).
                let outputs = OutputNaming(base: base, folder: folder, formats: formats).outputs(for: path)
                jobs.append(ExportJob(input: path.map { .file($0) } ?? .standardInput, outputs: outputs,
                                      inputFormat: from.flatMap(ArtExport.InputFormat.init(rawValue:))))
            }
        }
        let themeFiles = options.theme.files.map { LocalPath($0) }
        let clashes = OutputPlan.clashes(in: jobs, otherInputs: themeFiles)
        if !clashes.isEmpty { throw ValidationError(clashes.joined(separator: "\n")) }

        if let folder, !FileIO.isDirectory(folder) {
            do {
                try FileIO.makeDirectory(folder)
            } catch {
                report(error.description)
                throw ExitCode(error.exitCode)
            }
        }

        let console = Console(.init(total: jobs.count, quiet: quiet, verbose: verbose,
                                    bar: Console.wantsBar(inputs: jobs.count, quiet: quiet, json: json)))
        console.startTicking()
        let results = Batch.runSynchronously(jobs, options: options, parallelism: self.jobs ?? Machine.cores, progress: console.handle)
        console.finish()
        let status = results.lazy.compactMap(\.error).first?.exitCode ?? 0
        if json && !FileIO.writeAll(fd: 1, Array(Report.json(results, duration: clock.now - start).utf8)) {
            report("artexport: the report could not be written to standard output: \(String(cString: strerror(errno)))")
            throw ExitCode(status == 0 ? 74 : status)
        }
        if status != 0 { throw ExitCode(status) }
    }

    var formats: [ExportJob.Format] { (epub ? [.epub] : []) + (pdf ? [.pdf] : []) }

    private func report(_ line: String) {
        FileIO.writeAll(fd: 2, Array("\(line)\n".utf8))
    }

    private func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}

/// The command line as bytes. Swift's `CommandLine.arguments` repairs a file name
/// that is not UTF-8; the file then cannot be opened, so such names are taken
/// from the raw `argv` instead.
enum RawArguments {
    static let all: [[UInt8]] = (0..<Int(CommandLine.argc)).map { i in
        guard let arg = CommandLine.unsafeArgv[i] else { return [] }
        return UnsafeBufferPointer(start: arg, count: strlen(arg)).map { UInt8(bitPattern: $0) }
    }

    /// Whether `flag` is one of the arguments (before a `--`, after which every
    /// argument is an input).
    static func hasFlag(_ flag: String) -> Bool {
        let wanted = Array(flag.utf8)
        for arg in all.dropFirst() {
            if arg == [UInt8(ascii: "-"), UInt8(ascii: "-")] { return false }
            if arg == wanted { return true }
        }
        return false
    }

    /// The raw bytes behind `value` (a whole argument, `--name=value` or `-ovalue`);
    /// `used` keeps two identically repaired names apart.
    static func path(for value: String, used: inout Set<Int>) -> LocalPath {
        guard value.unicodeScalars.contains("\u{FFFD}") else { return LocalPath(value) }
        for (index, arg) in all.enumerated().dropFirst() where !used.contains(index) {
            var candidates = [arg]
            if let eq = arg.firstIndex(of: UInt8(ascii: "=")), arg.starts(with: Array("--".utf8)) { candidates.append(Array(arg[(eq + 1)...])) }
            if arg.count > 2, arg.starts(with: Array("-o".utf8)) { candidates.append(Array(arg.dropFirst(2))) }
            if let raw = candidates.first(where: { String(decoding: $0, as: UTF8.self) == value }) {
                used.insert(index)
                return LocalPath(bytes: raw)
            }
        }
        return LocalPath(value)
    }
}
