import ArtExportCore
import CHarfBuzzSubset

/// The HarfBuzz wrapper: one face of a font file (or of bytes in memory), its
/// tables, names and characters, and subsets of it. Only this file calls
/// HarfBuzz: the blob and face live as long as this object, every other handle
/// only inside the function that makes it.
final class HarfBuzzFace {
    private let blob: OpaquePointer
    private let face: OpaquePointer
    /// The file (or a name for bytes), for messages.
    let source: String

    /// Face `index` of a font file (a collection holds several).
    convenience init(path: String, index: Int = 0) throws(ExportError) {
        try FontLibraries.check(hbs_open())
        guard let blob = hbs_blob_create_from_file_or_fail(path) else {
            throw ExportError(.missingInput, "cannot read the font file \(path)")
        }
        try self.init(blob: blob, index: index, source: path)
    }

    /// A face from bytes (HarfBuzz keeps its own copy).
    convenience init(bytes: [UInt8], source: String) throws(ExportError) {
        try FontLibraries.check(hbs_open())
        let made = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    hbs_blob_create_or_fail($0, UInt32(buffer.count), HB_MEMORY_MODE_DUPLICATE)
                }
            }
        }
        guard let blob = made else { throw ExportError(.badInput, "\(source): no font data") }
        try self.init(blob: blob, index: 0, source: source)
    }

    /// Takes `blob` over: it is destroyed here when no face can be made of it.
    private init(blob: OpaquePointer, index: Int, source: String) throws(ExportError) {
        let count = Int(hbs_face_count(blob))
        guard index >= 0, index < max(count, 1) else {
            hbs_blob_destroy(blob)
            throw ExportError(.badInput, "\(source) holds \(count) faces, not face \(index)")
        }
        let face = hbs_face_create(blob, UInt32(index))
        guard hbs_face_is_empty(face) == 0, hbs_face_get_glyph_count(face) > 0 else {
            hbs_face_destroy(face)
            hbs_blob_destroy(blob)
            throw ExportError(.badInput, "\(source) is not an OpenType or TrueType font")
        }
        self.blob = blob
        self.face = face
        self.source = source
    }

    deinit {
        hbs_face_destroy(face)
        hbs_blob_destroy(blob)
    }

    var glyphCount: Int { Int(hbs_face_get_glyph_count(face)) }

    /// A `name` table entry (English, else the first), nil when absent or empty.
    func name(_ id: UInt32) -> String? {
        var size: UInt32 = 0
        let length = Int(hbs_ot_name_get_utf8(face, id, &size, nil))
        guard length > 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: length + 1)
        size = UInt32(buffer.count)
        _ = hbs_ot_name_get_utf8(face, id, &size, &buffer)
        return String(decoding: buffer.prefix(Int(size)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The bytes of table `tag` (four characters, `OS/2`, `CFF `); empty when absent.
    func table(_ tag: String) -> [UInt8] {
        let table = hbs_face_reference_table(face, hbs_tag(tag))
        defer { hbs_blob_destroy(table) }
        return Self.bytes(of: table)
    }

    func hasTable(_ tag: String) -> Bool {
        let table = hbs_face_reference_table(face, hbs_tag(tag))
        defer { hbs_blob_destroy(table) }
        var length: UInt32 = 0
        return hbs_blob_get_data(table, &length) != nil && length > 0
    }

    /// Every character the face's `cmap` maps, ascending.
    func unicodes() -> [UInt32] {
        let set = hbs_set_create()
        defer { hbs_set_destroy(set) }
        hbs_face_collect_unicodes(face, set)
        var out: [UInt32] = []
        var next = UInt32.max          // HB_SET_VALUE_INVALID: start before the first
        while hbs_set_next(set, &next) != 0 { out.append(next) }
        return out
    }

    /// What a subset keeps besides the glyphs of `unicodes` (and those its
    /// retained layout features reach from them).
    struct SubsetOptions {
        /// Layout features kept on top of HarfBuzz's default set.
        var extraFeatures: [String]
        /// `name` table entries kept.
        var nameIDs: [UInt32]
        var dropHinting: Bool
    }

    /// A new font (sfnt bytes) holding only what `unicodes` need.
    func subset(_ unicodes: [UInt32], _ options: SubsetOptions) throws(ExportError) -> [UInt8] {
        guard let input = hbs_subset_input_create_or_fail() else {
            throw ExportError(.internalError, "HarfBuzz could not start a subset of \(source) (out of memory)")
        }
        defer { hbs_subset_input_destroy(input) }
        let characters = hbs_subset_input_set(input, HB_SUBSET_SETS_UNICODE)
        for u in unicodes { hbs_set_add(characters, u) }
        let features = hbs_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG)
        for f in options.extraFeatures { hbs_set_add(features, hbs_tag(f)) }
        let names = hbs_subset_input_set(input, HB_SUBSET_SETS_NAME_ID)
        for id in options.nameIDs { hbs_set_add(names, id) }
        guard hbs_set_allocation_successful(characters) != 0, hbs_set_allocation_successful(features) != 0,
              hbs_set_allocation_successful(names) != 0 else {
            throw ExportError(.internalError, "HarfBuzz ran out of memory subsetting \(source)")
        }
        hbs_subset_input_set_flags(input, options.dropHinting ? HB_SUBSET_FLAGS_NO_HINTING.rawValue : HB_SUBSET_FLAGS_DEFAULT.rawValue)
        guard let result = hbs_subset_or_fail(face, input) else {
            throw ExportError(.badInput, "HarfBuzz could not subset the font \(source)")
        }
        defer { hbs_face_destroy(result) }
        let serialized = hbs_face_reference_blob(result)
        defer { hbs_blob_destroy(serialized) }
        let bytes = Self.bytes(of: serialized)
        guard !bytes.isEmpty else { throw ExportError(.badInput, "HarfBuzz made an empty subset of the font \(source)") }
        return bytes
    }

    private static func bytes(of blob: OpaquePointer) -> [UInt8] {
        var length: UInt32 = 0
        guard let data = hbs_blob_get_data(blob, &length), length > 0 else { return [] }
        return data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { Array(UnsafeBufferPointer(start: $0, count: Int(length))) }
    }
}
