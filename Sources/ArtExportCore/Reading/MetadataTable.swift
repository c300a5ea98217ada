/// The article format's front matter: a pipe table of one header row, one
/// delimiter row and one value row (see FORMAT.md).
struct MetadataTable {
    var fields: [Metadata.Field]
    /// Index in `SourceText.lines` of the first line after the table.
    var bodyStart: Int
    var headerLine: Int
    var valueLine: Int

    /// The file's size line (`7 KiB`, `900 B`, `1.2 MiB`): informational, skipped.
    static func isSizeLine(_ text: String) -> Bool {
        let parts = text.trimmingSpaces.split(separator: " ")
        guard parts.count == 2 || parts.count == 1 else { return false }
        var number = Substring(parts[0])
        var unit = parts.count == 2 ? Substring(parts[1]) : ""
        if parts.count == 1 {
            guard let split = number.firstIndex(where: { $0.isLetter }) else { return false }
            unit = number[split...]
            number = number[..<split]
        }
        let units: Set<String> = ["b", "bytes", "k", "kb", "kib", "m", "mb", "mib", "g", "gb", "gib"]
        return !number.isEmpty && Double(number) != nil && units.contains(unit.lowercased())
    }

    static func parse(_ lines: [SourceText.Line], file: String) throws(ExportError) -> MetadataTable {
        var i = 0
        while i < lines.count, lines[i].text.trimmingSpaces.isEmpty { i += 1 }
        if i < lines.count, isSizeLine(lines[i].text) { i += 1 }
        while i < lines.count, lines[i].text.trimmingSpaces.isEmpty { i += 1 }
        guard i < lines.count else {
            throw ExportError(.badInput, file: file, line: lines.last?.number ?? 1,
                              "the metadata table is missing; the article must start with a pipe table such as `| title | author |`")
        }
        let header = lines[i]
        guard header.text.contains("|") else {
            throw ExportError(.badInput, file: file, line: header.number,
                              "expected the metadata table's header row (e.g. `| title | created | author |`), found text without `|`")
        }
        let names = cells(of: header.text)

        guard i + 1 < lines.count, isDelimiterRow(lines[i + 1].text) else {
            let line = i + 1 < lines.count ? lines[i + 1].number : header.number + 1
            throw ExportError(.badInput, file: file, line: line,
                              "the metadata table has no delimiter row; put a row like `|---|---|` under the header")
        }
        let delimiter = lines[i + 1]
        let delimiterCount = cells(of: delimiter.text).count
        guard delimiterCount == names.count else {
            throw ExportError(.badInput, file: file, line: delimiter.number,
                              "the delimiter row has \(delimiterCount) cell\(delimiterCount == 1 ? "" : "s"), the header has \(names.count); give every column one `---`")
        }
        var v = i + 2
        while v < lines.count, lines[v].text.trimmingSpaces.isEmpty { v += 1 }
        guard v < lines.count, lines[v].text.contains("|") || names.count == 1 else {
            throw ExportError(.badInput, file: file, line: v < lines.count ? lines[v].number : delimiter.number + 1,
                              "the metadata table has no value row; add one row of values under the delimiter row")
        }
        let valueRow = lines[v]
        let values = cells(of: valueRow.text)
        guard values.count == names.count else {
            throw ExportError(.badInput, file: file, line: valueRow.number,
                              "the value row has \(values.count) cell\(values.count == 1 ? "" : "s"), the header has \(names.count); escape a `|` inside a value as `\\|`")
        }
        for (k, name) in names.enumerated() where name.isEmpty {
            throw ExportError(.badInput, file: file, line: header.number,
                              "header cell \(k + 1) is empty; every column needs a field name")
        }
        let fields = zip(names, values).map { Metadata.Field(name: $0, value: $1, line: valueRow.number) }
        return MetadataTable(fields: fields, bodyStart: v + 1, headerLine: header.number, valueLine: valueRow.number)
    }

    /// Cells of one row: outer pipes optional, `\|` is a literal pipe, cells trimmed.
    static func cells(of row: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        var sawPipe = false
        for ch in row {
            if escaped {
                if ch != "|" { current.append("\\") }
                current.append(ch)
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else if ch == "|" {
                cells.append(current)
                current = ""
                sawPipe = true
            } else {
                current.append(ch)
            }
        }
        if escaped { current.append("\\") }
        cells.append(current)
        var trimmed = cells.map(\.trimmingSpaces)
        // A leading or trailing pipe leaves an empty cell outside the table.
        if sawPipe, trimmed.first == "", row.trimmingSpaces.hasPrefix("|") { trimmed.removeFirst() }
        if sawPipe, trimmed.last == "", row.trimmingSpaces.hasSuffix("|"), !row.trimmingSpaces.hasSuffix("\\|") {
            trimmed.removeLast()
        }
        return trimmed
    }

    static func isDelimiterRow(_ row: String) -> Bool {
        guard row.contains("-") else { return false }
        let parts = cells(of: row)
        return !parts.isEmpty && parts.allSatisfy { cell in
            var c = Substring(cell)
            if c.hasPrefix(":") { c = c.dropFirst() }
            if c.hasSuffix(":") { c = c.dropLast() }
            return !c.isEmpty && c.allSatisfy { $0 == "-" }
        }
    }
}
