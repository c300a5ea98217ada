import ArtExportCore
#if canImport(Glibc)
import Glibc
#endif

/// What the process does on SIGINT, SIGTERM and SIGHUP: remove every temporary
/// output, then exit 128 + the signal's number (130, 143, 129), as a shell
/// reports a command the signal ended. SIGPIPE is ignored, so a closed output
/// pipe becomes a write error with a message (exit 74) instead of a silent death.
enum Signals {
    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Blocks the signals in this thread — and so in every thread started after
    /// it, which inherit the mask — and waits for them on a thread of their own,
    /// where ordinary code (a lock, unlink) is safe, unlike in a signal handler.
    /// Call before any other thread starts.
    static func install() {
        signal(SIGPIPE, SIG_IGN)
        var set = sigset_t()
        sigemptyset(&set)
        for s in handled { sigaddset(&set, s) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        var thread = pthread_t()
        let created = pthread_create(&thread, nil, { _ in
            var set = sigset_t()
            sigemptyset(&set)
            for s in Signals.handled { sigaddset(&set, s) }
            var received: Int32 = 0
            while sigwait(&set, &received) != 0 {}
            TemporaryFiles.removeAllAndClose()
            _exit(128 + received)
        }, nil)
        if created == 0 { pthread_detach(thread) } else { pthread_sigmask(SIG_UNBLOCK, &set, nil) }
    }
}

/// Runs the writers' `prepare()` on a thread of its own, started after the
/// signal mask is set so it inherits it.
enum Preload {
    static func start(_ writers: [any FormatWriter]) {
        guard !writers.isEmpty else { return }
        let box = Unmanaged.passRetained(WritersBox(writers)).toOpaque()
        var thread = pthread_t()
        if pthread_create(&thread, nil, { raw in
            let box = Unmanaged<WritersBox>.fromOpaque(raw!).takeRetainedValue()
            box.writers.forEach { $0.prepare() }
            return nil
        }, box) == 0 {
            pthread_detach(thread)
        } else {
            Unmanaged<WritersBox>.fromOpaque(box).release()
        }
    }

    private final class WritersBox: Sendable {
        let writers: [any FormatWriter]
        init(_ writers: [any FormatWriter]) { self.writers = writers }
    }
}
