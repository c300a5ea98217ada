#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and atomic writes on POSIX calls, so each failure maps to
/// the right exit status (missing input, cannot create, I/O error).
public enum FileIO {
    public static func read(path: String) throws(ExportError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            let kind: ExportError.Kind = (e == ENOENT || e == ENOTDIR || e == EACCES) ? .missingInput : .ioError
            throw ExportError(kind, file: path, e == ENOENT ? "no such file" : "cannot open: \(message(e))")
        }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            throw ExportError(.missingInput, file: path, "is a folder, not an article file")
        }
        return try readAll(fd: fd, name: path)
    }

    /// Reads a descriptor to its end (standard input, pipes, files).
    public static func readAll(fd: Int32, name: String) throws(ExportError) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw ExportError(.ioError, file: name, "read failed: \(message(errno))")
            }
            result.append(contentsOf: chunk[0..<n])
        }
        return result
    }

    /// Writes `bytes` to a temporary file beside `path`, then renames it into
    /// place: readers see the old file or the whole new one, and after any error
    /// no file (and no temporary) is left behind.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(ExportError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(directory.isEmpty ? "/" : directory)/.\(base).XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw ExportError(.cannotCreateOutput, file: path, "cannot create the output file: \(message(errno))")
        }
        let tempPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var failure: ExportError?
        if !writeAll(fd: fd, bytes) {
            failure = ExportError(.ioError, file: path, "write failed: \(message(errno))")
        } else if fchmod(fd, 0o644) != 0 || fsync(fd) != 0 {
            failure = ExportError(.ioError, file: path, "write failed: \(message(errno))")
        }
        if close(fd) != 0, failure == nil {
            failure = ExportError(.ioError, file: path, "write failed: \(message(errno))")
        }
        if failure == nil, rename(tempPath, path) != 0 {
            let e = errno
            failure = ExportError(e == EISDIR || e == EACCES || e == EROFS ? .cannotCreateOutput : .ioError,
                                  file: path, "cannot replace the output file: \(message(e))")
        }
        if let failure {
            unlink(tempPath)
            throw failure
        }
    }

    @discardableResult
    public static func writeAll(fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }

    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Creates a folder and any missing parents (`mkdir -p`).
    public static func makeDirectory(_ path: String) throws(ExportError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part + "/"
            if isDirectory(prefix) { continue }
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw ExportError(.cannotCreateOutput, file: path, "cannot create the output folder: \(message(errno))")
            }
        }
    }

    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    static func message(_ code: Int32) -> String { String(cString: strerror(code)) }
}
