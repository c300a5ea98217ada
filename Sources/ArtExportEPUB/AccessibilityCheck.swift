import ArtExportCore
/// Decides whether the EPUB may claim EPUB Accessibility 1.1 / WCAG 2.1 AA, from
/// what the content really is, and says why not when it may not.
struct AccessibilityCheck {
    /// Reasons the claim cannot be made; empty when it can.
    private(set) var failures: [String] = []
    private(set) var hasImages = false

    /// - Parameter unmarked: the runs the content documents leave without a
    ///   language of their own, by script (`XHTMLWriter.Documents.unmarked`).
    init(article: Article, unmarked: [(script: ScriptDetector.Script?, text: String)]) {
        // Headings: the title is h1, so sections must start at h2 and never skip a level.
        var previous = 1
        for heading in article.headings {
            if heading.level > previous + 1 {
                failures.append("a heading skips from level \(previous) to level \(heading.level)")
                break
            }
            previous = heading.level
        }
        var missingAlt = 0
        var images = 0
        // Figures and images within text (lists, quotations, tables, captions, notes).
        InlineWalk.visit(article.blocks + article.bio + article.footnotes.flatMap(\.blocks)) { inline in
            guard case .image(let image) = inline else { return }
            images += 1
            if image.alt.trimmingSpaces.isEmpty { missingAlt += 1 }
        }
        hasImages = images > 0
        if missingAlt > 0 { failures.append("\(missingAlt) image\(missingAlt == 1 ? " has" : "s have") no alternative text") }

        // WCAG 3.1.2: passages in another language need their own lang. Where the
        // script settles it the writer marks it; where it does not (Arabic script,
        // Cyrillic, Han alone…) the passage stays unmarked and the claim cannot be made.
        // A word or two of Latin script in another script's article is taken for a
        // name or a technical term (Linux, EPUB), which 3.1.2 exempts.
        var scripts: [ScriptDetector.Script?] = []
        for run in unmarked where !scripts.contains(run.script) {
            if run.script == .latin, Words.count(run.text) < Self.latinPassageWords { continue }
            scripts.append(run.script)
        }
        if !scripts.isEmpty {
            let named = ScriptDetector.Script.allCases.filter { scripts.contains($0) }.map(\.rawValue)
            var what = named.isEmpty ? "" : "passages in \(named.joined(separator: ", ")) script"
            if scripts.contains(nil) { what += (what.isEmpty ? "passages" : " and") + " in a script artexport does not identify" }
            failures.append(what + " are not marked with their language, which the script leaves open")
        }
    }

    /// From this many words on, a run of Latin script is a passage, not a name.
    static let latinPassageWords = 3

    private enum Words {
        static func count(_ text: String) -> Int {
            text.split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "'" || $0 == "’") }.count
        }
    }

    var conforms: Bool { failures.isEmpty }

    /// An issue's: every article's reasons, each once.
    init(merging checks: [AccessibilityCheck]) {
        for check in checks {
            hasImages = hasImages || check.hasImages
            for failure in check.failures where !failures.contains(failure) { failures.append(failure) }
        }
    }

    func summary(localization: Localization) -> String {
        var s = "Text reflows and can be resized; structured with headings, a table of contents and landmarks, in reading order."
        if hasImages { s += " Images have text alternatives." }
        if conforms {
            s += " Meets EPUB Accessibility 1.1 and WCAG 2.1 Level AA as checked by artexport."
        } else {
            s += " Not claimed to meet WCAG 2.1 Level AA: " + failures.joined(separator: "; ") + "."
        }
        return s
    }
}
