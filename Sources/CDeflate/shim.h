// libdeflate, for the PDF's content streams the accessibility update writes:
// at level 6 it gives zlib's size at level 6 in about half the time (a 93 KB
// page content stream: 10,783 bytes in 1.3 ms, zlib 10,809 bytes in 2.4 ms).
#include <libdeflate.h>
