import ArtExportCore
import CZip
#if canImport(Glibc)
import Glibc
#endif

/// The libzip wrapper: builds a ZIP archive in memory and reads one back.
/// Every libzip handle is created and freed inside this file, and only this file
/// calls libzip, which it opens on first use (Sources/CZip/shim.h says why).
struct ZipArchive {
    /// zlib's level for the text entries. Measured on the five samples (in-process
    /// EPUB exports, one worker): level 1 exports 518 articles/s and writes 63.7 KB,
    /// level 6 371/s and 59.4 KB, level 9 370/s and 59.3 KB (libzip's default). Seven
    /// per cent more bytes (under a kilobyte an article; images are stored as they
    /// are) for two fifths more articles a second.
    static let deflateLevel: UInt32 = 1

    enum Compression { case store, deflate }

    struct Entry {
        var name: String
        var bytes: [UInt8]
        var compression: Compression
    }

    /// A calendar time for every entry's MS-DOS timestamp, written as given (no
    /// time-zone conversion), so output does not depend on the machine's zone.
    struct Timestamp {
        var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

        init(_ t: UTCTime) {
            // MS-DOS dates run from 1980 to 2107; outside, the nearest end (a day
            // such as 29 February taken into 2107 would not exist).
            if t.year < 1980 {
                (year, month, day, hour, minute, second) = (1980, 1, 1, 0, 0, 0)
            } else if t.year > 2107 {
                (year, month, day, hour, minute, second) = (2107, 12, 31, 23, 59, 58)
            } else {
                (year, month, day, hour, minute, second) = (t.year, t.month, t.day, t.hour, t.minute, t.second)
            }
        }

        var dosTime: UInt16 { UInt16(hour << 11 | minute << 5 | second / 2) }
        var dosDate: UInt16 { UInt16((year - 1980) << 9 | month << 5 | day) }
    }

    struct Failure: Error {
        var message: String
    }

    /// The archive's bytes: entries in the order given, each stamped `time`.
    static func build(_ entries: [Entry], time: Timestamp) throws(Failure) -> [UInt8] {
        try openLibrary()
        var error = zip_error_t()
        lz_error_init(&error)
        defer { lz_error_fini(&error) }
        guard let source = lz_source_buffer_create(nil, 0, 0, &error) else {
            throw Failure(message: describe(&error))
        }
        // The archive is closed before the buffer is read back: keep the source alive.
        lz_source_keep(source)
        defer { lz_source_free(source) }
        guard let archive = lz_open_from_source(source, ZIP_TRUNCATE, &error) else {
            lz_source_free(source)
            throw Failure(message: describe(&error))
        }
        // One zlib stream for every deflated entry (Sources/CZip/shim.h says why).
        var deflater: UnsafeMutablePointer<lz_deflater>?
        defer { lz_deflater_free(deflater) }
        for entry in entries {
            let data: OpaquePointer?
            switch entry.compression {
            case .deflate:
                if deflater == nil {
                    deflater = lz_deflater_new(Int32(Self.deflateLevel))
                    guard deflater != nil else {
                        lz_discard(archive)
                        throw Failure(message: "zlib could not start a deflate stream")
                    }
                }
                data = entry.bytes.withUnsafeBufferPointer { lz_source_deflated(archive, deflater!, $0.baseAddress, $0.count) }
            case .store:
                // libzip reads the data at zip_close: hand it a malloc'd copy to own.
                let copy = malloc(max(entry.bytes.count, 1))!
                entry.bytes.withUnsafeBytes { raw in
                    if let base = raw.baseAddress { memcpy(copy, base, raw.count) }
                }
                data = lz_source_buffer(archive, copy, UInt64(entry.bytes.count), 1)
                if data == nil { free(copy) }
            }
            guard let data else {
                let message = entry.compression == .deflate ? "could not deflate \(entry.name)" : String(cString: lz_strerror(archive))
                lz_discard(archive)
                throw Failure(message: message)
            }
            let index = lz_file_add(archive, entry.name, data, ZIP_FL_ENC_UTF_8)
            guard index >= 0 else {
                lz_source_free(data)
                let message = String(cString: lz_strerror(archive))
                lz_discard(archive)
                throw Failure(message: message)
            }
            // A deflated entry's source says so itself; libzip copies it as it is.
            guard entry.compression == .deflate || lz_set_file_compression(archive, UInt64(index), ZIP_CM_STORE, 0) == 0,
                  lz_file_set_dostime(archive, UInt64(index), time.dosTime, time.dosDate, 0) == 0 else {
                let message = String(cString: lz_strerror(archive))
                lz_discard(archive)
                throw Failure(message: message)
            }
        }
        guard lz_close(archive) == 0 else {
            let message = String(cString: lz_strerror(archive))
            lz_discard(archive)
            throw Failure(message: message)
        }
        return try readAll(source)
    }

    private static func readAll(_ source: OpaquePointer) throws(Failure) -> [UInt8] {
        var stat = zip_stat_t()
        lz_stat_init(&stat)
        guard lz_source_stat(source, &stat) == 0, lz_source_open(source) == 0 else {
            throw Failure(message: String(cString: lz_error_strerror(lz_source_error(source))))
        }
        defer { lz_source_close(source) }
        var bytes = [UInt8](repeating: 0, count: Int(stat.size))
        let n = bytes.withUnsafeMutableBytes { lz_source_read(source, $0.baseAddress, UInt64($0.count)) }
        guard n == Int64(stat.size) else {
            throw Failure(message: "short read of the archive buffer")
        }
        return bytes
    }

    /// The entries of an archive in its stored order, as (name, bytes).
    static func read(_ archiveBytes: [UInt8]) throws(Failure) -> [(name: String, bytes: [UInt8])] {
        try openLibrary()
        var error = zip_error_t()
        lz_error_init(&error)
        defer { lz_error_fini(&error) }
        let copy = malloc(max(archiveBytes.count, 1))!
        archiveBytes.withUnsafeBytes { raw in
            if let base = raw.baseAddress { memcpy(copy, base, raw.count) }
        }
        guard let source = lz_source_buffer_create(copy, UInt64(archiveBytes.count), 1, &error) else {
            free(copy)
            throw Failure(message: describe(&error))
        }
        guard let archive = lz_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error) else {
            lz_source_free(source)
            throw Failure(message: describe(&error))
        }
        defer { lz_discard(archive) }
        var result: [(String, [UInt8])] = []
        for index in 0..<UInt64(max(lz_get_num_entries(archive, 0), 0)) {
            var stat = zip_stat_t()
            guard lz_stat_index(archive, index, 0, &stat) == 0, let name = stat.name,
                  let file = lz_fopen_index(archive, index, 0) else {
                throw Failure(message: String(cString: lz_strerror(archive)))
            }
            defer { lz_fclose(file) }
            var bytes = [UInt8](repeating: 0, count: Int(stat.size))
            let n = bytes.withUnsafeMutableBytes { lz_fread(file, $0.baseAddress, UInt64($0.count)) }
            guard n == Int64(stat.size) else { throw Failure(message: "short read of \(String(cString: name))") }
            result.append((String(cString: name), bytes))
        }
        return result
    }

    static func prepare() {
        _ = lz_open()
    }

    private static func openLibrary() throws(Failure) {
        if let why = lz_open() { throw Failure(message: "libzip could not be loaded (apt-get install libzip4): \(String(cString: why))") }
    }

    private static func describe(_ error: inout zip_error_t) -> String {
        String(cString: lz_error_strerror(&error))
    }
}
