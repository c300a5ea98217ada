import ArtExportCore
/// Very long paragraphs set in windows, so that shaping and line breaking hold a
/// bounded piece at a time: memory for a paragraph of any length stays that of a
/// long one (a 10 MB one-line article once needed 2 GB here).
///
/// Each window is shaped and broken as a paragraph of its own. The line breaker
/// reads items in order, so up to the window's end its choices are those of the
/// whole paragraph; the lines on which all its live paths agree are settled (see
/// `LineBreaker.breakWindow`) and kept, and the next window starts at the next line,
/// from each state (fitness, hyphen run) those paths may be in there. So the lines
/// are those of the paragraph set at once, but for two cases: a window that needs a
/// looser pass than the rest takes it alone, and where paths tie over more than
/// half a window (text of a few words repeated), its best lines but the last
/// `overlapLines` are kept, so every window moves on by half of it at least.
/// Paragraphs of up to `windowBytes` are set whole, as before.
extension ParagraphSetter {
    /// Longest paragraph set in one piece, in UTF-8 bytes (some 700 lines of body text).
    static let windowBytes = 65_536
    /// Text at a window's end whose breaks are left to the next window: the cut and the
    /// window's artificial end are past it.
    static let settleMarginBytes = 512
    /// When under half a window is settled, all its best lines but these are kept.
    static let overlapLines = 8

    func setInWindows(_ styled: StyledText, options: ParagraphOptions) -> [SetLine] {
        let bytes = Array(styled.text.utf8)
        var lines: [SetLine] = []
        var options = options
        var states = [LineBreaker.Start(isWindow: true)]
        var start = 0
        var spanIndex = 0
        while start < bytes.count {
            var end = min(bytes.count, start + Self.windowBytes)
            if end < bytes.count {
                // Cut at a space in the window's second half; failing that (one huge
                // word), at a character boundary.
                if let space = bytes[(start + Self.windowBytes / 2)..<end].lastIndex(of: 0x20) {
                    end = space
                } else {
                    while end > start + 1, bytes[end] & 0xC0 == 0x80 { end -= 1 }
                }
            }
            let window = Self.slice(styled, bytes, start..<end, spanIndex: &spanIndex)
            if end == bytes.count {
                lines += setWhole(window, options: options, after: states).map { var l = $0; l.startByte += start; return l }
                break
            }
            guard let prepared = prepare(window, options: options) else {
                start = Self.skipSpaces(bytes, from: end)
                continue
            }
            let width = options.width
            let indent = options.firstIndent
            let lineWidth: (Int) -> Double = { $0 == 0 ? width - indent : width }
            let breaker = LineBreaker(parameters: options.parameters)
            let set = breaker.breakWindow(prepared.items, lineWidth: lineWidth, microtype: prepared.microtype, starts: states,
                                          through: prepared.item(atByte: end - start - Self.settleMarginBytes))
            // The settled lines; if they are under half the window (text whose
            // solutions tie, so that they agree only far back), the window's best lines
            // but the last few, which were chosen for an end that is not there: each
            // window moves on by half of it at least. A window of very few lines is
            // kept whole.
            let exact = set.settled * 2 >= set.breaks.count
            var keep = exact ? set.settled : set.breaks.count - Self.overlapLines
            if keep <= 0 { keep = set.breaks.count }
            if !exact { unsettledWindows += 1 }
            let layouts = breaker.layout(prepared.items, breaks: set.breaks, lineWidth: lineWidth, microtype: prepared.microtype)
            lines += place(layouts[..<keep], breaks: set.breaks, lastIsLast: false, prepared, window, options)
                .map { var l = $0; l.startByte += start; return l }
            var next = end
            if keep > 0 {
                states = exact && keep == set.settled ? set.settledStates : [set.states[keep - 1]]
                if keep < set.breaks.count { next = start + prepared.byte(ofItem: set.nextItems[keep - 1]) }
            }
            if next <= start { next = end }
            start = Self.skipSpaces(bytes, from: next)
            options.firstIndent = 0
        }
        return lines
    }

    private static func skipSpaces(_ bytes: [UInt8], from i: Int) -> Int {
        var i = i
        while i < bytes.count, bytes[i] == 0x20 { i += 1 }
        return i
    }

    /// The styled text of `range` (on character boundaries) with its spans clipped.
    /// `spanIndex` is the first span that may overlap the range; ranges come in order.
    static func slice(_ styled: StyledText, _ bytes: [UInt8], _ range: Range<Int>, spanIndex: inout Int) -> StyledText {
        while spanIndex < styled.spans.count, styled.spans[spanIndex].range.upperBound <= range.lowerBound { spanIndex += 1 }
        var spans: [StyledText.Span] = []
        var k = spanIndex
        while k < styled.spans.count, styled.spans[k].range.lowerBound < range.upperBound {
            var span = styled.spans[k]
            span.range = (max(span.range.lowerBound, range.lowerBound) - range.lowerBound)..<(min(span.range.upperBound, range.upperBound) - range.lowerBound)
            spans.append(span)
            k += 1
        }
        return StyledText(text: String(decoding: bytes[range], as: UTF8.self), spans: spans)
    }
}
