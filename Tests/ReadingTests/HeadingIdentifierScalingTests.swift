@testable import ArtExportCore
import TestSupport
import Testing

/// Anchors for many headings of the same text take linear time: each new one
/// once tried every suffix its predecessors had taken.
@Suite(.serialized) struct HeadingIdentifierScalingTests {
    @Test func manyEqualHeadings() {
        let growth = Scaling.growth(n: 1_000, input: { $0 }) { n in
            var ids = IdentifierSet()
            for _ in 0..<n { _ = ids.make(from: "Introduction") }
        }
        #expect(growth < 8, "4× the headings took \(growth)× as long")
    }

    @Test func suffixesStayTheSmallestFree() {
        var ids = IdentifierSet()
        #expect(["Intro", "Intro", "Intro 2", "Intro", "Intro"].map { ids.make(from: $0) }
                == ["intro", "intro-2", "intro-2-2", "intro-3", "intro-4"])
        var other = IdentifierSet()
        // A heading that spells a suffix takes it; the next duplicate skips it.
        #expect(["Costs", "Costs 3", "Costs", "Costs", "Costs"].map { other.make(from: $0) }
                == ["costs", "costs-3", "costs-2", "costs-4", "costs-5"])
    }
}
