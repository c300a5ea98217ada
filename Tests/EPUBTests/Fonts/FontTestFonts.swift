@testable import ArtExportEPUB
import ArtExportCore
import Foundation
import TestSupport

/// Installed fonts the font tests use (Makefile, DEBIAN_BUILD), and patched copies of them.
enum FontTestFonts {
    static let libertine = FontFace(family: "Linux Libertine O")
    static let libertineItalic = FontFace(family: "Linux Libertine O", italic: true)
    static let libertineSemibold = FontFace(family: "Linux Libertine O", weight: .semibold)
    static let dejaVuSerif = FontFace(family: "DejaVu Serif")

    static func file(_ face: FontFace) throws -> FontFile { try FontLocator.locate(face) }

    static func open(_ face: FontFace) throws -> HarfBuzzFace {
        let f = try file(face)
        return try HarfBuzzFace(path: f.path, index: f.index)
    }

    /// A copy of a font file with some of its bytes changed: `fsType` set, and
    /// `name` entries renumbered out of the licence's IDs (13, 14 → 300, 301).
    static func patched(_ path: String, fsType: UInt16? = nil, stripLicence: Bool = false) throws -> [UInt8] {
        var d = Repo.bytes(atPath: path)
        func u16(_ at: Int) -> Int { Int(d[at]) << 8 | Int(d[at + 1]) }
        func u32(_ at: Int) -> Int { u16(at) << 16 | u16(at + 2) }
        func put16(_ at: Int, _ v: Int) { d[at] = UInt8(v >> 8 & 0xFF); d[at + 1] = UInt8(v & 0xFF) }
        var tables: [String: Int] = [:]
        for i in 0..<u16(4) {
            let record = 12 + 16 * i
            tables[String(decoding: d[record..<record + 4], as: UTF8.self)] = u32(record + 8)
        }
        if let fsType, let os2 = tables["OS/2"] { put16(os2 + 8, Int(fsType)) }
        if stripLicence, let name = tables["name"] {
            for i in 0..<u16(name + 2) {
                let id = name + 6 + 12 * i + 6
                if u16(id) == 13 || u16(id) == 14 { put16(id, u16(id) + 287) }
            }
        }
        return d
    }
}
