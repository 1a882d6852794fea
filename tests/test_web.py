#!/usr/bin/env python3
"""Browser end-to-end test of the web app (tests/web/e2e.mjs).

Starts `chokepoint serve` on a free 127.0.0.1 port with a temporary data
folder (and a trade store ingested from the shared Eurostat extract), creates
an admin token with `chokepoint token create`, and runs the Node script that
drives Debian's chromium through playwright-core (installed by scripts/setup
with `npm ci --prefix web`; no browser is ever downloaded). Screenshots of
every page go to <build>/test-output/web/.

The search name is chosen here, independently of the engine: a Russian
entity of the bundled UK OFSI list whose name is given in Cyrillic script.
The script checks that the hits the page shows equal the API's JSON for the
same query and that this entity is among them.

Skipped when node, chromium or the npm packages are missing (scripts/setup
not run); fails when they are present but the web app was not built.
"""

import csv
import io
import json
import lzma
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request

BIN = os.environ.get("CHOKEPOINT_BIN", "chokepoint")
SOURCE_DIR = os.environ.get(
    "CHOKEPOINT_SOURCE_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SHARED = os.environ.get("CHOKEPOINT_SHARED_DIR", os.path.join(SOURCE_DIR, "..", "shared"))
CHROMIUM = os.environ.get("CHOKEPOINT_CHROMIUM", "/usr/bin/chromium")
OFSI = os.path.join(SOURCE_DIR, "data", "lists", "gb_ofsi_conlist_2025-04-10.csv.xz")
SDN = os.path.join(SOURCE_DIR, "data", "lists", "us_ofac_sdn_2024-05-03.csv.xz")
EUROSTAT = os.path.join(SHARED, "data", "trade", "eurostat_eu_exports_cn8_ru_neighbours",
                        "eu_exports_by_cn8_monthly_2020-2022.csv.xz")
SHIPMENTS = os.path.join(SOURCE_DIR, "data", "samples", "shipments_sample.csv")
E2E = os.path.join(SOURCE_DIR, "tests", "web", "e2e.mjs")
PLAYWRIGHT = os.path.join(SOURCE_DIR, "web", "node_modules", "playwright-core", "package.json")
CYRILLIC = re.compile("[\u0400-\u04ff]")


def cyrillic_russian_entities():
    """(group_id, Cyrillic name) of OFSI entities under the Russia regime."""
    with open(OFSI, "rb") as f:
        text = lzma.decompress(f.read()).decode("utf-8-sig", "replace")
    lines = text.splitlines()
    # The file starts with a "Last Updated" line before the header.
    start = next(i for i, l in enumerate(lines) if l.startswith("Name 6,") or ",Group ID" in l)
    out = []
    for row in csv.DictReader(io.StringIO("\n".join(lines[start:]))):
        name = (row.get("Name Non-Latin Script") or "").strip()
        if (row.get("Group Type") == "Entity" and row.get("Regime") == "Russia"
                and CYRILLIC.search(name) and 2 <= len(name.split()) <= 5):
            out.append((row["Group ID"].strip(), " ".join(name.split())))
    return out


def sdn_entity_with_links():
    """(name, [linked names]) of an OFAC SDN entity under RUSSIA-EO14024 whose
    remarks name the parties it is linked to ("Linked To: NAME.")."""
    with open(SDN, "rb") as f:
        text = lzma.decompress(f.read()).decode("utf-8", "replace")
    for r in csv.reader(io.StringIO(text)):
        if len(r) < 12 or r[2].strip() != "-0-" or "RUSSIA-EO14024" not in r[3]:
            continue
        remarks = r[11].strip()
        if "Linked To:" in remarks and remarks.endswith(".") and 3 <= len(r[1].split()) <= 6:
            linked = re.findall(r"Linked To: ([^;]+?)\.?\s*(?:;|$)", remarks)
            if linked:
                return r[1].strip(), linked
    return None


def sdn_name_with_long_legal_form():
    """The shortest OFAC SDN name that starts with the transliterated Russian
    legal form OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTIU (the explanation
    shows it as one long token)."""
    with open(SDN, "rb") as f:
        text = lzma.decompress(f.read()).decode("utf-8", "replace")
    names = [r[1].strip() for r in csv.reader(io.StringIO(text))
             if len(r) > 2 and r[2].strip() == "-0-"
             and r[1].startswith("OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTIU ")]
    return min(names, key=len) if names else None


class WebAppTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        missing = [what for what, ok in (
            ("node", shutil.which("node")),
            ("chromium at " + CHROMIUM, os.access(CHROMIUM, os.X_OK)),
            ("web/node_modules (run scripts/setup)", os.path.exists(PLAYWRIGHT)),
        ) if not ok]
        if missing:
            raise unittest.SkipTest("needs " + ", ".join(missing))
        cls.build_dir = os.path.dirname(os.path.abspath(shutil.which(BIN) or BIN))
        cls.web_dir = os.path.join(cls.build_dir, "web")
        cls.out_dir = os.path.join(cls.build_dir, "test-output", "web")
        cls.tmp = tempfile.TemporaryDirectory()
        cls.data = os.path.join(cls.tmp.name, "data")
        cls.server = None

    @classmethod
    def tearDownClass(cls):
        if getattr(cls, "server", None) and cls.server.poll() is None:
            cls.server.send_signal(signal.SIGTERM)
            try:
                cls.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                cls.server.kill()
                cls.server.wait()
        if getattr(cls, "tmp", None):
            cls.tmp.cleanup()

    def start_server(self, extra):
        log = open(os.path.join(self.tmp.name, "serve.log"), "w+")
        self.addCleanup(log.close)
        type(self).server = subprocess.Popen(
            [BIN, "serve", "--port", "0", "--data", self.data, "--web", self.web_dir] + extra,
            stdout=log, stderr=log)
        deadline = time.time() + 180
        while time.time() < deadline:
            if self.server.poll() is not None:
                log.seek(0)
                self.fail("serve exited: " + log.read())
            log.seek(0)
            m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", log.read())
            if m:
                return "http://127.0.0.1:" + m.group(1)
            time.sleep(0.2)
        self.fail("serve did not start")

    def api(self, url, token, path, body=None):
        req = urllib.request.Request(
            url + path, data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace")

    def test_pages_in_chromium(self):
        self.assertTrue(os.path.isfile(os.path.join(self.web_dir, "index.html")),
                        "the web app is not built in %s (build the 'webapp' target)" % self.web_dir)
        os.makedirs(self.data)
        p = subprocess.run([BIN, "token", "create", "--role", "admin", "--data", self.data],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        token = p.stdout.strip().splitlines()[-1].strip()

        # An earlier list version to compare with: the UN list alone.
        os.makedirs(os.path.join(self.data, "snapshots"))
        un = os.path.join(SOURCE_DIR, "data", "lists", "un_sc_consolidated_2026-02.xml.xz")
        p = subprocess.run([BIN, "lists", "import", "--quiet", "--out",
                            os.path.join(self.data, "snapshots", "un-only.snap"), "un:" + un],
                           capture_output=True, text=True, timeout=300)
        self.assertEqual(p.returncode, 0, p.stderr)

        extra = []
        trade = os.path.exists(EUROSTAT)
        if trade:
            store = os.path.join(self.tmp.name, "eu.store")
            p = subprocess.run([BIN, "trade", "ingest", "--quiet", "--format", "eurostat-long",
                                "--out", store, EUROSTAT], capture_output=True, text=True,
                               timeout=600)
            self.assertEqual(p.returncode, 0, p.stderr)
            extra += ["--trade", store]
        url = self.start_server(extra)

        # The listed Russian entity searched by its Cyrillic name, and the
        # source name the server gives the OFSI list.
        status, info = self.api(url, token, "/v1/lists")
        self.assertEqual(status, 200)
        ofsi = [s["source"] for s in info["sources"] if "ofsi" in s["source"]]
        self.assertEqual(len(ofsi), 1, [s["source"] for s in info["sources"]])
        candidates = cyrillic_russian_entities()
        self.assertTrue(candidates, "no Cyrillic Russian entity in the OFSI file")
        group_id, name = candidates[0]

        names_csv = os.path.join(self.tmp.name, "names.csv")
        with open(names_csv, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["name", "country"])
            for _, n in candidates[1:4]:
                w.writerow([n, "RU"])
            w.writerow(["Zyxw Qvutsr Unlisted Trading", ""])
            w.writerow(["Acme Widgets of Tulsa, Inc.", "US"])

        linked = sdn_entity_with_links()
        self.assertIsNotNone(linked, "no SDN entity with Linked To remarks")
        args = ["node", E2E, "--url", url, "--token", token, "--out", self.out_dir,
                "--name", name, "--expect-entity", "%s:%s" % (ofsi[0], group_id),
                "--csv", names_csv, "--network-name", linked[0],
                "--expect-related", "|".join(linked[1]), "--diff-from", "un-only"]
        wide = sdn_name_with_long_legal_form()
        self.assertIsNotNone(wide, "no SDN name with the long Russian legal form")
        args += ["--wide-name", wide]
        # Parts whose routes are served by this build (the casework and
        # trade routes are optional parts of the server).
        status, _ = self.api(url, token, "/v1/alerts?limit=1")
        if status == 404:
            args.append("--no-casework")
        else:
            # Stored counterparties are screened at once and raise alerts
            # for the queue and the case view.
            parties = [{"id": "CUST-%d" % (i + 1), "name": n, "country": "RU"}
                       for i, (_, n) in enumerate(candidates[:3])]
            status, added = self.api(url, token, "/v1/counterparties", {"parties": parties})
            self.assertEqual(status, 200, added)
        if self.api(url, token, "/v1/check?format=shipments", {})[0] != 404:
            args += ["--check-file", SHIPMENTS, "--check-format", "shipments"]
        if trade and self.api(url, token, "/v1/trade/share?hs=chpl&period=2022")[0] != 404:
            args += ["--trade", "--trade-hs", "chpl", "--trade-from", "2020", "--trade-to", "2022"]
        p = subprocess.run(args, capture_output=True, text=True, timeout=900, cwd=SOURCE_DIR)
        sys.stdout.write(p.stdout)
        sys.stderr.write(p.stderr)
        self.assertEqual(p.returncode, 0, "browser checks failed:\n" + p.stdout + p.stderr)
        shots = sorted(f for f in os.listdir(self.out_dir) if f.endswith(".png"))
        for page in ("signin", "search", "upload", "alerts", "lists", "network"):
            self.assertTrue(any(page in s for s in shots), "no screenshot of " + page)


if __name__ == "__main__":
    unittest.main(verbosity=2)
