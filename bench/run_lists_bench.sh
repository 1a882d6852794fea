#!/usr/bin/env bash
# Builds and runs the list benchmarks (bench/lists_bench.cc) and appends to
# bench/results/lists_<date>.txt: the machine, the Google Benchmark table,
# and a summary against the goals (all bundled lists imported in < 2 s; a
# snapshot loaded in < 50 ms) with each time's ratio to its baseline.
#
#   bench/run_lists_bench.sh [BUILD_DIR] [extra benchmark flags...]
#
# BUILD_DIR defaults to build-bench (Release). Needs libbenchmark-dev.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-bench}
shift || true
if [[ -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" -DCHOKEPOINT_BENCH=ON >/dev/null  # keep its build type
else
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHOKEPOINT_BENCH=ON \
    -DCHOKEPOINT_TESTS=OFF >/dev/null
fi
ninja -C "$build" -j"${JOBS:-2}" lists_bench

mkdir -p "$root/bench/results"
date=$(date -u +%Y-%m-%d)
out="$root/bench/results/lists_$date.txt"
json=$(mktemp)
trap 'rm -f "$json"' EXIT
{
  echo "# lists_bench  $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# commit:  $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown) (working tree may differ)"
  echo "# cpus:    $(nproc)  ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'))"
  echo "# memory:  $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "# load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min; other jobs share this machine)"
  echo "# build:   $(grep -m1 '^CMAKE_BUILD_TYPE' "$build/CMakeCache.txt" | cut -d= -f2)"
  echo "# kernel:  $(uname -sr);  compiler: $(${CXX:-c++} --version | head -1)"
  echo
  "$build/bench/lists_bench" --benchmark_out="$json" --benchmark_out_format=json \
    --benchmark_counters_tabular=true "$@" 2>&1
  echo
  python3 - "$json" <<'PY'
import json, sys
import re
def base(name):
    # "ImportAll/min_time:3.000/real_time/process_time" -> "ImportAll"
    return "/".join(p for p in name.split("/")
                    if not re.match(r"(real_time|process_time|min_time:.*|iterations:.*)$", p))
runs = {base(b["name"]): b for b in json.load(open(sys.argv[1]))["benchmarks"]
        if b.get("run_type", "iteration") == "iteration"}
def ms(name, key="real_time"):
    b = runs.get(name)
    if b is None:
        return None
    scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[b.get("time_unit", "ns")]
    return b[key] * scale
def line(label, name, base=None, goal=None):
    t = ms(name)
    if t is None:
        print("%-30s (not run)" % label); return
    c = ms(name, "cpu_time")
    s = "%-30s %9.1f ms wall %9.1f ms cpu" % (label, t, c)
    if base and ms(base):
        s += "   %5.1fx %s (wall)" % (t / ms(base), base)
    if goal is not None:
        s += "\n%-30s goal < %g ms: wall %s, cpu %s" % (
            "", goal, "met" if t < goal else "NOT MET", "met" if c < goal else "NOT MET")
    print(s)
print("## summary per operation (cpu = all threads for Import*/Parse/Load, else the")
print("## benchmark thread; on a loaded machine judge by cpu, see lists_bench.cc)")
for name in sorted(n for n in runs if n.startswith("Import/")):
    src = name.split("/", 1)[1]
    line("import " + src, name, "Baseline_Decompress/" + src)
line("import all bundled lists", "ImportAll", "Baseline_DecompressAll", 2000)
line("serialize snapshot", "Serialize")
line("parse snapshot (memory)", "Parse", "Parse_Version1")
line("load snapshot (file)", "Load", "Load_Version1", 50)
line("baseline: parse version-1 file", "Parse_Version1", "ImportAll")
line("baseline: load version-1 file", "Load_Version1", "ImportAll", 50)
line("  of which: read file", "LoadStage_ReadFile")
line("  of which: zstd decompress", "LoadStage_Decompress")
line("  of which: SHA-256 of payload", "LoadStage_Sha256")
PY
} | tee -a "$out"
echo "appended to $out" >&2
