#!/usr/bin/env python3
"""Black-box tests of `chokepoint screen` and `chokepoint compare`.

Runs the CLI binary ($CHOKEPOINT_BIN) against a snapshot of the bundled UN
list, imported here with `lists import`. Expected entities are found
independently, by reading the same UN XML with xml.etree; batch results are
checked against single-name results and against the input file.

Bad input (empty, 10 kB, invalid UTF-8, control characters, right-to-left
marks) must give a clear error or a sane result, never a crash.
"""

import csv
import io
import json
import lzma
import os
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

BIN = os.environ.get("CHOKEPOINT_BIN", "chokepoint")
SOURCE_DIR = os.environ.get(
    "CHOKEPOINT_SOURCE_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
UN_XML = os.path.join(SOURCE_DIR, "data", "lists", "un_sc_consolidated_2026-02.xml.xz")


def run(args, check=False, stdin=None):
    """Runs the CLI; returns CompletedProcess with bytes output."""
    env = dict(os.environ)
    env.pop("CHOKEPOINT_SNAPSHOT", None)
    p = subprocess.run([BIN] + args, capture_output=True, env=env, input=stdin, timeout=300)
    if check and p.returncode != 0:
        raise AssertionError("%s failed (%d): %s" % (args, p.returncode, p.stderr.decode("utf-8", "replace")))
    return p


def un_names():
    """(reference_number, primary name, schema) for every UN record, from the XML."""
    with open(UN_XML, "rb") as f:
        root = ET.fromstring(lzma.decompress(f.read()))
    out = []
    for tag, schema in (("INDIVIDUAL", "Person"), ("ENTITY", None)):
        for node in root.iter(tag):
            ref = (node.findtext("REFERENCE_NUMBER") or "").strip()
            parts = [(node.findtext(t) or "").strip()
                     for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
            name = " ".join(p for p in parts if p)
            if ref and name:
                out.append((ref, " ".join(name.split()), schema))
    return out


class ScreenCliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.snap = os.path.join(cls.tmp.name, "un.snap")
        run(["lists", "import", "--quiet", "--out", cls.snap, "un:" + UN_XML], check=True)
        cls.names = un_names()
        # A few distinctive multi-token names: an entity and two individuals.
        cls.entity = next(n for n in cls.names if n[2] is None and len(n[1].split()) >= 3)
        people = [n for n in cls.names if n[2] == "Person" and len(n[1].split()) >= 3]
        cls.person = people[0]
        cls.person2 = people[len(people) // 2]

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def screen_json(self, *args):
        p = run(["screen", "--snapshot", self.snap, "--json"] + list(args))
        self.assertEqual(p.returncode, 0, p.stderr.decode("utf-8", "replace"))
        return json.loads(p.stdout)

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    # --- single name -----------------------------------------------------

    def test_json_shape_and_exact_hit(self):
        ref, name, _ = self.entity
        doc = self.screen_json(name)
        self.assertEqual(doc["query"]["name"], name)
        info = json.loads(run(["lists", "info", "--json", "--snapshot", self.snap], check=True).stdout)
        self.assertEqual(doc["snapshot"], info["version"])
        results = doc["results"]
        self.assertTrue(results, "no hit for an exact listed name")
        top = results[0]
        self.assertEqual((top["source"], top["source_id"]), ("un_sc", ref))
        self.assertGreaterEqual(top["score"], 0.9)
        for key in ("source", "source_id", "schema", "name", "matched_name", "score",
                    "ofac_score", "explanation", "programs"):
            self.assertIn(key, top)
        scores = [r["score"] for r in results]
        self.assertEqual(scores, sorted(scores, reverse=True))
        self.assertTrue(all(s >= 0.70 for s in scores))
        features = [e for e in top["explanation"] if "feature" in e]
        tokens = [e for e in top["explanation"] if "query_token" in e]
        self.assertTrue(features, "no feature contributions")
        self.assertTrue(tokens, "no token matches")
        for t in tokens:
            self.assertEqual(set(t), {"query_token", "list_token", "key", "similarity", "weight"})
            self.assertTrue(0 <= t["similarity"] <= 1)

    def test_limit_threshold_and_source(self):
        ref, name, _ = self.person
        doc = self.screen_json(name, "--limit", "1", "--threshold", "0.5", "--source", "un_sc")
        self.assertLessEqual(len(doc["results"]), 1)
        self.assertEqual(doc["results"][0]["source_id"], ref)
        self.assertEqual(doc["query"]["sources"], ["un_sc"])
        p = run(["screen", "--snapshot", self.snap, name, "--source", "no_such_list"])
        self.assertEqual(p.returncode, 1)
        self.assertIn(b"no_such_list", p.stderr)

    def test_reordered_and_lower_case(self):
        ref, name, _ = self.person2
        tokens = name.split()
        swapped = " ".join(tokens[1:] + tokens[:1]).lower()
        doc = self.screen_json(swapped, "--schema", "person")
        self.assertIn(ref, [r["source_id"] for r in doc["results"][:5]])

    def test_text_output(self):
        ref, name, _ = self.entity
        p = run(["screen", "--snapshot", self.snap, name], check=True)
        out = p.stdout.decode("utf-8")
        self.assertIn("score", out)
        self.assertIn(ref, out)
        self.assertIn("un_sc", out)
        # One indented explanation line follows each hit line.
        lines = out.splitlines()
        i = next(i for i, l in enumerate(lines) if ref in l)
        self.assertTrue(lines[i + 1].startswith(" "))

    def test_usage_errors(self):
        for args in (["--schema", "planet", "X"], ["--dob", "12/05/1970", "X"],
                     ["--limit", "0", "X"], ["--threshold", "1.5", "X"], ["--bogus", "X"],
                     ["X", "--name-column", "n"]):
            p = run(["screen", "--snapshot", self.snap] + args)
            self.assertEqual(p.returncode, 2, args)
            self.assertTrue(p.stderr.strip(), args)

    def test_bad_names_never_crash(self):
        _, name, _ = self.entity
        cases = {
            "empty": b"",
            "spaces": b"   ",
            "10k": b"A" * 10240,
            "10k words": b"ab " * 3400,
            "invalid utf-8": b"\xff\xfe" + name.encode() + b"\xc3",
            "lone continuation": b"\x80\x80\x80",
            "control chars": b"\x01\x02" + name.encode() + b"\x07\x1b[31m",
            "rtl marks": ("\u200f" + name + "\u200e\u202b").encode(),
            "only marks": "\u200f\u200e\u202e".encode(),
            "nul-free emoji": "\U0001F600\U0001F4A9".encode(),
            "combining": ("e" + "\u0301" * 300).encode(),
        }
        for label, raw in cases.items():
            p = subprocess.run([BIN.encode(), b"screen", b"--snapshot", self.snap.encode(),
                                b"--json", b"--", raw], capture_output=True, timeout=120)
            self.assertIn(p.returncode, (0, 1, 2), "%s: crashed (%d)" % (label, p.returncode))
            if p.returncode == 0:
                json.loads(p.stdout)  # valid JSON even for bad input
            else:
                self.assertTrue(p.stderr.strip(), label + ": error without a message")
            pc = subprocess.run([BIN.encode(), b"compare", b"--", raw, name.encode()],
                                capture_output=True, timeout=120)
            self.assertIn(pc.returncode, (0, 1, 2), "compare %s: crashed (%d)" % (label, pc.returncode))
        for label in ("empty", "spaces", "10k"):
            p = run(["screen", "--snapshot", self.snap, "--", cases[label].decode()])
            self.assertNotEqual(p.returncode, 0, label + " should be refused")

    def test_marks_and_controls_still_match(self):
        ref, name, _ = self.entity
        for q in ("\u200f" + name + "\u200e", name.replace(" ", " \u0007", 1)):
            doc = self.screen_json(q)
            self.assertIn(ref, [r["source_id"] for r in doc["results"][:3]], repr(q))

    # --- batch ----------------------------------------------------------------

    def write_parties(self, rows):
        path = self.path("parties_%d.csv" % len(rows))
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["id", "full_name", "note", "kind"])
            w.writerows(rows)
        return path

    def read_csv(self, path):
        with open(path, newline="", encoding="utf-8") as f:
            return list(csv.reader(f))

    def test_batch(self):
        e_ref, e_name, _ = self.entity
        p_ref, p_name, _ = self.person
        rows = [
            ["1", e_name, 'has "quotes", commas', "company"],
            ["2", "Zzyzx Qwertyuiop Nonexistent", "", ""],
            ["3", p_name, "line\nbreak", "person"],
            ["4", "", "empty name", ""],
            ["5", e_name, "duplicate of 1", "company"],
            ["6", p_name.lower(), "", "person"],
        ]
        src = self.write_parties(rows)
        out1, out4 = self.path("out1.csv"), self.path("out4.csv")
        base = ["screen", "--snapshot", self.snap, "--in", src, "--name-column", "full_name",
                "--schema-column", "kind", "--limit", "3"]
        p = run(base + ["--out", out1, "--threads", "1"])
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertNotIn(b"\r", p.stderr)  # not a terminal: plain lines only
        # The empty-name row (line 6: row 3 spans two lines) is reported by line.
        self.assertIn(b":6: not screened", p.stderr)
        run(base + ["--out", out4, "--threads", "4"], check=True)
        with open(out1, "rb") as a, open(out4, "rb") as b:
            self.assertEqual(a.read(), b.read())

        table = self.read_csv(out1)
        self.assertEqual(table[0], ["id", "full_name", "note", "kind", "rank", "source",
                                    "source_id", "matched_name", "score"])
        body = table[1:]
        # Every input row appears, in input order, its columns repeated verbatim.
        ids = [r[0] for r in body]
        self.assertEqual(sorted(set(ids), key=int), [r[0] for r in rows])
        self.assertEqual(ids, sorted(ids, key=int))
        by_id = {}
        for r in body:
            by_id.setdefault(r[0], []).append(r)
            src_row = next(x for x in rows if x[0] == r[0])
            self.assertEqual(r[:4], src_row)
        # No-hit and empty-name rows appear once with empty hit columns.
        for rid in ("2", "4"):
            self.assertEqual(len(by_id[rid]), 1)
            self.assertEqual(by_id[rid][0][4:], ["", "", "", "", ""])
        # Ranks count from 1; scores are in [0.70, 1], best first.
        for rid, hits in by_id.items():
            if hits[0][4] == "":
                continue
            self.assertEqual([h[4] for h in hits], [str(i + 1) for i in range(len(hits))])
            scores = [float(h[8]) for h in hits]
            self.assertEqual(scores, sorted(scores, reverse=True))
            self.assertTrue(all(0.70 <= s <= 1 for s in scores))
            self.assertLessEqual(len(hits), 3)
        self.assertEqual(by_id["1"][0][5:7], ["un_sc", e_ref])
        self.assertEqual(by_id["3"][0][6], p_ref)
        self.assertEqual(by_id["6"][0][6], p_ref)
        # Repeated queries give the same hits.
        self.assertEqual([h[4:] for h in by_id["1"]], [h[4:] for h in by_id["5"]])
        # Batch agrees with single-name screening.
        single = self.screen_json(p_name, "--schema", "person", "--limit", "3")
        self.assertEqual([(h[6], float(h[8])) for h in by_id["3"]],
                         [(r["source_id"], round(r["score"], 3)) for r in single["results"]])

    def test_batch_stdout_and_columns(self):
        e_ref, e_name, _ = self.entity
        src = self.write_parties([["1", e_name, "", ""]])
        p = run(["screen", "--snapshot", self.snap, "--in", src, "--name-column", "full_name",
                 "--out", "-", "--quiet"], check=True)
        self.assertEqual(p.stderr, b"")
        table = list(csv.reader(io.StringIO(p.stdout.decode("utf-8"))))
        self.assertEqual(table[1][6], e_ref)

    def test_batch_errors_name_file_and_column(self):
        src = self.write_parties([["1", "x", "", ""]])
        p = run(["screen", "--snapshot", self.snap, "--in", src, "--name-column", "nom",
                 "--out", self.path("o.csv")])
        self.assertEqual(p.returncode, 1)
        self.assertIn(b"nom", p.stderr)
        self.assertIn(os.path.basename(src).encode(), p.stderr)
        p = run(["screen", "--snapshot", self.snap, "--in", src, "--name-column", "full_name",
                 "--country-column", "pays", "--out", self.path("o.csv")])
        self.assertEqual(p.returncode, 1)
        self.assertIn(b"pays", p.stderr)
        missing = self.path("no_such_file.csv")
        p = run(["screen", "--snapshot", self.snap, "--in", missing, "--name-column", "n",
                 "--out", self.path("o.csv")])
        self.assertEqual(p.returncode, 1)
        self.assertIn(b"no_such_file.csv", p.stderr)
        self.assertFalse(os.path.exists(self.path("o.csv")))
        p = run(["screen", "--snapshot", self.snap, "--in", src, "--name-column", "full_name"])
        self.assertEqual(p.returncode, 2)  # --out missing

    # --- compare ----------------------------------------------------------

    def test_compare_single(self):
        p = run(["compare", "--json", "Vladimir Vladimirovich Putin", "PUTIN, Vladimir",
                 "--schema", "person"], check=True)
        doc = json.loads(p.stdout)
        self.assertGreaterEqual(doc["score"], 0.70)
        self.assertTrue(0 <= doc["ofac_score"] <= 1)
        self.assertIsInstance(doc["explanation"], list)
        same = json.loads(run(["compare", "--json", "Acme Trading LLC", "Acme Trading LLC"],
                              check=True).stdout)
        self.assertGreaterEqual(same["score"], 0.95)
        diff = json.loads(run(["compare", "--json", "Olaf Scholz", "Xi Jinping",
                               "--schema", "person"], check=True).stdout)
        self.assertLess(diff["score"], 0.5)
        text = run(["compare", "Olaf Scholz", "Olaf Scholze"], check=True).stdout.decode()
        self.assertIn("score", text)
        self.assertIn("ofac score", text)
        # A known trade name alone (the text tables' 海康威视 = Hikvision) is
        # compared as a company's name without --schema, as screen scores it.
        brand = json.loads(run(["compare", "--json", "海康威视", "Hikvision"],
                               check=True).stdout)
        self.assertGreaterEqual(brand["score"], 0.95)
        self.assertIn("as Company", brand["explanation"][0]["detail"])
        self.assertEqual(run(["compare", "only one"]).returncode, 2)
        self.assertEqual(run(["compare", "", "x"]).returncode, 1)

    def test_compare_pairs(self):
        src = self.path("pairs.csv")
        rows = [["a", "Olaf Scholz", "Olaf Scholz", "Person"],
                ["b", "Olaf Scholz", "Xi Jinping", "Person"],
                ["c", "Acme Trading LLC", "ACME TRADING L.L.C.", "Company"],
                ["d", "", "x", ""],
                ["e", "Wuhan Global Sensor Technology", "Wuhan Tongsheng Technology", ""]]
        with open(src, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["key", "name1", "name2", "schema"])
            w.writerows(rows)
        out = self.path("pairs_out.csv")
        run(["compare", "--pairs", src, "--out", out, "--threshold", "0.8"], check=True)
        table = self.read_csv(out)
        self.assertEqual(table[0], ["key", "name1", "name2", "schema", "score", "match"])
        self.assertEqual([r[:4] for r in table[1:]], rows)
        for r in table[1:]:
            if r[0] == "d":
                self.assertEqual(r[4:], ["", "false"])
                continue
            score = float(r[4])
            self.assertTrue(0 <= score <= 1)
            self.assertEqual(r[5], "true" if score >= 0.8 else "false")
        by = {r[0]: r for r in table[1:]}
        self.assertEqual(by["a"][5], "true")
        self.assertEqual(by["b"][5], "false")
        # Single compare agrees with the pairs file.
        single = json.loads(run(["compare", "--json", "Olaf Scholz", "Xi Jinping", "--schema",
                                 "Person"], check=True).stdout)
        self.assertEqual("%.3f" % single["score"], by["b"][4])
        # A missing column is a clear error naming it.
        bad = self.path("bad_pairs.csv")
        with open(bad, "w") as f:
            f.write("name1,other\nx,y\n")
        p = run(["compare", "--pairs", bad, "--out", self.path("x.csv")])
        self.assertEqual(p.returncode, 1)
        self.assertIn(b"name2", p.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
