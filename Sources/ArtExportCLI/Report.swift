import ArtExportCore

/// The run report `--json` writes on standard output: docs/report.md describes
/// it, docs/report.schema.json checks it.
enum Report {
    /// Bumped for any change but a new optional field (docs/report.md).
    static let version = 1

    static func json(_ results: [ExportJob.Result], duration: Duration) -> String {
        let outputs = results.flatMap(\.outputs)
        let exported = results.filter(\.errors.isEmpty).count
        let report: JSON = .object([
            ("version", .int(version)),
            ("artexportVersion", .string(ArtExport.version)),
            ("inputs", .array(results.map(input))),
            ("totals", .object([
                ("inputs", .int(results.count)),
                ("exported", .int(exported)),
                ("failed", .int(results.count - exported)),
                ("outputs", .int(outputs.count)),
                ("bytes", .int(outputs.reduce(0) { $0 + $1.bytes })),
                ("ms", .milliseconds(duration)),
            ])),
        ])
        return report.text() + "\n"
    }

    private static func input(_ result: ExportJob.Result) -> JSON {
        .object([
            ("input", .string(result.input)),
            ("status", .string(result.errors.isEmpty ? "exported" : "failed")),
            ("outputs", .array(result.outputs.map { output in
                .object([
                    ("format", .string(output.format.rawValue)),
                    ("path", .string(output.path)),
                    ("bytes", .int(output.bytes)),
                    ("sha256", output.sha256.map(JSON.string) ?? .null),
                ] + (output.pages.map { [("pages", JSON.int($0))] } ?? []))
            })),
            ("words", result.words.map(JSON.int) ?? .null),
            ("warnings", .array(result.warnings.map { diagnostic($0) })),
            ("errors", .array(result.errors.map { diagnostic($0.diagnostic, exitCode: $0.exitCode) })),
            ("ms", .milliseconds(result.duration)),
        ])
    }

    private static func diagnostic(_ d: Diagnostic, exitCode: Int32? = nil) -> JSON {
        .object([("file", .string(d.file)), ("line", d.line.map(JSON.int) ?? .null), ("message", .string(d.message))]
                + (exitCode.map { [("exitCode", JSON.int(Int($0)))] } ?? []))
    }
}

/// Just enough JSON for the report: objects keep their keys in the order given,
/// so the report reads as docs/report.md lists it, the same at every run.
enum JSON {
    case object([(String, JSON)])
    case array([JSON])
    case string(String)
    case int(Int)
    case milliseconds(Duration)
    case null

    /// Indented by two spaces, one member per line.
    func text(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{\n" + members.map { inner + Self.quoted($0.0) + ": " + $0.1.text(indent: inner) }.joined(separator: ",\n")
                + "\n" + indent + "}"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + $0.text(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .string(let s): return Self.quoted(s)
        case .int(let n): return String(n)
        case .milliseconds(let d): return Milliseconds(d).description
        case .null: return "null"
        }
    }

    /// RFC 8259 §7: the quotation mark, the backslash and control characters escaped.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
