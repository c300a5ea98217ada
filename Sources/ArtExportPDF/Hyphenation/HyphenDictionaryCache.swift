import ArtExportCore
import CHyphen
#if canImport(Glibc)
import Glibc
#endif

/// A compiled copy of large hyphenation dictionaries. libhyphen builds its
/// pattern automaton on every load, and for the 78,000 German patterns that
/// takes 2–4 s (its state hash table has a fixed 31,627 buckets), which a
/// one-article export should not pay each time. After the first load the
/// automaton (the `HyphenDict` structs of hyphen.h) is written to
/// `$ARTEXPORT_CACHE_DIR`, else `$XDG_CACHE_HOME/artexport`, else
/// `~/.cache/artexport`, and later rebuilt from there with malloc, as libhyphen
/// itself allocates, so `hnj_hyphen_free` frees it as usual. The file is named
/// after the dictionary's name, size and modification time; anything unexpected
/// in it means a normal load instead.
enum HyphenDictionaryCache {
    /// Dictionaries smaller than this load in milliseconds: not worth a file.
    static let minimumSize = 256 * 1024
    static let magic: [UInt8] = Array("artexport-hyphen-1\n".utf8)

    static func load(_ path: String) -> UnsafeMutablePointer<HyphenDict>? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        guard Int(st.st_size) >= minimumSize, let file = cacheFile(for: path, size: Int(st.st_size), mtime: Int(st.st_mtim.tv_sec)) else {
            return hnj_hyphen_load(path)
        }
        if let bytes = read(file), let dict = decode(bytes) { return dict }
        guard let dict = hnj_hyphen_load(path) else { return nil }
        write(encode(dict), to: file)
        return dict
    }

    static func cacheFile(for path: String, size: Int, mtime: Int) -> String? {
        let env = { (name: String) in getenv(name).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } }
        guard let dir = env("ARTEXPORT_CACHE_DIR") ?? env("XDG_CACHE_HOME").map({ $0 + "/artexport" })
                ?? env("HOME").map({ $0 + "/.cache/artexport" }) else { return nil }
        let name = path.split(separator: "/").last.map(String.init) ?? "dict"
        return "\(dir)/\(name)-\(size)-\(mtime).bin"
    }

    // MARK: encoding

    private struct Writer {
        var bytes: [UInt8] = []
        mutating func int(_ v: Int32) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
        mutating func byte(_ v: UInt8) { bytes.append(v) }
        /// `parts` NUL-separated strings one after another (libhyphen's `nohyphen`).
        mutating func string(_ p: UnsafeMutablePointer<CChar>?, parts: Int = 1) {
            guard let p else { int(-1); return }
            var n = 0
            for part in 0..<max(parts, 1) { n += strlen(p + n) + (part < parts - 1 ? 1 : 0) }
            int(Int32(n))
            bytes += UnsafeRawBufferPointer(start: p, count: n)
        }
    }

    static func encode(_ dict: UnsafeMutablePointer<HyphenDict>) -> [UInt8] {
        var w = Writer()
        w.bytes = magic
        var level: UnsafeMutablePointer<HyphenDict>? = dict
        while let d = level {
            w.byte(1)                                         // a level follows
            let h = d.pointee
            for v in [h.lhmin, h.rhmin, h.clhmin, h.crhmin] { w.byte(UInt8(bitPattern: v)) }
            // libhyphen keeps nohyphenl + 1 strings there: it counts the commas.
            w.string(h.nohyphen, parts: Int(h.nohyphenl) + 1)
            w.int(h.nohyphenl)
            w.int(h.utf8)
            withUnsafeBytes(of: h.cset) { w.bytes += $0 }
            w.int(h.num_states)
            for s in 0..<Int(h.num_states) {
                let state = h.states[s]
                w.string(state.match)
                w.string(state.repl)
                w.byte(UInt8(bitPattern: state.replindex))
                w.byte(UInt8(bitPattern: state.replcut))
                w.int(state.fallback_state)
                w.int(state.num_trans)
                for t in 0..<Int(state.num_trans) {
                    w.byte(UInt8(bitPattern: state.trans[t].ch))
                    w.int(state.trans[t].new_state)
                }
            }
            level = h.nextlevel
        }
        w.byte(0)
        return w.bytes
    }

    // MARK: decoding

    private struct Reader {
        let bytes: [UInt8]
        var i = 0
        var failed = false

        mutating func byte() -> UInt8 {
            guard i < bytes.count else { failed = true; return 0 }
            defer { i += 1 }
            return bytes[i]
        }

        mutating func int() -> Int32 {
            guard i + 4 <= bytes.count else { failed = true; return 0 }
            var v: Int32 = 0
            withUnsafeMutableBytes(of: &v) { $0.copyBytes(from: bytes[i..<(i + 4)]) }
            i += 4
            return Int32(littleEndian: v)
        }

        /// A malloc'd NUL-terminated copy, or nil for a NULL pointer.
        mutating func string() -> UnsafeMutablePointer<CChar>? {
            let n = int()
            guard n >= 0, !failed else { return nil }
            guard i + Int(n) <= bytes.count else { failed = true; return nil }
            let p = malloc(Int(n) + 1)!.assumingMemoryBound(to: CChar.self)
            bytes.withUnsafeBufferPointer { UnsafeMutableRawPointer(p).copyMemory(from: $0.baseAddress! + i, byteCount: Int(n)) }
            p[Int(n)] = 0
            i += Int(n)
            return p
        }
    }

    static func decode(_ bytes: [UInt8]) -> UnsafeMutablePointer<HyphenDict>? {
        guard bytes.starts(with: magic) else { return nil }
        var r = Reader(bytes: bytes, i: magic.count)
        var first: UnsafeMutablePointer<HyphenDict>?
        var previous: UnsafeMutablePointer<HyphenDict>?
        while r.byte() == 1 && !r.failed {
            let d = calloc(1, MemoryLayout<HyphenDict>.size)!.assumingMemoryBound(to: HyphenDict.self)
            if let previous { previous.pointee.nextlevel = d } else { first = d }
            previous = d
            d.pointee.lhmin = CChar(bitPattern: r.byte())
            d.pointee.rhmin = CChar(bitPattern: r.byte())
            d.pointee.clhmin = CChar(bitPattern: r.byte())
            d.pointee.crhmin = CChar(bitPattern: r.byte())
            d.pointee.nohyphen = r.string()
            d.pointee.nohyphenl = r.int()
            d.pointee.utf8 = r.int()
            let csetSize = MemoryLayout.size(ofValue: d.pointee.cset)
            guard r.i + csetSize <= bytes.count else { r.failed = true; break }
            withUnsafeMutableBytes(of: &d.pointee.cset) { $0.copyBytes(from: bytes[r.i..<(r.i + csetSize)]) }
            r.i += csetSize
            let count = Int(r.int())
            guard count >= 0, count < 50_000_000, !r.failed else { r.failed = true; break }
            let states = calloc(max(count, 1), MemoryLayout<HyphenState>.stride)!.assumingMemoryBound(to: HyphenState.self)
            d.pointee.states = states
            d.pointee.num_states = Int32(count)
            for s in 0..<count {
                states[s].match = r.string()
                states[s].repl = r.string()
                states[s].replindex = Int8(bitPattern: r.byte())
                states[s].replcut = Int8(bitPattern: r.byte())
                states[s].fallback_state = r.int()
                let n = Int(r.int())
                guard n >= 0, n <= 256, !r.failed else { r.failed = true; break }
                states[s].num_trans = Int32(n)
                let trans = malloc(max(n, 1) * MemoryLayout<HyphenTrans>.stride)!.assumingMemoryBound(to: HyphenTrans.self)
                for t in 0..<n {
                    trans[t].ch = CChar(bitPattern: r.byte())
                    trans[t].new_state = r.int()
                }
                states[s].trans = trans
                // Every transition must lead to a state of this level.
                if (0..<n).contains(where: { trans[$0].new_state < 0 || Int(trans[$0].new_state) >= count })
                    || states[s].fallback_state < -1 || Int(states[s].fallback_state) >= count {
                    r.failed = true
                    break
                }
            }
            if r.failed { break }
        }
        guard !r.failed, r.i == bytes.count, let first else {
            if let first { hnj_hyphen_free(first) }
            return nil
        }
        return first
    }

    // MARK: files

    private static func read(_ path: String) -> [UInt8]? {
        // Only a regular file, and no larger than any dictionary compiles to (German: 7.3 MB).
        try? FileIO.read(path: LocalPath(path), limit: 64 << 20)
    }

    /// Best effort: a cache that cannot be written is simply not there next time.
    private static func write(_ bytes: [UInt8], to path: String) {
        guard let slash = path.lastIndex(of: "/") else { return }
        let dir = String(path[..<slash])
        if !FileIO.isDirectory(LocalPath(dir)) { try? FileIO.makeDirectory(LocalPath(dir)) }
        try? FileIO.writeAtomically(bytes, to: LocalPath(path))
    }
}
