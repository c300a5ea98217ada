#!/usr/bin/env python3
"""The PDF peers of `artexport --pdf`, for bench/quality.sh and bench/run.sh.

Run with the Python of bench/.venv-peers (typst, weasyprint and pdfplumber from PyPI):

  peers.py typst IN.typ OUT.pdf          typst (the `typst` PyPI package, in-process API):
                                          fonts from /usr/share/fonts only, root "/"
                                          (images are written with absolute paths)
  peers.py weasyprint IN.html OUT.pdf    WeasyPrint, tagged PDF
  peers.py time typst|weasyprint N IN OUT
        times the conversion inside one Python process, excluding interpreter start-up
        and imports, and prints one JSON line:
          setup_ms   typst: scanning the font folder; weasyprint: 0 (fontconfig is lazy)
          first_ms   the first conversion (fonts are opened and parsed now)
          warm_ms    median of N further conversions; typst gets a fresh Compiler for
                     each, since one Compiler memoizes the layout of an unchanged
                     document and would report a cache hit, not a compile
  peers.py words MODEL.txt PDF…        are the model's words in the PDF, in order?
        (pdftotext; running heads, labels and page numbers in between are ignored)
  peers.py twice IN.txt OUT.txt TITLE  writes a long article: IN's body twice under a new
        title (the bio, when the last paragraph is one, once at the end)
  peers.py versions                    one line naming the peers' versions
  peers.py crosscheck METRICS.py OURS.pdf TYPST.pdf
        pdf-metrics on both PDFs: ours must have no overfull lines, widows, orphans or
        stranded headings, at most 2 hyphenated lines in a row, and no more loose lines
        (median space > 0.5 em) than typst; prints one line per check, exit 1 if one fails

SOURCE_DATE_EPOCH, when set, is the PDF's creation date for both.
"""
import json
import os
import re
import statistics
import subprocess
import sys
import time
import unicodedata

FONT_PATHS = ["/usr/share/fonts"]


def epoch():
    v = os.environ.get("SOURCE_DATE_EPOCH")
    return int(v) if v and v.isdigit() else None


# ----------------------------------------------------------------------------- typst
def typst_fonts():
    import typst
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=FONT_PATHS)


def typst_compile(src, out, fonts):
    """Compiles typst source bytes to the PDF file `out`; returns the warnings."""
    import typst
    compiler = typst.Compiler(font_paths=fonts, ignore_system_fonts=True, root="/")
    kwargs = {"timestamp": epoch()} if epoch() is not None else {}
    pdf, warnings = compiler.compile_with_warnings(input=src, format="pdf", **kwargs)
    with open(out, "wb") as f:
        f.write(pdf)
    return [w.message + (" (" + "; ".join(w.hints) + ")" if getattr(w, "hints", None) else "") for w in warnings]


# ----------------------------------------------------------------------------- WeasyPrint
def weasy_compile(html_path, out, font_config=None):
    import weasyprint
    # Warnings (missing fonts, unsupported CSS) go to the "weasyprint" logger: show them.
    html = weasyprint.HTML(filename=html_path)
    html.write_pdf(out, pdf_tags=True, font_config=font_config)
    return []


def weasy_logging():
    import logging
    logger = logging.getLogger("weasyprint")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("weasyprint: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)


# ----------------------------------------------------------------------------- words
HYPHENS = "-\u2010\u2011"


def norm_tokens(text):
    # NFKC (ligatures, compatibility forms); format characters (soft hyphens, bidi
    # embeddings pdftotext adds around right-to-left runs, zero-width joiners) removed.
    text = "".join(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Cf")
    # A word broken at a line end: "Fahr-\nrad" -> "Fahrrad" (poppler joins ASCII ones itself).
    text = re.sub(r"(\w)[-\u2010][ \t]*\n\s*(?=\w)", r"\1", text)
    # Hyphens are compared away: a compound broken at its own hyphen loses it above.
    return [t for t in ("".join(c for c in w if c not in HYPHENS) for w in text.split()) if t]


def without_furniture(text):
    """pdftotext output without running heads and page numbers: on each page (form
    feeds separate them) up to two lines at the top and at the bottom go when they
    are a bare number or, digits aside, repeat at the top or bottom of another page.
    A word hyphenated across a page break then joins up again."""
    pages = [[l for l in p.split("\n") if l.strip()] for p in text.split("\f")]
    edge = lambda lines: lines[:2] + lines[-2:] if len(lines) > 4 else list(lines)
    key = lambda l: re.sub(r"\s+", " ", re.sub(r"\d+", "", l)).strip()
    seen_on = {}
    for i, lines in enumerate(pages):
        for l in edge(lines):
            seen_on.setdefault(key(l), set()).add(i)
    out = []
    for i, lines in enumerate(pages):
        cut = set()
        for j in list(range(min(2, len(lines)))) + list(range(max(0, len(lines) - 2), len(lines))):
            k = key(lines[j])
            if not k or re.fullmatch(r"[\W_]*", k) or len(seen_on.get(k, ())) > 1:
                cut.add(j)
        out.append("\n".join(l for j, l in enumerate(lines) if j not in cut))
    return "\n".join(out)


def digits_added(word, seen):
    """`seen` is `word` with digits (note numbers) inserted, and nothing else."""
    i = 0
    for c in seen:
        if i < len(word) and c == word[i]:
            i += 1
        elif not c.isdigit():
            return False
    return i == len(word)


def check_words(model_path, pdf_path):
    """(model word count, lost words, notes): every stretch of the model that the
    word diff does not find in the PDF and that no extra text in the PDF explains."""
    import difflib
    model = norm_tokens(open(model_path, encoding="utf-8").read())
    try:
        raw = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf_path, "-"], capture_output=True,
                             check=True).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.CalledProcessError) as e:
        return len(model), [f"pdftotext failed: {e}"], []
    seen = norm_tokens(without_furniture(raw))
    everything = "".join(seen)
    lost, notes = [], []
    short = lambda ws: " ".join(ws[:8]) + (f" … ({len(ws)} words)" if len(ws) > 8 else "") if ws else "∅"
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, model, seen, autojunk=False).get_opcodes():
        if op in ("equal", "insert"):
            continue   # extra words in the PDF: title block, labels, what furniture is left
        a, b = model[i1:i2], seen[j1:j2]
        ja, jb = "".join(a), "".join(b)
        if ja == jb:
            continue   # the same characters, spaced differently (CJK, punctuation, bidi runs)
        if ja in jb:
            continue   # the words, with extra text next to them
        if len(a) == len(b) and all(digits_added(x, y) for x, y in zip(a, b)):
            continue   # footnote numbers glued to the words they follow
        if any(jb.startswith(ja[:k]) and jb.endswith(ja[k:]) for k in range(1, len(ja))):
            notes.append(f"word broken across a page, extra text in between: {' '.join(a)}")
            continue
        if ja in everything:
            notes.append(f"{len(a)} word(s) found elsewhere: pdftotext's reading order differs ({short(a)})")
            continue
        lost.append(f"{short(a)} → {short(b)}")
    return len(model), lost, notes


# ----------------------------------------------------------------------------- a long sample
def cells(row):
    """The cells of a pipe-table row; `\\|` is a literal pipe and stays escaped."""
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)]


def twice(src, dst, title):
    lines = [l.rstrip("\r\n") for l in open(src, encoding="utf-8-sig")]
    # Optional size line, then header row, delimiter row, value row.
    start = next(i for i, l in enumerate(lines) if "|" in l)
    header, value = cells(lines[start]), cells(lines[start + 2])
    fields = {h.lower(): i for i, h in enumerate(header)}
    value[fields["title"]] = title.replace("|", "\\|")
    body = [l for l in lines[start + 3:] if l.strip()]
    authors = re.split(r"\s+and\s+|;", value[fields["author"]]) if "author" in fields else []
    bio = [body.pop()] if body and any(a.strip() and body[-1].startswith(a.strip()) for a in authors) else []
    with open(dst, "w", encoding="utf-8") as f:
        f.write("| " + " | ".join(header) + " |\n")
        f.write("|" + "|".join("---" for _ in header) + "|\n")
        f.write("| " + " | ".join(value) + " |\n")
        f.write("\n".join(body + body + bio) + "\n")


# ----------------------------------------------------------------------------- cross-check
def metrics(script, pdf):
    out = subprocess.run([sys.executable, script, "--compact", pdf], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def dig(m, *keys):
    for k in keys:
        m = m.get(k) if isinstance(m, dict) else None
    return m


def crosscheck(script, ours_pdf, typst_pdf):
    """What tests/PDFQualityTests checked with pdf-metrics before LineQuality measured it
    in-process: the same faults seen from the finished PDF, and loose lines against typst."""
    ours, peer = metrics(script, ours_pdf), metrics(script, typst_pdf)
    checks = [(f"{name} {dig(ours, *path)}", dig(ours, *path) == 0) for name, path in
              [("overfull lines", ("overfull", "overfull_lines")), ("widows", ("widows",)),
               ("orphans", ("orphans",)), ("stranded headings", ("stranded_headings",))]]
    run = dig(ours, "hyphens", "max_consecutive")
    checks.append((f"hyphenated lines in a row {run} (at most 2)", isinstance(run, int) and run <= 2))
    loose, typst_loose = dig(ours, "word_space", "loose_lines"), dig(peer, "word_space", "loose_lines")
    checks.append((f"loose lines {loose}, typst {typst_loose}",
                   isinstance(loose, int) and isinstance(typst_loose, int) and loose <= typst_loose))
    for text, ok in checks:
        print(f"{'ok' if ok else 'NOT MET'}: {text}")
    return 0 if all(ok for _, ok in checks) else 1


# ----------------------------------------------------------------------------- main
def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    cmd = argv[0]
    if cmd == "typst" and len(argv) == 3:
        warnings = typst_compile(open(argv[1], "rb").read(), argv[2], typst_fonts())
        for w in warnings:
            print(f"typst warning: {w}", file=sys.stderr)
        return 0
    if cmd == "weasyprint" and len(argv) == 3:
        weasy_logging()
        weasy_compile(argv[1], argv[2])
        return 0
    if cmd == "time" and len(argv) == 5 and argv[1] in ("typst", "weasyprint") and argv[2].isdigit():
        tool, n, src, out = argv[1], int(argv[2]), argv[3], argv[4]
        clock = time.perf_counter
        if tool == "typst":
            import typst  # noqa: F401  (import is not timed)
            data = open(src, "rb").read()
            t0 = clock()
            fonts = typst_fonts()
            t1 = clock()
            typst_compile(data, out, fonts)
            t2 = clock()
            warm = []
            for _ in range(n):
                s = clock()
                typst_compile(data, out, fonts)
                warm.append(clock() - s)
        else:
            import weasyprint
            from weasyprint.text.fonts import FontConfiguration
            t0 = clock()
            t1 = clock()
            weasy_compile(src, out)
            t2 = clock()
            warm = []
            for _ in range(n):
                s = clock()
                weasy_compile(src, out, FontConfiguration())
                warm.append(clock() - s)
        print(json.dumps({"tool": tool, "setup_ms": (t1 - t0) * 1e3, "first_ms": (t2 - t1) * 1e3,
                          "warm_ms": statistics.median(warm) * 1e3 if warm else None,
                          "warm_all_ms": [round(w * 1e3, 2) for w in warm]}))
        return 0
    if cmd == "words" and len(argv) >= 3:
        bad = 0
        for pdf in argv[2:]:
            n, lost, notes = check_words(argv[1], pdf)
            name = os.path.basename(pdf)
            if lost:
                bad += 1
                print(f"{name}: {len(lost)} difference(s) from the model's {n} words: " + "; ".join(lost[:8])
                      + (" …" if len(lost) > 8 else ""))
            elif any("reading order" in note for note in notes):
                print(f"{name}: all {n} words (in order but for pdftotext's reading order, see note)")
            else:
                print(f"{name}: all {n} words, in order")
            for note in notes[:3]:
                print(f"    note: {note}")
        return 1 if bad else 0
    if cmd == "twice" and len(argv) == 4:
        twice(argv[1], argv[2], argv[3])
        return 0
    if cmd == "crosscheck" and len(argv) == 4:
        return crosscheck(argv[1], argv[2], argv[3])
    if cmd == "versions":
        from importlib.metadata import version
        parts = []
        for pkg in ("typst", "weasyprint", "pdfplumber"):
            try:
                parts.append(f"{pkg} {version(pkg)}")
            except Exception:  # noqa: BLE001
                parts.append(f"{pkg} missing")
        try:
            import typst
            parts[0] += " (typst " + typst.Compiler().eval("sys.version").strip('"').replace("version", "").strip("()").replace(", ", ".") + ")"
        except Exception:  # noqa: BLE001
            pass
        print(" | ".join(parts))
        return 0
    print(__doc__, file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
