#!/usr/bin/env bash
# Remakes the README's theme gallery from a built artexport: for every shipped
# theme, pages 1 and 3 of samples/field-report.md as PDF (pdftoppm), and the
# EPUB's title page and article at phone width (360 px) in headless Chromium
# (Tests/EPUBTests/browser/layout.py). Run from the repository: docs/gallery/make.sh
set -euo pipefail
bin=${ARTEXPORT:-.build/release/artexport}
python=${PYTHON:-.venv/bin/python}
out=docs/gallery
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for theme in $("$bin" --list-themes | cut -d' ' -f1); do
  SOURCE_DATE_EPOCH=1700000000 "$bin" --epub --pdf samples/field-report.md --theme "$theme" -o "$work/$theme"
  pdftoppm -r 45 -png -f 1 -l 1 "$work/$theme.pdf" "$work/$theme-pdf"
  pdftoppm -r 45 -png -f 3 -l 3 "$work/$theme.pdf" "$work/$theme-pdf"
  for f in "$work/$theme"-pdf-*.png; do n=${f##*-}; mv "$f" "$out/$theme-pdf-page-$((10#${n%.png})).png"; done
  mkdir -p "$work/$theme-epub"
  (cd "$work/$theme-epub" && unzip -q "../$theme.epub")
  LAYOUT_SCREEN_HEIGHT=720 "$python" Tests/EPUBTests/browser/layout.py "$work/shots" 360 \
    "$theme-epub-title=$work/$theme-epub/EPUB/text/titlepage.xhtml" "$theme-epub-article=$work/$theme-epub/EPUB/text/article.xhtml" > /dev/null
  mv "$work/shots/$theme-epub-title-360.png" "$out/$theme-epub-title.png"
  mv "$work/shots/$theme-epub-article-360.png" "$out/$theme-epub-article.png"
done
ls -l "$out"
