// zlib, for the PDF's content streams the accessibility update rewrites
// (cairo links the same library).
#include <zlib.h>
