import Foundation

/// The look of both editions, from one `theme.yaml` (themes/default/theme.yaml
/// lists every setting). The EPUB's style sheet and the PDF's style are both
/// made from this value, so what a theme sets reaches both.
public struct Theme: Sendable, Equatable {
    public package(set) var name: String
    /// One line, for `--list-themes`.
    public package(set) var description: String

    package var page: PageSetup
    package var fonts: Fonts
    /// Body size and baseline-to-baseline distance, in points.
    package var bodySize: Double
    package var leading: Double
    package var colors: Colors
    /// Levels 2…6, at index level − 2.
    package var headings: [HeadingStyle]
    package var paragraphs: Paragraphs
    package var lists: Lists
    package var quotes: Quotes
    package var code: Code
    package var tables: Tables
    package var figures: Figures
    package var notes: Notes
    package var titleBlock: TitleBlock
    package var bio: Bio
    package var runningHead: Furniture
    package var runningFoot: Furniture
    /// The newsletter's name, for the `{newsletter}` field.
    package var newsletter: String
    /// Rules appended to the EPUB's generated style sheet (EPUB-only touches).
    package var extraCSS: String
    /// The faces the EPUB embeds, subset to the article's characters (`fonts.embed`);
    /// empty: the EPUB names families only and embeds none.
    package var embeddedFaces: [FontFace]
    /// The masthead's logo, from a file beside theme.yaml.
    package var logo: Image?
    /// The files on disk the theme was read from (its theme.yaml files and assets):
    /// inputs no output may overwrite.
    package var files: [String] = []
    /// Where each setting was written, for errors found after reading (a font not installed).
    package var origins: [String: SourceLocation]

    package struct SourceLocation: Sendable, Equatable {
        package var file: String
        package var line: Int
    }

    package struct PageSetup: Sendable, Equatable {
        package var width: Double, height: Double
        package var marginTop: Double, marginBottom: Double, marginLeft: Double, marginRight: Double
        package var columns: Int
        package var gutter: Double
        package var textWidth: Double { width - marginLeft - marginRight }
        package var textHeight: Double { height - marginTop - marginBottom }
        package var columnWidth: Double { (textWidth - Double(columns - 1) * gutter) / Double(columns) }
    }

    package struct Fonts: Sendable, Equatable {
        /// Families as the theme lists them, a CSS generic keyword (serif…) possibly last.
        package var body: [String], headings: [String], captions: [String], code: [String], furniture: [String]
        package var fallback: [String]
        package var embed: Bool

        package static let generics: Set<String> = ["serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"]
        /// The families a font must be installed for: all but a trailing CSS generic.
        package static func installed(_ families: [String]) -> [String] { families.filter { !generics.contains($0.lowercased()) } }
    }

    package struct Colors: Sendable, Equatable {
        package var text: ThemeColor, background: ThemeColor, accent: ThemeColor, links: ThemeColor, rules: ThemeColor
        package var quoteBar: ThemeColor, quoteBackground: ThemeColor?
        package var codeBackground: ThemeColor?, codeBorder: ThemeColor?
        package var tableHeaderBackground: ThemeColor?, tableRules: ThemeColor
    }

    package enum LetterCase: String, Sendable, Equatable, CaseIterable {
        case normal, smallCaps = "small-caps", allSmallCaps = "all-small-caps"
    }

    package struct HeadingStyle: Sendable, Equatable {
        package var size: Double
        package var weight: FontSpec.Weight
        package var italic: Bool
        package var letterCase: LetterCase
        package var color: ThemeColor
        /// In body lines.
        package var spaceBefore: Double, spaceAfter: Double
        package var numbered: Bool
    }

    package struct Paragraphs: Sendable, Equatable {
        package var indent: Double
        /// In body lines.
        package var spaceBetween: Double
        package var justify: Bool
        package var hyphenate: Bool
        package var hyphenMinBefore: Int, hyphenMinAfter: Int
    }

    package struct Lists: Sendable, Equatable { package var indent: Double; package var spaceAround: Double }
    package struct Quotes: Sendable, Equatable {
        package var indentStart: Double, indentEnd: Double, barWidth: Double
        package var italic: Bool
        package var spaceAround: Double
    }
    package struct Code: Sendable, Equatable { package var scale: Double; package var spaceAround: Double }
    package struct Tables: Sendable, Equatable { package var scale: Double, heavyRule: Double, lightRule: Double, hairline: Double }
    package enum FigureSpan: String, Sendable, Equatable, CaseIterable { case auto, column, all }
    package struct Figures: Sendable, Equatable {
        package var maxHeight: Double, captionScale: Double
        package var span: FigureSpan
    }
    package struct Notes: Sendable, Equatable { package var scale: Double }

    package enum TitlePart: String, Sendable, Equatable, CaseIterable { case masthead, title, subtitle, standfirst, byline, date }
    package struct TitleBlock: Sendable, Equatable {
        package var order: [TitlePart]
        package var centered: Bool
        package var titleSize: Double, titleLeading: Double, titleWeight: FontSpec.Weight, titleColor: ThemeColor
        package var standfirstSize: Double, standfirstLeading: Double, standfirstItalic: Bool
        package var bylineSize: Double, bylineSmallCaps: Bool
        package var rule: Bool
        /// A template (`{publisher}`, `{newsletter}`) or "".
        package var mastheadName: String
        /// An asset's name or "".
        package var mastheadLogo: String
        package var mastheadSize: Double
    }

    package struct Bio: Sendable, Equatable { package var scale: Double; package var italic: Bool }

    package enum FurniturePages: String, Sendable, Equatable, CaseIterable { case all, notFirst = "not-first", none }
    /// A running head or foot: three slots of templates with fields.
    package struct Furniture: Sendable, Equatable {
        package var left: String, center: String, right: String
        package var size: Double
        package var smallCaps: Bool
        package var pages: FurniturePages
        package var rule: Bool
        package var isEmpty: Bool { pages == .none || (left.isEmpty && center.isEmpty && right.isEmpty) }
        package func shows(onPage index: Int) -> Bool {
            switch pages { case .all: true; case .notFirst: index > 0; case .none: false }
        }
    }

    /// The heading style of `level` (clamped to 2…6).
    package func heading(_ level: Int) -> HeadingStyle { headings[min(max(level, 2), 6) - 2] }

    /// The PDF's resolved style: fonts, lengths in points.
    package var pdf: PDFStyle { PDFStyle(theme: self) }
}

/// A colour as a theme writes it: `#rgb`, `#rrggbb`.
package struct ThemeColor: Sendable, Hashable {
    package var red: UInt8, green: UInt8, blue: UInt8
    package init(red: UInt8, green: UInt8, blue: UInt8) { self.red = red; self.green = green; self.blue = blue }

    package init?(parsing text: String) {
        let s = text.trimmingSpaces.lowercased()
        let named: [String: (UInt8, UInt8, UInt8)] = ["black": (0, 0, 0), "white": (255, 255, 255)]
        if let (r, g, b) = named[s] { self.init(red: r, green: g, blue: b); return }
        guard s.hasPrefix("#") else { return nil }
        let hex = Array(s.dropFirst())
        guard hex.allSatisfy(\.isHexDigit) else { return nil }
        func byte(_ digits: [Character]) -> UInt8 { UInt8(String(digits), radix: 16)! }
        switch hex.count {
        case 3: self.init(red: byte([hex[0], hex[0]]), green: byte([hex[1], hex[1]]), blue: byte([hex[2], hex[2]]))
        case 6: self.init(red: byte(Array(hex[0..<2])), green: byte(Array(hex[2..<4])), blue: byte(Array(hex[4..<6])))
        default: return nil
        }
    }

    /// `#rrggbb`, for the style sheet.
    package var hex: String {
        let digits = Array("0123456789abcdef")
        return "#" + [red, green, blue].map { "\(digits[Int($0 >> 4)])\(digits[Int($0 & 15)])" }.joined()
    }

    /// WCAG 2 relative luminance.
    package var luminance: Double {
        func channel(_ c: UInt8) -> Double {
            let v = Double(c) / 255
            return v <= 0.04045 ? v / 12.92 : Foundation.pow((v + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    }

    /// WCAG 2 contrast ratio, 1…21 (AAA asks 7 for body text).
    package func contrast(with other: ThemeColor) -> Double {
        let (a, b) = (luminance, other.luminance)
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    package static let black = ThemeColor(red: 0, green: 0, blue: 0)
    package static let white = ThemeColor(red: 255, green: 255, blue: 255)
}
