#!/usr/bin/python3
"""Generates a synthetic customs data set with known true shares.

Russia's imports (reporter RU, flow import, USD) by origin, monthly 2021-2023,
for the goods groups of the founding assessment, shaped after the public
figures (PRODUCT.md): China's share of microelectronics imports ~90% in 2023;
~70% of ~US$900M machine-tool imports in Q4 2023; semiconductors from China
~US$200M in 2021 and over US$500M in 2022. The numbers are planted, not real:
the data set exists so that the share, dependency and report code can be
checked against a known truth, and so the answers are there the moment real
mirror or customs data is loaded in the same layout.

Output columns: reporter,partner,flow,hs,period,value,currency
Usage: gen_trade_sample.py [--seed N] [--out FILE]   (default: stdout)
"""
import argparse
import csv
import random
import sys

GROUPS = {
    # group: HS6 codes and their fixed weights within the group
    "microelectronics": [("854231", 0.35), ("854232", 0.2), ("854239", 0.2), ("854110", 0.1),
                         ("854129", 0.15)],
    "machine-tools": [("845710", 0.3), ("845811", 0.2), ("845961", 0.2), ("846693", 0.3)],
    "optics": [("901380", 0.6), ("900590", 0.4)],
    "engines": [("840734", 0.5), ("841112", 0.5)],
    "uavs": [("880621", 1.0)],
    "nitrocellulose": [("391220", 1.0)],
}
OTHERS = ["HK", "TR", "KZ", "AE", "DE", "US", "IN", "KR", "JP", "MY"]

# (group, year, quarter) -> (total USD for the quarter, China's share)
def plan(group, year, quarter):
    if group == "microelectronics":
        total = {2021: 300e6, 2022: 200e6, 2023: 275e6}[year]
        share = {2021: 0.1667, 2022: 0.63, 2023: 0.90}[year]
    elif group == "machine-tools":
        total = {2021: 700e6, 2022: 600e6, 2023: 800e6}[year]
        share = {2021: 0.25, 2022: 0.45, 2023: 0.62}[year]
        if year == 2023 and quarter == 4:
            total, share = 900e6, 0.70
    else:
        total, share = 40e6, {2021: 0.3, 2022: 0.5, 2023: 0.6}[year]
    return total, share


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20240101)
    ap.add_argument("--out")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    out = open(args.out, "w", newline="", encoding="utf-8") if args.out else sys.stdout
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["reporter", "partner", "flow", "hs", "period", "value", "currency"])
    for group, codes in GROUPS.items():
        for year in (2021, 2022, 2023):
            for quarter in (1, 2, 3, 4):
                total, cn_share = plan(group, year, quarter)
                # The other origins share the rest with fixed random weights.
                weights = [rng.uniform(0.5, 1.5) for _ in OTHERS]
                wsum = sum(weights)
                for m in range(3 * quarter - 2, 3 * quarter + 1):
                    month_total = total / 3 * rng.uniform(0.97, 1.03)
                    origins = [("CN", cn_share)] + [
                        (o, (1 - cn_share) * wt / wsum) for o, wt in zip(OTHERS, weights)]
                    for origin, share in origins:
                        for code, cw in codes:
                            v = month_total * share * cw * rng.uniform(0.98, 1.02)
                            w.writerow(["RU", origin, "import", code, f"{year}-{m:02d}",
                                        f"{v:.2f}", "USD"])


if __name__ == "__main__":
    main()
