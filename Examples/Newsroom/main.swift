// A newsletter system publishing with the library, without the command line:
// articles come from its own store as text, each goes out as EPUB and PDF for
// the web, and the week's articles go out as one issue.
//
//     swift run newsroom-example samples/issue.yaml out/newsroom
import ArtExportKit
import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 2, let issuePath = arguments.first, let folder = arguments.last else {
    FileHandle.standardError.write(Data("usage: newsroom-example ISSUE.yaml OUTPUT-FOLDER\n".utf8))
    exit(64)
}
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

do {
    // Reproducible: the same articles give the same files every run.
    let exporter = try Exporter(themeNamed: "default", sourceDateEpoch: 1_700_000_000)

    // 1. One article from the system's store (here a string), both editions in memory.
    let story = """
        | title | author | date |
        |---|---|---|
        | Harbour Dues Rise in March | Marta Sousa | 2025-02-01 |

        The harbour board raised mooring dues by four per cent from March.
        """
    let (article, warnings) = try exporter.article(from: story, name: "store:4711")
    for warning in warnings { FileHandle.standardError.write(Data("\(warning)\n".utf8)) }
    let editions = try exporter.editions(of: article)
    try Data(editions.epub).write(to: URL(fileURLWithPath: "\(folder)/store-4711.epub"))
    try Data(editions.pdf).write(to: URL(fileURLWithPath: "\(folder)/store-4711.pdf"))
    print("store:4711: \(editions.epub.count) bytes of EPUB, \(editions.pdf.count) of PDF, \(editions.pages) pages")

    // 2. The issue's articles as files, in parallel, with progress.
    let (issue, _) = try exporter.issue(contentsOf: issuePath)
    let listed = try ArtExport.articles(listedIn: issuePath)
    let results = exporter.batch(listed, formats: [.epub, .pdf], naming: OutputNaming(folder: folder, formats: [.epub, .pdf]),
                                 jobs: 2, progress: { event in
        if case .finished(let index, let result) = event {
            FileHandle.standardError.write(Data("finished \(index + 1): \(result.input)\n".utf8))
        }
    })
    for result in results {
        let status = result.errors.isEmpty ? "exported" : "failed: \(result.errors.map(\.description).joined(separator: "; "))"
        print("\(result.input): \(status), \(result.words ?? 0) words, \(result.outputs.map { "\($0.path) \($0.bytes) B" }.joined(separator: ", "))")
    }

    // 3. The whole issue as one EPUB and one PDF.
    let whole = try exporter.editions(of: issue)
    try Data(whole.epub).write(to: URL(fileURLWithPath: "\(folder)/issue.epub"))
    try Data(whole.pdf).write(to: URL(fileURLWithPath: "\(folder)/issue.pdf"))
    print("issue: \(issue.articles.count) articles, \(whole.pages) pages")
    exit(results.allSatisfy { $0.errors.isEmpty } ? 0 : 1)
} catch let error as ExportError {
    FileHandle.standardError.write(Data("\(error.description)\n".utf8))
    exit(error.exitCode)
} catch {
    FileHandle.standardError.write(Data("newsroom-example: \(error)\n".utf8))
    exit(74)
}
