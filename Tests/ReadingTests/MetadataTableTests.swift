@testable import ArtExportCore
import Testing

@Suite struct MetadataTableTests {
    func lines(_ text: String) -> [SourceText.Line] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { SourceText.Line(number: $0 + 1, text: String($1)) }
    }

    @Test func cellsWithAndWithoutOuterPipes() {
        #expect(MetadataTable.cells(of: "| a | b | c |") == ["a", "b", "c"])
        #expect(MetadataTable.cells(of: "a | b | c") == ["a", "b", "c"])
        #expect(MetadataTable.cells(of: "| a | b | c") == ["a", "b", "c"])
        #expect(MetadataTable.cells(of: "a | b | c |") == ["a", "b", "c"])
    }

    @Test func escapedPipeStaysInTheCell() {
        #expect(MetadataTable.cells(of: "| a \\| b | c |") == ["a | b", "c"])
        #expect(MetadataTable.cells(of: "| x | ends with \\|") == ["x", "ends with |"])
        // Other backslashes are text.
        #expect(MetadataTable.cells(of: "| C:\\path | \\d |") == ["C:\\path", "\\d"])
    }

    @Test func emptyCellsAreKept() {
        #expect(MetadataTable.cells(of: "| a |  | c |") == ["a", "", "c"])
    }

    @Test func delimiterRows() {
        #expect(MetadataTable.isDelimiterRow("|---|---|"))
        #expect(MetadataTable.isDelimiterRow("| :--- | ---: | :-: |"))
        #expect(MetadataTable.isDelimiterRow("---|---"))
        #expect(!MetadataTable.isDelimiterRow("| a | b |"))
        #expect(!MetadataTable.isDelimiterRow("| -a- | b |"))
    }

    @Test(arguments: ["7 KiB", "12 KB", "900 B", "1.2 MiB", "3KiB", "  21 KiB  "])
    func sizeLines(_ line: String) {
        #expect(MetadataTable.isSizeLine(line))
    }

    @Test(arguments: ["| title |", "Seven KiB", "7 apples", "KiB", ""])
    func notSizeLines(_ line: String) {
        #expect(!MetadataTable.isSizeLine(line))
    }

    @Test func parsesTableAfterSizeLine() throws {
        let t = try MetadataTable.parse(lines("7 KiB\n| title | author |\n|---|---|\n| T | A |\nBody"), file: "f")
        #expect(t.fields.map(\.name) == ["title", "author"])
        #expect(t.fields.map(\.value) == ["T", "A"])
        #expect(t.valueLine == 4)
        #expect(t.bodyStart == 4)
    }

    @Test func countMismatchNamesTheValueLine() {
        #expect(throws: ExportError(.badInput, file: "a.txt", line: 3,
                                    "the value row has 2 cells, the header has 3; escape a `|` inside a value as `\\|`")) {
            try MetadataTable.parse(lines("| title | author | created |\n|---|---|---|\n| T | A |"), file: "a.txt")
        }
    }

    @Test func missingDelimiterRow() {
        #expect(throws: ExportError(.badInput, file: "a.txt", line: 2,
                                    "the metadata table has no delimiter row; put a row like `|---|---|` under the header")) {
            try MetadataTable.parse(lines("| title | author |\n| T | A |"), file: "a.txt")
        }
    }

    @Test func noTableAtAll() {
        #expect(throws: ExportError.self) {
            try MetadataTable.parse(lines("Just a paragraph of text."), file: "a.txt")
        }
    }
}
