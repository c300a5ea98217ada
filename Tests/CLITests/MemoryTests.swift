import Foundation
import TestSupport
import Testing

/// Peak memory of a whole export grows with the input by a bounded number of bytes
/// per input byte: once 226 for PDF as one paragraph (2.2 GB for 10 MB) and 66 as
/// many, now under 30 either way. Measured on the binary the tests are built with,
/// above what a one-line article of the same fonts needs.
@Suite(.serialized) struct MemoryTests {
    static let size = 1_000_000
    /// Bytes of peak memory per input byte that an export may add.
    static let budget = 45

    func cli() throws -> String {
        try #require(Repo.cli, "the artexport binary is not built; run `make test`")
    }

    static func article(paragraphBytes: Int, total: Int) -> [UInt8] {
        var random = SplitMix64(seed: 4)
        let words = ["the", "water", "of", "reservoir", "and", "municipal", "was", "infrastructure", "a", "engineering",
                     "it", "pipes", "under", "rain", "city", "lead", "mains", "hyphenation", "responsibility"]
        var text = "| title | author |\n|---|---|\n| Memory | Ann Author |\n"
        var paragraph = ""
        while text.utf8.count + paragraph.utf8.count < total {
            paragraph += words[Int(random.next() % UInt64(words.count))] + (random.next() % 12 == 0 ? ". " : " ")
            if paragraph.utf8.count >= paragraphBytes {
                text += "Start " + paragraph + "end.\n"
                paragraph = ""
            }
        }
        return Array((text + "Start " + paragraph + "end.\n").utf8)
    }

    func peak(_ format: String, _ input: [UInt8], in tmp: TemporaryDirectory, name: String) throws -> Int {
        let path = try tmp.write(name + ".txt", input)
        let result = try PeakMemory.run(try cli(), ["--" + format, path, "-o", tmp.path + "/" + name + "." + format, "--quiet"])
        #expect(result.status == 0, "\(name).\(format) failed")
        return result.peakBytes
    }

    /// EPUB is fast and lean: a larger input shows its growth above the process's own needs.
    @Test(arguments: [("pdf", Int.max, 1), ("pdf", 600, 1), ("epub", Int.max, 4)])
    func memoryPerInputByte(_ format: String, _ paragraphBytes: Int, _ megabytes: Int) throws {
        let tmp = try TemporaryDirectory()
        let base = try peak(format, Self.article(paragraphBytes: 100, total: 200), in: tmp, name: "small")
        let input = Self.article(paragraphBytes: paragraphBytes, total: Self.size * megabytes)
        let large = try peak(format, input, in: tmp, name: "large")
        let perByte = Double(large - base) / Double(input.count)
        #expect(perByte < Double(Self.budget),
                "\(format), paragraphs of \(paragraphBytes == .max ? "all" : String(paragraphBytes)) bytes: \(Int(perByte)) bytes of memory per input byte")
    }
}
