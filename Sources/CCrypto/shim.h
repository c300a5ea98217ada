// OpenSSL's libcrypto, for the SHA-256 of every output (the run report): opened
// on first use rather than linked, as Sources/CZip/shim.h opens libzip, so an
// artexport process maps it only when it has written something (an EPUB run has
// it already: libzip brings it). The header is named by its folder, with no
// pkg-config in the manifest, since pkg-config's flags would link it.
// cr_sha256 calls SHA256 after cr_open() has succeeded once; before that it
// must not be called. Being static inline, every object file has its own
// table, which the wrapper loads on first use (cr_loaded).
#include <openssl/sha.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

struct cr_state {
    __typeof__(SHA256) *sha256;
    const char *failure;
    pthread_once_t once;
};

// Storage inside a function: Swift emits the bodies of the header's inline
// functions it calls, but no file-scope variable of a header.
static inline struct cr_state *_Nonnull cr_state(void) {
    static struct cr_state state = { .once = PTHREAD_ONCE_INIT };
    return &state;
}

static void cr_load(void) {
    // Debian 12's libssl3; the unversioned name where only the development link exists.
    void *h = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
    if (!h) h = dlopen("libcrypto.so", RTLD_NOW | RTLD_LOCAL);
    if (!h) { cr_state()->failure = dlerror(); return; }
    if (!(*(void **)&cr_state()->sha256 = dlsym(h, "SHA256"))) cr_state()->failure = "libcrypto lacks SHA256";
}

static inline struct cr_state *_Nonnull cr_loaded(void) {
    pthread_once(&cr_state()->once, cr_load);
    return cr_state();
}

// NULL when libcrypto is ready; else why it is not. Thread-safe; loads once.
static inline const char *_Nullable cr_open(void) {
    const char *failure = cr_loaded()->failure;
    return failure ? (failure[0] ? failure : "libcrypto could not be loaded") : NULL;
}

static inline void cr_sha256(const unsigned char *_Nullable data, size_t count, unsigned char *_Nonnull digest) {
    cr_loaded()->sha256(data, count, digest);
}
