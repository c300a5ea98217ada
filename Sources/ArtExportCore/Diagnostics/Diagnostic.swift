/// A message about one input, pointing at the line to fix.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case warning, error }

    /// The input the message is about (its path or the name it was given).
    public package(set) var file: String
    /// 1-based; nil when the message concerns the whole file.
    public package(set) var line: Int?
    public package(set) var severity: Severity
    /// What is wrong, without the file and line.
    public package(set) var message: String

    package init(file: String, line: Int?, severity: Severity, message: String) {
        self.file = file
        self.line = line
        self.severity = severity
        self.message = message
    }

    /// The message with its input's name, unless it already names a file.
    package func located(in file: String) -> Diagnostic {
        guard self.file.isEmpty else { return self }
        var d = self
        d.file = file
        return d
    }

    /// `file:line: message` (errors) or `file:line: warning: message`, the form
    /// editors and compilers use, so a terminal or an IDE can jump to the line.
    public var description: String {
        // A writer's error before the job has named its input: no empty `:` prefix.
        let place = file.isEmpty ? line.map { "line \($0)" } : (line.map { "\(file):\($0)" } ?? file)
        let text = severity == .warning ? "warning: \(message)" : message
        return place.map { "\($0): \(text)" } ?? text
    }
}

/// Why an export failed, with the exit status the CLI reports for it (sysexits.h).
public struct ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Int32, Sendable {
        /// The run was asked for something it must refuse: an output that is an input
        /// or another output (EX_USAGE).
        case usage = 64
        /// The input is not a valid article (EX_DATAERR).
        case badInput = 65
        /// The input does not exist or cannot be opened (EX_NOINPUT).
        case missingInput = 66
        /// The output file cannot be created (EX_CANTCREAT).
        case cannotCreateOutput = 73
        /// The program lacks what the run needs, such as the PDF writer (EX_UNAVAILABLE).
        case unavailable = 69
        /// Reading or writing failed part-way (EX_IOERR).
        case ioError = 74
        /// A library call failed in a way no input explains (EX_SOFTWARE).
        case internalError = 70
    }

    public package(set) var kind: Kind
    /// The file, line and message.
    public package(set) var diagnostic: Diagnostic

    package init(_ kind: Kind, file: String, line: Int? = nil, _ message: String) {
        self.kind = kind
        self.diagnostic = Diagnostic(file: file, line: line, severity: .error, message: message)
    }

    /// For writers, which know what went wrong but not which input they are
    /// writing: the export job names the file (`located(in:)`), in one place.
    package init(_ kind: Kind, line: Int? = nil, _ message: String) {
        self.init(kind, file: "", line: line, message)
    }

    /// The error with its input's name, unless it already names a file; the line is kept.
    package func located(in file: String) -> ExportError {
        var e = self
        e.diagnostic = diagnostic.located(in: file)
        return e
    }

    /// The command line's exit status for this error (sysexits.h), for a program that wants the same.
    public var exitCode: Int32 { kind.rawValue }
    public var description: String { diagnostic.description }
}
