#!/usr/bin/env python3
"""Print one markdown table per `peers_*` group of `cargo bench` in peers/: derived
(oidc-core), peer (openidconnect-rs 4) and baseline (hand-written serde) medians, and
the ratios derived/peer and derived/baseline (below 1: oidc-core is faster).

Reads <root>/<group>/<fn>/new/estimates.json (median, ns). peers/ is its own workspace,
so the default root is peers/target/criterion, not the repository's target/.
"""
import json
import pathlib
import sys

here = pathlib.Path(__file__).resolve().parent
root = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else here / "target" / "criterion"


def median(group, who):
    path = root / group / who / "new" / "estimates.json"
    if not path.is_file():
        return None
    return json.loads(path.read_text())["median"]["point_estimate"]


def ns(value):
    return "n/a" if value is None else f"{value:,.0f}"


def ratio(a, b):
    return "n/a" if a is None or b is None else f"{a / b:.2f}"


groups = sorted(p.name for p in root.glob("peers_*") if p.is_dir())
if not groups:
    sys.exit(f"no peers_* results under {root}: run `cargo bench` in peers/ first")
for group in groups:
    d, p, b = (median(group, who) for who in ("derived", "peer", "baseline"))
    print(f"### {group}\n")
    print("| derived ns | peer ns | baseline ns | derived/peer | derived/baseline |")
    print("|--:|--:|--:|--:|--:|")
    print(f"| {ns(d)} | {ns(p)} | {ns(b)} | {ratio(d, p)} | {ratio(d, b)} |\n")
