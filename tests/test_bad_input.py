"""Robustness of `chokepoint lists import` against malformed list files.

Each case writes a damaged copy of a real list (from $CHOKEPOINT_SHARED_DIR)
or a small user CSV into a temporary folder and imports it. Checked:
- the error or the quarantine report names the file, the line and the reason;
- with --strict the import fails (exit != 0) and an existing OUT snapshot is
  byte-identical afterwards;
- without --strict the bad record is listed in the quarantine report, the
  number skipped is printed, and the good records are imported (counted here
  independently with Python's csv module);
- no partial or temporary file is left beside OUT.
"""

import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

BIN = os.environ.get("CHOKEPOINT_BIN", "chokepoint")
SHARED = os.environ.get(
    "CHOKEPOINT_SHARED_DIR",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared"))
OFAC_SDN = os.path.join(SHARED, "data", "sanctions", "ofac", "sdn_2024-05-03.csv")
UN_XML = os.path.join(SHARED, "data", "sanctions", "un", "UN_consolidated_2026-02.xml")

ROWS = 40  # SDN rows in the OFAC fixtures


def sha256_file(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def ofac_ids(data):
    """ent_nums of the well-formed 12-field records of an OFAC legacy CSV."""
    text = data.decode("utf-8", errors="replace").replace("\x1a", "")
    return {r[0].strip() for r in csv.reader(io.StringIO(text))
            if len(r) == 12 and r[0].strip().isdigit()}


class BadInputTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        with open(OFAC_SDN, "rb") as f:
            cls.sdn_lines = f.read().split(b"\r\n")[:ROWS]

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="chokepoint_bad_")
        self.out_dir = os.path.join(self.dir, "out")
        os.makedirs(self.out_dir)
        self.out = os.path.join(self.out_dir, "lists.snap")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    # -- helpers -------------------------------------------------------------

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def sdn_bytes(self, lines=None, eof=b"\x1a"):
        return b"\r\n".join(self.sdn_lines if lines is None else lines) + b"\r\n" + eof

    def run_cli(self, *args):
        env = dict(os.environ)
        env.pop("CHOKEPOINT_SNAPSHOT", None)
        return subprocess.run([BIN, *args], capture_output=True, text=True, env=env,
                              timeout=300)

    def import_(self, *specs, strict=False):
        args = ["lists", "import", "--out", self.out]
        if strict:
            args.append("--strict")
        return self.run_cli(*args, *specs)

    def make_existing_out(self):
        """A good snapshot at OUT, as a previous import would have left it."""
        good = self.write("good_sdn.csv", self.sdn_bytes())
        r = self.import_("ofac_sdn:" + good)
        self.assertEqual(r.returncode, 0, r.stderr)
        if os.path.exists(self.out + ".quarantine.txt"):
            os.remove(self.out + ".quarantine.txt")
        return sha256_file(self.out)

    def entities(self, source):
        r = self.run_cli("lists", "info", "--snapshot", self.out, "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        for s in json.loads(r.stdout)["sources"]:
            if s["source"] == source:
                return s["entities"]
        self.fail("no source %s in %s" % (source, r.stdout))

    def assert_no_leftovers(self, *allowed):
        names = sorted(os.listdir(self.out_dir))
        self.assertEqual(names, sorted(os.path.basename(a) for a in allowed))

    def quarantine(self):
        with open(self.out + ".quarantine.txt", encoding="utf-8", errors="replace") as f:
            return f.read()

    def check_bad_record(self, spec, path, line, reason_re, source, good_count):
        """Strict fails and leaves OUT alone; lenient skips one record."""
        before = self.make_existing_out()
        r = self.import_(spec, strict=True)
        self.assertNotEqual(r.returncode, 0, r.stderr)
        self.assertIn("%s:%d" % (path, line), r.stderr)
        self.assertRegex(r.stderr, reason_re)
        self.assertEqual(sha256_file(self.out), before)
        self.assert_no_leftovers(self.out)

        r = self.import_(spec)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("1 bad record(s) skipped", r.stderr)
        report = self.quarantine()
        lines = [l for l in report.splitlines() if l.strip()]
        self.assertEqual(len(lines), 1, report)
        self.assertTrue(lines[0].startswith("%s:%d" % (path, line)), lines[0])
        self.assertRegex(lines[0], reason_re)
        self.assertEqual(self.entities(source), good_count)
        self.assert_no_leftovers(self.out, self.out + ".quarantine.txt")

    # -- cases ---------------------------------------------------------------

    def test_truncated_un_xml(self):
        with open(UN_XML, "rb") as f:
            data = f.read()
        path = self.write("consolidated.xml", data[:len(data) // 2])
        before = self.make_existing_out()
        for strict in (True, False):
            r = self.import_("un:" + path, strict=strict)
            self.assertNotEqual(r.returncode, 0, r.stderr)
            self.assertIn("un_sc", r.stderr)
            # file:line[:column]: reason
            self.assertRegex(r.stderr, re.escape(path) + r":\d+(:\d+)?: .*\S")
            self.assertRegex(r.stderr.lower(), r"xml|truncat|end of")
            self.assertEqual(sha256_file(self.out), before)
            self.assert_no_leftovers(self.out)

    def test_ofac_wrong_column_count(self):
        lines = list(self.sdn_lines)
        k = 17  # 1-based line of the damaged record
        fields = next(csv.reader([lines[k - 1].decode()]))
        lines[k - 1] = lines[k - 1].rsplit(b",", 1)[0]  # drop the last field
        path = self.write("sdn.csv", self.sdn_bytes(lines))
        good = ofac_ids(self.sdn_bytes(lines))
        self.assertEqual(len(good), ROWS - 1)
        self.check_bad_record("ofac_sdn:" + path, path, k, r"12.*11|11.*12|field|column",
                              "us_ofac_sdn", len(good))
        self.assertIn(fields[0].strip(), self.quarantine())

    def test_invalid_utf8(self):
        lines = list(self.sdn_lines)
        k = 9
        lines[k - 1] = lines[k - 1].replace(b'"', b'"\xff\xfe', 1)
        path = self.write("sdn.csv", self.sdn_bytes(lines))
        self.check_bad_record("ofac_sdn:" + path, path, k, r"(?i)utf-?8", "us_ofac_sdn",
                              ROWS - 1)

    def test_user_csv_unknown_date_format(self):
        rows = [["id", "name", "schema", "birth_date"],
                ["a1", "Ivan Petrov", "person", "1970-03-05"],
                ["a2", "Olga Smirnova", "person", "5.3.70"],  # not YYYY[-MM[-DD]]
                ["a3", "Acme Trading LLC", "company", ""],
                ["a4", "Li Wei", "person", "1981"]]
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        path = self.write("blocklist.csv", buf.getvalue().encode())
        self.check_bad_record("csv@x:" + path, path, 3, r"(?i)date|5\.3\.70", "x", len(rows) - 2)
        self.assertIn("5.3.70", self.quarantine())

    def test_eof_byte_at_end_is_not_a_problem(self):
        for eof in (b"\x1a", b"", b"\x1a\r\n"):
            path = self.write("sdn.csv", self.sdn_bytes(eof=eof))
            r = self.import_("ofac_sdn:" + path, strict=True)
            self.assertEqual(r.returncode, 0, (eof, r.stderr))
            self.assertEqual(self.entities("us_ofac_sdn"), ROWS)
            self.assert_no_leftovers(self.out)

    def test_eof_byte_in_the_middle(self):
        # A 0x1A end-of-file byte on its own line in the middle of a file (two
        # files pasted together): no record may be lost or merged, and the
        # records on both sides are read.
        lines = list(self.sdn_lines)
        lines.insert(20, b"\x1a")
        path = self.write("sdn.csv", self.sdn_bytes(lines))
        r = self.import_("ofac_sdn:" + path)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.entities("us_ofac_sdn"), ROWS)

    def test_eof_byte_inside_a_record(self):
        # 0x1A inside a record (not at the end of the file) is damage: that
        # record is reported or read without the byte; the others are read.
        lines = list(self.sdn_lines)
        k = 12
        lines[k - 1] = lines[k - 1].replace(b",", b",\x1a", 1)
        path = self.write("sdn.csv", self.sdn_bytes(lines))
        r = self.import_("ofac_sdn:" + path)
        self.assertEqual(r.returncode, 0, r.stderr)
        n = self.entities("us_ofac_sdn")
        if n == ROWS - 1:
            self.assertTrue(self.quarantine().startswith("%s:%d" % (path, k)), self.quarantine())
        else:
            self.assertEqual(n, ROWS)
        self.assert_no_leftovers(*([self.out] + ([self.out + ".quarantine.txt"]
                                                 if n == ROWS - 1 else [])))

    def test_missing_file_names_it(self):
        before = self.make_existing_out()
        missing = os.path.join(self.dir, "nope", "sdn.csv")
        r = self.import_("ofac_sdn:" + missing, strict=True)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn(missing, r.stderr)
        self.assertEqual(sha256_file(self.out), before)
        self.assert_no_leftovers(self.out)


if __name__ == "__main__":
    unittest.main()
