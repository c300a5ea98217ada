// SwiftPM builds a C target only with a source file: this one compiles the
// shim once as plain C. The functions live in shim.h, static inline, as in the
// other shims.
#include "shim.h"
