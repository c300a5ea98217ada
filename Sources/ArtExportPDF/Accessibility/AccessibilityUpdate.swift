import ArtExportCore
import CCairo
import Dispatch
import Synchronization

/// What PDF/UA-1 asks of a tagged PDF that cairo 1.16 cannot write, put into
/// cairo's file in one pass: the objects below replace cairo's where they stand,
/// and a new cross-reference table follows (not an incremental update, which would
/// keep both versions of every page's content: 3–43 % larger files):
/// - a new copy of the catalog with the document's language (`/Lang`), a viewer
///   showing the title rather than the file name (`/ViewerPreferences
///   /DisplayDocTitle`) and an XMP metadata stream that repeats the Info dictionary
///   and claims PDF/UA-1 (`pdfuaid:part` 1);
/// - new copies of the structure elements that need more than cairo writes: a
///   figure's alternative text, a header cell's scope, an article's language where
///   it is not the document's; and of the link annotations, each with a description
///   (`/Contents`);
/// - new copies of the page content streams with the page furniture marked as
///   artifacts (`ContentArtifacts`).
/// Every other object keeps cairo's bytes, and the same input gives the same bytes.
enum AccessibilityUpdate {
    /// The facts of cairo's trailer this update needs.
    struct Trailer: Equatable {
        var size: Int
        var root: Int
        var info: Int?
        /// Where cairo's cross-reference table starts.
        var startxref: Int
    }

    /// A structure element as the painter began it, in the order it began them
    /// (the order of cairo's StructElem objects): its type, and the entries to add
    /// to it and to the annotation it holds (a link's), as PDF dictionary text.
    struct Element: Equatable {
        var kind: String
        var entries = ""
        var annotationEntries = ""
    }

    static func rewrite(_ pdf: [UInt8], _ metadata: CairoPainter.Metadata, elements: [Element]) throws(ExportError) -> [UInt8] {
        guard let trailer = trailer(of: pdf), let offsets = offsets(in: pdf, trailer),
              let catalog = catalogEntries(in: pdf, trailer, offsets: offsets) else {
            throw ExportError(.internalError, "cairo's PDF has no trailer or catalog where expected; the catalog could not be completed")
        }
        func failure(_ what: String) -> ExportError {
            ExportError(.internalError, "cairo's PDF is not as artexport expects (\(what)); its accessibility entries could not be written")
        }
        // New versions of cairo's objects, whole (`N 0 obj` … `endobj`), by number.
        var replaced: [Int: [UInt8]] = [:]

        // Objects by what cairo begins them with.
        var structure: [Int] = [], pages: [Int] = []
        for (n, offset) in offsets.enumerated() where offset > 0 {
            let head = pdf[offset..<min(offset + 40, pdf.count)]
            if head.starts(with: Array("\(n) 0 obj\n<< /Type /StructElem\n".utf8)) { structure.append(n) }
            else if head.starts(with: Array("\(n) 0 obj\n<< /Type /Page %".utf8)) { pages.append(n) }
        }

        // The structure elements, matched one to one with the painter's.
        guard structure.count == elements.count else { throw failure("\(structure.count) structure elements, \(elements.count) begun") }
        for (n, element) in zip(structure, elements) {
            guard let text = dictionaryObject(n, in: pdf, at: offsets[n]) else { throw failure("object \(n) unreadable") }
            guard text.contains("/S /\(element.kind)\n") else { throw failure("object \(n) is not a \(element.kind)") }
            if !element.entries.isEmpty {
                replaced[n] = newVersion(inserting: element.entries, into: text)
            }
            if !element.annotationEntries.isEmpty {
                guard let a = reference(after: "/Obj ", in: text), a < offsets.count, offsets[a] > 0,
                      let annotation = dictionaryObject(a, in: pdf, at: offsets[a]), annotation.contains("/Type /Annot") else {
                    throw failure("the annotation of object \(n)")
                }
                replaced[a] = newVersion(inserting: element.annotationEntries, into: annotation)
            }
        }

        // Page content with its furniture marked: each page alone, on as many
        // threads as there are cores (the scan and the deflate were a sixth of a
        // 40-page export), each page's new object at its index, so the bytes do
        // not depend on which thread finished first.
        let contents = try pages.map { page throws(ExportError) -> Int in
            guard let text = dictionaryObject(page, in: pdf, at: offsets[page]), let c = reference(after: "/Contents ", in: text),
                  c < offsets.count, offsets[c] > 0 else {
                throw failure("the content of page object \(page)")
            }
            return c
        }
        let marked = Mutex([PageContent?](repeating: nil, count: contents.count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(Machine.cores, contents.count)) { _ in
            let deflater = Deflater()
            while true {
                let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard k < contents.count else { return }
                let result = markArtifacts(contents[k], in: pdf, offsets: offsets, deflater: deflater)
                marked.withLock { $0[k] = result }
            }
        }
        for (page, (c, result)) in zip(pages, zip(contents, marked.withLock { $0 })) {
            switch result {
            case .wrapped(let object)?: replaced[c] = object
            case .unchanged?: break
            case .unreadable?, nil: throw failure("page object \(page)'s content stream")
            }
        }
        replaced[trailer.root] = Array(("\(trailer.root) 0 obj\n<<\(catalog)"
            + "   /Lang \(pdfString(metadata.language.value))\n"
            + "   /ViewerPreferences << /DisplayDocTitle true >>\n"
            + "   /Metadata \(trailer.size) 0 R\n>>\nendobj\n").utf8)

        // cairo's objects in cairo's order, each where it was or its new version,
        // then the metadata stream and one cross-reference table for all.
        let order = offsets.indices.filter { offsets[$0] > 0 }.sorted { offsets[$0] < offsets[$1] }
        guard let first = order.first else { throw failure("no objects") }
        var out = Array(pdf[..<offsets[first]])
        out.reserveCapacity(pdf.count + pdf.count / 8)
        func append(_ s: String) { out.append(contentsOf: s.utf8) }
        var placed = [Int](repeating: 0, count: trailer.size + 1)
        for (k, n) in order.enumerated() {
            placed[n] = out.count
            if let object = replaced[n] {
                out += object
            } else {
                out += pdf[offsets[n]..<(k + 1 < order.count ? offsets[order[k + 1]] : trailer.startxref)]
            }
        }

        let metadataObject = trailer.size
        let xmp = Array(self.xmp(metadata).utf8)
        placed[metadataObject] = out.count
        // Uncompressed, as PDF/UA and XMP readers that scan for the packet expect.
        append("\(metadataObject) 0 obj\n<< /Type /Metadata /Subtype /XML /Length \(xmp.count) >>\nstream\n")
        out += xmp
        append("\nendstream\nendobj\n")

        let xref = out.count
        append("xref\n0 \(trailer.size + 1)\n0000000000 65535 f \n")
        for n in 1...trailer.size { append(placed[n] > 0 ? entry(placed[n]) : "0000000000 00000 f \n") }
        append("trailer\n<< /Size \(trailer.size + 1)\n   /Root \(trailer.root) 0 R\n")
        if let info = trailer.info { append("   /Info \(info) 0 R\n") }
        append(">>\nstartxref\n\(xref)\n%%EOF\n")
        return out
    }

    /// A page's content stream after `markArtifacts`.
    enum PageContent: Sendable {
        /// Its new object, whole.
        case wrapped([UInt8])
        case unchanged
        case unreadable
    }

    /// Content stream object `c` with its furniture marked as artifacts.
    static func markArtifacts(_ c: Int, in pdf: [UInt8], offsets: [Int], deflater: Deflater) -> PageContent {
        guard let stream = flateStream(c, in: pdf, offsets: offsets), let content = Flate.inflate(stream, limit: maxContentBytes),
              let outcome = ContentArtifacts.wrap(content) else { return .unreadable }
        guard case .wrapped(let marked) = outcome else { return .unchanged }
        let deflated = deflater.deflate(marked)
        var object = Array("\(c) 0 obj\n<< /Length \(deflated.count)\n   /Filter /FlateDecode\n>>\nstream\n".utf8)
        object += deflated
        object += "\nendstream\nendobj\n".utf8
        return .wrapped(object)
    }

    /// Past this a page's content stream is not inflated: the painter's pages hold
    /// a few hundred KB at most.
    static let maxContentBytes = 256 << 20

    /// A new version of a dictionary object: its text with `entries` before the final `>>`.
    private static func newVersion(inserting entries: String, into object: String) -> [UInt8] {
        let close = object.range(of: ">>", options: .backwards)!
        return Array((object[..<close.lowerBound] + "   \(entries)\n" + object[close.lowerBound...] + "\nendobj\n").utf8)
    }

    /// A PDF text string: UTF-16 big-endian with its byte order mark, in hex.
    static func textString(_ s: String) -> String {
        var hex = "<FEFF"
        let digits = Array("0123456789ABCDEF".utf8)
        for unit in s.utf16 {
            for shift in stride(from: 12, through: 0, by: -4) { hex.unicodeScalars.append(Unicode.Scalar(digits[Int(unit >> UInt16(shift)) & 15])) }
        }
        return hex + ">"
    }

    /// A cross-reference entry: exactly 20 bytes, ending in space and newline.
    static func entry(_ offset: Int) -> String {
        let digits = String(offset)
        return String(repeating: "0", count: max(0, 10 - digits.count)) + digits + " 00000 n \n"
    }

    /// A PDF literal string of printable ASCII (a language tag), `(`, `)` and `\` escaped.
    static func pdfString(_ s: String) -> String {
        var out = "("
        for scalar in s.unicodeScalars where scalar.value >= 0x20 && scalar.value < 0x7F {
            if scalar == "(" || scalar == ")" || scalar == "\\" { out += "\\" }
            out.unicodeScalars.append(scalar)
        }
        return out + ")"
    }

    // MARK: reading cairo's file

    /// The last trailer: cairo writes one classic cross-reference table and a trailer
    /// dictionary of `/Size`, `/Root` and `/Info`.
    static func trailer(of pdf: [UInt8]) -> Trailer? {
        let tail = String(decoding: pdf.suffix(1024), as: UTF8.self)
        guard let t = tail.range(of: "trailer", options: .backwards), let s = tail.range(of: "startxref", options: .backwards),
              t.upperBound <= s.lowerBound else { return nil }
        let dictionary = tail[t.upperBound..<s.lowerBound]
        func number(after key: String) -> Int? {
            guard let k = dictionary.range(of: key) else { return nil }
            return Int(dictionary[k.upperBound...].drop { $0 == " " || $0 == "\n" }.prefix { $0.isNumber })
        }
        guard let size = number(after: "/Size"), let root = number(after: "/Root"), size > root, root > 0,
              let start = Int(tail[s.upperBound...].drop { $0 == "\n" || $0 == "\r" }.prefix { $0.isNumber }),
              start < pdf.count else { return nil }
        return Trailer(size: size, root: root, info: number(after: "/Info"), startxref: start)
    }

    /// Each object's offset, by number (0: free), from cairo's one cross-reference section.
    static func offsets(in pdf: [UInt8], _ trailer: Trailer) -> [Int]? {
        let header = Array("xref\n0 \(trailer.size)\n".utf8)
        let table = trailer.startxref
        guard table + header.count + 20 * trailer.size <= pdf.count,
              pdf[table..<(table + header.count)].elementsEqual(header) else { return nil }
        var offsets: [Int] = []
        offsets.reserveCapacity(trailer.size)
        for n in 0..<trailer.size {
            let at = table + header.count + 20 * n
            var offset = 0
            for b in pdf[at..<(at + 10)] {
                guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
                offset = offset * 10 + Int(b - UInt8(ascii: "0"))
            }
            guard offset < table else { return nil }
            offsets.append(pdf[at + 17] == UInt8(ascii: "n") ? offset : 0)
        }
        return offsets
    }

    /// A dictionary object's text from `N 0 obj` to its closing `>>`; nil for a
    /// stream or anything else.
    static func dictionaryObject(_ n: Int, in pdf: [UInt8], at offset: Int) -> String? {
        let start = Array("\(n) 0 obj\n<<".utf8)
        guard pdf[offset...].starts(with: start) else { return nil }
        let endobj = Array("endobj".utf8)
        var i = offset + start.count
        // Dictionaries cairo writes are text: the first `endobj` ends them.
        while i + endobj.count <= pdf.count {
            if pdf[i] == UInt8(ascii: "e"), pdf[i..<(i + endobj.count)].elementsEqual(endobj) {
                let text = String(decoding: pdf[offset..<i], as: UTF8.self)
                guard let close = text.range(of: ">>", options: .backwards), text[close.upperBound...].allSatisfy(\.isWhitespace) else { return nil }
                return String(text[..<close.upperBound])
            }
            i += 1
        }
        return nil
    }

    /// The object number of the reference after `key` (`/Contents 15 0 R`).
    static func reference(after key: String, in text: String) -> Int? {
        guard let k = text.range(of: key) else { return nil }
        let rest = text[k.upperBound...]
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, rest.dropFirst(digits.count).hasPrefix(" 0 R") else { return nil }
        return Int(digits)
    }

    /// The data of stream object `n` as cairo writes a page's content: /Length (direct
    /// or an object of its own) and /Filter /FlateDecode.
    static func flateStream(_ n: Int, in pdf: [UInt8], offsets: [Int]) -> ArraySlice<UInt8>? {
        let offset = offsets[n]
        let head = String(decoding: pdf[offset..<min(offset + 200, pdf.count)], as: UTF8.self)
        guard head.hasPrefix("\(n) 0 obj\n<<"), let end = head.range(of: ">>\nstream\n"),
              head[..<end.lowerBound].contains("/Filter /FlateDecode"), !head[..<end.lowerBound].contains("/DecodeParms"),
              let key = head.range(of: "/Length ") else { return nil }
        let length: Int
        if let object = reference(after: "/Length ", in: head), object < offsets.count, offsets[object] > 0 {
            let o = offsets[object]
            let text = String(decoding: pdf[o..<min(o + 60, pdf.count)], as: UTF8.self)
            guard text.hasPrefix("\(object) 0 obj\n"), let value = Int(text.dropFirst("\(object) 0 obj\n".count).drop { $0 == " " }.prefix { $0.isNumber }) else { return nil }
            length = value
        } else {
            guard let value = Int(head[key.upperBound...].prefix { $0.isNumber }) else { return nil }
            length = value
        }
        let data = offset + head[..<end.upperBound].utf8.count
        guard length >= 0, data + length <= pdf.count else { return nil }
        return pdf[data..<(data + length)]
    }

    /// The entries of the catalog's dictionary, as cairo wrote them: the text between
    /// its outer `<<` and `>>`; nil for a catalog cairo did not write (one with /Lang).
    static func catalogEntries(in pdf: [UInt8], _ trailer: Trailer, offsets: [Int]) -> String? {
        guard trailer.root < offsets.count, offsets[trailer.root] > 0,
              let object = dictionaryObject(trailer.root, in: pdf, at: offsets[trailer.root]) else { return nil }
        let entries = String(object.dropFirst("\(trailer.root) 0 obj\n<<".count).dropLast(2))
        guard entries.contains("/Type /Catalog"), !entries.contains("/Lang"), !entries.contains("/Metadata") else { return nil }
        return entries
    }

    // MARK: XMP

    /// The XMP packet: Dublin Core title, creators, description and language; the
    /// dates and tools of the Info dictionary; the PDF/UA-1 claim.
    static func xmp(_ m: CairoPainter.Metadata) -> String {
        var x = XMLBuilder(declaration: false)
        x.raw("<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>")
        x.open("x:xmpmeta", [("xmlns:x", "adobe:ns:meta/")])
        x.open("rdf:RDF", [("xmlns:rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#")])
        x.open("rdf:Description", [("rdf:about", ""),
                                   ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
                                   ("xmlns:xmp", "http://ns.adobe.com/xap/1.0/"),
                                   ("xmlns:pdf", "http://ns.adobe.com/pdf/1.3/"),
                                   ("xmlns:pdfuaid", "http://www.aiim.org/pdfua/ns/id/")])
        x.element("dc:format", text: "application/pdf")
        func alternative(_ tag: String, _ text: String) {
            x.open(tag)
            x.open("rdf:Alt")
            x.element("rdf:li", [("xml:lang", "x-default")], text: text)
            x.close("rdf:Alt")
            x.close(tag)
        }
        alternative("dc:title", m.title)
        if !m.authors.isEmpty {
            x.open("dc:creator")
            x.open("rdf:Seq")
            for author in m.authors { x.element("rdf:li", text: author) }
            x.close("rdf:Seq")
            x.close("dc:creator")
        }
        if let subject = m.subject { alternative("dc:description", subject) }
        x.open("dc:language")
        x.open("rdf:Bag")
        x.element("rdf:li", text: m.language.value)
        x.close("rdf:Bag")
        x.close("dc:language")
        x.element("xmp:CreateDate", text: m.date)
        x.element("xmp:ModifyDate", text: m.date)
        x.element("xmp:MetadataDate", text: m.date)
        x.element("xmp:CreatorTool", text: m.creator)
        // As cairo writes the Info dictionary's /Producer.
        x.element("pdf:Producer", text: "cairo \(String(cString: cairo_version_string())) (https://cairographics.org)")
        if let keywords = m.keywords { x.element("pdf:Keywords", text: keywords) }
        x.element("pdfuaid:part", text: "1")
        x.close("rdf:Description")
        x.close("rdf:RDF")
        x.close("x:xmpmeta")
        x.raw("<?xpacket end=\"r\"?>")
        return x.output
    }
}
