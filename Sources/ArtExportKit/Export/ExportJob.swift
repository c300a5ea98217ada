/// One input exported to its outputs, start to end, synchronously: read, parse,
/// typeset, write. Every C object it creates is created and freed inside it.
public struct ExportJob: Sendable {
    public enum Input: Sendable {
        /// A file on disk; its path names it in messages.
        case file(String)
        /// Bytes already read (standard input, a newsletter system's store).
        case bytes([UInt8], name: String)

        public var name: String {
            switch self {
            case .file(let path): return path
            case .bytes(_, let name): return name
            }
        }
    }

    public enum Output: Sendable, Equatable {
        case file(String)
        case standardOutput
    }

    public enum Format: String, Sendable, CaseIterable {
        case epub
        case pdf
        public var fileExtension: String { rawValue }
    }

    public var input: Input
    public var outputs: [(format: Format, output: Output)]

    public init(input: Input, outputs: [(format: Format, output: Output)]) {
        self.input = input
        self.outputs = outputs
    }

    public struct Result: Sendable {
        public var input: String
        public var warnings: [Diagnostic]
        public var error: ExportError?
        /// Paths written (or "-" for standard output), in the order of `outputs`.
        public var written: [String]
    }

    /// Runs the job. Every output is rendered before any is written, so a failure
    /// leaves no output of this input behind.
    public func run(options: ExportOptions) -> Result {
        var warnings: [Diagnostic] = []
        do throws(ExportError) {
            let bytes: [UInt8]
            switch input {
            case .file(let path): bytes = try FileIO.read(path: path)
            case .bytes(let b, _): bytes = b
            }
            let (article, readWarnings) = try ArtExport.read(bytes, file: input.name)
            warnings = readWarnings
            let time = ArtExport.timestamp(for: article, sourceDateEpoch: options.sourceDateEpoch, now: options.now)
            var rendered: [(Output, [UInt8])] = []
            for (format, output) in outputs {
                do {
                    switch format {
                    case .epub: rendered.append((output, try EPUBExporter(theme: options.theme).export(article, modified: time)))
                    case .pdf:
                        rendered.append((output, try PDFExporter(theme: options.theme).export(article, modified: time, warnings: &warnings, file: input.name)))
                    }
                } catch {
                    throw ExportError(error.kind, file: input.name, error.diagnostic.message)
                }
            }
            var written: [String] = []
            for (output, data) in rendered {
                switch output {
                case .file(let path):
                    try FileIO.writeAtomically(data, to: path)
                    written.append(path)
                case .standardOutput:
                    guard FileIO.writeAll(fd: 1, data) else {
                        throw ExportError(.ioError, file: "-", "cannot write to standard output")
                    }
                    written.append("-")
                }
            }
            return Result(input: input.name, warnings: warnings, error: nil, written: written)
        } catch {
            return Result(input: input.name, warnings: warnings, error: error, written: [])
        }
    }
}

/// Settings shared by every job of a run.
public struct ExportOptions: Sendable {
    public var theme: Theme
    /// Seconds since 1970 to stamp into outputs instead of the article's date
    /// (https://reproducible-builds.org/specs/source-date-epoch/).
    public var sourceDateEpoch: Int64?
    public var now: @Sendable () -> Int64

    public init(theme: Theme = .standard, sourceDateEpoch: Int64? = nil, now: @escaping @Sendable () -> Int64 = Machine.unixTime) {
        self.theme = theme
        self.sourceDateEpoch = sourceDateEpoch
        self.now = now
    }
}
