/// Many varied articles of about 1,000 words, made from the samples' own text, for
/// batches and issues larger than the samples: `artexport-bench generate` (the
/// benchmark's batch part) and the scale tests make them at run time, so none is
/// checked in. The same seed and samples give the same articles.
///
/// Article `n` is built from sample `n % samples.count` (so a batch mixes the
/// samples' languages and scripts as the samples do): its metadata table with the
/// title numbered, its first paragraph, then sections (a heading-like line and the
/// paragraphs after it) drawn at random until about `words` words, then its last
/// line (the bio). Plain Swift on strings; the callers read and write the files.
package struct GeneratedArticles: Sendable {
    struct Sample: Sendable {
        var header: [String]
        var separator: String
        var values: [String]
        var titleColumn: Int
        var opening: String
        var sections: [[String]]
        var closing: String?
    }

    let samples: [Sample]
    package let seed: UInt64
    package let words: Int

    /// `samples`: article-format texts (a metadata pipe table, then one block per line).
    package init(samples: [String], seed: UInt64 = 2025, words: Int = 1000) {
        self.samples = samples.compactMap(Self.split)
        self.seed = seed
        self.words = words
        precondition(!self.samples.isEmpty, "no sample with a metadata table and a title")
    }

    /// `article-0001.txt`…: names that sort in article order.
    package static func fileName(_ number: Int) -> String {
        let digits = String(number)
        return "article-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits + ".txt"
    }

    /// The text of article `number` (from 1).
    package func article(_ number: Int) -> String {
        let sample = samples[(number - 1) % samples.count]
        var random = SplitMix64(seed: seed &+ UInt64(number) &* 0x9E37_79B9)
        var values = sample.values
        values[sample.titleColumn] = " " + values[sample.titleColumn].trimmed + " (No. \(number)) "
        var lines: [String] = []
        lines += [Self.row(sample.header), sample.separator, Self.row(values), sample.opening]
        var count = Self.wordCount(sample.opening) + (sample.closing.map(Self.wordCount) ?? 0)
        // Sections with replacement, so a short sample still reaches the length; a
        // section's first two lines always go together (a heading never ends the body).
        while count < words, !sample.sections.isEmpty {
            let section = sample.sections[Int(random.next() % UInt64(sample.sections.count))]
            for (i, line) in section.enumerated() where i < 2 || count < words {
                lines.append(line)
                count += Self.wordCount(line)
            }
        }
        if let closing = sample.closing { lines.append(closing) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An issue file (docs/issues.md) listing `files` (relative to the issue file's
    /// folder) in sections of `perSection`.
    package static func issue(files: [String], number: Int = 1, perSection: Int = 10) -> String {
        var out = """
            newsletter: The Generated Letter
            title: \(files.count) Articles
            number: \(number)
            date: 2025-06-27
            publisher: The Generated Letter
            language: en
            sections:

            """
        for start in stride(from: 0, to: files.count, by: perSection) {
            out += "  - title: Section \(start / perSection + 1)\n    articles:\n"
            for file in files[start..<min(start + perSection, files.count)] { out += "      - \(file)\n" }
        }
        return out
    }

    // MARK: Splitting a sample

    static func split(_ text: String) -> Sample? {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var lines = text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
            .map(String.init)
            .filter { !$0.allSatisfy(\.isWhitespace) }
        // The size line is dropped: it would not be this article's size.
        if let first = lines.first, !first.contains("|") { lines.removeFirst() }
        guard lines.count >= 5 else { return nil }
        let header = cells(lines[0]), values = cells(lines[2])
        guard header.count == values.count,
              let title = header.firstIndex(where: { $0.trimmed.lowercased() == "title" }) else { return nil }
        let body = Array(lines[3...])
        // A section is a heading with what follows it; the lines before the first heading are one too.
        var sections: [[String]] = []
        for line in body.dropFirst().dropLast() {
            if looksLikeHeading(line) || sections.isEmpty { sections.append([line]) } else { sections[sections.count - 1].append(line) }
        }
        return Sample(header: header, separator: lines[1], values: values, titleColumn: title,
                      opening: body[0], sections: sections.filter { $0.count > 1 }, closing: body.count > 1 ? body.last : nil)
    }

    /// Cells of a pipe-table row, outer pipes dropped, `\|` kept as written.
    static func cells(_ line: String) -> [String] {
        var cells: [String] = [], cell = "", escaped = false
        for c in line {
            if escaped { cell.append(c); escaped = false; continue }
            if c == "\\" { cell.append(c); escaped = true; continue }
            if c == "|" { cells.append(cell); cell = "" } else { cell.append(c) }
        }
        cells.append(cell)
        if cells.first?.trimmed.isEmpty == true, line.trimmed.hasPrefix("|") { cells.removeFirst() }
        if cells.last?.trimmed.isEmpty == true, line.trimmed.hasSuffix("|") { cells.removeLast() }
        return cells
    }

    static func row(_ cells: [String]) -> String { "|" + cells.joined(separator: "|") + "|" }

    /// Roughly artexport's heading rule (README, The heading rule): short, and not
    /// ending as a sentence does. Only used to keep a heading with its paragraphs.
    static func looksLikeHeading(_ line: String) -> Bool {
        let t = line.trimmed
        guard let last = t.last, wordCount(t) <= 12, t.count <= 90 else { return false }
        return !".,;:…。、，،؛\"”»".contains(last)
    }

    static func wordCount(_ line: String) -> Int {
        line.split(whereSeparator: \.isWhitespace).count
    }
}

extension String {
    fileprivate var trimmed: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
