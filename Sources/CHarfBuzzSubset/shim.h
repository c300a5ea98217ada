// HarfBuzz's subsetter and fontconfig, opened on first use rather than at
// start-up: only an EPUB that embeds fonts needs them, and an EPUB-only
// artexport process must not map them, with what they bring (FreeType, expat,
// libpng, GLib, graphite2, brotli: twelve libraries in all), for every run,
// `--version` included; Sources/CZip/shim.h does the same for libzip. The
// headers are named by their folders (no pkg-config in the manifest), since
// pkg-config's flags would link the libraries after all.
// Each hbs_ function calls the function of the same name (hb_ / hb_subset_ /
// Fc) after hbs_open() has succeeded once; before that they must not be called.
// Being static inline, every object file has its own table, which each wrapper
// loads on first use (hbs_loaded).
#include <harfbuzz/hb.h>
#include <harfbuzz/hb-ot.h>
#include <harfbuzz/hb-subset.h>
#include <fontconfig/fontconfig.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

struct hbs_functions {
    // libharfbuzz
    __typeof__(hb_blob_create_from_file_or_fail) *blob_create_from_file_or_fail;
    __typeof__(hb_blob_create_or_fail) *blob_create_or_fail;
    __typeof__(hb_blob_destroy) *blob_destroy;
    __typeof__(hb_blob_get_data) *blob_get_data;
    __typeof__(hb_face_count) *face_count;
    __typeof__(hb_face_create) *face_create;
    __typeof__(hb_face_destroy) *face_destroy;
    __typeof__(hb_face_get_empty) *face_get_empty;
    __typeof__(hb_face_get_glyph_count) *face_get_glyph_count;
    __typeof__(hb_face_reference_blob) *face_reference_blob;
    __typeof__(hb_face_reference_table) *face_reference_table;
    __typeof__(hb_face_collect_unicodes) *face_collect_unicodes;
    __typeof__(hb_ot_name_get_utf8) *ot_name_get_utf8;
    __typeof__(hb_set_create) *set_create;
    __typeof__(hb_set_destroy) *set_destroy;
    __typeof__(hb_set_add) *set_add;
    __typeof__(hb_set_allocation_successful) *set_allocation_successful;
    __typeof__(hb_set_next) *set_next;
    __typeof__(hb_tag_from_string) *tag_from_string;
    // libharfbuzz-subset
    __typeof__(hb_subset_input_create_or_fail) *subset_input_create_or_fail;
    __typeof__(hb_subset_input_destroy) *subset_input_destroy;
    __typeof__(hb_subset_input_set) *subset_input_set;
    __typeof__(hb_subset_input_set_flags) *subset_input_set_flags;
    __typeof__(hb_subset_or_fail) *subset_or_fail;
    // libfontconfig
    __typeof__(FcConfigSubstitute) *FcConfigSubstitute;
    __typeof__(FcDefaultSubstitute) *FcDefaultSubstitute;
    __typeof__(FcFontMatch) *FcFontMatch;
    __typeof__(FcPatternAddDouble) *FcPatternAddDouble;
    __typeof__(FcPatternAddInteger) *FcPatternAddInteger;
    __typeof__(FcPatternAddString) *FcPatternAddString;
    __typeof__(FcPatternCreate) *FcPatternCreate;
    __typeof__(FcPatternDestroy) *FcPatternDestroy;
    __typeof__(FcPatternGetDouble) *FcPatternGetDouble;
    __typeof__(FcPatternGetInteger) *FcPatternGetInteger;
    __typeof__(FcPatternGetString) *FcPatternGetString;
    __typeof__(FcWeightFromOpenTypeDouble) *FcWeightFromOpenTypeDouble;
    __typeof__(FcWeightToOpenTypeDouble) *FcWeightToOpenTypeDouble;
};

struct hbs_state {
    struct hbs_functions f;
    const char *failure;
    pthread_once_t once;
};

// Storage inside a function: Swift emits the bodies of the header's inline
// functions it calls, but no file-scope variable of a header.
static inline struct hbs_state *_Nonnull hbs_state(void) {
    static struct hbs_state state = { .once = PTHREAD_ONCE_INIT };
    return &state;
}
static void hbs_load(void);
// Every wrapper loads its own object file's table first (once): Swift may inline
// a wrapper into any file of the calling module, and each object file has its
// own copy of the static storage, so no file may rely on another's hbs_open().
static inline struct hbs_functions *_Nonnull hbs_loaded(void) {
    pthread_once(&hbs_state()->once, hbs_load);
    return &hbs_state()->f;
}
#define hbs_f (*hbs_loaded())
#define hbs_failure (hbs_state()->failure)

// The Debian 12 library's soname, else the unversioned development link.
static void *_Nullable hbs_dlopen(const char *_Nonnull soname, const char *_Nonnull devname) {
    void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!h) h = dlopen(devname, RTLD_NOW | RTLD_LOCAL);
    if (!h) hbs_failure = dlerror();
    return h;
}

static void hbs_load(void) {
    void *hb = hbs_dlopen("libharfbuzz.so.0", "libharfbuzz.so");
    if (!hb) return;
    void *sub = hbs_dlopen("libharfbuzz-subset.so.0", "libharfbuzz-subset.so");
    if (!sub) return;
    void *fc = hbs_dlopen("libfontconfig.so.1", "libfontconfig.so");
    if (!fc) return;
#define HB(name) if (!(*(void **)&hbs_state()->f.name = dlsym(hb, "hb_" #name))) { hbs_failure = "libharfbuzz lacks hb_" #name; return; }
#define SUB(name) if (!(*(void **)&hbs_state()->f.name = dlsym(sub, "hb_" #name))) { hbs_failure = "libharfbuzz-subset lacks hb_" #name; return; }
#define FC(name) if (!(*(void **)&hbs_state()->f.name = dlsym(fc, #name))) { hbs_failure = "libfontconfig lacks " #name; return; }
    HB(blob_create_from_file_or_fail) HB(blob_create_or_fail) HB(blob_destroy) HB(blob_get_data)
    HB(face_count) HB(face_create) HB(face_destroy) HB(face_get_empty) HB(face_get_glyph_count)
    HB(face_reference_blob) HB(face_reference_table) HB(face_collect_unicodes) HB(ot_name_get_utf8)
    HB(set_create) HB(set_destroy) HB(set_add) HB(set_allocation_successful) HB(set_next) HB(tag_from_string)
    SUB(subset_input_create_or_fail) SUB(subset_input_destroy) SUB(subset_input_set)
    SUB(subset_input_set_flags) SUB(subset_or_fail)
    FC(FcConfigSubstitute) FC(FcDefaultSubstitute) FC(FcFontMatch) FC(FcPatternAddDouble)
    FC(FcPatternAddInteger) FC(FcPatternAddString) FC(FcPatternCreate) FC(FcPatternDestroy)
    FC(FcPatternGetDouble) FC(FcPatternGetInteger) FC(FcPatternGetString)
    FC(FcWeightFromOpenTypeDouble) FC(FcWeightToOpenTypeDouble)
#undef HB
#undef SUB
#undef FC
}

// NULL when the three libraries are ready; else why not. Thread-safe; loads once.
static inline const char *_Nullable hbs_open(void) {
    pthread_once(&hbs_state()->once, hbs_load);
    return hbs_failure ? (hbs_failure[0] ? hbs_failure : "HarfBuzz or fontconfig could not be loaded") : NULL;
}

// HB_TAG is a macro Swift does not see.
static inline hb_tag_t hbs_tag(const char *_Nonnull four) { return hbs_f.tag_from_string(four, 4); }

static inline hb_blob_t *_Nullable hbs_blob_create_from_file_or_fail(const char *_Nonnull path) { return hbs_f.blob_create_from_file_or_fail(path); }
static inline hb_blob_t *_Nullable hbs_blob_create_or_fail(const char *_Nonnull data, unsigned n, hb_memory_mode_t mode) { return hbs_f.blob_create_or_fail(data, n, mode, NULL, NULL); }
static inline void hbs_blob_destroy(hb_blob_t *_Nullable b) { hbs_f.blob_destroy(b); }
static inline const char *_Nullable hbs_blob_get_data(hb_blob_t *_Nonnull b, unsigned *_Nonnull n) { return hbs_f.blob_get_data(b, n); }
static inline unsigned hbs_face_count(hb_blob_t *_Nonnull b) { return hbs_f.face_count(b); }
static inline hb_face_t *_Nonnull hbs_face_create(hb_blob_t *_Nonnull b, unsigned index) { return hbs_f.face_create(b, index); }
static inline void hbs_face_destroy(hb_face_t *_Nullable f) { hbs_f.face_destroy(f); }
static inline int hbs_face_is_empty(hb_face_t *_Nonnull f) { return f == hbs_f.face_get_empty(); }
static inline unsigned hbs_face_get_glyph_count(hb_face_t *_Nonnull f) { return hbs_f.face_get_glyph_count(f); }
static inline hb_blob_t *_Nonnull hbs_face_reference_blob(hb_face_t *_Nonnull f) { return hbs_f.face_reference_blob(f); }
static inline hb_blob_t *_Nonnull hbs_face_reference_table(hb_face_t *_Nonnull f, hb_tag_t tag) { return hbs_f.face_reference_table(f, tag); }
static inline void hbs_face_collect_unicodes(hb_face_t *_Nonnull f, hb_set_t *_Nonnull out) { hbs_f.face_collect_unicodes(f, out); }
static inline unsigned hbs_ot_name_get_utf8(hb_face_t *_Nonnull f, hb_ot_name_id_t id, unsigned *_Nonnull size, char *_Nullable text) {
    // HB_LANGUAGE_INVALID: the English name, else the first there is.
    return hbs_f.ot_name_get_utf8(f, id, HB_LANGUAGE_INVALID, size, text);
}
static inline hb_set_t *_Nonnull hbs_set_create(void) { return hbs_f.set_create(); }
static inline void hbs_set_destroy(hb_set_t *_Nullable s) { hbs_f.set_destroy(s); }
static inline void hbs_set_add(hb_set_t *_Nonnull s, hb_codepoint_t c) { hbs_f.set_add(s, c); }
static inline int hbs_set_allocation_successful(hb_set_t *_Nonnull s) { return hbs_f.set_allocation_successful(s); }
static inline int hbs_set_next(hb_set_t *_Nonnull s, hb_codepoint_t *_Nonnull c) { return hbs_f.set_next(s, c); }

static inline hb_subset_input_t *_Nullable hbs_subset_input_create_or_fail(void) { return hbs_f.subset_input_create_or_fail(); }
static inline void hbs_subset_input_destroy(hb_subset_input_t *_Nullable i) { hbs_f.subset_input_destroy(i); }
static inline hb_set_t *_Nonnull hbs_subset_input_set(hb_subset_input_t *_Nonnull i, hb_subset_sets_t which) { return hbs_f.subset_input_set(i, which); }
static inline void hbs_subset_input_set_flags(hb_subset_input_t *_Nonnull i, unsigned flags) { hbs_f.subset_input_set_flags(i, flags); }
static inline hb_face_t *_Nullable hbs_subset_or_fail(hb_face_t *_Nonnull f, hb_subset_input_t *_Nonnull i) { return hbs_f.subset_or_fail(f, i); }

static inline void hbs_FcConfigSubstitute(FcPattern *_Nonnull p) { hbs_f.FcConfigSubstitute(NULL, p, FcMatchPattern); }
static inline void hbs_FcDefaultSubstitute(FcPattern *_Nonnull p) { hbs_f.FcDefaultSubstitute(p); }
static inline FcPattern *_Nullable hbs_FcFontMatch(FcPattern *_Nonnull p, FcResult *_Nonnull r) { return hbs_f.FcFontMatch(NULL, p, r); }
static inline FcBool hbs_FcPatternAddDouble(FcPattern *_Nonnull p, const char *_Nonnull o, double d) { return hbs_f.FcPatternAddDouble(p, o, d); }
static inline FcBool hbs_FcPatternAddInteger(FcPattern *_Nonnull p, const char *_Nonnull o, int i) { return hbs_f.FcPatternAddInteger(p, o, i); }
static inline FcBool hbs_FcPatternAddString(FcPattern *_Nonnull p, const char *_Nonnull o, const char *_Nonnull s) { return hbs_f.FcPatternAddString(p, o, (const FcChar8 *)s); }
static inline FcPattern *_Nullable hbs_FcPatternCreate(void) { return hbs_f.FcPatternCreate(); }
static inline void hbs_FcPatternDestroy(FcPattern *_Nonnull p) { hbs_f.FcPatternDestroy(p); }
static inline FcResult hbs_FcPatternGetDouble(FcPattern *_Nonnull p, const char *_Nonnull o, int n, double *_Nonnull d) { return hbs_f.FcPatternGetDouble(p, o, n, d); }
static inline FcResult hbs_FcPatternGetInteger(FcPattern *_Nonnull p, const char *_Nonnull o, int n, int *_Nonnull i) { return hbs_f.FcPatternGetInteger(p, o, n, i); }
// The string belongs to the pattern: copy it before the pattern is destroyed.
static inline const char *_Nullable hbs_FcPatternGetString(FcPattern *_Nonnull p, const char *_Nonnull o, int n) {
    FcChar8 *s = NULL;
    return hbs_f.FcPatternGetString(p, o, n, &s) == FcResultMatch ? (const char *)s : NULL;
}
static inline double hbs_FcWeightFromOpenTypeDouble(double w) { return hbs_f.FcWeightFromOpenTypeDouble(w); }
static inline double hbs_FcWeightToOpenTypeDouble(double w) { return hbs_f.FcWeightToOpenTypeDouble(w); }
