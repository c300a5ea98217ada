/// Marks page furniture as artifacts. PDF/UA-1 (§7.1) wants every piece of page
/// content either inside a tagged element's marked content or inside an
/// `/Artifact` sequence; cairo 1.16 writes marked content only for structure
/// elements, so the running head, the folio and the rules the painter draws
/// outside any element stand in the content stream unmarked. This reads a page's
/// content stream and wraps each such stretch in `/Artifact BMC … EMC`, where
/// PDF allows marked content to begin and end: never inside a path, and never
/// across the boundary of a text object or of a `q … Q` it began in.
enum ContentArtifacts {
    enum Outcome: Equatable {
        /// Everything drawn is already inside marked content.
        case unchanged
        case wrapped([UInt8])
    }

    /// nil when the stream is not content as cairo writes it (unbalanced marked
    /// content, a string or inline image without its end).
    static func wrap(_ content: [UInt8]) -> Outcome? {
        var scanner = Scanner(content)
        var inserts: [(offset: Int, text: String)] = []
        // Marked-content nesting as the stream has it, without the artifacts added.
        var depth = 0
        var qDepth = 0
        var inText = false
        var inPath = false
        var artifact: (inText: Bool, qDepth: Int)?

        func open(at offset: Int) {
            inserts.append((offset, "/Artifact BMC\n"))
            artifact = (inText, qDepth)
        }
        func close(at offset: Int) {
            inserts.append((offset, "EMC\n"))
            artifact = nil
        }

        while let operation = scanner.nextOperation() {
            let at = operation.start
            switch operation.operator {
            case Op("BDC"), Op("BMC"):
                if depth == 0 {
                    // An element's content (it has an MCID) ends the furniture before
                    // it; a span without one (cairo's /ActualText) is part of what it is in.
                    if operation.hasMCID {
                        if artifact != nil { close(at: at) }
                    } else if artifact == nil {
                        open(at: at)
                    }
                } else if operation.hasMCID, artifact != nil {
                    return nil
                }
                depth += 1
            case Op("EMC"):
                depth -= 1
                if depth < 0 { return nil }
            case Op("BT"):
                if let a = artifact, !a.inText { close(at: at) }
                inText = true
            case Op("ET"):
                if let a = artifact, a.inText { close(at: at) }
                inText = false
            case Op("q"):
                qDepth += 1
            case Op("Q"):
                if let a = artifact, a.qDepth == qDepth { close(at: at) }
                qDepth -= 1
            case Op("m"), Op("re"), Op("l"), Op("c"), Op("v"), Op("y"), Op("h"):
                if !inPath, depth == 0, artifact == nil { open(at: at) }
                inPath = true
            case Op("S"), Op("s"), Op("f"), Op("F"), Op("f*"), Op("B"), Op("B*"), Op("b"), Op("b*"), Op("n"):
                inPath = false
            case Op("Tj"), Op("TJ"), Op("'"), Op("\""), Op("Do"), Op("sh"), Op("BI"):
                if depth == 0, artifact == nil { open(at: at) }
            default:
                break
            }
        }
        guard !scanner.failed, depth == 0 else { return nil }
        if artifact != nil { inserts.append((content.count, "EMC\n")) }
        if inserts.isEmpty { return .unchanged }

        var out: [UInt8] = []
        out.reserveCapacity(content.count + inserts.count * 16)
        var copied = 0
        for insert in inserts {
            out.append(contentsOf: content[copied..<insert.offset])
            // An operator just before the insertion point must not run into it.
            if let last = out.last, !Scanner.isWhitespace(last) { out.append(0x0A) }
            out.append(contentsOf: insert.text.utf8)
            copied = insert.offset
        }
        out.append(contentsOf: content[copied...])
        return .wrapped(out)
    }

    /// An operator's bytes as one number: compared without making a String of each
    /// of the tens of thousands of operators on a page. Every PDF operator has one
    /// to three bytes; a longer word gets a code no operator has.
    struct Op: Equatable {
        let code: UInt32

        init(_ name: StaticString) {
            precondition(name.utf8CodeUnitCount <= 3)
            var code: UInt32 = 0
            name.withUTF8Buffer { for b in $0 { code = code << 8 | UInt32(b) } }
            self.code = code
        }

        init<C: Collection<UInt8>>(bytes: C) {
            guard bytes.count <= 3 else { code = .max; return }
            code = bytes.reduce(0) { $0 << 8 | UInt32($1) }
        }
    }

    /// Splits a content stream into operations: operands, then an operator (PDF 1.7 §7.8.2).
    struct Scanner {
        struct Operation {
            var `operator`: Op
            /// Where the operation's first operand, or its operator, begins.
            var start: Int
            /// A `/MCID` among the operands: a tagged element's marked content.
            var hasMCID: Bool
        }

        let bytes: [UInt8]
        var i = 0
        private(set) var failed = false

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0x0C || b == 0x00 }
        static func isDelimiter(_ b: UInt8) -> Bool {
            b == UInt8(ascii: "(") || b == UInt8(ascii: ")") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">")
                || b == UInt8(ascii: "[") || b == UInt8(ascii: "]") || b == UInt8(ascii: "{") || b == UInt8(ascii: "}")
                || b == UInt8(ascii: "/") || b == UInt8(ascii: "%")
        }

        mutating func nextOperation() -> Operation? {
            var start: Int?
            var mcid = false
            while i < bytes.count {
                let b = bytes[i]
                if Self.isWhitespace(b) { i += 1; continue }
                if b == UInt8(ascii: "%") {
                    while i < bytes.count, bytes[i] != 0x0A, bytes[i] != 0x0D { i += 1 }
                    continue
                }
                let tokenStart = i
                if start == nil { start = tokenStart }
                switch b {
                case UInt8(ascii: "("):
                    guard skipLiteralString() else { failed = true; return nil }
                case UInt8(ascii: "<"):
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "<") {
                        i += 2
                    } else {
                        guard let end = bytes[i...].firstIndex(of: UInt8(ascii: ">")) else { failed = true; return nil }
                        i = end + 1
                    }
                case UInt8(ascii: ">"):
                    guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ">") else { failed = true; return nil }
                    i += 2
                case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                    i += 1
                case UInt8(ascii: "/"):
                    i += 1
                    let nameStart = i
                    while i < bytes.count, !Self.isWhitespace(bytes[i]), !Self.isDelimiter(bytes[i]) { i += 1 }
                    if Self.equal(bytes[nameStart..<i], "MCID") { mcid = true }
                case UInt8(ascii: ")"):
                    failed = true
                    return nil
                default:
                    while i < bytes.count, !Self.isWhitespace(bytes[i]), !Self.isDelimiter(bytes[i]) { i += 1 }
                    let word = bytes[tokenStart..<i]
                    let first = word.first!
                    let isNumber = first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: ".")
                        || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
                    if isNumber || (word.count > 3 && (Self.equal(word, "true") || Self.equal(word, "false") || Self.equal(word, "null"))) {
                        continue
                    }
                    let op = Op(bytes: word)
                    if op == Op("ID") {
                        // An inline image's data: binary, up to whitespace, `EI`, whitespace.
                        i += 1
                        while true {
                            guard i + 2 <= bytes.count else { failed = true; return nil }
                            if bytes[i] == UInt8(ascii: "E"), bytes[i + 1] == UInt8(ascii: "I"), i > 0, Self.isWhitespace(bytes[i - 1]),
                               i + 2 == bytes.count || Self.isWhitespace(bytes[i + 2]) {
                                i += 2
                                break
                            }
                            i += 1
                        }
                        return Operation(operator: Op("EI"), start: start!, hasMCID: false)
                    }
                    return Operation(operator: op, start: start!, hasMCID: mcid)
                }
            }
            // Operands with no operator after them.
            if start != nil { failed = true }
            return nil
        }

        /// Whether `word` is `s`, byte for byte (the generic `elementsEqual` of a
        /// slice and a String's UTF-8 was a tenth of the scan).
        static func equal(_ word: ArraySlice<UInt8>, _ s: StaticString) -> Bool {
            guard word.count == s.utf8CodeUnitCount else { return false }
            return s.withUTF8Buffer { buffer in
                var k = word.startIndex
                for b in buffer {
                    if word[k] != b { return false }
                    k += 1
                }
                return true
            }
        }

        /// Past a literal string: balanced parentheses, backslash escapes.
        private mutating func skipLiteralString() -> Bool {
            var nesting = 0
            while i < bytes.count {
                let b = bytes[i]
                i += 1
                if b == UInt8(ascii: "\\") { i += 1; continue }
                if b == UInt8(ascii: "(") { nesting += 1 }
                if b == UInt8(ascii: ")") { nesting -= 1; if nesting == 0 { return true } }
            }
            return false
        }
    }
}
