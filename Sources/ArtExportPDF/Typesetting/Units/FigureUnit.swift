import ArtExportCore
/// A figure: the image centred in the measure, scaled down to fit it and to at
/// most three quarters of the text height (so a caption fits beside it on a
/// page), never enlarged past its natural size; the caption below, smaller and
/// italic, centred line by line. One unbreakable block, so the caption never
/// leaves its image, and a float: when it does not fit in the room left on the
/// page, the text after it fills the page and the figure heads the next (not in
/// a quotation or a list, which it would leave).
///
/// Tagged Figure, holding the image with its alternative text drawn invisibly
/// beneath it; with a caption, Figure › (Figure, Caption): the image is a Figure
/// of its own inside the group, because cairo 1.16 lists only the child elements
/// of an element that has any, and would leave the image out of the structure
/// tree were it the group's own content.
struct FigureUnit: LayoutUnit {
    var figure: Figure

    /// Caption leading against the body's (its size is the theme's).
    static let captionLeadingScale = 0.85

    func layout(in measure: Measure, _ context: UnitContext) throws(ExportError) -> [FlowBlock] {
        let style = context.style
        let ref = context.images.register(figure.image)
        let natural = context.images[ref]
        let (measure, span) = context.measure(forWide: natural.width, in: measure)
        let size = Self.fitted(width: natural.width, height: natural.height, measure: measure.width,
                               maxHeight: style.textHeight * style.theme.figures.maxHeight)
        let rect = Rect(x: measure.left + (measure.width - size.width) / 2, y: 0, width: size.width, height: size.height)
        let hasCaption = !figure.caption.isEmpty
        let font = style.caption.with(italic: true)
        let alt = context.altText(figure.image.alt, font: style.body)
            .map { var run = $0; run.origin = Point(x: rect.x + run.origin.x, y: rect.y + rect.height / 2); return run }

        func block() -> FlowBlock {
            let imageElement = context.nextElement(.figure)
            // The gap between image and caption: half a line.
            var lines = [FlowLine(items: [.image(ref, rect, alt: alt, element: imageElement)],
                                  height: size.height + (hasCaption ? style.leading * 0.5 : 0), baseline: 0)]
            lines[0].source = TextPosition(inBio: context.inBio, path: context.path, offset: 0)
            var element = imageElement
            if hasCaption {
                element = context.nextElement(.caption)
                let text = context.styled(figure.caption, base: font)
                // Short lines under a narrow image: its width, or three quarters of the measure.
                let width = min(measure.width, max(size.width, measure.width * 0.75))
                let options = ParagraphOptions(width: width, justify: false, rtl: context.isRTL(text.text), hyphenate: true)
                var caption = context.lines(text, font: font, leading: max(font.size * 1.15, style.leading * Self.captionLeadingScale), options: options)
                for k in caption.indices { caption[k].text = Self.centred(caption[k].text, in: measure) }
                lines += caption
            }
            // At least half a line below before the text goes on, and whole lines in all.
            lines[lines.count - 1].height += style.leading * 0.5
            context.snap(&lines)
            var block = FlowBlock(lines: lines, spaceBefore: style.leading, breakable: false, element: element)
            // In a quotation or a list it keeps its place: floated, it would leave its container.
            block.float = measure == context.fullMeasure
            block.span = span
            return block
        }
        // A figure without a caption is the image's Figure alone.
        return hasCaption ? [try context.grouped(.figure) { () -> FlowBlock in block() }] : [block()]
    }

    /// The image's size in the measure: scaled down to fit, never up.
    static func fitted(width: Double, height: Double, measure: Double, maxHeight: Double) -> (width: Double, height: Double) {
        guard width > 0, height > 0 else { return (0, 0) }
        let scale = min(1, measure / width, maxHeight / height)
        return (width * scale, height * scale)
    }

    /// A set line moved so that its ink is centred in the measure.
    static func centred(_ text: (line: SetLine, x: Double)?, in measure: Measure) -> (line: SetLine, x: Double)? {
        guard let (line, _) = text else { return nil }
        let left = line.runs.map(\.origin.x).min() ?? 0
        let right = line.runs.map { $0.origin.x + $0.width }.max() ?? 0
        return (line, measure.left + (measure.width - (right - left)) / 2 - left)
    }
}
