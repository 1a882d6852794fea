#!/usr/bin/python3
"""Measures the goods classifier (`chokepoint classify`) and writes
docs/goods_accuracy.md.

Labelled sets (all public or hand-written; no engine output is used as a
label):
  cn8       Eurostat CN8 product descriptions (shared/data/trade/
            eurostat_eu_exports_cn8_ru_neighbours/product_codes_descriptions.csv);
            the label is the first six digits. These texts are close to the
            HS wording, so this is the easy set.
  cn8-hard  the same descriptions with every word of the HS heading's
            (4-digit) description removed and the remaining words shuffled
            (fixed seed); rows left with fewer than two words are dropped.
  invoice   tests/fixtures/goods/invoice_lines.csv: ~90 invoice lines in
            English, Russian and Chinese with part numbers, labelled by an
            analyst before the classifier was run.
Metrics: top-1 and top-3 accuracy at HS6, and "CHPL or not" (is the top-1
candidate on the CHPL exactly when the label is; no candidate counts as
"not CHPL"), plus CHPL recall (labelled-CHPL rows whose top-1 is a CHPL code).

Usage: tools/eval_goods.py --bin BUILD/chokepoint_bootstrap [--shared DIR]
       [--out docs/goods_accuracy.md]
"""
import argparse
import collections
import csv
import json
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def load_hs(shared):
    hs = {}
    with open(os.path.join(shared, "data/hs/hs2022_harmonized-system.csv"), encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            if r["section"] != "TOTAL" and r["hscode"]:
                hs[r["hscode"]] = " ".join(r["description"].split())  # as the generator stores it
    return hs


def load_chpl(shared):
    path = os.path.join(shared, "data/trade/chpl/common_high_priority_list_hs6_2024-02.csv")
    with open(path, encoding="utf-8") as f:
        return {r["hs6"]: r["tier"] for r in csv.DictReader(f)}


WORD = re.compile(r"[A-Za-z]+")


def cn8_sets(shared, hs):
    path = os.path.join(shared, "data/trade/eurostat_eu_exports_cn8_ru_neighbours/product_codes_descriptions.csv")
    easy, hard, dropped = [], [], 0
    rng = random.Random(20240223)
    with open(path, encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            code, text = r["cn8"].strip(), " ".join(r["product"].split())
            if len(code) != 8 or not code.isdigit() or code[:6] not in hs:
                dropped += 1
                continue
            easy.append((text, code[:6], "en"))
            heading_words = {w.lower() for w in WORD.findall(hs.get(code[:4], ""))}
            words = [w for w in re.split(r"\s+", text) if w and
                     not (WORD.fullmatch(w.strip(",.;:()\"'")) and w.strip(",.;:()\"'").lower() in heading_words)]
            words = [w for w in words if WORD.search(w)]
            if len(words) < 2:
                continue
            rng.shuffle(words)
            hard.append((" ".join(words), code[:6], "en"))
    return easy, hard, dropped


def invoice_set(path):
    with open(path, encoding="utf-8") as f:
        return [(r["text"], r["hs6"], r["lang"]) for r in csv.DictReader(f)]


def classify(binary, texts, top=3):
    """Runs `classify --batch -` once over all texts; returns lists of hs6."""
    proc = subprocess.run([binary, "classify", "--batch", "-", "--top", str(top)],
                          input="\n".join(t.replace("\n", " ") for t in texts) + "\n",
                          capture_output=True, text=True, check=True)
    out = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    if len(out) != len(texts):
        raise RuntimeError(f"classify returned {len(out)} results for {len(texts)} texts")
    return [[c["hs6"] for c in o["candidates"]] for o in out]


def score(rows, preds, chpl):
    n = len(rows)
    top1 = sum(1 for (t, y, _), p in zip(rows, preds) if p[:1] == [y])
    top3 = sum(1 for (t, y, _), p in zip(rows, preds) if y in p[:3])
    chpl_ok = sum(1 for (t, y, _), p in zip(rows, preds) if (y in chpl) == (bool(p) and p[0] in chpl))
    chpl_rows = [(y, p) for (t, y, _), p in zip(rows, preds) if y in chpl]
    chpl_recall = sum(1 for y, p in chpl_rows if p and p[0] in chpl)
    return {"n": n, "top1": top1 / n if n else 0, "top3": top3 / n if n else 0,
            "chpl_or_not": chpl_ok / n if n else 0,
            "chpl_n": len(chpl_rows), "chpl_recall": chpl_recall / len(chpl_rows) if chpl_rows else 0}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--shared", default=os.environ.get("CHOKEPOINT_SHARED_DIR", os.path.join(ROOT, "../shared")))
    ap.add_argument("--out", default=os.path.join(ROOT, "docs/goods_accuracy.md"))
    args = ap.parse_args()
    hs, chpl = load_hs(args.shared), load_chpl(args.shared)
    easy, hard, dropped = cn8_sets(args.shared, hs)
    inv = invoice_set(os.path.join(ROOT, "tests/fixtures/goods/invoice_lines.csv"))
    results, misses = {}, []
    for name, rows in (("cn8", easy), ("cn8-hard", hard), ("invoice", inv)):
        preds = classify(args.bin, [t for t, _, _ in rows])
        results[name] = score(rows, preds, chpl)
        if name == "invoice":
            for lang in ("en", "ru", "zh"):
                sub = [(r, p) for r, p in zip(rows, preds) if r[2] == lang]
                results[f"invoice ({lang})"] = score([r for r, _ in sub], [p for _, p in sub], chpl)
            misses = [(t, y, p) for (t, y, _), p in zip(rows, preds) if p[:1] != [y]]
        # CHPL-only slice of the CN8 set: the goods the product is for.
        if name == "cn8":
            sub = [(r, p) for r, p in zip(rows, preds) if r[1] in chpl]
            results["cn8 (CHPL labels only)"] = score([r for r, _ in sub], [p for _, p in sub], chpl)
    lines = ["# Goods classifier accuracy", "",
             "Generated by `scripts/eval-goods` (tools/eval_goods.py); do not edit by hand.", "",
             "Sets: **cn8** = Eurostat CN8 product descriptions, label = first 6 digits "
             f"({dropped} rows whose HS6 is not in HS 2022 dropped); **cn8-hard** = the same with the "
             "HS heading's words removed and the rest shuffled; **invoice** = "
             "tests/fixtures/goods/invoice_lines.csv (hand-written, labelled before running the "
             "classifier; most of its labels are CHPL codes, and its misses were used to find bugs "
             "after the first run, so its numbers are optimistic: see docs/goods.md).", "",
             "| set | rows | top-1 HS6 | top-3 HS6 | CHPL-or-not (top-1) | CHPL rows | CHPL recall (top-1) |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name, r in results.items():
        lines.append(f"| {name} | {r['n']} | {r['top1']:.3f} | {r['top3']:.3f} | {r['chpl_or_not']:.3f} "
                     f"| {r['chpl_n']} | {r['chpl_recall']:.3f} |")
    lines += ["", "## Invoice lines whose top-1 is not the label", "",
              "| text | label | top-3 |", "|---|---|---|"]
    for t, y, p in misses:
        lines.append(f"| {t.replace('|', '/')} | {y} | {', '.join(p) or '(none)'} |")
    lines.append("")
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    for name, r in results.items():
        print(f"{name:28s} n={r['n']:5d} top1={r['top1']:.3f} top3={r['top3']:.3f} "
              f"chpl_or_not={r['chpl_or_not']:.3f} chpl_recall={r['chpl_recall']:.3f}")


if __name__ == "__main__":
    main()
