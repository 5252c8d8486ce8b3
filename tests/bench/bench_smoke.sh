#!/bin/sh
# bench_smoke.sh GENCACHE SCAN: both benchmarks end to end on a tiny cache. Fails when either
# fails, or when mk_bench_scan finds that a scan's total differs from du -s.
set -eu
gen=$1
scan=$2
dir=$(mktemp -d "${TMPDIR:-/tmp}/mk_bench_smoke.XXXXXX")
# go leaves module trees read-only.
trap 'chmod -R u+w "$dir" 2>/dev/null; rm -rf "$dir"' EXIT INT TERM
"$gen" --out "$dir" --modules 6 --versions 2 --files 8
"$scan" --modcache "$dir/gomodcache" --rounds 2
