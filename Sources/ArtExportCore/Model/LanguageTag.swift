/// A BCP 47 language tag, normalised (`en_us` → `en-US`).
package struct LanguageTag: Sendable, Equatable, Hashable, CustomStringConvertible {
    package let value: String

    package static let english = LanguageTag(normalizing: "en")!

    /// Nil when `raw` is not a well-formed tag: a 2–3 letter language (BCP 47 also
    /// allows 5–8, but none is registered, and `english` is a typo worth reporting),
    /// then subtags of 1–8 letters or digits.
    package init?(normalizing raw: String) {
        let parts = raw.trimmingSpaces.replacing("_", with: "-").split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count),
              first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        var out: [String] = [first.lowercased()]
        for part in parts.dropFirst() {
            guard (1...8).contains(part.count), part.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
            if part.count == 2, part.allSatisfy(\.isLetter) {
                out.append(part.uppercased())            // region
            } else if part.count == 4, part.allSatisfy(\.isLetter) {
                out.append(part.prefix(1).uppercased() + part.dropFirst().lowercased())  // script
            } else {
                out.append(part.lowercased())
            }
        }
        value = out.joined(separator: "-")
        rightToLeft = Self.isRightToLeft(value)
    }

    /// Written right to left (Hebrew, Arabic, Persian, Urdu, Yiddish, Pashto, Syriac, Dhivehi).
    /// Asked for every run of text, so it is settled once, when the tag is made.
    package var isRightToLeft: Bool { rightToLeft }
    private let rightToLeft: Bool

    private static func isRightToLeft(_ value: String) -> Bool {
        var subtags = value.utf8.split(separator: UInt8(ascii: "-"))[...]
        guard let language = subtags.popFirst() else { return false }
        if Self.rightToLeftLanguages.contains(where: { $0.utf8.elementsEqual(language) }) { return true }
        // The script subtag (normalised to title case) settles it for any language.
        return subtags.contains { $0.elementsEqual("Arab".utf8) || $0.elementsEqual("Hebr".utf8) }
    }

    private static let rightToLeftLanguages = ["he", "iw", "ar", "fa", "ur", "yi", "ps", "syr", "dv", "ckb"]

    /// The primary language subtag: `de` for `de-CH`.
    package var primary: String { String(value.prefix { $0 != "-" }) }
    package var description: String { value }
}
