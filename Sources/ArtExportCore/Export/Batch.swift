import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs many export jobs in parallel, one synchronous job per task, at most one
/// per core. One failing input never stops the others; results come back in
/// input order.
public enum Batch {
    /// What a batch tells a caller that draws its progress. Events come from the
    /// threads that run the jobs, several at once: the handler must be thread-safe.
    public enum Event: Sendable {
        /// The job at `index` (in input order) has begun.
        case started(index: Int, input: String)
        /// The job at `index` is done; inputs finish in any order.
        case finished(index: Int, result: ExportJob.Result)
    }

    public typealias ProgressHandler = @Sendable (Event) -> Void

    package static func run(_ jobs: [ExportJob], options: ExportOptions, parallelism: Int = Machine.cores,
                           progress: ProgressHandler? = nil) async -> [ExportJob.Result] {
        let width = max(1, min(parallelism, jobs.count))
        return await withTaskGroup(of: (Int, ExportJob.Result).self) { group in
            var results = [ExportJob.Result?](repeating: nil, count: jobs.count)
            var next = 0
            func submit() {
                let index = next
                let job = jobs[index]
                group.addTask { (index, job.run(options: options, index: index, progress: progress)) }
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
    package static func runSynchronously(_ jobs: [ExportJob], options: ExportOptions, parallelism: Int = Machine.cores,
                                        progress: ProgressHandler? = nil) -> [ExportJob.Result] {
        if jobs.count == 1 || parallelism <= 1 {
            return jobs.enumerated().map { $1.run(options: options, index: $0, progress: progress) }
        }
        let results = Mutex([ExportJob.Result?](repeating: nil, count: jobs.count))
        let next = Atomic<Int>(0)
        // Workers pull the next input, so one long article does not hold up a queue.
        DispatchQueue.concurrentPerform(iterations: min(parallelism, jobs.count)) { _ in
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < jobs.count else { return }
                let result = jobs[index].run(options: options, index: index, progress: progress)
                results.withLock { $0[index] = result }
            }
        }
        return results.withLock { $0.map { $0! } }
    }
}

extension ExportJob {
    /// `run(options:)` between its two progress events.
    fileprivate func run(options: ExportOptions, index: Int, progress: Batch.ProgressHandler?) -> Result {
        progress?(.started(index: index, input: input.name))
        let result = run(options: options)
        progress?(.finished(index: index, result: result))
        return result
    }
}

/// The few facts about the machine the library asks for.
public enum Machine {
    package static let unixTime: @Sendable () -> Int64 = { Int64(time(nil)) }
    /// The cores this process may run on: a batch's default number of jobs.
    public static var cores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
