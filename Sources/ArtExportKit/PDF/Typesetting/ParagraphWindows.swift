/// Very long paragraphs set in windows, so that shaping and line breaking hold a
/// bounded piece at a time: memory for a paragraph of any length stays that of a
/// long one (a 10 MB one-line article once needed 2 GB here).
///
/// Each window is shaped and broken as a paragraph of its own, but only the lines
/// that every solution of the whole paragraph shares are kept (see
/// `LineBreaker.breakPrefix`): the line breaker reads items in order, so up to the
/// window's end its choices are those of the whole paragraph. The next window starts
/// at the next line, in the state (fitness, hyphen run) the last kept line left. So
/// the lines are those of the paragraph set at once, but for the tolerance: a
/// window that needs a looser pass takes it alone. Paragraphs of up to `windowBytes`
/// are set whole, as before.
extension ParagraphSetter {
    /// Longest paragraph set in one piece, in UTF-8 bytes (some 400 lines of body text).
    static let windowBytes = 32_768
    /// Text at a window's end whose breaks are left to the next window: the cut and the
    /// window's artificial end are past it.
    static let settleMarginBytes = 512
    /// When no line of a window is settled (text whose solutions never agree), all its
    /// lines but these are kept.
    static let overlapLines = 8

    func setInWindows(_ styled: StyledText, options: ParagraphOptions) -> [SetLine] {
        let bytes = Array(styled.text.utf8)
        var lines: [SetLine] = []
        var options = options
        var state = LineBreaker.Start(isWindow: true)
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
                lines += setWhole(window, options: options, start: state).lines
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
            var next: Int
            if let prefix = breaker.breakPrefix(prepared.items, lineWidth: lineWidth, start: state,
                                                through: prepared.item(atByte: end - start - Self.settleMarginBytes)) {
                let layouts = breaker.layout(prepared.items, breaks: prefix.breaks, lineWidth: lineWidth)
                lines += place(layouts, lastIsLast: false, prepared, window, options)
                next = start + prepared.byte(ofItem: prefix.nextItem)
                state = prefix.end
            } else {
                unsettledWindows += 1
                // Nothing settled: keep the window's best lines but the last few, which
                // were chosen for an end that is not there.
                let breaks = breaker.breakLines(prepared.items, lineWidth: lineWidth, start: state)
                let layouts = breaker.layout(prepared.items, breaks: breaks, lineWidth: lineWidth)
                let keep = layouts.count > Self.overlapLines ? layouts.count - Self.overlapLines : layouts.count
                lines += place(Array(layouts[..<keep]), lastIsLast: false, prepared, window, options)
                next = keep < layouts.count ? start + prepared.byte(ofItem: layouts[keep].range.lowerBound) : end
                state = LineBreaker.Start(after: breaks[..<keep], before: state)
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
