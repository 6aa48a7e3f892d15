//! Verifying compact JWS tokens (RFC 7515 §7.1) against a JWK Set (RFC 7517) and
//! decoding their claims with a message's JSON rules; `at_hash` / `c_hash` (OIDC Core
//! §3.1.3.6, §3.3.2.11). Feature `jwt` (on by default).
//!
//! The cryptography is `jsonwebtoken`'s (pure-Rust backend); this module chooses the
//! key, refuses what must be refused, and reports each failure as its own error:
//!
//! - `alg: none`, algorithms the caller did not allow, unknown `crit` extensions;
//! - HS* with an asymmetric key (the classic algorithm-confusion attack);
//! - a signature that does not verify, a malformed compact form.
//!
//! Key selection: by `kid` when the header has one; without `kid`, every key of the
//! right type is tried (OpenID RP certification `rp-id_token-kid-absent-single-jwks`
//! and `-multiple-jwks`). Keys whose `use`, `alg`, `kty` or curve do not fit the
//! token's algorithm are skipped.
//!
//! ```
//! use oidc_core::jwt::{JwkSet, JwtOptions};
//! use oidc_core::messages::BackChannelLogoutToken;
//! use oidc_core::OidcMessage;
//!
//! // A logout token signed with HS256 and the client secret "ahoj" (OpenID-Connect-PHP's test).
//! let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL3NlcnZlci5leGFtcGxlLmNvbSIsInN1YiI6IjI0ODI4OTc2MTAwMSIsImF1ZCI6InM2QmhkUmtxdDMiLCJpYXQiOjE0NzE1NjYxNTQsImp0aSI6ImJXSnEiLCJzaWQiOiIwOGE1MDE5Yy0xN2UxLTQ5NzctOGY0Mi02NWExMjg0M2VhMDIiLCJldmVudHMiOnsiaHR0cDovL3NjaGVtYXMub3BlbmlkLm5ldC9ldmVudC9iYWNrY2hhbm5lbC1sb2dvdXQiOnt9fX0.McD4YIsDHb8Ug5B4MRfpisQaxCCXi6EUPerx3AH3v0Q";
//! let keys = JwkSet::from_secret(b"ahoj");
//! let options = JwtOptions::default().allow_hmac();
//! // Its header says `typ: JWT`, which a logout token may (`logout+jwt` is RECOMMENDED).
//! let claims = BackChannelLogoutToken::from_jwt(token, &keys, &options)?;
//! assert_eq!(claims.jti, "bWJq");
//! assert!(BackChannelLogoutToken::from_jwt(token, &JwkSet::from_secret(b"wrong"), &options).is_err());
//! # Ok::<(), oidc_core::jwt::JwtError>(())
//! ```

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
pub use jsonwebtoken::Algorithm;
use jsonwebtoken::{AlgorithmFamily, DecodingKey};
use sha2::Digest;

use crate::error::Error;
use crate::OidcMessage;

/// Why a JWT was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JwtError {
    /// Not a compact JWS: wrong number of segments, bad base64url, header not a JSON object.
    #[error("malformed JWT: {0}")]
    Malformed(String),
    /// `alg: none` (an unsecured JWT; never accepted).
    #[error("unsigned JWT (alg \"none\") rejected")]
    AlgNone,
    /// An algorithm this library cannot verify (ES512, RSA-OAEP, ...).
    #[error("unsupported JWS algorithm \"{0}\"")]
    UnsupportedAlgorithm(String),
    /// An algorithm the caller's [`JwtOptions`] do not allow.
    #[error("JWS algorithm {0:?} is not allowed")]
    AlgorithmNotAllowed(Algorithm),
    /// An HMAC algorithm where the key is an asymmetric one (RFC 8725 §2.1).
    #[error("algorithm confusion: {0:?} with an asymmetric key")]
    AlgorithmConfusion(Algorithm),
    /// A `crit` header names extensions this library does not understand (RFC 7515 §4.1.11).
    #[error("unknown critical header extension(s): {0:?}")]
    UnknownCritical(Vec<String>),
    /// The header's `kid` names no key of the set.
    #[error("no key with kid \"{0}\" in the key set")]
    UnknownKid(String),
    /// No key of the set fits the token's algorithm.
    #[error("no key in the key set fits algorithm {0:?}")]
    NoMatchingKey(Algorithm),
    /// No candidate key verified the signature (tampered payload or signature, wrong key).
    #[error("signature verification failed")]
    BadSignature,
    /// The `typ` header is not what this kind of token requires (RFC 8725 §3.11).
    #[error("JWT typ {got:?} is not {expected:?}")]
    WrongType {
        /// The accepted `typ` values.
        expected: Vec<String>,
        /// The header's `typ`, if any.
        got: Option<String>,
    },
    /// The key set document could not be read.
    #[error("invalid JWK Set: {0}")]
    KeySet(String),
    /// The signature verified, but the claims are not a valid message.
    #[error(transparent)]
    Claims(#[from] Error),
}

/// One key of a [`JwkSet`], with what selection needs to know.
#[derive(Clone)]
pub struct Jwk {
    kid: Option<String>,
    kty: String,
    key_use: Option<String>,
    alg: Option<String>,
    crv: Option<String>,
    key: Option<DecodingKey>,
    problem: Option<String>,
}

impl Jwk {
    /// `kid`.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// `kty` (`RSA`, `EC`, `OKP`, `oct`).
    pub fn kty(&self) -> &str {
        &self.kty
    }

    /// `use` (`sig`, `enc`).
    pub fn key_use(&self) -> Option<&str> {
        self.key_use.as_deref()
    }

    /// `alg`.
    pub fn alg(&self) -> Option<&str> {
        self.alg.as_deref()
    }

    /// Why this key cannot verify signatures (unsupported curve, bad encoding, ...), if so.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// Whether this key can verify a signature made with `alg`.
    pub fn fits(&self, alg: Algorithm) -> bool {
        if self.key.is_none() || self.key_use.as_deref().is_some_and(|u| u != "sig") {
            return false;
        }
        if let Some(key_alg) = &self.alg {
            if key_alg != &format!("{alg:?}") {
                return false;
            }
        }
        match (family(alg), self.kty.as_str()) {
            (AlgorithmFamily::Rsa, "RSA")
            | (AlgorithmFamily::Hmac, "oct")
            | (AlgorithmFamily::Ed, "OKP") => true,
            (AlgorithmFamily::Ec, "EC") => matches!(
                (alg, self.crv.as_deref()),
                (Algorithm::ES256, Some("P-256")) | (Algorithm::ES384, Some("P-384"))
            ),
            _ => false,
        }
    }
}

impl std::fmt::Debug for Jwk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Jwk")
            .field("kid", &self.kid)
            .field("kty", &self.kty)
            .field("use", &self.key_use)
            .field("alg", &self.alg)
            .field("crv", &self.crv)
            .field("usable", &self.key.is_some())
            .field("problem", &self.problem)
            .finish()
    }
}

/// A JWK Set (RFC 7517 §5), as served at a provider's `jwks_uri`, or a shared secret.
///
/// Reading is per key and tolerant: a key this library cannot use (an encryption key,
/// an X25519 key, an unsupported curve) is kept with [`Jwk::problem`] set instead of
/// failing the whole set; `n`/`e`/`x`/`y` in standard base64 with padding (Battle.net)
/// are accepted, since the key material is the same.
#[derive(Debug, Clone, Default)]
pub struct JwkSet {
    keys: Vec<Jwk>,
}

impl JwkSet {
    /// Reads a JWK Set document (a leading BOM is skipped).
    pub fn from_json(json: &str) -> Result<Self, JwtError> {
        let json = json.strip_prefix('\u{feff}').unwrap_or(json);
        let doc: serde_json::Value =
            serde_json::from_str(json).map_err(|e| JwtError::KeySet(e.to_string()))?;
        let keys = doc
            .get("keys")
            .and_then(serde_json::Value::as_array)
            .ok_or_else(|| JwtError::KeySet("expected an object with a \"keys\" array".into()))?;
        Ok(JwkSet {
            keys: keys.iter().map(read_jwk).collect(),
        })
    }

    /// A set holding one shared secret (`kty: oct`), for HS256/384/512 (e.g. the client
    /// secret, OIDC Core §10.1).
    pub fn from_secret(secret: &[u8]) -> Self {
        JwkSet {
            keys: vec![Jwk {
                kid: None,
                kty: "oct".into(),
                key_use: None,
                alg: None,
                crv: None,
                key: Some(DecodingKey::from_secret(secret)),
                problem: None,
            }],
        }
    }

    /// The keys, in document order.
    pub fn keys(&self) -> &[Jwk] {
        &self.keys
    }

    /// The key with this `kid`.
    pub fn find(&self, kid: &str) -> Option<&Jwk> {
        self.keys.iter().find(|k| k.kid.as_deref() == Some(kid))
    }
}

fn read_jwk(value: &serde_json::Value) -> Jwk {
    let text = |name: &str| {
        value
            .get(name)
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
    };
    let mut jwk = Jwk {
        kid: text("kid"),
        kty: text("kty").unwrap_or_default(),
        key_use: text("use"),
        alg: text("alg"),
        crv: text("crv"),
        key: None,
        problem: None,
    };
    let b64 = |name: &str| {
        text(name).map(|v| {
            v.replace('+', "-")
                .replace('/', "_")
                .trim_end_matches('=')
                .to_owned()
        })
    };
    let key = match jwk.kty.as_str() {
        "RSA" => match (b64("n"), b64("e")) {
            (Some(n), Some(e)) => {
                DecodingKey::from_rsa_components(&n, &e).map_err(|e| e.to_string())
            }
            _ => Err("RSA key without n or e".to_owned()),
        },
        "EC" => match (jwk.crv.as_deref(), b64("x"), b64("y")) {
            (Some("P-256" | "P-384"), Some(x), Some(y)) => {
                DecodingKey::from_ec_components(&x, &y).map_err(|e| e.to_string())
            }
            (crv, _, _) => Err(format!("unsupported EC key (crv {crv:?})")),
        },
        "OKP" => match (jwk.crv.as_deref(), b64("x")) {
            (Some("Ed25519"), Some(x)) => {
                DecodingKey::from_ed_components(&x).map_err(|e| e.to_string())
            }
            (crv, _) => Err(format!("unsupported OKP key (crv {crv:?})")),
        },
        "oct" => match b64("k").map(|k| URL_SAFE_NO_PAD.decode(k)) {
            Some(Ok(secret)) => Ok(DecodingKey::from_secret(&secret)),
            _ => Err("oct key without a base64url k".to_owned()),
        },
        other => Err(format!("unsupported key type {other:?}")),
    };
    match key {
        Ok(key) => jwk.key = Some(key),
        Err(problem) => jwk.problem = Some(problem),
    }
    jwk
}

/// What the `typ` header must be.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum TypRule {
    /// Anything, or absent.
    #[default]
    Any,
    /// One of these (compared as RFC 7515 §4.1.9 says: case-insensitive, `application/` optional).
    Required(Vec<String>),
    /// When present, one of these.
    IfPresent(Vec<String>),
}

/// Which JWTs to accept.
#[derive(Debug, Clone)]
pub struct JwtOptions {
    algorithms: Vec<Algorithm>,
    typ: Option<TypRule>,
}

impl Default for JwtOptions {
    /// Every asymmetric algorithm (RS*, PS*, ES256, ES384, EdDSA); HMAC must be allowed
    /// explicitly ([`allow_hmac`](Self::allow_hmac)); any `typ`.
    fn default() -> Self {
        JwtOptions {
            algorithms: vec![
                Algorithm::RS256,
                Algorithm::RS384,
                Algorithm::RS512,
                Algorithm::PS256,
                Algorithm::PS384,
                Algorithm::PS512,
                Algorithm::ES256,
                Algorithm::ES384,
                Algorithm::EdDSA,
            ],
            typ: None,
        }
    }
}

impl JwtOptions {
    /// Only these algorithms (e.g. the provider's `id_token_signing_alg_values_supported`,
    /// or the one registered for the client).
    pub fn algorithms(mut self, algorithms: &[Algorithm]) -> Self {
        self.algorithms = algorithms.to_vec();
        self
    }

    /// Also allow HS256/384/512 (tokens MACed with the client secret).
    pub fn allow_hmac(mut self) -> Self {
        for alg in [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512] {
            if !self.algorithms.contains(&alg) {
                self.algorithms.push(alg);
            }
        }
        self
    }

    /// The `typ` header rule, replacing the token type's own (JWT access tokens
    /// require `at+jwt`, logout tokens `logout+jwt` or `JWT` when present; everything
    /// else accepts any). Use `TypRule::Any` to read a vendor token that is typed `JWT`.
    pub fn typ(mut self, rule: TypRule) -> Self {
        self.typ = Some(rule);
        self
    }

    fn typ_or(&self, default: &TypRule) -> TypRule {
        self.typ.clone().unwrap_or_else(|| default.clone())
    }
}

/// The parts of a compact JWS, decoded, before verification.
struct Compact<'t> {
    signing_input: &'t str,
    signature: &'t str,
    header: serde_json::Map<String, serde_json::Value>,
    payload: Vec<u8>,
}

fn split(token: &str) -> Result<Compact<'_>, JwtError> {
    let token = token.trim();
    let parts: Vec<&str> = token.split('.').collect();
    match parts.len() {
        3 => {}
        5 => {
            return Err(JwtError::Malformed(
                "an encrypted JWT (JWE) is not supported".into(),
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
    let header_bytes = decode("header", parts[0])?;
    let header: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(&header_bytes)
        .map_err(|_| JwtError::Malformed("header is not a JSON object".into()))?;
    let payload = decode("payload", parts[1])?;
    decode("signature", parts[2])?;
    Ok(Compact {
        signing_input: &token[..parts[0].len() + 1 + parts[1].len()],
        signature: parts[2],
        header,
        payload,
    })
}

fn family(alg: Algorithm) -> AlgorithmFamily {
    match alg {
        Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512 => AlgorithmFamily::Hmac,
        Algorithm::ES256 | Algorithm::ES384 => AlgorithmFamily::Ec,
        Algorithm::EdDSA => AlgorithmFamily::Ed,
        _ => AlgorithmFamily::Rsa,
    }
}

fn typ_matches(typ: &str, allowed: &[String]) -> bool {
    let bare = |t: &str| {
        let t = t.to_ascii_lowercase();
        t.strip_prefix("application/")
            .map(str::to_owned)
            .unwrap_or(t)
    };
    allowed.iter().any(|a| bare(a) == bare(typ))
}

/// Verifies a compact JWS with `keys` under `options` and returns its payload bytes,
/// whatever they are (a JWT's claims, or any other content, as in RFC 7520's examples).
/// `OidcMessage::from_jwt` is this plus decoding the claims.
pub fn verify_payload(
    token: &str,
    keys: &JwkSet,
    options: &JwtOptions,
) -> Result<Vec<u8>, JwtError> {
    verify(token, keys, options, &TypRule::Any)
}

/// Verifies `token`'s signature with `keys` under `options` (and the type's own `typ`
/// rule), then returns its payload bytes.
fn verify(
    token: &str,
    keys: &JwkSet,
    options: &JwtOptions,
    typ_rule: &TypRule,
) -> Result<Vec<u8>, JwtError> {
    let compact = split(token)?;
    let header_text = |name: &str| compact.header.get(name).and_then(serde_json::Value::as_str);
    let alg_name =
        header_text("alg").ok_or_else(|| JwtError::Malformed("header has no alg".into()))?;
    if alg_name.eq_ignore_ascii_case("none") {
        return Err(JwtError::AlgNone);
    }
    let alg: Algorithm = alg_name
        .parse()
        .map_err(|_| JwtError::UnsupportedAlgorithm(alg_name.to_owned()))?;
    if !options.algorithms.contains(&alg) {
        return Err(JwtError::AlgorithmNotAllowed(alg));
    }
    if compact.signature.is_empty() {
        return Err(JwtError::Malformed("empty signature".into()));
    }
    if let Some(crit) = compact.header.get("crit") {
        let names: Vec<String> = crit
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|v| v.as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_else(|| vec![crit.to_string()]);
        return Err(JwtError::UnknownCritical(names));
    }
    let typ = header_text("typ");
    match (options.typ_or(typ_rule), typ) {
        (TypRule::Any, _) => {}
        (TypRule::Required(allowed), Some(t)) | (TypRule::IfPresent(allowed), Some(t))
            if typ_matches(t, &allowed) => {}
        (TypRule::IfPresent(_), None) => {}
        (TypRule::Required(expected) | TypRule::IfPresent(expected), got) => {
            return Err(JwtError::WrongType {
                expected,
                got: got.map(str::to_owned),
            })
        }
    }

    let hmac = family(alg) == AlgorithmFamily::Hmac;
    let candidates: Vec<&Jwk> = match header_text("kid") {
        Some(kid) => {
            let named: Vec<&Jwk> = keys
                .keys
                .iter()
                .filter(|k| k.kid.as_deref() == Some(kid))
                .collect();
            if named.is_empty() {
                return Err(JwtError::UnknownKid(kid.to_owned()));
            }
            if hmac && named.iter().all(|k| k.kty != "oct") {
                return Err(JwtError::AlgorithmConfusion(alg));
            }
            named.into_iter().filter(|k| k.fits(alg)).collect()
        }
        None => keys.keys.iter().filter(|k| k.fits(alg)).collect(),
    };
    if candidates.is_empty() {
        if hmac && keys.keys.iter().any(|k| k.kty != "oct") {
            return Err(JwtError::AlgorithmConfusion(alg));
        }
        return Err(JwtError::NoMatchingKey(alg));
    }
    for jwk in candidates {
        let key = jwk.key.as_ref().expect("fits() checked the key");
        if jsonwebtoken::crypto::verify(
            compact.signature,
            compact.signing_input.as_bytes(),
            key,
            alg,
        )
        .unwrap_or(false)
        {
            return Ok(compact.payload);
        }
    }
    Err(JwtError::BadSignature)
}

/// Verifies and decodes `token` as `T` (what `OidcMessage::from_jwt` does).
pub(crate) fn decode<T: OidcMessage>(
    token: &str,
    keys: &JwkSet,
    options: &JwtOptions,
    typ_rule: &TypRule,
) -> Result<T, JwtError> {
    let payload = verify(token, keys, options, typ_rule)?;
    let json = std::str::from_utf8(&payload)
        .map_err(|_| JwtError::Malformed("payload is not UTF-8".into()))?;
    Ok(T::from_json(json)?)
}

/// The `at_hash` / `c_hash` of `value` for an ID Token signed with `alg` (OIDC Core
/// §3.1.3.6, §3.3.2.11): the left half of the hash the signature algorithm uses
/// (SHA-512 for EdDSA with Ed25519), base64url-encoded.
///
/// ```
/// use oidc_core::jwt::{token_hash, Algorithm};
///
/// // OIDC Core Appendix A.3/A.4.
/// assert_eq!(token_hash(Algorithm::RS256, "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y"), "77QmUPtjPfzWtF2AnpK9RQ");
/// assert_eq!(token_hash(Algorithm::RS256, "Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk"), "LDktKdoQak3Pk0cnXxCltA");
/// ```
pub fn token_hash(alg: Algorithm, value: &str) -> String {
    let digest: Vec<u8> = match alg {
        Algorithm::HS384 | Algorithm::RS384 | Algorithm::PS384 | Algorithm::ES384 => {
            sha2::Sha384::digest(value).to_vec()
        }
        Algorithm::HS512 | Algorithm::RS512 | Algorithm::PS512 | Algorithm::EdDSA => {
            sha2::Sha512::digest(value).to_vec()
        }
        _ => sha2::Sha256::digest(value).to_vec(),
    };
    URL_SAFE_NO_PAD.encode(&digest[..digest.len() / 2])
}

/// Whether `expected_hash` (an ID Token's `at_hash` or `c_hash`) matches `value` (the
/// access token or code) for an ID Token signed with `alg`. Compared in constant time.
pub fn verify_token_hash(alg: Algorithm, value: &str, expected_hash: &str) -> bool {
    let actual = token_hash(alg, value);
    actual.len() == expected_hash.len()
        && actual
            .bytes()
            .zip(expected_hash.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// The `alg` of a compact JWS header, without verifying anything (to pick the hash
/// for [`verify_token_hash`] after `from_jwt` accepted the token).
pub fn header_algorithm(token: &str) -> Result<Algorithm, JwtError> {
    let compact = split(token)?;
    let alg = compact
        .header
        .get("alg")
        .and_then(serde_json::Value::as_str)
        .ok_or_else(|| JwtError::Malformed("header has no alg".into()))?;
    if alg.eq_ignore_ascii_case("none") {
        return Err(JwtError::AlgNone);
    }
    alg.parse()
        .map_err(|_| JwtError::UnsupportedAlgorithm(alg.to_owned()))
}
