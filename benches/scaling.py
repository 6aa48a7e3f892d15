#!/usr/bin/env python3
"""Per-parameter decode cost and the fitted exponent from `cargo bench --bench scaling`.

Reads target/criterion/scaling_{form,json}/{derived,baseline}/<N>/new/estimates.json
(median, ns) and prints, per codec and side, the time per unknown parameter at each N
and the least-squares slope of log(time) against log(N): 1.0 is linear, 2.0 quadratic.
"""
import json
import math
import pathlib
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
sizes = [10, 100, 1000, 10000, 100000]


def median(group, who, n):
    path = root / group / who / str(n) / "new" / "estimates.json"
    return json.loads(path.read_text())["median"]["point_estimate"]


def slope(points):
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


print("| codec | side | " + " | ".join(f"ns/param N={n:,}" for n in sizes) + " | exponent (all N) | exponent (N >= 1,000) |")
print("|---|---|" + "--:|" * len(sizes) + "--:|--:|")
for group in ["scaling_form", "scaling_json"]:
    for who in ["derived", "baseline"]:
        points = [(n, median(group, who, n)) for n in sizes]
        per = " | ".join(f"{t / n:,.1f}" for n, t in points)
        large = [p for p in points if p[0] >= 1000]
        print(f"| {group[8:]} | {who} | {per} | {slope(points):.3f} | {slope(large):.3f} |")
