#!/usr/bin/env python3
"""Print derived/baseline ratios from criterion's results of `cargo bench --bench codec`
(and of `cargo bench -p oidc-core --bench verify`, with either backend).

Reads target/criterion/<group>/{derived,baseline}/new/estimates.json (median, ns).
"""
import json
import pathlib
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
targets = {
    "auth_request_url_decode": 0.3,
    "auth_request_url_encode": 0.6,
    "token_request_form_decode": 0.33,
    "token_request_form_encode": 0.6,
    "token_response_json_decode": 0.85,
    "id_token_claims_json_decode": 0.4,
    "discovery_large_json_decode": 0.4,
    # oidc-core/benches/verify.rs: the one call against a bare jsonwebtoken decode.
    "id_token_verify_RS256_aws-lc-rs": 1.2,
    "id_token_verify_ES256_aws-lc-rs": 1.2,
    "id_token_verify_RS256_RustCrypto": 1.2,
    "id_token_verify_ES256_RustCrypto": 1.2,
}


def median(group, who):
    path = root / group / who / "new" / "estimates.json"
    return json.loads(path.read_text())["median"]["point_estimate"]


print(f"| operation | derived ns | baseline ns | ratio | target | met |")
print(f"|---|--:|--:|--:|--:|:-:|")
# Groups of `benches/codec.rs` (the scaling groups have one result per size instead).
for group_dir in sorted(p for p in root.iterdir() if (p / "derived" / "new").is_dir()):
    group = group_dir.name
    d, b = median(group, "derived"), median(group, "baseline")
    ratio = d / b
    target = targets.get(group)
    met = "" if target is None else ("yes" if ratio <= target else "NO")
    target_text = "" if target is None else f"<= {target}"
    print(f"| {group} | {d:,.0f} | {b:,.0f} | {ratio:.2f} | {target_text} | {met} |")
