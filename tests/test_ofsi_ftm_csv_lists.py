"""Black-box import of the UK OFSI ConList, an OpenSanctions FtM export and a
user's own CSV list with `chokepoint lists import`, checked against counts
computed here independently from the files with Python's csv, json and lzma
modules:
- per source, the number of entities and the number per schema (OFSI: one
  entity per distinct Group ID, its schema from the Group Type; FtM: one per
  line of an entity schema; user CSV: one per good row);
- OFSI's list date comes from its "Last Updated" first row;
- a Russia-regime OFSI group with a Cyrillic "Name Non-Latin Script" keeps that
  Cyrillic name among its names (`lists show --json`), next to its primary
  name built from Name 1-5 and Name 6.
"""

import collections
import csv
import io
import json
import lzma
import os
import re
import shutil
import subprocess
import tempfile
import unittest

BIN = os.environ.get("CHOKEPOINT_BIN", "chokepoint")
HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("CHOKEPOINT_SHARED_DIR", os.path.join(HERE, "..", "..", "shared"))
OFSI = os.path.join(SHARED, "data", "sanctions", "uk", "OFSI_ConList_2025-04-10.converted.csv.xz")
FTM = os.path.join(SHARED, "data", "opensanctions", "ftm_sample_yente_t1_entities.ftm.json")
USER = os.path.join(HERE, "fixtures", "user_list.csv")

FTM_SCHEMAS = {"Person": "Person", "Organization": "Organization", "Company": "Company",
               "LegalEntity": "LegalEntity", "Vessel": "Vessel", "Airplane": "Aircraft"}
USER_SCHEMAS = {"person": "Person", "company": "Company", "organization": "Organization",
                "vessel": "Vessel", "aircraft": "Aircraft", "": "LegalEntity"}


def collapse(s):
    return " ".join(s.split())


def ofsi_rows():
    with lzma.open(OFSI, "rt", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[1]
    return rows[0], [dict(zip(header, r)) for r in rows[2:]]


def run(*args):
    p = subprocess.run([BIN, *args], capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        raise AssertionError(f"{' '.join(args)} exited {p.returncode}: {p.stderr}")
    return p.stdout


class OfsiFtmCsvListsTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="chokepoint_ofsi_ftm_csv_")
        cls.snap = os.path.join(cls.tmp, "lists.snap")
        run("lists", "import", "--quiet", "--out", cls.snap,
            "ofsi:" + OFSI, "ftm:" + FTM, "csv@my_list:" + USER)
        info = json.loads(run("lists", "info", "--snapshot", cls.snap, "--json"))
        cls.sources = {s["source"]: s for s in info["sources"]}
        cls.total = info["entities"]
        cls.first_row, cls.rows = ofsi_rows()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def show(self, source, source_id):
        return json.loads(run("lists", "show", "--snapshot", self.snap, source, source_id,
                              "--json"))

    def test_ofsi_counts(self):
        groups = collections.OrderedDict()
        for r in self.rows:
            groups.setdefault(r["Group ID"], r["Group Type"])
        src = self.sources["gb_ofsi"]
        self.assertEqual(src["entities"], len(groups))
        types = collections.Counter(groups.values())
        schemas = src["schemas"]
        self.assertEqual(schemas.get("Person", 0), types["Individual"])
        self.assertEqual(schemas.get("Vessel", 0), types["Ship"])
        self.assertEqual(schemas.get("Company", 0) + schemas.get("Organization", 0),
                         types["Entity"])
        self.assertEqual(sum(schemas.values()), len(groups))
        self.assertEqual(src["problems"], 0)
        day, month, year = self.first_row[1].split("/")
        self.assertEqual(self.first_row[0], "Last Updated")
        self.assertEqual(src["list_date"], f"{year}-{month}-{day}")

    def test_ofsi_cyrillic_name_of_a_russia_group(self):
        cyrillic = re.compile("[\u0400-\u04ff]")
        group = None
        for r in self.rows:
            if (r["Regime"] == "Russia" and r["Group Type"] == "Individual"
                    and cyrillic.search(r["Name Non-Latin Script"])):
                group = r["Group ID"]
                break
        self.assertIsNotNone(group)
        mine = [r for r in self.rows if r["Group ID"] == group]
        want_cyr = {collapse(r["Name Non-Latin Script"]) for r in mine
                    if r["Name Non-Latin Script"]}
        primary = [r for r in mine if r["Alias Type"].lower() == "primary name"][0]
        want_primary = collapse(" ".join(primary[f"Name {i}"] for i in range(1, 7)))

        e = self.show("gb_ofsi", group)
        self.assertEqual(e["source_id"], group)
        self.assertEqual(e["schema"], "Person")
        names = {n["full"]: n for n in e["names"]}
        for name in want_cyr:
            self.assertIn(name, names)
            self.assertEqual(names[name]["script"], "cyrillic")
        self.assertEqual(e["names"][0]["full"], want_primary)
        self.assertEqual(e["names"][0]["kind"], "primary")
        self.assertIn("Russia", [p["code"] for p in e["programs"]])
        # Every distinct Latin name variant of the group is there once.
        latin = {collapse(" ".join(r[f"Name {i}"] for i in range(1, 7))) for r in mine}
        self.assertTrue(latin <= set(names), latin - set(names))
        self.assertEqual(len(e["names"]), len(set((n["full"], n["kind"]) for n in e["names"])))

    def test_ftm_counts(self):
        schemas = collections.Counter()
        with open(FTM, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    s = json.loads(line)["schema"]
                    if s in FTM_SCHEMAS:
                        schemas[FTM_SCHEMAS[s]] += 1
        src = self.sources["opensanctions"]
        self.assertEqual(src["entities"], sum(schemas.values()))
        self.assertEqual(src["schemas"], dict(schemas))
        self.assertEqual(src["problems"], 0)

    def test_ftm_entity_names(self):
        with open(FTM, encoding="utf-8") as f:
            first = json.loads(f.readline())
        e = self.show("opensanctions", first["id"])
        got = {n["full"] for n in e["names"]}
        self.assertEqual(got, {collapse(n) for n in first["properties"]["name"]})
        self.assertEqual(e["names"][0]["full"], collapse(first["caption"]))

    def test_user_csv(self):
        with open(USER, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        good = [r for r in rows if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?|", r["birth_date"])]
        src = self.sources["my_list"]
        self.assertEqual(src["entities"], len(good))
        self.assertEqual(src["problems"], len(rows) - len(good))
        self.assertEqual(src["schemas"],
                         dict(collections.Counter(USER_SCHEMAS[r["schema"]] for r in good)))
        first = good[0]
        e = self.show("my_list", first["id"])
        self.assertEqual(e["names"][0]["full"], first["name"])
        self.assertEqual({n["full"] for n in e["names"][1:]}, set(first["aliases"].split(";")))
        self.assertEqual(e["birth_dates"], [first["birth_date"]])
        self.assertEqual(self.total, sum(s["entities"] for s in self.sources.values()))


if __name__ == "__main__":
    unittest.main()
