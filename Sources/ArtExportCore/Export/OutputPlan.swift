/// Checks a run's outputs before anything is written. Paths are compared as the
/// files they name (device and inode after symlinks, or the absolute path a new
/// file would get), so `art.txt` and `./art.txt`, or a symlink to the input,
/// are caught as well as the same spelling twice.
package enum OutputPlan {
    /// One message per output that is an input (an article, or one of `otherInputs`
    /// such as the theme's files), or that another output also names.
    package static func clashes(in jobs: [ExportJob], otherInputs: [LocalPath] = []) -> [String] {
        var inputs: [FileIO.Identity: String] = [:]
        // An issue's inputs are its file and every article it lists.
        let articles = jobs.flatMap { job -> [LocalPath] in
            switch job.input {
            case .file(let path): return [path]
            case .issue(let issue): return (issue.path.map { [$0] } ?? []) + issue.entries.map(\.path)
            case .standardInput, .bytes: return []
            }
        }
        for path in articles + otherInputs {
            let identity = FileIO.identity(of: path)
            if case .file = identity, inputs[identity] == nil { inputs[identity] = path.description }
        }
        var outputs: [FileIO.Identity: (output: String, input: String)] = [:]
        var messages: [String] = []
        for job in jobs {
            for (_, output) in job.outputs {
                guard case .file(let path) = output else { continue }
                let identity = FileIO.identity(of: path)
                if let input = inputs[identity] {
                    messages.append("the output \(path) is the input \(input); writing it would destroy it: "
                                    + "name another output with -o or --output-dir")
                } else if let other = outputs[identity] {
                    let same = other.output == path.description ? path.description : "\(other.output) and \(path) (the same file)"
                    messages.append(other.input == job.input.name
                                    ? "\(job.input.name) would be written twice, to \(same)"
                                    : "\(other.input) and \(job.input.name) would both be written to \(same)")
                } else {
                    outputs[identity] = (path.description, job.input.name)
                }
            }
        }
        return messages
    }
}
