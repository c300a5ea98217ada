#!/usr/bin/env bash
# artexport benchmark: `make bench` (or `bash bench/run.sh [SAMPLE.txt…]`).
#
#  1. per article, as processes: `artexport --epub X.txt -o …` vs `pandoc X.md -o …`
#     on the same content (X.md from `artexport-bench markdown`), one hyperfine run
#     per sample so both peers are measured side by side under the same conditions;
#  2. one batch: all samples in one artexport call vs pandoc once per sample;
#  3. in-process throughput of the library (`artexport-bench throughput`);
#  4. PDF, once `artexport --pdf` exists: artexport against typst and WeasyPrint on the
#     same article (from `artexport-bench typst` / `html`) for a ~1,000-word sample,
#     long-form and a generated long-form-x2 (its body twice), as processes and, for
#     the peers, in-process without Python's start-up (bench/peers/peers.py time).
#     Skipped when the artexport binary has no --pdf. Then artexport's in-process line
#     quality (`artexport-bench quality`) and, when pdf-metrics.py is found
#     (../shared/tools/ or $PDF_METRICS), a cross-check of the finished PDFs against typst.
#  5. batch throughput on generated ~1,000-word articles (`artexport-bench generate`):
#     `artexport --epub|--pdf … --output-dir --jobs 1|2` against pandoc and typst once
#     per article (`xargs -P 1|2`), a 60-article issue against one pandoc EPUB and one
#     typst PDF of the same articles, in-process throughput on 1 and 2 cores, and the
#     peak memory of a 1,000-article batch against a 100-article one.
# See bench/README.md for how to read the output.
#
# Environment (all optional):
#   BENCH_SCRATCH_PATH  swift build --scratch-path (default: the package's .build)
#   BENCH_SECONDS       seconds per throughput round (default 3)
#   BENCH_RUNS          hyperfine runs per command (default 30)
#   BENCH_STRICT=1      exit 1 when a goal is not met
#   BENCH_ONLY=epub|pdf|batch  run only the EPUB part (1-3), the PDF part (4) or the batch part (5)
#   BENCH_BATCH         articles in the timed batches (default 100)
#   BENCH_BATCH_RUNS    hyperfine runs per batch and issue command (default 3)
#   BENCH_RSS_ARTICLES  articles in the batch whose peak memory is measured (default 1000)
#   BENCH_PDF=peers     time typst and WeasyPrint even while artexport has no --pdf
#   BENCH_PDF_RUNS      hyperfine runs per PDF command (default 10: WeasyPrint takes ~1 s)
#   PDF_METRICS         pdf-metrics.py to use instead of ../shared/tools/pdf-metrics.py
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

runs=${BENCH_RUNS:-30}
seconds=${BENCH_SECONDS:-3}
export SOURCE_DATE_EPOCH=1700000000   # fixed: both tools stamp the same date, output is reproducible
export LC_ALL=C.UTF-8

only=${BENCH_ONLY:-}
[[ -z $only || $only == epub || $only == pdf || $only == batch ]] || { echo "bench: BENCH_ONLY must be epub, pdf or batch" >&2; exit 64; }
if (($#)); then samples=("$@"); else samples=("$root"/samples/*.txt); fi
((${#samples[@]})) || { echo "bench: no samples" >&2; exit 1; }

section() { printf '\n== %s\n' "$*"; }

# --- tools --------------------------------------------------------------------
section "tools"
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v pandoc >/dev/null || missing+=(pandoc)
command -v python3 >/dev/null || missing+=(python3)
if ((${#missing[@]})); then
    sudo=()
    if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
    echo "installing: ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
hyperfine_flags=(--warmup 3 --runs "$runs" --style basic)
# Captured first: under pipefail, grep -q closing the pipe early made hyperfine die
# of SIGPIPE; and hyperfine 1.15 lists -N alone on its line. Either way -N was never
# used, and every time held a shell's start-up.
hyperfine_help=$(hyperfine --help 2>/dev/null || true)
if grep -qE -- '(^|[[:space:]])-N(,|[[:space:]]|$)' <<<"$hyperfine_help"; then
    hyperfine_flags+=(-N)   # no intermediate shell: nothing to subtract, less noise
fi
echo "$(hyperfine --version) | $(pandoc --version | head -1) | $(python3 --version) | $(nproc) cores"

# --- build --------------------------------------------------------------------
section "build (release)"
# The same build `make demo` ships (the Makefile says why these flags).
read -ra release_flags <<<"$(make -s -C "$root" release-flags)"
build=(swift build "${release_flags[@]}")
if [[ -n ${BENCH_SCRATCH_PATH:-} ]]; then build+=(--scratch-path "$BENCH_SCRATCH_PATH"); fi
"${build[@]}" 2>&1 | tail -1
bin=$("${build[@]}" --show-bin-path)
artexport=$bin/artexport
bench=$bin/artexport-bench
echo "artexport: $artexport"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/artexport-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
q() { printf '%q' "$1"; }   # quoting hyperfine's command parser (shell words) accepts

if [[ -z $only || $only == epub ]]; then
# --- Markdown for pandoc, and a check that pandoc reads the same words ---------
section "markdown for pandoc"
names=()
for f in "${samples[@]}"; do
    n=$(basename "$f" .txt)
    names+=("$n")
    "$bench" markdown "$f" >"$tmp/$n.md"
    "$bench" text "$f" >"$tmp/$n.model.txt"
    pandoc "$tmp/$n.md" -t plain --wrap=none -o "$tmp/$n.pandoc.txt" 2>"$tmp/$n.pandoc-read.err"
    # One untimed run of each peer: both must succeed; their warnings are shown.
    "$artexport" --epub "$f" -o "$tmp/$n.check.epub" 2>"$tmp/$n.artexport.err" \
        || { echo "$n: artexport failed:"; cat "$tmp/$n.artexport.err"; exit 1; }
    pandoc "$tmp/$n.md" -o "$tmp/$n.check.epub" 2>"$tmp/$n.pandoc.err" \
        || { echo "$n: pandoc failed:"; cat "$tmp/$n.pandoc.err"; exit 1; }
done
python3 - "$tmp" "${names[@]}" <<'EOF'
import difflib, sys, zipfile, re
tmp, names = sys.argv[1], sys.argv[2:]
for n in names:
    model = open(f"{tmp}/{n}.model.txt", encoding="utf-8").read().split()
    seen = open(f"{tmp}/{n}.pandoc.txt", encoding="utf-8").read().split()
    diffs = [(model[i1:i2], seen[j1:j2]) for op, i1, i2, j1, j2 in
             difflib.SequenceMatcher(None, model, seen, autojunk=False).get_opcodes() if op != "equal"]
    if diffs:
        status = f"pandoc reads {len(diffs)} difference(s): " + "; ".join(
            f"{' '.join(a) or '∅'} → {' '.join(b) or '∅'}" for a, b in diffs[:5])
    else:
        status = "same words in pandoc"
    # pandoc leaves dc:date empty when it cannot parse the date as written.
    opf = zipfile.ZipFile(f"{tmp}/{n}.check.epub").read("EPUB/content.opf").decode()
    if re.search(r"<dc:date[^>]*>\s*</dc:date>", opf):
        status += "; pandoc wrote an empty dc:date"
    print(f"  {n}: {len(model)} words, {status}")
    for tool in ("artexport", "pandoc-read", "pandoc"):
        err = open(f"{tmp}/{n}.{tool}.err", encoding="utf-8", errors="replace").read().strip()
        if err:
            print(f"    {tool.split('-')[0]} says: " + err.replace("\n", "\n      "))
EOF

# --- one article per process --------------------------------------------------
section "one article per process: hyperfine ${hyperfine_flags[*]}"
for i in "${!samples[@]}"; do
    f=${samples[$i]} n=${names[$i]}
    echo "-- $n"
    hyperfine "${hyperfine_flags[@]}" --export-json "$tmp/$n.json" \
        -n artexport "$(q "$artexport") --epub $(q "$f") -o $(q "$tmp/$n.a.epub")" \
        -n pandoc "pandoc $(q "$tmp/$n.md") -o $(q "$tmp/$n.p.epub")"
done

# --- start-up -----------------------------------------------------------------
section "start-up: artexport --version (the EPUB binary, which maps no graphics library)"
echo "  $(LD_TRACE_LOADED_OBJECTS=1 "$artexport" | wc -l) shared objects mapped by artexport," \
     "$(LD_TRACE_LOADED_OBJECTS=1 "$bin/artexport-pdf" | wc -l) by artexport-pdf"
# More runs than the others: one run is a few milliseconds, and the goal is close.
version_flags=("${hyperfine_flags[@]}")
version_flags[3]=$((runs * 3))   # the value after --runs
hyperfine "${version_flags[@]}" --export-json "$tmp/version.json" \
    -n version "$(q "$artexport") --version"

# --- batch --------------------------------------------------------------------
section "batch: ${#samples[@]} articles, one artexport call vs pandoc run for each"
mkdir -p "$tmp/batch-a" "$tmp/batch-p"
loop="for f in"
for n in "${names[@]}"; do loop+=" $(q "$tmp/$n.md")"; done
loop+="; do pandoc \"\$f\" -o $(q "$tmp/batch-p")/\"\$(basename \"\$f\" .md)\".epub || exit 1; done"
all=""
for f in "${samples[@]}"; do all+=" $(q "$f")"; done
hyperfine "${hyperfine_flags[@]}" --export-json "$tmp/batch.json" \
    -n artexport "$(q "$artexport") --epub$all --output-dir $(q "$tmp/batch-a")" \
    -n pandoc "sh -c $(q "$loop")"

# --- in-process throughput ----------------------------------------------------
section "in-process throughput (parse + typography + EPUB, no file I/O)"
"$bench" throughput --seconds "$seconds" "${samples[@]}" | tee "$tmp/throughput.txt"

# --- results ------------------------------------------------------------------
section "results"
python3 - "$tmp" "${#samples[@]}" "${names[@]}" <<'EOF'
import json, re, statistics, sys
tmp, count, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]

def medians(path):
    results = {r["command"]: r for r in json.load(open(path))["results"]}
    return results["artexport"]["median"] * 1000, results["pandoc"]["median"] * 1000

rows = [(n, *medians(f"{tmp}/{n}.json")) for n in names]
batch = medians(f"{tmp}/batch.json")
width = max(len(n) for n in names + [f"batch ({count} articles)"])
print(f"{'sample':<{width}}  {'artexport ms':>12}  {'pandoc ms':>10}  {'pandoc/artexport':>16}")
for n, a, p in rows:
    print(f"{n:<{width}}  {a:>12.1f}  {p:>10.1f}  {p / a:>15.1f}×")
print(f"{f'batch ({count} articles)':<{width}}  {batch[0]:>12.1f}  {batch[1]:>10.1f}  {batch[1] / batch[0]:>15.1f}×")
print("(medians of the hyperfine runs; ratio > 1 means artexport is faster)")

ratios = [p / a for _, a, p in rows]
median_ratio = statistics.median(ratios)
line = open(f"{tmp}/throughput.txt").read()
m = re.search(r"median ([0-9.]+) articles/s", line)
rate = float(m.group(1)) if m else float("nan")

version_ms = json.load(open(f"{tmp}/version.json"))["results"][0]["median"] * 1000
goal1 = median_ratio >= 10
goal2 = rate >= 1000
print()
print("summary")
print(f"  per article process: median {median_ratio:.1f}× faster than pandoc "
      f"(samples {min(ratios):.1f}×–{max(ratios):.1f}×; batch {batch[1] / batch[0]:.1f}×) "
      f"-> goal ≥10×: {'MET' if goal1 else 'NOT MET'}"
      + ("" if min(ratios) >= 10 or not goal1 else f" (but {sum(r < 10 for r in ratios)} sample(s) below 10×)"))
print(f"  in-process: median {rate:.1f} articles/s -> goal ≥1000 articles/s: {'MET' if goal2 else 'NOT MET'}")
goal3 = version_ms <= 4
print(f"  artexport --version: median {version_ms:.1f} ms -> goal ≤4 ms: {'MET' if goal3 else 'NOT MET'}")
open(f"{tmp}/goals", "w").write("met" if goal1 and goal2 and goal3 else "not met")
EOF

fi   # EPUB part

# --- PDF: artexport --pdf against typst and WeasyPrint ---------------------------
help=$("$artexport" --help 2>&1 || true)   # captured first: grep -q must not SIGPIPE it
pdf_tools=()
if grep -q -- --pdf <<<"$help"; then
    pdf_tools=(artexport typst weasyprint)
elif [[ ${BENCH_PDF:-} == peers ]]; then
    pdf_tools=(typst weasyprint)
fi
if [[ -n $only && $only != pdf ]]; then
    :
elif ((${#pdf_tools[@]} == 0)); then
    section "PDF: skipped (artexport has no --pdf yet; BENCH_PDF=peers times typst and WeasyPrint alone)"
else
    # shellcheck source=bench/peers/setup.sh
    source bench/peers/setup.sh
    peers_setup
    pdf_runs=${BENCH_PDF_RUNS:-10}
    pdf_flags=(--warmup 1 --runs "$pdf_runs" --style basic)
    if grep -qE -- '(^|[[:space:]])-N(,|[[:space:]]|$)' <<<"$hyperfine_help"; then pdf_flags+=(-N); fi
    section "PDF samples (${pdf_tools[*]}): $("$peers_python" bench/peers/peers.py versions)"
    # The long sample is generated at run time (bench/generated/ is not checked in).
    mkdir -p bench/generated
    rm -f bench/generated/long-form-x2.txt
    if [[ -f samples/long-form.txt ]]; then
        "$peers_python" bench/peers/peers.py twice samples/long-form.txt bench/generated/long-form-x2.txt \
            "Under Kestrelford, Twice Over: A City's Water at Double Length"
    fi
    pdf_samples=() pdf_names=()
    for f in samples/de-artikel.txt samples/long-form.txt bench/generated/long-form-x2.txt; do
        [[ -f $f ]] || { echo "  $f is missing: not timed"; continue; }
        n=$(basename "$f" .txt)
        pdf_samples+=("$root/$f") pdf_names+=("$n")
        "$bench" typst "$f" >"$tmp/$n.typ"
        "$bench" html "$f" >"$tmp/$n.html"
        "$bench" text "$f" >"$tmp/$n.model.txt"
        wc -w <"$tmp/$n.model.txt" | tr -d ' ' >"$tmp/$n.words"
        # One untimed run of each: all must succeed; words and warnings are shown.
        checks=()
        for t in "${pdf_tools[@]}"; do
            case $t in
                artexport) cmd=("$artexport" --pdf "$root/$f" -o "$tmp/$n.$t.pdf") ;;
                typst) cmd=("$peers_python" bench/peers/peers.py typst "$tmp/$n.typ" "$tmp/$n.$t.pdf") ;;
                weasyprint) cmd=("$peers_venv/bin/weasyprint" --pdf-tags -q "$tmp/$n.html" "$tmp/$n.$t.pdf") ;;
            esac
            "${cmd[@]}" 2>"$tmp/$n.$t.err" || { echo "$n: $t failed:"; cat "$tmp/$n.$t.err"; exit 1; }
            checks+=("$tmp/$n.$t.pdf")
        done
        echo "  $n: $(cat "$tmp/$n.words") words"
        "$peers_python" bench/peers/peers.py words "$tmp/$n.model.txt" "${checks[@]}" | sed 's/^/    /' || true
        for t in "${pdf_tools[@]}"; do
            if [[ -s $tmp/$n.$t.err ]]; then echo "    $t says: $(sed '2,$s/^/      /' "$tmp/$n.$t.err")"; fi
        done
    done

    if [[ ${pdf_tools[0]} == artexport ]]; then
        section "PDF line quality, in-process (LineQuality, as the tests measure it)"
        "$bench" quality "${pdf_samples[@]}"
        section "PDF quality cross-check: pdf-metrics on artexport's and typst's PDFs"
        if metrics=$(peers_metrics); then
            for n in "${pdf_names[@]}"; do
                echo "  $n:"
                "$peers_python" bench/peers/peers.py crosscheck "$metrics" "$tmp/$n.artexport.pdf" "$tmp/$n.typst.pdf" \
                    | sed 's/^/    /' || quality_failed=1
            done
        else
            echo "  $peers_metrics_missing"
        fi
    fi

    section "PDF, one article per process: hyperfine ${pdf_flags[*]}"
    for i in "${!pdf_samples[@]}"; do
        f=${pdf_samples[$i]} n=${pdf_names[$i]}
        echo "-- $n"
        cmds=()
        for t in "${pdf_tools[@]}"; do
            case $t in
                artexport) cmds+=(-n artexport "$(q "$artexport") --pdf $(q "$f") -o $(q "$tmp/$n.t.a.pdf")") ;;
                typst) cmds+=(-n typst "$(q "$peers_python") bench/peers/peers.py typst $(q "$tmp/$n.typ") $(q "$tmp/$n.t.t.pdf")") ;;
                weasyprint) cmds+=(-n weasyprint "$(q "$peers_venv/bin/weasyprint") --pdf-tags -q $(q "$tmp/$n.html") $(q "$tmp/$n.t.w.pdf")") ;;
            esac
        done
        hyperfine "${pdf_flags[@]}" --export-json "$tmp/$n.pdf.json" "${cmds[@]}"
    done

    # artexport execs artexport-pdf for a PDF: the hand-over's cost, side by side.
    section "PDF hand-over: artexport --pdf (exec) against artexport-pdf --pdf (direct), ${pdf_names[0]}"
    hyperfine "${hyperfine_flags[@]}" --export-json "$tmp/handover.json" \
        -n handed "$(q "$artexport") --pdf $(q "${pdf_samples[0]}") -o $(q "$tmp/h.a.pdf")" \
        -n direct "$(q "$bin/artexport-pdf") --pdf $(q "${pdf_samples[0]}") -o $(q "$tmp/h.d.pdf")"
    cmp -s "$tmp/h.a.pdf" "$tmp/h.d.pdf" || { echo "  the two PDFs differ"; exit 1; }
    python3 - "$tmp/handover.json" <<'EOF2'
import json, sys
r = {x["command"]: x["median"] * 1000 for x in json.load(open(sys.argv[1]))["results"]}
print(f"  hand-over: {r['handed'] - r['direct']:+.1f} ms ({r['handed']:.1f} against {r['direct']:.1f} ms, medians)")
EOF2

    section "PDF peers in-process (no Python start-up or imports): bench/peers/peers.py time"
    for n in "${pdf_names[@]}"; do
        # typst: 5 fresh processes (the font scan and the first compile happen once per
        # process), 10 further compiles each; WeasyPrint: one process, 3 further conversions.
        for _ in 1 2 3 4 5; do
            "$peers_python" bench/peers/peers.py time typst 10 "$tmp/$n.typ" "$tmp/$n.i.t.pdf" >>"$tmp/$n.typst.time"
        done
        "$peers_python" bench/peers/peers.py time weasyprint 3 "$tmp/$n.html" "$tmp/$n.i.w.pdf" \
            >>"$tmp/$n.weasyprint.time" 2>/dev/null
        echo "  $n: done"
    done

    section "PDF in-process throughput (parse + typography + shaping + breaking + pages + painting, no file I/O)"
    "$bench" throughput --pdf --seconds "$seconds" "${samples[@]}" | tee "$tmp/pdf-throughput.txt"

    section "PDF results"
    python3 - "$tmp" "${pdf_names[@]}" <<'EOF'
import json, statistics, sys
tmp, names = sys.argv[1], sys.argv[2:]
rows = []
for n in names:
    res = {r["command"]: r["median"] * 1000 for r in json.load(open(f"{tmp}/{n}.pdf.json"))["results"]}
    rows.append((n, int(open(f"{tmp}/{n}.words").read()), res))
tools = list(rows[0][2]) if rows else []
base = "artexport" if "artexport" in tools else "typst"
others = [t for t in tools if t != base]
width = max([len("sample")] + [len(n) for n in names])
print(f"{'sample':<{width}}  {'words':>6}" + "".join(f"  {t + ' ms':>13}" for t in tools)
      + "".join(f"  {t + '/' + base:>20}" for t in others))
for n, words, res in rows:
    print(f"{n:<{width}}  {words:>6}" + "".join(f"  {res[t]:>13.1f}" for t in tools)
          + "".join(f"  {res[t] / res[base]:>19.1f}×" for t in others))
print(f"(hyperfine medians of whole processes; a ratio > 1 means {base} is faster. typst runs")
print(" through its Python binding: its process includes Python's start-up and `import typst`)")


def load(path):
    try:
        return [json.loads(l) for l in open(path) if l.strip()]
    except OSError:
        return []


def med(xs):
    return statistics.median(xs) if xs else float("nan")


print()
print("goals (whole artexport process against typst's compile alone = font scan + first compile)")
for n, words, res in rows:
    t = load(f"{tmp}/{n}.typst.time")
    if "artexport" in res and t:
        compile_ms = med([x["setup_ms"] for x in t]) + med([x["first_ms"] for x in t])
        ratio = compile_ms / res["artexport"]
        print(f"  {n}: artexport {res['artexport']:.1f} ms, typst compile {compile_ms:.1f} ms -> {ratio:.2f}× "
              f"(goal ≥2×: {'MET' if ratio >= 2 else 'NOT MET'})")
try:
    import re
    line = open(f"{tmp}/pdf-throughput.txt").read()
    rate = float(re.search(r"median ([0-9.]+) articles/s", line).group(1))
    print(f"  in-process PDF: median {rate:.1f} articles/s (goal ≥100: {'MET' if rate >= 100 else 'NOT MET'})")
except (OSError, AttributeError):
    pass

print()
print(f"{'in-process ms':<{width}}  {'typst fonts':>11}  {'typst first':>11}  {'typst warm':>10}"
      f"  {'weasy first':>11}  {'weasy warm':>10}")
for n, words, res in rows:
    t, w = load(f"{tmp}/{n}.typst.time"), load(f"{tmp}/{n}.weasyprint.time")
    print(f"{n:<{width}}  {med([x['setup_ms'] for x in t]):>11.1f}  {med([x['first_ms'] for x in t]):>11.1f}"
          f"  {med([v for x in t for v in x['warm_all_ms']]):>10.1f}"
          f"  {med([x['first_ms'] for x in w]):>11.1f}  {med([v for x in w for v in x['warm_all_ms']]):>10.1f}")
print("(medians. fonts: typst scanning /usr/share/fonts; first: the first conversion in a process;")
print(" warm: later conversions in the same process, typst with a fresh Compiler each time so that")
print(" its layout cache cannot answer. A one-shot typst compile without Python costs ≈ fonts + first)")
EOF
fi

# --- batch throughput and a whole issue, on generated articles ---------------------
if [[ -z $only || $only == batch ]]; then
    # shellcheck source=bench/peers/setup.sh
    source bench/peers/setup.sh
    peers_setup
    batch_n=${BENCH_BATCH:-100}
    rss_n=${BENCH_RSS_ARTICLES:-1000}
    issue_n=60
    # No warm-up: the untimed check run below has read every file already, and one
    # batch run is many articles long.
    batch_flags=(--runs "${BENCH_BATCH_RUNS:-3}" --style basic)
    if grep -qE -- '(^|[[:space:]])-N(,|[[:space:]]|$)' <<<"$hyperfine_help"; then batch_flags+=(-N); fi
    section "batch: $batch_n generated articles (artexport-bench generate, seed 2025), $rss_n for peak memory, a $issue_n-article issue"
    # Made at run time, never checked in (bench/generated/ is ignored by git).
    gen=bench/generated/batch
    rm -rf "$gen" bench/generated/issue
    mkdir -p bench/generated
    count=$((batch_n > rss_n ? batch_n : rss_n))
    "$bench" generate $((count > 100 ? count : 100)) "$gen" samples/*.txt
    "$bench" generate --issue issue.yaml "$issue_n" bench/generated/issue samples/*.txt
    batch=() files=""
    for f in "$gen"/article-*.txt; do
        ((${#batch[@]} < batch_n)) || break
        batch+=("$f") files+=" $(q "$f")"
    done
    # The peers' inputs: the same articles as Markdown and as typst documents.
    mkdir -p "$tmp/bmd" "$tmp/btyp"
    for f in "${batch[@]}"; do
        n=$(basename "$f" .txt)
        "$bench" markdown "$f" >"$tmp/bmd/$n.md"
        "$bench" typst "$f" >"$tmp/btyp/$n.typ"
    done
    "$bench" markdown --issue bench/generated/issue/issue.yaml >"$tmp/issue.md"
    "$bench" typst --issue bench/generated/issue/issue.yaml >"$tmp/issue.typ"
    echo "  $(cat "${batch[@]}" | wc -w | tr -d ' ') words in the batch, $(cat bench/generated/issue/article-*.txt | wc -w | tr -d ' ') in the issue"
    # Scaling to 2 jobs needs 2 idle cores: the load says whether the machine had them.
    echo "  load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$tmp/load.txt"

    pandoc_each() { echo "sh -c $(q "printf '%s\n' $(q "$tmp/bmd")/*.md | xargs -P $1 -I{} pandoc {} -o {}.epub")"; }
    typst_each() { echo "sh -c $(q "printf '%s\n' $(q "$tmp/btyp")/*.typ | xargs -P $1 -I{} $(q "$root/$peers_python") $(q "$root/bench/peers/peers.py") typst {} {}.pdf")"; }
    # One untimed run of each: all must succeed, and every output must be there.
    "$artexport" --epub --pdf -q $files --output-dir "$tmp/bcheck" || { echo "artexport failed on the batch"; exit 1; }
    eval "$(pandoc_each 2)" || { echo "pandoc failed on the batch"; exit 1; }
    eval "$(typst_each 2)" 2>/dev/null || { echo "typst failed on the batch"; exit 1; }
    for ext in epub pdf; do
        count=$(find "$tmp/bcheck" -name "*.$ext" | wc -l)
        ((count == batch_n)) || { echo "artexport wrote $count of $batch_n ${ext}s"; exit 1; }
    done
    ((  $(find "$tmp/bmd" -name '*.epub' | wc -l) == batch_n && $(find "$tmp/btyp" -name '*.pdf' | wc -l) == batch_n )) \
        || { echo "a peer did not write every output"; exit 1; }

    section "batch, EPUB: artexport --epub N files --output-dir --jobs 1|2 against pandoc per article (xargs -P 1|2)"
    hyperfine "${batch_flags[@]}" --export-json "$tmp/batch-epub.json" \
        -n artexport-1 "$(q "$artexport") --epub$files --output-dir $(q "$tmp/be1") --jobs 1" \
        -n artexport-2 "$(q "$artexport") --epub$files --output-dir $(q "$tmp/be2") --jobs 2" \
        -n peer-1 "$(pandoc_each 1)" \
        -n peer-2 "$(pandoc_each 2)"
    section "batch, PDF: artexport --pdf N files --output-dir --jobs 1|2 against typst per article (xargs -P 1|2)"
    hyperfine "${batch_flags[@]}" --export-json "$tmp/batch-pdf.json" \
        -n artexport-1 "$(q "$artexport") --pdf$files --output-dir $(q "$tmp/bp1") --jobs 1" \
        -n artexport-2 "$(q "$artexport") --pdf$files --output-dir $(q "$tmp/bp2") --jobs 2" \
        -n peer-1 "$(typst_each 1)" \
        -n peer-2 "$(typst_each 2)"
    # Any number of jobs writes the same files.
    for j in 1 2; do
        for ext in epub pdf; do
            dir=$tmp/b${ext:0:1}$j
            cmp -s <(cat "$dir"/*."$ext" | cksum) <(cat "$tmp/bcheck"/*."$ext" | cksum) \
                || { echo "  the ${ext}s of --jobs $j differ from those of the check run"; exit 1; }
        done
    done

    section "a whole issue of $issue_n articles: artexport --issue against one pandoc EPUB and one typst PDF of them"
    issue_file=bench/generated/issue/issue.yaml
    hyperfine "${batch_flags[@]}" --export-json "$tmp/issue.json" \
        -n artexport-epub "$(q "$artexport") --epub --issue $issue_file -o $(q "$tmp/ia")" \
        -n artexport-pdf "$(q "$artexport") --pdf --issue $issue_file -o $(q "$tmp/ia")" \
        -n artexport-both "$(q "$artexport") --epub --pdf --issue $issue_file -o $(q "$tmp/ia")" \
        -n pandoc "pandoc $(q "$tmp/issue.md") --toc -o $(q "$tmp/ip.epub")" \
        -n typst "$(q "$peers_python") bench/peers/peers.py typst $(q "$tmp/issue.typ") $(q "$tmp/it.pdf")"
    pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
    echo "  pages: artexport $(pages "$tmp/ia.pdf"), typst $(pages "$tmp/it.pdf");" \
         "spine documents: artexport $(unzip -Z1 "$tmp/ia.epub" | grep -c '\.xhtml$'), pandoc $(unzip -Z1 "$tmp/ip.epub" | grep -c '\.xhtml$')" \
        | tee "$tmp/issue-pages.txt"

    section "in-process throughput on the generated articles (the first 20), 1 worker and one per core"
    for fmt in epub pdf; do
        flag=()
        [[ $fmt == pdf ]] && flag=(--pdf)
        "$bench" throughput "${flag[@]}" --seconds "$seconds" --workers 1 "${batch[@]:0:20}" | tee "$tmp/tp-$fmt-1.txt"
        "$bench" throughput "${flag[@]}" --seconds "$seconds" "${batch[@]:0:20}" | tee "$tmp/tp-$fmt-n.txt"
    done

    section "peak memory (getrusage of the child): 100 and $rss_n articles with --jobs 1, $rss_n with --jobs 2"
    # With one job the articles follow each other in the same order every time, so two
    # counts compare exactly: what a batch keeps of each article shows as growth. With two,
    # the peak is the caches plus the two articles being exported at that moment, whichever
    # they are: in a long batch two heavy ones (all the scripts' fonts) coincide now and then.
    all=("$gen"/article-*.txt)
    peak() {   # FORMAT COUNT JOBS: prints "FORMAT COUNT JOBS KiB SECONDS"
        python3 - "$1" "$2" "$3" "$artexport" "$tmp/rss-$1-$2-$3" "${all[@]:0:$2}" <<'EOF'
import resource, subprocess, sys, time
fmt, count, jobs, exe, out, files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6:]
start = time.monotonic()
r = subprocess.run([exe, "--" + fmt, "-q", "--jobs", jobs, *files, "--output-dir", out], stdin=subprocess.DEVNULL)
took = time.monotonic() - start
if r.returncode != 0:
    sys.exit(f"artexport --{fmt} on {count} articles failed ({r.returncode})")
print(fmt, count, jobs, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, f"{took:.2f}")
EOF
    }
    : >"$tmp/rss.txt"
    for fmt in epub pdf; do
        for run in "100 1" "$rss_n 1" "$rss_n 2"; do
            read -r n j <<<"$run"
            peak "$fmt" "$n" "$j" | tee -a "$tmp/rss.txt"
            [[ $(find "$tmp/rss-$fmt-$n-$j" -name "*.$fmt" | wc -l) == "$n" ]] || { echo "  not every $fmt was written"; exit 1; }
            rm -rf "$tmp/rss-$fmt-$n-$j"
        done
    done

    echo "  load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$tmp/load.txt"
    section "batch results"
    python3 - "$tmp" "$batch_n" "$issue_n" "$rss_n" <<'EOF'
import json, os, re, sys
tmp, n, issue_n, rss_n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])

def medians(name):
    return {r["command"]: r["median"] for r in json.load(open(f"{tmp}/{name}.json"))["results"]}

def rate(path):
    m = re.search(r"median ([0-9.]+) articles/s", open(path).read())
    return float(m.group(1)) if m else float("nan")

goals = []
def goal(text, ok):
    goals.append(ok)
    print(f"  {text}: {'MET' if ok else 'NOT MET'}")

print(f"{'batch of ' + str(n):<16} {'jobs':>4} {'artexport art/s':>16} {'peer art/s':>11} {'artexport/peer':>15}")
scaling = {}
for fmt, peer in (("epub", "pandoc"), ("pdf", "typst")):
    m = medians(f"batch-{fmt}")
    for j in (1, 2):
        a, p = n / m[f"artexport-{j}"], n / m[f"peer-{j}"]
        print(f"{fmt.upper() + ' vs ' + peer:<16} {j:>4} {a:>16.1f} {p:>11.1f} {a / p:>14.1f}×")
    scaling[fmt] = (m["artexport-1"] / m["artexport-2"], m["peer-1"] / m["peer-2"])
    print(f"{'':<16} {'1→2':>4} {scaling[fmt][0]:>15.2f}× {scaling[fmt][1]:>10.2f}×")
print("(hyperfine medians of whole runs, articles per second; artexport/peer > 1 means artexport is faster;")
print(" the peers run once per article, typst through its Python binding: start-up and font scan each time)")

m = medians("issue")
print()
print(f"{'issue of ' + str(issue_n):<16} {'artexport s':>12} {'peer s':>8} {'peer/artexport':>15}")
for label, ours, peer in (("EPUB (pandoc)", m["artexport-epub"], m["pandoc"]), ("PDF (typst)", m["artexport-pdf"], m["typst"]),
                          ("both", m["artexport-both"], m["pandoc"] + m["typst"])):
    print(f"{label:<16} {ours:>12.2f} {peer:>8.2f} {peer / ours:>14.1f}×")
print("  " + open(f"{tmp}/issue-pages.txt").read().strip())

print()
print(f"{'in-process':<16} {'1 worker':>9} {'all cores':>10} {'scaling':>8}")
tp = {}
for fmt in ("epub", "pdf"):
    one, all_ = rate(f"{tmp}/tp-{fmt}-1.txt"), rate(f"{tmp}/tp-{fmt}-n.txt")
    tp[fmt] = (one, all_)
    print(f"{fmt.upper():<16} {one:>9.1f} {all_:>10.1f} {all_ / one:>7.2f}×")
print("(articles/s, medians of the rounds, first 20 generated articles)")

print()
rss = {}
for line in open(f"{tmp}/rss.txt"):
    fmt, count, jobs, kib, took = line.split()
    rss[(fmt, int(count), int(jobs))] = (int(kib) / 1024, float(took))
print(f"{'peak RSS':<16} {'100, 1 job':>11} {f'{rss_n}, 1 job':>12} {f'{rss_n}, 2 jobs':>13}")
for fmt in ("epub", "pdf"):
    r = [rss[(fmt, 100, 1)], rss[(fmt, rss_n, 1)], rss[(fmt, rss_n, 2)]]
    print(f"{fmt.upper():<16} {r[0][0]:>8.1f} MB {r[1][0]:>9.1f} MB {r[2][0]:>10.1f} MB"
          f"   ({rss_n / r[1][1]:.1f} and {rss_n / r[2][1]:.1f} articles/s in those runs)")

print()
print("goals")
goal(f"in-process EPUB {tp['epub'][1]:.1f} articles/s on {os.cpu_count()} cores, ≥ 1000", tp["epub"][1] >= 1000)
goal(f"in-process PDF {tp['pdf'][1]:.1f} articles/s, ≥ 100", tp["pdf"][1] >= 100)
goal(f"EPUB batch --jobs 1 → 2: {scaling['epub'][0]:.2f}×, ≥ 1.7×", scaling["epub"][0] >= 1.7)
goal(f"PDF batch --jobs 1 → 2: {scaling['pdf'][0]:.2f}×, ≥ 1.7×", scaling["pdf"][0] >= 1.7)
for fmt in ("epub", "pdf"):
    small, large, two = rss[(fmt, 100, 1)][0], rss[(fmt, rss_n, 1)][0], rss[(fmt, rss_n, 2)][0]
    # 6 MB, as Tests/CLITests/ScaleTests.swift allows: caches fill with the first articles.
    goal(f"{fmt.upper()} {rss_n} articles: peak {large:.1f} MB with 1 job, within 6 MB of 100 articles' {small:.1f} MB;"
         f" {two:.1f} MB with 2 jobs, < 200 MB", large <= small + 6 and two < 200)
print("  " + open(f"{tmp}/load.txt").read().strip().replace("\n", ";"))
open(f"{tmp}/batch-goals", "w").write("met" if all(goals) else "not met")
EOF
fi

if [[ ${BENCH_STRICT:-0} == 1 && ( -z $only || $only == epub ) && $(cat "$tmp/goals") != met ]]; then exit 1; fi
if [[ ${BENCH_STRICT:-0} == 1 && ( -z $only || $only == batch ) && $(cat "$tmp/batch-goals") != met ]]; then exit 1; fi
if [[ ${BENCH_STRICT:-0} == 1 && ${quality_failed:-0} == 1 ]]; then exit 1; fi
