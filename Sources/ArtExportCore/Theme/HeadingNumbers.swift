/// The section numbers a theme puts before its numbered heading levels (1, 1.1,
/// 1.1.1), the same in both editions. A level counts under the nearest shallower
/// heading; a skipped level counts as 1 (`## A` then `#### B` is 1 and 1.1.1).
package enum HeadingNumbers {
    /// Number by heading id, for the article's top-level headings whose level the theme numbers.
    package static func of(_ article: Article, theme: Theme) -> [String: String] {
        guard theme.headings.contains(where: \.numbered) else { return [:] }
        var counters = [Int](repeating: 0, count: 7)
        var result: [String: String] = [:]
        for block in article.blocks {
            guard case .heading(let h) = block else { continue }
            let level = min(max(h.level, 2), 6)
            counters[level] += 1
            for deeper in level..<6 { counters[deeper + 1] = 0 }
            guard theme.heading(level).numbered else { continue }
            // Only the numbered levels from 2 down make the number.
            let parts = (2...level).filter { theme.heading($0).numbered }.map { max(counters[$0], 1) }
            result[h.id] = parts.map(String.init).joined(separator: ".")
        }
        return result
    }
}
