/// What a JPEG's frame header says about embedding its bytes as they are.
enum JPEGFrame {
    /// 8-bit greyscale or RGB: what cairo 1.16 writes as /DCTDecode. Any other (CMYK,
    /// 12-bit) it would draw from the surface's pixels instead, so those are decoded.
    static func embeddable(_ b: [UInt8]) -> Bool {
        var i = 2
        while i + 9 < b.count, b[i] == 0xFF {
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }
            if marker == 0x01 || (0xD0...0xD8).contains(marker) { i += 2; continue }
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                // SOFn: length, precision, height, width, components.
                return b[i + 4] == 8 && (b[i + 9] == 1 || b[i + 9] == 3)
            }
            if marker == 0xD9 || marker == 0xDA { return false }
            i += 2 + (Int(b[i + 2]) << 8 | Int(b[i + 3]))
        }
        return false
    }
}
