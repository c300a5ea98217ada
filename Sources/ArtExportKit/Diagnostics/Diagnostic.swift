/// A message about one input, pointing at the line to fix.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case warning, error }

    public var file: String
    /// 1-based; nil when the message concerns the whole file.
    public var line: Int?
    public var severity: Severity
    public var message: String

    public init(file: String, line: Int?, severity: Severity, message: String) {
        self.file = file
        self.line = line
        self.severity = severity
        self.message = message
    }

    /// `file:line: message` (errors) or `file:line: warning: message`, the form
    /// editors and compilers use, so a terminal or an IDE can jump to the line.
    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return severity == .warning ? "\(place): warning: \(message)" : "\(place): \(message)"
    }
}

/// Why an export failed, with the exit status the CLI reports for it (sysexits.h).
public struct ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Int32, Sendable {
        /// The input is not a valid article (EX_DATAERR).
        case badInput = 65
        /// The input does not exist or cannot be opened (EX_NOINPUT).
        case missingInput = 66
        /// The output file cannot be created (EX_CANTCREAT).
        case cannotCreateOutput = 73
        /// Reading or writing failed part-way (EX_IOERR).
        case ioError = 74
        /// A library call failed in a way no input explains (EX_SOFTWARE).
        case internalError = 70
    }

    public var kind: Kind
    public var diagnostic: Diagnostic

    public init(_ kind: Kind, file: String, line: Int? = nil, _ message: String) {
        self.kind = kind
        self.diagnostic = Diagnostic(file: file, line: line, severity: .error, message: message)
    }

    public var exitCode: Int32 { kind.rawValue }
    public var description: String { diagnostic.description }
}
