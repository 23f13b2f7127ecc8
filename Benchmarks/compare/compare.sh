#!/usr/bin/env bash
# `make compare`: Weft beside igraph, NetworKit and NetworkX, kernel by kernel (see compare.py).
# Makes a local venv with the pinned libraries, builds the release `weft` and runs compare.py,
# passing on its arguments:  Benchmarks/compare/compare.sh [s m l] [--reps N] [--pipeline] …
#
# Builds and the timed runs take the build lock (WEFT_BUILD_LOCK, default /tmp/weft-build.lock)
# so that no other build or test run shares the cores while the timings are taken.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=Benchmarks/compare/.venv
lock=${WEFT_BUILD_LOCK:-/tmp/weft-build.lock}
[[ -x $venv/bin/python ]] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r Benchmarks/compare/requirements.txt
flock "$lock" "${SWIFT:-swift}" build -c release --product weft
exec flock "$lock" "$venv/bin/python" -W ignore::RuntimeWarning Benchmarks/compare/compare.py "$@"
