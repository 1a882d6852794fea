"""The founding questions on a generated data set with known true shares.

tools/gen_trade_sample.py plants Russia's imports by origin (China ~90% of
microelectronics in 2023, ~70% of ~US$900M machine tools in Q4 2023,
semiconductors from China ~US$200M in 2021 and over US$500M in 2022). The
expected answers are recomputed here from the generated CSV with Python's csv
module, and also checked against the planted truth, then compared with the
`trade share` command and the HTML report.
"""
import collections
import csv
import json
import os
import subprocess
import sys
import tempfile
import unittest

BIN = os.environ["CHOKEPOINT_BIN"]
SRC = os.environ["CHOKEPOINT_SOURCE_DIR"]
MAPPING = "reporter=reporter,partner=partner,flow=flow,hs=hs,period=period,value=value,currency=currency"


class FoundingQuestionsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.csv = os.path.join(cls.tmp.name, "ru_imports.csv")
        cls.store = os.path.join(cls.tmp.name, "ru.store")
        subprocess.run([sys.executable, os.path.join(SRC, "tools/gen_trade_sample.py"),
                        "--out", cls.csv], check=True)
        subprocess.run([BIN, "trade", "ingest", "--quiet", "--format", "csv", "--mapping",
                        MAPPING, "--out", cls.store, cls.csv], check=True)
        with open(cls.csv, encoding="utf-8") as f:
            cls.rows = list(csv.DictReader(f))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def expected(self, prefixes, months):
        by = collections.Counter()
        for r in self.rows:
            if r["hs"].startswith(prefixes) and r["period"] in months:
                by[r["partner"]] += float(r["value"])
        return by

    def share(self, group, period):
        out = subprocess.run([BIN, "trade", "share", "--store", self.store, "--hs", group,
                              "--period", period, "--json"],
                             check=True, capture_output=True, text=True).stdout
        return json.loads(out)

    def check(self, group, prefixes, period, months):
        exp = self.expected(prefixes, months)
        got = self.share(group, period)
        total = sum(exp.values())
        self.assertAlmostEqual(got["total"], total, delta=0.05 * len(exp))
        rows = {r["partner"]: r for r in got["rows"]}
        self.assertEqual(set(rows), set(exp))
        for cc, v in exp.items():
            self.assertAlmostEqual(rows[cc]["share"], v / total, places=5)
        return exp, total, got

    def test_china_share_of_microelectronics_2023(self):
        months = {f"2023-{m:02d}" for m in range(1, 13)}
        exp, total, got = self.check("microelectronics", ("8541", "8542"), "2023", months)
        self.assertEqual(got["rows"][0]["partner"], "CN")
        self.assertAlmostEqual(exp["CN"] / total, 0.90, delta=0.01)  # the planted truth

    def test_china_share_of_machine_tools_q4_2023(self):
        months = {"2023-10", "2023-11", "2023-12"}
        prefixes = tuple(str(h) for h in range(8456, 8467))
        exp, total, got = self.check("machine-tools", prefixes, "2023-Q4", months)
        self.assertAlmostEqual(exp["CN"] / total, 0.70, delta=0.01)
        self.assertAlmostEqual(total, 900e6, delta=0.05 * 900e6)

    def test_semiconductors_from_china_2021_against_2022(self):
        for year, planted in ((2021, 200e6), (2022, 500e6)):
            months = {f"{year}-{m:02d}" for m in range(1, 13)}
            exp, _, got = self.check("8541-8542", ("8541", "8542"), str(year), months)
            rows = {r["partner"]: r for r in got["rows"]}
            self.assertAlmostEqual(rows["CN"]["value"], exp["CN"], delta=1.0)
            self.assertAlmostEqual(exp["CN"], planted, delta=0.05 * planted)

    def test_report_answers_the_questions(self):
        html = os.path.join(self.tmp.name, "report.html")
        subprocess.run([BIN, "trade", "report", "--store", self.store, "--out", html],
                       check=True, capture_output=True)
        text = open(html, encoding="utf-8").read()
        md = open(html[:-5] + ".md", encoding="utf-8").read()
        self.assertIn("<svg", text)
        self.assertIn("Dependency view", md)
        months = {f"2023-{m:02d}" for m in range(1, 13)}
        exp = self.expected(("8541", "8542"), months)
        cn = 100 * exp["CN"] / sum(exp.values())
        self.assertIn(f"| microelectronics | 2023 |", md)
        self.assertIn(f"| CN | {cn:.1f}% |", md)


if __name__ == "__main__":
    unittest.main()
