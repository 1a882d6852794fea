"""Imports the shared US CSL and UN files through the CLI and checks the
snapshot's counts against counts computed here, independently, with Python's
csv and xml.etree modules.

Rules restated here (they are simple enough to restate):
- CSL: one entity per entity_number (or _id when there is none); a row that
  repeats the header is skipped; a row with the wrong number of fields (the
  cut-off last row of the 2023-11 sample) is skipped. type Individual, or a
  name ending in "(... individual)", is a Person; type Vessel a Vessel.
- UN: one entity per INDIVIDUAL / ENTITY; individuals are Persons; the list
  date is the date part of dateGenerated. Names: the joined primary name, each
  NAME_ORIGINAL_SCRIPT and each non-empty alias, counted once per distinct
  (text, kind).
"""

import csv
import json
import os
import re
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET

BIN = os.environ.get("CHOKEPOINT_BIN", "chokepoint")
SHARED = os.environ.get("CHOKEPOINT_SHARED_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared"))
CSL_DIR = os.path.join(SHARED, "data", "sanctions", "us_csl")
CSL_2023 = os.path.join(CSL_DIR, "csl_sample_watchman_2023-11.csv")
CSL_2025 = os.path.join(CSL_DIR, "csl_small_sample_watchman_2025-06.csv")
UN_XML = os.path.join(SHARED, "data", "sanctions", "un", "UN_consolidated_2026-02.xml")


def run(*args):
    proc = subprocess.run([BIN, *args], capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError("%s failed (%d): %s" % (" ".join(args), proc.returncode, proc.stderr))
    return proc.stdout


def collapse(s):
    return " ".join((s or "").split())


def csl_expected(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header = [h.strip() for h in rows[0]]
    col = {h: i for i, h in enumerate(header)}
    ids = {}
    skipped = 0
    for r in rows[1:]:
        if [x.strip() for x in r] == header:
            continue
        if len(r) != len(header):
            skipped += 1
            continue
        sid = r[col["entity_number"]].strip() or r[col["_id"]].strip()
        ids.setdefault(sid, []).append(r)
    persons = vessels = 0
    for sid, recs in ids.items():
        r = recs[0]
        typ = r[col["type"]].strip().lower()
        name = collapse(r[col["name"]])
        if typ == "individual" or (typ == "" and re.search(r"individual\)$", name, re.I)):
            persons += 1
        elif typ == "vessel":
            vessels += 1
    return {"entities": len(ids), "persons": persons, "vessels": vessels,
            "skipped": skipped}


def un_expected(path):
    root = ET.parse(path).getroot()
    individuals = list(root.iter("INDIVIDUAL"))
    entities = list(root.iter("ENTITY"))
    names = 0
    for node in individuals + entities:
        seen = set()
        parts = [collapse(node.findtext(t)) for t in
                 ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
        primary = " ".join(p for p in parts if p) if node.tag == "INDIVIDUAL" else parts[0]
        seen.add((primary, "primary"))
        for n in node.findall("NAME_ORIGINAL_SCRIPT"):
            if collapse(n.text):
                seen.add((collapse(n.text), "strong"))
        for a in node.findall(node.tag + "_ALIAS"):
            text = collapse(a.findtext("ALIAS_NAME"))
            q = collapse(a.findtext("QUALITY")).lower()
            kind = {"low": "weak", "bad": "weak", "f.k.a.": "former"}.get(q, "strong")
            if text:
                seen.add((text, kind))
        names += len(seen)
    generated = root.get("dateGenerated", "")[:10]
    return {"individuals": len(individuals), "entities": len(entities), "names": names,
            "list_date": generated}


class CslUnImportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.snap = os.path.join(cls.tmp.name, "lists.snap")
        run("lists", "import", "--quiet", "--out", cls.snap,
            "csl:" + CSL_2023, "csl@us_trade_csl_2025:" + CSL_2025, "un:" + UN_XML)
        info = json.loads(run("lists", "info", "--snapshot", cls.snap, "--json"))
        cls.sources = {s["source"]: s for s in info["sources"]}

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def check_csl(self, source, path):
        want = csl_expected(path)
        got = self.sources[source]
        self.assertEqual(got["format"], "csl")
        self.assertEqual(got["entities"], want["entities"])
        self.assertEqual(got["problems"], want["skipped"])
        schemas = got["schemas"]
        self.assertEqual(schemas.get("Person", 0), want["persons"])
        self.assertEqual(schemas.get("Vessel", 0), want["vessels"])
        others = sum(v for k, v in schemas.items() if k not in ("Person", "Vessel"))
        self.assertEqual(others, want["entities"] - want["persons"] - want["vessels"])
        self.assertTrue(set(schemas) <= {"Person", "Vessel", "Company", "Organization",
                                         "LegalEntity", "Aircraft"}, schemas)
        # Every entity keeps at least its primary name.
        self.assertGreaterEqual(got["names"], want["entities"])
        # The list date comes from the file name, not from the rows.
        self.assertEqual(got["list_date"], re.search(r"\d{4}-\d{2}", path).group(0))

    def test_csl_2023_sample(self):
        self.check_csl("us_trade_csl", CSL_2023)
        self.assertEqual(self.sources["us_trade_csl"]["problems"], 1)

    def test_csl_2025_layout(self):
        self.check_csl("us_trade_csl_2025", CSL_2025)

    def test_un(self):
        want = un_expected(UN_XML)
        got = self.sources["un_sc"]
        self.assertEqual(got["format"], "un")
        self.assertEqual(got["entities"], want["individuals"] + want["entities"])
        self.assertEqual(got["schemas"].get("Person", 0), want["individuals"])
        orgs = got["schemas"].get("Company", 0) + got["schemas"].get("Organization", 0)
        self.assertEqual(orgs, want["entities"])
        self.assertEqual(got["names"], want["names"])
        self.assertEqual(got["list_date"], want["list_date"])
        self.assertEqual(got["problems"], 0)

    def test_truncated_un_file_fails_with_position(self):
        with open(UN_XML, encoding="utf-8") as f:
            text = f.read()
        cut = os.path.join(self.tmp.name, "un_cut.xml")
        with open(cut, "w", encoding="utf-8") as f:
            f.write(text[: len(text) // 2])
        proc = subprocess.run([BIN, "lists", "import", "--quiet", "--out",
                               os.path.join(self.tmp.name, "cut.snap"), "un:" + cut],
                              capture_output=True, text=True)
        self.assertNotEqual(proc.returncode, 0)
        self.assertRegex(proc.stderr, r"un_cut\.xml:\d+:\d+: malformed XML")
        self.assertFalse(os.path.exists(os.path.join(self.tmp.name, "cut.snap")))


if __name__ == "__main__":
    unittest.main()
