/// A JPEG's EXIF orientation (tag 0x0112): how a camera says its stored pixels
/// must be turned to stand upright. Browsers, and so EPUB readers, apply it; the
/// PDF embeds the stored JPEG and turns it when drawing, so both show the same.
enum ExifOrientation {
    /// 1…8 as EXIF numbers them (1: as stored); 1 when the file says nothing valid.
    static func of(jpeg b: [UInt8]) -> Int {
        var i = 2
        while i + 4 <= b.count, b[i] == 0xFF {
            let marker = b[i + 1]
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
            if marker == 0xDA || marker == 0xD9 { break }                 // the image data: no metadata after
            let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
            guard length >= 2, i + 2 + length <= b.count else { break }
            if marker == 0xE1, length >= 16, b[(i + 4)..<(i + 10)].elementsEqual([0x45, 0x78, 0x69, 0x66, 0, 0]) {
                return tiff(b, from: i + 10, end: i + 2 + length) ?? 1
            }
            i += 2 + length
        }
        return 1
    }

    /// The orientation entry of IFD0 of the TIFF structure at `start`.
    private static func tiff(_ b: [UInt8], from start: Int, end: Int) -> Int? {
        guard end - start >= 8 else { return nil }
        let little: Bool
        switch (b[start], b[start + 1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return nil
        }
        func u16(_ o: Int) -> Int? {
            guard o >= start, o + 2 <= end else { return nil }
            return little ? Int(b[o]) | Int(b[o + 1]) << 8 : Int(b[o]) << 8 | Int(b[o + 1])
        }
        func u32(_ o: Int) -> Int? {
            guard let lo = u16(little ? o : o + 2), let hi = u16(little ? o + 2 : o) else { return nil }
            return hi << 16 | lo
        }
        guard let ifd = u32(start + 4), let count = u16(start + ifd) else { return nil }
        for n in 0..<min(count, 512) {
            let entry = start + ifd + 2 + n * 12
            guard let tag = u16(entry) else { return nil }
            // A SHORT, its value in the entry's first two bytes.
            if tag == 0x0112, u16(entry + 2) == 3, let value = u16(entry + 8), (1...8).contains(value) { return value }
        }
        return nil
    }

    /// Orientations 5…8 turn the picture a quarter: its width is the stored height.
    static func swapsSides(_ orientation: Int) -> Bool { orientation >= 5 }

    /// The affine map (xx, yx, xy, yy, x0, y0), as cairo_matrix_init takes it, from
    /// stored pixel coordinates (w × h) to upright ones.
    static func matrix(_ orientation: Int, width w: Double, height h: Double) -> (Double, Double, Double, Double, Double, Double) {
        switch orientation {
        case 2: return (-1, 0, 0, 1, w, 0)          // mirrored left to right
        case 3: return (-1, 0, 0, -1, w, h)         // turned half round
        case 4: return (1, 0, 0, -1, 0, h)          // mirrored top to bottom
        case 5: return (0, 1, 1, 0, 0, 0)           // mirrored about the diagonal
        case 6: return (0, 1, -1, 0, h, 0)          // a quarter clockwise
        case 7: return (0, -1, -1, 0, h, w)         // mirrored about the other diagonal
        case 8: return (0, -1, 1, 0, 0, w)          // a quarter anticlockwise
        default: return (1, 0, 0, 1, 0, 0)
        }
    }
}
