#!/usr/bin/env bash
# Time and peak memory of `weft analyze` on the S, M and L samples (L: 500,000 members,
# 10,000,000 records, about 540 MB of CSV, generated once into Benchmarks/data/l).
# Usage: Benchmarks/scale.sh [s m l]   (run `make build` first)
set -euo pipefail
cd "$(dirname "$0")/.."
weft=.build/release/weft
[[ -x $weft ]] || { echo "build first: make build" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
printf '%-5s %12s %14s %12s\n' size "wall (s)" "peak RSS (MB)" members
for size in "${@:-s m l}"; do
    for one in $size; do
        data=Benchmarks/data/$one
        [[ -f $data/interactions.csv ]] || "$weft" sample --size "$one" --seed 42 --out "$data" >/dev/null
        out=$(mktemp -d)
        stats=$( { /usr/bin/time -f '%e %M' "$weft" analyze "$data" --out "$out" >/dev/null; } 2>&1 | tail -1 )
        members=$(($(wc -l < "$out/members.csv") - 1))
        read -r seconds kilobytes <<<"$stats"
        printf '%-5s %12s %14d %12d\n' "$one" "$seconds" $((kilobytes / 1024)) "$members"
        rm -rf "$out"
    done
done
