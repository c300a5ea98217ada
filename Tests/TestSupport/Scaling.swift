import Foundation

/// How a computation's time grows with its input, for tests that guard against
/// quadratic (or worse) stages without timing absolute speed: the time at size
/// `factor × n` over the time at `n`. Linear work gives about `factor`, n log n a
/// little more, quadratic `factor²`.
package enum Scaling {
    /// Seconds one call of `body` takes.
    package static func time(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Time at size `factor × n` over time at `n`, each the best of three runs,
    /// taken in turns (small, large, small, …) so that load from other work on the
    /// machine weighs on both alike. Inputs are made before timing. A run at `n`
    /// shorter than `minimum` seconds is repeated (as often at both sizes) so timer
    /// noise cannot decide the answer.
    ///
    /// Tests run side by side on a shared machine, so one measurement can catch the
    /// large size under load (CI once saw 8.2 for linear work). A ratio above
    /// 1.5 × `factor` is therefore measured again, up to four times, and the least is
    /// returned: load only ever inflates a ratio by chance, while quadratic work gives
    /// about `factor²` every time.
    package static func growth<Input>(n: Int, factor: Int = 4, minimum: Double = 0.05,
                                     input: (Int) -> Input, _ run: (Input) -> Void) -> Double {
        let small = input(n)
        let large = input(n * factor)
        let first = time { run(small) }               // also the warm-up: caches, lazily loaded tables
        let repeats = first >= minimum ? 1 : Int((minimum / max(first, 1e-6)).rounded(.up))
        var best = Double.infinity
        for _ in 0..<4 {
            var t1 = Double.infinity, t2 = Double.infinity
            for _ in 0..<3 {
                t1 = min(t1, time { for _ in 0..<repeats { run(small) } })
                t2 = min(t2, time { for _ in 0..<repeats { run(large) } })
                // Already quadratic and slow: more runs would only make the failure slower.
                if t2 > 2 && t2 >= t1 * Double(factor * factor) { return t2 / max(t1, 1e-9) }
            }
            best = min(best, t2 / max(t1, 1e-9))
            if best <= 1.5 * Double(factor) { break }
        }
        return best
    }
}
