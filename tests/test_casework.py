"""Black-box tests of the casework commands: counterparties, delta re-screening
against the two dated OFAC SDN files, decisions with four-eyes review, and
audit-chain verification (including tampering with the SQLite file).

Expected re-screening alerts are computed here from the SDN CSV files
themselves: parties named exactly as listed entities that are new in the
later file, or whose record changed, must alert; those whose record is the
same must not.
"""

import csv
import io
import json
import os
import sqlite3
import subprocess
import tempfile
import unittest

BIN = os.environ.get("CHOKEPOINT_BIN", "chokepoint")
SHARED = os.environ.get("CHOKEPOINT_SHARED_DIR",
                        os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
OFAC = os.path.join(SHARED, "data", "sanctions", "ofac")
OLD_CSV = os.path.join(OFAC, "sdn_2022-02-03.csv")
NEW_CSV = os.path.join(OFAC, "sdn_2024-05-03.csv")


def run(*args, check=True):
    p = subprocess.run([BIN, *args], capture_output=True, text=True)
    if check and p.returncode != 0:
        raise AssertionError(f"{args} exited {p.returncode}: {p.stderr}")
    return p


def sdn_rows(path):
    """ent_num -> row (fields stripped, '-0-' as empty) of an OFAC legacy CSV."""
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        text = f.read().replace("\x1a", "")
    rows = {}
    for rec in csv.reader(io.StringIO(text)):
        if not rec or not rec[0].strip().isdigit():
            continue
        rows[rec[0].strip()] = [("" if v.strip() == "-0-" else " ".join(v.split())) for v in rec]
    return rows


def programs(field):
    return [p.strip("[] ") for p in field.split("] [")] if field else []


@unittest.skipUnless(os.path.exists(OLD_CSV) and os.path.exists(NEW_CSV),
                     "OFAC SDN test files not found")
class CaseworkCliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.old_snap = os.path.join(cls.tmp.name, "old.snap")
        cls.new_snap = os.path.join(cls.tmp.name, "new.snap")
        run("lists", "import", "--quiet", "--out", cls.old_snap, "ofac_sdn:" + OLD_CSV)
        run("lists", "import", "--quiet", "--out", cls.new_snap, "ofac_sdn:" + NEW_CSV)
        old, new = sdn_rows(OLD_CSV), sdn_rows(NEW_CSV)
        # Names that occur once across both files, so that a party named so
        # has exactly one exact counterpart.
        count = {}
        for rows in (old, new):
            for ent, r in rows.items():
                count.setdefault(r[1].lower(), set()).add(ent)
        unique = {ent for ents in count.values() if len(ents) == 1 for ent in ents}

        def pick(ids, n):
            ids = sorted((e for e in ids if e in unique and len(new.get(e, old.get(e))[1].split()) >= 2),
                         key=int)
            step = max(1, len(ids) // n)
            return ids[::step][:n]

        added = set(new) - set(old)
        same = {e for e in set(new) & set(old) if new[e] == old[e]}
        changed = {e for e in set(new) & set(old) if new[e] != old[e] and new[e][1] == old[e][1]}
        cls.added = pick(added, 12)
        cls.same = pick(same, 12)
        cls.changed = pick(changed, 8)
        cls.old_rows, cls.new_rows = old, new
        cls.party_of = {}
        lines = ["id,name"]
        for kind, ids in (("a", cls.added), ("s", cls.same), ("c", cls.changed)):
            for e in ids:
                party = f"{kind}-{e}"
                cls.party_of[e] = party
                name = (new.get(e) or old.get(e))[1]
                lines.append(party + ',"' + name.replace('"', '""') + '"')
        cls.csv = os.path.join(cls.tmp.name, "parties.csv")
        with open(cls.csv, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def db(self, name):
        return os.path.join(self.tmp.name, name)

    def setup_store(self, name):
        db = self.db(name)
        out = json.loads(run("counterparties", "add", "--in", self.csv, "--snapshot",
                             self.old_snap, "--user", "loader", "--json", "--db", db).stdout)
        self.assertEqual(out["counterparties"], len(self.party_of))
        return db

    def test_delta_rescreen_alerts_only_new_or_changed(self):
        self.assertGreater(len(self.added), 5)
        self.assertGreater(len(self.same), 5)
        db = self.setup_store("delta.sqlite")
        before = json.loads(run("cases", "list", "--status", "all", "--json", "--limit", "100000",
                                "--db", db).stdout)
        report = json.loads(run("rescreen", "--snapshot", self.new_snap, "--previous",
                                self.old_snap, "--user", "nightly", "--json", "--db", db).stdout)
        self.assertEqual(report["parties"], len(self.party_of))
        changes = {(c["party"], c["entity_id"].split(":", 1)[1]): c for c in report["changes"]}
        for e in self.added:
            c = changes.get((self.party_of[e], e))
            self.assertIsNotNone(c, f"new SDN entry {e} {self.new_rows[e][1]} not reported")
            self.assertEqual(c["kind"], "new_hit")
            for p in programs(self.new_rows[e][3]):
                self.assertIn("added to " + p, c["reason"])
            self.assertIsNotNone(c["alert_id"])
        for e in self.changed:
            c = changes.get((self.party_of[e], e))
            self.assertIsNotNone(c, f"changed SDN entry {e} not reported")
            self.assertIn(c["kind"], ("entity_changed", "higher_band"))
            new_progs = set(programs(self.new_rows[e][3])) - set(programs(self.old_rows[e][3]))
            for p in new_progs:
                self.assertIn("added to " + p, c["reason"])
        for e in self.same:
            self.assertNotIn((self.party_of[e], e), changes,
                             f"unchanged SDN entry {e} re-alerted")
        # The alert queue grew by exactly the alerts the report names.
        after = json.loads(run("cases", "list", "--status", "all", "--json", "--limit", "100000",
                               "--db", db).stdout)
        raised = {c["alert_id"] for c in report["changes"] if c["alert_id"]}
        old_ids = {a["id"] for a in before["alerts"]}
        new_ids = {a["id"] for a in after["alerts"]} - old_ids
        self.assertEqual(new_ids, raised)
        expected_pairs = {(self.party_of[e], e) for e in self.added + self.changed}
        got_pairs = {(a["party"], a["entity_id"].split(":", 1)[1]) for a in after["alerts"]
                     if a["id"] in new_ids}
        self.assertTrue(expected_pairs <= got_pairs, expected_pairs - got_pairs)
        # Running it again changes nothing.
        again = json.loads(run("rescreen", "--snapshot", self.new_snap, "--json",
                               "--db", db).stdout)
        self.assertEqual(again["changes"], [])
        v = json.loads(run("audit", "verify", "--json", "--db", db).stdout)
        self.assertTrue(v["ok"], v)
        # counterparty records + baseline screenings + two rescreen runs
        n = len(self.party_of)
        self.assertEqual(v["records"], n + n + (n + 1) + (n + 1))

    def test_decisions_four_eyes_and_tampering(self):
        db = self.setup_store("decide.sqlite")
        alerts = json.loads(run("cases", "list", "--json", "--db", db).stdout)["alerts"]
        strong = next(a for a in alerts if a["score"] >= 0.95)
        weak = [a for a in alerts if a["score"] < 0.90]
        aid = str(strong["id"])
        out = json.loads(run("cases", "decide", aid, "--decision", "false_positive", "--note",
                             "different person", "--user", "alice", "--json", "--db", db).stdout)
        self.assertEqual(out["status"], "pending_second_review")
        p = run("cases", "decide", aid, "--decision", "false_positive", "--user", "alice",
                "--role", "reviewer", "--db", db, check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("different user", p.stderr)
        p = run("cases", "decide", aid, "--decision", "false_positive", "--user", "bob",
                "--db", db, check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("reviewer", p.stderr)
        out = json.loads(run("cases", "decide", aid, "--decision", "false_positive", "--user",
                             "carol", "--role", "reviewer", "--json", "--db", db).stdout)
        self.assertEqual(out["status"], "closed")
        if weak:
            out = json.loads(run("cases", "decide", str(weak[0]["id"]), "--decision",
                                 "false_positive", "--user", "alice", "--json", "--db",
                                 db).stdout)
            self.assertEqual(out["status"], "closed")
        p = run("cases", "decide", aid, "--decision", "maybe", "--db", db, check=False)
        self.assertEqual(p.returncode, 2)
        shown = json.loads(run("cases", "show", aid, "--json", "--db", db).stdout)
        self.assertEqual(shown["alert"]["status"], "closed")
        self.assertEqual(shown["alert"]["resolution"], "false_positive")
        self.assertEqual([d["user"] for d in shown["decisions"]], ["alice", "carol"])
        self.assertEqual(shown["decisions"][0]["note"], "different person")
        self.assertEqual(run("audit", "verify", "--db", db).returncode, 0)

        # Edit the first decision's note behind the store's back.
        first_seq = shown["decisions"][0]["audit_seq"]
        con = sqlite3.connect(db)
        con.execute("UPDATE decisions SET note = 'nothing to see' WHERE audit_seq = ?",
                    (first_seq,))
        con.commit()
        p = run("audit", "verify", "--json", "--db", db, check=False)
        self.assertEqual(p.returncode, 1)
        v = json.loads(p.stdout)
        self.assertFalse(v["ok"])
        self.assertEqual(v["first_bad"], first_seq)
        con.execute("UPDATE decisions SET note = 'different person' WHERE audit_seq = ?",
                    (first_seq,))
        con.commit()
        self.assertEqual(run("audit", "verify", "--db", db).returncode, 0)

        # Delete an early audit record.
        con.execute("DELETE FROM audit_log WHERE seq = 3")
        con.commit()
        con.close()
        p = run("audit", "verify", "--json", "--db", db, check=False)
        self.assertEqual(p.returncode, 1)
        self.assertEqual(json.loads(p.stdout)["first_bad"], 3)

    def test_data_dir_default_and_allowlist(self):
        data = self.db("datadir")
        run("counterparties", "add", "--in", self.csv, "--snapshot", self.old_snap,
            "--no-screen", "--data", data)
        self.assertTrue(os.path.exists(os.path.join(data, "casework.sqlite")))
        listed = json.loads(run("counterparties", "list", "--json", "--data", data).stdout)
        self.assertEqual({c["party"] for c in listed}, set(self.party_of.values()))
        # Allow-list one unchanged pair before the first screening: it is silenced.
        e = self.same[0]
        run("allowlist", "add", "--party", self.party_of[e], "--entity", "us_ofac_sdn:" + e,
            "--snapshot", self.new_snap, "--user", "carol", "--data", data)
        report = json.loads(run("rescreen", "--snapshot", self.new_snap, "--json",
                                "--data", data).stdout)
        pairs = {(c["party"], c["entity_id"]): c for c in report["changes"]}
        c = pairs.get((self.party_of[e], "us_ofac_sdn:" + e))
        self.assertIsNotNone(c)
        self.assertIsNone(c["alert_id"])
        self.assertGreaterEqual(report["suppressed"], 1)
        self.assertEqual(run("audit", "verify", "--data", data).returncode, 0)


if __name__ == "__main__":
    unittest.main()
