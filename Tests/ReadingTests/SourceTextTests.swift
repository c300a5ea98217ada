@testable import ArtExportCore
import Testing

@Suite struct SourceTextTests {
    @Test func bomCRLFAndTabs() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("one\r\ntwo\tthree\r\nfour  \rfive".utf8)
        let s = try SourceText.decode(bytes, file: "f")
        #expect(s.lines.map(\.text) == ["one", "two three", "four  ", "five"])
        #expect(s.lines.map(\.number) == [1, 2, 3, 4])
    }

    @Test func controlCharactersAreRemovedAndReported() throws {
        let s = try SourceText.decode(Array("a\u{0B}b\nc\u{1B}d\u{7F}".utf8), file: "f")
        #expect(s.lines.map(\.text) == ["ab", "cd"])
        #expect(s.warnings.map(\.line) == [1, 2])
        #expect(s.warnings[1].message.contains("2 control characters"))
    }

    /// Noncharacters pass XML but not cairo: removed with a warning of their own,
    /// while the characters around them (fullwidth forms, emoji) stay.
    @Test func noncharactersAreRemovedAndReported() throws {
        // U+FDD0, U+FFFE and U+1FFFF as UTF-8 (Swift literals refuse noncharacters).
        let bytes = Array("a".utf8) + [0xEF, 0xB7, 0x90] + Array("b".utf8) + [0xEF, 0xBF, 0xBE] + Array("，".utf8)
            + [0xF0, 0x9F, 0xBF, 0xBF] + Array("😀\nplain".utf8)
        let s = try SourceText.decode(bytes, file: "f")
        #expect(s.lines.map(\.text) == ["ab，😀", "plain"])
        #expect(s.warnings.map(\.line) == [1])
        #expect(s.warnings.first?.message.hasPrefix("removed 3 Unicode noncharacters") == true)
    }

    @Test func emptyFile() {
        #expect(throws: ExportError(.badInput, file: "f", line: 1,
                                    "the file is empty; an article needs at least a metadata table with a title")) {
            try SourceText.decode([], file: "f")
        }
        #expect(throws: ExportError.self) { try SourceText.decode(Array(" \r\n\n\t".utf8), file: "f") }
    }

    @Test func binaryFileNamesTheLine() {
        #expect(throws: ExportError(.badInput, file: "f", line: 2,
                                    "this is not a text file (it holds a NUL byte); artexport reads UTF-8 text articles")) {
            try SourceText.decode([0x61, 0x0A, 0x89, 0x50, 0x4E, 0x47, 0x00, 0x01], file: "f")
        }
    }

    @Test func invalidUTF8NamesLineAndColumn() {
        // "café" in Latin-1 on line 3.
        let bytes = Array("| title |\n|---|\n| caf".utf8) + [0xE9] + Array(" |\n".utf8)
        #expect(throws: ExportError(.badInput, file: "f", line: 3,
                                    "invalid UTF-8 (byte 0xE9 at column 6); save the file as UTF-8")) {
            try SourceText.decode(bytes, file: "f")
        }
    }

    @Test(arguments: [
        [0xC0, 0xAF] as [UInt8],          // overlong "/"
        [0xED, 0xA0, 0x80],               // UTF-8-encoded surrogate
        [0xF4, 0x90, 0x80, 0x80],         // past U+10FFFF
        [0xE2, 0x82],                     // truncated
        [0xFF],
    ])
    func strictUTF8(_ bad: [UInt8]) {
        #expect(SourceText.firstInvalidUTF8((Array("ok ".utf8) + bad)[...]) == 3)
    }

    @Test func validUTF8Passes() {
        #expect(SourceText.firstInvalidUTF8(Array("Größe עברית 中文 🙂".utf8)[...]) == nil)
    }
}
