"""Crash test: kill -9 the service in the middle of a stream of decisions,
restart it, and check that every decision it acknowledged is stored and that
the audit chain verifies.

The service runs on 127.0.0.1 on a free port with its own data folder and the
SQLite casework store (WAL, synchronous=FULL). Several client threads post
decisions (escalate / need_more_information, which any analyst may repeat)
with unique notes; a decision counts as acknowledged when its 200 answer was
read in full. The server is killed with SIGKILL after a number of
acknowledgements while the clients keep sending.
"""

import http.client
import json
import os
import signal
import socket
import subprocess
import tempfile
import threading
import time
import unittest

BIN = os.environ.get("CHOKEPOINT_BIN", "chokepoint")
SHARED = os.environ.get("CHOKEPOINT_SHARED_DIR",
                        os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
SDN = os.path.join(SHARED, "data", "sanctions", "ofac", "sdn_2024-05-03.csv")


def run(*args, check=True):
    p = subprocess.run([BIN, *args], capture_output=True, text=True)
    if check and p.returncode != 0:
        raise AssertionError(f"{args} exited {p.returncode}: {p.stderr}")
    return p


def has_serve():
    p = subprocess.run([BIN, "help", "serve"], capture_output=True, text=True)
    return p.returncode == 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, data, snapshot, port):
        self.data, self.snapshot, self.port = data, snapshot, port
        self.proc = None

    def start(self):
        self.log = open(os.path.join(self.data, "serve.log"), "a")
        self.proc = subprocess.Popen(
            [BIN, "serve", "--port", str(self.port), "--data", self.data, "--snapshot",
             self.snapshot, "--threads", "4", "--quiet"],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError("serve exited with %s; see %s" %
                                     (self.proc.returncode, self.log.name))
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    c.close()
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError("serve did not come up")

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.log.close()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc and not self.log.closed:
            self.log.close()


def request(port, method, path, token, body=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": "Bearer " + token}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    c.request(method, path, body=data, headers=headers)
    r = c.getresponse()
    payload = r.read()
    c.close()
    return r.status, payload


@unittest.skipUnless(os.path.exists(SDN), "OFAC SDN test file not found")
@unittest.skipUnless(has_serve(), "this binary has no serve command")
class CrashTest(unittest.TestCase):
    def test_kill9_keeps_acknowledged_decisions(self):
        with tempfile.TemporaryDirectory() as tmp:
            data = os.path.join(tmp, "data")
            os.makedirs(data)
            snap = os.path.join(tmp, "sdn.snap")
            run("lists", "import", "--quiet", "--out", snap, "ofac_sdn:" + SDN)
            token = run("token", "create", "--role", "analyst", "--user", "alice",
                        "--data", data).stdout.strip().splitlines()[-1]
            # A few parties named as listed entities give open alerts to decide on.
            parties = os.path.join(tmp, "parties.csv")
            with open(parties, "w") as f:
                f.write("id,name\np1,YANTAI IRAY TECHNOLOGY CO LTD\n"
                        "p2,WUHAN GLOBAL SENSOR TECHNOLOGY CO LTD\np3,OOO SERTAL\n")
            run("counterparties", "add", "--in", parties, "--snapshot", snap, "--data", data)

            server = Server(data, snap, free_port())
            server.start()
            try:
                status, body = request(server.port, "GET", "/v1/alerts?status=open", token)
                self.assertEqual(status, 200, body)
                alerts = [a["id"] for a in json.loads(body)["alerts"]]
                self.assertGreater(len(alerts), 0)

                acked = set()
                lock = threading.Lock()
                stop = threading.Event()
                kill_after = 150

                def client(k):
                    i = 0
                    while not stop.is_set():
                        i += 1
                        note = f"c{k}-n{i}"
                        aid = alerts[(k + i) % len(alerts)]
                        decision = "escalate" if i % 2 else "need_more_information"
                        try:
                            status, _ = request(server.port, "POST",
                                                f"/v1/alerts/{aid}/decisions", token,
                                                {"decision": decision, "note": note})
                        except (OSError, http.client.HTTPException):
                            return  # the server is gone
                        if status == 200:
                            with lock:
                                acked.add((aid, note))

                threads = [threading.Thread(target=client, args=(k,)) for k in range(4)]
                for t in threads:
                    t.start()
                deadline = time.time() + 300
                while time.time() < deadline:
                    with lock:
                        if len(acked) >= kill_after:
                            break
                    time.sleep(0.01)
                server.kill9()  # clients are still sending
                stop.set()
                for t in threads:
                    t.join()
                self.assertGreaterEqual(len(acked), kill_after)

                # The store verifies with the server down...
                v = run("audit", "verify", "--json", "--data", data, check=False)
                self.assertEqual(v.returncode, 0, v.stdout + v.stderr)
                self.assertTrue(json.loads(v.stdout)["ok"])

                # ... and after a restart every acknowledged decision is there.
                server.start()
                present = set()
                for aid in alerts:
                    status, body = request(server.port, "GET", f"/v1/alerts/{aid}", token)
                    self.assertEqual(status, 200, body)
                    for d in json.loads(body)["decisions"]:
                        present.add((aid, d["note"]))
                        self.assertEqual(d["user"], "alice")
                missing = acked - present
                self.assertEqual(missing, set(), f"{len(missing)} acknowledged decisions lost")
                status, body = request(server.port, "GET", "/v1/audit/verify", token)
                self.assertEqual(status, 200, body)
                result = json.loads(body)
                self.assertTrue(result["ok"], result)
                self.assertGreaterEqual(result["records"], len(acked))
            finally:
                server.stop()
            v = run("audit", "verify", "--data", data, check=False)
            self.assertEqual(v.returncode, 0, v.stdout + v.stderr)


if __name__ == "__main__":
    unittest.main()
