/// An input file's bytes turned into clean lines of text, or an error that says
/// which line to fix. Every reader starts here.
struct SourceText {
    struct Line {
        /// 1-based line number in the file.
        var number: Int
        var text: String
    }

    var lines: [Line]
    var warnings: [Diagnostic]

    /// Decodes strict UTF-8 (a BOM is dropped), splits on LF, CRLF or CR, turns tabs
    /// into spaces, and removes characters XML cannot carry (each one reported).
    /// `keepTabs`: for Markdown, where a tab is indentation up to the next tab stop.
    static func decode(_ bytes: [UInt8], file: String, keepTabs: Bool = false) throws(ExportError) -> SourceText {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw ExportError(.badInput, file: file, line: 1,
                              "the file is empty; an article needs at least a metadata table with a title")
        }
        if let encoding = wideEncoding(bytes[...]) {
            throw ExportError(.badInput, file: file, line: 1,
                              "the file is \(encoding), not UTF-8; save it as UTF-8 (in most editors: Save As… → Encoding → UTF-8)")
        }
        if let nul = body.firstIndex(of: 0) {
            throw ExportError(.badInput, file: file, line: lineNumber(of: nul, in: body),
                              "this is not a text file (it holds a NUL byte); artexport reads UTF-8 text articles")
        }
        if let bad = firstInvalidUTF8(body) {
            let line = lineNumber(of: bad, in: body)
            let lineStart = body[..<bad].lastIndex(of: 0x0A).map { $0 + 1 } ?? body.startIndex
            let column = String(decoding: body[lineStart..<bad], as: UTF8.self).count + 1
            let hex = "0x" + String(body[bad], radix: 16, uppercase: true)
            throw ExportError(.badInput, file: file, line: line,
                              "invalid UTF-8 (byte \(hex) at column \(column)); save the file as UTF-8")
        }

        var lines: [Line] = []
        var warnings: [Diagnostic] = []
        var number = 1
        var start = body.startIndex
        // Byte-level split; a line of plain text (the usual case) becomes a String
        // at once, and only lines with CR, tabs or control characters are cleaned.
        while start < body.endIndex {
            var end = start
            var plain = true
            while end < body.endIndex {
                let b = body[end]
                if b == 0x0A || b == 0x0D { break }
                // Controls, C1 controls (C2 80–9F), and the lead bytes of noncharacters
                // (EF for U+FDD0–FDEF and U+FFFE/FFFF, F0–F4 for the other planes).
                if b < 0x20 || b == 0x7F || b == 0xEF || b >= 0xF0
                    || (b == 0xC2 && end + 1 < body.endIndex && (0x80...0x9F).contains(body[end + 1])) {
                    plain = false
                }
                end += 1
            }
            let slice = body[start..<end]
            if plain {
                lines.append(Line(number: number, text: String(decoding: slice, as: UTF8.self)))
            } else {
                var text = String.UnicodeScalarView()
                var removed = 0, noncharacters = 0
                for scalar in String(decoding: slice, as: UTF8.self).unicodeScalars {
                    if scalar == "\t" {
                        text.append(keepTabs ? scalar : " ")
                    } else if scalar.isNoncharacter {
                        noncharacters += 1
                    } else if scalar.isUncarriable {
                        removed += 1
                    } else {
                        text.append(scalar)
                    }
                }
                if removed > 0 {
                    warnings.append(Diagnostic(
                        file: file, line: number, severity: .warning,
                        message: "removed \(removed) control character\(removed == 1 ? "" : "s") that EPUB and PDF cannot carry"))
                }
                if noncharacters > 0 {
                    warnings.append(Diagnostic(
                        file: file, line: number, severity: .warning,
                        message: "removed \(noncharacters) Unicode noncharacter\(noncharacters == 1 ? "" : "s") (U+FDD0–FDEF, U+FFFE, U+FFFF and the like), which PDF cannot carry"))
                }
                lines.append(Line(number: number, text: String(text)))
            }
            number += 1
            guard end < body.endIndex else { break }
            // CRLF, LF or a lone CR ends the line.
            start = body[end] == 0x0D && end + 1 < body.endIndex && body[end + 1] == 0x0A ? end + 2 : end + 1
        }
        return SourceText(lines: lines, warnings: warnings)
    }

    /// "UTF-16" or "UTF-32" when the bytes are text in one of them: a byte-order
    /// mark, or (without one) mostly ASCII with the zero bytes where those
    /// encodings put them. A binary file has NULs too, but not in that pattern.
    static func wideEncoding(_ bytes: ArraySlice<UInt8>) -> String? {
        let b = Array(bytes.prefix(4))
        if b.starts(with: [0xFF, 0xFE, 0, 0]) || b.starts(with: [0, 0, 0xFE, 0xFF]) { return "UTF-32" }
        if b.starts(with: [0xFF, 0xFE]) || b.starts(with: [0xFE, 0xFF]) { return "UTF-16" }
        let sample = Array(bytes.prefix(4096))
        guard sample.count >= 8, sample.contains(0) else { return nil }
        // Count zero bytes at each position modulo 4; text puts them in one or two lanes.
        var zeros = [0, 0, 0, 0]
        for (i, byte) in sample.enumerated() where byte == 0 { zeros[i % 4] += 1 }
        let quarter = Double(sample.count) / 4
        let full = zeros.map { Double($0) >= quarter * 0.9 }
        let empty = zeros.map { Double($0) <= quarter * 0.1 }
        if (full[1] && full[2] && full[3] && empty[0]) || (full[0] && full[1] && full[2] && empty[3]) { return "UTF-32" }
        if (full[1] && full[3] && empty[0] && empty[2]) || (full[0] && full[2] && empty[1] && empty[3]) { return "UTF-16" }
        return nil
    }

    private static func lineNumber(of index: Int, in bytes: ArraySlice<UInt8>) -> Int {
        var line = 1
        var i = bytes.startIndex
        while i < index {
            if bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 >= bytes.endIndex || bytes[i + 1] != 0x0A)) { line += 1 }
            i += 1
        }
        return line
    }

    /// Index of the first byte that does not start or continue a valid UTF-8
    /// sequence (overlong forms, surrogates and values past U+10FFFF included).
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            guard i + length <= end else { return i }
            let second = bytes[i + 1]
            guard second >= low && second <= high else { return i }
            for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }
}
