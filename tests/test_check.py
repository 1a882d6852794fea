"""`chokepoint check` end to end on the bundled shipment sample.

The ground truth is the generator's own manifest (tools/gen_transactions.py
writes it next to the records), never the engine's output: every planted case
must raise the rules the manifest names, and the clean controls must stay
below the documented alert rate (docs/risk.md). The listed entity planted in
Cyrillic is checked against the bundled OFAC SDN file read here with Python's
lzma and csv modules.
"""
import csv
import io
import json
import lzma
import os
import subprocess
import tempfile
import unittest

BIN = os.environ["CHOKEPOINT_BIN"]
SRC = os.environ["CHOKEPOINT_SOURCE_DIR"]
SAMPLE = os.path.join(SRC, "data", "samples", "shipments_sample.csv")
MANIFEST = os.path.join(SRC, "data", "samples", "shipments_sample_manifest.csv")
RULES = os.path.join(SRC, "data", "rules", "default_rules.json")
GEN = os.path.join(SRC, "tools", "gen_transactions.py")
TODAY = "2026-11-29"

# Documented in docs/risk.md (measured: 0 of 164 controls in the sample and
# 16 of 17,909 alerting, 12 not clear, on a 20,000-row run with seed 7).
MAX_CONTROL_ALERT_RATE = 0.01
MAX_CONTROL_NOT_CLEAR_RATE = 0.01


def run(*args):
    return subprocess.run([BIN, *args], capture_output=True, text=True)


def check_json(*args):
    p = run("check", *args, "--json", "--quiet", "--today", TODAY)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout), p.stderr


def read_manifest(path):
    with open(path, encoding="utf-8", newline="") as f:
        return {r["ref"]: r for r in csv.DictReader(f)}


class SampleTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.out, cls.stderr = check_json("--shipments", SAMPLE)
        cls.items = {it["ref"]: it for it in cls.out["items"]}
        cls.manifest = read_manifest(MANIFEST)

    def test_contract(self):
        self.assertIn("lists_version", self.out)
        with open(RULES, encoding="utf-8") as f:
            self.assertEqual(self.out["rules_version"], json.load(f)["version"])
        self.assertEqual(len(self.out["items"]), len(self.manifest))
        for it in self.out["items"]:
            self.assertIn(it["decision"], {"clear", "review", "block", "cannot_clear"})
            self.assertTrue(0 <= it["risk"] <= 100)
            for a in it["alerts"]:
                self.assertTrue(a["rule"] and a["source"])
                self.assertIsInstance(a["evidence"], dict)
                self.assertTrue(a["evidence"])

    def test_every_planted_case_is_found(self):
        planted = [m for m in self.manifest.values() if m["expected_rules"]]
        self.assertGreaterEqual(len(planted), 10)
        cases = {m["case"] for m in planted}
        for needed in ["listed_consignee_cyrillic", "fpga_via_kyrgyzstan_new_company",
                       "lc_consigned_to_bank", "part_number_only"]:
            self.assertIn(needed, cases)
        for m in planted:
            it = self.items[m["ref"]]
            rules = {a["rule"] for a in it["alerts"]}
            for rule in m["expected_rules"].split(";"):
                self.assertIn(rule, rules, (m["case"], m["ref"], sorted(rules)))
            if m["expected_decision"]:
                self.assertEqual(it["assessed"], m["expected_decision"], m["case"])

    def test_cyrillic_consignee_is_the_listed_entity(self):
        m = next(m for m in self.manifest.values() if m["case"] == "listed_consignee_cyrillic")
        entity = m["note"].split()[0]  # "us_ofac_sdn:37524"
        source, uid = entity.split(":")
        # The entity is in the bundled SDN file, with a Russia program.
        path = os.path.join(SRC, "data", "lists", "us_ofac_sdn_2024-05-03.csv.xz")
        with lzma.open(path, "rt", encoding="utf-8", errors="replace", newline="") as f:
            row = next(r for r in csv.reader(f) if r and r[0].strip() == uid)
        self.assertIn("RADIOZAVOD", row[1])
        self.assertIn("RUSSIA-EO14024", row[3])
        it = self.items[m["ref"]]
        consignee = None
        with open(SAMPLE, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                if r["ref"] == m["ref"]:
                    consignee = r["consignee"]
        self.assertTrue(any("\u0400" <= ch <= "\u04ff" for ch in consignee))
        hits = [a for a in it["alerts"] if a["rule"] == "LIST-MATCH"
                and a["evidence"].get("hit.entity") == entity]
        self.assertTrue(hits, it["alerts"])
        self.assertEqual(it["decision"], "block")

    def test_part_number_only_is_classified(self):
        m = next(m for m in self.manifest.values() if m["case"] == "part_number_only")
        it = self.items[m["ref"]]
        chpl = [a for a in it["alerts"] if a["rule"] == "GOODS-CHPL"]
        self.assertTrue(chpl)
        ev = chpl[0]["evidence"]
        self.assertEqual(ev.get("goods[0].hs6"), "854239")
        self.assertEqual(ev.get("goods[0].described_by"), "part number only")

    def test_controls_stay_quiet(self):
        controls = [m["ref"] for m in self.manifest.values() if m["case"] == "control"]
        self.assertGreater(len(controls), 100)
        alerting = [r for r in controls if self.items[r]["alerts"]]
        not_clear = [r for r in controls if self.items[r]["assessed"] != "clear"]
        self.assertLessEqual(len(alerting) / len(controls), MAX_CONTROL_ALERT_RATE, alerting)
        self.assertLessEqual(len(not_clear) / len(controls), MAX_CONTROL_NOT_CLEAR_RATE, not_clear)

    def test_old_lists_never_clear(self):
        # The embedded lists are older than the default 7 days on TODAY.
        self.assertTrue(self.out["lists_stale"])
        self.assertIn("--max-list-age", self.stderr)
        for it in self.out["items"]:
            self.assertNotEqual(it["decision"], "clear")
            if it["assessed"] == "block":
                self.assertEqual(it["decision"], "block")
            else:
                self.assertEqual(it["decision"], "cannot_clear")
        fresh, _ = check_json("--shipments", SAMPLE, "--max-list-age", "3650")
        self.assertFalse(fresh["lists_stale"])
        for it in fresh["items"]:
            self.assertEqual(it["decision"], it["assessed"])
        self.assertTrue(any(it["decision"] == "clear" for it in fresh["items"]))


class HistoryFileTest(unittest.TestCase):
    def test_history_file_feeds_the_history_rules(self):
        manifest = read_manifest(MANIFEST)
        first = next(m["ref"] for m in manifest.values() if m["case"] == "first_chpl")
        with open(SAMPLE, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        # The customer's pre-2022 rows: same consignee, dated before the cutoff.
        target = next(r for r in rows if r["ref"] == first)
        hist = [r for r in rows if r["consignee"] == target["consignee"] and r["date"] < "2022-02-24"]
        self.assertTrue(hist)
        with tempfile.TemporaryDirectory() as d:
            def write(name, rs):
                path = os.path.join(d, name)
                with open(path, "w", encoding="utf-8", newline="") as f:
                    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
                    w.writeheader()
                    w.writerows(rs)
                return path
            main, history = write("main.csv", [target]), write("history.csv", hist)
            alone, _ = check_json("--shipments", main)
            self.assertNotIn("RF-FIRST-CHPL", {a["rule"] for a in alone["items"][0]["alerts"]})
            withh, _ = check_json("--shipments", main, "--history", history)
            self.assertEqual(len(withh["items"]), 1)
            self.assertIn("RF-FIRST-CHPL", {a["rule"] for a in withh["items"][0]["alerts"]})


class MessageSamplesTest(unittest.TestCase):
    def check_sample(self, option, name):
        out, _ = check_json(option, os.path.join(SRC, "data", "samples", name + ".txt"))
        items = {it["ref"]: it for it in out["items"]}
        manifest = read_manifest(os.path.join(SRC, "data", "samples", name + "_manifest.csv"))
        self.assertEqual(set(items), set(manifest))
        for ref, m in manifest.items():
            rules = {a["rule"] for a in items[ref]["alerts"]}
            if m["case"] == "control":
                self.assertEqual(rules, set(), ref)
            for rule in filter(None, m["expected_rules"].split(";")):
                self.assertIn(rule, rules, (ref, m["case"]))
            if m["note"].startswith("us_ofac_sdn:"):
                entity = m["note"].split()[0]
                self.assertTrue(any(a["evidence"].get("hit.entity") == entity for a in items[ref]["alerts"]))
        return manifest

    def test_mt700_letters_of_credit(self):
        manifest = self.check_sample("--mt700", "lcs_sample")
        self.assertTrue(any("RF-LC-ISSUING-BANK" in m["expected_rules"] for m in manifest.values()))

    def test_mt103_payments(self):
        manifest = self.check_sample("--mt103", "payments_sample")
        self.assertTrue(any(m["case"] == "listed_beneficiary_cyrillic" for m in manifest.values()))

    def test_mt103_beneficiary_name_cut_by_its_35_character_line(self):
        # A listed name longer than the name line, cut there inside a word as
        # an MT103 carries it, the rest on the next line before the address:
        # the reader joins the two lines into the name.
        uid = "16886"
        path = os.path.join(SRC, "data", "lists", "us_ofac_sdn_2024-05-03.csv.xz")
        with lzma.open(path, "rt", encoding="utf-8", errors="replace", newline="") as f:
            name = next(r for r in csv.reader(f) if r and r[0].strip() == uid)[1].strip()
        line, rest = name[:35], name[35:]
        self.assertTrue(line[-1].isalpha() and rest[:1].isalpha(), name)  # cut inside a word
        msg = (":20:CUT-35\n:32A:260305USD2500,00\n:50K:PACIFIC PARTS LTD\nWAN CHAI, HONG KONG\n"
               ":59:/AE070331234567890123456\n%s\n%s\nSAINT PETERSBURG, RU\n:70:SPARE PARTS\n"
               % (line, rest.strip()))
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "cut.fin")
            with open(path, "w", encoding="utf-8") as f:
                f.write(msg)
            out, _ = check_json("--mt103", path)
        alerts = out["items"][0]["alerts"]
        hits = [a for a in alerts if a["rule"] == "LIST-MATCH"
                and a["evidence"].get("hit.entity") == "us_ofac_sdn:" + uid]
        self.assertTrue(hits, alerts)
        self.assertEqual(hits[0]["evidence"]["creditor.name"], line + " " + rest.strip())


class GeneratorTest(unittest.TestCase):
    def test_sample_is_reproducible(self):
        with tempfile.TemporaryDirectory() as d:
            out, man = os.path.join(d, "s.csv"), os.path.join(d, "m.csv")
            lc, lcm = os.path.join(d, "lc.txt"), os.path.join(d, "lcm.csv")
            pay, paym = os.path.join(d, "pay.txt"), os.path.join(d, "paym.csv")
            subprocess.run(["python3", GEN, "--rows", "200", "--out", out, "--manifest", man,
                            "--mt700", lc, "--mt700-manifest", lcm, "--mt103", pay,
                            "--mt103-manifest", paym], check=True)
            for mine, bundled in [(lc, "lcs_sample.txt"), (lcm, "lcs_sample_manifest.csv"),
                                  (pay, "payments_sample.txt"), (paym, "payments_sample_manifest.csv")]:
                with open(mine, "rb") as a, open(os.path.join(SRC, "data", "samples", bundled), "rb") as b:
                    self.assertEqual(a.read(), b.read(), bundled)
            with open(out, "rb") as a, open(SAMPLE, "rb") as b:
                self.assertEqual(a.read(), b.read())
            with open(man, "rb") as a, open(MANIFEST, "rb") as b:
                self.assertEqual(a.read(), b.read())


class RulesFileTest(unittest.TestCase):
    def setUp(self):
        with open(RULES, encoding="utf-8") as f:
            self.rules = json.load(f)

    def write(self, d, obj):
        path = os.path.join(d, "rules.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(obj if isinstance(obj, str) else json.dumps(obj))
        return path

    def test_rules_file_facts(self):
        self.assertTrue(self.rules["version"])
        gecc = self.rules["countries"]["gecc"]["codes"]
        self.assertEqual(len(set(gecc)), 39)  # FIN-2023-Alert004 footnote 6
        fn21 = "AM BR CN GE IN IL KZ KG MX NI RS SG ZA TW TJ TR AE UZ".split()
        self.assertTrue(set(fn21) <= set(self.rules["countries"]["transshipment"]["codes"]))
        for r in self.rules["rules"]:
            for key in ["id", "title", "source", "severity", "enabled"]:
                self.assertIn(key, r)

    def test_edited_copy_is_used(self):
        with tempfile.TemporaryDirectory() as d:
            rules = json.loads(json.dumps(self.rules))
            rules["version"] = "my-edit-1"
            for r in rules["rules"]:
                if r["id"] == "RF-FREEMAIL":
                    r["enabled"] = False
            out, _ = check_json("--shipments", SAMPLE, "--rules", self.write(d, rules))
            self.assertEqual(out["rules_version"], "my-edit-1")
            rules_seen = {a["rule"] for it in out["items"] for a in it["alerts"]}
            self.assertNotIn("RF-FREEMAIL", rules_seen)
            default, _ = check_json("--shipments", SAMPLE)
            self.assertIn("RF-FREEMAIL", {a["rule"] for it in default["items"] for a in it["alerts"]})

    def test_malformed_rules_name_the_rule_and_field(self):
        with tempfile.TemporaryDirectory() as d:
            rules = json.loads(json.dumps(self.rules))
            for r in rules["rules"]:
                if r["id"] == "RF-PHONE-COUNTRY":
                    r["severity"] = "high"
            p = run("check", "--shipments", SAMPLE, "--rules", self.write(d, rules), "--quiet")
            self.assertEqual(p.returncode, 1)
            self.assertIn("RF-PHONE-COUNTRY", p.stderr)
            self.assertIn("severity", p.stderr)
            p = run("check", "--shipments", SAMPLE, "--rules", self.write(d, "{\"version\": 1,"), "--quiet")
            self.assertEqual(p.returncode, 1)
            self.assertIn("JSON", p.stderr)


class TextOutputTest(unittest.TestCase):
    def test_text_table_with_reasons(self):
        p = run("check", "--shipments", SAMPLE, "--today", TODAY, "--quiet", "--top", "5")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("cannot_clear", p.stdout)
        self.assertIn("--max-list-age", p.stdout)
        self.assertIn("LIST-MATCH", p.stdout)
        self.assertIn("block", p.stdout)

    def test_usage_errors(self):
        self.assertEqual(run("check").returncode, 2)
        self.assertEqual(run("check", "--shipments", SAMPLE, "--mt103", SAMPLE).returncode, 2)
        self.assertEqual(run("check", "--shipments", SAMPLE, "--max-list-age", "x").returncode, 2)


if __name__ == "__main__":
    unittest.main()
