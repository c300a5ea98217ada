import ArtExportCore
import CCairo

/// What PDF/UA-1 asks of the document catalog that cairo 1.16 cannot write: the
/// document's language (`/Lang`), a viewer showing the title rather than the file
/// name (`/ViewerPreferences /DisplayDocTitle`), and an XMP metadata stream that
/// repeats the Info dictionary and claims PDF/UA-1 (`pdfuaid:part` 1). They are
/// appended to cairo's file as an incremental update (PDF 1.7 §7.5.6): a new copy
/// of the catalog, the metadata stream, their cross-reference section and a trailer
/// pointing back at cairo's. Nothing cairo wrote is touched, and the same input gives
/// the same bytes.
enum CatalogUpdate {
    /// The facts of cairo's trailer this update needs.
    struct Trailer: Equatable {
        var size: Int
        var root: Int
        var info: Int?
        /// Where cairo's cross-reference table starts.
        var startxref: Int
    }

    static func append(to pdf: [UInt8], _ metadata: CairoPainter.Metadata) throws(ExportError) -> [UInt8] {
        guard let trailer = trailer(of: pdf), let catalog = catalogEntries(in: pdf, trailer) else {
            throw ExportError(.internalError, "cairo's PDF has no trailer or catalog where expected; the catalog could not be completed")
        }
        var out = pdf
        func append(_ s: String) { out.append(contentsOf: s.utf8) }
        let metadataObject = trailer.size
        let xmp = Array(self.xmp(metadata).utf8)
        let metadataOffset = out.count
        // Uncompressed, as PDF/UA and XMP readers that scan for the packet expect.
        append("\(metadataObject) 0 obj\n<< /Type /Metadata /Subtype /XML /Length \(xmp.count) >>\nstream\n")
        out.append(contentsOf: xmp)
        append("\nendstream\nendobj\n")
        let catalogOffset = out.count
        append("\(trailer.root) 0 obj\n<<\(catalog)")
        append("   /Lang \(pdfString(metadata.language.value))\n")
        append("   /ViewerPreferences << /DisplayDocTitle true >>\n")
        append("   /Metadata \(metadataObject) 0 R\n>>\nendobj\n")
        let xref = out.count
        append("xref\n\(trailer.root) 1\n\(entry(catalogOffset))\(metadataObject) 1\n\(entry(metadataOffset))")
        append("trailer\n<< /Size \(trailer.size + 1)\n   /Root \(trailer.root) 0 R\n")
        if let info = trailer.info { append("   /Info \(info) 0 R\n") }
        append("   /Prev \(trailer.startxref)\n>>\nstartxref\n\(xref)\n%%EOF\n")
        return out
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

    /// The entries of the catalog's dictionary, as cairo wrote them: found through the
    /// cross-reference table, the text between its outer `<<` and `>>`.
    static func catalogEntries(in pdf: [UInt8], _ trailer: Trailer) -> String? {
        // "xref\n0 SIZE\n" then 20 bytes per object.
        let header = Array("xref\n0 \(trailer.size)\n".utf8)
        let table = trailer.startxref
        guard table + header.count + 20 * trailer.size <= pdf.count,
              pdf[table..<(table + header.count)].elementsEqual(header) else { return nil }
        let at = table + header.count + 20 * trailer.root
        guard let offset = Int(String(decoding: pdf[at..<(at + 10)], as: UTF8.self)), offset < table else { return nil }
        let object = String(decoding: pdf[offset..<table], as: UTF8.self)
        guard object.hasPrefix("\(trailer.root) 0 obj\n<<"), let end = object.range(of: "endobj"),
              let close = object[..<end.lowerBound].range(of: ">>", options: .backwards) else { return nil }
        let open = object.index(object.startIndex, offsetBy: "\(trailer.root) 0 obj\n<<".count)
        let entries = String(object[open..<close.lowerBound])
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
