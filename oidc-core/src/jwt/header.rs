//! The compact JWS form (RFC 7515 §7.1) and its JOSE header, read strictly: a header is
//! one JSON object whose member names are unique (RFC 7515 §4: we reject duplicates
//! rather than take the last, so `{"alg":"none","alg":"RS256"}` is malformed), and
//! whose `alg`, `kid`, `typ` and `cty` are strings when present (RFC 7515 §4.1.1,
//! §4.1.4, §4.1.9, §4.1.10). `crit` must be a non-empty array of strings
//! (§4.1.11). Other members (`jwk`, `jku`, `x5u`, `x5c`, ...) are never used to verify
//! a token: keys come only from the caller's set. The one exception is a DPoP proof,
//! whose `jwk` IS the key (RFC 9449 §4.3): its raw text is kept for `dpop::DpopValidation::verify`
//! to read strictly.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;

use super::object::UniqueObject;
use super::{Algorithm, JwtError};
use crate::error::quoted;

/// The parts of a compact JWS, decoded, before verification.
pub(super) struct Compact<'t> {
    pub signing_input: &'t str,
    pub signature: &'t str,
    pub header: Header,
    pub payload: Vec<u8>,
}

/// The header members this library reads.
pub(crate) struct Header {
    pub alg: String,
    pub kid: Option<String>,
    pub typ: Option<String>,
    /// `crit`'s names, when present.
    pub crit: Option<Vec<String>>,
    /// The `jwk` member's JSON text, when present (read only for DPoP proofs).
    pub jwk: Option<Box<serde_json::value::RawValue>>,
}

/// Splits and decodes a compact JWS (surrounding whitespace ignored).
pub(super) fn split(token: &str) -> Result<Compact<'_>, JwtError> {
    let token = token.trim();
    // At most 6 pieces are looked at, so a token of dots costs nothing.
    let parts: Vec<&str> = token.split('.').take(6).collect();
    match parts.len() {
        3 => {}
        5 => {
            return Err(JwtError::Malformed(
                "an encrypted JWT (JWE) is not supported".into(),
            ))
        }
        6 => {
            return Err(JwtError::Malformed(
                "expected 3 dot-separated segments, found more than 5".into(),
            ))
        }
        n => {
            return Err(JwtError::Malformed(format!(
                "expected 3 dot-separated segments, found {n}"
            )))
        }
    }
    let decode = |what: &str, part: &str| {
        URL_SAFE_NO_PAD
            .decode(part)
            .map_err(|_| JwtError::Malformed(format!("{what} is not base64url")))
    };
    let header = parse_header(&decode("header", parts[0])?)?;
    let payload = decode("payload", parts[1])?;
    decode("signature", parts[2])?;
    Ok(Compact {
        signing_input: &token[..parts[0].len() + 1 + parts[1].len()],
        signature: parts[2],
        header,
        payload,
    })
}

fn parse_header(bytes: &[u8]) -> Result<Header, JwtError> {
    let object: UniqueObject = serde_json::from_slice(bytes)
        .map_err(|_| JwtError::Malformed("header is not a JSON object".into()))?;
    if let Some(name) = &object.duplicate {
        return Err(JwtError::Malformed(format!(
            "header member {} appears more than once",
            quoted(name)
        )));
    }
    let text = |name: &'static str| {
        object
            .text(name)
            .map(|t| t.map(str::to_owned))
            .map_err(|name| {
                JwtError::Malformed(format!("header member \"{name}\" is not a string"))
            })
    };
    let alg = text("alg")?.ok_or_else(|| JwtError::Malformed("header has no alg".into()))?;
    let kid = text("kid")?;
    let typ = text("typ")?;
    text("cty")?;
    let crit = match object.members.get("crit") {
        None => None,
        Some(Value::Array(names)) if !names.is_empty() => Some(
            names
                .iter()
                .map(|n| n.as_str().map(str::to_owned))
                .collect::<Option<Vec<String>>>()
                .ok_or_else(|| {
                    JwtError::Malformed("header member \"crit\" holds a non-string".into())
                })?,
        ),
        Some(_) => {
            return Err(JwtError::Malformed(
                "header member \"crit\" is not a non-empty array (RFC 7515 §4.1.11)".into(),
            ))
        }
    };
    // The embedded key's own text, so that duplicate members inside it are seen too
    // (the object above keeps nested objects as parsed values).
    let jwk = if object.members.contains_key("jwk") {
        #[derive(serde::Deserialize)]
        struct JwkMember {
            jwk: Box<serde_json::value::RawValue>,
        }
        let member: JwkMember = serde_json::from_slice(bytes)
            .map_err(|_| JwtError::Malformed("header member \"jwk\" cannot be read".into()))?;
        Some(member.jwk)
    } else {
        None
    };
    Ok(Header {
        alg,
        kid,
        typ,
        crit,
        jwk,
    })
}

/// The JOSE header of a token whose signature verified: what the checks on its claims
/// may need. `alg` picks the hash of `at_hash` / `c_hash` (OIDC Core §3.1.3.6, §3.3.2.11).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct VerifiedHeader {
    /// `alg`: the algorithm the signature verified with.
    pub alg: Algorithm,
    /// `kid`, when present.
    pub kid: Option<String>,
    /// `typ`, when present.
    pub typ: Option<String>,
}

/// Only the header of a compact JWS, read as strictly as verification reads it (the
/// payload and signature are not decoded): what a key cache looks at before verifying.
pub(crate) fn peek_header(token: &str) -> Result<Header, JwtError> {
    let token = token.trim();
    let end = token
        .find('.')
        .ok_or_else(|| JwtError::Malformed("expected 3 dot-separated segments, found 1".into()))?;
    let bytes = URL_SAFE_NO_PAD
        .decode(&token[..end])
        .map_err(|_| JwtError::Malformed("header is not base64url".into()))?;
    parse_header(&bytes)
}

/// The algorithm named by `alg`; `none` (any case) and names this library cannot
/// verify are errors.
pub(crate) fn algorithm(alg: &str) -> Result<Algorithm, JwtError> {
    if alg.eq_ignore_ascii_case("none") {
        return Err(JwtError::AlgNone);
    }
    alg.parse()
        .map_err(|_| JwtError::UnsupportedAlgorithm(alg.to_owned()))
}

/// The `alg` of a compact JWS header, without verifying anything (to pick the hash
/// for [`verify_token_hash`](super::verify_token_hash) after `from_jwt` accepted the
/// token). The header is read as strictly as verification reads it.
pub fn header_algorithm(token: &str) -> Result<Algorithm, JwtError> {
    algorithm(&split(token)?.header.alg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(json: &str) -> Result<Header, JwtError> {
        parse_header(json.as_bytes())
    }

    fn malformed(json: &str) -> String {
        match header(json) {
            Err(JwtError::Malformed(reason)) => reason,
            Err(other) => panic!("{json}: {other:?}"),
            Ok(_) => panic!("{json}: accepted"),
        }
    }

    #[test]
    fn strict_header() {
        let h = header(r#"{"alg":"RS256","kid":"k","typ":"JWT","cty":"x","x5t":1}"#).unwrap();
        assert_eq!(
            (h.alg.as_str(), h.kid.as_deref(), h.typ.as_deref()),
            ("RS256", Some("k"), Some("JWT"))
        );
        assert!(h.crit.is_none());
        assert_eq!(
            malformed(r#"{"alg":"none","alg":"RS256"}"#),
            r#"header member "alg" appears more than once"#
        );
        for member in ["kid", "typ", "cty"] {
            for value in ["1", "null", "true", "[\"k\"]", "{}"] {
                let json = format!(r#"{{"alg":"RS256","{member}":{value}}}"#);
                assert_eq!(
                    malformed(&json),
                    format!("header member \"{member}\" is not a string"),
                    "{json}"
                );
            }
        }
        assert_eq!(
            malformed(r#"{"alg":256}"#),
            r#"header member "alg" is not a string"#
        );
        assert_eq!(malformed(r#"{"kid":"k"}"#), "header has no alg");
        assert_eq!(malformed("[1]"), "header is not a JSON object");
        assert_eq!(
            malformed(r#"{"alg":"RS256"} x"#),
            "header is not a JSON object"
        );
    }

    #[test]
    fn crit_shapes() {
        let h = header(r#"{"alg":"RS256","crit":["exp","b64"]}"#).unwrap();
        assert_eq!(h.crit.unwrap(), ["exp", "b64"]);
        for crit in ["[]", "\"exp\"", "{}", "1", "null"] {
            let reason = malformed(&format!(r#"{{"alg":"RS256","crit":{crit}}}"#));
            assert!(reason.contains("non-empty array"), "{crit}: {reason}");
        }
        assert!(malformed(r#"{"alg":"RS256","crit":["exp",1]}"#).contains("non-string"));
    }

    #[test]
    fn hostile_duplicate_names_are_cut() {
        let name = format!("a\r\n{}", "n".repeat(1 << 20));
        let json = format!(
            r#"{{"alg":"RS256","{0}":1,"{0}":2}}"#,
            name.replace('\r', "\\r").replace('\n', "\\n")
        );
        let reason = malformed(&json);
        assert!(reason.len() < 120 && !reason.contains('\n'), "{reason}");
    }

    #[test]
    fn segments() {
        let dots = ".".repeat(1 << 20);
        match split(&dots) {
            Err(JwtError::Malformed(reason)) => assert!(reason.contains("more than 5")),
            other => panic!("{:?}", other.err()),
        }
        for (token, n) in [("a", "1"), ("a.b", "2"), ("a.b.c.d", "4")] {
            match split(token) {
                Err(JwtError::Malformed(reason)) => assert!(reason.ends_with(n), "{reason}"),
                other => panic!("{:?}", other.err()),
            }
        }
    }
}
