import Foundation

/// How a computation's time grows with its input, for tests that guard against
/// quadratic (or worse) stages without timing absolute speed: the time at size
/// `factor × n` over the time at `n`. Linear work gives about `factor`, n log n a
/// little more, quadratic `factor²`.
public enum Scaling {
    /// Seconds of the fastest of `runs` calls; stops repeating once a call took
    /// longer than `enough` (the answer is clear, and a slow stage stays slow).
    public static func best(runs: Int = 3, enough: Double = .infinity, _ body: () -> Void) -> Double {
        var fastest = Double.infinity
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            fastest = min(fastest, seconds)
            if seconds > enough { break }
        }
        return fastest
    }

    /// Time at size `factor × n` over time at `n`, each the best of three runs on a
    /// machine other work may share; inputs are made before timing.
    public static func growth<Input>(n: Int, factor: Int = 4, input: (Int) -> Input, _ run: (Input) -> Void) -> Double {
        let small = input(n)
        let large = input(n * factor)
        run(small)                                    // warm-up: caches, lazily loaded tables
        let t1 = best { run(small) }
        let t2 = best(enough: t1 * Double(factor * factor)) { run(large) }
        return t2 / max(t1, 1e-9)
    }
}
