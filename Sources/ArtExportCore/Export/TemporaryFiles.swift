import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Every temporary output file of the process that has not yet been renamed into
/// place. Creating, renaming and removing one happen under one lock, so whoever
/// takes the lock sees each temporary either registered or gone — which is what a
/// signal handler needs to remove them all before the process ends.
package enum TemporaryFiles {
    private struct State: ~Copyable {
        var paths: [Int: [CChar]] = [:]
        var nextToken = 0
        /// Set once the process is ending: no new temporary may be created.
        var closed = false
    }

    private static let state = Mutex(State())

    /// Creates a temporary file from a `mkstemp` template and registers it.
    /// Returns the descriptor, the path and a token for `commit`/`discard`, or
    /// the errno (ECANCELED once the process is ending).
    static func create(template: [CChar]) -> Result<(fd: Int32, path: [CChar], token: Int), Errno> {
        state.withLock { s in
            guard !s.closed else { return .failure(Errno(code: ECANCELED)) }
            var name = template
            let fd = name.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else { return .failure(Errno(code: errno)) }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            let token = s.nextToken
            s.nextToken += 1
            s.paths[token] = name
            return .success((fd, name, token))
        }
    }

    /// Renames the temporary onto `target` and forgets it; 0 or the errno.
    static func commit(_ token: Int, to target: [CChar]) -> Int32 {
        state.withLock { s in
            guard let path = s.paths[token] else { return ECANCELED }
            guard rename(path, target) == 0 else { return errno }
            s.paths[token] = nil
            return 0
        }
    }

    /// Removes the temporary and forgets it.
    static func discard(_ token: Int) {
        state.withLock { s in
            if let path = s.paths.removeValue(forKey: token) { unlink(path) }
        }
    }

    /// Removes every registered temporary and refuses new ones; for a signal
    /// handler that is about to end the process. Returns how many it removed.
    @discardableResult
    package static func removeAllAndClose() -> Int {
        state.withLock { s in
            s.closed = true
            for path in s.paths.values { unlink(path) }
            let count = s.paths.count
            s.paths.removeAll()
            return count
        }
    }

    /// How many temporaries exist now (for tests).
    package static var count: Int { state.withLock { $0.paths.count } }
}

/// A C error number, with its message.
struct Errno: Error {
    var code: Int32
    var message: String { String(cString: strerror(code)) }
}
