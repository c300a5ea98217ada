import ArtExportCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What a run prints on standard error while its inputs export: each input's
/// warnings, errors and (with --verbose) outputs, in input order as soon as the
/// inputs before it are done, so the messages are the same for any --jobs; and
/// on a terminal, a progress bar below them, redrawn in place.
final class Console: Sendable {
    struct Settings {
        var total: Int
        var quiet: Bool
        var verbose: Bool
        var bar: Bool
    }

    private struct State {
        var results: [ExportJob.Result?]
        /// The first input whose messages are not yet printed.
        var nextToPrint = 0
        var done = 0
        /// Inputs started and not finished, latest last: the bar names the latest.
        var running: [(index: Int, name: String)] = []
        /// The bar on the screen, which must be cleared before any message; nil when none.
        var shown: String?
        /// After `finish()` or a signal: nothing more is drawn.
        var stopped = false
    }

    private let settings: Settings
    private let state: Mutex<State>
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    /// The console the signal handler clears the bar of (Signals).
    static let current = Mutex<Console?>(nil)

    init(_ settings: Settings) {
        self.settings = settings
        self.state = Mutex(State(results: Array(repeating: nil, count: settings.total)))
        self.start = clock.now
        if settings.bar { Self.current.withLock { $0 = self } }
    }

    /// A bar is drawn only for people: when standard error is a terminal and
    /// there is more than one input to wait for.
    static func wantsBar(inputs: Int, quiet: Bool, json: Bool) -> Bool {
        inputs > 1 && !quiet && !json && isatty(2) != 0
    }

    /// `Batch`'s progress handler; called from the threads that run the jobs.
    func handle(_ event: Batch.Event) {
        state.withLock { state in
            switch event {
            case .started(let index, let name):
                state.running.append((index, name))
            case .finished(let index, let result):
                state.running.removeAll { $0.index == index }
                state.done += 1
                state.results[index] = result
                var text = ""
                while state.nextToPrint < settings.total, let ready = state.results[state.nextToPrint] {
                    text += messages(for: ready)
                    state.nextToPrint += 1
                }
                if !text.isEmpty {
                    write((state.shown == nil ? "" : Self.clearLine) + text)
                    state.shown = nil
                }
            }
            draw(&state)
        }
    }

    /// Redraws the bar, so elapsed time and ETA move while a long input runs.
    func tick() {
        state.withLock { draw(&$0) }
    }

    /// Erases the bar; nothing is drawn after this.
    func finish() {
        state.withLock { state in
            if state.shown != nil { write(Self.clearLine) }
            state.shown = nil
            state.stopped = true
        }
        Self.current.withLock { if $0 === self { $0 = nil } }
    }

    /// Starts a thread that redraws the bar four times a second until `finish()`.
    func startTicking() {
        guard settings.bar else { return }
        let box = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        if pthread_create(&thread, nil, { raw in
            let console = Unmanaged<Console>.fromOpaque(raw!).takeRetainedValue()
            while !console.state.withLock({ $0.stopped }) {
                usleep(250_000)
                console.tick()
            }
            return nil
        }, box) == 0 {
            pthread_detach(thread)
        } else {
            Unmanaged<Console>.fromOpaque(box).release()
        }
    }

    private static let clearLine = "\r\u{1B}[K"

    private func messages(for result: ExportJob.Result) -> String {
        var lines: [String] = []
        if !settings.quiet { lines += result.warnings.map(\.description) }
        lines += result.errors.map(\.description)
        if settings.verbose {
            lines += result.outputs.map { output in
                "\(output.path): \(output.bytes) bytes" + (output.pages.map { $0 == 1 ? ", 1 page" : ", \($0) pages" } ?? "")
                    + ", \(Milliseconds(output.duration)) ms"
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    private func draw(_ state: inout State) {
        guard settings.bar, !state.stopped else { return }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let eta = state.done == 0 ? "--:--" : Self.clock(seconds / Double(state.done) * Double(settings.total - state.done))
        let cells = 20
        let filled = cells * state.done / max(1, settings.total)
        let bar = String(repeating: "=", count: filled) + (filled < cells ? ">" + String(repeating: " ", count: cells - filled - 1) : "")
        let name = state.running.last?.name ?? ""
        let line = Self.fit("\(state.done)/\(settings.total) [\(bar)] \(Self.clock(seconds)) elapsed, ETA \(eta)  \(name)",
                            columns: Self.columns() - 1)
        if line != state.shown { write(Self.clearLine + line) }
        state.shown = line
    }

    /// m:ss (or h:mm:ss).
    private static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return s >= 3600 ? "\(s / 3600):\(two(s / 60 % 60)):\(two(s % 60))" : "\(s / 60):\(two(s % 60))"
    }

    /// The line cut to the terminal's width: a line that wrapped would not be
    /// redrawn in place. Ideographs and kana take two columns.
    private static func fit(_ line: String, columns: Int) -> String {
        var width = 0
        var out = String.UnicodeScalarView()
        for scalar in line.unicodeScalars {
            let w = ScriptDetector.isCJK(scalar) ? 2 : 1
            if width + w > columns { break }
            width += w
            out.append(scalar)
        }
        return String(out)
    }

    private static func columns() -> Int {
        var size = winsize()
        if ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    private func write(_ text: String) {
        FileIO.writeAll(fd: 2, Array(text.utf8))
    }
}

/// A duration as milliseconds with one decimal (`12.3`), as the report and
/// --verbose print it.
struct Milliseconds: CustomStringConvertible {
    var tenths: Int64

    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        tenths = seconds * 10_000 + (attoseconds + 50_000_000_000_000) / 100_000_000_000_000
    }

    var description: String { "\(tenths / 10).\(tenths % 10)" }
}
