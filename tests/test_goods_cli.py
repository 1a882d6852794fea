"""`chokepoint hs` and `chokepoint classify` end to end.

Expected HS descriptions and CHPL tiers are read here from the shared CSVs;
the invoice-line floor runs part of tools/eval_goods.py (labels written by
an analyst before the classifier existed) and fails if accuracy drops.
"""
import csv
import json
import os
import random
import subprocess
import sys
import unittest

BIN = os.environ["CHOKEPOINT_BIN"]
SHARED = os.environ["CHOKEPOINT_SHARED_DIR"]
SRC = os.environ["CHOKEPOINT_SOURCE_DIR"]
sys.path.insert(0, os.path.join(SRC, "tools"))
import eval_goods  # noqa: E402

# Measured on the invoice lines: top-3 HS6 0.989, CHPL-or-not 1.000 (docs/goods_accuracy.md).
INVOICE_TOP3_FLOOR = 0.90
INVOICE_CHPL_OR_NOT_FLOOR = 0.93


def run(*args):
    return subprocess.run([BIN, *args], capture_output=True, text=True)


def hs_json(code, *extra):
    p = run("hs", code, "--json", *extra)
    assert p.returncode == 0, (code, p.stderr)
    return json.loads(p.stdout)


class HsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.hs = eval_goods.load_hs(SHARED)
        cls.chpl = eval_goods.load_chpl(SHARED)

    def test_chpl_codes_and_tiers(self):
        self.assertEqual(len(self.chpl), 50)
        for code, tier in self.chpl.items():
            out = hs_json(f"{code[:4]}.{code[4:]}")
            self.assertEqual(out["hs6"], code)
            self.assertEqual(out["chpl_tier"], tier)
            self.assertEqual(out["description"], self.hs[code])

    def test_sample_of_subheadings_with_national_digits(self):
        six = sorted(c for c in self.hs if len(c) == 6)
        for code in random.Random(7).sample(six, 40):
            out = hs_json(f"{code[:4]} {code[4:]} 90")
            self.assertEqual(out["hs6"], code)
            self.assertEqual(out["description"], self.hs[code])
            self.assertEqual(out["national_suffix"], "90")
            self.assertEqual(out["chpl_tier"], self.chpl.get(code))

    def test_heading(self):
        out = hs_json("85.42")
        self.assertTrue(out["is_heading"])
        expected = sorted(c for c in self.chpl if c.startswith("8542"))
        self.assertEqual([s["hs6"] for s in out["subheadings"]], expected)
        self.assertEqual(out["heading_description"], self.hs["8542"])

    def test_errors(self):
        for code, message in [("85423", "5 digits is ambiguous"),
                              ("999999", "999999: not an HS 2022 code"),
                              ("85x42", "unexpected character 'x'")]:
            p = run("hs", code)
            self.assertEqual(p.returncode, 1, code)
            self.assertIn(message, p.stderr)

    def test_hs2017(self):
        hs17 = {}
        with open(os.path.join(SHARED, "data/hs/hs2017_harmonized-system.csv"), encoding="utf-8-sig") as f:
            hs17 = {r["hscode"]: " ".join(r["description"].split()) for r in csv.DictReader(f)}
        out = hs_json("8803.30", "--vintage", "2017")
        self.assertEqual(out["description"], hs17["880330"])
        self.assertEqual(out["chpl_tier"], self.chpl["880730"])


class ClassifyTest(unittest.TestCase):
    def classify(self, text, top=3):
        p = run("classify", text, "--json", "--top", str(top))
        self.assertEqual(p.returncode, 0, p.stderr)
        return json.loads(p.stdout)["candidates"]

    def test_golden(self):
        for text, code in [("Микроконтроллер STM32F407VGT6", "854231"),
                           ("FPGA Artix-7 XC7A100T", "854239"),
                           ("硝化棉 工业级", "391220"),
                           ("Deep groove ball bearing 6205-2RS", "848210"),
                           ("Тепловизор ручной", "852589")]:
            cands = self.classify(text)
            self.assertEqual(cands[0]["hs6"], code, text)
            self.assertTrue(cands[0]["evidence"], text)

    def test_evidence_names_part_number(self):
        cands = self.classify("ATMEGA328P-AU")
        self.assertEqual(cands[0]["hs6"], "854231")
        self.assertTrue(any("ATMEGA328P-AU" in e for e in cands[0]["evidence"]))

    def test_batch_and_text_output(self):
        p = subprocess.run([BIN, "classify", "--batch", "-", "--top", "1"],
                           input="SIM800L\nroasted coffee\n", capture_output=True, text=True)
        lines = [json.loads(x) for x in p.stdout.splitlines()]
        self.assertEqual(len(lines), 2)
        self.assertEqual(lines[0]["candidates"][0]["hs6"], "851762")
        p = run("classify", "u-blox", "NEO-M8N")
        self.assertIn("852691", p.stdout)
        self.assertEqual(run("classify", "x", "--top", "0").returncode, 2)

    def test_invoice_floor(self):
        rows = eval_goods.invoice_set(os.path.join(SRC, "tests/fixtures/goods/invoice_lines.csv"))
        self.assertGreaterEqual(len(rows), 80)
        preds = eval_goods.classify(BIN, [t for t, _, _ in rows])
        r = eval_goods.score(rows, preds, eval_goods.load_chpl(SHARED))
        self.assertGreaterEqual(r["top3"], INVOICE_TOP3_FLOOR, r)
        self.assertGreaterEqual(r["chpl_or_not"], INVOICE_CHPL_OR_NOT_FLOOR, r)


if __name__ == "__main__":
    unittest.main()
