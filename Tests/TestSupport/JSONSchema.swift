import Foundation

/// Python's `jsonschema` (pinned in the Makefile, installed into `.venv/`): a
/// validator that is not ours, for the reports artexport writes.
package enum JSONSchema {
    /// Every way `json` breaks the draft 2020-12 schema at `schema` (a path); none when valid.
    package static func violations(of json: [UInt8], schema: String) throws -> [String] {
        let python = Repo.path(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw EPUBCheck.Missing(what: "\(python); run `make test`, which installs jsonschema")
        }
        let script = """
            import json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            report = json.load(sys.stdin)
            for e in jsonschema.Draft202012Validator(schema).iter_errors(report):
                print("/".join(map(str, e.absolute_path)) + ": " + e.message)
            """
        let r = try Subprocess.run(python, ["-c", script, schema], stdin: json)
        guard r.status == 0 else { throw EPUBCheck.Missing(what: "a working jsonschema (status \(r.status)): \(r.stderr)") }
        return String(decoding: r.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
