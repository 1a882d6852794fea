#!/bin/sh
# Runs the screening macro benchmark (bench/screen_bench.cc) against all
# bundled lists and appends the run to bench/results/screen_<date>.txt (which
# may already hold the day's notes), machine noted, with the latency by kind
# of query (--breakdown).
#
# Usage: bench/run_screen_bench.sh [screen_bench options...]
#   CHOKEPOINT_BUILD_DIR   build directory (default: build-bench; configured
#                          with -DCHOKEPOINT_BENCH=ON, RelWithDebInfo)
#   CHOKEPOINT_SHARED_DIR  the shared data folder (default: ../shared); its
#                          yente UN positives and negatives join the query mix
# Defaults: 20,000 queries through the index, the first 300 also through the
# exhaustive scorer, 2 threads for the aggregate figure, and the same queries
# screened again each right after an untimed screen of itself (--warm).
set -eu
cd "$(dirname "$0")/.."
dir="${CHOKEPOINT_BUILD_DIR:-build-bench}"
shared="${CHOKEPOINT_SHARED_DIR:-$(pwd)/../shared}"
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHOKEPOINT_BENCH=ON >/dev/null
cmake --build "$dir" --target chokepoint_bootstrap screen_bench
bench_bin="$(find "$dir" -name screen_bench -type f -perm -u+x | head -n 1)"
[ -n "$bench_bin" ] || { echo "run_screen_bench: screen_bench was not built" >&2; exit 1; }

. scripts/bundled_specs.sh
snap="$dir/bench_bundled.snap"
# shellcheck disable=SC2086  # the specs are one per line, without spaces
"$dir/chokepoint_bootstrap" lists import --quiet --out "$snap" --created 2026-01-01T00:00:00Z \
  $BUNDLED_SPECS

extra=""
pos="$shared/data/matching/yente_positives_un_treated.csv"
neg="$shared/data/matching/yente_negatives_global.csv.xz"
[ -f "$pos" ] && extra="$extra --un-positives $pos"
[ -f "$neg" ] && extra="$extra --negatives $neg"

mkdir -p bench/results
out="bench/results/screen_$(date +%Y-%m-%d).txt"
. bench/revision.sh
rev="$(bench_revision)"  # before the run writes to its results
{
  echo "# bench/run_screen_bench.sh, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# git $rev"
  echo "# $(uname -srm); $(nproc) cores; compiler $(${CXX:-c++} --version 2>/dev/null | head -n 1)"
  # shellcheck disable=SC2086
  "$bench_bin" --snapshot "$snap" --queries 20000 --exhaustive 300 --threads 2 --breakdown --warm $extra "$@"
} | tee -a "$out"
echo "appended to $out" >&2
