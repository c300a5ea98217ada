import ArgumentParser
import ArtExportKit
#if canImport(Glibc)
import Glibc
#endif

/// The command line: options, validation, exit codes. All work is ArtExportKit's.
@main
struct ArtExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "artexport",
        abstract: "Export newsletter articles to EPUB 3 and PDF.",
        discussion: """
            Reads articles in the newsletter text format (a metadata pipe table, then one
            block per line) and writes a validated EPUB 3 and/or a typeset PDF for each.

            EXAMPLES
              artexport --epub article.txt                 writes article.epub beside it
              artexport --pdf article.txt                  writes article.pdf beside it
              artexport --epub --pdf article.txt -o issue-42   writes issue-42.epub and issue-42.pdf
              artexport --epub --pdf a.txt b.txt --output-dir out/
              cat article.txt | artexport --pdf - -o - > article.pdf

            With several inputs, a bad one is reported and the others are still exported.
            SOURCE_DATE_EPOCH (seconds since 1970) fixes the modification date, so the
            same input gives byte-identical output.

            EXIT STATUS
              0   every input exported
              64  usage error (bad options)
              65  an input is not a valid article (the message names file and line)
              66  an input file does not exist or cannot be opened
              70  internal error
              73  an output file cannot be created
              74  a read or write failed part-way
            With several inputs, the status is that of the first input that failed.
            """,
        version: ArtExport.version
    )

    @Flag(name: .long, help: "Write an EPUB 3 file.")
    var epub = false

    @Flag(name: .long, help: "Write a PDF file.")
    var pdf = false

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Output file (one input only); - writes to standard output. With --epub --pdf, the shared base name.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("output-dir"),
            help: ArgumentHelp("Folder for the outputs, named after each input.", valueName: "dir"))
    var outputDirectory: String?

    @Option(name: .long, help: ArgumentHelp("Theme folder holding epub.css (default: the built-in theme).", valueName: "dir"))
    var theme: String?

    @Flag(name: .shortAndLong, help: "Print no warnings, only errors.")
    var quiet = false

    @Argument(help: ArgumentHelp("Article files; - reads standard input.", valueName: "input"))
    var inputs: [String] = []

    func validate() throws {
        guard epub || pdf else { throw ValidationError("choose an output format: --epub, --pdf or both") }
        if epub && pdf && output == "-" { throw ValidationError("-o - writes one format to standard output; choose --epub or --pdf") }
        guard !inputs.isEmpty else { throw ValidationError("give at least one input file, or - for standard input") }
        if output != nil && outputDirectory != nil { throw ValidationError("use either -o/--output or --output-dir, not both") }
        if output != nil && inputs.count > 1 {
            throw ValidationError("-o names one output; with \(inputs.count) inputs use --output-dir")
        }
        if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read only once") }
        if inputs.contains("-") && output == nil && outputDirectory == nil {
            throw ValidationError("standard input has no file name to derive the output from: add -o FILE (or -o - for standard output)")
        }
        if let epoch = environment("SOURCE_DATE_EPOCH"), Int64(epoch) == nil {
            throw ValidationError("SOURCE_DATE_EPOCH must be a whole number of seconds, not '\(epoch)'")
        }
    }

    func run() throws {
        var options = ExportOptions(sourceDateEpoch: environment("SOURCE_DATE_EPOCH").flatMap { Int64($0) })
        if let theme {
            do {
                options.theme = try ThemeLoader.load(directory: theme)
            } catch {
                report(error.description)
                throw ExitCode(error.exitCode)
            }
        }

        if let outputDirectory, !FileIO.isDirectory(outputDirectory) {
            do {
                try FileIO.makeDirectory(outputDirectory)
            } catch {
                report(error.description)
                throw ExitCode(error.exitCode)
            }
        }

        var jobs: [ExportJob] = []
        var targets: [String: String] = [:]
        for input in inputs {
            let source: ExportJob.Input
            if input == "-" {
                do {
                    source = .bytes(try FileIO.readAll(fd: 0, name: "-"), name: "-")
                } catch {
                    report(error.description)
                    throw ExitCode(error.exitCode)
                }
            } else {
                source = .file(input)
            }
            var outputs: [(format: ExportJob.Format, output: ExportJob.Output)] = []
            for format in formats {
                let target = outputPath(for: input, format: format)
                if case .file(let path) = target {
                    if let other = targets[path] {
                        throw ValidationError("\(other) and \(input) would both be written to \(path)")
                    }
                    targets[path] = input
                }
                outputs.append((format, target))
            }
            jobs.append(ExportJob(input: source, outputs: outputs))
        }

        let results = Batch.runSynchronously(jobs, options: options)
        var status: Int32 = 0
        for result in results {
            if !quiet { result.warnings.forEach { report($0.description) } }
            if let error = result.error {
                report(error.description)
                if status == 0 { status = error.exitCode }
            }
        }
        if status != 0 { throw ExitCode(status) }
    }

    private var formats: [ExportJob.Format] { (epub ? [.epub] : []) + (pdf ? [.pdf] : []) }

    /// `-o` as given (with two formats, a base name each adds its extension to);
    /// else `--output-dir/NAME.ext`; else the input's name with its extension
    /// replaced, beside it.
    private func outputPath(for input: String, format: ExportJob.Format) -> ExportJob.Output {
        let ext = format.fileExtension
        if let output {
            if output == "-" { return .standardOutput }
            guard formats.count > 1 else { return .file(output) }
            var base = output
            for known in ExportJob.Format.allCases where base.hasSuffix("." + known.fileExtension) {
                base.removeLast(known.fileExtension.count + 1)
            }
            return .file("\(base).\(ext)")
        }
        let file = input.split(separator: "/").last.map(String.init) ?? input
        let stem = file.lastIndex(of: ".").map { file[..<$0] }.map(String.init).flatMap { $0.isEmpty ? nil : $0 } ?? file
        if let outputDirectory {
            let dir = outputDirectory.hasSuffix("/") ? String(outputDirectory.dropLast()) : outputDirectory
            return .file("\(dir)/\(stem).\(ext)")
        }
        let folder = input.lastIndex(of: "/").map { String(input[...$0]) } ?? ""
        return .file("\(folder)\(stem).\(ext)")
    }

    private func report(_ line: String) {
        FileIO.writeAll(fd: 2, Array("\(line)\n".utf8))
    }

    private func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
