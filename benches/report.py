#!/usr/bin/env python3
"""BENCHMARKS.md's tables, regenerated from recorded bench runs.

    python3 benches/report.py record     # snapshot the criterion results as one run
    python3 benches/report.py render     # rewrite BENCHMARKS.md's generated tables
    python3 benches/report.py clear      # forget the recorded runs (after a code change)
    python3 benches/report.py record --criterion DIR --commit SHA --note "idle"
                                         # import results measured in another checkout

`record` reads the medians criterion left under target/criterion (benches/codec.rs,
benches/scaling.rs, oidc-core/benches/verify.rs with either backend) and
peers/target/criterion (peers/benches/peers.rs), plus the allocation counts
benches/codec.rs writes to target/criterion/allocations.json, and stores them with the
commit, the date and the load average in benches/runs/<time>.json. Only results
written since the last `record` are taken (criterion keeps its last result of every
group), so the benches can be run one at a time, each followed by `record`; and only
groups written within `--window` minutes (default 30) before the newest result, so a
group left by an earlier bench run that was stopped or not recorded is not taken for
this one's: record right after each bench. A group a bench left incomplete (stopped
part way: a scaling group without all its sizes, a codec group without its baseline) is
left out too; both are named. Results imported with `--criterion` go through the same
checks; their load is unknown, so say it in `--note`.

`render` replaces every block between `<!-- BEGIN generated: NAME -->` and
`<!-- END generated -->` in BENCHMARKS.md with a table over all recorded runs: for each
operation the median over runs of each side's median, the ratio of those medians, and
the lowest and highest per-run ratio (the spread between runs). Text outside the blocks
is left alone, so it must not quote numbers.
"""
import argparse
import datetime
import json
import math
import os
import pathlib
import statistics
import subprocess
import sys

repo = pathlib.Path(__file__).resolve().parent.parent
runs_dir = repo / "benches" / "runs"
criterion_roots = [
    pathlib.Path(os.environ.get("CARGO_TARGET_DIR", repo / "target")) / "criterion",
    repo / "peers" / "target" / "criterion",
]

# Targets of the performance issue: derived / baseline medians at most this.
CODEC = [
    ("auth_request_url_decode", "auth request decode from URL (`auth_request.url`)", 0.30),
    ("auth_request_url_encode", "auth request encode into URL", 0.60),
    ("auth_redirect_query_decode", "redirect decode, query (`auth_success_query.url`)", None),
    ("auth_redirect_fragment_decode", "redirect decode, fragment (`auth_success_fragment.url`)", None),
    ("token_request_form_decode", "token request form decode (`token_request.form`)", 0.30),
    ("token_request_form_encode", "token request form encode", 0.60),
    ("token_response_json_decode", "token response JSON decode (`token_response.json`)", 0.80),
    ("id_token_claims_json_decode", "ID Token claims JSON decode, unknown kept (`id_token_claims.json`)", 0.35),
    ("discovery_large_json_decode", "discovery 6.3 KB JSON decode, unknown kept (`discovery_large.json`)", 0.80),
    ("discovery_small_json_decode", "discovery 1.6 KB JSON decode (`discovery_small.json`)", None),
]
VERIFY = [
    (f"id_token_verify_{alg}_{backend}", alg, label)
    for backend, label in [("aws-lc-rs", "aws-lc-rs (default)"), ("RustCrypto", "RustCrypto")]
    for alg in ["RS256", "ES256"]
]
VERIFY_TARGET = 1.2
PEERS = [
    ("peers_auth_request_url_encode", "authorization URL encode"),
    ("peers_token_request_form_encode", "token request form encode"),
    ("peers_token_response_json_decode", "token response JSON decode"),
    ("peers_discovery_large_json_decode", "discovery 6.3 KB JSON decode"),
    ("peers_discovery_small_json_decode", "discovery 1.6 KB JSON decode"),
    ("peers_id_token_verify_RS256", "ID Token verify + validate, RS256"),
]
SCALING_SIZES = [10, 100, 1000, 10000, 100000]


def estimates(path):
    return json.loads(path.read_text())["median"]["point_estimate"]


def snapshot(roots, since):
    """The criterion medians under `roots` written after `since` (epoch seconds), so a
    result left from an earlier run is not recorded twice:
    {"group/function[/size]": (ns, written at)}."""
    medians = {}
    for root in roots:
        if not root.is_dir():
            continue
        for path in root.glob("**/new/estimates.json"):
            written = path.stat().st_mtime
            if written <= since:
                continue
            key = path.parent.parent.relative_to(root).as_posix()
            medians[key] = (estimates(path), written)
    return medians


def group_of(key):
    """The bench group of a result key ("group/function[/size]")."""
    return key.split("/", 1)[0]


def recent(medians, window):
    """The groups written within `window` minutes before the newest result, so a group
    left by an earlier (aborted, or unrecorded) bench run is not taken for this one's;
    says which groups it left out. {"group/function[/size]": ns}."""
    if not medians:
        return {}
    oldest = max(written for _, written in medians.values()) - window * 60
    stale = {group_of(key) for key, (_, written) in medians.items() if written < oldest}
    for group in sorted(stale):
        print(f"not recorded: {group} was written more than {window:g} minutes before"
              " the newest result (left by an earlier run? run its bench again)",
              file=sys.stderr)
    return {key: ns for key, (ns, _) in medians.items() if group_of(key) not in stale}


def required(group):
    """The results a complete run of `group` leaves (a bench stopped part way leaves
    fewer, and its group is then not recorded)."""
    if group.startswith("scaling_"):
        return {f"{who}/{n}" for who in ["derived", "baseline"] for n in SCALING_SIZES}
    if group.startswith("id_token_verify_"):
        return {"derived", "baseline", "signature_only"}
    if group.startswith("peers_"):
        return {"derived", "peer"}
    if group in {name for name, _, _ in CODEC}:
        return {"derived", "baseline"}
    return {"derived"}


def complete_groups(medians):
    """`medians` without the groups a run left incomplete; says which it left out."""
    groups = {}
    for key in medians:
        group, function = key.split("/", 1)
        groups.setdefault(group, set()).add(function)
    incomplete = set()
    for group, functions in sorted(groups.items()):
        missing = required(group) - functions
        if missing:
            incomplete.add(group)
            print(f"not recorded: {group} is incomplete (no {', '.join(sorted(missing))});"
                  " a bench run stopped part way? run it again", file=sys.stderr)
    return {key: ns for key, ns in medians.items() if group_of(key) not in incomplete}


def record(args):
    imported = bool(args.criterion)
    if imported:
        roots = [pathlib.Path(d) for d in args.criterion]
        since = 0
    else:
        roots = criterion_roots
        since = max((r.get("recorded_at", 0) for r in load_runs()), default=0)
    medians = complete_groups(recent(snapshot(roots, since), args.window))
    if not medians:
        sys.exit("no new complete criterion results since the last record: run the"
                 " benches first")
    allocations = None
    alloc_path = roots[0] / "allocations.json"
    if alloc_path.is_file() and alloc_path.stat().st_mtime > since:
        allocations = json.loads(alloc_path.read_text())
    commit = args.commit or subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True, text=True
    ).stdout.strip()
    now = datetime.datetime.now(datetime.timezone.utc)
    if imported:
        # When the results were written, not when they were copied.
        newest = max(
            p.stat().st_mtime
            for root in roots
            for p in root.glob("**/new/estimates.json")
        )
        measured = datetime.datetime.fromtimestamp(newest, datetime.timezone.utc)
    else:
        measured = now
    run = {
        "date": measured.strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
        "recorded_at": now.timestamp(),
        # The load while the benches ran is unknown for imported results.
        "load_average": None if imported else os.getloadavg()[0],
        "note": args.note,
        "medians": medians,
        "allocations": allocations,
    }
    runs_dir.mkdir(exist_ok=True)
    out = runs_dir / f"{measured.strftime('%Y%m%dT%H%M%S')}.json"
    out.write_text(json.dumps(run, indent=1, sort_keys=True) + "\n")
    print(f"recorded {len(medians)} medians in {out.relative_to(repo)}")


def load_runs():
    return [json.loads(p.read_text()) for p in sorted(runs_dir.glob("*.json"))]


def ns(value):
    return "n/a" if value is None else f"{value:,.0f}"


def us(value):
    return "n/a" if value is None else f"{value / 1000:,.1f}"


class Side:
    """One operation's medians across the runs that measured it."""

    def __init__(self, runs, group):
        self.runs = runs
        self.group = group

    def per_run(self, who):
        return [r["medians"].get(f"{self.group}/{who}") for r in self.runs]

    def median(self, who):
        values = [v for v in self.per_run(who) if v is not None]
        return statistics.median(values) if values else None

    def ratios(self, a, b):
        return [x / y for x, y in zip(self.per_run(a), self.per_run(b)) if x and y]

    def ratio_cells(self, a, b):
        """(ratio of the medians, "lo–hi" per-run ratio spread, runs)."""
        ratios = self.ratios(a, b)
        if not ratios:
            return None, "n/a", 0
        ratio = self.median(a) / self.median(b)
        return ratio, f"{min(ratios):.2f}–{max(ratios):.2f}", len(ratios)


def codec_table(runs):
    rows = [
        "| operation | derived ns | baseline ns | ratio | spread (runs) | target | met |",
        "|---|--:|--:|--:|--:|--:|:-:|",
    ]
    for group, label, target in CODEC:
        s = Side(runs, group)
        ratio, spread, n = s.ratio_cells("derived", "baseline")
        if ratio is None:
            continue
        met = "" if target is None else ("yes" if ratio <= target else "no")
        target_text = "" if target is None else f"<= {target:.2f}"
        shown = f"**{ratio:.2f}**" if target is not None else f"{ratio:.2f}"
        rows.append(
            f"| {label} | {ns(s.median('derived'))} | {ns(s.median('baseline'))} | {shown} "
            f"| {spread} ({n}) | {target_text} | {met} |"
        )
    return rows


def allocations_table(runs):
    latest = next((r["allocations"] for r in reversed(runs) if r.get("allocations")), None)
    if latest is None:
        return ["(no allocation counts recorded: run `cargo bench --bench codec`)"]
    rows = [
        "| input | present values | derived | baseline |",
        "|---|--:|--:|--:|",
    ]
    for row in latest:
        rows.append(
            f"| `{row['input']}` | {row['present_values']} | {row['derived']} | {row['baseline']} |"
        )
    return rows


def verify_table(runs):
    rows = [
        "| operation | backend | derived µs | baseline µs | signature only µs | ratio | spread (runs) | target |",
        "|---|---|--:|--:|--:|--:|--:|--:|",
    ]
    for group, alg, backend in VERIFY:
        s = Side(runs, group)
        ratio, spread, n = s.ratio_cells("derived", "baseline")
        if ratio is None:
            continue
        rows.append(
            f"| ID Token verify + validate, {alg} | {backend} | {us(s.median('derived'))} "
            f"| {us(s.median('baseline'))} | {us(s.median('signature_only'))} | **{ratio:.2f}** "
            f"| {spread} ({n}) | <= {VERIFY_TARGET} |"
        )
    return rows


def peers_table(runs):
    rows = [
        "| operation | derived ns | peer ns | baseline ns | derived / peer | spread (runs) | derived / baseline |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for group, label in PEERS:
        s = Side(runs, group)
        ratio, spread, n = s.ratio_cells("derived", "peer")
        if ratio is None:
            continue
        d, b = s.median("derived"), s.median("baseline")
        vs_baseline = "" if b is None else f"{d / b:.2f}"
        rows.append(
            f"| {label} | {ns(d)} | {ns(s.median('peer'))} | {ns(b)} | **{ratio:.2f}** "
            f"| {spread} ({n}) | {vs_baseline} |"
        )
    return rows


def slope(points):
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def scaling_table(runs):
    rows = [
        "| codec | side | "
        + " | ".join(f"ns/param N={n:,}" for n in SCALING_SIZES)
        + " | exponent (all N) | exponent (N >= 1,000) |",
        "|---|---|" + "--:|" * len(SCALING_SIZES) + "--:|--:|",
    ]
    for codec in ["form", "json"]:
        s = Side(runs, f"scaling_{codec}")
        for who in ["derived", "baseline"]:
            points = [(n, s.median(f"{who}/{n}")) for n in SCALING_SIZES]
            if any(t is None for _, t in points):
                continue
            per = " | ".join(f"{t / n:,.1f}" for n, t in points)
            large = [p for p in points if p[0] >= 1000]
            rows.append(
                f"| {codec} | {who} | {per} | {slope(points):.3f} | {slope(large):.3f} |"
            )
    return rows


def runs_line(runs, groups):
    used = [r for r in runs if any(k.split("/")[0] in groups for k in r["medians"])]
    if not used:
        return "No run recorded."
    loads = ", ".join(
        "unknown" if r["load_average"] is None else f"{r['load_average']:.1f}" for r in used
    )
    notes = "; ".join(f"{r['date']}: {r['note']}" for r in used if r.get("note"))
    commits = ", ".join(sorted({r["commit"] for r in used}))
    dates = sorted(r["date"] for r in used)
    when = dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"
    return (
        f"{len(used)} run(s), {when}, commit(s) {commits}; "
        f"load average at each record: {loads}." + (f" Notes: {notes}." if notes else "")
    )


def render():
    runs = load_runs()
    if not runs:
        sys.exit("no recorded runs in benches/runs/: run the benches, then `report.py record`")
    codec_groups = {g for g, _, _ in CODEC}
    blocks = {
        "codec": [runs_line(runs, codec_groups), ""] + codec_table(runs),
        "allocations": allocations_table(runs),
        "verify": [runs_line(runs, {g for g, _, _ in VERIFY}), ""] + verify_table(runs),
        "peers": [runs_line(runs, {g for g, _ in PEERS}), ""] + peers_table(runs),
        "scaling": [runs_line(runs, {"scaling_form", "scaling_json"}), ""] + scaling_table(runs),
    }
    shown = (
        codec_groups
        | {g for g, _, _ in VERIFY}
        | {g for g, _ in PEERS}
        | {"scaling_form", "scaling_json"}
    )
    recorded = {key.split("/")[0] for r in runs for key in r["medians"]}
    for group in sorted(recorded - shown):
        print(f"warning: recorded group {group} is in no table", file=sys.stderr)
    path = repo / "BENCHMARKS.md"
    lines = path.read_text().split("\n")
    out, i, seen = [], 0, set()
    while i < len(lines):
        line = lines[i]
        out.append(line)
        if line.startswith("<!-- BEGIN generated: "):
            name = line[len("<!-- BEGIN generated: ") :].removesuffix(" -->")
            if name not in blocks:
                sys.exit(f"BENCHMARKS.md: unknown generated block {name!r}")
            end = i + 1
            while end < len(lines) and lines[end] != "<!-- END generated -->":
                end += 1
            if end == len(lines):
                sys.exit(f"BENCHMARKS.md: block {name!r} has no END line")
            out.extend(blocks[name])
            out.append(lines[end])
            seen.add(name)
            i = end
        i += 1
    path.write_text("\n".join(out))
    print(f"BENCHMARKS.md: regenerated {', '.join(sorted(seen))} from {len(runs)} run(s)")


def clear():
    for p in runs_dir.glob("*.json"):
        p.unlink()
    print("benches/runs/ cleared")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description="BENCHMARKS.md's tables from recorded bench runs (see the module doc)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record", help="snapshot the criterion results as one run")
    rec.add_argument("--criterion", action="append", help="a criterion directory to import")
    rec.add_argument("--commit", help="the commit the imported results measured")
    rec.add_argument("--note", help="how the run was made (machine idle, under load)")
    rec.add_argument("--window", type=float, default=30.0, metavar="MINUTES",
                     help="leave out groups written this long before the newest result"
                          " (default 30)")
    sub.add_parser("render", help="rewrite BENCHMARKS.md's generated tables")
    sub.add_parser("clear", help="forget the recorded runs")
    args = parser.parse_args()
    if args.command == "record":
        record(args)
    elif args.command == "render":
        render()
    else:
        clear()
