"""Trade readers on the shared Comtrade and IMF IMTS files, and the mirror query.

Expected figures are recomputed here with Python's csv module from the raw
files: Comtrade rows (ISO 8859-1 text) summed by reporter, flow and partner
over the most detailed commodity codes, and IMF IMTS partner series (millions
of USD) for Russia's imports.
"""
import collections
import csv
import json
import os
import subprocess
import tempfile
import unittest

BIN = os.environ["CHOKEPOINT_BIN"]
SHARED = os.environ["CHOKEPOINT_SHARED_DIR"]
CT = os.path.join(SHARED, "data/trade/comtrade_armenia_georgia_vehicles")
IMF = os.path.join(SHARED, "data/trade/imf_imts_russia/RU_trade_imf_imts_by_partner_2016-2024.csv")
ISO3 = {"ARM": "AM", "GEO": "GE", "RUS": "RU", "CHN": "CN", "DEU": "DE", "JPN": "JP",
        "KAZ": "KZ", "USA": "US", "TUR": "TR", "KOR": "KR", "BLR": "BY", "ITA": "IT"}


def run_json(*args):
    out = subprocess.run([BIN, *args, "--json"], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


class TradeFormatsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.ct = os.path.join(cls.tmp.name, "ct.store")
        files = [os.path.join(CT, f) for f in ("vehicle_trade_armenia.csv",
                                               "vehicle_trade_georgia.csv")]
        subprocess.run([BIN, "trade", "ingest", "--quiet", "--format", "comtrade", "--out",
                        cls.ct, *files], check=True)
        cls.ct_rows = []
        for f in files:
            with open(f, encoding="latin-1", newline="") as fh:
                cls.ct_rows.extend(csv.DictReader(fh))
        codes = sorted({r["commodity_code"] for r in cls.ct_rows})
        cls.leaf = {c for i, c in enumerate(codes)
                    if not (i + 1 < len(codes) and codes[i + 1].startswith(c))}
        cls.imf = os.path.join(cls.tmp.name, "imf.store")
        subprocess.run([BIN, "trade", "ingest", "--quiet", "--format", "imf-imts", "--out",
                        cls.imf, IMF], check=True)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def comtrade_sum(self, reporter, flow, partner_iso, year):
        total = 0.0
        for r in self.ct_rows:
            if (r["reporter"] == reporter and r["trade_flow"] == flow
                    and r["partner_iso"] == partner_iso and r["year"] == str(year)
                    and r["commodity_code"] in self.leaf and r["commodity_code"].startswith("8703")):
                total += float(r["trade_value_us"])
        return total

    def test_mirror_armenia_exports_to_georgia(self):
        for year in (2021, 2022):
            exports = self.comtrade_sum("Armenia", "Export", "GEO", year)
            imports = self.comtrade_sum("Georgia", "Import", "ARM", year)
            got = run_json("trade", "mirror", "--store", self.ct, "--exporter", "AM",
                           "--importer", "GE", "--hs", "8703", "--period", str(year))
            self.assertAlmostEqual(got["exports"], exports, delta=0.05)
            self.assertAlmostEqual(got["imports"], imports, delta=0.05)
            if exports > 0:
                gap = imports / exports - 1
                self.assertAlmostEqual(got["gap"], gap, places=5)
                self.assertEqual(got["flagged"], abs(gap) > 0.10)

    def test_comtrade_exports_by_partner(self):
        by = collections.Counter()
        for r in self.ct_rows:
            if (r["reporter"] == "Armenia" and r["trade_flow"] == "Export" and r["year"] == "2022"
                    and r["commodity_code"] in self.leaf and r["partner_iso"] in ISO3):
                by[ISO3[r["partner_iso"]]] += float(r["trade_value_us"])
        got = run_json("trade", "share", "--store", self.ct, "--hs", "8703", "--period", "2022",
                       "--reporter", "AM", "--flow", "export")
        rows = {r["partner"]: r["value"] for r in got["rows"]}
        for cc, v in by.items():
            self.assertAlmostEqual(rows.get(cc, 0.0), v, delta=0.05, msg=cc)

    def test_imf_russia_import_partners(self):
        expected = {}
        with open(IMF, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                cc = ISO3.get(r["COUNTERPART_COUNTRY.ID"])
                if cc and r["INDICATOR.ID"].startswith("MG_CIF") and r["2021"].strip():
                    expected[cc] = float(r["2021"]) * 1e6
        got = run_json("trade", "share", "--store", self.imf, "--period", "2021",
                       "--reporter", "RU", "--flow", "import")
        rows = {r["partner"]: r["value"] for r in got["rows"]}
        self.assertTrue(expected)
        for cc, v in expected.items():
            self.assertAlmostEqual(rows[cc], v, delta=1.0, msg=cc)


if __name__ == "__main__":
    unittest.main()
