#!/usr/bin/python3
"""Screening throughput on Dask with 1 and 2 workers, against the
single-process baseline measured in the same run.

Workloads (named, fixed seeds):
  distinct  N distinct synthetic party names (companies and persons, Latin and
            Cyrillic), each screened once: the re-screening case, where a
            bank's counterparties are mostly distinct. The rate here is the
            per-core screening rate the scale-out estimate uses.
  pooled    M rows drawn from a pool of 2,000 distinct names, deduplicated per
            partition: the "many transactions, few parties" case.

Configurations: single process (chokepoint.screen_df, threads=1 and
threads=2), and a local Dask cluster (scheduler and 1 or 2 workers started as
separate processes on 127.0.0.1, --nthreads 1 each), input partitions
generated on the workers, result gathered to the client. Each timing is the
best of --repeat runs; the workers' one-off snapshot load is done before
timing (and reported separately). Besides wall time, the CPU seconds of the
screening processes are reported: on a shared machine, rows per CPU-second
is the steadier per-core rate.

Usage: PYTHONPATH=build/python /usr/bin/python3 bench/dask_bench.py
           [--distinct 40000] [--pooled 1000000] [--partitions 8] [--repeat 2]
"""

import argparse
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd

import chokepoint
import chokepoint.dask as cdask

import dask
import dask.dataframe as dd
from distributed import Client

SYL = ["ka", "ro", "mi", "ta", "ser", "vo", "len", "dar", "po", "li", "nik", "zhu", "an", "bel",
       "tor", "gan", "sha", "lu", "mar", "ven", "os", "tri", "du", "hel"]
FORMS = ["LLC", "Ltd", "GmbH", "FZE", "Co Ltd", "JSC", "OOO", "Limited", "AG", "Trading"]
CYR = str.maketrans({"a": "а", "o": "о", "e": "е", "k": "к", "m": "м", "t": "т", "r": "р",
                     "p": "п", "n": "н", "l": "л", "s": "с", "v": "в", "d": "д", "i": "и",
                     "z": "з", "h": "х", "u": "у", "b": "б", "g": "г"})


def distinct_names(n, seed=5):
    rng = random.Random(seed)
    out = set()
    while len(out) < n:
        word = lambda k: "".join(rng.choice(SYL) for _ in range(k)).capitalize()  # noqa: E731
        r = rng.random()
        if r < 0.5:
            name = f"{word(2)} {word(rng.randint(2, 3))} {rng.choice(FORMS)}"
        elif r < 0.85:
            name = f"{word(2)} {word(3)}"
        else:
            name = f"{word(2)} {word(3)}".translate(CYR)
        out.add(name)
    return sorted(out)


def make_part(kind, i, per, seed_pool):
    if kind == "distinct":
        names = seed_pool[i * per:(i + 1) * per]
    else:
        rng = np.random.default_rng(100 + i)
        names = list(np.asarray(seed_pool, dtype=object)[rng.integers(0, len(seed_pool), per)])
    return pd.DataFrame({"party": names}, index=pd.RangeIndex(i * per, i * per + len(names)))


def start_cluster(workers, tmp):
    sched_file = os.path.join(tmp, "scheduler.json")
    procs = []

    def spawn(args, log):
        return subprocess.Popen([sys.executable] + args, stdout=open(os.path.join(tmp, log), "wb"),
                                stderr=subprocess.STDOUT, start_new_session=True)

    procs.append(spawn(["-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port",
                        "0", "--no-dashboard", "--scheduler-file", sched_file], "sched.log"))
    for k in range(workers):
        procs.append(spawn(["-m", "distributed.cli.dask_worker", "--scheduler-file", sched_file,
                            "--host", "127.0.0.1", "--nthreads", "1", "--no-dashboard",
                            "--memory-limit", "0", "--local-directory",
                            os.path.join(tmp, f"w{k}")], f"w{k}.log"))
    while not os.path.exists(sched_file):
        time.sleep(0.2)
    client = Client(scheduler_file=sched_file, timeout=60)
    client.wait_for_workers(workers, timeout=120)
    return client, procs


def stop_cluster(client, procs):
    client.close()
    for p in procs[::-1]:
        os.killpg(p.pid, signal.SIGTERM)
    for p in procs[::-1]:
        p.wait(timeout=60)


def timed(fn, repeat, cpu_clock=time.process_time):
    """Best wall time of `repeat` runs, with the CPU seconds of that run."""
    best = None
    for _ in range(repeat):
        c = cpu_clock()
        t = time.perf_counter()
        out = fn()
        dt = time.perf_counter() - t
        cpu = cpu_clock() - c
        if best is None or dt < best[0]:
            best = (dt, cpu)
    return best, out


def worker_cpu(client):
    """CPU seconds used so far by all worker processes."""
    def cpu():
        import resource
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime
    return sum(client.run(cpu).values())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--distinct", type=int, default=40000)
    ap.add_argument("--pooled", type=int, default=1000000)
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()

    names = distinct_names(args.distinct)
    pool = names[:2000]
    workloads = {"distinct": (args.distinct, names), "pooled": (args.pooled, pool)}
    print(f"machine: {platform.node()} {os.cpu_count()} cores, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} at start")
    t = time.perf_counter()
    snap = chokepoint.open_snapshot()
    print(f"snapshot {snap.version}: {len(snap)} entities; load + index "
          f"{time.perf_counter() - t:.1f} s (once per process)")
    results = {}
    for wl, (rows, seed) in workloads.items():
        per = rows // args.partitions
        df = pd.concat([make_part(wl, i, per, seed) for i in range(args.partitions)])
        for threads in (1, 2):
            (dt, cpu), out = timed(
                lambda: chokepoint.screen_df(df, name_col="party", threads=threads), args.repeat)
            results[(wl, f"single process, threads={threads}")] = (len(df), dt, cpu)
            print(f"{wl}: single process, threads={threads}: {len(df) / dt:.0f} rows/s, "
                  f"{len(df) / cpu:.0f} rows per CPU-second", flush=True)
    for workers in (1, 2):
        with tempfile.TemporaryDirectory() as tmp:
            client, procs = start_cluster(workers, tmp)
            try:
                t = time.perf_counter()
                client.run(lambda p: chokepoint.open_snapshot(p).version,
                           chokepoint.default_snapshot_path())
                warm = time.perf_counter() - t
                print(f"dask {workers} worker(s): snapshot load + index on the workers "
                      f"{warm:.1f} s (once per worker process)")
                for wl, (rows, seed) in workloads.items():
                    per = rows // args.partitions
                    parts = [dask.delayed(make_part, pure=True)(wl, i, per, seed)
                             for i in range(args.partitions)]
                    ddf = dd.from_delayed(parts, meta=pd.DataFrame(
                        {"party": pd.Series([], dtype=object)}))
                    job = cdask.screen(ddf, name_col="party", threads=1)
                    (dt, cpu), out = timed(lambda: client.compute(job).result(), args.repeat,
                                           cpu_clock=lambda: worker_cpu(client))
                    rows_done = per * args.partitions
                    results[(wl, f"dask, {workers} worker(s) x 1 thread")] = (rows_done, dt, cpu)
                    print(f"{wl}: dask, {workers} worker(s): {rows_done / dt:.0f} rows/s, "
                          f"{rows_done / cpu:.0f} rows per worker CPU-second", flush=True)
                    if wl == "pooled" and workers == 2:
                        expect = chokepoint.screen_df(pd.concat(
                            [make_part(wl, i, per, seed) for i in range(args.partitions)]),
                            name_col="party", threads=2)
                        pd.testing.assert_frame_equal(expect, out, check_exact=True)
            finally:
                stop_cluster(client, procs)
    print()
    print(f"{'workload':<10} {'configuration':<36} {'rows':>9} {'wall s':>8} {'rows/s':>9} "
          f"{'CPU s':>7} {'rows/CPU-s':>10}")
    for (wl, conf), (rows, dt, cpu) in results.items():
        print(f"{wl:<10} {conf:<36} {rows:>9} {dt:>8.2f} {rows / dt:>9.0f} {cpu:>7.2f} "
              f"{rows / cpu:>10.0f}")
    print("CPU s: the screening process's CPU time (single process), or the workers' "
          "(Dask; the client's is not counted)")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
