#!/usr/bin/python3
"""Start-up benchmark of the CLI: what a one-shot `chokepoint screen NAME`
and a small batch (`screen --in`) cost, dominated by building the screener
over the bundled lists, with malloc on transparent huge pages from the
start (the default where the kernel advises huge pages, src/io/memory.h)
and without (CHOKEPOINT_HUGE_PAGES=0, the baseline: the behaviour before).

The two settings alternate round by round in one run, so that both see the
same load on a shared machine. Each run is a child process measured by its
resource usage (wall time, user + system CPU, peak resident memory, minor
page faults); the batch's outputs of the two settings are compared byte for
byte.

  bench/startup_bench.py [--binary build/chokepoint] [--rounds 7]
                         [--batch 4000] [--out bench/results/startup_DATE.txt]

The batch takes `--batch` names of the yente synthetic negatives
(../shared/data/matching, the same file the accuracy report uses) with a
fixed seed; without that file only the one-shot screen is measured.
"""

import argparse
import csv
import datetime
import lzma
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NEGATIVES = os.path.join(ROOT, "..", "shared", "data", "matching",
                         "yente_negatives_global.csv.xz")
SETTINGS = [("huge pages", {}), ("baseline", {"CHOKEPOINT_HUGE_PAGES": "0"})]


def run(cmd, extra_env):
    """Runs cmd; returns (wall s, cpu s, peak rss MB, minor faults) of that child."""
    env = dict(os.environ)
    env.pop("GLIBC_TUNABLES", None)
    env.update(extra_env)
    with tempfile.TemporaryFile() as err:
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - t0
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            err.seek(0)
            sys.exit(f"{' '.join(cmd)} failed ({code}): {err.read().decode()[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, usage.ru_minflt


def sample_names(path, n, seed):
    with lzma.open(path, "rt", encoding="utf-8") as f:
        names = [r["full_name"] for r in csv.DictReader(f) if r["full_name"].strip()]
    random.Random(seed).shuffle(names)
    return names[:n]


def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        with open("/sys/kernel/mm/transparent_hugepage/enabled") as f:
            thp = f.read().strip()
    except OSError:
        thp = "unknown"
    return (f"# cpus:    {os.cpu_count()} ({model})\n"
            f"# load:    {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1/5/15 min; other jobs "
            f"share this machine)\n"
            f"# kernel:  {platform.system()} {platform.release()}; transparent huge pages: {thp}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "chokepoint"))
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--batch", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=20261203)
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"no binary at {args.binary}: build it first (./scripts/build release)")

    with tempfile.TemporaryDirectory(prefix="startup_bench.") as work:
        measure(args, work)


def measure(args, work):
    jobs = [("one-shot", [args.binary, "screen", "Wuhan Global Sensor Technology"])]
    outputs = {}
    if args.batch > 0 and os.path.exists(NEGATIVES):
        parties = os.path.join(work, "parties.csv")
        with open(parties, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["name"])
            for name in sample_names(NEGATIVES, args.batch, args.seed):
                w.writerow([name])
        for label, _ in SETTINGS:
            outputs[label] = os.path.join(work, f"hits_{label.replace(' ', '_')}.csv")
        jobs.append((f"batch {args.batch}", [args.binary, "screen", "--in", parties,
                                             "--name-column", "name", "--out", None]))

    results = {}  # (job, setting) -> list of measurements
    for r in range(args.rounds):
        # Alternate which setting goes first.
        order = SETTINGS if r % 2 == 0 else SETTINGS[::-1]
        for job, cmd in jobs:
            for label, env in order:
                c = [outputs[label] if a is None else a for a in cmd]
                results.setdefault((job, label), []).append(run(c, env))
        print(f"round {r + 1}/{args.rounds} done", file=sys.stderr, flush=True)

    lines = []
    lines.append(f"# startup_bench  {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%dT%H:%M:%SZ}")
    lines.append(f"# binary:  {os.path.relpath(os.path.abspath(args.binary), ROOT)}")
    lines.append(machine().rstrip("\n"))
    lines.append(f"# rounds:  {args.rounds}, the two settings alternating")
    lines.append("")
    lines.append(f"{'job':<12} {'setting':<11} {'wall s (median, min-max)':<26} "
                 f"{'CPU s (median)':<15} {'page faults':<12} {'peak MB':<8}")
    for job, _ in jobs:
        med = {}
        for label, _ in SETTINGS:
            m = results[(job, label)]
            walls = [x[0] for x in m]
            med[label] = statistics.median(walls)
            lines.append(
                f"{job:<12} {label:<11} "
                f"{statistics.median(walls):6.2f} ({min(walls):.2f}-{max(walls):.2f}){'':<10} "
                f"{statistics.median(x[1] for x in m):<15.2f} "
                f"{int(statistics.median(x[3] for x in m)):<12} "
                f"{statistics.median(x[2] for x in m):<8.0f}")
        lines.append(f"{job:<12} {'ratio':<11} baseline / huge pages = "
                     f"{med['baseline'] / med['huge pages']:.2f} (wall, medians)")
    if outputs:
        same = open(outputs["huge pages"], "rb").read() == open(outputs["baseline"], "rb").read()
        lines.append("")
        lines.append(f"batch outputs identical in both settings: {'yes' if same else 'NO'}")
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
