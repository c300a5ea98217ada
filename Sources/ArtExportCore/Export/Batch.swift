import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs many export jobs in parallel, one synchronous job per task, at most one
/// per core. One failing input never stops the others; results come back in
/// input order.
public enum Batch {
    public static func run(_ jobs: [ExportJob], options: ExportOptions, parallelism: Int = Machine.cores) async -> [ExportJob.Result] {
        let width = max(1, min(parallelism, jobs.count))
        return await withTaskGroup(of: (Int, ExportJob.Result).self) { group in
            var results = [ExportJob.Result?](repeating: nil, count: jobs.count)
            var next = 0
            func submit() {
                let index = next
                let job = jobs[index]
                group.addTask { (index, job.run(options: options)) }
                next += 1
            }
            while next < width { submit() }
            for await (index, result) in group {
                results[index] = result
                if next < jobs.count { submit() }
            }
            return results.map { $0! }
        }
    }
}

extension Batch {
    /// The same for synchronous callers (the CLI): one job runs on the calling
    /// thread with no thread pool at all; several run on Dispatch's worker threads.
    public static func runSynchronously(_ jobs: [ExportJob], options: ExportOptions, parallelism: Int = Machine.cores) -> [ExportJob.Result] {
        if jobs.count == 1 || parallelism <= 1 { return jobs.map { $0.run(options: options) } }
        let results = Mutex([ExportJob.Result?](repeating: nil, count: jobs.count))
        let next = Atomic<Int>(0)
        // Workers pull the next input, so one long article does not hold up a queue.
        DispatchQueue.concurrentPerform(iterations: min(parallelism, jobs.count)) { _ in
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < jobs.count else { return }
                let result = jobs[index].run(options: options)
                results.withLock { $0[index] = result }
            }
        }
        return results.withLock { $0.map { $0! } }
    }
}

/// The few facts about the machine the library asks for.
public enum Machine {
    public static let unixTime: @Sendable () -> Int64 = { Int64(time(nil)) }
    public static var cores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
