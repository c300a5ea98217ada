import CZlib

/// zlib's deflate format (PDF's /FlateDecode), for the content streams the
/// accessibility update rewrites: read as cairo wrote them, written back at
/// zlib's default level, as cairo writes its own.
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

    /// `data` deflated at zlib's default level (6).
    static func deflate(_ data: [UInt8]) -> [UInt8] {
        var size = compressBound(UInt(data.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        let status = out.withUnsafeMutableBufferPointer { o in
            data.withUnsafeBufferPointer { i in compress2(o.baseAddress, &size, i.baseAddress, UInt(i.count), Z_DEFAULT_COMPRESSION) }
        }
        // compressBound is enough by zlib's contract, and memory failure traps elsewhere too.
        precondition(status == Z_OK, "zlib compress2 failed: \(status)")
        out.removeSubrange(Int(size)...)
        return out
    }
}
