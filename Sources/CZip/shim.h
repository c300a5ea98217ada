// libzip, opened on first use rather than at start-up: libzip brings libcrypto,
// libbz2 and libz, and mapping them cost every artexport process about 2 ms,
// `--version` included (docs/architecture in README, "Two executables").
// Each lz_ function calls the libzip function of the same name after lz_open()
// has succeeded once; before that they must not be called.
#include <zip.h>
#include <zlib.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct lz_functions {
    __typeof__(zip_close) *close;
    __typeof__(zip_discard) *discard;
    __typeof__(zip_error_fini) *error_fini;
    __typeof__(zip_error_init) *error_init;
    __typeof__(zip_error_strerror) *error_strerror;
    __typeof__(zip_fclose) *fclose;
    __typeof__(zip_file_add) *file_add;
    __typeof__(zip_file_set_dostime) *file_set_dostime;
    __typeof__(zip_fopen_index) *fopen_index;
    __typeof__(zip_fread) *fread;
    __typeof__(zip_get_num_entries) *get_num_entries;
    __typeof__(zip_open_from_source) *open_from_source;
    __typeof__(zip_set_file_compression) *set_file_compression;
    __typeof__(zip_source_buffer) *source_buffer;
    __typeof__(zip_source_buffer_create) *source_buffer_create;
    __typeof__(zip_source_close) *source_close;
    __typeof__(zip_source_error) *source_error;
    __typeof__(zip_source_free) *source_free;
    __typeof__(zip_source_function) *source_function;
    __typeof__(zip_source_keep) *source_keep;
    __typeof__(zip_source_open) *source_open;
    __typeof__(zip_source_read) *source_read;
    __typeof__(zip_source_stat) *source_stat;
    __typeof__(zip_stat_index) *stat_index;
    __typeof__(zip_stat_init) *stat_init;
    __typeof__(zip_strerror) *strerror;
    // zlib, which libzip loads: entries are deflated here, through one stream
    // per archive (lz_deflater below).
    __typeof__(deflateInit2_) *deflate_init2;
    __typeof__(deflate) *deflate;
    __typeof__(deflateReset) *deflate_reset;
    __typeof__(deflateEnd) *deflate_end;
    __typeof__(deflateBound) *deflate_bound;
    __typeof__(crc32) *crc32;
};

struct lz_state {
    struct lz_functions f;
    const char *failure;
    pthread_once_t once;
};

// Storage inside a function: Swift emits the bodies of the header's inline
// functions it calls, but no file-scope variable of a header.
static inline struct lz_state *_Nonnull lz_state(void) {
    static struct lz_state state = { .once = PTHREAD_ONCE_INIT };
    return &state;
}
static void lz_load(void);
// Every wrapper loads its own object file's table first (once): Swift may inline
// a wrapper into any file of the calling module, and each object file has its
// own copy of the static storage, so no file may rely on another's lz_open().
static inline struct lz_functions *_Nonnull lz_loaded(void) {
    pthread_once(&lz_state()->once, lz_load);
    return &lz_state()->f;
}
#define lz_f (*lz_loaded())
#define lz_failure (lz_state()->failure)

static void lz_load(void) {
    // The Debian 12 library (libzip4); the unversioned name where only the
    // development link exists.
    void *h = dlopen("libzip.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!h) h = dlopen("libzip.so", RTLD_NOW | RTLD_LOCAL);
    if (!h) { lz_failure = dlerror(); return; }
#define LZ(name) if (!(*(void **)&lz_state()->f.name = dlsym(h, "zip_" #name))) { lz_failure = "libzip lacks zip_" #name; return; }
    LZ(close) LZ(discard) LZ(error_fini) LZ(error_init) LZ(error_strerror) LZ(fclose) LZ(file_add)
    LZ(file_set_dostime) LZ(fopen_index) LZ(fread) LZ(get_num_entries) LZ(open_from_source)
    LZ(set_file_compression) LZ(source_buffer) LZ(source_buffer_create) LZ(source_close)
    LZ(source_error) LZ(source_free) LZ(source_keep) LZ(source_open) LZ(source_read) LZ(source_stat)
    LZ(stat_index) LZ(stat_init) LZ(strerror) LZ(source_function)
#undef LZ
    void *z = dlopen("libz.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!z) { lz_failure = dlerror(); return; }
#define LZZ(field, name) if (!(*(void **)&lz_state()->f.field = dlsym(z, #name))) { lz_failure = "zlib lacks " #name; return; }
    LZZ(deflate_init2, deflateInit2_) LZZ(deflate, deflate) LZZ(deflate_reset, deflateReset)
    LZZ(deflate_end, deflateEnd) LZZ(deflate_bound, deflateBound) LZZ(crc32, crc32)
#undef LZZ
}

// NULL when libzip is ready; else why it is not. Thread-safe; loads once.
static inline const char *_Nullable lz_open(void) {
    pthread_once(&lz_state()->once, lz_load);
    return lz_failure ? (lz_failure[0] ? lz_failure : "libzip could not be loaded") : NULL;
}

static inline int lz_close(zip_t *_Nonnull z) { return lz_f.close(z); }
static inline void lz_discard(zip_t *_Nonnull z) { lz_f.discard(z); }
static inline void lz_error_fini(zip_error_t *_Nonnull e) { lz_f.error_fini(e); }
static inline void lz_error_init(zip_error_t *_Nonnull e) { lz_f.error_init(e); }
static inline const char *_Nonnull lz_error_strerror(zip_error_t *_Nonnull e) { return lz_f.error_strerror(e); }
static inline int lz_fclose(zip_file_t *_Nonnull f) { return lz_f.fclose(f); }
static inline zip_int64_t lz_file_add(zip_t *_Nonnull z, const char *_Nonnull name, zip_source_t *_Nonnull s, zip_flags_t fl) { return lz_f.file_add(z, name, s, fl); }
static inline int lz_file_set_dostime(zip_t *_Nonnull z, zip_uint64_t i, zip_uint16_t t, zip_uint16_t d, zip_flags_t fl) { return lz_f.file_set_dostime(z, i, t, d, fl); }
static inline zip_file_t *_Nullable lz_fopen_index(zip_t *_Nonnull z, zip_uint64_t i, zip_flags_t fl) { return lz_f.fopen_index(z, i, fl); }
static inline zip_int64_t lz_fread(zip_file_t *_Nonnull f, void *_Nonnull b, zip_uint64_t n) { return lz_f.fread(f, b, n); }
static inline zip_int64_t lz_get_num_entries(zip_t *_Nonnull z, zip_flags_t fl) { return lz_f.get_num_entries(z, fl); }
static inline zip_t *_Nullable lz_open_from_source(zip_source_t *_Nonnull s, int fl, zip_error_t *_Nullable e) { return lz_f.open_from_source(s, fl, e); }
static inline int lz_set_file_compression(zip_t *_Nonnull z, zip_uint64_t i, zip_int32_t m, zip_uint32_t l) { return lz_f.set_file_compression(z, i, m, l); }
static inline zip_source_t *_Nullable lz_source_buffer(zip_t *_Nonnull z, const void *_Nullable d, zip_uint64_t n, int fr) { return lz_f.source_buffer(z, d, n, fr); }
static inline zip_source_t *_Nullable lz_source_buffer_create(const void *_Nullable d, zip_uint64_t n, int fr, zip_error_t *_Nullable e) { return lz_f.source_buffer_create(d, n, fr, e); }
static inline int lz_source_close(zip_source_t *_Nonnull s) { return lz_f.source_close(s); }
static inline zip_error_t *_Nonnull lz_source_error(zip_source_t *_Nonnull s) { return lz_f.source_error(s); }
static inline void lz_source_free(zip_source_t *_Nullable s) { lz_f.source_free(s); }
static inline void lz_source_keep(zip_source_t *_Nonnull s) { lz_f.source_keep(s); }
static inline int lz_source_open(zip_source_t *_Nonnull s) { return lz_f.source_open(s); }
static inline zip_int64_t lz_source_read(zip_source_t *_Nonnull s, void *_Nonnull b, zip_uint64_t n) { return lz_f.source_read(s, b, n); }
static inline int lz_source_stat(zip_source_t *_Nonnull s, zip_stat_t *_Nonnull st) { return lz_f.source_stat(s, st); }
static inline int lz_stat_index(zip_t *_Nonnull z, zip_uint64_t i, zip_flags_t fl, zip_stat_t *_Nonnull st) { return lz_f.stat_index(z, i, fl, st); }
static inline void lz_stat_init(zip_stat_t *_Nonnull st) { lz_f.stat_init(st); }
static inline const char *_Nonnull lz_strerror(zip_t *_Nonnull z) { return lz_f.strerror(z); }

// Deflated entries. libzip's own deflate layer sets up zlib's state (about 400 KB,
// allocated and cleared) for every entry; an EPUB has seven or more small ones,
// and that set-up cost more than compressing them. One stream serves a whole
// archive instead, reset between entries: raw deflate and window 15 as libzip's
// layer, but memory level 6, not 9. A reset clears the hash table, 128 KB at
// level 9 and 16 KB at 6; on 20 generated 1,000-word articles (callgrind, one
// job) the whole run took 313.4 M instructions at 9, 302.6 M at 8 and 295.8 M
// at 6, for 180,700, 180,560 and 181,016 bytes of EPUB.
typedef struct lz_deflater { z_stream z; int level; } lz_deflater;

static inline lz_deflater *_Nullable lz_deflater_new(int level) {
    lz_deflater *d = (lz_deflater *)calloc(1, sizeof(lz_deflater));
    if (!d) return NULL;
    d->level = level;
    if (lz_f.deflate_init2(&d->z, level, Z_DEFLATED, -MAX_WBITS, 6 /* memory level */, Z_DEFAULT_STRATEGY,
                           ZLIB_VERSION, (int)sizeof(z_stream)) != Z_OK) { free(d); return NULL; }
    return d;
}
static inline void lz_deflater_free(lz_deflater *_Nullable d) {
    if (!d) return;
    lz_f.deflate_end(&d->z);
    free(d);
}

// An entry already deflated: libzip copies it as it is (its stat says deflate,
// with the size and CRC known) and reports the attributes its deflate layer would.
struct lz_deflated {
    unsigned char *_Nonnull data;
    zip_uint64_t compressed, size, offset;
    zip_uint32_t crc;
    zip_uint16_t flags;
};

static zip_int64_t lz_deflated_callback(void *_Nullable ud, void *_Nullable data, zip_uint64_t len, zip_source_cmd_t cmd) {
    struct lz_deflated *e = (struct lz_deflated *)ud;
    switch (cmd) {
    case ZIP_SOURCE_OPEN: e->offset = 0; return 0;
    case ZIP_SOURCE_READ: {
        zip_uint64_t n = e->compressed - e->offset;
        if (n > len) n = len;
        memcpy(data, e->data + e->offset, n);
        e->offset += n;
        return (zip_int64_t)n;
    }
    case ZIP_SOURCE_CLOSE: return 0;
    case ZIP_SOURCE_STAT: {
        if (len < sizeof(zip_stat_t)) return -1;
        zip_stat_t *st = (zip_stat_t *)data;
        lz_f.stat_init(st);
        st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC | ZIP_STAT_ENCRYPTION_METHOD;
        st->size = e->size;
        st->comp_size = e->compressed;
        st->comp_method = ZIP_CM_DEFLATE;
        st->crc = e->crc;
        st->encryption_method = ZIP_EM_NONE;
        return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_GET_FILE_ATTRIBUTES: {
        if (len < sizeof(zip_file_attributes_t)) return -1;
        zip_file_attributes_t *a = (zip_file_attributes_t *)data;
        a->valid |= ZIP_FILE_ATTRIBUTES_VERSION_NEEDED | ZIP_FILE_ATTRIBUTES_GENERAL_PURPOSE_BIT_FLAGS;
        a->version_needed = 20;
        a->general_purpose_bit_mask = 0x0006;   // only the compression bits, set below
        a->general_purpose_bit_flags = e->flags;
        return sizeof(zip_file_attributes_t);
    }
    case ZIP_SOURCE_ERROR: {
        // Nothing here fails once the entry exists: no error to report.
        if (len < 2 * sizeof(int)) return -1;
        ((int *)data)[0] = ZIP_ER_OK; ((int *)data)[1] = 0;
        return 2 * sizeof(int);
    }
    case ZIP_SOURCE_FREE: free(e->data); free(e); return 0;
    case ZIP_SOURCE_SUPPORTS:
        return ZIP_SOURCE_SUPPORTS_READABLE | ZIP_SOURCE_MAKE_COMMAND_BITMASK(ZIP_SOURCE_GET_FILE_ATTRIBUTES);
    default: return -1;
    }
}

// A source for `bytes` deflated through `d`; NULL when memory or zlib fails
// (then nothing is left allocated).
static inline zip_source_t *_Nullable lz_source_deflated(zip_t *_Nonnull z, lz_deflater *_Nonnull d,
                                                         const unsigned char *_Nullable bytes, size_t count) {
    if (count > 0xffffffffu) return NULL;
    if (lz_f.deflate_reset(&d->z) != Z_OK) return NULL;
    uLong bound = lz_f.deflate_bound(&d->z, (uLong)count);
    struct lz_deflated *e = (struct lz_deflated *)calloc(1, sizeof(struct lz_deflated));
    unsigned char *out = (unsigned char *)malloc(bound > 0 ? bound : 1);
    if (!e || !out) { free(e); free(out); return NULL; }
    static const unsigned char empty = 0;
    d->z.next_in = (Bytef *)(bytes ? bytes : &empty);
    d->z.avail_in = (uInt)count;
    d->z.next_out = out;
    d->z.avail_out = (uInt)bound;
    if (lz_f.deflate(&d->z, Z_FINISH) != Z_STREAM_END) { free(e); free(out); return NULL; }
    e->data = out;
    e->compressed = d->z.total_out;
    e->size = count;
    e->crc = (zip_uint32_t)lz_f.crc32(lz_f.crc32(0, NULL, 0), bytes ? bytes : &empty, (uInt)count);
    // What libzip's deflate layer writes into bits 1-2: 2 = fast (levels 1-2), 1 = maximum (8-9).
    e->flags = d->level < 3 ? (2 << 1) : (d->level > 7 ? (1 << 1) : 0);
    zip_source_t *s = lz_f.source_function(z, lz_deflated_callback, e);
    if (!s) { free(out); free(e); }
    return s;
}
