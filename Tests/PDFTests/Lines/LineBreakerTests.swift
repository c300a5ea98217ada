import Testing
@testable import ArtExportCore
@testable import ArtExportPDF

@Suite("Knuth–Plass line breaking")
struct LineBreakerTests {
    let breaker = LineBreaker()

    // MARK: - A paragraph checked by hand

    /// "aaaa b c d e ffff gggg hhh", every character 1 pt, spaces 1 / +0.5 / −0.33, measure 11.
    ///
    /// Items: 0 aaaa, 1 ␣, 2 b, 3 ␣, 4 c, 5 ␣, 6 d, 7 ␣, 8 e, 9 ␣, 10 ffff, 11 ␣, 12 gggg,
    /// 13 ␣, 14 hhh, 15 penalty(+∞), 16 fill, 17 penalty(−∞).
    ///
    /// First line candidates (from aaaa):
    ///   "aaaa b c"     = 8,  2 spaces: r = 3/1.0  = 3      → badness 2700, over tolerance 200
    ///   "aaaa b c d"   = 10, 3 spaces: r = 1/1.5  = 0.667  → badness 29.6, loose
    ///   "aaaa b c d e" = 12, 4 spaces: r = −1/1.32 = −0.758 → badness 43.5, tight
    ///   "… e ffff"     = 17: overfull.
    /// After "e" (break at 9): "ffff" alone has no stretch (badness 10000); "ffff gggg" = 9,
    /// r = 2/0.5 = 4 → 6400; "ffff gggg hhh" = 13 > 11 + 0.66 overfull even as the last line.
    /// So breaking at 9 is a dead end for total fit — but it is exactly what first fit does.
    /// After "d" (break at 7): "e ffff gggg" = 11, r = 0 → badness 0, decent; then "hhh"
    /// on the last line. Total fit: breaks 7, 13, 17 with demerits
    ///   (10 + 29.63)² + (10 + 0)² + (10 + 0)² = 1570.51 + 100 + 100 = 1770.51
    /// (fitness loose → decent → decent: no adjacency demerits).
    /// First fit: breaks 9, 13, 17 with a very loose second line:
    ///   (10 + 43.48)² + (10 + 6400)² + (10 + 0)² + 3000 (tight → very loose)
    ///   + 3000 (very loose → decent) = 2860.2 + 41 088 100 + 100 + 6000 = 41 097 060.2.
    @Test("hand-checked paragraph: exact total-fit breaks, better than first fit")
    func handCheckedParagraph() {
        let items = ParagraphBuilder().items("aaaa b c d e ffff gggg hhh")
        #expect(items.count == 18)
        let width: (Int) -> Double = { _ in 11 }

        let breaks = breaker.breakLines(items, lineWidth: width)
        #expect(breaks.map(\.position) == [7, 13, 17])
        #expect(abs(breaks[0].ratio - 2.0 / 3.0) < 1e-9)
        #expect(abs(breaks[1].ratio) < 1e-9)
        #expect(breaks[2].ratio == 0)
        let lines = breaker.layout(items, breaks: breaks, lineWidth: width)
        #expect(lineTexts(items, lines) == ["#### # # #", "# #### ####", "###"])

        let greedy = firstFitBreaks(items, lineWidth: width)
        #expect(greedy.map(\.position) == [9, 13, 17])
        #expect(abs(greedy[0].ratio - (-1 / 1.32)) < 1e-9)
        #expect(greedy[1].ratio == 4)  // very loose

        let optimal = breaker.totalDemerits(items, breaks: breaks, lineWidth: width)
        let firstFit = breaker.totalDemerits(items, breaks: greedy, lineWidth: width)
        let badness1 = 100 * (2.0 / 3.0) * (2.0 / 3.0) * (2.0 / 3.0)
        #expect(abs(optimal - ((10 + badness1) * (10 + badness1) + 100 + 100)) < 1e-6)
        #expect(abs(optimal - 1770.5075) < 1e-3)
        let tight = 100 * (1 / 1.32) * (1 / 1.32) * (1 / 1.32)
        #expect(abs(firstFit - ((10 + tight) * (10 + tight) + 6410 * 6410 + 100 + 6000)) < 1e-6)
        #expect(optimal < firstFit)
        #expect(ReferenceOptimiser().optimum(items, lineWidth: width)?.positions == [7, 13, 17])
    }

    // MARK: - Badness and demerits

    @Test("badness is 100·|r|³, capped at 10 000", arguments: [
        (0.0, 0.0), (0.5, 12.5), (-0.5, 12.5), (1.0, 100.0), (-1.0, 100.0), (2.0, 800.0),
        (3.0, 2700.0), (4.0, 6400.0), (4.5, 9112.5), (5.0, 10_000.0), (1e6, 10_000.0),
        (Double.greatestFiniteMagnitude, 10_000.0),
    ])
    func badnessValues(ratio: Double, expected: Double) {
        #expect(abs(LineBreaker.badness(ratio: ratio) - expected) < 1e-9)
    }

    @Test("tolerance 200 ⇔ r ≤ 1.26")
    func toleranceBoundary() {
        #expect(LineBreaker.badness(ratio: 1.25) < 200)
        #expect(LineBreaker.badness(ratio: 1.26) > 200)
    }

    @Test("line demerits: (l + b)² ± penalty²", arguments: [
        // badness, cost, expected
        (0.0, 0.0, 100.0),               // (10 + 0)²
        (100.0, 0.0, 12_100.0),          // (10 + 100)²
        (12.5, 50.0, 3006.25),           // 22.5² + 50²
        (0.0, -50.0, -2400.0),           // 10² − 50² (a desirable break)
        (0.0, -10_000.0, 100.0),         // forced: the penalty does not count
        (10_000.0, 0.0, 100_200_100.0),  // (10 + 10000)²
    ])
    func lineDemerits(badness: Double, cost: Double, expected: Double) {
        #expect(LineBreaker.lineDemerits(badness: badness, cost: cost, linePenalty: 10) == expected)
    }

    @Test("fitness classes follow Knuth & Plass: very loose r > 1, loose r > ½, tight r < −½")
    func fitnessClasses() {
        #expect(LineBreaker.Fitness(ratio: 1.2) == .veryLoose)
        #expect(LineBreaker.Fitness(ratio: 0.8) == .loose)
        #expect(LineBreaker.Fitness(ratio: 0.5) == .decent)
        #expect(LineBreaker.Fitness(ratio: 0) == .decent)
        #expect(LineBreaker.Fitness(ratio: -0.5) == .decent)
        #expect(LineBreaker.Fitness(ratio: -0.9) == .tight)
        #expect(!LineBreaker.Fitness.tight.isAdjacent(to: .loose))
        #expect(!LineBreaker.Fitness.decent.isAdjacent(to: .veryLoose))
        #expect(LineBreaker.Fitness.tight.isAdjacent(to: .decent))
    }

    /// Two lines ending at hyphens, then the last line: the scoring adds the hyphen cost²,
    /// `doubleHyphenDemerits` on the second, `finalHyphenDemerits` on the last, and
    /// `adjacentFitnessDemerits` where a tight line meets a loose one.
    @Test("flagged and fitness extras are added to the demerits")
    func extraDemerits() {
        // "aaaa-bbb-cc", measure 5, hyphen 1 pt, cost 50:
        // line 1 "aaaa-" = 5, r = 0; line 2 "bbb-" = 4, no glue → badness 10000 (unadjustable);
        // line 3 "cc", fill.
        let items = ParagraphBuilder().items("aaaa-bbb-cc")
        #expect(items.count == 8)
        let breaks = [
            LineBreak(position: 1, ratio: 0, flagged: true),
            LineBreak(position: 3, ratio: 0, flagged: true),
            LineBreak(position: 7, ratio: 0, flagged: false),
        ]
        let demerits = breaker.totalDemerits(items, breaks: breaks, lineWidth: { _ in 5 })
        let line1 = 100.0 + 2500
        let double = LineBreakParameters.default.doubleHyphenDemerits
        #expect(double == 10_000)
        let line2 = 10_010.0 * 10_010 + 2500 + double + 3000 /* decent → very loose */
        let line3 = 100.0 + 5000 /* final hyphen */ + 3000 /* very loose → decent */
        #expect(demerits == line1 + line2 + line3)
    }

    /// Measure 10, spaces 1 / +1 / −0.33. Boxes: a 0.5 ×4, 3 | b 0.378 | c 4, 4.15 | d 4, 3.85 | e 5.
    /// Items: 0 a, 1 ␣, 2 a, 3 ␣, 4 a, 5 ␣, 6 a, 7 ␣, 8 a(3), 9 ␣, 10 b, 11 ␣, 12 c(4), 13 ␣,
    /// 14 c(4.15), 15 ␣, 16 d(4), 17 ␣, 18 d(3.85), 19 ␣, 20 e, 21–23 end.
    /// Two ways reach the break at 15:
    ///   T: "a a a a a" = 9 (r = 0.25, 133.7) + "b c c" = 10.528 (r = −0.8 tight, 3745.4) = 3879
    ///   L: "a a a a a b" = 10.378 (r = −0.23, 125.5) + "c c" = 9.15 (r = 0.85 loose, 5099.7) = 5225
    /// The next line "d d" = 8.85 can only be very loose (r = 1.15, 26 272.4): after the tight
    /// line that costs 3000 adjacency demerits more, after the loose line nothing, so L wins
    /// overall (34 597.6 against 36 251.5). Keeping only the cheapest node per break would
    /// have lost L: nodes with different fitness classes are different states.
    @Test("ways of reaching a break with different fitness classes are kept apart")
    func fitnessIsState() {
        let space = LineItem.glue(width: 1, stretch: 1, shrink: 0.33)
        let widths = [0.5, 0.5, 0.5, 0.5, 3, 0.378, 4, 4.15, 4, 3.85, 5]
        var items: [LineItem] = []
        for (index, width) in widths.enumerated() {
            if index > 0 { items.append(space) }
            items.append(.box(width: width, tag: index))
        }
        items += LineItem.paragraphEnd()
        #expect(items.count == 24)
        let width: (Int) -> Double = { _ in 10 }
        let breaks = breaker.breakLines(items, lineWidth: width)
        #expect(breaks.map(\.position) == [11, 15, 19, 23])
        let demerits = breaker.totalDemerits(items, breaks: breaks, lineWidth: width)
        #expect(abs(demerits - 34_597.6) < 0.5)
        let tightPath = [9, 15, 19, 23].map { LineBreak(position: $0, ratio: 0, flagged: false) }
        #expect(abs(breaker.totalDemerits(items, breaks: tightPath, lineWidth: width) - 36_251.5) < 0.5)
        #expect(ReferenceOptimiser().optimum(items, lineWidth: width)?.positions == [11, 15, 19, 23])
    }

    // MARK: - Hyphens

    /// Measure 21, spaces 1 / +1 / −0.33, hyphens 1 pt at cost 0. "xxxxxxx aa-bb aa-bb aa-"
    /// is exactly 21, and so is every following "bb aa-bb aa-bb aa-bb aa-": with hyphens free,
    /// each line can end at a hyphen with r = 0. Unhyphenated, a line starting with "bb" is
    /// "bb" + 3 words = 17 (r = 1.33, over tolerance) or + 4 words = 22 (r = −0.76, tight);
    /// one starting with a word is 4 words = 19 (r = 0.67). So the limit has feasible
    /// alternatives, but unconstrained the optimum chains hyphens.
    static let hyphenHeavyText = "xxxxxxx " + Array(repeating: "aa-bb", count: 16).joined(separator: " ")

    @Test("at most maxConsecutiveHyphens flagged lines in a row")
    func hyphenLimit() {
        let builder = ParagraphBuilder(space: (1, 1, 0.33), hyphenCost: 0)
        let items = builder.items(Self.hyphenHeavyText)
        let width: (Int) -> Double = { _ in 21 }
        var unlimited = LineBreakParameters.default
        unlimited.maxConsecutiveHyphens = .max
        unlimited.doubleHyphenDemerits = 0
        let free = LineBreaker(parameters: unlimited).breakLines(items, lineWidth: width)
        #expect(longestHyphenRun(free) >= 3, "the unconstrained optimum must hyphenate 3+ lines in a row")
        let freeReference = ReferenceOptimiser(parameters: unlimited).optimum(items, lineWidth: width)
        #expect(freeReference?.positions == free.map(\.position))

        var limited = unlimited
        limited.maxConsecutiveHyphens = 2
        let limitedBreaker = LineBreaker(parameters: limited)
        let breaks = limitedBreaker.breakLines(items, lineWidth: width)
        #expect(longestHyphenRun(breaks) == 2)
        #expect(breaks.allSatisfy { $0.ratio >= -1 && LineBreaker.badness(ratio: $0.ratio) <= 200 })
        // And it is the best solution that respects the limit.
        let reference = ReferenceOptimiser(parameters: limited).optimum(items, lineWidth: width)
        #expect(reference?.positions == breaks.map(\.position))

        for limit in 0...3 {
            limited.maxConsecutiveHyphens = limit
            let result = LineBreaker(parameters: limited).breakLines(items, lineWidth: width)
            #expect(longestHyphenRun(result) <= limit, "limit \(limit)")
            #expect(result.allSatisfy { $0.ratio >= -1 })
        }
    }

    /// Measure 21, spaces 1 / +1 / −0.33, hyphen 1 pt at cost 50.
    /// Items: 0 x×21, 1 ␣, 2 aa, 3 ␣, 4 bb, 5 ␣, 6 cc, 7 ␣, 8 dd, 9 ␣, 10 ee, 11 ␣, 12 ff,
    /// 13 ␣, 14 gg, 15 hyphen, 16 hhhh, 17–19 end.
    /// Line 1 is the 21-character word (r = 0; adding " aa" overflows). Line 2 either
    ///   A. "aa bb cc dd ee ff gg-" = 21, r = 0:  (10 + 0)² + 50² = 2600, flagged, or
    ///   B. "aa bb cc dd ee ff"     = 17, 5 spaces, r = 0.8, badness 51.2: (61.2)² = 3745.44
    ///   ("… gghhhh" = 24 overflows even shrunk by 1.98), and the last line holds the rest.
    /// Without final-hyphen demerits A wins (2600 < 3745); with 5000 it costs 7600 and B wins.
    @Test("finalHyphenDemerits keeps the second-to-last line from ending in a hyphen")
    func finalHyphen() {
        let builder = ParagraphBuilder(space: (1, 1, 0.33), hyphenCost: 50)
        let items = builder.items(String(repeating: "x", count: 21) + " aa bb cc dd ee ff gg-hhhh")
        #expect(items.count == 20)
        let width: (Int) -> Double = { _ in 21 }
        var noFinal = LineBreakParameters.default
        noFinal.finalHyphenDemerits = 0
        let without = LineBreaker(parameters: noFinal).breakLines(items, lineWidth: width)
        #expect(without.map(\.position) == [1, 15, 19])
        #expect(without.map(\.flagged) == [false, true, false])

        let with = breaker.breakLines(items, lineWidth: width)
        #expect(with.map(\.position) == [1, 13, 19])
        #expect(with.map(\.flagged) == [false, false, false])
        #expect(abs(with[1].ratio - 0.8) < 1e-9)
        let lines = breaker.layout(items, breaks: with, lineWidth: width)
        #expect(lineTexts(items, lines) == [String(repeating: "#", count: 21), "## ## ## ## ## ##", "######"])
        let demerits = breaker.totalDemerits(items, breaks: with, lineWidth: width)
        #expect(abs(demerits - (100 + 61.2 * 61.2 + 100)) < 1e-6)
    }

    // MARK: - Overlong material

    @Test("a box wider than the measure alone gives one overfull line")
    func overlongBox() {
        let items: [LineItem] = [.box(width: 500, tag: 7)] + LineItem.paragraphEnd()
        let breaks = breaker.breakLines(items, lineWidth: { _ in 100 })
        #expect(breaks.count == 1)
        #expect(breaks.first?.position == items.count - 1)
        #expect((breaks.first?.ratio ?? 0) < -1)
        let lines = breaker.layout(items, breaks: breaks, lineWidth: { _ in 100 })
        #expect(lines.count == 1)
        #expect(lines.first?.range == 0..<3)
        #expect(lines.first?.naturalWidth == 500)
        #expect((lines.first?.ratio ?? 0) < -1)
    }

    @Test("an overlong word among others is the only overfull line")
    func overlongWordInParagraph() {
        let text = "aaa bb ccc dd " + String(repeating: "w", count: 30) + " eee ff ggg hh iii"
        let items = ParagraphBuilder().items(text)
        let width: (Int) -> Double = { _ in 12 }
        let breaks = breaker.breakLines(items, lineWidth: width)
        let lines = breaker.layout(items, breaks: breaks, lineWidth: width)
        let overfull = lines.filter { $0.ratio < -1 }
        #expect(overfull.count == 1)
        #expect(overfull.first?.naturalWidth == 30)
        #expect(lines.flatMap { Array($0.range) }.filter { if case .box = items[$0] { true } else { false } }.count == 10)
    }

    @Test("a long token with zero-width break opportunities never overflows")
    func longTokenWithBreakOpportunities() {
        // A 60-character URL-like token with an unflagged zero-width break every 5 characters.
        let token = (0..<12).map { _ in "xxxxx" }.joined(separator: "|")
        let items = ParagraphBuilder().items("see " + token + " for details")
        let width: (Int) -> Double = { _ in 16 }
        let breaks = breaker.breakLines(items, lineWidth: width)
        let lines = breaker.layout(items, breaks: breaks, lineWidth: width)
        #expect(lines.allSatisfy { $0.ratio >= -1 })
        #expect(lines.allSatisfy { $0.naturalWidth <= 16 + 0.33 * 3 })
        #expect(lines.allSatisfy { !$0.endsWithHyphen })
        #expect(breaks.allSatisfy { !$0.flagged })
    }

    // MARK: - Line widths and forced breaks

    /// "aaa bbb ccc ddd eee fff", measure 11 with the first line indented by 4 (width 7).
    /// Items: 0 aaa, 1 ␣, 2 bbb, 3 ␣, 4 ccc, 5 ␣, 6 ddd, 7 ␣, 8 eee, 9 ␣, 10 fff, 11–13 end.
    /// Unindented, "aaa bbb ccc" = 11 fits exactly on line 1 and "ddd eee fff" is the last
    /// line; indented, line 1 can hold only "aaa bbb" = 7 (r = 0; with "ccc" it would be 11 > 7
    /// + 0.66), then "ccc ddd eee" = 11 (r = 0), then "fff".
    @Test("the first line can be narrower (indent)")
    func firstLineIndent() {
        let items = ParagraphBuilder().items("aaa bbb ccc ddd eee fff")
        let flat = breaker.breakLines(items, lineWidth: { _ in 11 })
        #expect(flat.map(\.position) == [5, 13])
        let indented: (Int) -> Double = { $0 == 0 ? 7 : 11 }
        let breaks = breaker.breakLines(items, lineWidth: indented)
        #expect(breaks.map(\.position) == [3, 9, 13])
        #expect(breaks.dropLast().allSatisfy { abs($0.ratio) < 1e-9 })
        let lines = breaker.layout(items, breaks: breaks, lineWidth: indented)
        #expect(lines.map(\.naturalWidth) == [7, 11, 3])
    }

    /// Widths 11, 2, then 10; spaces 1 / +2 / −0.33. Items: 0 aa, 1 ␣, 2 bb, 3 ␣, 4 cc,
    /// 5 ␣, 6 dd, 7 ␣, 8 x×10, 9–11 end.
    /// The break after "dd" (7) can be reached in one line ("aa bb cc dd" = 11, r = 0,
    /// 100 demerits) or in two ("aa bb cc" r = 0.75 then "dd" exactly 2 wide, 2825 demerits).
    /// The cheaper one-line path leaves the 10-wide word for the 2-wide line 1 (overfull), so
    /// only the two-line path continues: the two must not be merged just for sharing a
    /// position and fitness class.
    @Test("ways of reaching a break with different line counts are kept apart")
    func lineNumbersAreState() {
        let items = ParagraphBuilder(space: (1, 2, 0.33)).items("aa bb cc dd " + String(repeating: "x", count: 10))
        #expect(items.count == 12)
        let widths: (Int) -> Double = { $0 == 0 ? 11 : $0 == 1 ? 2 : 10 }
        let breaks = breaker.breakLines(items, lineWidth: widths)
        #expect(breaks.map(\.position) == [5, 7, 11])
        #expect(breaks.allSatisfy { $0.ratio >= -1 && LineBreaker.badness(ratio: $0.ratio) <= 200 })
    }

    @Test("shaped paragraph: every line measured against its own width")
    func shapedParagraph() {
        var random = SplitMix64(state: 11)
        let text = randomParagraph(&random, words: 40, forcedBreaks: false)
        let items = ParagraphBuilder().items(text)
        let shape: (Int) -> Double = { [24, 27, 30, 33, 36][min($0, 4)] }
        let breaks = breaker.breakLines(items, lineWidth: shape)
        let lines = breaker.layout(items, breaks: breaks, lineWidth: shape)
        for (index, line) in lines.enumerated().dropLast() {
            let expected = ReferenceLine(items, after: index == 0 ? -1 : breaks[index - 1].position,
                                         upTo: breaks[index].position).ratio(width: shape(index))
            #expect(expected != nil)
            #expect(abs(line.ratio - (expected ?? .nan)) < 1e-9)
            #expect(abs(line.ratio - breaks[index].ratio) < 1e-9)
        }
        let reference = ReferenceOptimiser().optimum(items, lineWidth: shape)
        #expect(reference?.positions == breaks.map(\.position))
    }

    /// "aaaa-b ccc" with a 3 pt hyphen at measure 5: "aaaa-" = 7 is overfull, yet "aaaab" = 5
    /// fits exactly. TeX would retire the start node at the hyphen; here it stays active.
    @Test("a hyphen's width alone does not retire a line start")
    func hyphenWidthDoesNotDeactivate() {
        let items = ParagraphBuilder(hyphenWidth: 3).items("aaaa-b ccc")
        #expect(items.count == 8)
        let breaks = breaker.breakLines(items, lineWidth: { _ in 5 })
        #expect(breaks.map(\.position) == [3, 7])
        #expect(breaks.allSatisfy { $0.ratio == 0 })
    }

    @Test("a forced break inside the paragraph is always taken")
    func forcedBreakInside() {
        let items = ParagraphBuilder().items("aaa bb c\ndd eee ff gggg hh i")
        // The forced break's penalty(−∞) sits after "c": items 0 aaa … 4 c, 5 penalty(+∞),
        // 6 fill, 7 penalty(−∞).
        #expect(items[7] == .penalty(width: 0, cost: -10_000, flagged: false))
        let width: (Int) -> Double = { _ in 11 }
        let breaks = breaker.breakLines(items, lineWidth: width)
        #expect(breaks.first?.position == 7)
        #expect(breaks.first?.ratio == 0)  // the fill absorbs the space
        let lines = breaker.layout(items, breaks: breaks, lineWidth: width)
        #expect(lineTexts(items, lines).first == "### ## #")
        #expect(lines.dropFirst().first?.range.lowerBound == 8)
        #expect(breaks.last?.position == items.count - 1)
    }

    @Test("a forced break without fill glue sets a justified, possibly underfull line")
    func bareForcedBreak() {
        var items = ParagraphBuilder().items("aaa bb ccc")
        items.insert(.penalty(width: 0, cost: -10_000, flagged: false), at: 3)  // after "bb"
        let breaks = breaker.breakLines(items, lineWidth: { _ in 20 })
        #expect(breaks.map(\.position) == [3, items.count - 1])
        // "aaa bb" = 6 against 20 with one space of stretch 0.5: r = 28, badness capped.
        #expect(breaks[0].ratio == 28)
    }

    // MARK: - Feasibility and optimality on many paragraphs

    @Test("random paragraphs: optimal, and every line has r ≥ −1 when a feasible solution exists")
    func randomParagraphsMatchReference() {
        var random = SplitMix64(state: 2024)
        var checked = 0
        for trial in 0..<300 {
            let text = randomParagraph(&random, words: random.next(in: 4...24), forcedBreaks: trial % 3 == 0)
            let items = ParagraphBuilder().items(text)
            let measure = Double(random.next(in: 14...36))
            let width: (Int) -> Double = trial % 2 == 0 ? { _ in measure } : { $0 == 0 ? measure - 3 : measure }
            let breaks = breaker.breakLines(items, lineWidth: width)
            #expect(breaks.last?.position == items.count - 1)
            #expect(zip(breaks, breaks.dropFirst()).allSatisfy { $0.position < $1.position })
            guard let reference = ReferenceOptimiser().optimum(items, lineWidth: width) else {
                // No solution within tolerance 200; the fallback passes must still deliver.
                #expect(!breaks.isEmpty)
                continue
            }
            checked += 1
            #expect(breaks.allSatisfy { $0.ratio >= -1 }, "\(text) @ \(measure)")
            #expect(breaks.allSatisfy { LineBreaker.badness(ratio: $0.ratio) <= 200 + 1e-9 })
            let demerits = breaker.totalDemerits(items, breaks: breaks, lineWidth: width)
            #expect(abs(demerits - reference.demerits) <= 1e-6 * max(1, abs(reference.demerits)),
                    "\(text) @ \(measure): \(breaks.map(\.position)) vs \(reference.positions)")
        }
        #expect(checked > 150)
    }

    @Test("random paragraphs and parameters: same optimum as exhaustive search")
    func randomParametersMatchReference() {
        var random = SplitMix64(state: 77)
        var checked = 0
        for trial in 0..<400 {
            var parameters = LineBreakParameters.default
            parameters.adjacentFitnessDemerits = [0, 3000, 100_000][random.next(in: 0...2)]
            parameters.doubleHyphenDemerits = [0, 3000, 10_000][random.next(in: 0...2)]
            parameters.finalHyphenDemerits = [0, 5000, 50_000][random.next(in: 0...2)]
            parameters.linePenalty = [1, 10, 100][random.next(in: 0...2)]
            parameters.maxConsecutiveHyphens = [1, 2, 3, .max][random.next(in: 0...3)]
            parameters.tolerance = [100, 200, 500][random.next(in: 0...2)]
            let builder = ParagraphBuilder(
                space: (1, [0.5, 1][random.next(in: 0...1)], 0.33),
                hyphenCost: [-50, 0, 50, 500][random.next(in: 0...3)])
            let text = randomParagraph(&random, words: random.next(in: 4...24), forcedBreaks: trial % 4 == 0)
            let items = builder.items(text)
            let measure = Double(random.next(in: 12...30))
            let shape: (Int) -> Double = switch trial % 4 {
            case 0: { _ in measure }
            case 1: { $0 == 0 ? measure - 4 : measure }
            case 2: { measure - Double($0 % 3) * 2 }
            default: { $0 % 2 == 0 ? measure : measure + 9 }
            }
            let breaker = LineBreaker(parameters: parameters)
            let breaks = breaker.breakLines(items, lineWidth: shape)
            guard let reference = ReferenceOptimiser(parameters: parameters, tolerance: parameters.tolerance)
                .optimum(items, lineWidth: shape)
            else { continue }
            checked += 1
            #expect(longestHyphenRun(breaks) <= parameters.maxConsecutiveHyphens)
            let demerits = breaker.totalDemerits(items, breaks: breaks, lineWidth: shape)
            #expect(abs(demerits - reference.demerits) <= 1e-6 * max(1, abs(reference.demerits)),
                    "trial \(trial): \(breaks.map(\.position)) vs \(reference.positions)")
        }
        #expect(checked > 200)
    }

    @Test("when tolerance 200 is impossible, the second pass stays within 1000 if it can")
    func secondPass() {
        var random = SplitMix64(state: 99)
        var exercised = 0
        for _ in 0..<300 {
            let text = randomParagraph(&random, words: random.next(in: 6...20), forcedBreaks: false)
            let items = ParagraphBuilder().items(text)
            let measure = Double(random.next(in: 8...14))
            let width: (Int) -> Double = { _ in measure }
            guard ReferenceOptimiser().optimum(items, lineWidth: width) == nil,
                  let relaxed = ReferenceOptimiser(tolerance: 1000).optimum(items, lineWidth: width)
            else { continue }
            exercised += 1
            let breaks = breaker.breakLines(items, lineWidth: width)
            #expect(breaks.allSatisfy { $0.ratio >= -1 && LineBreaker.badness(ratio: $0.ratio) <= 1000 + 1e-9 })
            let demerits = breaker.totalDemerits(items, breaks: breaks, lineWidth: width)
            #expect(abs(demerits - relaxed.demerits) <= 1e-6 * max(1, abs(relaxed.demerits)))
        }
        #expect(exercised > 5)
    }

    @Test("emergency pass: impossible paragraphs still break, overfull only where unavoidable")
    func emergencyPass() {
        // Words longer than the measure and no stretch anywhere.
        let builder = ParagraphBuilder(space: (1, 0, 0))
        let items = builder.items("aaaaaaaa bb cc dddddddddd e")
        let width: (Int) -> Double = { _ in 6 }
        let breaks = breaker.breakLines(items, lineWidth: width)
        let lines = breaker.layout(items, breaks: breaks, lineWidth: width)
        #expect(lineTexts(items, lines) == ["########", "## ##", "##########", "#"])
        #expect(lines.map { $0.ratio < -1 } == [true, false, true, false])
    }

    // MARK: - Edge cases

    @Test("edge cases do not crash")
    func edgeCases() {
        #expect(breaker.breakLines([], lineWidth: { _ in 100 }).isEmpty)
        #expect(breaker.layout([], breaks: [], lineWidth: { _ in 100 }).isEmpty)

        let onlyGlue: [LineItem] = [.glue(width: 3, stretch: 1, shrink: 1), .glue(width: 3, stretch: 1, shrink: 1)]
        let glueBreaks = breaker.breakLines(onlyGlue, lineWidth: { _ in 100 })
        #expect(glueBreaks.map(\.position) == [2])  // no forced end given: implicit break at count
        #expect(breaker.layout(onlyGlue, breaks: glueBreaks, lineWidth: { _ in 100 }).first?.range == 0..<2)

        let endOnly = LineItem.paragraphEnd()
        #expect(breaker.breakLines(endOnly, lineWidth: { _ in 100 }).map(\.position) == [2])

        let noEnd: [LineItem] = [.box(width: 5, tag: 0), .glue(width: 1, stretch: 1, shrink: 0), .box(width: 5, tag: 1)]
        let noEndBreaks = breaker.breakLines(noEnd, lineWidth: { _ in 8 })
        #expect(noEndBreaks.map(\.position) == [1, 3])

        let doubleForced: [LineItem] = [
            .box(width: 5, tag: 0),
            .penalty(width: 0, cost: -10_000, flagged: false),
            .glue(width: 1, stretch: 1, shrink: 0),
            .penalty(width: 0, cost: -10_000, flagged: false),
            .box(width: 5, tag: 1),
        ] + LineItem.paragraphEnd()
        let doubleBreaks = breaker.breakLines(doubleForced, lineWidth: { _ in 10 })
        #expect(doubleBreaks.map(\.position) == [1, 3, 7])
        let doubleLines = breaker.layout(doubleForced, breaks: doubleBreaks, lineWidth: { _ in 10 })
        #expect(doubleLines.map(\.range) == [0..<1, 3..<3, 4..<7])

        let weird: [LineItem] = [
            .box(width: .nan, tag: 0), .glue(width: .infinity, stretch: .nan, shrink: -.infinity),
            .box(width: 4, tag: 1), .penalty(width: .nan, cost: .nan, flagged: true),
            .box(width: -3, tag: 2),
        ] + LineItem.paragraphEnd()
        #expect(breaker.breakLines(weird, lineWidth: { _ in .nan }).count >= 1)
        #expect(breaker.breakLines(weird, lineWidth: { _ in -5 }).count >= 1)
        #expect(breaker.breakLines(ParagraphBuilder().items("a b c d e f"), lineWidth: { _ in 0 }).count >= 1)
    }

    @Test("layout drops discardable items after a break and counts the hyphen")
    func layoutDetails() {
        // "aaaa-bbb  ccc" with a penalty and two glues after the break.
        let items: [LineItem] = [
            .box(width: 4, tag: 0), .penalty(width: 1, cost: 50, flagged: true), .box(width: 3, tag: 0),
            .glue(width: 1, stretch: 1, shrink: 0), .penalty(width: 0, cost: 0, flagged: false),
            .glue(width: 1, stretch: 1, shrink: 0), .box(width: 3, tag: 1),
        ] + LineItem.paragraphEnd()
        let breaks = [
            LineBreak(position: 1, ratio: 0, flagged: true),
            LineBreak(position: 3, ratio: 0, flagged: false),
            LineBreak(position: 9, ratio: 0, flagged: false),
        ]
        let lines = breaker.layout(items, breaks: breaks, lineWidth: { _ in 5 })
        #expect(lines.map(\.range) == [0..<1, 2..<3, 6..<9])
        #expect(lines.map(\.endsWithHyphen) == [true, false, false])
        #expect(lines.map(\.naturalWidth) == [5, 3, 3])
        #expect(lines[0].ratio == 0)
        #expect(lines[1].ratio == LineBreaker.unadjustable)  // short, no glue to stretch
        #expect(lines[2].ratio == 0)  // fill glue takes the rest
    }

    @Test("looseness ±1 picks the best solution one line longer or shorter when one exists")
    func looseness() {
        var random = SplitMix64(state: 5)
        var longer = 0
        var shorter = 0
        for _ in 0..<300 {
            let items = ParagraphBuilder(space: (1, 1, 0.33)).items(
                randomParagraph(&random, words: random.next(in: 8...30), forcedBreaks: false))
            let measure = Double(random.next(in: 14...30))
            let width: (Int) -> Double = { _ in measure }
            let optima = ReferenceOptimiser().optima(items, lineWidth: width)
            guard let best = optima.min(by: { $0.value.demerits < $1.value.demerits }) else { continue }
            for looseness in [-1, 1] {
                var parameters = LineBreakParameters.default
                parameters.looseness = looseness
                let loose = LineBreaker(parameters: parameters)
                let breaks = loose.breakLines(items, lineWidth: width)
                if let target = optima[best.key + looseness] {
                    looseness > 0 ? (longer += 1) : (shorter += 1)
                    #expect(breaks.count == best.key + looseness)
                    let demerits = loose.totalDemerits(items, breaks: breaks, lineWidth: width)
                    #expect(abs(demerits - target.demerits) <= 1e-6 * max(1, abs(target.demerits)))
                } else {
                    #expect(breaks.count == best.key)
                }
                #expect(breaks.allSatisfy { LineBreaker.badness(ratio: $0.ratio) <= 200 + 1e-9 })
            }
        }
        #expect(longer > 5)
        #expect(shorter >= 5)
    }
}
