"""Black-box tests of `chokepoint lists update` against a local HTTP server.

A folder of fixture files (cut from the real lists in $CHOKEPOINT_SHARED_DIR)
is served on 127.0.0.1 from a background thread. Expected counts are computed
here with Python's csv and xml modules, independently of the engine. The
failure cases check that a failed update names the source and the reason and
leaves HOME/current.snap byte-identical.
"""

import csv
import functools
import hashlib
import http.server
import io
import json
import os
import shutil
import subprocess
import tempfile
import threading
import unittest
import xml.etree.ElementTree as ET

BIN = os.environ.get("CHOKEPOINT_BIN", "chokepoint")
SHARED = os.environ.get(
    "CHOKEPOINT_SHARED_DIR",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared"))
OFAC_SDN = os.path.join(SHARED, "data", "sanctions", "ofac", "sdn_2024-05-03.csv")
OFAC_ALT = os.path.join(SHARED, "data", "sanctions", "ofac", "alt_2025-12.csv")
UN_XML = os.path.join(SHARED, "data", "sanctions", "un", "UN_consolidated_2026-02.xml")

SDN_ROWS = 50


def sha256_file(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def ofac_records(data):
    """Records of an OFAC legacy CSV (bytes), without the 0x1A end byte."""
    text = data.decode("utf-8").replace("\x1a", "")
    return [r for r in csv.reader(io.StringIO(text)) if r and r[0].strip().isdigit()]


def un_count(data):
    root = ET.fromstring(data)
    ids = {e.findtext("DATAID") for e in root.findall("./INDIVIDUALS/INDIVIDUAL")}
    ids |= {e.findtext("DATAID") for e in root.findall("./ENTITIES/ENTITY")}
    return len(ids)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    requests = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        QuietHandler.requests.append(self.path)
        super().do_GET()


class ListsUpdateTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="chokepoint_update_")
        cls.srv_dir = os.path.join(cls.tmp, "srv")
        os.makedirs(cls.srv_dir)
        # 50 SDN rows with CRLF endings and the closing 0x1A byte, as OFAC
        # publishes them; the aliases of those rows.
        with open(OFAC_SDN, "rb") as f:
            lines = f.read().split(b"\r\n")
        cls.sdn_bytes = b"\r\n".join(lines[:SDN_ROWS]) + b"\r\n\x1a"
        cls.sdn_ids = {r[0].strip() for r in ofac_records(cls.sdn_bytes)}
        with open(OFAC_ALT, "rb") as f:
            alt_lines = f.read().split(b"\r\n")
        kept = [l for l in alt_lines if l.split(b",", 1)[0].strip().decode() in cls.sdn_ids]
        cls.alt_bytes = b"\r\n".join(kept) + b"\r\n\x1a"
        with open(UN_XML, "rb") as f:
            cls.un_bytes = f.read()
        files = {
            "sdn.csv": cls.sdn_bytes,
            "alt.csv": cls.alt_bytes,
            "consolidated.xml": cls.un_bytes,
            # Cut in the middle of an element: not well-formed XML.
            "truncated/consolidated.xml": cls.un_bytes[:len(cls.un_bytes) // 2],
            # A row with too few fields.
            "badrow/sdn.csv": cls.sdn_bytes.replace(
                b"\r\n", b"\r\n99999999,\"BROKEN ROW\",-0- \r\n", 1),
        }
        for name, data in files.items():
            path = os.path.join(cls.srv_dir, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)
        handler = functools.partial(QuietHandler, directory=cls.srv_dir)
        cls.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        cls.port = cls.server.server_address[1]
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def setUp(self):
        self.home = tempfile.mkdtemp(prefix="home_", dir=self.tmp)

    def url(self, name):
        return "http://127.0.0.1:%d/%s" % (self.port, name)

    def config(self, text):
        path = os.path.join(self.tmp, "sources_%d.cfg" % len(os.listdir(self.tmp)))
        with open(path, "w") as f:
            f.write(text)
        return path

    def good_config(self):
        return self.config(
            "# fixtures served from 127.0.0.1\n"
            "ofac_sdn: %s, %s\n"
            "un: %s   # the real UN file\n" %
            (self.url("sdn.csv"), self.url("alt.csv"), self.url("consolidated.xml")))

    def run_cli(self, *args, env=None):
        full_env = dict(os.environ)
        full_env.pop("CHOKEPOINT_SNAPSHOT", None)
        full_env["CHOKEPOINT_HOME"] = os.path.join(self.tmp, "unused_home")
        if env:
            full_env.update(env)
        return subprocess.run([BIN, *args], capture_output=True, text=True, env=full_env,
                              timeout=300)

    def update(self, cfg, *extra):
        return self.run_cli("lists", "update", "--config", cfg, "--home", self.home, *extra)

    def info(self, snap):
        r = self.run_cli("lists", "info", "--snapshot", snap, "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout)

    def assert_no_leftovers(self):
        tmp = os.path.join(self.home, "tmp")
        self.assertEqual(os.listdir(tmp) if os.path.isdir(tmp) else [], [])
        for name in os.listdir(self.home):
            self.assertNotIn(".tmp.", name)
        for name in os.listdir(os.path.join(self.home, "snapshots")):
            self.assertTrue(name.endswith(".snap"), name)

    # -- success -------------------------------------------------------------

    def test_update_publishes_current_snapshot(self):
        r = self.update(self.good_config(), "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        current = os.path.join(self.home, "current.snap")
        self.assertTrue(os.path.isfile(current))
        self.assertEqual(os.path.abspath(out["path"]), os.path.abspath(current))
        self.assertEqual([s["source"] for s in out["sources"]], ["us_ofac_sdn", "un_sc"])
        versioned = os.path.join(self.home, "snapshots", out["version"] + ".snap")
        self.assertEqual(sha256_file(versioned), sha256_file(current))
        # Progress on stderr: one line per downloaded file with its size.
        self.assertIn(self.url("sdn.csv"), r.stderr)
        self.assertIn(str(len(self.un_bytes)), r.stderr)

        info = self.info(current)
        self.assertEqual(info["version"], out["version"])
        by_source = {s["source"]: s for s in info["sources"]}
        self.assertEqual(by_source["us_ofac_sdn"]["entities"], len(self.sdn_ids))
        self.assertEqual(by_source["un_sc"]["entities"], un_count(self.un_bytes))
        self.assertEqual(info["entities"], len(self.sdn_ids) + un_count(self.un_bytes))
        # Files are recorded by URL (not the temporary path), with the hash of
        # the bytes served.
        files = by_source["us_ofac_sdn"]["files"] + by_source["un_sc"]["files"]
        self.assertEqual([f["path"] for f in files],
                         [self.url("sdn.csv"), self.url("alt.csv"), self.url("consolidated.xml")])
        self.assertEqual(files[0]["sha256"], hashlib.sha256(self.sdn_bytes).hexdigest())
        self.assertEqual(files[2]["sha256"], hashlib.sha256(self.un_bytes).hexdigest())
        self.assertEqual(files[2]["bytes"], len(self.un_bytes))
        self.assert_no_leftovers()

        # Without --snapshot, commands read CHOKEPOINT_HOME/current.snap.
        r = self.run_cli("lists", "info", "--json", env={"CHOKEPOINT_HOME": self.home})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["version"], out["version"])

        # The same content again: same version, reported unchanged.
        r = self.update(self.good_config(), "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        again = json.loads(r.stdout)
        self.assertEqual(again["version"], out["version"])
        self.assertTrue(again["unchanged"])

    def test_sha256_pin(self):
        good = hashlib.sha256(self.sdn_bytes).hexdigest()
        r = self.update(self.config("ofac_sdn: %s sha256=%s\n" % (self.url("sdn.csv"), good)))
        self.assertEqual(r.returncode, 0, r.stderr)
        before = sha256_file(os.path.join(self.home, "current.snap"))
        r = self.update(self.config("ofac_sdn: %s sha256=%s\n" % (self.url("sdn.csv"), "0" * 64)))
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("us_ofac_sdn", r.stderr)
        self.assertIn("SHA-256 mismatch", r.stderr)
        self.assertEqual(sha256_file(os.path.join(self.home, "current.snap")), before)

    def test_dry_run_fetches_nothing(self):
        QuietHandler.requests.clear()
        r = self.update(self.good_config(), "--dry-run")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(self.url("consolidated.xml"), r.stdout)
        self.assertIn("us_ofac_sdn", r.stdout)
        self.assertEqual(QuietHandler.requests, [])
        self.assertFalse(os.path.exists(os.path.join(self.home, "current.snap")))

    def test_default_config_names_official_sources(self):
        r = self.run_cli("lists", "update", "--dry-run", "--home", self.home)
        self.assertEqual(r.returncode, 0, r.stderr)
        for needle in ["sanctionslistservice.ofac.treas.gov", "SDN.CSV", "ADD.CSV", "ALT.CSV",
                       "SDN_COMMENTS.CSV", "CONS_PRIM.CSV",
                       "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
                       "ConList.csv", "consolidated_screening_list"]:
            self.assertIn(needle, r.stdout)

    def test_bad_config_names_line(self):
        cfg = self.config("# comment\nofac_sdn: %s\nnope: %s\n" %
                          (self.url("sdn.csv"), self.url("x")))
        r = self.update(cfg)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn(cfg + ":3:", r.stderr)
        self.assertIn("unknown format", r.stderr)

    # -- failures leave current.snap alone ----------------------------------

    def publish_good(self):
        r = self.update(self.good_config())
        self.assertEqual(r.returncode, 0, r.stderr)
        current = os.path.join(self.home, "current.snap")
        return current, sha256_file(current), sorted(os.listdir(os.path.join(self.home,
                                                                              "snapshots")))

    def assert_failed_untouched(self, r, current, before, snaps, *needles):
        self.assertNotEqual(r.returncode, 0, r.stdout)
        for n in needles:
            self.assertIn(n, r.stderr)
        self.assertEqual(sha256_file(current), before)
        self.assertEqual(sorted(os.listdir(os.path.join(self.home, "snapshots"))), snaps)
        self.assert_no_leftovers()

    def test_http_404_keeps_current(self):
        current, before, snaps = self.publish_good()
        missing = self.url("gone/consolidated.xml")
        cfg = self.config("ofac_sdn: %s\nun: %s\n" % (self.url("sdn.csv"), missing))
        r = self.update(cfg)
        self.assert_failed_untouched(r, current, before, snaps, "un_sc", missing, "HTTP 404")
        self.assertIn("unavailable", r.stderr)

    def test_truncated_file_keeps_current(self):
        current, before, snaps = self.publish_good()
        cut = self.url("truncated/consolidated.xml")
        cfg = self.config("ofac_sdn: %s\nun: %s\n" % (self.url("sdn.csv"), cut))
        r = self.update(cfg)
        # The error names the URL, not the temporary file it was saved to.
        self.assert_failed_untouched(r, current, before, snaps, "un_sc", cut)
        self.assertNotIn(os.path.join(self.home, "tmp"), r.stderr)

    def test_connection_refused_keeps_current(self):
        current, before, snaps = self.publish_good()
        # A port nobody listens on: bind one, note it, close it.
        import socket
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        url = "http://127.0.0.1:%d/sdn.csv" % port
        r = self.update(self.config("ofac_sdn: %s\n" % url))
        self.assert_failed_untouched(r, current, before, snaps, "us_ofac_sdn", url)

    def test_size_limit(self):
        current, before, snaps = self.publish_good()
        r = self.update(self.config("un: %s\n" % self.url("consolidated.xml")), "--max-mb", "1")
        self.assert_failed_untouched(r, current, before, snaps, "un_sc", "larger than")

    def test_strict_bad_record_keeps_current(self):
        current, before, snaps = self.publish_good()
        bad = self.url("badrow/sdn.csv")
        r = self.update(self.config("ofac_sdn: %s\n" % bad), "--strict")
        self.assert_failed_untouched(r, current, before, snaps, "us_ofac_sdn", bad, "--strict")
        # Without --strict the bad row is skipped and the rest published.
        r = self.update(self.config("ofac_sdn: %s\n" % bad), "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        info = self.info(current)
        self.assertEqual(info["sources"][0]["entities"], len(self.sdn_ids))
        self.assertEqual(info["sources"][0]["problems"], 1)
        with open(os.path.join(self.home, "last_update.quarantine.txt")) as f:
            report = f.read()
        self.assertIn(bad, report)
        self.assertIn("99999999", report)


if __name__ == "__main__":
    unittest.main()
