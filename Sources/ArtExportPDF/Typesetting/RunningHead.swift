import ArtExportCore
/// The running head: the article's title on one line, set once per document.
///
/// A title too long for the slot is cut at a word boundary (at a character only
/// when its first word alone is too wide) and ends in an ellipsis; the title page
/// shows it whole. Only a bounded prefix of the title is ever shaped, so a title
/// of any length costs the same here.
enum RunningHead {
    /// More than any slot holds at a running head's size: a longer title is cut.
    static let maxCharacters = 300
    static let maxBytes = 1_200

    static func line(title: String, font: FontSpec, width: Double, rtl: Bool, setter: ParagraphSetter) -> SetLine? {
        let options = ParagraphOptions(width: width, justify: false, rtl: rtl, hyphenate: false)
        let cut = prefix(of: title)
        let whole = cut.endIndex == title.endIndex
        let candidate = String(cut)
        if whole, let line = oneLine(candidate, font: font, options: options, setter: setter) { return line }

        // Where the candidate may be cut, longest first, with the width before each cut.
        var styled = StyledText()
        styled.append(candidate, font: font)
        let shaped = setter.shaper.shape(styled, rtl: rtl)
        var ellipsisText = StyledText()
        ellipsisText.append("…", font: font)
        let ellipsis = setter.shaper.shape(ellipsisText)
        let room = width - ellipsis.width(of: 0..<ellipsis.clusters.count)
        var words: [Int] = []           // byte offsets of spaces that fit before the ellipsis
        var characters: [Int] = []      // cluster ends that fit, for a first word too long
        var x = 0.0
        for cluster in shaped.clusters {
            let isSpace = cluster.bytes.count == 1 && shaped.text[cluster.bytes.lowerBound] == 0x20
            if isSpace, x <= room, cluster.bytes.lowerBound > 0 { words.append(cluster.bytes.lowerBound) }
            x += cluster.advance
            if x <= room { characters.append(cluster.bytes.upperBound) }
        }
        let bytes = Array(candidate.utf8)
        // A few tries: the shaped prefix can differ a little from the measured one (kerning
        // across the cut); each try is short.
        for cut in (words.reversed().prefix(4) + characters.reversed().prefix(4)) {
            var text = String(decoding: bytes[..<cut], as: UTF8.self)
            while let last = text.unicodeScalars.last, " ,;:–—-".unicodeScalars.contains(last) {
                text.unicodeScalars.removeLast()
            }
            guard !text.isEmpty else { continue }
            if let line = oneLine(text + "…", font: font, options: options, setter: setter) { return line }
        }
        return oneLine("…", font: font, options: options, setter: setter)
    }

    /// The set line of `text` when it fits the slot on one line.
    private static func oneLine(_ text: String, font: FontSpec, options: ParagraphOptions, setter: ParagraphSetter) -> SetLine? {
        var styled = StyledText()
        styled.append(text, font: font)
        let lines = setter.set(styled, options: options)
        guard lines.count == 1, lines[0].extent <= options.width + 0.01 else { return nil }
        return lines[0]
    }

    /// The title up to `maxCharacters` Characters and `maxBytes` bytes, ending on a
    /// Character boundary (on a scalar boundary if the first Character alone is longer).
    static func prefix(of title: String) -> Substring {
        var end = title.startIndex
        var count = 0
        while end < title.endIndex && count < maxCharacters {
            let next = title.index(after: end)
            if title.utf8.distance(from: title.startIndex, to: next) > maxBytes { break }
            end = next
            count += 1
        }
        if end == title.startIndex {
            let scalars = title.unicodeScalars
            while end < title.endIndex, title.utf8.distance(from: title.startIndex, to: scalars.index(after: end)) <= maxBytes {
                end = scalars.index(after: end)
            }
        }
        return title[..<end]
    }
}
