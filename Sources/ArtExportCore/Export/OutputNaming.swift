/// Where an input's outputs go, the same for the command line and for a program
/// using the library: a base name given (`issue-42` → `issue-42.epub`,
/// `issue-42.pdf`; with one format, the name as given), else a folder and the
/// input's name with the format's extension, else beside the input.
public struct OutputNaming: Sendable {
    /// `-o`: one output file, or with several formats the shared base name; `-` is standard output.
    package var base: LocalPath?
    /// `--output-dir`.
    package var folder: LocalPath?
    /// The formats of the run: a base name takes their extensions only when there are several.
    package var formats: [ExportJob.Format]

    package init(base: LocalPath? = nil, folder: LocalPath? = nil, formats: [ExportJob.Format]) {
        self.base = base
        self.folder = folder
        self.formats = formats
    }

    /// Outputs named after their inputs in `folder` (`story.md` → `FOLDER/story.epub`),
    /// or beside each input when `folder` is nil.
    public init(folder: String?, formats: [ExportJob.Format]) {
        self.init(folder: folder.map { LocalPath($0) }, formats: formats)
    }

    /// One base name for a single input's outputs (`issue-42` → `issue-42.epub`,
    /// `issue-42.pdf`; with one format, the name as given).
    public init(base: String, formats: [ExportJob.Format]) {
        self.init(base: LocalPath(base), formats: formats)
    }

    /// Where each format's output of the input at `path` goes.
    public func paths(for path: String) -> [(format: ExportJob.Format, path: String)] {
        outputs(for: LocalPath(path)).map { output in
            switch output.output {
            case .file(let file): return (output.format, file.description)
            case .standardOutput: return (output.format, "-")
            }
        }
    }

    /// The output of `input` (nil: standard input, which needs a base or a folder) in `format`.
    package func output(for input: LocalPath?, format: ExportJob.Format) -> ExportJob.Output {
        let ext = format.fileExtension
        if let base {
            if base.bytes == [UInt8(ascii: "-")] { return .standardOutput }
            guard formats.count > 1 else { return .file(base) }
            var name = base.bytes
            for known in ExportJob.Format.allCases where name.count > known.fileExtension.count + 1
                && name.suffix(known.fileExtension.count + 1).elementsEqual(("." + known.fileExtension).utf8) {
                name.removeLast(known.fileExtension.count + 1)
            }
            return .file(LocalPath(bytes: name + Array(".\(ext)".utf8)))
        }
        let stem = input?.stem ?? "stdin"
        let file = LocalPath(bytes: stem.bytes + Array(".\(ext)".utf8))
        if let folder { return .file(folder.appending(file)) }
        guard let input, input.bytes.contains(UInt8(ascii: "/")) else { return .file(file) }
        return .file(input.directory.appending(file))
    }

    /// Every format's output of `input`, in the order of `formats`.
    package func outputs(for input: LocalPath?) -> [(format: ExportJob.Format, output: ExportJob.Output)] {
        formats.map { ($0, output(for: input, format: $0)) }
    }
}
