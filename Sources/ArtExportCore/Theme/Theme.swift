import Foundation

/// The look of both editions, from one `theme.yaml` (themes/default/theme.yaml
/// lists every setting). The EPUB's style sheet and the PDF's style are both
/// made from this value, so what a theme sets reaches both.
public struct Theme: Sendable, Equatable {
    public var name: String
    /// One line, for `--list-themes`.
    public var description: String

    public var page: PageSetup
    public var fonts: Fonts
    /// Body size and baseline-to-baseline distance, in points.
    public var bodySize: Double
    public var leading: Double
    public var colors: Colors
    /// Levels 2…6, at index level − 2.
    public var headings: [HeadingStyle]
    public var paragraphs: Paragraphs
    public var lists: Lists
    public var quotes: Quotes
    public var code: Code
    public var tables: Tables
    public var figures: Figures
    public var notes: Notes
    public var titleBlock: TitleBlock
    public var bio: Bio
    public var runningHead: Furniture
    public var runningFoot: Furniture
    /// The newsletter's name, for the `{newsletter}` field.
    public var newsletter: String
    /// Rules appended to the EPUB's generated style sheet (EPUB-only touches).
    public var extraCSS: String
    /// The faces the EPUB embeds, subset to the article's characters (`fonts.embed`);
    /// empty: the EPUB names families only and embeds none.
    public var embeddedFaces: [FontFace]
    /// The masthead's logo, from a file beside theme.yaml.
    public var logo: Image?
    /// The files on disk the theme was read from (its theme.yaml files and assets):
    /// inputs no output may overwrite.
    public var files: [String] = []
    /// Where each setting was written, for errors found after reading (a font not installed).
    public var origins: [String: SourceLocation]

    public struct SourceLocation: Sendable, Equatable {
        public var file: String
        public var line: Int
    }

    public struct PageSetup: Sendable, Equatable {
        public var width: Double, height: Double
        public var marginTop: Double, marginBottom: Double, marginLeft: Double, marginRight: Double
        public var columns: Int
        public var gutter: Double
        public var textWidth: Double { width - marginLeft - marginRight }
        public var textHeight: Double { height - marginTop - marginBottom }
        public var columnWidth: Double { (textWidth - Double(columns - 1) * gutter) / Double(columns) }
    }

    public struct Fonts: Sendable, Equatable {
        /// Families as the theme lists them, a CSS generic keyword (serif…) possibly last.
        public var body: [String], headings: [String], captions: [String], code: [String], furniture: [String]
        public var fallback: [String]
        public var embed: Bool

        public static let generics: Set<String> = ["serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"]
        /// The families a font must be installed for: all but a trailing CSS generic.
        public static func installed(_ families: [String]) -> [String] { families.filter { !generics.contains($0.lowercased()) } }
    }

    public struct Colors: Sendable, Equatable {
        public var text: ThemeColor, background: ThemeColor, accent: ThemeColor, links: ThemeColor, rules: ThemeColor
        public var quoteBar: ThemeColor, quoteBackground: ThemeColor?
        public var codeBackground: ThemeColor?, codeBorder: ThemeColor?
        public var tableHeaderBackground: ThemeColor?, tableRules: ThemeColor
    }

    public enum LetterCase: String, Sendable, Equatable, CaseIterable {
        case normal, smallCaps = "small-caps", allSmallCaps = "all-small-caps"
    }

    public struct HeadingStyle: Sendable, Equatable {
        public var size: Double
        public var weight: FontSpec.Weight
        public var italic: Bool
        public var letterCase: LetterCase
        public var color: ThemeColor
        /// In body lines.
        public var spaceBefore: Double, spaceAfter: Double
        public var numbered: Bool
    }

    public struct Paragraphs: Sendable, Equatable {
        public var indent: Double
        /// In body lines.
        public var spaceBetween: Double
        public var justify: Bool
        public var hyphenate: Bool
        public var hyphenMinBefore: Int, hyphenMinAfter: Int
    }

    public struct Lists: Sendable, Equatable { public var indent: Double; public var spaceAround: Double }
    public struct Quotes: Sendable, Equatable {
        public var indentStart: Double, indentEnd: Double, barWidth: Double
        public var italic: Bool
        public var spaceAround: Double
    }
    public struct Code: Sendable, Equatable { public var scale: Double; public var spaceAround: Double }
    public struct Tables: Sendable, Equatable { public var scale: Double, heavyRule: Double, lightRule: Double, hairline: Double }
    public enum FigureSpan: String, Sendable, Equatable, CaseIterable { case auto, column, all }
    public struct Figures: Sendable, Equatable {
        public var maxHeight: Double, captionScale: Double
        public var span: FigureSpan
    }
    public struct Notes: Sendable, Equatable { public var scale: Double }

    public enum TitlePart: String, Sendable, Equatable, CaseIterable { case masthead, title, subtitle, standfirst, byline, date }
    public struct TitleBlock: Sendable, Equatable {
        public var order: [TitlePart]
        public var centered: Bool
        public var titleSize: Double, titleLeading: Double, titleWeight: FontSpec.Weight, titleColor: ThemeColor
        public var standfirstSize: Double, standfirstLeading: Double, standfirstItalic: Bool
        public var bylineSize: Double, bylineSmallCaps: Bool
        public var rule: Bool
        /// A template (`{publisher}`, `{newsletter}`) or "".
        public var mastheadName: String
        /// An asset's name or "".
        public var mastheadLogo: String
        public var mastheadSize: Double
    }

    public struct Bio: Sendable, Equatable { public var scale: Double; public var italic: Bool }

    public enum FurniturePages: String, Sendable, Equatable, CaseIterable { case all, notFirst = "not-first", none }
    /// A running head or foot: three slots of templates with fields.
    public struct Furniture: Sendable, Equatable {
        public var left: String, center: String, right: String
        public var size: Double
        public var smallCaps: Bool
        public var pages: FurniturePages
        public var rule: Bool
        public var isEmpty: Bool { pages == .none || (left.isEmpty && center.isEmpty && right.isEmpty) }
        public func shows(onPage index: Int) -> Bool {
            switch pages { case .all: true; case .notFirst: index > 0; case .none: false }
        }
    }

    /// The heading style of `level` (clamped to 2…6).
    public func heading(_ level: Int) -> HeadingStyle { headings[min(max(level, 2), 6) - 2] }

    /// The PDF's resolved style: fonts, lengths in points.
    public var pdf: PDFStyle { PDFStyle(theme: self) }
}

/// A colour as a theme writes it: `#rgb`, `#rrggbb`.
public struct ThemeColor: Sendable, Hashable {
    public var red: UInt8, green: UInt8, blue: UInt8
    public init(red: UInt8, green: UInt8, blue: UInt8) { self.red = red; self.green = green; self.blue = blue }

    public init?(parsing text: String) {
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
    public var hex: String {
        let digits = Array("0123456789abcdef")
        return "#" + [red, green, blue].map { "\(digits[Int($0 >> 4)])\(digits[Int($0 & 15)])" }.joined()
    }

    /// WCAG 2 relative luminance.
    public var luminance: Double {
        func channel(_ c: UInt8) -> Double {
            let v = Double(c) / 255
            return v <= 0.04045 ? v / 12.92 : Foundation.pow((v + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    }

    /// WCAG 2 contrast ratio, 1…21 (AAA asks 7 for body text).
    public func contrast(with other: ThemeColor) -> Double {
        let (a, b) = (luminance, other.luminance)
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    public static let black = ThemeColor(red: 0, green: 0, blue: 0)
    public static let white = ThemeColor(red: 255, green: 255, blue: 255)
}
