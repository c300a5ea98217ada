import Foundation
import TestSupport

/// A PDF's objects as qpdf parses them (`qpdf --json=2`, qpdf 11): what a
/// reader sees, not a text search of the file. In that JSON a name is
/// "/Name", a string "u:text" (or "b:hex" when not text), a reference "12 0 R".
struct QPDFObjects {
    /// "obj:12 0 R" → the object's value (a stream as its dictionary).
    let objects: [String: Any]
    let trailer: [String: Any]
    /// The page objects in page order, as references.
    let pages: [String]
    /// qpdf's warnings while parsing, which a clean file has none of.
    let warnings: String

    init(pdf path: String) throws {
        let result = try Tool.run("qpdf", ["--json=2", "--json-key=qpdf", "--json-key=pages", path])
        guard let json = try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any],
              let qpdf = json["qpdf"] as? [Any], qpdf.count == 2, let all = qpdf[1] as? [String: Any],
              let pages = json["pages"] as? [[String: Any]] else {
            throw Failure(description: "qpdf --json=2 gave no objects (status \(result.status)): \(result.stderr)")
        }
        var objects: [String: Any] = [:]
        for (key, entry) in all {
            guard let entry = entry as? [String: Any] else { continue }
            if let value = entry["value"] { objects[key] = value }
            if let stream = entry["stream"] as? [String: Any] { objects[key] = stream["dict"] ?? [:] }
        }
        self.objects = objects
        self.trailer = (all["trailer"] as? [String: Any])?["value"] as? [String: Any] ?? [:]
        self.pages = pages.compactMap { $0["object"] as? String }
        self.warnings = result.stderr
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// A reference's target; any other value as it is.
    func resolve(_ value: Any?) -> Any? {
        if let ref = value as? String, ref.hasSuffix(" R") { return objects["obj:" + ref] }
        return value
    }

    func dictionary(_ value: Any?) -> [String: Any]? { resolve(value) as? [String: Any] }
    func array(_ value: Any?) -> [Any]? { resolve(value) as? [Any] }

    /// Every annotation of every object whose /Subtype is /Link, reachable or not.
    var allLinkAnnotations: [[String: Any]] {
        objects.values.compactMap { $0 as? [String: Any] }.filter { $0["/Subtype"] as? String == "/Link" }
    }

    /// The link annotations of the pages, page by page in /Annots order.
    var pageLinkAnnotations: [(page: Int, annotation: [String: Any])] {
        pages.enumerated().flatMap { index, page in
            (array(dictionary(page)?["/Annots"]) ?? []).compactMap { dictionary($0) }
                .filter { $0["/Subtype"] as? String == "/Link" }.map { (index, $0) }
        }
    }

    /// Every dictionary key and every name value anywhere in the file.
    var allNames: Set<String> {
        var names = Set<String>()
        func walk(_ v: Any) {
            if let d = v as? [String: Any] {
                for (k, v) in d { names.insert(k); walk(v) }
            } else if let a = v as? [Any] {
                a.forEach(walk)
            } else if let s = v as? String, s.hasPrefix("/") {
                names.insert(s)
            }
        }
        objects.values.forEach(walk)
        walk(trailer)
        return names
    }

    /// The named destinations of /Root /Names /Dests (a flat /Names array, as cairo writes it).
    var destinationNames: [String] { namedDestinations.map(\.name) }

    private var namedDestinations: [(name: String, destination: Any)] {
        guard let root = dictionary(trailer["/Root"]), let names = dictionary(root["/Names"]),
              let dests = dictionary(names["/Dests"]), let list = array(dests["/Names"]) else { return [] }
        return stride(from: 0, to: list.count - 1, by: 2).compactMap { i in (list[i] as? String).map { ($0, list[i + 1]) } }
    }

    /// The page (0-based) a /Dest leads to: an explicit `[page /XYZ …]`, or a
    /// name looked up in the /Dests tree.
    func pageOf(destination: Any?) -> Int? {
        if let name = destination as? String, !name.hasSuffix(" R") {
            return namedDestinations.first { $0.name == name }.flatMap { pageOf(destination: $0.destination) }
        }
        guard let explicit = array(destination), let page = explicit.first as? String else { return nil }
        return pages.firstIndex(of: page)
    }

    /// A PDF text string as qpdf prints it, or nil when it is not text.
    static func text(_ value: Any?) -> String? {
        guard let s = value as? String, s.hasPrefix("u:") else { return nil }
        return String(s.dropFirst(2))
    }
}
