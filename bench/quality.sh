#!/usr/bin/env bash
# PDF quality: the same article typeset by `artexport --pdf`, typst and
# WeasyPrint, measured with pdf-metrics.py (../shared/tools/ or $PDF_METRICS; the
# tables are skipped with a note when it is not there).  `bash bench/quality.sh
# [SAMPLE.txt…]` from anywhere; without arguments it uses samples/*.txt.
#
# For each sample: artexport-bench writes the article as typst markup and as HTML with a
# print style sheet (A4, 25 mm, EB Garamond 10.5 pt, justified, hyphenated in the
# article's language, title block, running head), the peers typeset them, every PDF is
# checked for the article's words (pdftotext), and pdf-metrics prints one Markdown table
# per sample with a column per typesetter. First, artexport's own in-process numbers
# (`artexport-bench quality`, what the tests check).  See bench/README.md.
#
# Environment (all optional):
#   BENCH_SCRATCH_PATH  swift build --scratch-path (default: the package's .build)
#   QUALITY_OUT         keep the PDFs (and .typ/.html) in this folder instead of a temporary one
#   QUALITY_PEERS       which peers, default "typst weasyprint"
#   QUALITY_ARTEXPORT=0 leave artexport out even when it has --pdf (peers only)
#   PDF_METRICS         pdf-metrics.py to use instead of ../shared/tools/pdf-metrics.py
# Exit status 1 when a typesetter fails or loses words of the article.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
export LC_ALL=C.UTF-8

if (($#)); then samples=("$@"); else samples=("$root"/samples/*.txt); fi
((${#samples[@]})) || { echo "quality: no samples" >&2; exit 1; }
read -r -a peers <<<"${QUALITY_PEERS:-typst weasyprint}"

section() { printf '\n== %s\n' "$*"; }

# shellcheck source=bench/peers/setup.sh
source bench/peers/setup.sh
peers_setup
metrics=$(peers_metrics) || metrics=""

read -ra release_flags <<<"$(make -s -C "$root" release-flags)"
build=(swift build "${release_flags[@]}")
if [[ -n ${BENCH_SCRATCH_PATH:-} ]]; then build+=(--scratch-path "$BENCH_SCRATCH_PATH"); fi
section "build (release)"
"${build[@]}" --product artexport-bench 2>&1 | tail -1
"${build[@]}" --product artexport 2>&1 | tail -1
"${build[@]}" --product artexport-pdf 2>&1 | tail -1   # artexport hands --pdf to it
bin=$("${build[@]}" --show-bin-path)
bench=$bin/artexport-bench
artexport=$bin/artexport
help=$("$artexport" --help 2>&1 || true)   # captured first: grep -q must not SIGPIPE it
if [[ ${QUALITY_ARTEXPORT:-1} == 0 ]]; then
    typesetters=("${peers[@]}")
    echo "QUALITY_ARTEXPORT=0: peers only"
elif grep -q -- --pdf <<<"$help"; then
    typesetters=(artexport "${peers[@]}")
else
    typesetters=("${peers[@]}")
    echo "artexport has no --pdf yet: peers only"
fi
echo "$("$peers_python" bench/peers/peers.py versions) | metrics: ${metrics:-none}"

if [[ -n ${QUALITY_OUT:-} ]]; then
    out=$QUALITY_OUT
    mkdir -p "$out"
else
    out=$(mktemp -d "${TMPDIR:-/tmp}/artexport-quality.XXXXXX")
    trap 'rm -rf "$out"' EXIT
fi

# One PDF per typesetter and sample; warnings are kept and shown with the word check.
typeset() {   # typesetter sample name
    local t=$1 f=$2 n=$3
    case $t in
        artexport) "$artexport" --pdf "$f" -o "$out/$n.artexport.pdf" ;;
        typst)
            "$bench" typst "$f" >"$out/$n.typ"
            "$peers_python" bench/peers/peers.py typst "$out/$n.typ" "$out/$n.typst.pdf" ;;
        weasyprint)
            "$bench" html "$f" >"$out/$n.html"
            "$peers_python" bench/peers/peers.py weasyprint "$out/$n.html" "$out/$n.weasyprint.pdf" ;;
        *) echo "unknown typesetter $t" >&2; return 64 ;;
    esac
}

section "PDFs and words (${typesetters[*]})"
status=0
names=()
for f in "${samples[@]}"; do
    n=$(basename "$f" .txt)
    names+=("$n")
    "$bench" text "$f" >"$out/$n.model.txt"
    pdfs=()
    for t in "${typesetters[@]}"; do
        if ! typeset "$t" "$f" "$n" 2>"$out/$n.$t.err"; then
            echo "$n: $t failed:"; sed 's/^/    /' "$out/$n.$t.err"; status=1; continue
        fi
        pdfs+=("$out/$n.$t.pdf")
    done
    ((${#pdfs[@]})) || continue
    "$peers_python" bench/peers/peers.py words "$out/$n.model.txt" "${pdfs[@]}" | sed "s/^/  /" || status=1
    for t in "${typesetters[@]}"; do
        if [[ -s $out/$n.$t.err ]]; then echo "    $t says: $(sed '2,$s/^/      /' "$out/$n.$t.err")"; fi
    done
done

if [[ ${typesetters[0]} == artexport ]]; then
    section "artexport in-process (LineQuality, as the tests measure it)"
    "$bench" quality "${samples[@]}"
fi

if [[ -z $metrics ]]; then
    section "pdf-metrics tables"
    echo "$peers_metrics_missing"
    names=()
fi
for n in "${names[@]}"; do
    section "$n"
    files=() cols=()
    for t in "${typesetters[@]}"; do
        if [[ -f $out/$n.$t.pdf ]]; then files+=("$out/$n.$t.pdf"); cols+=("$t"); fi
    done
    ((${#files[@]})) || continue
    (IFS=,; "$peers_python" "$metrics" --table --names "${cols[*]}" "${files[@]}")
done

if [[ -n ${QUALITY_OUT:-} ]]; then echo; echo "PDFs kept in $out"; fi
exit $status
