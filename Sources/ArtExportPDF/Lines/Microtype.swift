import ArtExportCore
/// Micro-typography the breaker takes into account, per item:
///
/// - **Protrusion** (optical margin alignment): how far the glyph at either end of a
///   line may hang outside the measure, so that a light mark — a period, a hyphen, a
///   quotation mark — does not dent the edge the eye follows. A line starting at box
///   `i` may begin `startHang[i]` before its start edge; a line ending after box `i`
///   (at a glue, or a penalty with no material) may end `endHang[i]` past its end
///   edge, and one ending at penalty `i` with material (a hyphen) `endHang[i]` past it.
/// - **Expansion** (as the hz-program and microtype do): box `i` may be set up to
///   `expansion[i]` points wider or narrower, its glyphs scaled, so that a line is
///   justified by its letters as well as its spaces: the spaces vary less, and fewer
///   words need a hyphen.
///
/// The breaker counts a line's hangs as width it may use and its boxes' expansion as
/// stretch and shrink; the setter moves, spaces and scales the line to match.
/// Empty arrays mean none.
package struct Microtype: Sendable, Equatable {
    package var startHang: [Double]
    package var endHang: [Double]
    package var expansion: [Double]

    package init(startHang: [Double] = [], endHang: [Double] = [], expansion: [Double] = []) {
        self.startHang = startHang
        self.endHang = endHang
        self.expansion = expansion
    }

    package static let none = Microtype()

    package var hasHangs: Bool { !startHang.isEmpty || !endHang.isEmpty }

    func start(at i: Int) -> Double { i >= 0 && i < startHang.count ? Self.sane(startHang[i]) : 0 }
    func end(at i: Int) -> Double { i >= 0 && i < endHang.count ? Self.sane(endHang[i]) : 0 }
    func expansion(at i: Int) -> Double { i >= 0 && i < expansion.count ? Self.sane(expansion[i]) : 0 }

    /// An amount is never negative, and never NaN or infinite.
    private static func sane(_ value: Double) -> Double { value.isFinite && value > 0 ? value : 0 }
}
