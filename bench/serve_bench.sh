#!/bin/sh
# HTTP service benchmark: `chokepoint serve` on loopback under wrk, 64
# keep-alive connections, single-name POST /v1/screen requests; appends to
# bench/results/serve_<date>.txt with the machine noted.
#
# Usage: bench/serve_bench.sh
#   CHOKEPOINT_BIN   the binary (default: build/chokepoint)
#   DURATION         seconds per run (default 15)
#   THREADS          server worker threads (default 2)
# Runs, each against a freshly started server (2 worker threads, access log
# to a file, casework audit trail on, as shipped):
#   1. GET /healthz: the server's own ceiling (no auth, no work): the baseline
#   2. POST /v1/screen, 8 recurring names: answered from the screening cache
#      after the first time (every request still authenticated, parsed,
#      audited and logged)
#   3. POST /v1/screen, 4,096 distinct names, --cache 0: every request scored
#      by the engine
# For each run: wrk's requests/s and latency percentiles, and the server's own
# CPU seconds (from /proc), so that requests per server CPU-second can be read
# apart from the load of a shared machine. wrk runs on the same cores.
set -eu
cd "$(dirname "$0")/.."
bin="${CHOKEPOINT_BIN:-build/chokepoint}"
duration="${DURATION:-15}"
threads="${THREADS:-2}"
command -v wrk >/dev/null || { echo "serve_bench: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[ -x "$bin" ] || { echo "serve_bench: no binary at $bin (set CHOKEPOINT_BIN)" >&2; exit 1; }

work="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT INT TERM

token="$("$bin" token create --role analyst --data "$work/data" 2>/dev/null | tail -n 1)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"

start_server() {  # extra serve options...
  "$bin" serve --port "$port" --data "$work/data" --threads "$threads" "$@" 2>>"$work/serve.log" &
  pid=$!
  i=0
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
    i=$((i + 1))
    [ $i -lt 600 ] || { echo "serve_bench: server did not start" >&2; cat "$work/serve.log" >&2; exit 1; }
    sleep 0.2
  done
}
stop_server() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }
cpu_seconds() {  # utime + stime of the server, in seconds
  awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$pid/stat"
}

run() {  # label, then wrk arguments
  label="$1"
  shift
  c0="$(cpu_seconds)"
  out="$(wrk -t2 -c64 -d"${duration}s" --latency "$@")"
  c1="$(cpu_seconds)"
  rps="$(echo "$out" | awk '/Requests\/sec/ { print $2 }')"
  total="$(echo "$out" | awk '/requests in/ { print $1 }')"
  p50="$(echo "$out" | awk '$1 == "50%" { print $2 }')"
  p90="$(echo "$out" | awk '$1 == "90%" { print $2 }')"
  p99="$(echo "$out" | awk '$1 == "99%" { print $2 }')"
  errors="$(echo "$out" | awk '/Non-2xx|Socket errors/ { printf "%s ", $0 }')"
  cpu="$(echo "$c0 $c1" | awk '{ printf "%.1f", $2 - $1 }')"
  per_cpu="$(echo "$total $c0 $c1" | awk '{ d = $3 - $2; if (d > 0) printf "%.0f", $1 / d; else print "n/a" }')"
  printf '%-34s %10s req/s  p50 %8s  p90 %8s  p99 %8s  %9s requests  server CPU %6ss  %7s req/CPU-s  %s\n' \
    "$label" "$rps" "$p50" "$p90" "$p99" "$total" "$cpu" "$per_cpu" "${errors:-no errors}"
}

mkdir -p bench/results
result="bench/results/serve_$(date +%Y-%m-%d).txt"
. bench/revision.sh
rev="$(bench_revision)"  # before the run writes to its results
{
  echo "# bench/serve_bench.sh, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# git $rev"
  echo "# $(uname -srm); $(nproc) cores, shared; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# wrk -t2 -c64 -d${duration}s --latency on 127.0.0.1 (keep-alive); server --threads $threads; wrk and the server share the cores"
  start_server
  run "GET /healthz (baseline)" "http://127.0.0.1:$port/healthz"
  export CP_TOKEN="$token" CP_NAMES=repeat
  run "POST /v1/screen, 8 names, cached" \
    -s bench/serve_screen.lua "http://127.0.0.1:$port/"
  stop_server
  start_server --cache 0
  export CP_NAMES=unique
  run "POST /v1/screen, 4096 names, no cache" \
    -s bench/serve_screen.lua "http://127.0.0.1:$port/"
  stop_server
  echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$result"
