import Foundation

/// Runs a program and reports its peak resident memory. Measured by a small Python
/// parent (getrusage of its children): a child spawned from the test process itself
/// would count the test process's own peak too, since Linux carries the peak of
/// the memory a vfork child shares into its rusage at exec.
package enum PeakMemory {
    package struct Result: Sendable {
        package var status: Int32
        /// Maximum resident set size in bytes.
        package var peakBytes: Int
    }

    static let script = """
        import resource, subprocess, sys
        r = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        """

    package static func run(_ executable: String, _ arguments: [String]) throws -> Result {
        guard let python = Subprocess.which("python3") else { throw Failure(message: "python3 is not on PATH") }
        let result = try Subprocess.run(python, ["-c", script, executable] + arguments)
        let fields = String(decoding: result.stdout, as: UTF8.self).split(whereSeparator: \.isWhitespace)
        guard result.status == 0, fields.count == 2, let status = Int32(fields[0]), let kib = Int(fields[1]) else {
            throw Failure(message: "measuring \(executable) failed: \(result.stderr)")
        }
        return Result(status: status, peakBytes: kib * 1024)
    }

    package struct Failure: Error, CustomStringConvertible {
        package var message: String
        package var description: String { message }
    }
}
