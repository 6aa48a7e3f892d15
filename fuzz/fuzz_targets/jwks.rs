//! `JwkSet::from_json`, the reader of a provider's `jwks_uri` document. The input is
//! the document.
//!
//! Asserts: no panic; one `Jwk` per member of `keys`, in order; a key with a problem,
//! or whose `use` is not `sig`, fits no algorithm; a key whose `kid` / `use` / `alg` is
//! present but not a string is unusable (issue 8 item 3); an RSA key below 2048 bits
//! or an empty `oct` key is unusable (item 4); every error text is one bounded line.
#![no_main]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use libfuzzer_sys::fuzz_target;
use oidc_core::jwt::{Algorithm, Jwk, JwkSet};
use oidc_rs_fuzz::check;
use serde_json::Value;

const ALGORITHMS: [Algorithm; 12] = [
    Algorithm::HS256,
    Algorithm::HS384,
    Algorithm::HS512,
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::EdDSA,
];

fn usable(key: &Jwk) -> bool {
    ALGORITHMS.iter().any(|&alg| key.fits(alg))
}

fn check_key(key: &Jwk, member: Option<&Value>) {
    check::debug(key);
    if let Some(problem) = key.problem() {
        check::error_text("Jwk::problem", &problem);
        assert!(
            !usable(key),
            "a key with a problem ({problem}) fits an algorithm: {key:?}"
        );
    }
    if key.key_use().is_some_and(|u| u != "sig") {
        assert!(
            !usable(key),
            "a key with use {:?} fits an algorithm: {key:?}",
            key.key_use()
        );
    }
    let Some(member) = member else { return };
    for name in ["kid", "use", "alg"] {
        if member.get(name).is_some_and(|v| !v.is_string()) && usable(key) {
            check::fail_unless_tolerated(
                "3",
                format_args!("a key whose {name:?} is not a string is usable: {member}"),
            );
        }
    }
    let b64 = |name: &str| {
        member
            .get(name)
            .and_then(Value::as_str)
            .and_then(|v| URL_SAFE_NO_PAD.decode(v).ok())
    };
    match key.kty() {
        "RSA" => {
            if let Some(n) = b64("n") {
                let significant = n.iter().skip_while(|&&b| b == 0).count();
                let bits = significant * 8
                    - n.iter()
                        .find(|&&b| b != 0)
                        .map_or(0, |b| b.leading_zeros() as usize);
                if bits < 2048 && usable(key) {
                    check::fail_unless_tolerated(
                        "4",
                        format_args!(
                            "an RSA key of {bits} bits is usable (RFC 7518 §3.3): {member}"
                        ),
                    );
                }
            }
        }
        "oct" if b64("k").is_some_and(|k| k.is_empty()) && usable(key) => {
            check::fail_unless_tolerated("4", format_args!("an empty oct key is usable: {member}"));
        }
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let json = oidc_rs_fuzz::text(data);
    match JwkSet::from_json(&json) {
        Ok(set) => {
            check::debug(&set);
            let doc: Option<Value> =
                serde_json::from_str(json.strip_prefix('\u{feff}').unwrap_or(&json)).ok();
            let members = doc
                .as_ref()
                .and_then(|d| d.get("keys"))
                .and_then(Value::as_array);
            if let Some(members) = members {
                assert_eq!(
                    set.keys().len(),
                    members.len(),
                    "one Jwk per member of keys"
                );
            }
            for (i, key) in set.keys().iter().enumerate() {
                check_key(key, members.and_then(|m| m.get(i)));
                if let Some(kid) = key.kid() {
                    assert!(
                        set.find(kid).is_some(),
                        "find({kid:?}) misses a key of the set"
                    );
                }
            }
        }
        Err(e) => check::error_text("JwkSet::from_json", &e),
    }
});
