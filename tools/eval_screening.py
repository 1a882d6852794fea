#!/usr/bin/env python3
"""Measures screening accuracy on public labelled data and writes docs/accuracy.md.

Run through scripts/eval-screening (which builds the CLI first). Python 3
standard library only. Every expected answer is derived here, independently
of the engine, from the source files (csv, xml.etree, lzma); the engine is
only ever asked through the CLI (`compare --pairs`, batch `screen --in`).

Sections (threshold 0.70 unless stated; see docs/accuracy.md for the method):
  1. nomenklatura name_bench: precision, recall, F1 of `compare`.
  2. yente UN positives (clean and perturbed): recall@5 of `screen` against
     a snapshot of the UN list.
  3. yente synthetic negatives: false-positive rate against the UN list and
     against all bundled lists.
  4. Cross-script: watchman pairs; Wikidata transliteration pairs per script.
  5. Hard cases from the lists: Cyrillic names from the UK OFSI list against
     OFAC SDN (truth joined on passport numbers or date of birth and the
     romanised name); Chinese and Korean aliases in the EU annexes against
     their Latin names; Latin aliases of one person on the UK list against
     each other (Ukrainian against Russian-based spellings); names of one
     organisation named after a person against each other.
"""

import argparse
import collections
import csv
import datetime
import io
import json
import lzma
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
import xml.etree.ElementTree as ET

THRESHOLD = 0.70
PR_THRESHOLDS = [0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95]
SCRIPTS = ["russian", "chinese", "arabic", "hebrew", "korean", "katakana"]
REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
csv.field_size_limit(1 << 24)


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def fmt(x, digits=3):
    return "n/a" if x is None else ("%.*f" % (digits, x))


def pct(x, digits=1):
    return "n/a" if x is None else ("%.*f%%" % (digits, 100 * x))


def ratio(a, b):
    return a / b if b else None


def collapse(s):
    return " ".join((s or "").split())


def at_threshold(score):
    """A compared pair or a screened hit counts at the threshold."""
    return score is not None and score >= THRESHOLD


def top_hits(hits):
    """Screened hits as a report cell: "id name (score); ..." or "(no hit)"."""
    return "; ".join("%s %s (%s)" % (h[1], h[3], fmt(h[2])) for h in hits) or "(no hit)"


def screen_for_ids(cli, snapshot, names, ids, source, sources=()):
    """Screens `names` (top 5 at the threshold): (hits per name, whether each
    name's expected `source` entry `ids[i]` is among them)."""
    hits, _ = cli.screen_batch(snapshot, [{"name": n} for n in names], 5, sources=sources)
    return hits, [any(h[0] == source and h[1] == i for h in hs) for i, hs in zip(ids, hits)]


def company_pairs_with_control(cli, pairs, control):
    """Compares `pairs` and `control` as Company: (scores of pairs, misses
    with their scores, recall, false-match rate of the control)."""
    scores, _ = cli.compare_pairs([(a, b, "Company") for a, b in pairs + control])
    pos, neg = scores[:len(pairs)], scores[len(pairs):]
    misses = [[a, b, fmt(s)] for (a, b), s in zip(pairs, pos) if not at_threshold(s)]
    return (pos, misses, ratio(sum(1 for s in pos if at_threshold(s)), len(pos)),
            ratio(sum(1 for s in neg if at_threshold(s)), len(neg)))


# --- the CLI ------------------------------------------------------------------


class Cli:
    """Runs the chokepoint binary; every call goes through files in `work`."""

    def __init__(self, binary, work, threads):
        self.bin = binary
        self.work = work
        self.threads = threads
        self.counter = 0

    def run(self, args):
        t0 = time.time()
        p = subprocess.run([self.bin] + args, capture_output=True)
        if p.returncode != 0:
            raise RuntimeError("chokepoint %s failed (%d):\n%s" % (
                " ".join(args[:3]), p.returncode, p.stderr.decode("utf-8", "replace")[-3000:]))
        return p.stdout.decode("utf-8"), time.time() - t0

    def path(self, stem):
        self.counter += 1
        return os.path.join(self.work, "%03d_%s" % (self.counter, stem))

    def import_snapshot(self, name, specs):
        out = os.path.join(self.work, name + ".snap")
        self.run(["lists", "import", "--quiet", "--out", out, "--created",
                  "2026-01-01T00:00:00Z"] + specs)
        info = json.loads(self.run(["lists", "info", "--json", "--snapshot", out])[0])
        return out, info

    def compare_pairs(self, pairs):
        """pairs: list of (name1, name2, schema) -> list of score (float or None)."""
        src, out = self.path("pairs.csv"), self.path("pairs_scored.csv")
        with open(src, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["pair_id", "name1", "name2", "schema"])
            for i, (a, b, schema) in enumerate(pairs):
                w.writerow([i, a, b, schema or ""])
        _, secs = self.run(["compare", "--pairs", src, "--out", out, "--threshold", str(THRESHOLD),
                            "--threads", str(self.threads), "--quiet"])
        scores = [None] * len(pairs)
        with open(out, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                scores[int(row["pair_id"])] = float(row["score"]) if row["score"] else None
        return scores, secs

    def screen_batch(self, snapshot, rows, limit, threshold=THRESHOLD, columns=(), sources=()):
        """rows: list of dicts with 'name' (+ optional schema, country, dob).

        Returns (hits per row: list of (source, source_id, score, matched_name)), seconds).
        """
        src, out = self.path("parties.csv"), self.path("hits.csv")
        fields = ["row_id", "name", "schema", "country", "dob"]
        with open(src, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(fields)
            for i, r in enumerate(rows):
                w.writerow([i, r.get("name", ""), r.get("schema", ""), r.get("country", ""),
                            r.get("dob", "")])
        args = ["screen", "--snapshot", snapshot, "--in", src, "--name-column", "name",
                "--out", out, "--limit", str(limit), "--threshold", str(threshold),
                "--threads", str(self.threads), "--quiet"]
        for c in columns:
            args += ["--%s-column" % c, c]
        for s in sources:
            args += ["--source", s]
        _, secs = self.run(args)
        hits = [[] for _ in rows]
        with open(out, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["source_id"]:
                    hits[int(row["row_id"])].append(
                        (row["source"], row["source_id"], float(row["score"]), row["matched_name"]))
        return hits, secs


# --- the report -----------------------------------------------------------------


class Report:
    def __init__(self):
        self.summary = []  # (section, measure, value text, goal text, met: True/False/None)
        self.sections = []  # markdown blocks

    def measure(self, section, name, value, goal=None, met=None, as_pct=False):
        text = pct(value, 2) if as_pct else fmt(value)
        self.summary.append((section, name, text, goal or "", met))

    def add(self, markdown):
        self.sections.append(markdown.rstrip() + "\n")


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for r in rows:
        out.append("| " + " | ".join(str(c).replace("|", "\\|") for c in r) + " |")
    return "\n".join(out) + "\n"


def prf(labels, scores, threshold):
    tp = sum(1 for y, s in zip(labels, scores) if y and s is not None and s >= threshold)
    fp = sum(1 for y, s in zip(labels, scores) if not y and s is not None and s >= threshold)
    fn = sum(1 for y, s in zip(labels, scores) if y and (s is None or s < threshold))
    p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
    f1 = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return p, r, f1, tp, fp, fn


# --- 1. nomenklatura name_bench -------------------------------------------------------


def eval_name_bench(cli, data, rep):
    path = os.path.join(data, "matching", "nomenklatura_name_bench_cases.csv")
    rows = list(csv.DictReader(open(path, newline="", encoding="utf-8")))
    labels = [r["is_match"].strip().lower() == "true" for r in rows]
    scores, secs = cli.compare_pairs([(r["name1"], r["name2"], r["schema"]) for r in rows])
    p, r, f1, tp, fp, fn = prf(labels, scores, THRESHOLD)
    sec = "name_bench"
    rep.measure(sec, "F1 at 0.70 (baseline OpenSanctions logic-v2: 0.79)", f1, ">= 0.92",
                f1 is not None and f1 >= 0.92)
    rep.measure(sec, "precision at 0.70 (baseline 0.76)", p)
    rep.measure(sec, "recall at 0.70 (baseline 0.82)", r)
    groups = sorted(set(x["case_group"] for x in rows))
    group_rows = []
    for g in groups:
        idx = [i for i, x in enumerate(rows) if x["case_group"] == g]
        gp, gr, gf, gtp, gfp, gfn = prf([labels[i] for i in idx], [scores[i] for i in idx],
                                        THRESHOLD)
        group_rows.append([g, len(idx), sum(labels[i] for i in idx), fmt(gp), fmt(gr), fmt(gf),
                           gfp, gfn])
    pr_rows = []
    for t in PR_THRESHOLDS:
        tp_, tr_, tf_, *_ = prf(labels, scores, t)
        pr_rows.append(["%.2f" % t, fmt(tp_), fmt(tr_), fmt(tf_)])
    errors = []
    for x, y, s in zip(rows, labels, scores):
        wrong = (y and (s is None or s < THRESHOLD)) or (not y and s is not None and s >= THRESHOLD)
        if wrong:
            errors.append((abs((s or 0) - THRESHOLD), x, y, s))
    errors.sort(key=lambda e: -e[0])
    err_rows = [[e[1]["case_group"], e[1]["schema"], e[1]["name1"], e[1]["name2"],
                 "match" if e[2] else "no match", fmt(e[3])] for e in errors[:25]]
    rep.add(f"""## 1. nomenklatura name_bench

`{os.path.relpath(path, data)}`: {len(rows)} labelled name pairs ({sum(labels)} matches),
scored with `chokepoint compare --pairs` (schema from the file) in {secs:.1f} s.
A pair counts as a predicted match when its score is >= 0.70.
OpenSanctions' logic-v2 scores F1 0.79 (P 0.76, R 0.82) at 0.70 on the full benchmark
(826 cases; {len(rows)} of them are here, the rest are kept aside for evaluation).

At 0.70: precision **{fmt(p)}**, recall **{fmt(r)}**, F1 **{fmt(f1)}** (TP {tp}, FP {fp}, FN {fn}).

Per case group at 0.70:

{table(["case_group", "pairs", "matches", "precision", "recall", "F1", "FP", "FN"], group_rows)}
Precision and recall by threshold:

{table(["threshold", "precision", "recall", "F1"], pr_rows)}
The {len(err_rows)} errors farthest from the threshold (of {len(errors)}):

{table(["group", "schema", "name1", "name2", "label", "score"], err_rows)}""")


# --- 2./3. yente UN positives and negatives ---------------------------------------------------


def un_primary_names(xml_path):
    """Maps each UN record's primary name (and, separately, its aliases) to reference numbers."""
    root = ET.parse(xml_path).getroot()
    primary, alias = {}, {}
    for tag in ("INDIVIDUAL", "ENTITY"):
        for node in root.iter(tag):
            ref = (node.findtext("REFERENCE_NUMBER") or "").strip()
            name = collapse(" ".join((node.findtext(t) or "") for t in
                                     ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")))
            if ref and name:
                primary.setdefault(name.casefold(), set()).add(ref)
            for a in node.iter(tag + "_ALIAS"):
                an = collapse(a.findtext("ALIAS_NAME"))
                if ref and an:
                    alias.setdefault(an.casefold(), set()).add(ref)
    return primary, alias


def eval_un_positives(cli, data, rep, un_snap):
    xml_path = os.path.join(data, "sanctions", "un", "UN_consolidated_2026-02.xml")
    primary, alias = un_primary_names(xml_path)
    clean = list(csv.DictReader(open(os.path.join(data, "matching",
                                                  "yente_positives_un_untreated.csv"), encoding="utf-8")))
    treated = list(csv.DictReader(open(os.path.join(data, "matching",
                                                    "yente_positives_un_treated.csv"), encoding="utf-8")))
    assert len(clean) == len(treated), "the positives files must be row-aligned"
    expected, by_alias, unresolved = [], 0, []
    for r in clean:
        key = collapse(r["full_name"]).casefold()
        refs = primary.get(key, set())
        if len(refs) != 1 and len(alias.get(key, set())) == 1:
            refs, by_alias = alias[key], by_alias + 1
        if len(refs) == 1:
            expected.append(next(iter(refs)))
        else:
            expected.append(None)
            unresolved.append(r["full_name"])
    idx = [i for i, e in enumerate(expected) if e]
    sec = "UN positives"
    results, misses = [], {}
    for label, rows in (("clean", clean), ("treated", treated)):
        queries = [{"name": rows[i]["full_name"], "dob": rows[i]["date_of_birth"],
                    "country": rows[i]["nationality"]} for i in idx]
        runs = [("name only, score >= 0.70", THRESHOLD, ()),
                ("name only, any score (candidate recall)", 0.0, ()),
                ("name + date of birth + nationality, score >= 0.70", THRESHOLD, ("dob", "country"))]
        for run_label, thr, cols in runs:
            hits, secs = cli.screen_batch(un_snap, queries, 5, thr, cols)
            found = [any(h[0] == "un_sc" and h[1] == expected[i] for h in hs)
                     for i, hs in zip(idx, hits)]
            top1 = [bool(hs) and hs[0][1] == expected[i] for i, hs in zip(idx, hits)]
            recall = ratio(sum(found), len(found))
            results.append([label, run_label, len(found), sum(found), fmt(recall), fmt(ratio(sum(top1), len(top1))), "%.1f" % secs])
            if thr == THRESHOLD and not cols:
                rep.measure(sec, "recall@5 %s (name only)" % label, recall, ">= 0.98",
                            recall is not None and recall >= 0.98)
                misses[label] = [(queries[k]["name"], expected[i], hits[k][:2])
                                 for k, i in enumerate(idx) if not found[k]]
    miss_rows = []
    for label in ("clean", "treated"):
        for name, ref, hs in misses.get(label, [])[:15]:
            miss_rows.append([label, name, ref, top_hits(hs)])
    rep.add(f"""## 2. yente UN positives: recall@5

The yente candidate-generation fixtures: {len(clean)} rows of UN-listed names
(`yente_positives_un_untreated.csv`) and the same rows perturbed
(`yente_positives_un_treated.csv`: typos, swapped or dropped tokens, reordering).
Each row's expected entity is found independently: the UN record whose primary name
(FIRST_NAME..FOURTH_NAME from `sanctions/un/UN_consolidated_2026-02.xml`, read with
`xml.etree`) equals the clean row's `full_name` (case and white space folded), or failing
that the one whose alias does ({by_alias} rows). {len(idx)} rows resolve to exactly one
record; {len(unresolved)} do not and are left out ({", ".join(unresolved[:5])}).
All rows of a file are screened in one batch (`screen --in ... --limit 5`) against a
snapshot of that UN list; a row counts as found when the expected record is among its
top 5 hits.

{table(["rows", "query", "n", "found", "recall@5", "top-1 rate", "seconds"], results)}
Misses (name only, score >= 0.70; up to 15 per file):

{table(["rows", "query", "expected", "top hits"], miss_rows) if miss_rows else "None."}""")


DEVANAGARI = re.compile("[\u0900-\u097f]")
# Devanagari letters without a Bengali one at the same place (the
# precomposed nukta letters that Bengali lacks as their plain letters).
BENGALI_FOR = {"व": "ব", "ऍ": "এ", "ऎ": "এ", "ॅ": "ে", "ॆ": "ে", "ऑ": "ও", "ऒ": "ও", "ॉ": "ো",
               "ॊ": "ো", "\u0958": "ক", "\u0959": "খ", "\u095a": "গ", "\u095b": "জ", "\u095e": "ফ"}


def bengali_respelt(name):
    out, prev = [], " "
    for ch in name:
        if ch == "य" and prev not in " ्":
            out.append("য়")  # (য inside a word says j; য় is the y)
        elif ch in BENGALI_FOR:
            out.append(BENGALI_FOR[ch])
        elif "\u0900" <= ch <= "\u097f":
            out.append(chr(ord(ch) + 0x80))
        else:
            out.append(ch)
        prev = ch
    return unicodedata.normalize("NFC", "".join(out))


def eval_negatives(cli, data, rep, snaps):
    path = os.path.join(data, "matching", "yente_negatives_global.csv.xz")
    rows = list(csv.DictReader(io.StringIO(lzma.decompress(open(path, "rb").read()).decode("utf-8"))))
    queries = [{"name": r["full_name"]} for r in rows]
    sec = "negatives"
    lines, examples = [], []
    for label, snap in snaps:
        hits, secs = cli.screen_batch(snap, queries, 1, THRESHOLD)
        flagged = [k for k, h in enumerate(hits) if h]
        rate = ratio(len(flagged), len(rows))
        lines.append([label, len(rows), len(flagged), pct(rate, 2), "%.1f" % secs,
                      "%.0f" % (len(rows) / secs if secs else 0)])
        rep.measure(sec, "false-positive rate vs %s" % label, rate, "<= 0.5%",
                    rate is not None and rate <= 0.005, as_pct=True)
        for k in flagged[:12]:
            h = hits[k][0]
            examples.append([label, rows[k]["full_name"], "%s %s" % (h[0], h[1]), h[3], fmt(h[2])])
    # The Devanagari rows respelt in Bengali script, letter for letter: the
    # two blocks keep ISCII's order 0x80 apart (Bengali has no va: ব; its
    # y inside a word is য়; the short e and o and the candra vowels as e
    # and o). No Bengali rows are in the file; names of one region in the
    # other script are the nearest negatives for the Bengali reading.
    bengali = [bengali_respelt(r["full_name"]) for r in rows if DEVANAGARI.search(r["full_name"])]
    label, snap = snaps[-1]
    hits, _ = cli.screen_batch(snap, [{"name": n} for n in bengali], 1, THRESHOLD)
    bengali_flagged = [k for k, h in enumerate(hits) if h]
    rate = ratio(len(bengali_flagged), len(bengali))
    lines.append(["%s, the Devanagari rows in Bengali script" % label, len(bengali),
                  len(bengali_flagged), pct(rate, 2), "", ""])
    rep.measure(sec, "false-positive rate vs %s, Devanagari rows in Bengali script" % label, rate,
                "<= 0.5%", rate is not None and rate <= 0.005, as_pct=True)
    for k in bengali_flagged[:6]:
        h = hits[k][0]
        examples.append([label, bengali[k], "%s %s" % (h[0], h[1]), h[3], fmt(h[2])])
    rep.add(f"""## 3. yente synthetic negatives: false-positive rate

`yente_negatives_global.csv.xz`: {len(rows)} synthetic person records (Latin, Arabic and
other scripts) that should match nobody listed. Each `full_name` is screened by name
alone (no schema, date of birth or country, which is the strictest setting) in one batch;
a row is a false positive when it has any hit scoring >= 0.70. The file has no row in
Bengali script; its {len(bengali)} Devanagari rows (Hindi and Nepali names), respelt letter
for letter in Bengali, stand in for them.

{table(["against", "rows", "rows with a hit", "false-positive rate", "seconds", "rows/s (batch)"], lines)}
Examples of false positives (up to 12 per snapshot):

{table(["against", "query", "hit", "matched name", "score"], examples) if examples else "None."}""")


# --- 4. cross-script pairs ------------------------------------------------------------


def eval_cross_script(cli, data, rep, sample_size):
    sec = "cross-script"
    path = os.path.join(data, "matching", "watchman_cross_script_pairs.csv")
    lines = [l for l in open(path, encoding="utf-8") if l.strip() and not l.startswith("#")]
    pairs = [r for r in csv.reader(lines) if len(r) >= 2 and r[0] != "Query"]
    scores, _ = cli.compare_pairs([(r[0], r[1], "") for r in pairs])
    found = sum(1 for s in scores if s is not None and s >= THRESHOLD)
    rep.measure(sec, "watchman cross-script pairs found (%d pairs)" % len(pairs),
                ratio(found, len(pairs)), "all (1.000)", found == len(pairs))
    w_rows = [[r[0], r[1], r[3] if len(r) > 3 else "", fmt(s),
               "yes" if s is not None and s >= THRESHOLD else "**no**"] for r, s in zip(pairs, scores)]

    wd_rows = []
    wd_dir = os.path.join(data, "matching", "netransliteration_wikidata")
    wd_misses = []
    for script in SCRIPTS:
        f = os.path.join(wd_dir, "wd_%s_80.tsv.xz" % script)
        entries = []
        for line in lzma.decompress(open(f, "rb").read()).decode("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 2 and parts[0].strip() and parts[1].strip():
                entries.append((parts[0].strip(), parts[1].replace(" ", "").strip()))
        sample = random.Random("chokepoint-%s" % script).sample(entries, min(sample_size, len(entries)))
        n = len(sample)
        # Negative control: each English token against the next pair's target.
        negatives = [(sample[i][0], sample[(i + 1) % n][1]) for i in range(n)]
        scores, secs = cli.compare_pairs([(a, b, "Person") for a, b in sample + negatives])
        pos, neg = scores[:n], scores[n:]
        recall = ratio(sum(1 for s in pos if s is not None and s >= THRESHOLD), n)
        false_rate = ratio(sum(1 for s in neg if s is not None and s >= THRESHOLD), n)
        wd_rows.append([script, len(entries), n, fmt(recall), pct(false_rate, 2)])
        rep.measure(sec, "Wikidata %s recall (sample %d)" % (script, n), recall)
        misses = [(a, b, s) for (a, b), s in zip(sample, pos) if s is None or s < THRESHOLD]
        for a, b, s in misses[:5]:
            wd_misses.append([script, a, b, fmt(s)])
    rep.add(f"""## 4. Cross-script names

**watchman pairs** (`watchman_cross_script_pairs.csv`, comment lines dropped): each
non-Latin query against its Latin form with `compare` (schema guessed); found when the
score is >= 0.70.

{table(["query", "expected match", "description", "score", "found"], w_rows)}
**Wikidata transliteration pairs** (`netransliteration_wikidata/wd_*_80.tsv.xz`, Merhav &
Ash 2018): single-token names, English against the target script (the characters'
separating spaces removed). A deterministic sample of {sample_size} pairs per script
(Python `random.Random("chokepoint-<script>").sample`) is compared as `Person`; recall is
the share scoring >= 0.70. As a control, each English token is also compared with the
*next* sampled pair's target; that false-match rate shows the threshold is not
trivially permissive (some control pairs are genuinely similar names).

{table(["script", "pairs in file", "sampled", "recall at 0.70", "control false-match rate"], wd_rows)}
Examples of misses:

{table(["script", "english", "target", "score"], wd_misses) if wd_misses else "None."}""")


# --- 5. hard cases from the lists ------------------------------------------------------


CYRILLIC = re.compile("[\u0400-\u04ff]")
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HANGUL = re.compile("[\uac00-\ud7a3]")
MONTHS = {m: i + 1 for i, m in enumerate(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])}


def latin_key(name):
    """Folds a romanised name to a sorted tuple of upper-case ASCII tokens."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^A-Za-z0-9]+", " ", s).upper()
    return tuple(sorted(s.split()))


def norm_passport(p):
    return re.sub(r"[^A-Z0-9]", "", p.upper())


def ofsi_dob(text):
    m = re.match(r"(\d\d)/(\d\d)/(\d{4})$", text.strip())
    if not m or m.group(1) == "00" or m.group(2) == "00":
        return None
    return "%s-%s-%s" % (m.group(3), m.group(2), m.group(1))


def ofac_records(data):
    """OFAC SDN legacy CSV + alt names: ent_num -> {names, dobs, passports, type}."""
    recs = {}
    sdn = os.path.join(data, "sanctions", "ofac", "sdn_2024-05-03.csv")
    for row in csv.reader(open(sdn, encoding="utf-8", errors="replace")):
        if len(row) < 12 or not row[0].strip().isdigit():
            continue
        remarks = row[11]
        dobs = set()
        for m in re.finditer(r"DOB (\d{1,2}) ([A-Z][a-z]{2}) (\d{4})", remarks):
            if m.group(2) in MONTHS:
                dobs.add("%s-%02d-%02d" % (m.group(3), MONTHS[m.group(2)], int(m.group(1))))
        passports = {norm_passport(m.group(1)) for m in
                     re.finditer(r"Passport (?:No\. )?([A-Z0-9][A-Z0-9 \-]{4,20}?)\s*[\(;.]", remarks)}
        recs[row[0].strip()] = {"names": [row[1].strip()], "type": row[2].strip().strip('"'),
                                "dobs": dobs, "passports": {p for p in passports if len(p) >= 6}}
    alt = os.path.join(data, "sanctions", "ofac", "alt_2025-12.csv")
    for row in csv.reader(open(alt, encoding="utf-8", errors="replace")):
        if len(row) >= 4 and row[0].strip() in recs:
            recs[row[0].strip()]["names"].append(row[3].strip())
    return recs


def ofsi_rows(data):
    """(column index by header name, data rows) of the UK list's CSV file
    (its first line is a date, its second the header); short rows dropped."""
    raw = lzma.decompress(open(os.path.join(data, "sanctions", "uk",
                                            "OFSI_ConList_2025-04-10.converted.csv.xz"), "rb").read())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
    header = rows[1]
    return {h: i for i, h in enumerate(header)}, [r for r in rows[2:] if len(r) >= len(header)]


def eval_ofsi_cyrillic(cli, data, rep, bundled_snap):
    col, rows = ofsi_rows(data)
    groups = {}
    for r in rows:
        g = groups.setdefault(r[col["Group ID"]], {"cyr": set(), "latin": set(), "dobs": set(),
                                                   "passports": set(), "type": r[col["Group Type"]]})
        nl = collapse(r[col["Name Non-Latin Script"]])
        if nl and CYRILLIC.search(nl):
            g["cyr"].add(nl)
        latin = collapse(" ".join(r[col["Name %d" % k]] for k in (1, 2, 3, 4, 5, 6)))
        if latin:
            g["latin"].add(latin_key(latin))
        d = ofsi_dob(r[col["DOB"]])
        if d:
            g["dobs"].add(d)
        for p in re.split(r"[;,]|\(\d+\)", r[col["Passport Number"]]):
            p = norm_passport(p)
            if len(p) >= 6:
                g["passports"].add(p)
    ofac = ofac_records(data)
    by_passport, by_name = {}, {}
    for ent, rec in ofac.items():
        for p in rec["passports"]:
            by_passport.setdefault(p, set()).add(ent)
        for n in rec["names"]:
            by_name.setdefault(latin_key(n), set()).add(ent)
    people, firms = [], []
    method_counts = {"passport": 0, "dob+name": 0, "name (entities)": 0}
    for gid, g in groups.items():
        if not g["cyr"]:
            continue
        truth, how = set(), None
        if g["type"] == "Individual":
            for p in g["passports"]:
                truth |= by_passport.get(p, set())
            if truth:
                how = "passport"
            else:
                for key in g["latin"]:
                    for ent in by_name.get(key, set()):
                        if ofac[ent]["dobs"] & g["dobs"]:
                            truth.add(ent)
                how = "dob+name" if truth else None
        else:
            for key in g["latin"]:
                if len(key) >= 2:
                    truth |= {e for e in by_name.get(key, set()) if ofac[e]["type"] != "individual"}
            how = "name (entities)" if truth else None
        if not truth:
            continue
        method_counts[how] += 1
        for q in sorted(g["cyr"]):
            (people if g["type"] == "Individual" else firms).append((gid, q, truth))
    sec = "hard cases"
    out_rows, miss_rows = [], []
    for label, items, schema in (("persons", people, "person"), ("entities", firms, "")):
        if not items:
            continue
        queries = [{"name": q, "schema": schema} for _, q, _ in items]
        hits, secs = cli.screen_batch(bundled_snap, queries, 5, THRESHOLD, ("schema",),
                                      ("us_ofac_sdn",))
        found = [any(h[1] in t for h in hs) for (_, _, t), hs in zip(items, hits)]
        any_hits, _ = cli.screen_batch(bundled_snap, queries, 5, 0.0, ("schema",), ("us_ofac_sdn",))
        found_any = [any(h[1] in t for h in hs) for (_, _, t), hs in zip(items, any_hits)]
        recall = ratio(sum(found), len(found))
        out_rows.append([label, len({g for g, _, _ in items}), len(items), fmt(recall),
                         fmt(ratio(sum(found_any), len(found_any)))])
        rep.measure(sec, "OFSI Cyrillic -> OFAC SDN recall@5, %s" % label, recall)
        for (gid, q, t), hs, ok in zip(items, hits, found):
            if not ok and len(miss_rows) < 20:
                miss_rows.append([label, gid, q, ", ".join(sorted(t)),
                                  " / ".join(ofac[sorted(t)[0]]["names"][:1]), top_hits(hs[:2])])
    rep.add(f"""## 5. Hard cases from the lists

### 5.1 Cyrillic names (UK OFSI) against OFAC SDN (Latin)

The truth set is built in Python from the two publishers' files alone:
`sanctions/uk/OFSI_ConList_2025-04-10.converted.csv.xz` (rows grouped by `Group ID`; a group's
Cyrillic names are its `Name Non-Latin Script` values) and `sanctions/ofac/sdn_2024-05-03.csv`
with `alt_2025-12.csv` (the same SDN file as the bundled list). An OFSI individual is the
same person as an SDN entry when they share a passport number (from OFSI's `Passport Number`
and SDN remarks `Passport ...`, letters and digits only, at least 6 characters:
{method_counts["passport"]} groups), or else when an exact date of birth agrees and the
romanised name is the same set of tokens (OFSI `Name 1`..`Name 6` against an SDN name or
alias, upper-cased ASCII: {method_counts["dob+name"]} groups). Entities (companies) are
joined when the romanised name's token set (at least two tokens) equals an SDN entity name
or alias ({method_counts["name (entities)"]} groups). Every Cyrillic name of a joined
group is screened (`--source us_ofac_sdn`, persons with `--schema person`) against the
bundled snapshot; found = an expected SDN entry among the top 5 hits at >= 0.70.

{table(["kind", "groups", "Cyrillic queries", "recall@5 at 0.70", "recall@5 any score"], out_rows)}
Misses (up to 20):

{table(["kind", "OFSI group", "query", "expected SDN", "SDN name", "top hits"], miss_rows) if miss_rows else "None."}""")


def eu_alias_pairs(data, script):
    """(annex, alias, name, schema) for every EU row whose alias is written in
    `script` (a compiled regex) and whose name is not."""
    eu_dir = os.path.join(data, "sanctions", "eu", "opensanctions_eu_oj_consolidated")
    pairs, seen = [], set()
    for fname in sorted(os.listdir(eu_dir)):
        if not fname.endswith(".csv"):
            continue
        for r in csv.DictReader(open(os.path.join(eu_dir, fname), encoding="utf-8")):
            name = collapse(r.get("name"))
            for a in (r.get("alias") or "").split(";"):
                a = collapse(a)
                if name and a and script.search(a) and not script.search(name) and (a, name) not in seen:
                    seen.add((a, name))
                    schema = {"Person": "Person"}.get(r.get("schema"), "Company")
                    pairs.append((fname[:-4], a, name, schema))
    return pairs


def eval_eu_hangul(cli, data, rep):
    pairs = eu_alias_pairs(data, HANGUL)
    scores, _ = cli.compare_pairs([(a, n, s) for _, a, n, s in pairs])
    rows = []
    for label, keep in (("persons", lambda p: p[3] == "Person"),
                        ("organisations", lambda p: p[3] != "Person")):
        idx = [i for i, p in enumerate(pairs) if keep(p)]
        rec = ratio(sum(1 for i in idx if scores[i] is not None and scores[i] >= THRESHOLD), len(idx))
        rows.append([label, len(idx), fmt(rec)])
        rep.measure("hard cases", "EU Hangul alias vs Latin name recall, %s" % label, rec)
    ex = [[p[1], p[2], p[3], fmt(s)] for p, s in zip(pairs, scores)
          if s is None or s < THRESHOLD][:20]
    rep.add(f"""### 5.3 Korean names of listed people and organisations against their Latin names

The same EU files: every `alias` written in Hangul against the same row's Latin `name`
(`compare`, schema Person or Company). Most are North Korean officials, listed in the
DPRK's own spelling (김여정 KIM Yo Jong, 리병철 RI Pyong Chol); the organisations are
Korean translations of English names (조선백호무역회사 "Korea Paekho Trading Corporation").

{table(["set", "pairs", "recall at 0.70"], rows)}
Misses (up to 20):

{table(["Hangul alias", "Latin name", "schema", "score"], ex) if ex else "None."}""")


# The rimes of Korean name syllables with the onset ㅈ, which the DPRK's own
# romanisation and the Revised Romanization write with "j" and
# McCune-Reischauer (apostrophes dropped) with "ch": 장 jang / chang, 조 jo /
# cho, 진 jin / chin, 전 jon / chon.
KOREAN_J_RIMES = {"a", "ae", "ang", "e", "i", "ik", "il", "in", "o", "ok", "ol", "om", "on",
                  "ong", "u", "uk", "ul", "un", "ung", "wa"}


def korean_respelt(name):
    """The name with each ㅈ syllable's j written ch and ch written j, or None."""
    out, changed = [], False
    for w in re.split(r"[\s-]+", name):
        lw = w.lower()
        if lw.startswith("ch") and lw[2:] in KOREAN_J_RIMES:
            w, changed = "J" + lw[2:], True
        elif lw.startswith("j") and lw[1:] in KOREAN_J_RIMES:
            w, changed = "Ch" + lw[1:], True
        if w:
            out.append(w)
    return " ".join(out) if changed else None


def eval_korean_respelt(cli, data, rep, un_snap):
    xml_path = os.path.join(data, "sanctions", "un", "UN_consolidated_2026-02.xml")
    root = ET.parse(xml_path).getroot()
    cases = []
    for node in root.iter("INDIVIDUAL"):
        ref = (node.findtext("REFERENCE_NUMBER") or "").strip()
        if not ref.startswith("KPi"):
            continue
        name = collapse(" ".join((node.findtext(t) or "") for t in
                                 ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")))
        respelt = korean_respelt(name)
        if respelt:
            cases.append((ref, name, respelt))
    hits, found = screen_for_ids(cli, un_snap, [c[2] for c in cases], [c[0] for c in cases],
                                 "un_sc")
    rec = ratio(sum(found), len(found))
    rep.measure("hard cases", "UN North Korean names respelt j <-> ch, recall@5", rec)
    ex = [[c[0], c[1], c[2], top_hits(hs[:2])]
          for c, hs, f in zip(cases, hits, found) if not f][:15]
    rep.add(f"""### 5.6 North Korean names in the other romanisation

Korean ㅈ is "j" in the DPRK's own romanisation and the Revised Romanization and "ch" in
McCune-Reischauer, which older lists and many reports use (JO Yong Won / CHO Yong-won).
Every UN-listed North Korean person (`KPi` reference numbers) whose primary name has a
syllable with that onset ({len(cases)} people) is screened with each such syllable respelt
(j as ch, ch as j, by a fixed rule in the script) against the UN list snapshot; found when
the person's own record is among the top 5 hits at >= 0.70. Some records list an alias in
the other spelling too.

| people | found | recall@5 |
|---|---|---|
| {len(cases)} | {sum(found)} | {fmt(rec)} |

Misses (up to 15):

{table(["record", "listed name", "respelt query", "top hits"], ex) if ex else "None."}""")


def eval_eu_han(cli, data, rep):
    pairs = eu_alias_pairs(data, HAN)
    scores, _ = cli.compare_pairs([(a, n, s) for _, a, n, s in pairs])
    sec = "hard cases"
    res_rows = []
    for label, keep in (("32014R0833 (Russia, export-control annex IV)", lambda f: f == "32014R0833"),
                        ("all EU annexes", lambda f: True)):
        idx = [i for i, p in enumerate(pairs) if keep(p[0])]
        rec = ratio(sum(1 for i in idx if scores[i] is not None and scores[i] >= THRESHOLD), len(idx))
        res_rows.append([label, len(idx), fmt(rec)])
        rep.measure(sec, "EU Han alias vs English name recall, %s" % label.split(" ")[0], rec)
    ex = [[p[0], p[1], p[2], fmt(s)] for p, s in zip(pairs, scores) if p[0] == "32014R0833"][:30]
    rep.add(f"""### 5.2 Chinese names of listed companies against their English names

From the EU annexes (`sanctions/eu/opensanctions_eu_oj_consolidated/*.csv`, read in place,
never copied): every `alias` containing Han characters is compared with the same row's
Latin `name` (`compare`, schema Company, or Person for persons). These pairs are hard:
the English name is often a translation or a brand (`广州欧赛科技有限公司` is
"Guangzhou Ausay Technology"), not a romanisation.

{table(["set", "pairs", "recall at 0.70"], res_rows)}
The 32014R0833 pairs (first 30):

{table(["annex", "Han alias", "English name", "score"], ex)}""")


# Given names as Ukrainian spells them in Latin letters (the national system of
# 2010 and passports), where Russian-based spellings differ (Volodymyr /
# Vladimir, Hryhorii / Grigory, Oleh / Oleg): selects the alias pairs of 5.4
# whose given names differ that way. Typed from the national system's table.
UKRAINIAN_GIVEN = {
    "volodymyr", "mykola", "oleksandr", "olexandr", "oleksiy", "oleksii", "hryhoriy",
    "hryhorii", "heorhiy", "heorhii", "oleh", "ihor", "serhiy", "serhii", "andriy", "andrii",
    "yuriy", "yurii", "dmytro", "mykhailo", "mykhaylo", "pavlo", "petro", "vasyl", "yevhen",
    "yevhenii", "kostiantyn", "kostyantyn", "bohdan", "hennadiy", "hennadii", "borys", "denys",
    "maksym", "vadym", "fedir", "illia", "kyrylo", "mykyta", "olena", "halyna", "tetiana",
    "tetyana", "iryna", "kateryna", "svitlana", "larysa", "olha", "maryna", "nataliia",
    "liudmyla", "yuliia", "valentyna",
}


# The same for Belarusian (the national romanisation of 2007: Аляксандр
# Aliaksandr, Уладзімір Uladzimir, Сяргей Siarhei).
BELARUSIAN_GIVEN = {
    "aliaksandr", "alyaksandr", "aliaksei", "siarhei", "uladzimir", "dzmitry", "mikalai", "aleh",
    "ihar", "viktar", "yauhen", "kanstantsin", "ryhor", "piatro", "leanid", "henadz",
    "viachaslau", "uladzislau", "alena", "natallia", "tatsiana", "volha", "sviatlana",
    "katsiaryna", "valiantsina",
}


def eval_ofsi_alias_pairs(cli, data, rep):
    """Latin aliases of one person (a UK list group) against each other."""
    col, rows = ofsi_rows(data)
    groups = {}
    for r in rows:
        if r[col["Group Type"]] != "Individual":
            continue
        given = collapse(" ".join(r[col["Name %d" % k]] for k in (1, 2, 3, 4, 5)))
        surname = collapse(r[col["Name 6"]])
        if given and surname:
            groups.setdefault(r[col["Group ID"]], set()).add((given, surname))

    def first(name):
        return name[0].split(" ")[0].lower()

    pairs, kinds = [], []
    rng = random.Random("chokepoint-ofsi-aliases")
    ordered = sorted(groups)
    for gid in ordered:
        names = sorted(groups[gid])
        group_pairs = [(a, b) for i, a in enumerate(names) for b in names[i + 1:]
                       if a[0].lower() != b[0].lower() or a[1].lower() != b[1].lower()]
        if len(group_pairs) > 20:  # a few people have dozens of spellings
            group_pairs = rng.sample(group_pairs, 20)
        for a, b in group_pairs:
            kind = "other"
            for label, given in (("uk", UKRAINIAN_GIVEN), ("by", BELARUSIAN_GIVEN)):
                if (first(a) in given) != (first(b) in given) and first(a) != first(b):
                    kind = label
            pairs.append((a, b))
            kinds.append(kind)
    # Control: each group's first alias against the next group's first alias
    # (another person), when their surnames differ.
    control = []
    for g, h in zip(ordered, ordered[1:] + ordered[:1]):
        a, b = sorted(groups[g])[0], sorted(groups[h])[0]
        if a[1].lower() != b[1].lower():
            control.append((a, b))
    joined = lambda n: "%s %s" % n  # noqa: E731
    scores, _ = cli.compare_pairs([(joined(a), joined(b), "Person") for a, b in pairs + control])
    pos, neg = scores[:len(pairs)], scores[len(pairs):]
    rows_out = []
    for label, keep, measure in (
            ("given names in Ukrainian and in Russian-based spelling", "uk", "Ukrainian / Russian"),
            ("given names in Belarusian and in Russian-based spelling", "by",
             "Belarusian / Russian"),
            ("all other alias pairs", "other", None)):
        idx = [i for i, k in enumerate(kinds) if k == keep]
        rec = ratio(sum(1 for i in idx if at_threshold(pos[i])), len(idx))
        rows_out.append([label, len(idx), fmt(rec)])
        if measure:
            rep.measure("hard cases", "OFSI alias pairs of one person, %s given names" % measure, rec)
    false_rate = ratio(sum(1 for s in neg if at_threshold(s)), len(neg))
    rows_out.append(["control: aliases of different people", len(neg), pct(false_rate, 2)])
    rep.measure("hard cases", "OFSI alias pairs of different people (control), false-match rate",
                false_rate)
    ex = [[joined(pairs[i][0]), joined(pairs[i][1]), fmt(pos[i])] for i, k in enumerate(kinds)
          if k in ("uk", "by") and not at_threshold(pos[i])][:20]
    rep.add(f"""### 5.4 Latin aliases of one person: Ukrainian, Belarusian and Russian spellings

The UK list (`sanctions/uk/OFSI_ConList_2025-04-10.converted.csv.xz`) gives one person
several Latin spellings under one `Group ID`; people from Ukraine often appear with both the
Ukrainian form of their given name and patronymic and the Russian one (Oleh Yevhenovych
BUHROV / Oleg Evgenevich BUGROV), and people from Belarus with the Belarusian forms and the Russian
ones (Aliaksandr Ryhoravich LUKASHENKA / Alexander Grigorievich LUKASHENKO). Every pair of distinct aliases (given names + surname) of
an individual's group is compared as `Person` (at most 20 pairs per group, sampled with
`random.Random("chokepoint-ofsi-aliases")`); found when the score is >= 0.70. The first set
holds the pairs whose first given names differ and exactly one of which is a Ukrainian
spelling (a fixed list of 53 names in the script), the second the same for Belarusian (25
names). The control pairs an alias with one of
the next group's (another person, with another surname): the share scoring >= 0.70. The
other pairs are reported for context, not as a target: many UK aliases are other names
altogether (a nom de guerre, a maiden name, a single given name).

{table(["set", "pairs", "recall at 0.70 (control: false-match rate)"], rows_out)}
Misses among the Ukrainian and Belarusian pairs (up to 20):

{table(["alias", "alias of the same person", "score"], ex) if ex else "None."}""")


def eval_ofsi_entity_names(cli, data, rep):
    """The Cyrillic name of a UK-listed entity against its Latin names."""
    col, rows = ofsi_rows(data)
    groups = {}
    for r in rows:
        if r[col["Group Type"]] == "Individual":
            continue
        g = groups.setdefault(r[col["Group ID"]], {"cyr": set(), "latin": set()})
        native = collapse(r[col["Name Non-Latin Script"]])
        if native and CYRILLIC.search(native):
            g["cyr"].add(native)
        latin = collapse(r[col["Name 6"]])
        if latin and not CYRILLIC.search(latin):
            g["latin"].add(latin)
    ordered = [gid for gid in sorted(groups) if groups[gid]["cyr"] and groups[gid]["latin"]]
    pairs = [(c, l) for gid in ordered for c in sorted(groups[gid]["cyr"])
             for l in sorted(groups[gid]["latin"])]
    # Control: a group's first Cyrillic name against the next group's first
    # Latin name (another entity).
    control = [(sorted(groups[g]["cyr"])[0], sorted(groups[h]["latin"])[0])
               for g, h in zip(ordered, ordered[1:] + ordered[:1])]
    pos, misses, recall, false_rate = company_pairs_with_control(cli, pairs, control)
    rep.measure("hard cases", "OFSI entities, Cyrillic name vs the entity's Latin names", recall)
    rep.measure("hard cases", "OFSI entities, Cyrillic name vs another entity's (control), "
                "false-match rate", false_rate)
    ex = misses[:15]
    rep.add(f"""### 5.5 Cyrillic and Latin names of one listed entity

The UK list gives an entity (a `Group ID` whose `Group Type` is not `Individual`) its
Russian, Ukrainian or Belarusian name in `Name Non-Latin Script` and its Latin names in
`Name 6`: a translation (PERM POWDER PLANT for Пермский пороховой завод), a
transliteration (AO KAZANSKII VERTOLETNYI ZAVOD), an abbreviation (PJSC USC) or another
name altogether. Every Cyrillic name of a group is compared with each of its Latin names
as `Company` ({len(ordered)} groups); found when the score is >= 0.70. The abbreviations
and other names cannot be found by spelling, so the recall is a measure to raise, not
one to reach 1. The control pairs a group's first Cyrillic name with the next group's
first Latin name.

{table(["set", "pairs", "recall at 0.70 (control: false-match rate)"],
       [["Cyrillic name vs the same entity's Latin names", len(pos), fmt(recall)],
        ["control: Cyrillic name vs another entity's Latin name", len(control),
         pct(false_rate, 2)]])}
Misses (the first 15):

{table(["Cyrillic name", "Latin name", "score"], ex) if ex else "None."}""")


NAMED_AFTER = re.compile(r"(?i)(\bIM\b\.?|\bIMENI\b|\bNAMED (AFTER|BY)\b|\bBY NAME\b|"
                         r"\bN\.A\. ?[A-Z]\.|имени|\bим\.)")


def eval_named_after(cli, data, rep):
    """Names of one listed organisation, one of them naming the person it is
    named after (ZAVOD IMENI V.A. DEGTYAREVA), against its other names."""
    entities = {}
    for num, r in ofac_records(data).items():
        if r["type"] in ("", "-0-"):
            entities[("us_ofac_sdn", num)] = r["names"]
    col, rows = ofsi_rows(data)
    for r in rows:
        if r[col["Group Type"]] == "Individual":
            continue
        names = entities.setdefault(("gb_ofsi", r[col["Group ID"]]), [])
        names += [r[col["Name 6"]], r[col["Name Non-Latin Script"]]]
    pairs, named = [], []  # named: per entity with such names, those names
    for key in sorted(entities):
        names = list(dict.fromkeys(n for n in (collapse(x) for x in entities[key]) if n))
        mine = [a for a in names if NAMED_AFTER.search(a)]
        if mine:
            named.append(mine)
        pairs += [(a, b) for a in mine for b in names if b != a]
    # Control: each such name against the next such entity's first (another
    # organisation named after someone).
    control = [(a, nxt[0]) for mine, nxt in zip(named, named[1:] + named[:1]) for a in mine]
    pos, misses, recall, false_rate = company_pairs_with_control(cli, pairs, control)
    rep.measure("hard cases", "organisations named after a person, name vs the entity's other "
                "names", recall)
    rep.measure("hard cases", "organisations named after a person, vs another such "
                "organisation (control), false-match rate", false_rate)
    ex = misses[:15]
    rep.add(f"""### 5.7 Organisations named after a person

Russian and Belarusian plants, design bureaus and institutes are often named after a
person: ЗАВОД ИМЕНИ В.А. ДЕГТЯРЕВА, ZAVOD IM. V.A. DEGTYAREVA, PLANT NAMED AFTER V.A.
DEGTYAREV, with the surname in the genitive after imeni / im. and the initials; other
names of the same organisation drop the clause (AO KB ARSENAL) or put the person first
(A.E. NUDELMAN PRECISION ENGINEERING DESIGN BUREAU). Every name of an OFAC SDN entity (not
an individual) or a UK-listed group that has such a clause (IM, IMENI, NAMED AFTER, NAMED
BY, BY NAME, N.A. before initials, имени, им.) is compared with each other name of the same
entity as `Company` ({sum(len(m) for m in named)} such names of {len(named)} entities); found
when the score is >= 0.70. Translations and acronyms among the other names (NIKIET JSC)
cannot be found by spelling. The control pairs each such name with the next entity's
first.

{table(["set", "pairs", "recall at 0.70 (control: false-match rate)"],
       [["named-after name vs the entity's other names", len(pos), fmt(recall)],
        ["control: vs another entity's named-after name", len(control), pct(false_rate, 2)]])}
Misses (the first 15):

{table(["named-after name", "other name", "score"], ex) if ex else "None."}""")


# --- main -----------------------------------------------------------------------------


TRUNCATE_AT = 35  # characters of a SWIFT MT name and address line


def eval_truncated(cli, data, rep, bundled_snap):
    """OFAC SDN entity names cut at 35 characters inside a word, as a payment
    message's field line cuts them, screened against the SDN list."""
    ofac = ofac_records(data)
    cases = []
    for ent, r in sorted(ofac.items(), key=lambda kv: int(kv[0])):
        name = collapse(r["names"][0])
        if r["type"] != "-0-" or len(name) <= TRUNCATE_AT:
            continue
        cut = name[:TRUNCATE_AT]
        # Inside a word of at least 4 kept letters: the case a field line makes
        # and a reader cannot tell from a whole word.
        tail = cut.rsplit(" ", 1)[-1]
        if not (name[TRUNCATE_AT - 1].isalpha() and name[TRUNCATE_AT].isalpha()) or \
                len(tail) < 4 or not tail.isalpha():
            continue
        cases.append((ent, name, cut))
    sdn = ("us_ofac_sdn",)
    hits, found = screen_for_ids(cli, bundled_snap, [c[2] for c in cases], [c[0] for c in cases],
                                 sdn[0], sdn)
    top_other = [bool(hs) and hs[0][1] != c[0] and hs[0][2] > max(
        [h[2] for h in hs if h[1] == c[0]] or [0.0]) for c, hs in zip(cases, hits)]
    rec = ratio(sum(found), len(found))
    rep.measure("hard cases", "OFAC SDN entity names cut at 35 characters inside a word, "
                "recall@5", rec)
    ex = [[c[0], c[1], c[2], top_hits(hs[:2])]
          for c, hs, f in zip(cases, hits, found) if not f][:15]
    rep.add(f"""### 5.8 Names cut short by a message field

A payment message's name and address lines hold 35 characters (SWIFT MT), so a long
name arrives cut, often inside a word ("JOINT STOCK COMPANY CONCERN RADIO" for
...RADIOELECTRONIC TECHNOLOGIES). Every OFAC SDN entity (`sanctions/ofac/sdn_2024-05-03.csv`,
type `-0-`) whose primary name is longer than {TRUNCATE_AT} characters and is cut by the
{TRUNCATE_AT}th character inside a word, leaving at least 4 of its letters, is screened as
those {TRUNCATE_AT} characters (`--source us_ofac_sdn`, no schema); found when the entity is
among the top 5 hits at >= 0.70. "Another entity first": the top hit is a different entity
scored above the right one (or the right one is missing).

| names | found | recall@5 | another entity first |
|---|---|---|---|
| {len(cases)} | {sum(found)} | {fmt(rec)} | {sum(top_other)} |

Misses (up to 15):

{table(["SDN entry", "listed name", "query (cut)", "top hits"], ex) if ex else "None."}""")


def screen_sdn_queries(cli, rep, bundled_snap, cases, label):
    """Screens `cases` ((SDN entry, listed name, query) each) against the SDN
    list, as the queries and as the listed names alone: (the queries' hits,
    whether each query found its entry among the top 5, the same for the
    listed names, the queries' recall@5), the recall measured as `label`."""
    sdn = ("us_ofac_sdn",)
    ids = [c[0] for c in cases]
    hits, found = screen_for_ids(cli, bundled_snap, [c[2] for c in cases], ids, sdn[0], sdn)
    _, found_plain = screen_for_ids(cli, bundled_snap, [c[1] for c in cases], ids, sdn[0], sdn)
    rec = ratio(sum(found), len(found))
    rep.measure("hard cases", label, rec)
    return hits, found, found_plain, rec


def eval_address_appended(cli, data, rep, bundled_snap):
    """OFAC SDN entity names with their listed city and country appended, as a
    payment's single name-and-address field writes them."""
    ofac = ofac_records(data)
    first_address = {}
    add = os.path.join(data, "sanctions", "ofac", "add_2025-12.csv")
    for row in csv.reader(open(add, encoding="utf-8", errors="replace")):
        if len(row) < 5 or row[0].strip() in first_address:
            continue
        # The city field's leading words of letters ("London EC3N 1DY" -> London).
        city = re.match(r"\s*([A-Za-z][A-Za-z .'-]*[A-Za-z])", row[3].replace("-0-", ""))
        country = row[4].replace("-0-", "").strip()
        if city and country and re.fullmatch(r"[A-Za-z][A-Za-z ,.'-]*", country):
            first_address[row[0].strip()] = (re.sub(r"\s+[A-Z]{1,3}$", "", city.group(1)).strip(),
                                             country)
    cases = []
    for ent, r in sorted(ofac.items(), key=lambda kv: int(kv[0])):
        if r["type"] != "-0-" or ent not in first_address:
            continue
        name = collapse(r["names"][0])
        city, country = first_address[ent]
        cases.append((ent, name, "%s %s %s" % (name, city.upper(), country.upper())))
    hits, found, found_plain, rec = screen_sdn_queries(
        cli, rep, bundled_snap, cases,
        "OFAC SDN entity names with their city and country appended, recall@5")
    ex = [[c[0], c[2], top_hits(hs[:2])] for c, hs, f in zip(cases, hits, found) if not f][:15]
    rep.add(f"""### 5.9 An address appended to the name

Payments and invoices often carry a name and its address in one field. Every OFAC SDN
entity (`sanctions/ofac/sdn_2024-05-03.csv`, type `-0-`) with an address in
`add_2025-12.csv` is screened as its primary name followed by the first address's city
(the leading words of its city field, without postal codes) and country, in capitals
(BANCO NACIONAL DE CUBA HAVANA CUBA), against the SDN list (`--source us_ofac_sdn`, no
schema); found when the entity is among the top 5 hits at >= 0.70. The same names without
the address, for comparison.

| names | found with the address | recall@5 | recall@5 without it |
|---|---|---|---|
| {len(cases)} | {sum(found)} | {fmt(rec)} | {fmt(ratio(sum(found_plain), len(found_plain)))} |

Misses (up to 15):

{table(["SDN entry", "query", "top hits"], ex) if ex else "None."}""")


FIELD_MARKERS = ["A.K.A.", "AKA", "T/A", "C/O", "D/B/A", "F/K/A", "TRADING AS", ";"]


def eval_several_names(cli, data, rep, bundled_snap):
    """OFAC SDN entity names written into one party field with another name
    and a marker (a.k.a., t/a, c/o ...), as payments and customer files write
    a party's other names or the party it goes through; and, as a control,
    two names of the yente negatives written so."""
    ofac = ofac_records(data)
    path = os.path.join(data, "matching", "yente_negatives_global.csv.xz")
    negatives = [collapse(r["full_name"]) for r in csv.DictReader(io.StringIO(
        lzma.decompress(open(path, "rb").read()).decode("utf-8")))]
    rng = random.Random("chokepoint-several-names")
    entities = [(ent, collapse(r["names"][0])) for ent, r in sorted(
        ofac.items(), key=lambda kv: int(kv[0])) if r["type"] == "-0-"]
    entities = rng.sample(entities, min(600, len(entities)))
    others = rng.sample(negatives, len(entities) + 1200)
    cases = []
    for k, (ent, name) in enumerate(entities):
        marker = FIELD_MARKERS[k % len(FIELD_MARKERS)]
        other = others[k]
        # The listed name second, then first.
        field = ("%s %s %s" % (other, marker, name)) if k % 2 == 0 else \
            ("%s %s %s" % (name, marker, other))
        cases.append((ent, name, field.replace(" ;", ";")))
    hits, found, found_plain, rec = screen_sdn_queries(
        cli, rep, bundled_snap, cases,
        "OFAC SDN entity names written in one field with another name (a.k.a., t/a, c/o ...), "
        "recall@5")
    # Control: two negatives' names in one field, against every bundled list;
    # beside it, the fields one of whose names has a hit when screened alone.
    pool = others[len(entities):]
    pairs = [(pool[2 * k], pool[2 * k + 1], FIELD_MARKERS[k % len(FIELD_MARKERS)])
             for k in range(len(pool) // 2)]
    fields = [("%s %s %s" % (a, m, b)).replace(" ;", ";") for a, b, m in pairs]
    field_hits, _ = cli.screen_batch(bundled_snap, [{"name": f} for f in fields], 1, THRESHOLD)
    alone, _ = cli.screen_batch(bundled_snap, [{"name": n} for a, b, _ in pairs for n in (a, b)],
                                1, THRESHOLD)
    field_rate = ratio(sum(1 for h in field_hits if h), len(fields))
    alone_rate = ratio(sum(1 for k in range(len(pairs)) if alone[2 * k] or alone[2 * k + 1]),
                       len(pairs))
    rep.measure("hard cases", "two names of the yente negatives written in one field, "
                "false-positive rate", field_rate, as_pct=True)
    ex = [[c[0], c[2], top_hits(hs[:2])] for c, hs, f in zip(cases, hits, found) if not f][:15]
    rep.add(f"""### 5.13 Several names in one field

A party field often holds more than one name: the party's other names, or the party a
payment goes through, joined by a marker (ACME LLC A.K.A. ACME TRADING, JOHN SMITH C/O
ACME LLC). A deterministic sample of {len(cases)} OFAC SDN entities
(`sanctions/ofac/sdn_2024-05-03.csv`, type `-0-`, Python
`random.Random("chokepoint-several-names")`) is screened with its primary name written
into one field with a name of the yente negatives, joined by one of
{", ".join("`%s`" % m for m in FIELD_MARKERS)} in turn, the listed name second in every other field and first
in the rest, against the SDN list (`--source us_ofac_sdn`, no schema); found when the
entity is among the top 5 hits at >= 0.70. The listed names alone, for comparison.

| fields | found | recall@5 | recall@5 of the listed names alone |
|---|---|---|---|
| {len(cases)} | {sum(found)} | {fmt(rec)} | {fmt(ratio(sum(found_plain), len(found_plain)))} |

Control: {len(fields)} fields of two other names of the negatives, joined so, screened against
all bundled lists. A field holds two names, so it has about twice a name's chance of a hit;
beside its rate, the share of the fields one of whose names has a hit when screened alone.

| fields | with a hit | false-positive rate | one of its names alone has a hit |
|---|---|---|---|
| {len(fields)} | {sum(1 for h in field_hits if h)} | {pct(field_rate, 2)} | {pct(alone_rate, 2)} |

Misses (up to 15):

{table(["SDN entry", "query", "top hits"], ex) if ex else "None."}""")


def eval_street_address(cli, data, rep, bundled_snap):
    """OFAC SDN entity names with their listed street address written after
    them in the one field (NAME, STREET, CITY, COUNTRY), as a customer file's
    single column or a single-line payment field writes them; and, as a
    control, the yente negatives' names with another entry's address."""
    ofac = ofac_records(data)
    addresses = {}
    add = os.path.join(data, "sanctions", "ofac", "add_2025-12.csv")
    for row in csv.reader(open(add, encoding="utf-8", errors="replace")):
        if len(row) < 5:
            continue
        ent = row[0].strip()
        street, city, country = (collapse(row[k].replace("-0-", "")) for k in (2, 3, 4))
        if ent in addresses or not street or not city or ent not in ofac or \
                ofac[ent]["type"] != "-0-":
            continue
        addresses[ent] = [x for x in (street, city, country) if x]
    rng = random.Random("chokepoint-street-addresses")
    sample = rng.sample(sorted(addresses.items(), key=lambda kv: int(kv[0])),
                        min(600, len(addresses)))
    def with_commas(name, address):
        return "%s, %s" % (name, ", ".join(address))

    def without_commas(name, address):
        return collapse("%s %s" % (name, " ".join(address).replace(",", " ")))
    # The next sampled entity's address, for each name in turn.
    next_address = [sample[(k + 1) % len(sample)][1] for k in range(len(sample))]
    cases = [(ent, collapse(ofac[ent]["names"][0]), with_commas(collapse(ofac[ent]["names"][0]), a))
             for ent, a in sample]
    hits, found, found_plain, rec = screen_sdn_queries(
        cli, rep, bundled_snap, cases,
        "OFAC SDN entity names with their street address after them, recall@5")
    # The same fields with the address's own commas left out (NAME STREET
    # CITY COUNTRY, as one line of a message writes it).
    plain = [(ent, name, without_commas(name, a)) for (ent, name, _), (_, a) in zip(cases, sample)]
    plain_hits, plain_found, _, plain_rec = screen_sdn_queries(
        cli, rep, bundled_snap, plain,
        "OFAC SDN entity names with their street address after them, no commas, recall@5")
    # The same names with the next sampled entity's address: what the address
    # reading finds without the entity's own listed street to go by.
    other = [(ent, name, with_commas(name, a))
             for (ent, name, _), a in zip(cases, next_address)]
    other_plain = [(ent, name, without_commas(name, a))
                   for (ent, name, _), a in zip(cases, next_address)]
    _, other_found, _, other_rec = screen_sdn_queries(
        cli, rep, bundled_snap, other,
        "OFAC SDN entity names with another entry's street address after them, recall@5")
    _, other_plain_found, _, other_plain_rec = screen_sdn_queries(
        cli, rep, bundled_snap, other_plain,
        "OFAC SDN entity names with another entry's street address after them, no commas, "
        "recall@5")
    path = os.path.join(data, "matching", "yente_negatives_global.csv.xz")
    negatives = [collapse(r["full_name"]) for r in csv.DictReader(io.StringIO(
        lzma.decompress(open(path, "rb").read()).decode("utf-8")))]
    names = rng.sample(negatives, len(sample))
    controls = [with_commas(n, a) for n, a in zip(names, next_address)]
    controls_plain = [without_commas(n, a) for n, a in zip(names, next_address)]
    # The same names written as a person's are in customer files, SURNAME,
    # Given (the last word first), before the address.
    inverted = [("%s, %s" % (n.split()[-1], " ".join(n.split()[:-1])) if len(n.split()) > 1
                 else n) for n in names]
    controls_inv = [with_commas(n, a) for n, a in zip(inverted, next_address)]
    controls_inv_plain = [without_commas(n, a) for n, a in zip(inverted, next_address)]
    # ... and with the street after the given names, before the first comma
    # (SMITH, John 12 Main Street, London, United Kingdom).
    controls_inv_street = ["%s %s" % (n, ", ".join(a)) for n, a in zip(inverted, next_address)]

    def hit_count(fields):
        hits, _ = cli.screen_batch(bundled_snap, [{"name": f} for f in fields], 1, THRESHOLD)
        return sum(1 for h in hits if h)
    control_n, control_plain_n = hit_count(controls), hit_count(controls_plain)
    inv_n, inv_plain_n = hit_count(controls_inv), hit_count(controls_inv_plain)
    inv_street_n = hit_count(controls_inv_street)
    alone_n, alone_inv_n = hit_count(names), hit_count(inverted)
    control_rate = ratio(control_n, len(controls))
    control_plain_rate = ratio(control_plain_n, len(controls))
    alone_rate = ratio(alone_n, len(names))
    rep.measure("hard cases", "negatives' names with a street address after them, "
                "false-positive rate", control_rate, as_pct=True)
    rep.measure("hard cases", "negatives' names with a street address after them, no commas, "
                "false-positive rate", control_plain_rate, as_pct=True)
    rep.measure("hard cases", "negatives' names as SURNAME, Given with a street address after "
                "them, false-positive rate", ratio(inv_n, len(controls)), as_pct=True)
    rep.measure("hard cases", "negatives' names as SURNAME, Given with a street address after "
                "them, no commas, false-positive rate", ratio(inv_plain_n, len(controls)),
                as_pct=True)
    rep.measure("hard cases", "negatives' names as SURNAME, Given with a street address after "
                "them, the street before the first comma, false-positive rate",
                ratio(inv_street_n, len(controls)), as_pct=True)
    ex = [[c[0], c[2], top_hits(hs[:2])] for c, hs, f in zip(cases, hits, found) if not f][:10]
    ex += [[c[0], c[2], top_hits(hs[:2])] for c, hs, f in
           zip(plain, plain_hits, plain_found) if not f][:10]
    rep.add(f"""### 5.15 A street address after the name

A customer file's single name column, or a single-line payment field, often writes the
party's street address after its name. A deterministic sample of {len(cases)} OFAC SDN
entities (`sanctions/ofac/sdn_2024-05-03.csv`, type `-0-`) with a street address in
`sanctions/ofac/add_2025-12.csv` (its first row with a street and a city; Python
`random.Random("chokepoint-street-addresses")`) is screened as "NAME, STREET, CITY, COUNTRY"
(the file's fields as written, joined with commas), and again with the address's commas
left out ("NAME STREET CITY COUNTRY", as one line of a message writes it), against the SDN
list (`--source us_ofac_sdn`, no schema); found when the entity is among the top 5 hits at
>= 0.70. The names alone, for comparison.

| fields | found | recall@5 | recall@5 of the names alone |
|---|---|---|---|
| with commas ({len(cases)}) | {sum(found)} | {fmt(rec)} | {fmt(ratio(sum(found_plain), len(found_plain)))} |
| without commas ({len(plain)}) | {sum(plain_found)} | {fmt(plain_rec)} | |
| another entry's address, with commas ({len(other)}) | {sum(other_found)} | {fmt(other_rec)} | |
| another entry's address, without commas ({len(other_plain)}) | {sum(other_plain_found)} | {fmt(other_plain_rec)} | |

The addresses are the ones the list gives for each entity, and the rules that go by the
entity's listed street (docs/screening.md) read them best; with the next sampled entity's
address after the name instead, those rules cannot help, and the rows show what the
address reading finds on its own.

Control: {len(controls)} names of the yente negatives, each with the next sampled entity's
address written after it so, against all bundled lists, beside the names alone; and the
same names written as a customer file writes a person's, SURNAME, Given (the last word
first), where the surname alone must not be what is screened.

| fields | with a hit | false-positive rate | the names alone |
|---|---|---|---|
| with commas ({len(controls)}) | {control_n} | {pct(control_rate, 2)} | {pct(alone_rate, 2)} |
| without commas ({len(controls_plain)}) | {control_plain_n} | {pct(control_plain_rate, 2)} | |
| SURNAME, Given, with commas ({len(controls_inv)}) | {inv_n} | {pct(ratio(inv_n, len(controls)), 2)} | {pct(ratio(alone_inv_n, len(inverted)), 2)} |
| SURNAME, Given, without the address's commas ({len(controls_inv_plain)}) | {inv_plain_n} | {pct(ratio(inv_plain_n, len(controls)), 2)} | |
| SURNAME, Given STREET, CITY, COUNTRY ({len(controls_inv_street)}) | {inv_street_n} | {pct(ratio(inv_street_n, len(controls)), 2)} | |

Misses (up to 10 of each):

{table(["SDN entry", "query", "top hits"], ex) if ex else "None."}""")


# An SDN remark's identifier, the label a payment or an invoice writes it
# with, and the label in Cyrillic where Russian documents use one.
NAME_ID_KINDS = [
    (re.compile(r"Tax ID No\. ([0-9]{10,12}) \(Russia\)"), "INN", "ИНН"),
    (re.compile(r"Registration Number ([0-9]{13,15}) \(Russia\)"), "OGRN", "ОГРН"),
    (re.compile(r"Unified Social Credit Code \(USCC\) ([0-9A-Z]{18})"), "USCC", "USCC"),
    (re.compile(r"Vessel Registration Identification IMO ([0-9]{7})"), "IMO", "IMO")]


def eval_name_identifiers(cli, data, rep, bundled_snap):
    """OFAC SDN entries screened with an identifier from their remarks written
    into the name field after its label (ROSOBORONEXPORT INN 7718852163), as
    payment messages write them; the same identifiers beside another name
    (a front company's); and, as a control, the yente negatives' names with a
    made-up number of the same kind."""
    sdn = os.path.join(data, "sanctions", "ofac", "sdn_2024-05-03.csv")
    found_ids = []
    for row in csv.reader(open(sdn, encoding="utf-8", errors="replace")):
        if len(row) < 12 or not row[0].strip().isdigit():
            continue
        for pattern, label, cyrillic in NAME_ID_KINDS:
            m = pattern.search(row[11])
            if m:
                found_ids.append((row[0].strip(), collapse(row[1]), label, cyrillic, m.group(1)))
                break
    rng = random.Random("chokepoint-name-identifiers")
    sample = rng.sample(found_ids, min(600, len(found_ids)))
    path = os.path.join(data, "matching", "yente_negatives_global.csv.xz")
    negatives = [collapse(r["full_name"]) for r in csv.DictReader(io.StringIO(
        lzma.decompress(open(path, "rb").read()).decode("utf-8")))]
    others = rng.sample(negatives, 2 * len(sample))
    cases, fronts = [], []
    for k, (ent, name, label, cyrillic, value) in enumerate(sample):
        # After the name, after it with a comma, or before it in Cyrillic.
        field = ["%s %s %s" % (name, label, value), "%s, %s: %s" % (name, label, value),
                 "%s %s %s" % (cyrillic, value, name)][k % 3]
        cases.append((ent, name, field))
        fronts.append((ent, others[k], "%s %s %s" % (others[k], label, value)))
    hits, found, found_plain, rec = screen_sdn_queries(
        cli, rep, bundled_snap, cases,
        "OFAC SDN entries with an identifier written in the name field (INN, OGRN, USCC, IMO), "
        "recall@5")
    front_hits, front_found, _, front_rec = screen_sdn_queries(
        cli, rep, bundled_snap, fronts,
        "another name with an OFAC SDN entry's identifier written in the name field, recall@5")
    # Control: other negatives' names with a number of the same kind and
    # length made up (random digits), against every bundled list; beside it,
    # the names alone.
    controls = []
    for k, (_, _, label, _, value) in enumerate(sample):
        made_up = "".join(rng.choice("0123456789") for _ in value)
        controls.append((others[len(sample) + k], "%s %s %s" % (others[len(sample) + k], label,
                                                                made_up)))
    control_hits, _ = cli.screen_batch(bundled_snap, [{"name": f} for _, f in controls], 1,
                                       THRESHOLD)
    alone_hits, _ = cli.screen_batch(bundled_snap, [{"name": n} for n, _ in controls], 1,
                                     THRESHOLD)
    control_rate = ratio(sum(1 for h in control_hits if h), len(controls))
    alone_rate = ratio(sum(1 for h in alone_hits if h), len(controls))
    rep.measure("hard cases", "negatives' names with a made-up identifier in the name field, "
                "false-positive rate", control_rate, as_pct=True)
    kinds = collections.Counter(c[2] for c in sample)
    ex = [[c[0], c[2], top_hits(hs[:2])] for c, hs, f in zip(cases, hits, found) if not f][:10]
    ex += [[c[0], c[2], top_hits(hs[:2])] for c, hs, f in
           zip(fronts, front_hits, front_found) if not f][:10]
    rep.add(f"""### 5.14 Identifiers written in the name field

Payment messages and invoices often write a party's tax or registration number into its
name line (ROSOBORONEXPORT INN 7718852163; ИНН 7718852163 АО «Рособоронэкспорт»). From the
OFAC SDN file (`sanctions/ofac/sdn_2024-05-03.csv`) every entry whose remarks give a Russian
tax id (`Tax ID No. ... (Russia)`, written INN), a Russian registration number
(`Registration Number ... (Russia)`, OGRN), a Chinese unified social credit code (USCC) or a
vessel's IMO number (the first of these its remarks hold): {len(found_ids)} entries, of which a
deterministic sample of {len(sample)} (Python `random.Random("chokepoint-name-identifiers")`;
{", ".join("%s %d" % kv for kv in sorted(kinds.items()))}) is screened against the SDN list
(`--source us_ofac_sdn`, no schema) with the identifier after its label in the name field:
after the name, after it with a comma and colon, or in Cyrillic before it, in turn. Found
when the entry is among the top 5 hits at >= 0.70. Beside it, the names alone; and each
identifier after a name of the yente negatives instead (a front company's name with the
listed entity's number).

| queries | found | recall@5 | recall@5 of the names alone |
|---|---|---|---|
| the listed name with its identifier ({len(cases)}) | {sum(found)} | {fmt(rec)} | {fmt(ratio(sum(found_plain), len(found_plain)))} |
| another name with the identifier ({len(fronts)}) | {sum(front_found)} | {fmt(front_rec)} | |

Control: {len(controls)} other names of the negatives, each with a number of the same label
and length made up of random digits, against all bundled lists, beside the names alone.

| fields | with a hit | false-positive rate | the names alone |
|---|---|---|---|
| {len(controls)} | {sum(1 for h in control_hits if h)} | {pct(control_rate, 2)} | {pct(alone_rate, 2)} |

Misses (up to 10 of each):

{table(["SDN entry", "query", "top hits"], ex) if ex else "None."}""")


def listed_names(ofac, ofsi, un_xml):
    """(source, entry id, name) for every name and alias of the OFAC SDN, UK
    and UN lists as the publishers write them (a UK person as Name 1..5 then
    Name 6; a UN record's primary name from its name fields, its aliases and
    its name in the original script)."""
    out = []
    for ent, r in sorted(ofac.items(), key=lambda kv: int(kv[0])):
        out += [("us_ofac_sdn", ent, n) for n in r["names"]]
    col, rows = ofsi
    for r in rows:
        gid = r[col["Group ID"]].strip()
        parts = ["Name 6"] if r[col["Group Type"]] != "Individual" else \
            ["Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6"]
        out.append(("gb_ofsi", gid, " ".join(r[col[c]] for c in parts)))
        out.append(("gb_ofsi", gid, r[col["Name Non-Latin Script"]]))
    root = ET.parse(un_xml).getroot()
    for tag in ("INDIVIDUAL", "ENTITY"):
        for node in root.iter(tag):
            ref = (node.findtext("REFERENCE_NUMBER") or "").strip()
            out.append(("un_sc", ref, " ".join((node.findtext(t) or "") for t in
                                               ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME",
                                                "FOURTH_NAME"))))
            out.append(("un_sc", ref, node.findtext("NAME_ORIGINAL_SCRIPT") or ""))
            out += [("un_sc", ref, a.findtext("ALIAS_NAME") or "") for a in node.iter(tag + "_ALIAS")]
    return list(dict.fromkeys((src, i, collapse(n)) for src, i, n in out if i and collapse(n)))


def own_entry_row(cli, snapshot, src, label, example_label, cases):
    """Screens the names of `cases` ((entry id, name) of list `src`) against
    that list: (report row, up to 10 misses, found, counted). A name that
    more than 5 entries share (hundreds of vessels of one owner; aliases like
    "AL-AQSA FOUNDATION") cannot bring each back among 5 and is not counted."""
    cases = list(dict.fromkeys(cases))
    holders = {}
    for ent, name in cases:
        holders.setdefault(name.upper(), set()).add(ent)
    counted = [c for c in cases if len(holders[c[1].upper()]) <= 5]
    hits, found = screen_for_ids(cli, snapshot, [c[1] for c in counted], [c[0] for c in counted],
                                 src, (src,))
    n = sum(found)
    row = [label, len(cases), len(counted), n, fmt(ratio(n, len(counted)))]
    misses = [[example_label, c[0], c[1], top_hits(hs[:2])]
              for c, hs, f in zip(counted, hits, found) if not f][:10]
    return row, misses, n, len(counted)


def eval_listed_names(cli, data, rep, bundled_snap):
    """Every name of three lists screened as written against its own list:
    the entry's own record must come back (a check of the analysis's
    symmetry: a query is analysed without a schema, the listed name with its
    entry's)."""
    ofac, ofsi = ofac_records(data), ofsi_rows(data)
    cases = listed_names(ofac, ofsi, os.path.join(data, "sanctions", "un",
                                                  "UN_consolidated_2026-02.xml"))
    rows, examples, n_found, n_counted = [], [], 0, 0
    for src in ("us_ofac_sdn", "gb_ofsi", "un_sc"):
        row, misses, found, counted = own_entry_row(
            cli, bundled_snap, src, src, src, [(c[1], c[2]) for c in cases if c[0] == src])
        rows.append(row)
        examples += misses
        n_found += found
        n_counted += counted
    rep.measure("hard cases", "names of the SDN, UK and UN lists screened as written, own entry "
                "in the top 5", ratio(n_found, n_counted))
    # The SDN's persons, "SURNAME, Given" written given names first, as a
    # payment writes them ("HE, Yi" as "Yi HE").
    turned = []
    for ent, r in sorted(ofac.items(), key=lambda kv: int(kv[0])):
        if r["type"] != "individual":
            continue
        for n in dict.fromkeys(collapse(n) for n in r["names"]):
            if ", " in n:
                last, given = n.split(", ", 1)
                turned.append((ent, "%s %s" % (given, last)))
    # And the UK list's persons the other way, "SURNAME, Given" (Sheikh AWEYS
    # as AWEYS, Sheikh).
    col, uk_rows = ofsi
    uk_turned = []
    for r in uk_rows:
        given = collapse(" ".join(r[col[c]] for c in ("Name 1", "Name 2", "Name 3", "Name 4",
                                                        "Name 5")))
        last = collapse(r[col["Name 6"]])
        if r[col["Group Type"]] == "Individual" and given and last:
            uk_turned.append((r[col["Group ID"]].strip(), "%s, %s" % (last, given)))
    for src, label, names in (("us_ofac_sdn", "SDN persons given names first", turned),
                              ("gb_ofsi", "UK persons as SURNAME, Given", uk_turned)):
        row, misses, found, counted = own_entry_row(
            cli, bundled_snap, src, src + ", " + label[label.index(" ") + 1:], src + " (turned)",
            names)
        rep.measure("hard cases", "%s, own entry in the top 5" % label, ratio(found, counted))
        rows.append(row)
        examples += misses
    rep.add(f"""### 5.10 Every listed name as written

Every name and alias of the OFAC SDN list (`sdn_2024-05-03.csv` with `alt_2025-12.csv`), the
UK list (a person's `Name 1`..`Name 6` in that order, an entity's `Name 6`, and each `Name
Non-Latin Script`) and the UN list (the name fields, each alias, `NAME_ORIGINAL_SCRIPT`) is
screened as written against its own list (`--source`, no schema); found when the entry itself
is among the top 5 hits at >= 0.70. The query is analysed without a schema and the listed
name with its entry's, so a miss shows where the two analyses disagree (before round 33:
ST ALABUGA, read as a person's name, against the organisation's "saint alabuga"; the vessel
LADY LEILA, whose title the person analysis dropped; General Nkunda, read as a company for
its "general"). A name that more than 5 entries of the list share is not counted. The last
two rows turn the names around: each SDN person's "SURNAME, Given" written given names first,
as payments do (Yi HE for HE, Yi; when the row was added in round 33, 22 of them missed: He
read as the title H.E., Bin as a lineage connector, a family name moved to the front read as
a swapped lineage), and each UK person written "SURNAME, Given" (AWEYS, Sheikh for Sheikh
AWEYS: 33 of them missed, the title after the comma kept).

{table(["list", "names", "counted", "found", "recall@5"], rows)}

Misses (up to 10 per list):

{table(["list", "entry", "name", "top hits"], examples) if examples else "None."}""")


# Legal forms at the end of an OFAC SDN company name, as the list writes them.
SDN_LEGAL_END = re.compile(
    r"[ ,]+(S\.?A\.?( DE C\.?V\.?)?|LTD\.?|LIMITED|L\.?L\.?C\.?|INC\.?|GMBH|"
    r"CO\.?,? LTD\.?|CORP\.?|CORPORATION|JSC|OOO|OAO|PJSC|S\.?R\.?L\.?|B\.?V\.?|"
    r"S\.?L\.?|PLC|AG|FZE|FZCO|FZ-LLC)$")


def typo(word, rnd):
    """One letter of `word` (5 or more letters) dropped, swapped with the next
    or replaced, never the first or the last: a typist's slip."""
    i = rnd.randrange(1, len(word) - 2)
    kind = rnd.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1:]
    if kind == 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    other = [c for c in "AEIOURNSTL" if c != word[i].upper()]
    c = rnd.choice(other)
    return word[:i] + (c if word[i].isupper() else c.lower()) + word[i + 1:]


def eval_typo_companies(cli, data, rep, bundled_snap):
    """OFAC SDN companies of two words and a legal form, screened as the two
    words without the legal form and with a typo in each: a name that reads
    like a person's, found only by approximate pairs."""
    ofac = ofac_records(data)
    rnd = random.Random("chokepoint-typos")
    cases = []
    for ent, r in sorted(ofac.items(), key=lambda kv: int(kv[0])):
        name = collapse(r["names"][0])
        m = SDN_LEGAL_END.search(name)
        if r["type"] != "-0-" or not m:
            continue
        words = name[:m.start()].split()
        if len(words) != 2 or any(len(w) < 5 or not w.isalpha() for w in words):
            continue
        query = " ".join(typo(w, rnd) for w in words)
        if query.upper() != " ".join(words).upper():
            cases.append((ent, name, query))
    sdn = ("us_ofac_sdn",)
    hits, found = screen_for_ids(cli, bundled_snap, [c[2] for c in cases], [c[0] for c in cases],
                                 sdn[0], sdn)
    rec = ratio(sum(found), len(found))
    rep.measure("hard cases", "OFAC SDN companies of two words, a typo in each and no legal "
                "form, recall@5", rec)
    ex = [[c[0], c[1], c[2], top_hits(hs[:2])]
          for c, hs, f in zip(cases, hits, found) if not f][:15]
    rep.add(f"""### 5.11 Company names with a typo in each word and no legal form

Every OFAC SDN entity (`sanctions/ofac/sdn_2024-05-03.csv`, type `-0-`) whose primary name is
two words of five or more letters and a legal form at the end (LTD, S.A., LLC, OOO ...) is
screened as the two words without the legal form, each with one inner letter dropped, swapped
with the next or replaced (Python `random.Random("chokepoint-typos")`): VELS ATIV for VELES
AKTIV OOO (`--source us_ofac_sdn`, no schema). Such a query reads like a person's name and
pairs with its entry only approximately, so rules against people's names that merely resemble
a company's cost here. Found when the entity is among the top 5 hits at >= 0.70.

| names | found | recall@5 |
|---|---|---|
| {len(cases)} | {sum(found)} | {fmt(rec)} |

Misses (up to 15):

{table(["SDN entry", "listed name", "query", "top hits"], ex) if ex else "None."}""")


# Legal forms at the end of a Chinese company's name (simplified and
# traditional), longest first.
HAN_LEGAL_END = ("股份有限公司", "有限责任公司", "有限責任公司", "有限公司", "公司")
# Places of registration that begin the UK list's English names of Chinese
# companies, and how their Han names write them.
HAN_PLACES = {"DONGGUAN": "东莞", "GUANGZHOU": "广州", "SUZHOU": "苏州", "NINGBO": "宁波",
              "CHENGDU": "成都", "WUHAN": "武汉", "JINHUA": "金华", "SHENZHEN": "深圳",
              "HONG KONG": "香港", "HK": "香港", "BEIJING": "北京", "SHANGHAI": "上海"}


def eval_ofsi_han(cli, data, rep, bundled_snap):
    """The UK list's Han names of companies screened shortened as a Chinese
    document often writes them: without the legal form, and without the
    place of registration as well."""
    col, rows = ofsi_rows(data)
    short, no_place = [], []
    for r in rows:
        if r[col["Group Type"]] == "Individual":
            continue
        gid, native = r[col["Group ID"]].strip(), collapse(r[col["Name Non-Latin Script"]])
        if " " in native or not HAN.search(native):
            continue
        end = next((e for e in HAN_LEGAL_END if native.endswith(e)), None)
        if end is None or len(native) - len(end) < 4:
            continue
        name = native[:-len(end)]
        short.append((gid, name))
        english = collapse(r[col["Name 6"]]).upper()
        for place, han in HAN_PLACES.items():
            if english.startswith(place + " ") and name.startswith(han):
                rest = name[len(han):]
                rest = rest[1:] if rest.startswith("市") else rest
                if len(rest) >= 2:
                    no_place.append((gid, rest + end))
    rows_out, examples = [], []
    for label, cases in (("legal form dropped", short),
                         ("place of registration dropped", no_place)):
        row, misses, found, counted = own_entry_row(cli, bundled_snap, "gb_ofsi", label, label,
                                                    cases)
        rep.measure("hard cases", "UK Han company names, %s, own entry in the top 5" % label,
                    ratio(found, counted))
        rows_out.append(row)
        examples += misses
    rep.add(f"""### 5.12 Chinese company names shortened

Every UK list entity (`Group Type` not `Individual`) whose `Name Non-Latin Script` is one Han
word ending in a legal form (股份有限公司, 有限责任公司, 有限公司, 公司) is screened against
the UK list (`--source gb_ofsi`, no schema) without that legal form (东莞圣寅数控设备 for
东莞圣寅数控设备有限公司), and, when its English name begins with a place of registration
the script knows (DONGGUAN, SUZHOU, HK ...) and the Han name with that place's Han, without
the place (and a following 市) but with the legal form (圣寅数控设备有限公司). Han writes no
spaces between words, so such a pair is found only when the name is cut into its words. Found
when the entry is among the top 5 hits at >= 0.70.

{table(["variant", "names", "counted", "found", "recall@5"], rows_out)}

Misses:

{table(["variant", "entry", "name", "top hits"], examples) if examples else "None."}""")


def bundled_specs():
    specs = []
    for line in open(os.path.join(REPO, "scripts", "bundled_specs.sh"), encoding="utf-8"):
        line = line.strip()
        if line.startswith('BUNDLED_SPECS="'):
            line = line[len('BUNDLED_SPECS="'):]
        line = line.rstrip('"')
        if ":$L/" in line:
            specs.append(line.replace("$L", os.path.join(REPO, "data", "lists")))
    return specs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.environ.get("CHOKEPOINT_BIN"), help="the chokepoint binary")
    ap.add_argument("--shared", default=os.environ.get("CHOKEPOINT_SHARED_DIR",
                                                       os.path.join(REPO, "..", "shared")))
    ap.add_argument("--out", default=os.path.join(REPO, "docs", "accuracy.md"))
    ap.add_argument("--work", help="keep intermediate files here (default: a temp folder)")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--sample", type=int, default=2000, help="Wikidata pairs per script")
    ap.add_argument("--only", default="", help="comma-separated sections: bench,un,neg,cross,hard")
    args = ap.parse_args()
    if not args.bin:
        sys.exit("eval_screening: give --bin or set CHOKEPOINT_BIN")
    data = os.path.join(os.path.abspath(args.shared), "data")
    if not os.path.isdir(os.path.join(data, "matching")):
        sys.exit("eval_screening: no shared data at %s (set CHOKEPOINT_SHARED_DIR)" % data)
    only = set(filter(None, args.only.split(",")))
    want = lambda s: not only or s in only  # noqa: E731
    tmp = None
    if args.work:
        os.makedirs(args.work, exist_ok=True)
        work = args.work
    else:
        tmp = tempfile.TemporaryDirectory(prefix="chokepoint-eval-")
        work = tmp.name
    cli = Cli(os.path.abspath(args.bin), work, args.threads)
    rep = Report()
    t0 = time.time()
    version = cli.run(["--version"])[0].strip()
    log("importing snapshots ...")
    un_snap, un_info = cli.import_snapshot(
        "un", ["un:" + os.path.join(data, "sanctions", "un", "UN_consolidated_2026-02.xml")])
    bundled_snap, bundled_info = None, {"version": "(not used)", "entities": 0}
    if want("neg") or want("hard"):
        bundled_snap, bundled_info = cli.import_snapshot("bundled", bundled_specs())
    steps = [("bench", "nomenklatura name_bench", lambda: eval_name_bench(cli, data, rep)),
             ("un", "UN positives", lambda: eval_un_positives(cli, data, rep, un_snap)),
             ("neg", "negatives", lambda: eval_negatives(
                 cli, data, rep, [("UN list", un_snap), ("all bundled lists", bundled_snap)])),
             ("cross", "cross-script", lambda: eval_cross_script(cli, data, rep, args.sample)),
             ("hard", "hard cases", lambda: (eval_ofsi_cyrillic(cli, data, rep, bundled_snap),
                                            eval_eu_han(cli, data, rep),
                                            eval_eu_hangul(cli, data, rep),
                                            eval_ofsi_alias_pairs(cli, data, rep),
                                            eval_ofsi_entity_names(cli, data, rep),
                                            eval_korean_respelt(cli, data, rep, un_snap),
                                            eval_named_after(cli, data, rep),
                                            eval_truncated(cli, data, rep, bundled_snap),
                                            eval_address_appended(cli, data, rep, bundled_snap),
                                            eval_listed_names(cli, data, rep, bundled_snap),
                                            eval_typo_companies(cli, data, rep, bundled_snap),
                                            eval_ofsi_han(cli, data, rep, bundled_snap),
                                            eval_several_names(cli, data, rep, bundled_snap),
                                            eval_name_identifiers(cli, data, rep, bundled_snap),
                                            eval_street_address(cli, data, rep, bundled_snap)))]
    for key, label, fn in steps:
        if want(key):
            log("%s ..." % label)
            t = time.time()
            fn()
            log("  %.0f s" % (time.time() - t))
    elapsed = time.time() - t0

    today = datetime.date.today().isoformat()
    summary_rows = [[s, m, v, g, "" if met is None else ("yes" if met else "**no**")]
                    for s, m, v, g, met in rep.summary]
    doc = f"""# Screening accuracy

Generated by `scripts/eval-screening` on {today} ({version}; {elapsed / 60:.1f} minutes on
{os.cpu_count()} cores). Do not edit by hand: rerun the script.

- Snapshots: the UN list `sanctions/un/UN_consolidated_2026-02.xml` imported alone
  (version `{un_info["version"]}`, {un_info["entities"]} entities), and all bundled lists
  (`data/lists`, version `{bundled_info["version"]}`, {bundled_info["entities"]} entities).
- Threshold 0.70 (the CLI default) unless a row says otherwise; scores are the calibrated
  model's (`ScoringMode::kCalibrated`).
- Data: the public labelled sets in the shared data folder (`matching/`, `sanctions/`;
  provenance in its README). About a quarter of the labelled matching data is kept aside
  for independent evaluation and is not used here.
- Every expected answer is computed by `tools/eval_screening.py` from the source files
  (csv, xml.etree, lzma), never from the engine's output. The engine is only asked through
  the CLI: `compare --pairs` and batch `screen --in`.

## Summary

{table(["section", "measure", "value", "goal", "met"], summary_rows)}
"""
    doc += "\n" + "\n".join(rep.sections)
    if not only:
        os.makedirs(os.path.dirname(args.out), exist_ok=True)
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(doc)
        log("wrote %s" % args.out)
    else:
        partial = os.path.join(work, "accuracy_partial.md")
        with open(partial, "w", encoding="utf-8") as f:
            f.write(doc)
        log("partial run (--only): wrote %s, not %s" % (partial, args.out))
    print("Screening accuracy (threshold 0.70)")
    for s, m, v, g, met in rep.summary:
        mark = "" if met is None else ("  ok" if met else "  MISSED")
        print("  %-14s %-62s %9s  %s%s" % (s, m, v, ("goal " + g) if g else "", mark))
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
