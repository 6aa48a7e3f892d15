//! JWK Sets (RFC 7517 §5) and shared secrets: reading keys, and what makes a key
//! unusable (its [`Jwk::problem`]; the list is on [`JwkSet`]).

use std::borrow::Cow;
use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{AlgorithmFamily, DecodingKey};
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::object::{Entry, UniqueObject};
use super::{Algorithm, JwtError};
use crate::error::quoted;

/// RFC 7518 §3.3: "A key of size 2048 bits or larger MUST be used".
pub(super) const MIN_RSA_BITS: usize = 2048;
/// The RustCrypto RSA verifier (`rsa` crate) refuses larger moduli; one limit for both
/// backends.
pub(super) const MAX_RSA_BITS: usize = 4096;

/// One key of a [`JwkSet`], with what selection needs to know.
#[derive(Clone)]
pub struct Jwk {
    kid: Option<String>,
    kty: String,
    key_use: Option<String>,
    alg: Option<String>,
    crv: Option<String>,
    /// `key_ops` allows verification (true when absent).
    may_verify: bool,
    key: Option<DecodingKey>,
    /// Length of an HMAC key, in bytes.
    secret_len: usize,
    /// [`JwkSet::from_legacy_secret`]: shorter than RFC 7518 §3.2 allows, by choice.
    legacy_secret: bool,
    problem: Option<String>,
}

/// Why a key is not a candidate for an algorithm.
pub(super) enum Refusal {
    /// Not meant for it (another type, curve, `use`, `alg`): skipped silently.
    Skip,
    /// Meant for it but unusable (weak, unreadable): reported when no key fits.
    Unusable(Cow<'static, str>),
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

    /// Why this key can never verify a signature (malformed, too weak, unsupported;
    /// see [`JwkSet`]), if so.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// Whether this key can verify a signature made with `alg`.
    pub fn fits(&self, alg: Algorithm) -> bool {
        self.refusal(alg).is_none()
    }

    pub(super) fn key(&self) -> Option<&DecodingKey> {
        self.key.as_ref()
    }

    pub(super) fn refusal(&self, alg: Algorithm) -> Option<Refusal> {
        if self.key_use.as_deref().is_some_and(|u| u != "sig") || !self.may_verify {
            return Some(Refusal::Skip);
        }
        if self
            .alg
            .as_deref()
            .is_some_and(|a| a.parse().ok() != Some(alg))
        {
            return Some(Refusal::Skip);
        }
        let family_fits = match (family(alg), self.kty.as_str()) {
            (AlgorithmFamily::Rsa, "RSA")
            | (AlgorithmFamily::Hmac, "oct")
            | (AlgorithmFamily::Ed, "OKP") => true,
            (AlgorithmFamily::Ec, "EC") => matches!(
                (alg, self.crv.as_deref()),
                (Algorithm::ES256, Some("P-256")) | (Algorithm::ES384, Some("P-384"))
            ),
            _ => false,
        };
        if !family_fits {
            return Some(Refusal::Skip);
        }
        if let Some(problem) = &self.problem {
            return Some(Refusal::Unusable(Cow::Owned(problem.clone())));
        }
        let needed = min_hmac_len(alg);
        if self.secret_len < needed && !self.legacy_secret {
            return Some(Refusal::Unusable(Cow::Owned(format!(
                "HMAC key of {} bits is shorter than {alg:?} allows ({} bits, RFC 7518 §3.2)",
                self.secret_len * 8,
                needed * 8
            ))));
        }
        None
    }

    fn new(kty: &str) -> Self {
        Jwk {
            kid: None,
            kty: kty.to_owned(),
            key_use: None,
            alg: None,
            crv: None,
            may_verify: true,
            key: None,
            secret_len: 0,
            legacy_secret: false,
            problem: None,
        }
    }

    fn secret(secret: &[u8], legacy: bool) -> Self {
        let mut jwk = Jwk::new("oct");
        jwk.legacy_secret = legacy;
        jwk.set_secret(secret);
        jwk
    }

    fn set_secret(&mut self, secret: &[u8]) {
        self.secret_len = secret.len();
        let least = min_hmac_len(Algorithm::HS256);
        if secret.is_empty() {
            self.problem = Some("empty HMAC key".to_owned());
        } else if secret.len() < least && !self.legacy_secret {
            self.problem = Some(format!(
                "HMAC key of {} bits is shorter than any HMAC algorithm allows ({} bits for \
                 HS256, RFC 7518 §3.2)",
                secret.len() * 8,
                least * 8
            ));
        } else {
            self.key = Some(DecodingKey::from_secret(secret));
        }
    }
}

impl fmt::Debug for Jwk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Jwk")
            .field("kid", &self.kid)
            .field("kty", &self.kty)
            .field("use", &self.key_use)
            .field("alg", &self.alg)
            .field("crv", &self.crv)
            .field("usable", &self.key.is_some())
            .field("legacy_secret", &self.legacy_secret)
            .field("problem", &self.problem)
            .finish()
    }
}

/// A JWK Set (RFC 7517 §5), as served at a provider's `jwks_uri`, or a shared secret.
///
/// Reading is per key and tolerant: a key this library cannot use (an encryption key,
/// an X25519 key, an unsupported curve, a weak or malformed key) is kept with
/// [`Jwk::problem`] set instead of failing the whole set; `n`/`e`/`x`/`y`/`k` in
/// standard base64 with padding (Battle.net) are accepted, since the key material is
/// the same. The document itself must be a JSON object with one `keys` array.
///
/// A key has a problem, and never verifies anything, when it is:
/// - malformed: a member twice (RFC 7517 §4), a non-string `kty` / `use` / `alg` /
///   `kid` / `crv`, a `key_ops` that is not an array of strings, key material missing
///   or not base64url;
/// - weak: an RSA modulus below 2048 bits (RFC 7518 §3.3: MUST NOT be used), an empty
///   HMAC key, or one shorter than 256 bits, the least any HMAC algorithm allows
///   (RFC 7518 §3.2: key size ≥ hash output size). A key of 256..511 bits has no
///   problem but is refused for the algorithms whose hash is longer (a 256-bit key
///   verifies HS256, not HS384 or HS512). [`from_legacy_secret`](Self::from_legacy_secret)
///   is the one, explicit, exception;
/// - unsupported: an RSA modulus above 4096 bits (the verifier's limit), EC curves
///   other than P-256 / P-384 (so no ES512), OKP curves other than Ed25519, unknown key
///   types.
///
/// A key whose `use` is not `sig`, whose `key_ops` lack `verify` (RFC 7517 §4.3) or
/// whose `alg` names another algorithm is skipped for that token, without a problem.
#[derive(Debug, Clone, Default)]
pub struct JwkSet {
    keys: Vec<Jwk>,
}

impl JwkSet {
    /// Reads a JWK Set document (a leading BOM is skipped).
    ///
    /// ```
    /// use oidc_core::jwt::JwkSet;
    ///
    /// let set = JwkSet::from_json(r#"{"keys":[{"kty":"oct","k":"c2hvcnQ"},{"kty":"RSA","kid":7}]}"#)?;
    /// assert_eq!(set.keys()[0].problem(), Some("HMAC key of 40 bits is shorter than any HMAC algorithm allows (256 bits for HS256, RFC 7518 §3.2)"));
    /// assert_eq!(set.keys()[1].problem(), Some(r#"member "kid" is not a string"#));
    /// # Ok::<(), oidc_core::jwt::JwtError>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Self, JwtError> {
        let json = json.strip_prefix('\u{feff}').unwrap_or(json);
        let doc: SetDocument = serde_json::from_str(json).map_err(|e| {
            JwtError::KeySet(match e.classify() {
                serde_json::error::Category::Data => {
                    "expected a JSON object with a \"keys\" array".to_owned()
                }
                serde_json::error::Category::Eof => "the document is cut short".to_owned(),
                _ => format!("not JSON (line {}, column {})", e.line(), e.column()),
            })
        })?;
        match doc {
            SetDocument::Keys(entries) => Ok(JwkSet {
                keys: entries.iter().map(read_jwk).collect(),
            }),
            SetDocument::DuplicateKeys => Err(JwtError::KeySet(
                "the \"keys\" member appears more than once (RFC 7517 §5)".to_owned(),
            )),
            SetDocument::NoKeys => Err(JwtError::KeySet(
                "expected a JSON object with a \"keys\" array".to_owned(),
            )),
        }
    }

    /// A set holding one shared secret (`kty: oct`), for HS256/384/512 (e.g. the client
    /// secret, OIDC Core §10.1).
    ///
    /// RFC 7518 §3.2 requires a key at least as long as the hash: 32 bytes for HS256,
    /// 48 for HS384, 64 for HS512. A shorter secret is refused for that algorithm (a
    /// secret under 32 bytes, or an empty one, has a [`Jwk::problem`]), because every
    /// HMAC-signed token lets anyone who sees it guess a short secret offline and then
    /// forge tokens. For a registered client secret that cannot be changed, see
    /// [`from_legacy_secret`](Self::from_legacy_secret).
    pub fn from_secret(secret: &[u8]) -> Self {
        JwkSet {
            keys: vec![Jwk::secret(secret, false)],
        }
    }

    /// Like [`from_secret`](Self::from_secret), but a secret shorter than RFC 7518 §3.2
    /// requires is accepted for every HMAC algorithm — an explicit opt-in for a legacy
    /// client secret: OIDC Core §10.1 makes the `client_secret` the HMAC key of
    /// HS256-signed ID Tokens, and many registered secrets predate the length rule
    /// (the OpenID-Connect-PHP test token uses the 4-byte secret `ahoj`). Such tokens
    /// are only as strong as the secret: rotate it to 32+ random bytes when you can.
    /// An empty secret is still refused.
    ///
    /// ```
    /// use oidc_core::jwt::{Algorithm, JwkSet};
    ///
    /// assert!(!JwkSet::from_secret(b"ahoj").keys()[0].fits(Algorithm::HS256));
    /// assert!(JwkSet::from_legacy_secret(b"ahoj").keys()[0].fits(Algorithm::HS256));
    /// assert!(!JwkSet::from_legacy_secret(b"").keys()[0].fits(Algorithm::HS256));
    /// ```
    pub fn from_legacy_secret(secret: &[u8]) -> Self {
        JwkSet {
            keys: vec![Jwk::secret(secret, true)],
        }
    }

    /// The keys, in document order.
    pub fn keys(&self) -> &[Jwk] {
        &self.keys
    }

    /// The first key with this `kid`.
    pub fn find(&self, kid: &str) -> Option<&Jwk> {
        self.keys.iter().find(|k| k.kid.as_deref() == Some(kid))
    }
}

/// The top level of a JWK Set document.
enum SetDocument {
    Keys(Vec<Entry>),
    DuplicateKeys,
    NoKeys,
}

impl<'de> Deserialize<'de> for SetDocument {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(SetVisitor)
    }
}

struct SetVisitor;

impl<'de> Visitor<'de> for SetVisitor {
    type Value = SetDocument;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JWK Set")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SetDocument, A::Error> {
        let mut keys: Option<Option<Vec<Entry>>> = None;
        let mut duplicate = false;
        while let Some(name) = map.next_key::<Cow<'de, str>>()? {
            if name != "keys" {
                map.next_value::<IgnoredAny>()?;
            } else if keys.is_some() {
                duplicate = true;
                map.next_value::<IgnoredAny>()?;
            } else {
                keys = Some(map.next_value::<KeysMember>()?.0);
            }
        }
        Ok(match (duplicate, keys) {
            (true, _) => SetDocument::DuplicateKeys,
            (false, Some(Some(keys))) => SetDocument::Keys(keys),
            (false, _) => SetDocument::NoKeys,
        })
    }
}

/// The `keys` member: `Some` when it is an array.
struct KeysMember(Option<Vec<Entry>>);

impl<'de> Deserialize<'de> for KeysMember {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(KeysVisitor)
    }
}

struct KeysVisitor;

impl<'de> Visitor<'de> for KeysVisitor {
    type Value = KeysMember;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of JWKs")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<KeysMember, A::Error> {
        let mut keys = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(entry) = seq.next_element::<Entry>()? {
            keys.push(entry);
        }
        Ok(KeysMember(Some(keys)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KeysMember, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(KeysMember(None))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<KeysMember, E> {
        Ok(KeysMember(None))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<KeysMember, E> {
        Ok(KeysMember(None))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<KeysMember, E> {
        Ok(KeysMember(None))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<KeysMember, E> {
        Ok(KeysMember(None))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<KeysMember, E> {
        Ok(KeysMember(None))
    }

    fn visit_unit<E: de::Error>(self) -> Result<KeysMember, E> {
        Ok(KeysMember(None))
    }
}

fn read_jwk(entry: &Entry) -> Jwk {
    let Entry::Object(object) = entry else {
        let mut jwk = Jwk::new("");
        jwk.problem = Some("not a JSON object".to_owned());
        return jwk;
    };
    let mut jwk = Jwk::new("");
    match read_members(object, &mut jwk).and_then(|()| read_material(object, &mut jwk)) {
        Ok(()) => {}
        Err(problem) => {
            jwk.key = None;
            jwk.problem = Some(problem);
        }
    }
    jwk
}

/// The members that describe the key (RFC 7517 §4).
fn read_members(object: &UniqueObject, jwk: &mut Jwk) -> Result<(), String> {
    let text = |name: &'static str| {
        object
            .text(name)
            .map(|t| t.map(str::to_owned))
            .map_err(|name| format!("member \"{name}\" is not a string"))
    };
    // Read every descriptive member first, so a bad one does not hide the others.
    let kty = text("kty");
    let kid = text("kid");
    let key_use = text("use");
    let alg = text("alg");
    let crv = text("crv");
    jwk.kty = kty.clone().ok().flatten().unwrap_or_default();
    jwk.kid = kid.clone().ok().flatten();
    jwk.key_use = key_use.clone().ok().flatten();
    jwk.alg = alg.clone().ok().flatten();
    jwk.crv = crv.clone().ok().flatten();
    if let Some(name) = &object.duplicate {
        return Err(format!(
            "member {} appears more than once (RFC 7517 §4)",
            quoted(name)
        ));
    }
    for result in [kty, kid, key_use, alg, crv] {
        result?;
    }
    jwk.may_verify = match object.members.get("key_ops") {
        None => true,
        Some(Value::Array(ops)) if ops.iter().all(Value::is_string) => {
            ops.iter().any(|op| op == "verify")
        }
        Some(_) => return Err("member \"key_ops\" is not an array of strings".to_owned()),
    };
    Ok(())
}

/// The key material, by `kty`.
fn read_material(object: &UniqueObject, jwk: &mut Jwk) -> Result<(), String> {
    // Base64url, or standard base64 with padding (the same bytes).
    let bytes = |name: &'static str| -> Result<Option<Vec<u8>>, String> {
        let Some(text) = object
            .text(name)
            .map_err(|name| format!("member \"{name}\" is not a string"))?
        else {
            return Ok(None);
        };
        let normal = text.replace('+', "-").replace('/', "_");
        URL_SAFE_NO_PAD
            .decode(normal.trim_end_matches('='))
            .map(Some)
            .map_err(|_| format!("member \"{name}\" is not base64url"))
    };
    let b64 = |name: &'static str| -> Result<Option<String>, String> {
        Ok(bytes(name)?.map(|b| URL_SAFE_NO_PAD.encode(b)))
    };
    let key = match jwk.kty.as_str() {
        "RSA" => {
            let (Some(n), Some(e)) = (bytes("n")?, bytes("e")?) else {
                return Err("RSA key without n or e".to_owned());
            };
            let bits = modulus_bits(&n);
            if bits < MIN_RSA_BITS {
                return Err(format!(
                    "RSA key of {bits} bits is below the {MIN_RSA_BITS} bits RFC 7518 §3.3 requires"
                ));
            }
            if bits > MAX_RSA_BITS {
                return Err(format!(
                    "RSA key of {bits} bits is above the {MAX_RSA_BITS} bits the verifier supports"
                ));
            }
            DecodingKey::from_rsa_raw_components(&n, &e)
        }
        "EC" => match (jwk.crv.as_deref(), b64("x")?, b64("y")?) {
            (Some("P-256" | "P-384"), Some(x), Some(y)) => {
                DecodingKey::from_ec_components(&x, &y).map_err(|e| e.to_string())?
            }
            (Some("P-256" | "P-384"), _, _) => return Err("EC key without x or y".to_owned()),
            (crv, _, _) => return Err(format!("unsupported EC curve {}", shown(crv))),
        },
        "OKP" => match (jwk.crv.as_deref(), b64("x")?) {
            (Some("Ed25519"), Some(x)) => {
                DecodingKey::from_ed_components(&x).map_err(|e| e.to_string())?
            }
            (Some("Ed25519"), None) => return Err("OKP key without x".to_owned()),
            (crv, _) => return Err(format!("unsupported OKP curve {}", shown(crv))),
        },
        "oct" => {
            let Some(secret) = bytes("k")? else {
                return Err("oct key without k".to_owned());
            };
            jwk.set_secret(&secret);
            return Ok(());
        }
        "" => return Err("no kty".to_owned()),
        other => return Err(format!("unsupported key type {}", quoted(other))),
    };
    jwk.key = Some(key);
    Ok(())
}

fn shown(value: Option<&str>) -> String {
    value.map_or_else(|| "(none)".to_owned(), quoted)
}

/// The size of an RSA modulus in bits (leading zero octets do not count).
pub(super) fn modulus_bits(n: &[u8]) -> usize {
    match n.iter().position(|&b| b != 0) {
        Some(i) => (n.len() - i) * 8 - n[i].leading_zeros() as usize,
        None => 0,
    }
}

/// RFC 7518 §3.2: the key is at least as long as the hash output. Zero for the other
/// families.
fn min_hmac_len(alg: Algorithm) -> usize {
    match alg {
        Algorithm::HS256 => 32,
        Algorithm::HS384 => 48,
        Algorithm::HS512 => 64,
        _ => 0,
    }
}

pub(super) fn family(alg: Algorithm) -> AlgorithmFamily {
    match alg {
        Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512 => AlgorithmFamily::Hmac,
        Algorithm::ES256 | Algorithm::ES384 => AlgorithmFamily::Ec,
        Algorithm::EdDSA => AlgorithmFamily::Ed,
        _ => AlgorithmFamily::Rsa,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modulus_sizes() {
        assert_eq!(modulus_bits(&[]), 0);
        assert_eq!(modulus_bits(&[0, 0]), 0);
        assert_eq!(modulus_bits(&[1]), 1);
        assert_eq!(modulus_bits(&[0x80]), 8);
        assert_eq!(modulus_bits(&[0, 0x7f, 0]), 15);
        let mut n = vec![0u8; 256];
        n[0] = 0x80;
        assert_eq!(modulus_bits(&n), 2048);
        n[0] = 0x7f;
        assert_eq!(modulus_bits(&n), 2047);
    }

    #[test]
    fn set_documents() {
        let err = |json: &str| match JwkSet::from_json(json) {
            Err(JwtError::KeySet(reason)) => reason,
            other => panic!("{json}: {other:?}"),
        };
        assert!(err(r#"{"keys":[],"keys":[]}"#).contains("more than once"));
        for json in [
            r#"{}"#,
            r#"{"keys":{}}"#,
            r#"{"keys":"x"}"#,
            "[]",
            "\"keys\"",
            "1",
        ] {
            assert_eq!(
                err(json),
                "expected a JSON object with a \"keys\" array",
                "{json}"
            );
        }
        assert_eq!(err(r#"{"keys":["#), "the document is cut short");
        assert_eq!(err("{x"), "not JSON (line 1, column 2)");
        let hostile = format!(r#"{{"keys":"{}\r\n"}}"#, "x".repeat(1 << 20));
        assert!(err(&hostile).len() < 80);
        let set = JwkSet::from_json(r#"{"other":1,"keys":[1,{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}]}"#).unwrap();
        assert_eq!(set.keys()[0].problem(), Some("not a JSON object"));
        assert!(set.keys()[1].problem().is_none());
    }

    #[test]
    fn find_kid_and_alg_read_the_members() {
        let set = JwkSet::from_json(
            r#"{"keys":[
                {"kty":"oct","kid":"a","alg":"HS256","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},
                {"kty":"oct","k":"AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},
                {"kty":"oct","kid":"b","k":"AgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},
                {"kty":"oct","kid":"a","alg":"HS384","k":"AwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}
            ]}"#,
        )
        .unwrap();
        let kids: Vec<_> = set.keys().iter().map(Jwk::kid).collect();
        assert_eq!(kids, [Some("a"), None, Some("b"), Some("a")]);
        let algs: Vec<_> = set.keys().iter().map(Jwk::alg).collect();
        assert_eq!(algs, [Some("HS256"), None, None, Some("HS384")]);
        // The first key with the kid, in document order; a key without kid is never
        // found, not even by an empty kid.
        assert_eq!(set.find("a").and_then(Jwk::alg), Some("HS256"));
        assert_eq!(set.find("b").and_then(Jwk::kid), Some("b"));
        assert!(set.find("c").is_none());
        assert!(set.find("").is_none());
        assert!(set.find("A").is_none());
    }

    /// Debug names a key by its descriptive members and whether it is usable; the key
    /// material (here a shared secret) never appears.
    #[test]
    fn debug_describes_the_key_without_its_material() {
        let secret = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA";
        let json = format!(
            r#"{{"keys":[{{"kty":"oct","kid":"k1","use":"sig","alg":"HS256","k":"{secret}"}}]}}"#
        );
        let set = JwkSet::from_json(&json).unwrap();
        let shown = format!("{:?}", set.keys()[0]);
        assert_eq!(
            shown,
            r#"Jwk { kid: Some("k1"), kty: "oct", use: Some("sig"), alg: Some("HS256"), crv: None, usable: true, legacy_secret: false, problem: None }"#
        );
        assert!(!format!("{set:?}").contains(secret));
    }
}
