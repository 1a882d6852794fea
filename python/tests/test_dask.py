#!/usr/bin/python3
"""chokepoint.dask on a local Dask cluster started as separate processes.

A scheduler and two workers (one thread each, nannies on) run as their own
processes on 127.0.0.1, without dashboards, in a temporary directory. Checks:
  - a 1,000,000-row screening job (rows drawn from a pool of distinct names,
    generated on the workers) gives exactly the frame chokepoint.screen_df
    gives in this process for the same rows;
  - trade share and surge over a store split into row ranges on the workers
    give exactly the single-process figures;
  - a worker killed with SIGKILL in the middle of a job is replaced, its tasks
    are recomputed, and the output is complete, without duplicates, and equal
    to the single-process result;
  - a snapshot shipped with ship_snapshot() is used by the workers.
Run by ctest with /usr/bin/python3 and PYTHONPATH=<build>/python (the workers
inherit both).
"""

import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import numpy as np
import pandas as pd

import chokepoint
import chokepoint.dask as cdask

import dask
import dask.dataframe as dd
from distributed import Client, as_completed

SOURCE_DIR = os.environ.get(
    "CHOKEPOINT_SOURCE_DIR",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
BIN = os.environ.get("CHOKEPOINT_BIN", "chokepoint")

ROWS = 1_000_000
PARTITIONS = 10
COUNTRIES = ["", "CN", "RU", "GB", "TR", "AE", "KZ", "HK"]


def name_pool():
    """Distinct party names: the sample parties (which hit the lists) and
    synthetic company and person names (which mostly do not)."""
    import csv
    with open(os.path.join(SOURCE_DIR, "data", "samples", "founding_parties.csv"),
              encoding="utf-8") as f:
        names = [r["party"] for r in csv.DictReader(f)]
    names += ["Sergei Shoigu", "Rosoboronexport", "Hikvision Digital Technology",
              "Tactical Missiles Corporation", "Mohammad Reza Ashtiani"]
    rng = random.Random(11)
    first = ["Nord", "Asia", "Global", "Pacific", "Ural", "Baltic", "Sino", "Trans", "Euro",
             "Silk", "Altai", "Volga", "Delta", "Polar", "Crystal", "Orion", "Vector", "Zenit"]
    second = ["Trade", "Logistics", "Electronics", "Components", "Machinery", "Optics",
              "Systems", "Supply", "Industrial", "Marine", "Aero", "Tech", "Holding"]
    forms = ["LLC", "Ltd", "GmbH", "FZE", "Co Ltd", "JSC", "OOO", "Limited", "AG", ""]
    companies = [" ".join(x for x in (a, b, f) if x) for a in first for b in second for f in forms]
    given = ["Ivan", "Olga", "Wei", "Li", "Ahmed", "Maria", "John", "Aliya", "Timur", "Elena"]
    family = ["Petrov", "Smirnova", "Zhang", "Wang", "Karimov", "Novak", "Smith", "Ivanova"]
    people = [f"{g} {f}" for g in given for f in family]
    synthetic = rng.sample(companies, 1800 - len(names)) + people  # all distinct
    return list(dict.fromkeys(names + synthetic))


def make_partition(i, rows_per_part, pool):
    """Partition i of the screening input: rows drawn from the pool, with a
    country derived from the name (so duplicates are true duplicates)."""
    rng = np.random.default_rng(1000 + i)
    idx = rng.integers(0, len(pool), size=rows_per_part)
    names = np.asarray(pool, dtype=object)[idx]
    countries = np.asarray(COUNTRIES, dtype=object)[idx % len(COUNTRIES)]
    start = i * rows_per_part
    return pd.DataFrame({"party": names, "country": countries},
                        index=pd.RangeIndex(start, start + rows_per_part, name="row"))


def _die_with_parent():
    # SIGTERM when the test process dies, however it dies (e.g. a ctest
    # timeout), so no scheduler or worker outlives it.
    import ctypes
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def start(args, log_path):
    with open(log_path, "wb") as log:
        return subprocess.Popen([sys.executable] + args, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True, preexec_fn=_die_with_parent)


class DaskClusterTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.environ.pop("CHOKEPOINT_SNAPSHOT", None)
        cls.tmp = tempfile.TemporaryDirectory()
        sched_file = os.path.join(cls.tmp.name, "scheduler.json")
        cls.procs = [start(["-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                            "--port", "0", "--no-dashboard", "--scheduler-file", sched_file],
                           os.path.join(cls.tmp.name, "scheduler.log"))]
        for k in range(2):
            cls.procs.append(start(
                ["-m", "distributed.cli.dask_worker", "--scheduler-file", sched_file,
                 "--host", "127.0.0.1", "--nthreads", "1", "--nworkers", "1",
                 "--no-dashboard", "--memory-limit", "0", "--death-timeout", "120",
                 "--local-directory", os.path.join(cls.tmp.name, f"w{k}")],
                os.path.join(cls.tmp.name, f"worker{k}.log")))
        deadline = time.time() + 120
        while not os.path.exists(sched_file):
            if time.time() > deadline or cls.procs[0].poll() is not None:
                raise RuntimeError("the scheduler did not start: " + cls.logs())
            time.sleep(0.2)
        cls.client = Client(scheduler_file=sched_file, timeout=60)
        cls.client.wait_for_workers(2, timeout=120)
        for addr in cls.client.scheduler_info()["workers"]:
            assert addr.startswith("tcp://127.0.0.1:"), addr
        cls.pool = name_pool()

    @classmethod
    def logs(cls):
        out = []
        for f in sorted(os.listdir(cls.tmp.name)):
            if f.endswith(".log"):
                with open(os.path.join(cls.tmp.name, f), "rb") as fh:
                    out.append(f"--- {f}\n" + fh.read()[-3000:].decode("utf-8", "replace"))
        return "\n".join(out)

    @classmethod
    def tearDownClass(cls):
        try:
            cls.client.close()
        finally:
            for p in cls.procs[::-1]:
                if p.poll() is None:
                    os.killpg(p.pid, signal.SIGTERM)
            for p in cls.procs[::-1]:
                try:
                    p.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(p.pid, signal.SIGKILL)
                    p.wait()
            cls.tmp.cleanup()

    def input_ddf(self, rows, partitions, pool=None):
        pool = self.pool if pool is None else pool
        per = rows // partitions
        meta = make_partition(0, 0, pool)
        parts = [dask.delayed(make_partition, pure=True)(i, per, pool)
                 for i in range(partitions)]
        return dd.from_delayed(parts, meta=meta, divisions=[i * per for i in range(partitions)]
                               + [rows - 1])

    def reference(self, rows, partitions, pool=None, **kwargs):
        pool = self.pool if pool is None else pool
        per = rows // partitions
        df = pd.concat([make_partition(i, per, pool) for i in range(partitions)])
        return chokepoint.screen_df(df, name_col="party", country_col="country", **kwargs)

    def test_1m_row_screening_equals_single_process(self):
        ddf = self.input_ddf(ROWS, PARTITIONS)
        job = cdask.screen(ddf, name_col="party", country_col="country", limit=3)
        got = self.client.compute(job).result()
        want = self.reference(ROWS, PARTITIONS, limit=3)
        self.assertGreater(len(want), ROWS)  # some rows have several hits
        self.assertGreater(want["rank"].notna().sum(), 1000)  # and hits exist
        pd.testing.assert_frame_equal(want, got, check_exact=True)
        # Every input row is there, once per hit (or once without hits).
        self.assertEqual(got.index.nunique(), ROWS)
        self.assertFalse(got.reset_index().duplicated(["row", "rank"]).any())

    def test_worker_killed_mid_job(self):
        rows, partitions, pool = 240_000, 24, self.pool[:400]
        ddf = self.input_ddf(rows, partitions, pool)
        job = cdask.screen(ddf, name_col="party", country_col="country", limit=2)
        futures = self.client.compute(job.to_delayed())
        pids_before = self.client.run(os.getpid)
        done = 0
        killed = None
        for fut in as_completed(futures):
            done += 1
            if done == 3:
                # Kill the worker that is busy right now.
                processing = self.client.processing()
                busy = [w for w, tasks in processing.items() if tasks] or list(pids_before)
                killed = busy[0]
                unfinished = sum(not f.done() for f in futures)
                os.kill(pids_before[killed], signal.SIGKILL)
                self.assertGreater(unfinished, 0)  # the job was mid-way
        parts = self.client.gather(futures)
        got = pd.concat(parts)
        want = self.reference(rows, partitions, pool, limit=2)
        pd.testing.assert_frame_equal(want, got, check_exact=True)
        self.assertFalse(got.reset_index().duplicated(["row", "rank"]).any())
        self.assertEqual(got.index.nunique(), rows)
        # The killed process is gone and the nanny started a new one.
        self.client.wait_for_workers(2, timeout=120)
        pids_after = self.client.run(os.getpid)
        self.assertNotIn(pids_before[killed], pids_after.values())

    def test_trade_aggregation_equals_single_process(self):
        csv_path = os.path.join(self.tmp.name, "ru.csv")
        store_path = os.path.join(self.tmp.name, "ru.store")
        subprocess.run([sys.executable, os.path.join(SOURCE_DIR, "tools", "gen_trade_sample.py"),
                        "--out", csv_path], check=True)
        subprocess.run([BIN, "trade", "ingest", "--quiet", "--format", "csv", "--out",
                        store_path, "--mapping",
                        "reporter=reporter,partner=partner,flow=flow,hs=hs,period=period,"
                        "value=value,currency=currency", csv_path], check=True)
        store = chokepoint.open_trade_store(store_path)
        for hs, period in (("chpl", "2023"), ("microelectronics", "2022-Q2"), ("85", "2021")):
            want = store.share(hs=hs, period=period)
            got = cdask.trade_share(store_path, hs=hs, period=period, partitions=13,
                                    client=self.client)
            pd.testing.assert_frame_equal(want, got, check_exact=True)
            self.assertEqual(want.attrs, got.attrs)
            self.assertGreater(len(want), 1)
        want = store.surge(hs="machine-tools", baseline=2021, period=2023)
        got = cdask.trade_surge(store_path, hs="machine-tools", baseline=2021, period=2023,
                                partitions=9, client=self.client)
        pd.testing.assert_frame_equal(want, got, check_exact=True)
        self.assertEqual(want.attrs, got.attrs)
        # The engine's own query (the CLI) agrees to the cent.
        cli = json.loads(subprocess.run(
            [BIN, "trade", "share", "--store", store_path, "--hs", "chpl", "--period", "2023",
             "--json"], check=True, capture_output=True).stdout)
        got = cdask.trade_share(store_path, hs="chpl", period="2023", client=self.client)
        self.assertEqual(list(got["key"]), [r["partner"] for r in cli["rows"]])
        for v, r in zip(got["value"], cli["rows"]):
            self.assertAlmostEqual(v, r["value"], delta=0.006)

    @unittest.skipUnless(chokepoint.HAVE_CHECK, "this build has no risk engine")
    def test_check_per_partition(self):
        df = pd.read_csv(os.path.join(SOURCE_DIR, "data", "samples", "shipments_sample.csv"),
                         dtype=str, keep_default_na=False)
        # Whole transactions per partition: split at a change of ref.
        df = df.sort_values("ref", kind="stable").reset_index(drop=True)
        cuts = [0]
        for k in (len(df) // 3, 2 * len(df) // 3):
            while 0 < k < len(df) and df["ref"][k] == df["ref"][k - 1]:
                k += 1
            cuts.append(k)
        cuts.append(len(df))
        batches = [df.iloc[a:b] for a, b in zip(cuts, cuts[1:])]
        ddf = dd.from_pandas(df, npartitions=1).repartition(divisions=cuts[:-1] + [len(df) - 1])
        got = self.client.compute(cdask.check(ddf, today="2026-03-01")).result()
        want = pd.concat([chokepoint.check_df(b, today="2026-03-01") for b in batches])
        pd.testing.assert_frame_equal(want.reset_index(drop=True), got.reset_index(drop=True))
        self.assertEqual(len(got), df["ref"].nunique())

    def test_shipped_snapshot(self):
        token = cdask.ship_snapshot(self.client)
        ddf = self.input_ddf(20_000, 4, self.pool[:300])
        got = self.client.compute(cdask.screen(ddf, name_col="party", country_col="country",
                                               snapshot=token)).result()
        want = self.reference(20_000, 4, self.pool[:300])
        pd.testing.assert_frame_equal(want, got, check_exact=True)
        paths = self.client.run(lambda: token.local_path())
        self.assertEqual(len(paths), 2)
        # Each worker keeps its copy in its own scratch folder (removed with
        # the worker), not in the shared temp folder.
        folders = self.client.run(lambda dask_worker: dask_worker.local_directory)
        for addr, path in paths.items():
            self.assertEqual(os.path.dirname(path), folders[addr])
            self.assertTrue(os.path.isfile(path))


if __name__ == "__main__":
    unittest.main(verbosity=2)
