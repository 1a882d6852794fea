#!/usr/bin/python3
"""Tests of the Python package against the CLI and independent references.

Run by ctest with Debian's /usr/bin/python3 and PYTHONPATH=<build>/python;
CHOKEPOINT_BIN is the CLI built from the same sources. The bindings must give
what the CLI gives for the same input (screen --json, screen --in batch,
compare --json, classify --json, hs, trade share/surge --json), errors must be
Python exceptions with the engine's message, and trade figures must match a
reference summed here with math.fsum from the generated CSV.
"""

import csv
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import threading
import unittest

import pandas as pd

import chokepoint

BIN = os.environ.get("CHOKEPOINT_BIN", "chokepoint")
SOURCE_DIR = os.environ.get(
    "CHOKEPOINT_SOURCE_DIR",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SAMPLES = os.path.join(SOURCE_DIR, "data", "samples", "founding_parties.csv")
SCORE_TOL = 5e-5  # the CLI prints scores with 4 decimals


def cli(args, check=True):
    env = dict(os.environ)
    env.pop("CHOKEPOINT_SNAPSHOT", None)
    p = subprocess.run([BIN] + args, capture_output=True, env=env, timeout=300)
    if check and p.returncode != 0:
        raise AssertionError(f"{args} failed ({p.returncode}): "
                             + p.stderr.decode("utf-8", "replace"))
    return p


def sample_parties():
    with open(SAMPLES, encoding="utf-8") as f:
        return list(csv.DictReader(f))


class ScreeningTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.environ.pop("CHOKEPOINT_SNAPSHOT", None)
        cls.snap = chokepoint.open_snapshot()

    def assert_same_explanation(self, cli_items, py_items):
        self.assertEqual(len(cli_items), len(py_items))
        for c, p in zip(cli_items, py_items):
            self.assertEqual(set(c), set(p))
            for k in c:
                if isinstance(c[k], float) or isinstance(p[k], float):
                    self.assertAlmostEqual(c[k], p[k], delta=SCORE_TOL, msg=k)
                else:
                    self.assertEqual(c[k], p[k], k)

    def assert_same_hits(self, cli_hits, py_hits):
        self.assertEqual(len(cli_hits), len(py_hits))
        for c, p in zip(cli_hits, py_hits):
            for key in ("source", "source_id", "schema", "name", "matched_name", "name_kind",
                        "programs"):
                self.assertEqual(c.get(key), p.get(key), key)
            self.assertAlmostEqual(c["score"], p["score"], delta=SCORE_TOL)
            self.assertAlmostEqual(c["ofac_score"], p["ofac_score"], delta=SCORE_TOL)
            self.assert_same_explanation(c["explanation"], p["explanation"])

    def test_default_snapshot_is_the_cli_default(self):
        info = json.loads(cli(["lists", "info", "--json"]).stdout)
        self.assertEqual(self.snap.version, info["version"])
        self.assertEqual(len(self.snap), info["entities"])
        self.assertIs(type(chokepoint.open_snapshot()), chokepoint.Snapshot)
        self.assertIn(os.path.abspath(chokepoint.default_snapshot_path()),
                      chokepoint._chokepoint.cached_snapshots())

    def test_screen_matches_cli_json(self):
        cases = [(r["party"], r["schema"], r["country"], {}) for r in sample_parties()[:6]]
        cases.append(("Sergei Shoigu", "person", "", {"dob": "1955"}))
        cases.append(("Wuhan Global Sensor Technology", None, "", {"limit": 3,
                                                                   "threshold": 0.5}))
        for name, schema, country, extra in cases:
            args = ["screen", name, "--json"]
            if schema:
                args += ["--schema", schema]
            if country:
                args += ["--country", country]
            if "dob" in extra:
                args += ["--dob", extra["dob"]]
            if "limit" in extra:
                args += ["--limit", str(extra["limit"]), "--threshold", str(extra["threshold"])]
            expected = json.loads(cli(args).stdout)["results"]
            got = chokepoint.screen(name, schema=schema, country=country, **extra)
            with self.subTest(name=name):
                self.assert_same_hits(expected, got)
        # The sample's sanctioned company is found at all (the CLI agrees above).
        self.assertTrue(chokepoint.screen("Wuhan Global Sensor Technology Co Ltd"))

    def test_screen_df_matches_cli_batch(self):
        rows = sample_parties()
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "hits.csv")
            cli(["screen", "--in", SAMPLES, "--name-column", "party", "--schema-column",
                 "schema", "--country-column", "country", "--limit", "3", "--out", out,
                 "--quiet"])
            with open(out, encoding="utf-8") as f:
                expected = list(csv.DictReader(f))
        # Every input row twice, shuffled: duplicates are screened once but
        # reported on every row, in input order.
        order = list(range(len(rows))) * 2
        random.Random(3).shuffle(order)
        df = pd.DataFrame([rows[i] for i in order], index=[f"r{k}" for k in range(len(order))])
        got = chokepoint.screen_df(df, columns={"name": "party", "schema": "schema",
                                                "country": "country"}, limit=3)
        by_party = {}
        for e in expected:
            by_party.setdefault(e["party"], []).append(e)
        want = []
        for k, i in enumerate(order):
            for e in by_party[rows[i]["party"]]:
                want.append((f"r{k}", e["party"], e["rank"], e["source"], e["source_id"],
                             e["matched_name"], e["score"]))
        have = []
        for label, r in got.iterrows():
            has = not pd.isna(r["rank"])
            have.append((label, r["party"], str(int(r["rank"])) if has else "",
                         r["source"] or "", r["source_id"] or "", r["matched_name"] or "",
                         f"{r['score']:.3f}" if has else ""))
        self.assertEqual(want, have)
        self.assertTrue(got["screen_error"].isna().all())

    def test_screen_df_threads_and_options(self):
        names = [r["party"] for r in sample_parties()] + ["", "x" * 2000]
        df = pd.DataFrame({"name": names * 3})
        one = chokepoint.screen_df(df, threads=1)
        two = chokepoint.screen_df(df, threads=2)
        pd.testing.assert_frame_equal(one, two)
        # Rows that cannot be screened carry the engine's message; others none.
        errs = one[one["name"].isin(["", "x" * 2000])]["screen_error"]
        self.assertEqual(len(errs), 6)
        self.assertTrue(errs.notna().all())
        with self.assertRaises(chokepoint.InvalidArgumentError) as ctx:
            chokepoint.screen("x" * 2000)
        self.assertIn(str(ctx.exception), set(errs))
        # keep_unmatched=False drops the rows without hits.
        hits_only = chokepoint.screen_df(df, keep_unmatched=False)
        self.assertEqual(len(hits_only), one["rank"].notna().sum())
        # Each row's hits are those of screen() on its own.
        for name in names[:4]:
            single = chokepoint.screen(name)
            part = one[one["name"] == name].iloc[: len(single)]
            self.assertEqual(list(part["source_id"]), [h["source_id"] for h in single])
        # Empty input gives an empty frame with the hit columns.
        empty = chokepoint.screen_df(df.iloc[0:0])
        self.assertEqual(len(empty), 0)
        self.assertEqual(list(empty.columns), ["name"] + chokepoint.HIT_COLUMNS)

    def test_compare_matches_cli(self):
        for a, b, schema in (("ООО Ромашка", "OOO Romashka", None),
                             ("Hikvision", "海康威视", "company"),
                             ("Vladimir Putin", "Putin Vladimir Vladimirovich", "person")):
            args = ["compare", a, b, "--json"] + (["--schema", schema] if schema else [])
            expected = json.loads(cli(args).stdout)
            got = chokepoint.compare(a, b, schema=schema)
            self.assertAlmostEqual(expected["score"], got["score"], delta=SCORE_TOL)
            self.assertAlmostEqual(expected["ofac_score"], got["ofac_score"], delta=SCORE_TOL)
            self.assert_same_explanation(expected["explanation"], got["explanation"])

    def test_classify_matches_cli(self):
        for text in ("STM32F103C8T6 microcontroller", "тепловизионный модуль 640x512",
                     "深沟球轴承 6205-2RS"):
            expected = json.loads(cli(["classify", text, "--json", "--top", "3"]).stdout)
            got = chokepoint.classify(text, top=3)
            self.assertEqual([c["hs6"] for c in expected["candidates"]],
                             [c["hs6"] for c in got])
            for c, g in zip(expected["candidates"], got):
                self.assertEqual(c.get("chpl_tier") or "", g["chpl_tier"])
        df = pd.DataFrame({"line": ["STM32F103C8T6 microcontroller", "garden chairs",
                                    "STM32F103C8T6 microcontroller"]})
        out = chokepoint.classify_df(df, "line", top=1)
        self.assertEqual(list(out.index[out["line"].str.startswith("STM32")]), [0, 2])

    def test_errors_are_exceptions_with_the_engine_message(self):
        # Same message as the CLI prints for the same failure.
        long_name = "y" * 1500
        p = cli(["screen", long_name], check=False)
        self.assertEqual(p.returncode, 1)
        with self.assertRaises(chokepoint.InvalidArgumentError) as ctx:
            chokepoint.screen(long_name)
        self.assertIn("invalid argument: " + str(ctx.exception), p.stderr.decode())
        self.assertEqual(ctx.exception.code, "invalid argument")
        self.assertIsInstance(ctx.exception, ValueError)
        self.assertIsInstance(ctx.exception, chokepoint.Error)

        p = cli(["hs", "85423"], check=False)
        with self.assertRaises(chokepoint.InvalidArgumentError) as ctx:
            chokepoint.hs("85423")
        self.assertIn(str(ctx.exception), p.stderr.decode())

        missing = os.path.join(tempfile.gettempdir(), "no-such-dir-chokepoint", "x.snap")
        p = cli(["screen", "acme", "--snapshot", missing], check=False)
        with self.assertRaises(chokepoint.Error) as ctx:
            chokepoint.open_snapshot(missing)
        self.assertIn(str(ctx.exception), p.stderr.decode())
        self.assertIn(missing, str(ctx.exception))

        with tempfile.NamedTemporaryFile(suffix=".snap") as bad:
            bad.write(b"not a snapshot at all")
            bad.flush()
            with self.assertRaises(chokepoint.Error) as ctx:
                chokepoint.open_snapshot(bad.name)
            p = cli(["screen", "acme", "--snapshot", bad.name], check=False)
            self.assertIn(str(ctx.exception), p.stderr.decode())

        with self.assertRaises(chokepoint.InvalidArgumentError) as ctx:
            chokepoint.screen("acme", schema="spaceship")
        self.assertIn("spaceship", str(ctx.exception))
        with self.assertRaises(chokepoint.InvalidArgumentError) as ctx:
            chokepoint.screen("acme", sources=["no_such_source"])
        self.assertIn("no_such_source", str(ctx.exception))
        with self.assertRaises(chokepoint.InvalidArgumentError):
            chokepoint.screen("acme", dob="1955-13-40")
        with self.assertRaises(chokepoint.InvalidArgumentError):
            chokepoint.screen("acme", limit=0)
        with self.assertRaises(chokepoint.InvalidArgumentError):
            chokepoint.compare("", "acme")
        with self.assertRaises(chokepoint.InvalidArgumentError):
            chokepoint.screen_df(pd.DataFrame({"name": ["a"]}), name_col="party")
        with self.assertRaises(chokepoint.InvalidArgumentError):
            chokepoint.screen_df(pd.DataFrame({"name": ["a"], "score": [1]}))
        with self.assertRaises(chokepoint.NotFoundError):
            self.snap.entity("us_ofac_sdn", "no-such-id")

    def test_entity_lookup(self):
        hit = chokepoint.screen("Wuhan Global Sensor Technology", schema="company")[0]
        e = self.snap.entity(hit["source"], hit["source_id"])
        self.assertEqual(e["caption"], hit["name"])
        self.assertIn(hit["matched_name"], [n["full"] for n in e["names"]])

    def test_concurrent_calls_from_threads(self):
        # The engine is shared and the GIL released: calls from many Python
        # threads give the same answers as one after another.
        names = [r["party"] for r in sample_parties()]
        want = {n: chokepoint.screen(n) for n in names}
        got = {}
        errors = []

        def work(n):
            try:
                got[n] = chokepoint.screen(n)
            except Exception as e:  # pragma: no cover - reported below
                errors.append(e)

        threads = [threading.Thread(target=work, args=(n,)) for n in names]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(got, want)


@unittest.skipUnless(chokepoint.HAVE_CHECK, "this build has no risk engine")
class CheckTest(unittest.TestCase):
    SHIPMENTS = os.path.join(SOURCE_DIR, "data", "samples", "shipments_sample.csv")

    def test_check_df_matches_cli(self):
        expected = json.loads(cli(["check", "--shipments", self.SHIPMENTS, "--json", "--quiet",
                                   "--today", "2026-03-01"]).stdout)["items"]
        df = pd.read_csv(self.SHIPMENTS, dtype=str, keep_default_na=False)
        df.index = [f"s{i}" for i in range(len(df))]
        got = chokepoint.check_df(df, today="2026-03-01")
        self.assertEqual(len(got), len(expected))
        self.assertEqual(list(got["ref"]), [e["ref"] for e in expected])
        self.assertEqual(list(got["risk"]), [e["risk"] for e in expected])
        self.assertEqual(list(got["decision"]), [e["decision"] for e in expected])
        self.assertEqual(list(got["alert_rules"]),
                         [";".join(a["rule"] for a in e["alerts"]) for e in expected])
        # `row` is the label of the transaction's first input row.
        self.assertEqual(list(got["row"]), [f"s{e['source_line'] - 2}" for e in expected])
        self.assertIn("review", set(got["decision"]))  # the sample has findings

    def test_check_errors(self):
        df = pd.read_csv(self.SHIPMENTS, dtype=str, keep_default_na=False).head(3)
        with self.assertRaises(chokepoint.InvalidArgumentError):
            chokepoint.check_df(df, today="2026-13-45")
        with self.assertRaises(chokepoint.Error):
            chokepoint.check_df(df, rules=os.path.join(tempfile.gettempdir(), "no-rules.json"))


class TradeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.csv = os.path.join(cls.tmp.name, "ru.csv")
        cls.store_path = os.path.join(cls.tmp.name, "ru.store")
        subprocess.run([sys.executable, os.path.join(SOURCE_DIR, "tools", "gen_trade_sample.py"),
                        "--out", cls.csv], check=True)
        cli(["trade", "ingest", "--quiet", "--format", "csv", "--out", cls.store_path,
             "--mapping", "reporter=reporter,partner=partner,flow=flow,hs=hs,period=period,"
             "value=value,currency=currency", cls.csv])
        cls.store = chokepoint.open_trade_store(cls.store_path)
        with open(cls.csv, encoding="utf-8") as f:
            cls.rows = list(csv.DictReader(f))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def reference_share(self, prefixes, year, months):
        """Per-partner exact sums from the CSV (every code here is HS6, a leaf)."""
        sums = {}
        for r in self.rows:
            p = r["period"].replace("-", "")
            y, m = int(p[:4]), int(p[4:6]) if len(p) > 4 else 0
            if y != year or m not in months:
                continue
            if not any(r["hs"].startswith(x) for x in prefixes):
                continue
            sums.setdefault(r["partner"], []).append(float(r["value"]))
        return {k: math.fsum(v) for k, v in sums.items()}

    def test_share_matches_cli_and_reference(self):
        for hs, period, months in (("microelectronics", "2023", range(1, 13)),
                                   ("machine-tools", "2023-Q4", (10, 11, 12)),
                                   ("8542", "2022-03", (3,))):
            got = self.store.share(hs=hs, period=period)
            expected = json.loads(cli(["trade", "share", "--store", self.store_path, "--hs", hs,
                                       "--period", period, "--json"]).stdout)
            self.assertEqual(list(got["key"]), [r["partner"] for r in expected["rows"]])
            for v, r in zip(got["value"], expected["rows"]):
                self.assertAlmostEqual(v, r["value"], delta=0.006)
            for s, r in zip(got["share"], expected["rows"]):
                self.assertAlmostEqual(s, r["share"], delta=1e-6)
            self.assertEqual(got.attrs["months"], expected["months"])
            self.assertAlmostEqual(got.attrs["total"], expected["total"], delta=0.006)
            prefixes = {"microelectronics": ["854231", "854232", "854239", "854110", "854129"],
                        "machine-tools": ["845710", "845811", "845961", "846693"],
                        "8542": ["8542"]}[hs]
            ref = self.reference_share(prefixes, int(period[:4]), set(months))
            if hs != "microelectronics":  # the named group may hold more codes than planted
                self.assertEqual(dict(zip(got["key"], got["value"])),
                                 {k: v for k, v in ref.items() if v != 0})

    def test_partials_are_split_independent(self):
        whole = self.store.share(hs="chpl", period="2022")
        n = len(self.store)
        for parts in (2, 7, 50):
            bounds = [round(i * n / parts) for i in range(parts + 1)]
            pieces = [self.store.partial_share("chpl", "2022", begin=bounds[i],
                                               end=bounds[i + 1]) for i in range(parts)]
            split = chokepoint.merge_share(pieces[::-1])
            pd.testing.assert_frame_equal(whole, split, check_exact=True)
            self.assertEqual(whole.attrs, split.attrs)

    def test_surge_matches_cli(self):
        got = self.store.surge(hs="microelectronics", baseline=2021, period=2023)
        expected = json.loads(cli(["trade", "surge", "--store", self.store_path, "--hs",
                                   "microelectronics", "--baseline", "2021", "--period", "2023",
                                   "--json"]).stdout)
        self.assertEqual(list(got["partner"]), [r["partner"] for r in expected["rows"]])
        for (_, g), r in zip(got.iterrows(), expected["rows"]):
            self.assertAlmostEqual(g["baseline"], r["baseline"], delta=0.006)
            self.assertAlmostEqual(g["period"], r["period"], delta=0.006)
        self.assertEqual(got.attrs["months"], expected["months"])

    def test_trade_errors(self):
        with self.assertRaises(chokepoint.InvalidArgumentError) as ctx:
            self.store.share(hs="chpl:9", period="2023")
        p = cli(["trade", "share", "--store", self.store_path, "--hs", "chpl:9", "--period",
                 "2023"], check=False)
        self.assertIn(str(ctx.exception), p.stderr.decode())
        with self.assertRaises(chokepoint.InvalidArgumentError):
            self.store.share(hs="chpl", period="2023-Q5")
        with self.assertRaises(chokepoint.Error):
            chokepoint.open_trade_store(self.csv)  # not a store file


if __name__ == "__main__":
    unittest.main(verbosity=2)
