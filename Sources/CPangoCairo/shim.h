#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
// A second cairo face of a font's file (TextShaper.alternatesFont).
#include <cairo-ft.h>
// Colour emoji pictures (EmojiFont): HarfBuzz's OpenType colour API.
#include <hb-ot.h>
