import CDeflate
import CZlib

/// zlib's deflate format (PDF's /FlateDecode), for the content streams the
/// accessibility update rewrites: read as cairo wrote them (zlib), written back
/// by a `Deflater` (libdeflate).
enum Flate {
    /// The inflated bytes, or nil when `data` is not a whole zlib stream or would
    /// inflate past `limit` bytes.
    static func inflate(_ data: ArraySlice<UInt8>, limit: Int) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: max(4096, min(limit, data.count * 4)))
        var produced = 0
        let status: Int32 = data.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = UInt32(input.count)
            while true {
                if produced == out.count {
                    guard out.count < limit else { return Z_BUF_ERROR }
                    out.append(contentsOf: repeatElement(0, count: min(out.count, limit - out.count)))
                }
                let room = out.count - produced
                let status = out.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress! + produced
                    stream.avail_out = UInt32(room)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                produced += room - Int(stream.avail_out)
                if status != Z_OK { return status }
                if stream.avail_in == 0 && stream.avail_out > 0 { return Z_BUF_ERROR }   // truncated
            }
        }
        guard status == Z_STREAM_END else { return nil }
        out.removeSubrange(produced...)
        return out
    }
}

/// One libdeflate compressor, for one thread at a time (libdeflate's compressors
/// keep their tables between calls, so a rewrite reuses one for all its pages).
final class Deflater {
    private let compressor: OpaquePointer

    /// Level 6: zlib's default, which cairo uses for the streams it compresses.
    init(level: Int32 = 6) {
        // nil only when malloc fails, which traps elsewhere as well.
        compressor = libdeflate_alloc_compressor(level)!
    }

    deinit { libdeflate_free_compressor(compressor) }

    /// `data` in zlib's format (PDF's /FlateDecode).
    func deflate(_ data: [UInt8]) -> [UInt8] {
        let bound = libdeflate_zlib_compress_bound(compressor, data.count)
        return [UInt8](unsafeUninitializedCapacity: bound) { out, count in
            count = data.withUnsafeBytes { input in
                libdeflate_zlib_compress(compressor, input.baseAddress, input.count, out.baseAddress, bound)
            }
            // Within the bound libdeflate gives, compression cannot run out of room.
            precondition(count > 0, "libdeflate_zlib_compress found no room")
        }
    }
}
