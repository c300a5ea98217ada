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
/// `~/.cache/artexport`, and later rebuilt from there. The file is named after
/// the dictionary's name, size and modification time; anything unexpected in it
/// means a normal load instead.
///
/// Each level of the file is laid out as it is in memory — the states, then every
/// transition, then one pool of every string — so a level decodes into a single
/// block (its `HyphenDict`, states, transitions and strings) by copying and setting
/// pointers. Rebuilt with a malloc per string and per state's transitions, as
/// libhyphen allocates, German took 166 M instructions, a third of a one-article
/// export. A decoded dictionary is freed with `release`, not `hnj_hyphen_free`.
enum HyphenDictionaryCache {
    /// Dictionaries smaller than this load in about a millisecond: not worth a file.
    /// English (106 KB) took 38 M instructions to load, a tenth of a one-article
    /// export; from the cache, a fiftieth of that.
    static let minimumSize = 16 * 1024
    static let magic: [UInt8] = Array("artexport-hyphen-2\n".utf8)

    /// A dictionary and who frees it.
    struct Loaded {
        var dict: UnsafeMutablePointer<HyphenDict>
        /// Decoded from the cache (`release`), else loaded by libhyphen (`hnj_hyphen_free`).
        var decoded: Bool
    }

    static func load(_ path: String) -> Loaded? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        guard Int(st.st_size) >= minimumSize, let file = cacheFile(for: path, size: Int(st.st_size), mtime: Int(st.st_mtim.tv_sec)) else {
            return hnj_hyphen_load(path).map { Loaded(dict: $0, decoded: false) }
        }
        if let bytes = read(file), let dict = decode(bytes) { return Loaded(dict: dict, decoded: true) }
        guard let dict = hnj_hyphen_load(path) else { return nil }
        write(encode(dict), to: file)
        return Loaded(dict: dict, decoded: false)
    }

    static func free(_ loaded: Loaded) {
        if loaded.decoded { release(loaded.dict) } else { hnj_hyphen_free(loaded.dict) }
    }

    /// Frees a dictionary from `decode`: one block per level.
    static func release(_ dict: UnsafeMutablePointer<HyphenDict>) {
        var level: UnsafeMutablePointer<HyphenDict>? = dict
        while let d = level {
            level = d.pointee.nextlevel
            Glibc.free(d)
        }
    }

    static func cacheFile(for path: String, size: Int, mtime: Int) -> String? {
        let env = { (name: String) in getenv(name).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } }
        guard let dir = env("ARTEXPORT_CACHE_DIR") ?? env("XDG_CACHE_HOME").map({ $0 + "/artexport" })
                ?? env("HOME").map({ $0 + "/.cache/artexport" }) else { return nil }
        let name = path.split(separator: "/").last.map(String.init) ?? "dict"
        return "\(dir)/\(name)-\(size)-\(mtime).bin"
    }

    // MARK: encoding

    /// Per level: byte 1; lhmin, rhmin, clhmin, crhmin; nohyphenl, utf8, cset; the
    /// nohyphen string's offset in the pool (-1: none); the counts of states and
    /// transitions and the pool's size; per state its match and repl offsets (-1:
    /// NULL), replindex, replcut, fallback state, transition count; per transition
    /// its character and new state; the pool (NUL-terminated strings). Then byte 0.
    /// Integers are 32-bit little-endian.
    static func encode(_ dict: UnsafeMutablePointer<HyphenDict>) -> [UInt8] {
        var out = magic
        func int(_ v: Int32) { withUnsafeBytes(of: v.littleEndian) { out += $0 } }
        var level: UnsafeMutablePointer<HyphenDict>? = dict
        while let d = level {
            let h = d.pointee
            var pool: [UInt8] = []
            /// `parts` NUL-separated strings one after another (libhyphen's `nohyphen`).
            func intern(_ p: UnsafeMutablePointer<CChar>?, parts: Int = 1) -> Int32 {
                guard let p else { return -1 }
                var n = 0
                for part in 0..<max(parts, 1) { n += strlen(p + n) + (part < parts - 1 ? 1 : 0) }
                let offset = Int32(pool.count)
                pool += UnsafeRawBufferPointer(start: p, count: n)
                pool.append(0)
                return offset
            }
            out.append(1)
            for v in [h.lhmin, h.rhmin, h.clhmin, h.crhmin] { out.append(UInt8(bitPattern: v)) }
            int(h.nohyphenl)
            int(h.utf8)
            withUnsafeBytes(of: h.cset) { out += $0 }
            // libhyphen keeps nohyphenl + 1 strings there: it counts the commas.
            int(intern(h.nohyphen, parts: Int(h.nohyphenl) + 1))
            let states = (0..<Int(h.num_states)).map { h.states[$0] }
            let transitions = states.reduce(0) { $0 + Int($1.num_trans) }
            var stateFields: [Int32] = []
            stateFields.reserveCapacity(states.count * 6)
            for state in states {
                stateFields += [intern(state.match), intern(state.repl), Int32(state.replindex), Int32(state.replcut),
                                state.fallback_state, state.num_trans]
            }
            int(h.num_states)
            int(Int32(transitions))
            int(Int32(pool.count))
            for v in stateFields { int(v) }
            for state in states {
                for t in 0..<Int(state.num_trans) {
                    int(Int32(state.trans[t].ch))
                    int(state.trans[t].new_state)
                }
            }
            out += pool
            level = h.nextlevel
        }
        out.append(0)
        return out
    }

    // MARK: decoding

    static func decode(_ bytes: [UInt8]) -> UnsafeMutablePointer<HyphenDict>? {
        guard bytes.starts(with: magic) else { return nil }
        return bytes.withUnsafeBytes { raw -> UnsafeMutablePointer<HyphenDict>? in
            var i = magic.count
            func int() -> Int32? {
                guard i + 4 <= raw.count else { return nil }
                defer { i += 4 }
                return Int32(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: Int32.self))
            }
            var first: UnsafeMutablePointer<HyphenDict>?
            var previous: UnsafeMutablePointer<HyphenDict>?
            func fail() -> UnsafeMutablePointer<HyphenDict>? {
                if let first { release(first) }
                return nil
            }
            while true {
                guard i < raw.count else { return fail() }
                let marker = raw[i]
                i += 1
                if marker == 0 { break }
                guard marker == 1, i + 4 <= raw.count else { return fail() }
                let minima = (raw[i], raw[i + 1], raw[i + 2], raw[i + 3])
                i += 4
                let csetSize = MemoryLayout.size(ofValue: HyphenDict().cset)
                guard let nohyphenl = int(), let utf8 = int(), i + csetSize <= raw.count else { return fail() }
                let csetAt = i
                i += csetSize
                guard let nohyphen = int(), let stateCount = int().map(Int.init), let transitionCount = int().map(Int.init),
                      let poolSize = int().map(Int.init), stateCount >= 0, transitionCount >= 0, poolSize >= 0,
                      stateCount < 50_000_000, transitionCount < 50_000_000,
                      i + stateCount * 24 + transitionCount * 8 + poolSize <= raw.count else { return fail() }
                // One block: the level, its states, its transitions, its strings.
                let statesAt = (MemoryLayout<HyphenDict>.size + 7) & ~7
                let transAt = statesAt + stateCount * MemoryLayout<HyphenState>.stride
                let poolAt = transAt + transitionCount * MemoryLayout<HyphenTrans>.stride
                let block = calloc(1, poolAt + max(poolSize, 1))!
                let d = block.assumingMemoryBound(to: HyphenDict.self)
                if let previous { previous.pointee.nextlevel = d } else { first = d }
                previous = d
                let states = (block + statesAt).bindMemory(to: HyphenState.self, capacity: stateCount)
                let trans = (block + transAt).bindMemory(to: HyphenTrans.self, capacity: transitionCount)
                let pool = (block + poolAt).bindMemory(to: CChar.self, capacity: max(poolSize, 1))
                // Every string ends inside the pool: its last byte is a NUL.
                let poolFrom = i + stateCount * 24 + transitionCount * 8
                guard poolSize == 0 || raw[poolFrom + poolSize - 1] == 0 else { return fail() }
                UnsafeMutableRawPointer(pool).copyMemory(from: raw.baseAddress! + poolFrom, byteCount: poolSize)
                func string(_ offset: Int32) -> UnsafeMutablePointer<CChar>?? {
                    if offset == -1 { return .some(nil) }
                    guard offset >= 0, Int(offset) < poolSize else { return nil }
                    return .some(pool + Int(offset))
                }
                d.pointee.lhmin = CChar(bitPattern: minima.0)
                d.pointee.rhmin = CChar(bitPattern: minima.1)
                d.pointee.clhmin = CChar(bitPattern: minima.2)
                d.pointee.crhmin = CChar(bitPattern: minima.3)
                d.pointee.nohyphenl = nohyphenl
                d.pointee.utf8 = utf8
                withUnsafeMutableBytes(of: &d.pointee.cset) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[csetAt..<(csetAt + csetSize)])) }
                guard let no = string(nohyphen) else { return fail() }
                d.pointee.nohyphen = no
                d.pointee.num_states = Int32(stateCount)
                d.pointee.states = states
                var next = 0
                for s in 0..<stateCount {
                    let f = i + s * 24
                    let field = { (k: Int) in Int32(littleEndian: raw.loadUnaligned(fromByteOffset: f + 4 * k, as: Int32.self)) }
                    let n = Int(field(5)), fallback = field(4)
                    guard let match = string(field(0)), let repl = string(field(1)), n >= 0, n <= 256, next + n <= transitionCount,
                          fallback >= -1, Int(fallback) < stateCount else { return fail() }
                    states[s] = HyphenState(match: match, repl: repl, replindex: Int8(truncatingIfNeeded: field(2)),
                                            replcut: Int8(truncatingIfNeeded: field(3)), fallback_state: fallback,
                                            num_trans: Int32(n), trans: trans + next)
                    next += n
                }
                guard next == transitionCount else { return fail() }
                let transFrom = i + stateCount * 24
                for t in 0..<transitionCount {
                    let ch = Int32(littleEndian: raw.loadUnaligned(fromByteOffset: transFrom + 8 * t, as: Int32.self))
                    let target = Int32(littleEndian: raw.loadUnaligned(fromByteOffset: transFrom + 8 * t + 4, as: Int32.self))
                    // Every transition must lead to a state of this level.
                    guard target >= 0, Int(target) < stateCount else { return fail() }
                    trans[t] = HyphenTrans(ch: CChar(truncatingIfNeeded: ch), new_state: target)
                }
                i = poolFrom + poolSize
            }
            guard i == raw.count, let first else { return fail() }
            return first
        }
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
