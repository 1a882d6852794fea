"""HTTP tests of the casework routes of `chokepoint serve`: roles, counterparties,
alerts, decisions with four-eyes review, the allow-list, re-screening and the
audit trail. The server runs on 127.0.0.1 on a free port with its own data
folder; the lists are the 2024-05-03 OFAC SDN file, whose ent_nums the test
reads itself.
"""

import csv
import http.client
import io
import json
import os
import signal
import socket
import subprocess
import tempfile
import time
import unittest

BIN = os.environ.get("CHOKEPOINT_BIN", "chokepoint")
SHARED = os.environ.get("CHOKEPOINT_SHARED_DIR",
                        os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
SDN = os.path.join(SHARED, "data", "sanctions", "ofac", "sdn_2024-05-03.csv")
OLD_SDN = os.path.join(SHARED, "data", "sanctions", "ofac", "sdn_2022-02-03.csv")
NAMES = ["YANTAI IRAY TECHNOLOGY CO LTD", "OOO SERTAL", "BANCO NACIONAL DE CUBA"]


def run(*args):
    p = subprocess.run([BIN, *args], capture_output=True, text=True)
    if p.returncode != 0:
        raise AssertionError(f"{args} exited {p.returncode}: {p.stderr}")
    return p.stdout


def has_serve():
    return subprocess.run([BIN, "help", "serve"], capture_output=True).returncode == 0


def sdn_rows(path):
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        text = f.read().replace("\x1a", "")
    return {rec[0].strip(): rec for rec in csv.reader(io.StringIO(text))
            if rec and rec[0].strip().isdigit()}


def sdn_ids_by_name():
    with open(SDN, encoding="utf-8", errors="replace", newline="") as f:
        text = f.read().replace("\x1a", "")
    out = {}
    for rec in csv.reader(io.StringIO(text)):
        if rec and rec[0].strip().isdigit():
            out.setdefault(" ".join(rec[1].split()).upper(), set()).add(rec[0].strip())
    return out


@unittest.skipUnless(os.path.exists(SDN), "OFAC SDN test file not found")
@unittest.skipUnless(has_serve(), "this binary has no serve command")
class CaseworkApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        data = os.path.join(cls.tmp.name, "data")
        os.makedirs(data)
        snap = os.path.join(cls.tmp.name, "sdn.snap")
        run("lists", "import", "--quiet", "--out", snap, "ofac_sdn:" + SDN)
        cls.tok = {}
        for user, role in (("alice", "analyst"), ("bob", "analyst"), ("carol", "reviewer"),
                           ("vic", "viewer"), ("root", "admin")):
            cls.tok[user] = run("token", "create", "--role", role, "--user", user,
                                "--data", data).strip().splitlines()[-1]
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            cls.port = s.getsockname()[1]
        cls.log = open(os.path.join(cls.tmp.name, "serve.log"), "w")
        cls.proc = subprocess.Popen([BIN, "serve", "--port", str(cls.port), "--data", data,
                                     "--snapshot", snap, "--quiet"],
                                    stdout=cls.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while True:
            if cls.proc.poll() is not None or time.time() > deadline:
                raise AssertionError("serve did not start")
            try:
                if cls.call("GET", "/healthz", None)[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        cls.data = data
        cls.ids = sdn_ids_by_name()

    @classmethod
    def tearDownClass(cls):
        cls.proc.send_signal(signal.SIGTERM)
        try:
            cls.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            cls.proc.kill()
            cls.proc.wait()
        cls.log.close()
        cls.tmp.cleanup()

    @classmethod
    def call(cls, method, path, user, body=None):
        c = http.client.HTTPConnection("127.0.0.1", cls.port, timeout=60)
        headers = {}
        if user:
            headers["Authorization"] = "Bearer " + cls.tok[user]
        data = json.dumps(body).encode() if body is not None else None
        c.request(method, path, body=data, headers=headers)
        r = c.getresponse()
        payload = r.read()
        c.close()
        return r.status, (json.loads(payload) if payload else None)

    def add_parties(self, prefix):
        parties = [{"id": f"{prefix}{i}", "name": n} for i, n in enumerate(NAMES)]
        status, body = self.call("POST", "/v1/counterparties", "alice", {"parties": parties})
        self.assertEqual(status, 200, body)
        return body

    def alerts_for(self, party):
        status, body = self.call("GET", "/v1/alerts?status=all&limit=1000", "vic")
        self.assertEqual(status, 200)
        return [a for a in body["alerts"] if a["party"] == party]

    def test_roles(self):
        self.assertEqual(self.call("GET", "/v1/alerts", None)[0], 401)
        self.assertEqual(self.call("POST", "/v1/alerts/1/decisions", "vic",
                                   {"decision": "escalate"})[0], 403)
        self.assertEqual(self.call("POST", "/v1/allowlist", "alice",
                                   {"party": "x", "entity_id": "us_ofac_sdn:306"})[0], 403)
        self.assertEqual(self.call("POST", "/v1/rescreen", "carol")[0], 403)
        self.assertEqual(self.call("POST", "/v1/counterparties", "vic", {"name": "x"})[0], 403)

    def test_counterparties_alert_on_listed_names(self):
        body = self.add_parties("cp")
        self.assertEqual(len(body["counterparties"]), len(NAMES))
        for i, name in enumerate(NAMES):
            want = {"us_ofac_sdn:" + e for e in self.ids[name]}
            got = {a["entity_id"] for a in self.alerts_for(f"cp{i}")}
            self.assertTrue(want <= got, (name, want, got))
        status, listed = self.call("GET", "/v1/counterparties", "vic")
        self.assertEqual(status, 200)
        self.assertTrue({f"cp{i}" for i in range(len(NAMES))} <=
                        {c["party"] for c in listed["counterparties"]})
        # Nothing changed in the lists: re-screening raises nothing.
        status, report = self.call("POST", "/v1/rescreen", "root")
        self.assertEqual(status, 200, report)
        self.assertEqual(report["changes"], [])
        self.assertEqual(report["parties"], len(listed["counterparties"]))

    def test_four_eyes_over_http(self):
        self.add_parties("fe")
        ent = "us_ofac_sdn:" + sorted(self.ids[NAMES[2]])[0]
        alert = next(a for a in self.alerts_for("fe2") if a["entity_id"] == ent)
        self.assertGreaterEqual(alert["score"], 0.9)
        path = f"/v1/alerts/{alert['id']}/decisions"
        status, body = self.call("POST", path, "alice", {"decision": "false_positive",
                                                         "note": "different bank"})
        self.assertEqual((status, body["status"]), (200, "pending_second_review"))
        status, body = self.call("POST", path, "alice", {"decision": "false_positive"})
        self.assertEqual((status, body["error"]["code"]), (409, "four_eyes"))
        status, body = self.call("POST", path, "bob", {"decision": "false_positive"})
        self.assertEqual((status, body["error"]["code"]), (409, "four_eyes"))
        status, body = self.call("POST", path, "carol", {"decision": "false_positive",
                                                         "note": "agreed"})
        self.assertEqual((status, body["status"]), (200, "closed"))
        self.assertEqual(self.call("POST", path, "carol", {"decision": "escalate"})[0], 409)
        self.assertEqual(self.call("POST", path, "alice", {"decision": "perhaps"})[0], 400)
        self.assertEqual(self.call("POST", "/v1/alerts/999999/decisions", "alice",
                                   {"decision": "escalate"})[0], 404)
        status, detail = self.call("GET", f"/v1/alerts/{alert['id']}", "vic")
        self.assertEqual(status, 200)
        self.assertEqual(detail["alert"]["resolution"], "false_positive")
        self.assertEqual([(d["user"], d["role"]) for d in detail["decisions"]],
                         [("alice", "analyst"), ("carol", "reviewer")])
        self.assertEqual(detail["party"]["name"], NAMES[2])
        self.assertEqual([r["kind"] for r in detail["audit"]],
                         ["screening", "decision", "decision"])
        # Allow-list the pair: adding the same party again raises no alert for it.
        status, body = self.call("POST", "/v1/allowlist", "carol",
                                 {"party": "fe2", "entity_id": ent, "note": "known bank"})
        self.assertEqual(status, 200, body)
        self.assertEqual(self.call("POST", "/v1/allowlist", "carol",
                                   {"party": "fe2", "entity_id": "us_ofac_sdn:0"})[0], 404)
        before = len(self.alerts_for("fe2"))
        self.add_parties("fe")
        self.assertEqual(len(self.alerts_for("fe2")), before)

    def test_screenings_are_audited(self):
        name = NAMES[0]
        status, _ = self.call("POST", "/v1/screen", "bob", {"name": name})
        self.assertEqual(status, 200)
        found = None
        deadline = time.time() + 30
        while found is None and time.time() < deadline:
            after = 0
            while True:
                status, page = self.call("GET", f"/v1/audit?after={after}&limit=1000", "vic")
                self.assertEqual(status, 200)
                for r in page["records"]:
                    d = r["record"]["data"]
                    if r["kind"] == "screening" and d.get("purpose") == "api" and \
                            d.get("user") == "bob" and d["query"]["name"] == name:
                        found = r
                if not page["records"]:
                    break
                after = page["next_after"]
            if found is None:
                time.sleep(0.2)
        self.assertIsNotNone(found, "the API screening was not audited")
        ids = {h["source_id"] for h in found["record"]["data"]["results"]}
        self.assertTrue(self.ids[name] <= ids)
        status, v = self.call("GET", "/v1/audit/verify", "vic")
        self.assertEqual(status, 200)
        self.assertTrue(v["ok"], v)


@unittest.skipUnless(os.path.exists(SDN) and os.path.exists(OLD_SDN), "OFAC SDN files not found")
@unittest.skipUnless(has_serve(), "this binary has no serve command")
class RescreenOnListUpdateTest(unittest.TestCase):
    """A list update swapping in a newer snapshot re-screens the stored parties."""

    def test_reload_rescreens(self):
        old_rows, new_rows = sdn_rows(OLD_SDN), sdn_rows(SDN)
        # Listed entities new in 2024 under RUSSIA-EO14024, named uniquely.
        names = {}
        for rows in (old_rows, new_rows):
            for ent, r in rows.items():
                names.setdefault(" ".join(r[1].split()).upper(), set()).add(ent)
        added = sorted((e for e in set(new_rows) - set(old_rows)
                        if "RUSSIA-EO14024" in new_rows[e][3]
                        and len(names[" ".join(new_rows[e][1].split()).upper()]) == 1),
                       key=int)[:5]
        self.assertEqual(len(added), 5)
        with tempfile.TemporaryDirectory() as tmp:
            data = os.path.join(tmp, "data")
            os.makedirs(data)
            old_snap, new_snap = os.path.join(tmp, "old.snap"), os.path.join(tmp, "new.snap")
            run("lists", "import", "--quiet", "--out", old_snap, "ofac_sdn:" + OLD_SDN)
            run("lists", "import", "--quiet", "--out", new_snap, "ofac_sdn:" + SDN)
            live = os.path.join(tmp, "live.snap")
            os.link(old_snap, live)
            admin = run("token", "create", "--role", "admin", "--user", "root",
                        "--data", data).strip().splitlines()[-1]
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]

            def call(method, path, body=None):
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                c.request(method, path, body=json.dumps(body).encode() if body else None,
                          headers={"Authorization": "Bearer " + admin})
                r = c.getresponse()
                payload = r.read()
                c.close()
                return r.status, json.loads(payload) if payload else None

            with open(os.path.join(tmp, "serve.log"), "w") as log:
                proc = subprocess.Popen([BIN, "serve", "--port", str(port), "--data", data,
                                         "--snapshot", live, "--quiet"],
                                        stdout=log, stderr=subprocess.STDOUT)
                try:
                    deadline = time.time() + 120
                    while True:
                        self.assertIsNone(proc.poll(), "serve exited")
                        self.assertLess(time.time(), deadline, "serve did not start")
                        try:
                            if call("GET", "/healthz")[0] == 200:
                                break
                        except OSError:
                            time.sleep(0.2)
                    parties = [{"id": "u" + e, "name": new_rows[e][1]} for e in added]
                    status, body = call("POST", "/v1/counterparties", {"parties": parties})
                    self.assertEqual(status, 200, body)
                    tmp_live = live + ".tmp"
                    os.link(new_snap, tmp_live)
                    os.replace(tmp_live, live)
                    status, body = call("POST", "/v1/lists/update", {"mode": "reload"})
                    self.assertIn(status, (200, 202), body)
                    report = None
                    deadline = time.time() + 120
                    while report is None and time.time() < deadline:
                        status, page = call("GET", "/v1/audit?limit=1000")
                        for r in page["records"]:
                            if r["kind"] == "rescreen":
                                report = r["record"]["data"]
                        time.sleep(0.3)
                    self.assertIsNotNone(report, "no re-screening after the list update")
                    self.assertEqual(report["parties"], len(added))
                    status, alerts = call("GET", "/v1/alerts?status=all&limit=1000")
                    for e in added:
                        mine = [a for a in alerts["alerts"] if a["party"] == "u" + e
                                and a["entity_id"] == "us_ofac_sdn:" + e]
                        self.assertEqual(len(mine), 1, e)
                        self.assertIn("added to RUSSIA-EO14024", mine[0]["reason"])
                        self.assertEqual(mine[0]["lists_version"], report.get(
                            "lists_version", mine[0]["lists_version"]))
                    status, v = call("GET", "/v1/audit/verify")
                    self.assertTrue(v["ok"], v)
                finally:
                    proc.send_signal(signal.SIGTERM)
                    try:
                        proc.wait(timeout=30)
                    except subprocess.TimeoutExpired:
                        proc.kill()
                        proc.wait()


if __name__ == "__main__":
    unittest.main()
