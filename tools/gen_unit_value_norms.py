#!/usr/bin/env python3
"""Derives the unit-value norms of rule RF-UNIT-PRICE-HIGH/LOW from trade data.

Usage: tools/gen_unit_value_norms.py [SHARED_DIR]   (default: $CHOKEPOINT_SHARED_DIR or ../shared)

Reads the UN Comtrade extracts in SHARED_DIR/data/trade/comtrade_armenia_georgia_vehicles/
(Armenia and Georgia imports, HS6 leaf codes, 2017-2021, quantity unit "u") and
prints, per HS6 with at least MIN_SAMPLES monthly partner rows, the median of
trade_value_us / Qty (USD per unit) as the JSON object pasted into
data/rules/default_rules.json under the unit-price rules' "norms". These are
the only public records in the shared trade data with both a value and a
quantity; other HS6 codes get their norm from peer unit values in the batch
being checked (see docs/risk.md).
"""
import csv
import collections
import json
import os
import statistics
import sys

MIN_SAMPLES = 20


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CHOKEPOINT_SHARED_DIR", "../shared")
    folder = os.path.join(shared, "data", "trade", "comtrade_armenia_georgia_vehicles")
    values = collections.defaultdict(list)
    for name in ("vehicle_trade_armenia.csv", "vehicle_trade_georgia.csv"):
        with open(os.path.join(folder, name), encoding="latin-1", newline="") as f:
            for r in csv.DictReader(f):
                if r["trade_flow"] != "Import" or len(r["commodity_code"]) != 6:
                    continue
                if int(r["year"]) > 2021 or r["QtyUnitAbbr"] != "u":
                    continue
                try:
                    q, v = float(r["Qty"]), float(r["trade_value_us"])
                except ValueError:
                    continue
                if q > 0 and v > 0:
                    values[r["commodity_code"]].append(v / q)
    norms = {}
    for hs6 in sorted(values):
        if len(values[hs6]) >= MIN_SAMPLES:
            norms[hs6] = {"unit": "u", "currency": "USD", "value": round(statistics.median(values[hs6])),
                          "samples": len(values[hs6])}
    print(json.dumps(norms, indent=2))


if __name__ == "__main__":
    main()
