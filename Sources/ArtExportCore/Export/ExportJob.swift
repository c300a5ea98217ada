/// One input exported to its outputs, start to end, synchronously: read, parse,
/// typeset, write. Every C object it creates is created and freed inside it.
public struct ExportJob: Sendable {
    package enum Input: Sendable {
        /// A file on disk; its path names it in messages.
        case file(LocalPath)
        /// Standard input, read to its end (up to the input limit) when the job runs.
        case standardInput
        /// Bytes already read (a newsletter system's store).
        case bytes([UInt8], name: String)
        /// An issue file, already parsed (`IssueFile`): its articles are read when the job runs.
        case issue(IssueFile)

        /// The input as messages name it (a path quoted when it holds odd characters).
        package var name: String {
            switch self {
            case .file(let path): return path.description
            case .standardInput: return "-"
            case .bytes(_, let name): return name
            case .issue(let issue): return issue.file
            }
        }
    }

    package enum Output: Sendable, Hashable {
        case file(LocalPath)
        case standardOutput
    }

    /// An output format.
    public enum Format: String, Sendable, CaseIterable {
        case epub
        case pdf
        public var fileExtension: String { rawValue }
    }

    package var input: Input
    package var outputs: [(format: Format, output: Output)]
    /// How to read the input; nil: by a file's extension (`ArtExport.InputFormat(forFile:)`),
    /// the article format for standard input and bytes.
    package var inputFormat: ArtExport.InputFormat?

    package init(input: Input, outputs: [(format: Format, output: Output)], inputFormat: ArtExport.InputFormat? = nil) {
        self.input = input
        self.outputs = outputs
        self.inputFormat = inputFormat
    }

    /// The format the input is read in.
    package var resolvedInputFormat: ArtExport.InputFormat {
        if let inputFormat { return inputFormat }
        if case .file(let path) = input { return ArtExport.InputFormat(forFile: path) }
        return .articleText
    }

    /// Where the input's images are: a file's folder; none for standard input and bytes.
    package var imageFolder: LocalPath? {
        if case .file(let path) = input { return path.directory }
        return nil
    }

    /// One output as it was written.
    public struct WrittenFile: Sendable, Equatable {
        public package(set) var format: Format
        /// The file as messages name it, or "-" for standard output.
        public package(set) var path: String
        public package(set) var bytes: Int
        /// SHA-256 of the bytes written, as 64 lower-case hex digits (`sha256sum`'s form);
        /// nil when `ExportOptions.digests` is off.
        public package(set) var sha256: String?
        /// For a paged format (PDF); nil for EPUB.
        public package(set) var pages: Int?
        /// How long its writer took to make it.
        public package(set) var duration: Duration
    }

    /// What became of one input.
    public struct Result: Sendable {
        /// The input as messages name it.
        public package(set) var input: String
        public package(set) var warnings: [Diagnostic]
        /// Every reason the input was not exported (one per output that could
        /// not be written, so a read-only folder is reported for EPUB and PDF).
        public package(set) var errors: [ExportError]
        /// Outputs written, in the order of `outputs`; none when the input failed.
        public package(set) var outputs: [WrittenFile] = []
        /// The article's `wordCount`; nil when it could not be read.
        public package(set) var words: Int?
        /// From the start of reading to the last output in place.
        public package(set) var duration: Duration = .zero

        public var error: ExportError? { errors.first }
        /// Outputs written (file paths as messages name them, or "-").
        public var written: [String] { outputs.map(\.path) }
    }

    /// Runs the job. Every output is rendered, then every one is staged beside its
    /// target, and only when all are staged are they put in place: a failure
    /// leaves no output of this input behind.
    package func run(options: ExportOptions) -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        var result = Result(input: input.name, warnings: [], errors: [])
        do throws(ExportError) {
            let bytes: [UInt8]
            switch input {
            case .issue(let file):
                let (issue, readWarnings) = try file.read(limit: options.inputLimit)
                result.warnings = readWarnings
                result.words = issue.articles.reduce(0) { $0 + $1.wordCount }
                let time = ArtExport.timestamp(for: issue.metadata.date, sourceDateEpoch: options.sourceDateEpoch, now: options.now)
                try write(&result, options: options, clock: clock) { writer, pageMap throws(ExportError) in
                    try writer.write(issue, theme: options.theme, modified: time, pageMap: pageMap)
                }
                result.duration = clock.now - start
                return result
            case .file(let path): bytes = try FileIO.read(path: path, limit: options.inputLimit)
            case .standardInput: bytes = try FileIO.readAll(fd: 0, name: "-", limit: options.inputLimit)
            case .bytes(let b, let name):
                guard b.count <= options.inputLimit else {
                    throw ExportError(.badInput, file: name, "is \(ByteCount.describe(b.count)), over the limit of "
                                      + "\(ByteCount.describe(options.inputLimit)) for one article")
                }
                bytes = b
            }
            let (article, readWarnings) = try ArtExport.read(bytes, file: input.name, format: resolvedInputFormat, imageFolder: imageFolder)
            result.warnings = readWarnings
            result.words = article.wordCount
            let time = ArtExport.timestamp(for: article, sourceDateEpoch: options.sourceDateEpoch, now: options.now)
            try write(&result, options: options, clock: clock) { writer, pageMap throws(ExportError) in
                try writer.write(article, theme: options.theme, modified: time, pageMap: pageMap)
            }
        } catch {
            result.outputs = []
            result.errors = [error]
        }
        result.duration = clock.now - start
        return result
    }

    /// Renders every output with `render`, then stages each beside its target, and
    /// puts them in place only when all are staged. A paginated output (the PDF) is
    /// rendered first, so the others get its page map (the EPUB's page list).
    private func write(_ result: inout Result, options: ExportOptions, clock: ContinuousClock,
                       _ render: (any FormatWriter, PageMap?) throws(ExportError) -> WrittenOutput) throws(ExportError) {
        var writers: [any FormatWriter] = []
        for (format, _) in outputs {
            guard let writer = options.writers.first(where: { $0.format == format }) else {
                throw ExportError(.unavailable, file: input.name, "this program was built without the \(format.rawValue.uppercased()) writer")
            }
            writers.append(writer)
        }
        var rendered = [(Output, [UInt8], WrittenFile)?](repeating: nil, count: outputs.count)
        var pageMap: PageMap?
        let order = writers.indices.filter { writers[$0].paginates } + writers.indices.filter { !writers[$0].paginates }
        for k in order {
            do {
                let began = clock.now
                let written = try render(writers[k], pageMap)
                result.warnings += written.warnings.map { $0.located(in: input.name) }
                let file = WrittenFile(format: outputs[k].format, path: "", bytes: written.bytes.count,
                                       sha256: options.digests ? try SHA256.hex(written.bytes) : nil,
                                       pages: written.pages, duration: clock.now - began)
                rendered[k] = (outputs[k].output, written.bytes, file)
                if pageMap == nil { pageMap = written.pageMap }
            } catch {
                throw error.located(in: input.name)
            }
        }
        let files = rendered.compactMap { $0 }
        var staged: [FileIO.StagedOutput] = []
        for (output, data, _) in files {
            switch output {
            case .file(let path):
                do { staged.append(try FileIO.stage(data, for: path)) } catch { result.errors.append(error) }
            case .standardOutput:
                staged.append(FileIO.stageStandardOutput(data))
            }
        }
        guard result.errors.isEmpty else {
            staged.forEach { $0.discard() }
            return
        }
        for (index, output) in staged.enumerated() {
            do {
                try output.commit()
            } catch {
                staged[(index + 1)...].forEach { $0.discard() }
                throw error
            }
            var file = files[index].2
            file.path = output.name
            result.outputs.append(file)
        }
    }
}

/// Settings shared by every job of a run.
package struct ExportOptions: Sendable {
    /// The formats this program can write; a job asking for another fails with exit 69.
    package var writers: [any FormatWriter]
    package var theme: Theme
    /// Seconds since 1970 to stamp into outputs instead of the article's date
    /// (https://reproducible-builds.org/specs/source-date-epoch/).
    package var sourceDateEpoch: Int64?
    package var now: @Sendable () -> Int64
    /// The largest input read, in bytes; a larger one fails with exit 65.
    package var inputLimit: Int
    /// Whether each output's SHA-256 is computed. Off, libcrypto is never opened:
    /// 1.6 ms saved by a run that writes no EPUB (libzip opens it anyway).
    package var digests = true

    package init(writers: [any FormatWriter], theme: Theme = .standard, sourceDateEpoch: Int64? = nil, now: @escaping @Sendable () -> Int64 = Machine.unixTime,
                inputLimit: Int = FileIO.defaultInputLimit) {
        self.writers = writers
        self.theme = theme
        self.sourceDateEpoch = sourceDateEpoch
        self.now = now
        self.inputLimit = inputLimit
    }
}

extension ExportJob.Result {
    /// An input that failed before its job ran (a batch's caller checks outputs first).
    package init(input: String, failure: ExportError) {
        self.init(input: input, warnings: [], errors: [failure])
    }
}
