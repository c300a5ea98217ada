import ArtExportCore
import CHyphen
#if canImport(Glibc)
import Glibc
#endif

/// A compiled copy of hyphenation dictionaries. libhyphen builds its pattern
/// automaton on every load, and for the 78,000 German patterns that takes 2–4 s
/// (its state hash table has a fixed 31,627 buckets), which a one-article export
/// should not pay each time. After the first load the automaton (the `HyphenDict`
/// structs of hyphen.h) is written to `$ARTEXPORT_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/artexport`, else `~/.cache/artexport`, and later rebuilt from
/// there. The file is named after the dictionary's name, size and modification
/// time; anything unexpected in it means a normal load instead.
///
/// Each level of the file is laid out as it is in memory — its states, then every
/// transition as a `HyphenTrans`, then one pool of every string — and the file is
/// mapped, not read: the transitions and strings are used where they lie, and only
/// the states, which hold pointers, are built. Rebuilt with a malloc per string and
/// per state's transitions, as libhyphen allocates, German took 166 M instructions,
/// a third of a one-article export. A decoded dictionary is freed with `free`.
enum HyphenDictionaryCache {
    /// Dictionaries smaller than this load in about a millisecond: not worth a file.
    /// English (106 KB) took 38 M instructions to load, a tenth of a one-article
    /// export; from the cache, a fiftieth of that.
    static let minimumSize = 16 * 1024
    static let magic: [UInt8] = Array("artexport-hyphen-3\n".utf8)

    /// Whether a file's transitions can serve as libhyphen's in place: 32-bit little-endian
    /// integers where `HyphenTrans` keeps `ch` (its low byte) and `new_state`.
    static let transitionsMatchMemory = MemoryLayout<HyphenTrans>.stride == 8
        && MemoryLayout<HyphenTrans>.offset(of: \HyphenTrans.new_state) == 4 && 1.littleEndian == 1

    /// A dictionary and who frees it.
    struct Loaded {
        var dict: UnsafeMutablePointer<HyphenDict>
        /// The mapped cache file a decoded dictionary points into (address and length);
        /// nil: loaded by libhyphen, freed by `hnj_hyphen_free`.
        var mapping: (address: Int, length: Int)?
    }

    static func load(_ path: String) -> Loaded? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        guard transitionsMatchMemory, Int(st.st_size) >= minimumSize,
              let file = cacheFile(for: path, size: Int(st.st_size), mtime: Int(st.st_mtim.tv_sec)) else {
            return hnj_hyphen_load(path).map { Loaded(dict: $0, mapping: nil) }
        }
        if let mapped = map(file) {
            if let dict = decode(UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: mapped.address), count: mapped.length)) {
                return Loaded(dict: dict, mapping: mapped)
            }
            munmap(UnsafeMutableRawPointer(bitPattern: mapped.address), mapped.length)
        }
        guard let dict = hnj_hyphen_load(path) else { return nil }
        write(encode(dict), to: file)
        return Loaded(dict: dict, mapping: nil)
    }

    static func free(_ loaded: Loaded) {
        guard let mapping = loaded.mapping else { hnj_hyphen_free(loaded.dict); return }
        release(loaded.dict)
        munmap(UnsafeMutableRawPointer(bitPattern: mapping.address), mapping.length)
    }

    /// Frees the levels and states `decode` built (not the bytes they point into).
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
    /// transitions and the pool's size; zero bytes to a multiple of 8 from the file's
    /// start; per state its match and repl offsets (-1: NULL), replindex, replcut,
    /// fallback state, transition count; per transition its character and new state;
    /// the pool (NUL-terminated strings). Then byte 0. Integers are 32-bit little-endian.
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
            while out.count % 8 != 0 { out.append(0) }
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

    /// The dictionary in `raw` (a mapped cache file, 8-byte aligned), its transitions
    /// and strings pointing into `raw`, which must outlive it; nil when anything in
    /// it is out of place. Free it with `release`, then `raw`.
    static func decode(_ raw: UnsafeRawBufferPointer) -> UnsafeMutablePointer<HyphenDict>? {
        guard transitionsMatchMemory, let base = raw.baseAddress, Int(bitPattern: base) % 8 == 0,
              raw.count >= magic.count, raw.prefix(magic.count).elementsEqual(magic) else { return nil }
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
                  stateCount < 50_000_000, transitionCount < 50_000_000 else { return fail() }
            i = (i + 7) & ~7
            let transFrom = i + stateCount * 24, poolFrom = transFrom + transitionCount * 8
            guard poolFrom + poolSize <= raw.count else { return fail() }
            // Every string ends inside the pool: its last byte is a NUL.
            guard poolSize == 0 || raw[poolFrom + poolSize - 1] == 0 else { return fail() }
            // One block: the level and its states.
            let statesAt = (MemoryLayout<HyphenDict>.size + 7) & ~7
            let block = calloc(1, statesAt + stateCount * MemoryLayout<HyphenState>.stride)!
            let d = block.assumingMemoryBound(to: HyphenDict.self)
            if let previous { previous.pointee.nextlevel = d } else { first = d }
            previous = d
            let states = (block + statesAt).bindMemory(to: HyphenState.self, capacity: stateCount)
            // libhyphen only reads these (HyphenDictionary): the mapping stays read-only.
            let trans = UnsafeMutablePointer(mutating: (base + transFrom).assumingMemoryBound(to: HyphenTrans.self))
            let pool = UnsafeMutablePointer(mutating: (base + poolFrom).assumingMemoryBound(to: CChar.self))
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
            // Every transition must lead to a state of this level.
            guard next == transitionCount,
                  (0..<transitionCount).allSatisfy({ t in
                      let target = Int32(littleEndian: raw.load(fromByteOffset: transFrom + 8 * t + 4, as: Int32.self))
                      return target >= 0 && Int(target) < stateCount
                  }) else { return fail() }
            i = poolFrom + poolSize
        }
        guard i == raw.count, let first else { return fail() }
        return first
    }

    // MARK: files

    /// The cache file mapped read-only: only a regular file, and no larger than any
    /// dictionary compiles to (German: 10 MB).
    private static func map(_ path: String) -> (address: Int, length: Int)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_size > 0, st.st_size <= 64 << 20 else { return nil }
        let length = Int(st.st_size)
        guard let address = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else { return nil }
        return (Int(bitPattern: address), length)
    }

    /// Best effort: a cache that cannot be written is simply not there next time.
    private static func write(_ bytes: [UInt8], to path: String) {
        guard let slash = path.lastIndex(of: "/") else { return }
        let dir = String(path[..<slash])
        if !FileIO.isDirectory(LocalPath(dir)) { try? FileIO.makeDirectory(LocalPath(dir)) }
        try? FileIO.writeAtomically(bytes, to: LocalPath(path))
    }
}
