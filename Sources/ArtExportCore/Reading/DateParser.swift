/// Reads the publication dates newsletter systems write: ISO 8601 in its common
/// shapes, `2024-07-08 10:30`, `2024/07/08`, `08.07.2024`, `July 8, 2024`,
/// `8 July 2024`. A time without a zone is taken as UTC.
enum DateParser {
    static func parse(_ written: String) -> ArticleDate? {
        let s = written.trimmingSpaces
        if let iso = parseISO(s, written: written) { return iso }
        if let dotted = parseDotted(s, written: written) { return dotted }
        return parseNamedMonth(s, written: written)
    }

    private static func valid(_ d: ArticleDate) -> ArticleDate? {
        if let m = d.month, !(1...12).contains(m) { return nil }
        if let day = d.day, let m = d.month {
            let days = [31, isLeap(d.year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
            if !(1...days).contains(day) { return nil }
        }
        if let h = d.hour, !(0...23).contains(h) { return nil }
        if let m = d.minute, !(0...59).contains(m) { return nil }
        if let sec = d.second, !(0...60).contains(sec) { return nil }
        guard (1000...9999).contains(d.year) else { return nil }
        // Also in UTC: 9999-12-31T23:00-05:00 is already the year 10000, which no
        // EPUB or PDF date can hold.
        return ArtExport.timestampRange.contains(d.secondsSinceEpoch) ? d : nil
    }

    private static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (or `/`), then optionally ` ` or `T`,
    /// `hh:mm[:ss[.fff]]`, then optionally `Z`, `UTC` or `±hh[:]mm`.
    private static func parseISO(_ s: String, written: String) -> ArticleDate? {
        var scanner = Scanner(s)
        guard let year = scanner.number(digits: 4) else { return nil }
        var date = ArticleDate(written: written, year: year)
        if scanner.atEnd { return valid(date) }
        guard let sep = scanner.take(oneOf: "-/"), let month = scanner.number(maxDigits: 2) else { return nil }
        date.month = month
        if scanner.atEnd { return valid(date) }
        guard scanner.take(oneOf: String(sep)) != nil, let day = scanner.number(maxDigits: 2) else { return nil }
        date.day = day
        if scanner.atEnd { return valid(date) }
        guard scanner.take(oneOf: "T ") != nil else { return nil }
        scanner.skipSpaces()
        guard let hour = scanner.number(maxDigits: 2), scanner.take(oneOf: ":") != nil,
              let minute = scanner.number(digits: 2) else { return nil }
        date.hour = hour
        date.minute = minute
        date.second = 0
        if scanner.take(oneOf: ":") != nil {
            guard let second = scanner.number(digits: 2) else { return nil }
            date.second = second
            if scanner.take(oneOf: ".,") != nil { guard scanner.number(maxDigits: 9) != nil else { return nil } }
        }
        scanner.skipSpaces()
        if scanner.atEnd { return valid(date) }
        if scanner.take(word: "Z") || scanner.take(word: "UTC") || scanner.take(word: "GMT") {
            date.utcOffsetMinutes = 0
        } else if let sign = scanner.take(oneOf: "+-") {
            guard let h = scanner.number(digits: 2, followedByDigits: true) else { return nil }
            _ = scanner.take(oneOf: ":")
            let m = scanner.number(digits: 2) ?? 0
            date.utcOffsetMinutes = (sign == "-" ? -1 : 1) * (h * 60 + m)
        }
        return scanner.atEnd ? valid(date) : nil
    }

    /// `08.07.2024` (day first, as German and French write it).
    private static func parseDotted(_ s: String, written: String) -> ArticleDate? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
        guard parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]),
              parts[2].count == 4 else { return nil }
        return valid(ArticleDate(written: written, year: y, month: m, day: d))
    }

    private static let monthNames: [String: Int] = {
        var names: [String: Int] = [:]
        let lists = [
            ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"],
            ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"],
            ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
        ]
        for list in lists {
            for (i, name) in list.enumerated() {
                names[name] = i + 1
                names[String(name.prefix(3))] = names[String(name.prefix(3))] ?? i + 1
            }
        }
        names["sept"] = 9
        return names
    }()

    /// `July 8, 2024`, `8 July 2024`, `8. Juli 2024`, `1er juillet 2024`.
    private static func parseNamedMonth(_ s: String, written: String) -> ArticleDate? {
        let tokens = s.lowercased().split(whereSeparator: { $0 == " " || $0 == "," })
            .map { String($0).trimmingCharacters(".") }
            .filter { !$0.isEmpty }
        guard tokens.count == 3 else { return nil }
        func day(_ t: String) -> Int? { Int(t.hasSuffix("er") ? String(t.dropLast(2)) : t) }
        if let m = monthNames[tokens[0]], let d = day(tokens[1]), let y = Int(tokens[2]) {
            return valid(ArticleDate(written: written, year: y, month: m, day: d))
        }
        if let d = day(tokens[0]), let m = monthNames[tokens[1]], let y = Int(tokens[2]) {
            return valid(ArticleDate(written: written, year: y, month: m, day: d))
        }
        return nil
    }
}

private extension String {
    func trimmingCharacters(_ c: Character) -> String {
        var s = Substring(self)
        while s.first == c { s = s.dropFirst() }
        while s.last == c { s = s.dropLast() }
        return String(s)
    }
}

/// A tiny cursor over ASCII-ish text for the date shapes above.
private struct Scanner {
    let chars: [Character]
    var i = 0
    init(_ s: String) { chars = Array(s) }
    var atEnd: Bool { i == chars.count }

    mutating func number(digits: Int, followedByDigits: Bool = false) -> Int? {
        guard i + digits <= chars.count, chars[i..<i + digits].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if !followedByDigits, i + digits < chars.count, chars[i + digits].isASCII, chars[i + digits].isNumber { return nil }
        defer { i += digits }
        return Int(String(chars[i..<i + digits]))
    }

    mutating func number(maxDigits: Int) -> Int? {
        var j = i
        while j < chars.count, j - i < maxDigits, chars[j].isASCII, chars[j].isNumber { j += 1 }
        guard j > i else { return nil }
        defer { i = j }
        return Int(String(chars[i..<j]))
    }

    mutating func take(oneOf set: String) -> Character? {
        guard i < chars.count, set.contains(chars[i]) else { return nil }
        defer { i += 1 }
        return chars[i]
    }

    mutating func take(word: String) -> Bool {
        let w = Array(word)
        guard i + w.count <= chars.count, Array(chars[i..<i + w.count]) == w else { return false }
        i += w.count
        return true
    }

    mutating func skipSpaces() { while i < chars.count, chars[i] == " " { i += 1 } }
}
