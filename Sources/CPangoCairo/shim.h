#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
// Colour emoji pictures (EmojiFont): HarfBuzz's OpenType colour API.
#include <hb-ot.h>
