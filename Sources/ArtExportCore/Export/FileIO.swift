#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and safe writes on POSIX calls, so each failure maps to the
/// right exit status (missing input, bad input, cannot create, I/O error).
package enum FileIO {
    /// The largest article read unless the caller says otherwise: far beyond any
    /// newsletter article (a long one is 60 KB), small enough that a wrong input
    /// (`/dev/zero`, a video) fails at once instead of filling memory.
    package static let defaultInputLimit = 64 << 20

    /// Reads a regular file of at most `limit` bytes. Anything else — a FIFO that
    /// may never be written, a device, a folder — is refused before a byte is read.
    package static func read(path: LocalPath, limit: Int = defaultInputLimit) throws(ExportError) -> [UInt8] {
        let name = path.description
        // O_NONBLOCK: opening a FIFO with no writer must not block; it is refused below.
        let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK) }
        guard fd >= 0 else {
            let e = errno
            switch e {
            case ENOENT: throw ExportError(.missingInput, file: name, "no such file")
            case ENOTDIR, EACCES, ELOOP, ENAMETOOLONG, ENXIO, EPERM:
                throw ExportError(.missingInput, file: name, "cannot open: \(message(e))")
            default: throw ExportError(.ioError, file: name, "cannot open: \(message(e))")
            }
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw ExportError(.ioError, file: name, "cannot read: \(message(errno))") }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw ExportError(.missingInput, file: name, "is a folder, not an article file")
        default:
            throw ExportError(.missingInput, file: name,
                              "is \(kind(of: st.st_mode)), not a regular file; give an article file, or - to read standard input")
        }
        if Int(st.st_size) > limit { throw tooLarge(name, size: Int(st.st_size), limit: limit) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return try readAll(fd: fd, name: name, limit: limit, expected: Int(st.st_size))
    }

    /// Reads a descriptor to its end (standard input, pipes, files), failing as
    /// soon as more than `limit` bytes arrive.
    package static func readAll(fd: Int32, name: String, limit: Int = defaultInputLimit, expected: Int = 0) throws(ExportError) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(min(expected, limit) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw ExportError(.ioError, file: name, "read failed: \(message(errno))")
            }
            if result.count + n > limit { throw tooLarge(name, size: nil, limit: limit) }
            result.append(contentsOf: chunk[0..<n])
        }
        return result
    }

    private static func tooLarge(_ name: String, size: Int?, limit: Int) -> ExportError {
        let what = size.map { "is \(ByteCount.describe($0))" } ?? "holds more than \(ByteCount.describe(limit))"
        return ExportError(.badInput, file: name,
                           "\(what), over the limit of \(ByteCount.describe(limit)) for one article; "
                           + "if it really is an article, raise the limit with --max-input-size")
    }

    // MARK: writing

    /// An output rendered and ready to be put in place. A regular file (or a new
    /// name) is written to a registered temporary beside it, so nothing changes
    /// until `commit`; a pipe, terminal or the null device is written directly at
    /// `commit`, since renaming over a device would replace it with a file.
    package struct StagedOutput: Sendable {
        enum Kind: Sendable {
            case temporary(token: Int, target: [CChar])
            case direct(path: LocalPath, bytes: [UInt8])
            case standardOutput(bytes: [UInt8])
        }
        let kind: Kind
        let name: String

        /// Puts the output in place: a rename, or the write to a device or pipe.
        package func commit() throws(ExportError) {
            switch kind {
            case .temporary(let token, let target):
                let e = TemporaryFiles.commit(token, to: target)
                guard e == 0 else {
                    TemporaryFiles.discard(token)
                    throw ExportError(e == EISDIR || e == EACCES || e == EROFS || e == EPERM ? .cannotCreateOutput : .ioError,
                                      file: name, "cannot replace the output file: \(message(e))")
                }
            case .direct(let path, let bytes):
                let fd = path.withCString { open($0, O_WRONLY | O_CLOEXEC | O_NOCTTY) }
                guard fd >= 0 else { throw ExportError(.cannotCreateOutput, file: name, "cannot open for writing: \(message(errno))") }
                let ok = writeAll(fd: fd, bytes)
                let e = errno
                let closed = close(fd) == 0
                guard ok, closed else { throw ExportError(.ioError, file: name, "write failed: \(message(ok ? errno : e))") }
            case .standardOutput(let bytes):
                guard writeAll(fd: 1, bytes) else {
                    throw ExportError(.ioError, file: name, "cannot write to standard output: \(message(errno))")
                }
            }
        }

        /// Removes what `stage` made, leaving everything as it was.
        package func discard() {
            if case .temporary(let token, _) = kind { TemporaryFiles.discard(token) }
        }
    }

    /// Bytes for standard output, written at `commit` like any other output.
    package static func stageStandardOutput(_ bytes: [UInt8]) -> StagedOutput {
        StagedOutput(kind: .standardOutput(bytes: bytes), name: "-")
    }

    /// Prepares `bytes` for `path`. A regular file keeps its permissions (and,
    /// for root, its owner) when replaced; a symlink to one stays a link and its
    /// target is replaced; a new file gets 0666 less the umask. Folders, block
    /// devices, sockets and character devices other than terminals and the null
    /// device are refused: artexport never writes over them.
    package static func stage(_ bytes: [UInt8], for path: LocalPath) throws(ExportError) -> StagedOutput {
        let name = path.description
        if path.isEmpty { throw ExportError(.cannotCreateOutput, file: name, "an empty output name") }
        var st = stat()
        var mode = 0o666 & ~UserMask.value
        var owner: (uid_t, gid_t)?
        var target = path
        if path.withCString({ stat($0, &st) }) == 0 {
            switch st.st_mode & S_IFMT {
            case S_IFREG:
                mode = st.st_mode & 0o7777
                owner = (st.st_uid, st.st_gid)
                if let real = realPath(path) { target = real }
            case S_IFDIR:
                throw ExportError(.cannotCreateOutput, file: name, "is a folder; name an output file")
            case S_IFIFO:
                return StagedOutput(kind: .direct(path: path, bytes: bytes), name: name)
            case S_IFCHR where isTerminalOrNull(st.st_rdev):
                return StagedOutput(kind: .direct(path: path, bytes: bytes), name: name)
            default:
                throw ExportError(.cannotCreateOutput, file: name,
                                  "is \(kind(of: st.st_mode)); artexport writes only to files, pipes, terminals and /dev/null")
            }
        } else if errno != ENOENT {
            throw ExportError(.cannotCreateOutput, file: name, "cannot create the output file: \(message(errno))")
        }

        // A short fixed name: the output's own name may already use all 255 bytes.
        let template = target.directory.appending(".artexport-XXXXXX").bytes.map { CChar(bitPattern: $0) } + [0]
        let created: (fd: Int32, path: [CChar], token: Int)
        switch TemporaryFiles.create(template: template) {
        case .success(let c): created = c
        case .failure(let e):
            throw ExportError(.cannotCreateOutput, file: name, "cannot create the output file: \(e.message)")
        }
        var failure: Int32 = 0
        if !writeAll(fd: created.fd, bytes) { failure = errno }
        if failure == 0, fchmod(created.fd, mode) != 0 { failure = errno }
        if failure == 0, let (uid, gid) = owner, geteuid() == 0, uid != 0 || gid != 0 {
            _ = fchown(created.fd, uid, gid)    // best effort: keep the owner a root run replaces a file of
        }
        if failure == 0, fsync(created.fd) != 0 { failure = errno }
        if close(created.fd) != 0, failure == 0 { failure = errno }
        guard failure == 0 else {
            TemporaryFiles.discard(created.token)
            throw ExportError(.ioError, file: name, "write failed: \(message(failure))")
        }
        return StagedOutput(kind: .temporary(token: created.token, target: target.bytes.map { CChar(bitPattern: $0) } + [0]), name: name)
    }

    /// Stages and commits at once: readers see the old file or the whole new one,
    /// and after any error no file (and no temporary) is left behind.
    package static func writeAtomically(_ bytes: [UInt8], to path: LocalPath) throws(ExportError) {
        try stage(bytes, for: path).commit()
    }

    @discardableResult
    package static func writeAll(fd: Int32, _ bytes: [UInt8]) -> Bool {
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

    // MARK: file identity

    /// What a path names, for telling whether two paths are the same file: the
    /// device and inode of an existing file (after symlinks), else the absolute
    /// path it would be created at.
    package enum Identity: Hashable, Sendable {
        case file(device: UInt64, inode: UInt64)
        case new(LocalPath)
    }

    package static func identity(of path: LocalPath) -> Identity {
        var st = stat()
        if path.withCString({ stat($0, &st) }) == 0 {
            return .file(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
        }
        // Resolve the deepest folder that exists; the rest is normalised by name.
        var missing: [LocalPath] = []
        var folder = path
        while true {
            missing.append(folder.lastComponent)
            folder = folder.directory
            if let real = realPath(folder) {
                var result = real
                for part in missing.reversed() {
                    if part.bytes == [0x2E] || part.isEmpty { continue }
                    if part.bytes == [0x2E, 0x2E] { result = result.directory; continue }
                    result = result.appending(part)
                }
                return .new(result)
            }
            if folder.bytes == [0x2E] || folder.bytes == [0x2F] { return .new(path) }
        }
    }

    // MARK: folders

    package static func exists(_ path: LocalPath) -> Bool { path.withCString { access($0, F_OK) } == 0 }

    /// Creates a folder and any missing parents (`mkdir -p`), 0777 less the umask.
    package static func makeDirectory(_ path: LocalPath) throws(ExportError) {
        var prefix: [UInt8] = path.bytes.first == 0x2F ? [0x2F] : []
        for part in path.bytes.split(separator: 0x2F) {
            prefix += part + [0x2F]
            let folder = LocalPath(bytes: prefix)
            if isDirectory(folder) { continue }
            if folder.withCString({ mkdir($0, 0o777) }) != 0 && errno != EEXIST {
                throw ExportError(.cannotCreateOutput, file: path.description, "cannot create the output folder: \(message(errno))")
            }
        }
    }

    package static func isDirectory(_ path: LocalPath) -> Bool {
        var st = stat()
        return path.withCString { stat($0, &st) } == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    // MARK: helpers

    static func realPath(_ path: LocalPath) -> LocalPath? {
        guard let resolved = path.withCString({ realpath($0, nil) }) else { return nil }
        defer { free(resolved) }
        return LocalPath(bytes: Array(UnsafeBufferPointer(start: resolved, count: strlen(resolved)).map { UInt8(bitPattern: $0) }))
    }

    /// Terminals (majors 4, 5 and 136–143 on Linux) and /dev/null itself.
    private static func isTerminalOrNull(_ rdev: dev_t) -> Bool {
        var null = stat()
        if stat("/dev/null", &null) == 0, null.st_rdev == rdev { return true }
        let major = Int((rdev >> 8) & 0xFFF) | Int((rdev >> 32) & ~0xFFF)
        return major == 4 || major == 5 || (136...143).contains(major)
    }

    private static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFDIR: return "a folder"
        default: return "not a regular file"
        }
    }

    static func message(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// The process's file-creation mask, for the permissions of new outputs.
enum UserMask {
    /// Read once: `umask` can only be read by setting it, so it is set straight back.
    static let value: mode_t = {
        let mask = Glibc.umask(0o022)
        Glibc.umask(mask)
        return mask
    }()
}

/// Sizes in bytes, as people write them (`64M`, `1.5 GiB`) and read them.
package enum ByteCount {
    /// Parses `123`, `64K`, `64M`, `1G` (also `KB`, `KiB`, … ; powers of 1024).
    package static func parse(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: " ")
        let digits = t.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        guard let value = Double(digits), value > 0 else { return nil }
        let unit = t.dropFirst(digits.count).trimmingCharacters(in: " ").lowercased()
        let shift: Int
        switch unit {
        case "", "b": shift = 0
        case "k", "kb", "kib": shift = 10
        case "m", "mb", "mib": shift = 20
        case "g", "gb", "gib": shift = 30
        default: return nil
        }
        let bytes = value * Double(1 << shift)
        guard bytes >= 1, bytes < Double(Int.max / 2) else { return nil }
        return Int(bytes)
    }

    /// `64 MiB`, `70.2 MiB`, `512 KiB`, `900 bytes`.
    package static func describe(_ n: Int) -> String {
        for (shift, unit) in [(30, "GiB"), (20, "MiB"), (10, "KiB")] where n >= 1 << shift {
            let value = Double(n) / Double(1 << shift)
            let rounded = (value * 10).rounded() / 10
            return rounded == rounded.rounded() ? "\(Int(rounded)) \(unit)" : "\(rounded) \(unit)"
        }
        return "\(n) bytes"
    }
}

private extension StringProtocol {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
