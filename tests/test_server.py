#!/usr/bin/env python3
"""Black-box tests of `chokepoint serve` (docs/service.md).

Starts the server on a free 127.0.0.1 port with a temporary data folder,
creates tokens with `chokepoint token create`, and exercises every route of
the service: the JSON of /v1/screen, /v1/compare, /v1/classify and /v1/lists
is compared with the CLI's `--json` output for the same input; auth (401,
403), limits (411, 413, 431, 400), keep-alive, the yente /match and W3C
/reconcile shapes, a list reload swapped in while serving, token revocation,
the access log (no tokens, no bodies) and a clean stop on SIGTERM.

Environment: CHOKEPOINT_BIN (the binary), CHOKEPOINT_SOURCE_DIR (the repo).
Python standard library only.
"""

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse

BIN = os.environ.get("CHOKEPOINT_BIN", "chokepoint")
SOURCE_DIR = os.environ.get(
    "CHOKEPOINT_SOURCE_DIR", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get("CHOKEPOINT_SHARED_DIR", os.path.join(SOURCE_DIR, "..", "shared"))
TRADE_DATA = os.path.join(SHARED, "data/trade/eurostat_eu_exports_cn8_ru_neighbours/"
                          "eu_exports_by_cn8_monthly_2020-2022.csv.xz")

# Names that hit the embedded lists and some that should not.
SCREEN_QUERIES = [
    {"name": "Vladimir Putin", "schema": "person", "country": "RU"},
    {"name": "Rosoboronexport"},
    {"name": "Wuhan Global Sources", "schema": "company", "country": "CN"},
    {"name": "Ivan Petrovich Sidorov-Nonexistent"},
]


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_cli(*args, env=None):
    p = subprocess.run([BIN, *args], capture_output=True, text=True, env=env, timeout=300)
    if p.returncode != 0:
        raise AssertionError(f"chokepoint {' '.join(args)} failed: {p.stderr}")
    return p.stdout


def cli_screen_json(q):
    args = ["screen", q["name"], "--json"]
    if "schema" in q:
        args += ["--schema", q["schema"]]
    if "country" in q:
        args += ["--country", q["country"]]
    return json.loads(run_cli(*args))


class ServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="cp_server_test_")
        cls.data = os.path.join(cls.tmp.name, "data")
        # Keep $CHOKEPOINT_HOME out of the way so that the CLI and the
        # server both use the embedded lists.
        os.environ["CHOKEPOINT_HOME"] = os.path.join(cls.tmp.name, "home")
        os.environ.pop("CHOKEPOINT_SNAPSHOT", None)
        cls.tokens = {}
        for role in ("viewer", "analyst", "reviewer", "admin"):
            out = run_cli("token", "create", "--role", role, "--user", role + "-user",
                          "--data", cls.data)
            cls.tokens[role] = out.strip().splitlines()[-1]
        cls.trade_store = None
        if os.path.exists(TRADE_DATA):
            cls.trade_store = os.path.join(cls.tmp.name, "eu.store")
            run_cli("trade", "ingest", "--quiet", "--format", "eurostat-long", "--out",
                    cls.trade_store, TRADE_DATA)
        cls.port = free_port()
        cls.log_path = os.path.join(cls.tmp.name, "serve.log")
        cls.log = open(cls.log_path, "w")
        cls.proc = subprocess.Popen(
            [BIN, "serve", "--port", str(cls.port), "--data", cls.data, "--threads", "2",
             "--web", os.path.join(cls.tmp.name, "web")] +
            (["--trade", cls.trade_store] if cls.trade_store else []),
            stdout=subprocess.DEVNULL, stderr=cls.log)
        os.makedirs(os.path.join(cls.tmp.name, "web", "assets"))
        with open(os.path.join(cls.tmp.name, "web", "index.html"), "w") as f:
            f.write("<!doctype html><title>app</title>")
        with open(os.path.join(cls.tmp.name, "web", "assets", "app.js"), "w") as f:
            f.write("console.log(1)")
        deadline = time.time() + 300
        while True:
            if cls.proc.poll() is not None:
                with open(cls.log_path) as f:
                    raise AssertionError("serve exited: " + f.read())
            try:
                status, _, _ = cls.request_static("GET", "/healthz")
                if status == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline:
                raise AssertionError("serve did not become healthy")
            time.sleep(0.2)

    @classmethod
    def tearDownClass(cls):
        if cls.proc.poll() is None:
            cls.proc.kill()
            cls.proc.wait()
        cls.log.close()
        cls.tmp.cleanup()

    @classmethod
    def request_static(cls, method, path, body=None, token=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", cls.port, timeout=120)
        h = dict(headers or {})
        if token:
            h["Authorization"] = "Bearer " + token
        if body is not None and not isinstance(body, (bytes, str)):
            body = json.dumps(body)
            h.setdefault("Content-Type", "application/json")
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read()
        conn.close()
        return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data

    def request(self, method, path, body=None, role=None, headers=None):
        token = self.tokens[role] if role else None
        return self.request_static(method, path, body, token, headers)

    def json_request(self, method, path, body=None, role=None, expect=200):
        status, headers, data = self.request(method, path, body, role)
        self.assertEqual(status, expect, data[:500])
        self.assertTrue(headers["content-type"].startswith("application/json"))
        return json.loads(data)

    def assert_error(self, status, data, want_status, want_code=None):
        self.assertEqual(status, want_status, data[:300])
        err = json.loads(data)["error"]
        self.assertIsInstance(err["message"], str)
        self.assertTrue(err["message"])
        if want_code:
            self.assertEqual(err["code"], want_code)

    def raw(self, payload, read_all=True):
        with socket.create_connection(("127.0.0.1", self.port), timeout=60) as s:
            s.sendall(payload)
            chunks = []
            while True:
                try:
                    c = s.recv(65536)
                except socket.timeout:
                    break
                if not c:
                    break
                chunks.append(c)
                if not read_all:
                    break
            return b"".join(chunks)

    # --- public and service routes ------------------------------------------

    def test_malloc_asks_for_huge_pages_where_the_kernel_gives_them_on_request(self):
        # The server has started itself again (same process id) with glibc's
        # malloc tunables for huge pages (src/io/memory.h) when the kernel
        # gives them on request and nothing here said otherwise.
        try:
            with open("/sys/kernel/mm/transparent_hugepage/enabled") as f:
                mode = f.read()
        except OSError:
            mode = ""
        with open(f"/proc/{self.proc.pid}/environ", "rb") as f:
            env = dict(kv.split(b"=", 1) for kv in f.read().split(b"\0") if b"=" in kv)
        # (The dynamic loader cuts the variable there after its first
        # tunable while reading it; the program sees all of it.)
        tunables = env.get(b"GLIBC_TUNABLES", b"").decode()
        wanted = ("[madvise]" in mode and "GLIBC_TUNABLES" not in os.environ
                  and os.environ.get("CHOKEPOINT_HUGE_PAGES") != "0"
                  and "vgpreload" not in os.environ.get("LD_PRELOAD", ""))
        if wanted:
            self.assertEqual(tunables.split(":")[0], "glibc.malloc.hugetlb=1")
        else:
            self.assertEqual(tunables.split(":")[0],
                             os.environ.get("GLIBC_TUNABLES", "").split(":")[0])

    def test_healthz_is_public_and_names_the_lists_version(self):
        info = json.loads(run_cli("lists", "info", "--json"))
        h = self.json_request("GET", "/healthz")
        self.assertEqual(h["status"], "ok")
        self.assertEqual(h["lists_version"], info["version"])
        self.assertEqual(h["entities"], info["entities"])

    def test_openapi_documents_the_routes(self):
        doc = self.json_request("GET", "/openapi.json")
        self.assertTrue(doc["openapi"].startswith("3."))
        with open(os.path.join(SOURCE_DIR, "src", "server", "openapi.json")) as f:
            self.assertEqual(doc, json.load(f))
        # Every route a route file registers is documented with its method.
        pattern = re.compile(r'CHOKEPOINT_ROUTE\(\s*\w+,\s*\{"(\w+)",\s*"([^"]+)"')
        server_dir = os.path.join(SOURCE_DIR, "src", "server")
        registered = set()
        for name in os.listdir(server_dir):
            if name.endswith("_routes.cc"):
                with open(os.path.join(server_dir, name)) as f:
                    registered |= set(pattern.findall(f.read()))
        self.assertGreater(len(registered), 15)
        for method, path in sorted(registered):
            self.assertIn(method.lower(), doc["paths"].get(path, {}), (method, path))
        for path in ("/healthz", "/metrics", "/v1/screen", "/v1/screen/batch", "/v1/compare",
                     "/v1/classify", "/v1/lists", "/v1/lists/versions", "/v1/lists/diff",
                     "/v1/lists/update", "/v1/entities/{id}", "/match/{dataset}", "/reconcile",
                     "/v1/check", "/v1/trade/share", "/v1/trade/surge", "/v1/trade/diversion"):
            self.assertIn(path, doc["paths"])

    def test_metrics_counts_requests_and_reports_the_snapshot(self):
        for _ in range(3):
            self.json_request("POST", "/v1/screen", {"name": "Metrics Probe"}, "analyst")
        self.assert_error(*self.request("GET", "/metrics")[::2], 401)
        status, headers, data = self.request("GET", "/metrics", role="viewer")
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("text/plain"))
        text = data.decode()
        counts = {}
        for line in text.splitlines():
            if line.startswith("chokepoint_http_requests_total{"):
                labels, value = line.rsplit(" ", 1)
                counts[labels] = int(value)
        key = ('chokepoint_http_requests_total{route="POST /v1/screen",method="POST",'
               'status="200"}')
        self.assertGreaterEqual(counts.get(key, 0), 3)
        info = json.loads(run_cli("lists", "info", "--json"))
        self.assertIn(f"chokepoint_snapshot_entities {info['entities']}\n", text)
        self.assertIn("chokepoint_snapshot_age_seconds ", text)
        self.assertIn('chokepoint_http_request_duration_seconds_bucket{route="POST /v1/screen",'
                      'le="+Inf"}', text)

    # --- auth -----------------------------------------------------------------

    def test_screen_needs_an_analyst_token(self):
        body = {"name": "Vladimir Putin"}
        status, headers, data = self.request("POST", "/v1/screen", body)
        self.assert_error(status, data, 401, "unauthorized")
        self.assertIn("www-authenticate", headers)
        status, _, data = self.request_static("POST", "/v1/screen", json.dumps(body),
                                              "cpt_" + "0" * 40)
        self.assert_error(status, data, 401, "unauthorized")
        status, _, data = self.request("POST", "/v1/screen", body, "viewer")
        self.assert_error(status, data, 403, "forbidden")
        for role in ("analyst", "reviewer", "admin"):
            self.json_request("POST", "/v1/screen", body, role)

    def test_admin_routes_refuse_lower_roles(self):
        for role in ("viewer", "analyst", "reviewer"):
            status, _, data = self.request("POST", "/v1/lists/update", {"mode": "reload"}, role)
            self.assert_error(status, data, 403, "forbidden")

    # --- screening ---------------------------------------------------------------

    def test_screen_matches_the_cli_json(self):
        for q in SCREEN_QUERIES:
            with self.subTest(q=q):
                got = self.json_request("POST", "/v1/screen", q, "analyst")
                self.assertEqual(got, cli_screen_json(q))

    def test_screen_options_and_errors(self):
        got = self.json_request("POST", "/v1/screen",
                                {"name": "Vladimir Putin", "limit": 1, "threshold": 0.5},
                                "analyst")
        self.assertLessEqual(len(got["results"]), 1)
        for bad, field in [({}, "name"), ({"name": ""}, "name"), ({"name": 5}, "name"),
                           ({"name": "x", "schema": "dragon"}, "schema"),
                           ({"name": "x", "dob": "yesterday"}, "dob"),
                           ({"name": "x", "limit": 0}, "limit"),
                           ({"name": "x", "threshold": 2}, "threshold"),
                           ({"name": "x", "sources": ["no_such_list"]}, "sources"),
                           ({"name": "x" * 2000}, "name")]:
            with self.subTest(bad=bad):
                status, _, data = self.request("POST", "/v1/screen", bad, "analyst")
                self.assert_error(status, data, 400)
                self.assertIn(field, json.loads(data)["error"]["message"])
        status, _, data = self.request("POST", "/v1/screen", "not json", "analyst",
                                       {"Content-Type": "application/json"})
        self.assert_error(status, data, 400)

    def test_batch_matches_single_screens_and_is_limited(self):
        queries = SCREEN_QUERIES[:3]
        got = self.json_request("POST", "/v1/screen/batch", {"queries": queries}, "analyst")
        self.assertEqual(len(got["results"]), len(queries))
        for q, r in zip(queries, got["results"]):
            self.assertEqual(r, cli_screen_json(q))
        status, _, data = self.request("POST", "/v1/screen/batch",
                                       {"queries": [{"name": "a"}] * 1001}, "analyst")
        self.assert_error(status, data, 413, "batch_too_large")
        status, _, data = self.request("POST", "/v1/screen/batch", {"queries": []}, "analyst")
        self.assert_error(status, data, 400)
        status, _, data = self.request("POST", "/v1/screen/batch",
                                       {"queries": [{"name": "a"}, {"name": ""}]}, "analyst")
        self.assert_error(status, data, 400)
        self.assertIn("queries[1]", json.loads(data)["error"]["message"])

    def test_compare_matches_the_cli_json(self):
        pairs = [("Vladimir Putin", "Владимир Путин", None),
                 ("Acme Trading LLC", "ACME Trading Limited Liability Company", "company")]
        for a, b, schema in pairs:
            body = {"name1": a, "name2": b}
            args = ["compare", a, b, "--json"]
            if schema:
                body["schema"] = schema
                args += ["--schema", schema]
            got = self.json_request("POST", "/v1/compare", body, "analyst")
            self.assertEqual(got, json.loads(run_cli(*args)))
        status, _, data = self.request("POST", "/v1/compare", {"name1": "a"}, "analyst")
        self.assert_error(status, data, 400)

    def test_classify_matches_the_cli_json(self):
        text = "ball bearings for aircraft engines"
        got = self.json_request("POST", "/v1/classify", {"text": text}, "analyst")
        self.assertEqual(got, json.loads(run_cli("classify", text, "--json")))
        status, _, data = self.request("POST", "/v1/classify", {"text": " "}, "analyst")
        self.assert_error(status, data, 400)

    def test_check_matches_the_cli_json(self):
        cases = [("shipments", "--shipments",
                  os.path.join(SOURCE_DIR, "data", "samples", "shipments_sample.csv")),
                 ("mt103", "--mt103",
                  os.path.join(SOURCE_DIR, "fuzz", "corpus", "swift_mt", "mt103.fin"))]
        for fmt, option, path in cases:
            with self.subTest(fmt=fmt):
                with open(path, "rb") as f:
                    body = f.read()
                status, _, data = self.request("POST", "/v1/check?format=" + fmt, body, "analyst",
                                               {"Content-Type": "application/octet-stream"})
                self.assertEqual(status, 200, data[:300])
                got = json.loads(data)
                want = json.loads(run_cli("check", option, path, "--json", "--quiet"))
                # Problems name the file: the CLI's path, the service's "body".
                got_problems = got.pop("problems")
                want_problems = want.pop("problems")
                self.assertEqual(len(got_problems), len(want_problems))
                self.assertEqual(got, want)
                self.assertGreater(got["summary"]["items"], 0)
        status, _, data = self.request("POST", "/v1/check?format=pdf", b"x", "analyst",
                                       {"Content-Type": "application/octet-stream"})
        self.assert_error(status, data, 400)
        status, _, data = self.request("POST", "/v1/check", b"x", "analyst",
                                       {"Content-Type": "application/octet-stream"})
        self.assert_error(status, data, 400)
        status, _, data = self.request("POST", "/v1/check?format=mt103", b"x", "viewer",
                                       {"Content-Type": "application/octet-stream"})
        self.assert_error(status, data, 403)

    def test_trade_routes_match_the_cli_json(self):
        if not self.trade_store:
            self.skipTest("no trade data in CHOKEPOINT_SHARED_DIR")
        cases = [("share", {"hs": "chpl:1", "period": "2021", "by": "partner"}),
                 ("surge", {"hs": "chpl", "baseline": "2021", "period": "2022"}),
                 ("diversion", {})]
        for what, params in cases:
            with self.subTest(what=what):
                got = self.json_request("GET", f"/v1/trade/{what}?" +
                                        urllib.parse.urlencode(params), role="viewer")
                args = ["trade", what, "--store", self.trade_store, "--json"]
                for k, v in params.items():
                    args += ["--" + k, v]
                self.assertEqual(got, json.loads(run_cli(*args)))
        status, _, data = self.request("GET", "/v1/trade/share?hs=chpl", role="viewer")
        self.assert_error(status, data, 400)
        status, _, data = self.request("GET", "/v1/trade/share?period=2021&hs=chpl")
        self.assert_error(status, data, 401)

    # --- lists and entities -----------------------------------------------------

    def test_lists_info_versions_and_diff(self):
        info = json.loads(run_cli("lists", "info", "--json"))
        self.assertEqual(self.json_request("GET", "/v1/lists", role="viewer"), info)
        versions = self.json_request("GET", "/v1/lists/versions", role="viewer")
        self.assertEqual(versions["current"], info["version"])
        self.assertIn(info["version"], [v["version"] for v in versions["versions"]])
        diff = self.json_request("GET", "/v1/lists/diff?from=current&to=current", role="viewer")
        self.assertEqual((diff["added"], diff["removed"], diff["changed"]), ([], [], []))
        status, _, data = self.request("GET", "/v1/lists/diff?from=nope", role="viewer")
        self.assert_error(status, data, 404)
        status, _, data = self.request("GET", "/v1/lists/diff?from=../../etc", role="viewer")
        self.assert_error(status, data, 400)
        status, _, data = self.request("GET", "/v1/lists/diff", role="viewer")
        self.assert_error(status, data, 400)

    def test_entity_route_matches_lists_show(self):
        hit = cli_screen_json(SCREEN_QUERIES[0])["results"][0]
        eid = hit["source"] + ":" + hit["source_id"]
        got = self.json_request("GET", "/v1/entities/" + urllib.parse.quote(eid), role="viewer")
        self.assertEqual(got["id"], eid)
        shown = json.loads(run_cli("lists", "show", hit["source"], hit["source_id"], "--json"))
        self.assertEqual(got["entity"], shown)
        self.assertIsInstance(got["related"], list)
        status, _, data = self.request("GET", "/v1/entities/no_source:1", role="viewer")
        self.assert_error(status, data, 404)
        status, _, data = self.request("GET", "/v1/entities/nocolon", role="viewer")
        self.assert_error(status, data, 400)

    # --- compatibility ----------------------------------------------------------

    def test_yente_match_shape(self):
        body = {"queries": {
            "q1": {"schema": "Person", "properties": {"name": ["Vladimir Putin"],
                                                      "nationality": ["ru"]}},
            "q2": {"schema": "Company", "properties": {"name": ["Zzyzx Qwerty Nonexistent"]}}}}
        got = self.json_request("POST", "/match/default?limit=3", body, "analyst")
        self.assertEqual(set(got["responses"]), {"q1", "q2"})
        self.assertEqual(got["limit"], 3)
        r1 = got["responses"]["q1"]
        self.assertEqual(r1["status"], 200)
        self.assertEqual(r1["query"], body["queries"]["q1"])
        self.assertTrue(1 <= len(r1["results"]) <= 3)
        self.assertEqual(r1["total"]["value"], len(r1["results"]))
        want = cli_screen_json({"name": "Vladimir Putin", "schema": "person", "country": "ru"})
        top = r1["results"][0]
        self.assertEqual(top["id"], want["results"][0]["source"] + ":" +
                         want["results"][0]["source_id"])
        self.assertAlmostEqual(top["score"], want["results"][0]["score"], places=3)
        scores = [r["score"] for r in r1["results"]]
        self.assertEqual(scores, sorted(scores, reverse=True))
        for r in r1["results"]:
            for key in ("id", "caption", "schema", "properties", "datasets", "score", "match",
                        "features"):
                self.assertIn(key, r)
            self.assertEqual(r["match"], r["score"] >= 0.70)
            self.assertIn("name", r["properties"])
        self.assertEqual(got["responses"]["q2"]["results"], [])
        status, _, data = self.request("POST", "/match/no_such_dataset", body, "analyst")
        self.assert_error(status, data, 404)
        status, _, data = self.request("POST", "/match/default", {"queries": {"x": {}}}, "analyst")
        self.assert_error(status, data, 400)

    def test_reconcile_manifest_and_queries(self):
        manifest = self.json_request("GET", "/reconcile", role="analyst")
        self.assertIn("0.2", manifest["versions"])
        self.assertIn("Person", [t["id"] for t in manifest["defaultTypes"]])
        self.assertIn("{{id}}", manifest["view"]["url"])
        queries = {"q0": {"query": "Vladimir Putin", "type": "Person", "limit": 2},
                   "q1": {"query": "Rosoboronexport"}}
        form = urllib.parse.urlencode({"queries": json.dumps(queries)})
        status, _, data = self.request("POST", "/reconcile", form, "analyst",
                                       {"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 200, data)
        got = json.loads(data)
        self.assertEqual(set(got), {"q0", "q1"})
        self.assertLessEqual(len(got["q0"]["result"]), 2)
        want = cli_screen_json({"name": "Vladimir Putin", "schema": "person"})
        first = got["q0"]["result"][0]
        self.assertEqual(first["id"], want["results"][0]["source"] + ":" +
                         want["results"][0]["source_id"])
        self.assertAlmostEqual(first["score"], 100 * want["results"][0]["score"], delta=0.06)
        self.assertIsInstance(first["match"], bool)
        self.assertEqual(first["type"][0]["id"], "Person")
        # The same queries as a GET parameter and as JSON.
        got2 = self.json_request(
            "GET", "/reconcile?queries=" + urllib.parse.quote(json.dumps(queries)), role="analyst")
        self.assertEqual(got2, got)
        got3 = self.json_request("POST", "/reconcile", {"queries": queries}, "analyst")
        self.assertEqual(got3, got)

    # --- the web app --------------------------------------------------------------

    def test_web_app_static_files(self):
        status, headers, data = self.request("GET", "/")
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("text/html"))
        self.assertIn(b"<title>app</title>", data)
        status, headers, data = self.request("GET", "/assets/app.js")
        self.assertEqual((status, data), (200, b"console.log(1)"))
        self.assertTrue(headers["content-type"].startswith("text/javascript"))
        status, _, data = self.request("GET", "/app/alerts/17")  # client-side route
        self.assertEqual(status, 200)
        self.assertIn(b"<title>app</title>", data)
        status, _, _ = self.request("GET", "/assets/missing.js")
        self.assertEqual(status, 404)
        status, _, _ = self.request("GET", "/../../etc/passwd")
        self.assertEqual(status, 404)

    # --- HTTP limits and keep-alive -----------------------------------------------

    def test_http_errors_and_limits(self):
        self.assertTrue(self.raw(b"GARBAGE\r\n\r\n").startswith(b"HTTP/1.1 400 "))
        self.assertTrue(self.raw(b"POST /v1/screen HTTP/1.1\r\nHost: x\r\n\r\n")
                        .startswith(b"HTTP/1.1 411 "))
        big = 17 * 1024 * 1024
        self.assertTrue(self.raw(f"POST /v1/screen HTTP/1.1\r\nContent-Length: {big}\r\n\r\n"
                                 .encode()).startswith(b"HTTP/1.1 413 "))
        self.assertTrue(self.raw(b"GET /healthz HTTP/1.1\r\nX-Big: " + b"a" * 20000 +
                                 b"\r\n\r\n").startswith(b"HTTP/1.1 431 "))
        self.assertTrue(self.raw(b"GET /healthz HTTP/3.0\r\n\r\n").startswith(b"HTTP/1.1 505 "))
        status, _, data = self.request("DELETE", "/v1/screen", role="admin")
        self.assert_error(status, data, 405)
        status, _, data = self.request("POST", "/v1/nothing", {}, "admin")
        self.assert_error(status, data, 404)

    def test_keep_alive_and_pipelining(self):
        req = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
        last = b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        out = self.raw(req + req + last)
        self.assertEqual(out.count(b"HTTP/1.1 200 OK"), 3)
        self.assertEqual(out.count(b"Connection: keep-alive"), 2)
        self.assertEqual(out.count(b"Connection: close"), 1)

    # --- list update (reload) and token revocation ---------------------------------

    def wait_update(self):
        deadline = time.time() + 120
        while True:
            job = self.json_request("GET", "/v1/lists/update", role="viewer")
            if job["state"] != "running":
                return job
            self.assertLess(time.time(), deadline)
            time.sleep(0.2)

    def test_yz_reload_swaps_the_snapshot_while_serving(self):
        # Runs after the tests that compare with the embedded lists.
        csv_path = os.path.join(self.tmp.name, "own.csv")
        with open(csv_path, "w") as f:
            f.write("id,name,schema,country\n"
                    "x1,Quentin Zarkovsky-Lindqvist,person,SE\n"
                    "x2,Borealis Widget Exporters,company,FI\n")
        snap = os.path.join(self.data, "current.snap")
        run_cli("lists", "import", "--out", snap, "csv@own:" + csv_path)
        new_info = json.loads(run_cli("lists", "info", "--snapshot", snap, "--json"))
        old_version = self.json_request("GET", "/healthz")["lists_version"]
        self.assertNotEqual(old_version, new_info["version"])
        job = self.json_request("POST", "/v1/lists/update", {"mode": "reload"}, "admin", 202)
        self.assertIn(job["state"], ("running", "succeeded"))
        job = self.wait_update()
        self.assertEqual(job["state"], "succeeded", job)
        self.assertEqual(job["version"], new_info["version"])
        self.assertEqual(self.json_request("GET", "/healthz")["lists_version"],
                         new_info["version"])
        got = self.json_request("POST", "/v1/screen", {"name": "Quentin Zarkovsky Lindqvist"},
                                "analyst")
        self.assertEqual(got["snapshot"], new_info["version"])
        self.assertEqual([r["source_id"] for r in got["results"]][:1], ["x1"])
        env = dict(os.environ, CHOKEPOINT_SNAPSHOT=snap)
        self.assertEqual(got, json.loads(run_cli("screen", "Quentin Zarkovsky Lindqvist",
                                                 "--json", env=env)))
        # A diff from the version served before to the one served now.
        self.json_request("GET", "/v1/lists/diff?from=" + old_version + "&to=current",
                          role="viewer", expect=404)  # the embedded one is not on disk
        # A reload that fails leaves the served snapshot in place.
        os.remove(snap)
        self.json_request("POST", "/v1/lists/update", {"mode": "reload"}, "admin", 202)
        job = self.wait_update()
        self.assertEqual(job["state"], "failed")
        self.assertEqual(self.json_request("GET", "/healthz")["lists_version"],
                         new_info["version"])
        status, _, data = self.request("POST", "/v1/lists/update", {"mode": "sideways"}, "admin")
        self.assert_error(status, data, 400)

        # A fetch from a publisher (a local HTTP server here) builds and
        # publishes the next snapshot and swaps it in.
        import http.server
        import threading
        site = os.path.join(self.tmp.name, "site")
        os.makedirs(site)
        with open(os.path.join(site, "fetched.csv"), "w") as f:
            f.write("id,name,schema\nf1,Hieronymus Quaxleworth,person\n")
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *a, **k):
                super().__init__(*a, directory=site, **k)

            def log_message(self, *a):
                pass

        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        try:
            config = f"csv@fetched: http://127.0.0.1:{httpd.server_address[1]}/fetched.csv\n"
            self.json_request("POST", "/v1/lists/update", {"config": config}, "admin", 202)
            job = self.wait_update()
        finally:
            httpd.shutdown()
            httpd.server_close()
        self.assertEqual(job["state"], "succeeded", job)
        self.assertEqual(self.json_request("GET", "/healthz")["lists_version"], job["version"])
        self.assertTrue(os.path.exists(os.path.join(self.data, "snapshots",
                                                    job["version"] + ".snap")))
        versions = self.json_request("GET", "/v1/lists/versions", role="viewer")
        self.assertEqual(versions["current"], job["version"])
        self.assertIn(job["version"], [v["version"] for v in versions["versions"]])
        got = self.json_request("POST", "/v1/screen", {"name": "Hieronymus Quaxleworth"},
                                "analyst")
        self.assertEqual([(r["source"], r["source_id"]) for r in got["results"]],
                         [("fetched", "f1")])
        status, _, data = self.request("POST", "/v1/lists/update",
                                       {"config": "no such format: http://x/"}, "admin")
        self.assert_error(status, data, 400)

    def test_revoked_token_is_refused(self):
        out = run_cli("token", "create", "--role", "analyst", "--data", self.data)
        token = out.strip().splitlines()[-1]
        listed = json.loads(run_cli("token", "list", "--data", self.data, "--json"))
        self.assertNotIn(token, json.dumps(listed))
        status, _, _ = self.request_static("POST", "/v1/screen", json.dumps({"name": "x y"}), token)
        deadline = time.time() + 10
        while status == 401 and time.time() < deadline:  # the server re-reads within 1 s
            time.sleep(0.3)
            status, _, _ = self.request_static("POST", "/v1/screen", json.dumps({"name": "x y"}),
                                               token)
        self.assertEqual(status, 200)
        new_id = [t["id"] for t in listed if t["role"] == "analyst" and
                  t["user"].startswith("token-")][0]
        run_cli("token", "revoke", new_id, "--data", self.data)
        deadline = time.time() + 10
        while status != 401 and time.time() < deadline:
            time.sleep(0.3)
            status, _, _ = self.request_static("POST", "/v1/screen", json.dumps({"name": "x y"}),
                                               token)
        self.assertEqual(status, 401)

    # --- last: the log and the stop ------------------------------------------------

    def test_zz_log_has_no_tokens_or_bodies_and_sigterm_stops(self):
        self.json_request("POST", "/v1/screen", {"name": "Secret Party Name Xyz"}, "analyst")
        self.proc.send_signal(signal.SIGTERM)
        self.assertEqual(self.proc.wait(timeout=60), 0)
        self.log.flush()
        with open(self.log_path) as f:
            log = f.read()
        self.assertIn("POST /v1/screen 200", log)
        self.assertIn("analyst:analyst-user", log)
        for token in self.tokens.values():
            self.assertNotIn(token, log)
        self.assertNotIn("Secret Party Name", log)
        self.assertNotIn("Bearer", log)
        self.assertNotIn("from=", log)  # query strings are not logged


if __name__ == "__main__":
    unittest.main(verbosity=2)
