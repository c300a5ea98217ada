// librsvg draws SVG images as vectors; gdk-pixbuf, which it is built on,
// decodes the raster types cairo cannot read (GIF, and WebP with Debian's
// webp-pixbuf-loader, and the CMYK or 12-bit JPEGs cairo cannot embed).
// Both are opened on first use rather than linked: only a PDF with such an
// image needs them, and every artexport-pdf process mapped them, with what they
// bring (cairo-gobject, libxml2, ICU's two, liblzma, libjpeg: eight libraries
// in all), `--version` included: about 4 ms of its 18 ms task-clock here.
// Sources/CZip/shim.h does the same for libzip. gio, which pango maps anyway,
// is reached the same way for the one function here: nothing else links it.
// The headers are named by their folders: librsvg/ and gdk-pixbuf/ beside this
// file link to the system's (in /usr/include/librsvg-2.0 and gdk-pixbuf-2.0),
// and this folder is a header search path (Package.swift); pkg-config's flags
// would link the libraries after all.
// Each rsv_ function calls the function named by the rest of its name: the
// rsvg_ and g_ ones after rsv_open_svg() has succeeded once, the gdk_ ones after
// rsv_open_pixbuf() has; before that they must not be called. Being static
// inline, every object file has its own table, which each wrapper loads on
// first use (rsv_svg, rsv_pixbuf).
#include <librsvg/rsvg.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

// Each NULL until loaded.
struct rsv_functions {
    // libgio: the stream librsvg reads.
    __typeof__(g_memory_input_stream_new_from_data) *_Nullable g_memory_input_stream_new_from_data;
    // librsvg
    __typeof__(rsvg_handle_new_from_stream_sync) *_Nullable rsvg_handle_new_from_stream_sync;
    __typeof__(rsvg_handle_set_dpi) *_Nullable rsvg_handle_set_dpi;
    __typeof__(rsvg_handle_get_intrinsic_size_in_pixels) *_Nullable rsvg_handle_get_intrinsic_size_in_pixels;
    __typeof__(rsvg_handle_get_intrinsic_dimensions) *_Nullable rsvg_handle_get_intrinsic_dimensions;
    __typeof__(rsvg_handle_render_document) *_Nullable rsvg_handle_render_document;
    // libgdk_pixbuf
    __typeof__(gdk_pixbuf_loader_new_with_type) *_Nullable gdk_pixbuf_loader_new_with_type;
    __typeof__(gdk_pixbuf_loader_write) *_Nullable gdk_pixbuf_loader_write;
    __typeof__(gdk_pixbuf_loader_close) *_Nullable gdk_pixbuf_loader_close;
    __typeof__(gdk_pixbuf_loader_get_pixbuf) *_Nullable gdk_pixbuf_loader_get_pixbuf;
    __typeof__(gdk_pixbuf_get_width) *_Nullable gdk_pixbuf_get_width;
    __typeof__(gdk_pixbuf_get_height) *_Nullable gdk_pixbuf_get_height;
    __typeof__(gdk_pixbuf_get_n_channels) *_Nullable gdk_pixbuf_get_n_channels;
    __typeof__(gdk_pixbuf_get_rowstride) *_Nullable gdk_pixbuf_get_rowstride;
    __typeof__(gdk_pixbuf_get_has_alpha) *_Nullable gdk_pixbuf_get_has_alpha;
    __typeof__(gdk_pixbuf_get_bits_per_sample) *_Nullable gdk_pixbuf_get_bits_per_sample;
    __typeof__(gdk_pixbuf_read_pixels) *_Nullable gdk_pixbuf_read_pixels;
};

enum { rsv_reason_size = 256 };

// The two libraries are loaded apart, each on its first use: a PDF with a GIF
// maps no librsvg (with libxml2 and ICU), and a machine with gdk-pixbuf but no
// librsvg still decodes GIFs. The reasons are copied, since the next dlerror()
// frees its last answer.
struct rsv_state {
    struct rsv_functions f;
    const char *_Nullable svg_failure;
    const char *_Nullable pixbuf_failure;
    char svg_reason[rsv_reason_size];
    char pixbuf_reason[rsv_reason_size];
    pthread_once_t svg_once;
    pthread_once_t pixbuf_once;
};

// Storage inside a function: Swift emits the bodies of the header's inline
// functions it calls, but no file-scope variable of a header.
static inline struct rsv_state *_Nonnull rsv_state(void) {
    static struct rsv_state state = { .svg_once = PTHREAD_ONCE_INIT, .pixbuf_once = PTHREAD_ONCE_INIT };
    return &state;
}

static void rsv_fail(char *_Nonnull reason, const char *_Nullable *_Nonnull failure, const char *_Nullable why) {
    snprintf(reason, rsv_reason_size, "%s", why && why[0] ? why : "could not be loaded");
    *failure = reason;
}

// The Debian 12 library's soname, else the unversioned development link.
static void *_Nullable rsv_dlopen(const char *_Nonnull soname, const char *_Nonnull devname,
                                  char *_Nonnull reason, const char *_Nullable *_Nonnull failure) {
    void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!h) h = dlopen(devname, RTLD_NOW | RTLD_LOCAL);
    if (!h) rsv_fail(reason, failure, dlerror());
    return h;
}

#define RSV(lib, handle, reason, failure, name) \
    if (!(*(void **)&s->f.name = dlsym(handle, #name))) { rsv_fail(s->reason, &s->failure, lib " lacks " #name); return; }

static void rsv_load_pixbuf(void) {
    struct rsv_state *s = rsv_state();
    void *pixbuf = rsv_dlopen("libgdk_pixbuf-2.0.so.0", "libgdk_pixbuf-2.0.so", s->pixbuf_reason, &s->pixbuf_failure);
    if (!pixbuf) return;
#define PIXBUF(name) RSV("libgdk_pixbuf", pixbuf, pixbuf_reason, pixbuf_failure, name)
    PIXBUF(gdk_pixbuf_loader_new_with_type) PIXBUF(gdk_pixbuf_loader_write) PIXBUF(gdk_pixbuf_loader_close)
    PIXBUF(gdk_pixbuf_loader_get_pixbuf) PIXBUF(gdk_pixbuf_get_width) PIXBUF(gdk_pixbuf_get_height)
    PIXBUF(gdk_pixbuf_get_n_channels) PIXBUF(gdk_pixbuf_get_rowstride) PIXBUF(gdk_pixbuf_get_has_alpha)
    PIXBUF(gdk_pixbuf_get_bits_per_sample) PIXBUF(gdk_pixbuf_read_pixels)
#undef PIXBUF
}

static void rsv_load_svg(void) {
    struct rsv_state *s = rsv_state();
    void *rsvg = rsv_dlopen("librsvg-2.so.2", "librsvg-2.so", s->svg_reason, &s->svg_failure);
    if (!rsvg) return;
    void *gio = rsv_dlopen("libgio-2.0.so.0", "libgio-2.0.so", s->svg_reason, &s->svg_failure);
    if (!gio) return;
#define SVG(name) RSV("librsvg", rsvg, svg_reason, svg_failure, name)
    SVG(rsvg_handle_new_from_stream_sync) SVG(rsvg_handle_set_dpi) SVG(rsvg_handle_get_intrinsic_size_in_pixels)
    SVG(rsvg_handle_get_intrinsic_dimensions) SVG(rsvg_handle_render_document)
#undef SVG
    RSV("libgio", gio, svg_reason, svg_failure, g_memory_input_stream_new_from_data)
}
#undef RSV

// Every wrapper loads its own object file's table first (once): Swift may inline
// a wrapper into any file of the calling module, and each object file has its
// own copy of the static storage, so no file may rely on another's rsv_open_*().
static inline struct rsv_functions *_Nonnull rsv_svg(void) {
    pthread_once(&rsv_state()->svg_once, rsv_load_svg);
    return &rsv_state()->f;
}
static inline struct rsv_functions *_Nonnull rsv_pixbuf(void) {
    pthread_once(&rsv_state()->pixbuf_once, rsv_load_pixbuf);
    return &rsv_state()->f;
}

// NULL when librsvg (with gio) is ready; else why it is not. Thread-safe; loads once.
static inline const char *_Nullable rsv_open_svg(void) {
    rsv_svg();
    return rsv_state()->svg_failure;
}
// NULL when gdk-pixbuf is ready; else why it is not. Thread-safe; loads once.
static inline const char *_Nullable rsv_open_pixbuf(void) {
    rsv_pixbuf();
    return rsv_state()->pixbuf_failure;
}

static inline GInputStream *_Nonnull rsv_g_memory_input_stream_new_from_data(const void *_Nullable data, gssize n, GDestroyNotify _Nullable destroy) {
    return rsv_svg()->g_memory_input_stream_new_from_data(data, n, destroy);
}

static inline RsvgHandle *_Nullable rsv_rsvg_handle_new_from_stream_sync(GInputStream *_Nonnull stream, GFile *_Nullable base, RsvgHandleFlags flags,
                                                                          GCancellable *_Nullable cancel, GError *_Nullable *_Nullable error) {
    return rsv_svg()->rsvg_handle_new_from_stream_sync(stream, base, flags, cancel, error);
}
static inline void rsv_rsvg_handle_set_dpi(RsvgHandle *_Nonnull h, double dpi) { rsv_svg()->rsvg_handle_set_dpi(h, dpi); }
static inline gboolean rsv_rsvg_handle_get_intrinsic_size_in_pixels(RsvgHandle *_Nonnull h, gdouble *_Nonnull w, gdouble *_Nonnull ht) {
    return rsv_svg()->rsvg_handle_get_intrinsic_size_in_pixels(h, w, ht);
}
static inline void rsv_rsvg_handle_get_intrinsic_dimensions(RsvgHandle *_Nonnull h, gboolean *_Nonnull has_w, RsvgLength *_Nonnull w,
                                                            gboolean *_Nonnull has_h, RsvgLength *_Nonnull ht,
                                                            gboolean *_Nonnull has_box, RsvgRectangle *_Nonnull box) {
    rsv_svg()->rsvg_handle_get_intrinsic_dimensions(h, has_w, w, has_h, ht, has_box, box);
}
static inline gboolean rsv_rsvg_handle_render_document(RsvgHandle *_Nonnull h, cairo_t *_Nonnull cr, const RsvgRectangle *_Nonnull viewport,
                                                       GError *_Nullable *_Nullable error) {
    return rsv_svg()->rsvg_handle_render_document(h, cr, viewport, error);
}

static inline GdkPixbufLoader *_Nullable rsv_gdk_pixbuf_loader_new_with_type(const char *_Nonnull type, GError *_Nullable *_Nullable error) {
    return rsv_pixbuf()->gdk_pixbuf_loader_new_with_type(type, error);
}
static inline gboolean rsv_gdk_pixbuf_loader_write(GdkPixbufLoader *_Nonnull l, const guchar *_Nullable b, gsize n, GError *_Nullable *_Nullable error) {
    return rsv_pixbuf()->gdk_pixbuf_loader_write(l, b, n, error);
}
static inline gboolean rsv_gdk_pixbuf_loader_close(GdkPixbufLoader *_Nonnull l, GError *_Nullable *_Nullable error) { return rsv_pixbuf()->gdk_pixbuf_loader_close(l, error); }
// The pixbuf belongs to the loader: read it before the loader is freed.
static inline GdkPixbuf *_Nullable rsv_gdk_pixbuf_loader_get_pixbuf(GdkPixbufLoader *_Nonnull l) { return rsv_pixbuf()->gdk_pixbuf_loader_get_pixbuf(l); }
static inline int rsv_gdk_pixbuf_get_width(const GdkPixbuf *_Nonnull p) { return rsv_pixbuf()->gdk_pixbuf_get_width(p); }
static inline int rsv_gdk_pixbuf_get_height(const GdkPixbuf *_Nonnull p) { return rsv_pixbuf()->gdk_pixbuf_get_height(p); }
static inline int rsv_gdk_pixbuf_get_n_channels(const GdkPixbuf *_Nonnull p) { return rsv_pixbuf()->gdk_pixbuf_get_n_channels(p); }
static inline int rsv_gdk_pixbuf_get_rowstride(const GdkPixbuf *_Nonnull p) { return rsv_pixbuf()->gdk_pixbuf_get_rowstride(p); }
static inline gboolean rsv_gdk_pixbuf_get_has_alpha(const GdkPixbuf *_Nonnull p) { return rsv_pixbuf()->gdk_pixbuf_get_has_alpha(p); }
static inline int rsv_gdk_pixbuf_get_bits_per_sample(const GdkPixbuf *_Nonnull p) { return rsv_pixbuf()->gdk_pixbuf_get_bits_per_sample(p); }
static inline const guint8 *_Nullable rsv_gdk_pixbuf_read_pixels(const GdkPixbuf *_Nonnull p) { return rsv_pixbuf()->gdk_pixbuf_read_pixels(p); }
