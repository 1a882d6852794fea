"""Real-data check of the trade store on the Eurostat CN8 export file.

EU exports of Common High Priority List goods to Russia collapse in 2022
against 2021 while exports to the Central Asian and Caucasus hubs surge. The
expected figures are recomputed here from the raw file with Python's csv and
lzma modules, independently of the engine: CHPL codes from the CHPL CSV, the
partner labels mapped by hand, aggregate codes dropped when a more detailed
code under them is present, and like-for-like months (those of 2022 present
in the file).
"""
import collections
import csv
import json
import lzma
import os
import subprocess
import tempfile
import unittest

BIN = os.environ["CHOKEPOINT_BIN"]
SHARED = os.environ["CHOKEPOINT_SHARED_DIR"]
DATA = os.path.join(SHARED, "data/trade/eurostat_eu_exports_cn8_ru_neighbours/"
                    "eu_exports_by_cn8_monthly_2020-2022.csv.xz")
CHPL = os.path.join(SHARED, "data/trade/chpl/common_high_priority_list_hs6_2024-02.csv")
# HS 2017 codes whose goods moved to CHPL codes in HS 2022 (WCO correlation
# tables 2017-2022), so that 2020-2021 rows count in the HS 2022 groups.
HS2017_TO_2022 = {
    "854140": ["854141", "854142", "854143", "854149"], "854150": ["854151", "854159"],
    "852580": ["852581", "852582", "852583", "852589"], "880310": ["880710"],
    "880320": ["880720"], "880330": ["880730"], "880390": ["880790"], "854810": ["854910"],
    "854890": ["854800"],
}
PARTNERS = {
    "Russian Federation (Russia)": "RU", "Belarus (Belorussia)": "BY", "Kazakhstan": "KZ",
    "Georgia": "GE", "Armenia": "AM", "Uzbekistan": "UZ", "Kyrgyzstan": "KG",
}


def load_rows():
    with lzma.open(DATA, "rt", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class EurostatTradeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.store = os.path.join(cls.tmp.name, "eu.store")
        subprocess.run([BIN, "trade", "ingest", "--quiet", "--format", "eurostat-long",
                        "--out", cls.store, DATA], check=True)
        cls.rows = load_rows()
        with open(CHPL, encoding="utf-8") as f:
            cls.chpl = {r["hs6"]: r["tier"] for r in csv.DictReader(f)}
        codes = sorted({r["product_code"] for r in cls.rows})
        # A code is an aggregate when a longer code in the file starts with it.
        cls.leaf = {c for i, c in enumerate(codes)
                    if not (i + 1 < len(codes) and codes[i + 1].startswith(c))}

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def run_json(self, *args):
        out = subprocess.run([BIN, "trade", *args, "--store", self.store, "--json"],
                             check=True, capture_output=True, text=True).stdout
        return json.loads(out)

    def is_chpl(self, code, tier=None):
        if code not in self.leaf or len(code) < 6:
            return False
        for six in [code[:6]] + HS2017_TO_2022.get(code[:6], []):
            t = self.chpl.get(six)
            if t is not None and (tier is None or t == tier):
                return True
        return False

    def test_surge_2022_against_2021(self):
        months = sorted({int(r["period"][5:]) for r in self.rows if r["period"][:4] == "2022"})
        base = collections.Counter()
        cur = collections.Counter()
        for r in self.rows:
            year, month = int(r["period"][:4]), int(r["period"][5:])
            if month not in months or not self.is_chpl(r["product_code"]):
                continue
            if year == 2021:
                base[PARTNERS[r["partner"]]] += float(r["value_eur"])
            elif year == 2022:
                cur[PARTNERS[r["partner"]]] += float(r["value_eur"])
        got = self.run_json("surge", "--hs", "chpl", "--baseline", "2021", "--period", "2022")
        self.assertEqual(got["months"], months)
        by = {row["partner"]: row for row in got["rows"]}
        self.assertEqual(set(by), set(base) | set(cur))
        for cc in by:
            self.assertAlmostEqual(by[cc]["baseline"], base[cc], delta=1.0)
            self.assertAlmostEqual(by[cc]["period"], cur[cc], delta=1.0)
        # The founding finding: Russia collapses, the hubs surge.
        self.assertLess(cur["RU"] / base["RU"], 0.5)
        for hub in ("KZ", "KG", "AM", "GE", "UZ"):
            self.assertGreater(by[hub]["ratio"], 1.0, hub)
        ratios = [row["ratio"] for row in got["rows"]]
        self.assertEqual(ratios, sorted(ratios, reverse=True))

    def test_share_by_partner_tier1_2021(self):
        totals = collections.Counter()
        for r in self.rows:
            if r["period"].startswith("2021-") and self.is_chpl(r["product_code"], "1"):
                totals[PARTNERS[r["partner"]]] += float(r["value_eur"])
        got = self.run_json("share", "--hs", "chpl:1", "--period", "2021", "--by", "partner")
        total = sum(totals.values())
        self.assertAlmostEqual(got["total"], total, delta=1.0)
        for row in got["rows"]:
            self.assertAlmostEqual(row["value"], totals[row["partner"]], delta=1.0)
            self.assertAlmostEqual(row["share"], totals[row["partner"]] / total, places=5)
        self.assertEqual(len(got["rows"]), len(totals))

    def test_quarter_and_reporter_filter(self):
        expected = collections.Counter()
        for r in self.rows:
            if (r["period"] in ("2022-04", "2022-05", "2022-06") and r["reporter"] == "Germany "
                    "(incl. German Democratic Republic 'DD' from 1991)"
                    and r["product_code"] in self.leaf and r["product_code"][:4] in ("8541", "8542")):
                expected[PARTNERS[r["partner"]]] += float(r["value_eur"])
        got = self.run_json("share", "--hs", "microelectronics", "--period", "2022-Q2",
                            "--reporter", "DE")
        self.assertAlmostEqual(got["total"], sum(expected.values()), delta=1.0)
        self.assertEqual({r["partner"] for r in got["rows"]}, set(expected))


if __name__ == "__main__":
    unittest.main()
