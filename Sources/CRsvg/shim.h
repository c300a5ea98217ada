// librsvg draws SVG images as vectors; gdk-pixbuf, which it is built on,
// decodes the raster types cairo cannot read (GIF, and WebP with Debian's
// webp-pixbuf-loader).
#include <librsvg/rsvg.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
