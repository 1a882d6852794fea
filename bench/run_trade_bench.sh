#!/usr/bin/env bash
# Builds and runs the trade store benchmark (bench/trade_bench.cc) and appends to
# bench/results/trade_<date>.txt: the machine, then ingest rates and grouped
# share query times of our engine, SQLite and DuckDB on the same generated
# CSV, with ratios and a check that all engines return the same totals.
#
#   bench/run_trade_bench.sh [BUILD_DIR]
#
# ROWS (default 100000000) sets the generated row count; a quick run:
#   ROWS=1000000 bench/run_trade_bench.sh
# WORK (default /tmp/trade-bench) holds the CSV (~45 bytes a row) and the
# SQLite database (~2x that) while the benchmark runs; both are deleted at
# the end. DuckDB comes from npm (@duckdb/node-api, installed into
# $WORK/duckdb unless DUCKDB_DIR names a folder that has it); without it the
# DuckDB rows are skipped (DUCKDB=0 skips them without trying npm). Needs
# libsqlite3-dev.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-bench}
rows=${ROWS:-100000000}
work=${WORK:-/tmp/trade-bench}
if [[ -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" -DCHOKEPOINT_BENCH=ON >/dev/null  # keep its build type
else
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHOKEPOINT_BENCH=ON \
    -DCHOKEPOINT_TESTS=OFF >/dev/null
fi
ninja -C "$build" -j"${JOBS:-2}" trade_bench

mkdir -p "$work" "$root/bench/results"
trap 'rm -f "$work/trade.csv" "$work/trade.sqlite" "$work"/trade.csv.duckdb.json' EXIT
duckdb_dir=${DUCKDB_DIR:-$work/duckdb}
if [[ "${DUCKDB:-1}" != 0 && ! -d "$duckdb_dir/node_modules/@duckdb/node-api" ]] &&
  command -v npm >/dev/null; then
  mkdir -p "$duckdb_dir"
  (cd "$duckdb_dir" && npm install --no-save @duckdb/node-api >/dev/null 2>&1) ||
    echo "npm install @duckdb/node-api failed; DuckDB skipped" >&2
fi
duckdb_cmd=""
if [[ "${DUCKDB:-1}" != 0 && -d "$duckdb_dir/node_modules/@duckdb/node-api" ]]; then
  duckdb_cmd="cd '$duckdb_dir' && node '$root/bench/trade_bench_duckdb.mjs'"
fi

date=$(date -u +%Y-%m-%d)
out="$root/bench/results/trade_$date.txt"
{
  echo "# trade_bench  $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# commit:  $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown) (working tree may differ)"
  echo "# cpus:    $(nproc)  ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'))"
  echo "# memory:  $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "# load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min before the run; other jobs share this machine)"
  echo "# build:   $(grep -m1 '^CMAKE_BUILD_TYPE' "$build/CMakeCache.txt" | cut -d= -f2)"
  echo "# kernel:  $(uname -sr);  compiler: $(${CXX:-c++} --version | head -1)"
  echo "# rows:    $rows"
  echo
  "$build/bench/trade_bench" --rows "$rows" --csv "$work/trade.csv" --db "$work/trade.sqlite" \
    ${duckdb_cmd:+--duckdb "$duckdb_cmd"} 2>&1
  echo
  echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$out"
echo "appended to $out" >&2
