/// Decides whether the EPUB may claim EPUB Accessibility 1.1 / WCAG 2.1 AA, from
/// what the content really is, and says why not when it may not.
struct AccessibilityCheck {
    /// Reasons the claim cannot be made; empty when it can.
    private(set) var failures: [String] = []
    private(set) var hasImages = false

    init(article: Article) {
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
        func visit(_ blocks: [Block]) {
            for block in blocks {
                switch block {
                case .image(let image):
                    images += 1
                    if image.alt.trimmingSpaces.isEmpty { missingAlt += 1 }
                case .blockQuote(let inner): visit(inner)
                case .list(let list): list.items.forEach(visit)
                default: break
                }
            }
        }
        visit(article.blocks + article.bio + article.footnotes.flatMap(\.blocks))
        hasImages = images > 0
        if missingAlt > 0 { failures.append("\(missingAlt) image\(missingAlt == 1 ? " has" : "s have") no alternative text") }

        // WCAG 3.1.2: passages in another language need their own lang attribute,
        // which a plain-text source cannot give. Another script is proof of one.
        let foreign = ScriptDetector.foreignScripts(in: article, language: article.metadata.language)
        if !foreign.isEmpty {
            failures.append("passages in \(foreign.joined(separator: ", ")) script are not marked with their language")
        }
    }

    var conforms: Bool { failures.isEmpty }

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
