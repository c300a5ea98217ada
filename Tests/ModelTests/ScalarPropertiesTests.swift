@testable import ArtExportCore
import Testing

/// The table gives the standard library's answer for every scalar it holds.
@Suite struct ScalarPropertiesTests {
    @Test func sameAsTheStandardLibrary() {
        for value in UInt32(0)..<0x1000 {
            guard let s = Unicode.Scalar(value) else { continue }
            #expect(s.generalCategory == s.properties.generalCategory, "U+\(String(value, radix: 16))")
            #expect(s.isWhitespace == s.properties.isWhitespace, "U+\(String(value, radix: 16))")
        }
    }
}
