//! JWK thumbprints (RFC 7638; RFC 8037 §2 for OKP keys): SHA-256 over the key's
//! required members, as JSON in lexicographic order without whitespace (RFC 7638 §3.2,
//! §3.3), base64url-encoded. DPoP binds tokens to a key by it (`cnf.jkt`, `dpop_jkt`,
//! RFC 9449 §6.1, §10).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

use super::public_key::Members;

/// The RFC 7638 hash input of `key`: its required members, in lexicographic order
/// (RSA: `e`, `kty`, `n`; EC: `crv`, `kty`, `x`, `y`; OKP: `crv`, `kty`, `x`), as
/// JSON strings, no whitespace. Every value is base64url or a registered name, so no
/// character needs escaping.
pub(super) fn canonical_json(key: &Members) -> String {
    match key {
        Members::Rsa { n, e } => format!(r#"{{"e":"{e}","kty":"RSA","n":"{n}"}}"#),
        Members::Ec { crv, x, y } => {
            format!(r#"{{"crv":"{crv}","kty":"EC","x":"{x}","y":"{y}"}}"#)
        }
        Members::Okp { crv, x } => format!(r#"{{"crv":"{crv}","kty":"OKP","x":"{x}"}}"#),
    }
}

/// The RFC 7638 SHA-256 thumbprint of `key`, base64url without padding (43 characters).
pub(super) fn sha256(key: &Members) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(canonical_json(key).as_bytes()))
}

/// Compares two thumbprints in constant time (both are public values, but `cnf.jkt`
/// checks should not leak how much of a guess matched).
pub(crate) fn same_thumbprint(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7638_section_3_1() {
        // RFC 7638 §3.1: the example RSA key and its thumbprint.
        let key = Members::Rsa {
            n: "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw".into(),
            e: "AQAB".into(),
        };
        assert!(canonical_json(&key).starts_with(r#"{"e":"AQAB","kty":"RSA","n":"0vx7"#));
        assert_eq!(sha256(&key), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    }

    #[test]
    fn rfc8037_appendix_a_3() {
        // RFC 8037 A.3: the Ed25519 key of A.2 and its thumbprint.
        let key = Members::Okp {
            crv: "Ed25519".into(),
            x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo".into(),
        };
        assert_eq!(
            canonical_json(&key),
            r#"{"crv":"Ed25519","kty":"OKP","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#
        );
        assert_eq!(sha256(&key), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    }

    #[test]
    fn rfc9449_section_6_1() {
        // RFC 9449 §4.1's proof key; §6.1 gives its thumbprint as the token's cnf.jkt.
        let key = Members::Ec {
            crv: "P-256".into(),
            x: "l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs".into(),
            y: "9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA".into(),
        };
        assert_eq!(sha256(&key), "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");
    }

    #[test]
    fn comparison() {
        assert!(same_thumbprint("abc", "abc"));
        assert!(!same_thumbprint("abc", "abd"));
        assert!(!same_thumbprint("abc", "ab"));
        // Every differing byte counts: two differences that cancel each other out
        // (swapped characters) are still a mismatch.
        assert!(!same_thumbprint("abc", "bac"));
        assert!(!same_thumbprint("0ZcO", "Z0cO"));
        assert!(same_thumbprint("", ""));
    }
}
