import ArtExportCore
#if canImport(Glibc)
import Glibc
#endif

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
