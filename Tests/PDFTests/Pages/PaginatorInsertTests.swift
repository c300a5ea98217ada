@testable import ArtExportPDF
import Testing

/// Footnotes as inserts: pure pagination on line heights, no fonts.
@Suite struct PaginatorInsertTests {
    let paginator = Paginator(pageHeight: 10)

    func block(_ n: Int, references: [Int: [Int]]) -> Paginator.Block {
        Paginator.Block(lines: Array(repeating: 1, count: n), inserts: (0..<n).map { references[$0] ?? [] })
    }

    func note(_ n: Int) -> Paginator.Insert { Paginator.Insert(lines: Array(repeating: 1, count: n)) }

    /// No page's notes overlap its body, separator included.
    func checkFeet(_ result: (body: [[Paginator.Placement]], inserts: [[Paginator.InsertPlacement]]), blocks: [Paginator.Block]) {
        for (body, feet) in zip(result.body, result.inserts) where !feet.isEmpty {
            let bottom = body.map { $0.top + blocks[$0.block].lines[$0.line] }.max() ?? 0
            #expect(bottom + 1 <= feet.map(\.top).min()! + 0.01)
            #expect(abs(feet.last!.top + 1 - paginator.pageHeight) < 0.01, "notes sit at the foot")
        }
    }

    @Test func aNoteIsSetAtTheFootOfItsReferencesPage() {
        let blocks = [block(5, references: [2: [0]])]
        let result = paginator.paginate(blocks, inserts: [note(2)], separator: 1)
        #expect(result.body.count == 1)
        #expect(result.inserts == [[.init(insert: 0, line: 0, top: 8), .init(insert: 0, line: 1, top: 9)]])
        checkFeet(result, blocks: blocks)
    }

    @Test func aReferenceBehindASplitNoteMovesToThePageWhereItsNoteStarts() {
        // Line 1's note (8 lines) is split at the foot of page 1; line 3 references a
        // second note: it goes to page 2, where the first note ends and the second starts.
        let blocks = [block(12, references: [1: [0], 3: [1]])]
        let result = paginator.paginate(blocks, inserts: [note(8), note(1)], separator: 1)
        let referencePage = result.body.firstIndex { $0.contains { $0.line == 3 } }!
        let notePage = result.inserts.firstIndex { $0.contains { $0.insert == 1 } }!
        #expect(result.inserts[0].contains { $0.insert == 0 } && result.inserts[1].contains { $0.insert == 0 }, "the first note is split")
        #expect(referencePage == notePage && referencePage == 1)
        checkFeet(result, blocks: blocks)
    }

    @Test func aReferenceLineGoesWhereItsNoteFits() {
        // Line 7 with its note's first two lines and the separator needs 4 lines below line 6.
        let blocks = [block(12, references: [7: [0]])]
        let result = paginator.paginate(blocks, inserts: [note(3)], separator: 1)
        let referencePage = result.body.firstIndex { $0.contains { $0.line == 7 } }!
        #expect(result.body[0].count == 7)
        #expect(result.inserts[referencePage].map(\.line) == [0, 1, 2])
        checkFeet(result, blocks: blocks)
    }

    @Test func aLongNoteSplitsOntoTheNextPages() {
        let blocks = [block(6, references: [0: [0]])]
        let result = paginator.paginate(blocks, inserts: [note(12)], separator: 1)
        #expect(result.body[0].count == 6)
        #expect(result.inserts[0].map(\.line) == [0, 1, 2], "as much as fits under the text")
        #expect(result.inserts.flatMap { $0 }.map(\.line) == Array(0..<12), "every line once, in order")
        for feet in result.inserts.dropFirst() { #expect(!feet.isEmpty && feet.count <= 5, "carried lines take at most half a page") }
        checkFeet(result, blocks: blocks)
    }

    @Test func carriedLinesComeBeforeThePagesOwnNotes() {
        // Note 0 is too long for page 1; note 1 is referenced on page 2.
        let blocks = [block(6, references: [0: [0]]), block(8, references: [5: [1]])]
        let result = paginator.paginate(blocks, inserts: [note(6), note(1)], separator: 1)
        let order = result.inserts.flatMap { $0 }.map { "\($0.insert).\($0.line)" }
        #expect(order == ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "1.0"])
        #expect(result.inserts[0].count < 6)
        checkFeet(result, blocks: blocks)
    }

    @Test func aSecondReferenceAddsNoSecondCopy() {
        let blocks = [block(8, references: [1: [0], 6: [0]])]
        let result = paginator.paginate(blocks, inserts: [note(1)], separator: 1)
        #expect(result.inserts.flatMap { $0 }.count == 1)
        #expect(result.body.count == 1)
    }

    @Test func widowAndOrphanRulesHoldWithNotes() {
        // Every page break of a paragraph keeps two lines each side, wherever its notes fall.
        for reference in 0..<14 {
            let blocks = [block(3, references: [:]), block(14, references: [reference: [0]])]
            let result = paginator.paginate(blocks, inserts: [note(3)], separator: 1)
            for page in result.body {
                let count = page.filter { $0.block == 1 }.count
                #expect(count == 0 || count >= 2, "reference on line \(reference)")
            }
            let page = result.body.firstIndex { $0.contains { $0.block == 1 && $0.line == reference } }!
            #expect(result.inserts[page].first?.insert == 0, "reference on line \(reference): the note starts on its page")
            checkFeet(result, blocks: blocks)
        }
    }

    @Test func withoutInsertsNothingChanges() {
        let blocks = [block(7, references: [:]), Paginator.Block(lines: [1, 1], keepWithNext: true), block(9, references: [:])]
        let result = paginator.paginate(blocks, inserts: [], separator: 1)
        #expect(result.body == paginator.paginate(blocks))
        #expect(result.inserts.allSatisfy { $0.isEmpty })
    }
}
