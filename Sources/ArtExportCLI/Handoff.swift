#if canImport(Glibc)
import Glibc
#endif

/// Replaces this process with a sibling executable, same arguments, same
/// environment: how `artexport` gives a PDF run to `artexport-pdf` without
/// linking Cairo and Pango itself. exec keeps the process id, the standard
/// streams and the exit status the caller waits for.
enum Handoff {
    /// Returns only when the exec failed, with the reason.
    static func exec(_ name: String) -> String {
        guard let directory = ownDirectory() else { return "the folder of this program is unknown (/proc/self/exe)" }
        let path = directory + "/" + name
        execv(path, CommandLine.unsafeArgv)
        return "\(path): \(String(cString: strerror(errno)))"
    }

    /// The folder of the running executable, symlinks resolved (an `artexport`
    /// linked into /usr/local/bin finds `artexport-pdf` beside its real file).
    private static func ownDirectory() -> String? {
        guard let real = realpath("/proc/self/exe", nil) else { return nil }
        defer { free(real) }
        let path = String(cString: real)
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return String(path[..<slash])
    }
}
