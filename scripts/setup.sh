#!/usr/bin/env bash
# Installs what Weft needs on Debian/Ubuntu and does nothing when it is already there:
#   libblas-dev, liblapack-dev   the generic BLAS/LAPACK that Weft links against
#   libopenblas0-pthread         an optimised BLAS that registers itself as libblas.so.3 / liblapack.so.3
#   zlib1g-dev                   zlib, which inflates the compressed parts of .xlsx workbooks
# With --browser (make browser-test) also what the browser test of report.html needs:
#   chromium, poppler-utils      headless Chromium driven through DevTools; pdfinfo and pdftotext
#   websockets (pip)             the DevTools client of scripts/browser_test.py
# Swift itself (6.0 or newer) must already be installed; this script checks for it.
set -euo pipefail

packages=(libblas-dev liblapack-dev libopenblas0-pthread zlib1g-dev)
if [[ "${1:-}" == "--browser" ]]; then
    packages+=(chromium poppler-utils)
fi
missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}" >&2
    if [[ $(id -u) -eq 0 ]]; then
        SUDO=()
    elif command -v sudo >/dev/null; then
        SUDO=(sudo)
    else
        echo "setup: need root or sudo to install ${missing[*]}" >&2
        exit 1
    fi
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null; then
    echo "setup: swift is not on PATH; install Swift 6.0 or newer (https://www.swift.org/install/linux/)" >&2
    exit 1
fi

if [[ "${1:-}" == "--browser" ]] && ! python3 -c "import websockets" 2>/dev/null; then
    echo "setup: installing the Python websockets package" >&2
    python3 -m pip install --quiet websockets
fi
