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

/// Finds letters of scripts other than the ones the document's language uses.
enum ScriptDetector {
    enum Script: String, CaseIterable {
        case latin = "Latin", greek = "Greek", cyrillic = "Cyrillic", hebrew = "Hebrew", arabic = "Arabic"
        case devanagari = "Devanagari", thai = "Thai", han = "Han", kana = "Kana", hangul = "Hangul"
    }

    static func script(of s: Unicode.Scalar) -> Script? {
        switch s.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: return .latin
        case 0x370...0x3FF, 0x1F00...0x1FFF: return .greek
        case 0x400...0x52F: return .cyrillic
        case 0x590...0x5FF, 0xFB1D...0xFB4F: return .hebrew
        case 0x600...0x6FF, 0x750...0x77F, 0xFB50...0xFDFF, 0xFE70...0xFEFF: return .arabic
        case 0x900...0x97F: return .devanagari
        case 0xE00...0xE7F: return .thai
        case 0x3040...0x30FF: return .kana
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF: return .han
        case 0xAC00...0xD7AF, 0x1100...0x11FF: return .hangul
        default: return nil
        }
    }

    static func native(_ language: LanguageTag) -> Set<Script> {
        switch language.primary {
        case "el": return [.greek]
        case "ru", "uk", "bg", "sr", "mk", "be", "kk": return [.cyrillic, .latin]
        case "he", "yi": return [.hebrew]
        case "ar", "fa", "ur", "ps": return [.arabic]
        case "hi", "mr", "ne": return [.devanagari]
        case "th": return [.thai]
        case "zh": return [.han]
        case "ja": return [.han, .kana]
        case "ko": return [.hangul, .han]
        default: return [.latin]
        }
    }

    static func foreignScripts(in article: Article, language: LanguageTag) -> [String] {
        let allowed = native(language)
        var found = Set<Script>()
        func scan(_ text: String) {
            for scalar in text.unicodeScalars where scalar.value >= 0x370 {
                if let s = script(of: scalar), !allowed.contains(s) { found.insert(s) }
            }
        }
        let m = article.metadata
        ([m.title, m.subtitle ?? "", m.description ?? ""] + m.authors).forEach(scan)
        for block in article.blocks + article.bio + article.footnotes.flatMap(\.blocks) { scan(block.plainText) }
        return Script.allCases.filter(found.contains).map(\.rawValue)
    }
}

extension Block {
    /// All text in the block, for checks that look at characters.
    var plainText: String {
        switch self {
        case .heading(let h): return h.content.plainText
        case .paragraph(let c): return c.plainText
        case .blockQuote(let b): return b.map(\.plainText).joined(separator: "\n")
        case .list(let l): return l.items.flatMap { $0 }.map(\.plainText).joined(separator: "\n")
        case .codeBlock(_, let code): return code
        case .table(let t): return (t.header + t.rows.flatMap { $0 }).map(\.plainText).joined(separator: "\n")
        case .image(let i): return i.alt
        case .thematicBreak: return ""
        }
    }
}
