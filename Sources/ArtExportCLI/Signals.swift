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
            Console.current.withLock { $0 }?.finish()
            _exit(128 + received)
        }, nil)
        if created == 0 { pthread_detach(thread) } else { pthread_sigmask(SIG_UNBLOCK, &set, nil) }
    }
}
