#!/usr/bin/env bash
# Sourced by bench/quality.sh and bench/run.sh from the repository root:
# makes sure poppler-utils, python3-venv and pango are there (Debian) and that
# bench/.venv-peers holds bench/peers/requirements.txt; sets `peers_python`.
# Installs only what is missing, so a set-up machine needs no network.

peers_venv=bench/.venv-peers
peers_python=$peers_venv/bin/python

peers_setup() {
    local missing=() p sudo=()
    for p in poppler-utils python3-venv libpango-1.0-0 libpangoft2-1.0-0 fonts-ebgaramond fonts-noto-core fonts-droid-fallback fonts-noto-color-emoji fonts-dejavu-core; do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if ((${#missing[@]})); then
        if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
        echo "installing Debian packages: ${missing[*]}" >&2
        "${sudo[@]}" apt-get update -qq
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
    local stamp
    stamp="$peers_venv/.installed-$(cksum <bench/peers/requirements.txt | cut -d' ' -f1)"
    if [[ ! -e $stamp ]]; then
        echo "installing the PDF peers into $peers_venv (bench/peers/requirements.txt)" >&2
        python3 -m venv "$peers_venv"
        "$peers_venv/bin/pip" install --quiet --disable-pip-version-check -r bench/peers/requirements.txt >&2
        rm -f "$peers_venv"/.installed-*
        touch "$stamp"
    fi
}

# pdf-metrics.py, the external cross-check: in shared/tools beside the repository
# where the development machines and CI keep it, or wherever PDF_METRICS names.
# A user's clone has neither: the callers then skip the cross-check with a note.
peers_metrics() {
    local p
    for p in "${PDF_METRICS:-}" ../shared/tools/pdf-metrics.py; do
        if [[ -n $p && -f $p ]]; then echo "$p"; return 0; fi
    done
    return 1
}
peers_metrics_missing="pdf-metrics.py not found (../shared/tools/, or set PDF_METRICS=FILE): external cross-check skipped"
