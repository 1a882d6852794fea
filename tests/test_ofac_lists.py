"""End-to-end checks of the OFAC legacy CSV readers (formats ofac_sdn, ofac_cons).

Imports the real files in $CHOKEPOINT_SHARED_DIR/data/sanctions/ofac with
`chokepoint lists import`, and compares what `lists info`, `lists show` and
`lists diff` report with counts and facts computed here, independently, from
the same files with Python's csv module. The rules followed (see
src/lists/ofac_csv.cc and src/lists/ofac_remarks.h):

- a main-file record counts when it has 12 fields, a numeric ent_num not seen
  before and a non-empty SDN_Name; "-0-" is null;
- schema: individual -> Person, vessel -> Vessel, aircraft -> Aircraft,
  otherwise Company or Organization (told apart by legal form; checked here
  only as a sum);
- names: distinct (name, kind) per entity, white space collapsed, from the
  primary name, alt-file rows of known ent_nums (fka -> former name; "weak" in
  alt_type or "low quality" in alt_remarks -> weak alias; else strong alias),
  and the a.k.a./f.k.a./n.k.a. clauses of Remarks (weak, former, strong);
- Remarks overflow (comments file): appended directly when Remarks has 1,000
  characters (OFAC's cut); otherwise everything after its first "; ".

Stdlib only. Needs CHOKEPOINT_BIN and CHOKEPOINT_SHARED_DIR.
"""

import csv
import datetime
import json
import os
import re
import subprocess
import tempfile
import unittest

BIN = os.environ.get("CHOKEPOINT_BIN", "chokepoint")
SHARED = os.environ.get("CHOKEPOINT_SHARED_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared"))
OFAC = os.path.join(SHARED, "data", "sanctions", "ofac")
CONS = os.path.join(OFAC, "consolidated_non_sdn")

SDN_FILES = [os.path.join(OFAC, n) for n in
             ("sdn_2024-05-03.csv", "add_2025-12.csv", "alt_2025-12.csv",
              "sdn_comments_2025-12.csv")]
CONS_FILES = [os.path.join(CONS, n) for n in
              ("cons_prim_2025-12.csv", "cons_add_2025-12.csv", "cons_alt_2025-12.csv",
               "cons_comments_2025-12.csv")]

REMARKS_LIMIT = 1000
ALIAS_KINDS = {"a.k.a.": "weak_alias", "f.k.a.": "former_name", "n.k.a.": "strong_alias"}
COUNTRIES = {"China": "CN", "Russia": "RU"}  # the two the founding checks need


def run(*args):
    proc = subprocess.run([BIN, *args], capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError("%s failed (%d): %s" % (" ".join(args), proc.returncode, proc.stderr))
    return proc.stdout


def records(path):
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            if row in ([], ["\x1a"]):
                continue
            yield row


def val(s):
    s = s.strip()
    return "" if s == "-0-" else s


def collapse(s):
    return " ".join(s.split())


def program_codes(field):
    return [c.strip() for c in re.split(r"[\[\]]", val(field)) if c.strip()]


def alias_name(body):
    s = body.strip()
    if s.startswith("'"):
        last = s.rfind("'")
        s = (s[1:last] if last > 0 else s[1:]).strip()
        while len(s) >= 2 and s[0] == "'" and s[-1] == "'":
            s = s[1:-1].strip()
    elif s.endswith("."):
        s = s[:-1]
    return collapse(s)


def remark_aliases(text):
    """(name, kind) of the alias clauses of a Remarks text."""
    out = []
    for clause in text.split("; "):
        clause = clause.strip()
        if clause.lower().startswith("alt. "):
            clause = clause[5:].strip()
        m = re.match(r"([afn]\.k\.a\.)(?=[ :]|$)", clause, re.I)
        if not m:
            continue
        body = clause[m.end():].strip()
        if body.startswith(":"):
            body = body[1:].strip()
        name = alias_name(body)
        if name:
            out.append((name, ALIAS_KINDS[m.group(1).lower()]))
    return out


def expected_source(main, adds_alts_comments):
    """Entities, per-schema counts and name count the reader should produce."""
    rows = {}
    for row in records(main):
        if len(row) != 12 or not row[0].strip().isdigit() or row[0].strip() in rows:
            continue
        if not collapse(val(row[1])):
            continue
        rows[row[0].strip()] = row
    names = {ent: {(collapse(val(r[1])), "primary")} for ent, r in rows.items()}
    remarks = {ent: val(r[11]) for ent, r in rows.items()}
    orphans = {ent: "" for ent in rows}
    for path in adds_alts_comments:
        base = os.path.basename(path)
        if "comments" in base:
            for row in records(path):
                ent = row[0].strip() if row else ""
                if len(row) != 2 or ent not in rows or not val(row[1]):
                    continue
                more = val(row[1])
                if len(remarks[ent]) >= REMARKS_LIMIT:
                    remarks[ent] += more
                elif "; " in more:
                    rest = more.split("; ", 1)[1]
                    orphans[ent] += ("; " if orphans[ent] else "") + rest
        elif "alt" in base:
            for row in records(path):
                ent = row[0].strip() if row else ""
                if len(row) != 5 or ent not in rows or not collapse(val(row[3])):
                    continue
                t, rem = val(row[2]).lower(), val(row[4]).lower()
                if "weak" in t or "low quality" in rem:
                    kind = "weak_alias"
                elif t == "fka":
                    kind = "former_name"
                else:
                    kind = "strong_alias"
                names[ent].add((collapse(val(row[3])), kind))
    for ent in rows:
        text = remarks[ent]
        if orphans[ent]:
            text += ("; " if text else "") + orphans[ent]
        names[ent].update(remark_aliases(text))
    schemas = {"Person": 0, "Vessel": 0, "Aircraft": 0, "org": 0}
    for r in rows.values():
        t = val(r[2]).lower()
        key = {"individual": "Person", "vessel": "Vessel", "aircraft": "Aircraft"}.get(t, "org")
        schemas[key] += 1
    return rows, schemas, sum(len(v) for v in names.values())


class OfacListsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.sdn_snap = os.path.join(cls.tmp.name, "sdn.snap")
        run("lists", "import", "--quiet", "--out", cls.sdn_snap, "ofac_sdn:" + ",".join(SDN_FILES))
        cls.cons_snap = os.path.join(cls.tmp.name, "cons.snap")
        run("lists", "import", "--quiet", "--out", cls.cons_snap,
            "ofac_cons:" + ",".join(CONS_FILES))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def check_counts(self, snap, source, files):
        info = json.loads(run("lists", "info", "--snapshot", snap, "--json"))
        (src,) = [s for s in info["sources"] if s["source"] == source]
        rows, schemas, names = expected_source(files[0], files[1:])
        self.assertEqual(src["entities"], len(rows))
        self.assertEqual(src["problems"], 0)
        got = src["schemas"]
        for schema in ("Person", "Vessel", "Aircraft"):
            self.assertEqual(got.get(schema, 0), schemas[schema], schema)
        self.assertEqual(got.get("Company", 0) + got.get("Organization", 0), schemas["org"])
        self.assertEqual(src["names"], names)
        return rows

    def show(self, snap, source, ent):
        return json.loads(run("lists", "show", "--snapshot", snap, source, ent, "--json"))

    def test_sdn_counts(self):
        rows = self.check_counts(self.sdn_snap, "us_ofac_sdn", SDN_FILES)
        self.assertGreater(len(rows), 14000)

    def test_cons_counts(self):
        rows = self.check_counts(self.cons_snap, "us_ofac_cons", CONS_FILES)
        self.assertGreater(len(rows), 400)

    def test_founding_wuhan_global_sensor(self):
        row = next(r for r in records(SDN_FILES[0]) if r[0] == "46633")
        remarks = row[11]
        e = self.show(self.sdn_snap, "us_ofac_sdn", "46633")
        self.assertEqual(e["caption"], collapse(row[1]))
        codes = [p["code"] for p in e["programs"]]
        self.assertEqual(codes, program_codes(row[3]))
        self.assertIn("RUSSIA-EO14024", codes)
        self.assertIn("Secondary sanctions risk:", remarks)
        self.assertTrue(any(r.lower().startswith("secondary sanctions risk")
                            for r in e.get("sanctions_risks", [])), e.get("sanctions_risks"))
        m = re.search(r"Organization Established Date (\d{1,2} [A-Z][a-z]{2} \d{4})", remarks)
        founded = datetime.datetime.strptime(m.group(1), "%d %b %Y").date().isoformat()
        self.assertEqual(e["incorporation_date"], founded)
        m = re.search(r"Unified Social Credit Code \(USCC\) (\w+) \(([^)]+)\)", remarks)
        self.assertIn({"type": "uscc", "value": m.group(1), "country": COUNTRIES[m.group(2)],
                       "label": "Unified Social Credit Code (USCC)"}, e["identifiers"])

    def test_founding_hikvision(self):
        row = next(r for r in records(CONS_FILES[0]) if r[0] == "30946")
        remarks = row[11]
        e = self.show(self.cons_snap, "us_ofac_cons", "30946")
        codes = [p["code"] for p in e["programs"]]
        self.assertEqual(codes, program_codes(row[3]))
        self.assertIn("CMIC-EO13959", codes)
        ids = {(i["type"], i["value"]) for i in e["identifiers"]}
        isin = re.search(r"ISIN (\w+)", remarks).group(1)
        uscc = re.search(r"Unified Social Credit Code \(USCC\) (\w+)", remarks).group(1)
        self.assertIn(("isin", isin), ids)
        self.assertIn(("uscc", uscc), ids)
        self.assertEqual(isin, "CNE100000PM8")
        self.assertEqual(uscc, "91330000733796106P")
        aliases = {(a[3], "strong_alias") for a in records(CONS_FILES[2]) if a[0] == "30946"}
        got = {(n["full"], n["kind"]) for n in e["names"]}
        self.assertTrue(aliases and aliases <= got, (aliases, got))

    def test_diff_2022_to_2024(self):
        old_csv = os.path.join(OFAC, "sdn_2022-02-03.csv")
        new_csv = os.path.join(OFAC, "sdn_2024-05-03.csv")
        old_snap = os.path.join(self.tmp.name, "old.snap")
        new_snap = os.path.join(self.tmp.name, "new.snap")
        run("lists", "import", "--quiet", "--out", old_snap, "ofac_sdn:" + old_csv)
        run("lists", "import", "--quiet", "--out", new_snap, "ofac_sdn:" + new_csv)
        diff = json.loads(run("lists", "diff", old_snap, new_snap, "--json"))
        old_rows, _, _ = expected_source(old_csv, [])
        new_rows, _, _ = expected_source(new_csv, [])
        added = set(new_rows) - set(old_rows)
        removed = set(old_rows) - set(new_rows)
        self.assertEqual({e["source_id"] for e in diff["added"]}, added)
        self.assertEqual({e["source_id"] for e in diff["removed"]}, removed)
        want = {ent for ent in added if "RUSSIA-EO14024" in program_codes(new_rows[ent][3])}
        got = {e["source_id"] for e in diff["added"]
               if "RUSSIA-EO14024" in e.get("programs_added", [])}
        self.assertEqual(got, want)
        self.assertGreater(len(want), 3000)  # the 2022 invasion sanctions


if __name__ == "__main__":
    unittest.main()
