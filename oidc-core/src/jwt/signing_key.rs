//! [`SigningKey`]: a private key (RSA, EC P-256 / P-384, Ed25519) or a shared secret
//! (HMAC) to sign JWTs with, read from a JWK (RFC 7517, RFC 7518 §6, RFC 8037 §2) or
//! PEM, with its `alg`, its `kid` and its public half.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{AlgorithmFamily, EncodingKey};
use serde_json::Value;
use zeroize::Zeroizing;

use super::der::{self, Curve, RsaParts};
use super::keys::family;
use super::object::UniqueObject;
use super::{algorithm_name, Algorithm, JwkSet, JwtError, PublicJwk};
use crate::error::quoted;

/// A key to sign JWTs with: the private key or secret, the algorithm it signs with, its
/// `kid`, and (for asymmetric keys) its public half.
///
/// Made from a private JWK ([`from_jwk`](Self::from_jwk)), a PEM document
/// ([`from_pem`](Self::from_pem)), a shared secret ([`from_secret`](Self::from_secret))
/// or freshly generated ([`generate`](Self::generate)). Whatever the source, a key is
/// checked when it is made: an RSA modulus of 2048 to 4096 bits (RFC 7518 §3.3), an EC
/// key on the algorithm's curve with the private scalar and coordinates at the curve's
/// size (RFC 7518 §6.2.2.1), an HMAC secret at least as long as the hash (RFC 7518
/// §3.2), and a test signature that its public half verifies (so a JWK whose `d` does
/// not belong to its `x` / `y` / `n` is refused here, not by every verifier later).
///
/// The key material never reaches `Debug` or an error text, and is zeroized when the
/// key is dropped (`jsonwebtoken::EncodingKey` zeroizes itself; the buffers used to
/// build it are zeroized too).
///
/// ```
/// use oidc_core::jwt::{Algorithm, SigningKey};
///
/// // RFC 8037 A.1: an Ed25519 private key as a JWK.
/// let key = SigningKey::from_jwk(r#"{"kty":"OKP","crv":"Ed25519",
///     "d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
///     "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#)?;
/// assert_eq!(key.alg(), Algorithm::EdDSA);
/// // RFC 8037 A.4: Ed25519 signatures are deterministic.
/// assert_eq!(
///     key.sign(b"eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc")?,
///     "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
/// );
/// assert!(!format!("{key:?}").contains("nWGxne"));
/// # Ok::<(), oidc_core::jwt::JwtError>(())
/// ```
#[derive(Clone)]
pub struct SigningKey {
    alg: Algorithm,
    kid: Option<String>,
    key: EncodingKey,
    /// `None` for HMAC secrets.
    public: Option<PublicJwk>,
    /// [`SigningKey::from_legacy_secret`]: shorter than RFC 7518 §3.2 allows, by choice.
    legacy_secret: bool,
}

impl SigningKey {
    /// Reads a private JWK (RFC 7517 §4): `kty` `RSA` (`n`, `e`, `d`, `p`, `q`, `dp`,
    /// `dq`, `qi`: RFC 7518 §6.3.2; multi-prime `oth` keys are not supported), `EC`
    /// (`crv` `P-256` or `P-384`, `x`, `y`, `d`: §6.2.2), `OKP` (`crv` `Ed25519`, `x`, `d`:
    /// RFC 8037 §2) or `oct` (`k`: §6.4). `kid` is kept; `alg` is the JWK's `alg` when
    /// it has one, else RS256, ES256 / ES384 by curve, EdDSA or HS256 (change it with
    /// [`with_algorithm`](Self::with_algorithm)). A `use` other than `sig` or `key_ops`
    /// without `sign` are refused.
    pub fn from_jwk(json: &str) -> Result<Self, JwtError> {
        let json = json.strip_prefix('\u{feff}').unwrap_or(json);
        let object: UniqueObject = serde_json::from_str(json)
            .map_err(|_| JwtError::InvalidKey("the JWK is not a JSON object".to_owned()))?;
        read_jwk(&object).map_err(JwtError::InvalidKey)
    }

    /// Reads a PEM private key for `alg`: PKCS#8 (`PRIVATE KEY`, as `openssl genpkey`
    /// writes) for every type, or PKCS#1 (`RSA PRIVATE KEY`) for RSA. The key must fit
    /// the algorithm (an RSA key for RS* / PS*, a P-256 key for ES256, ...). Use
    /// [`from_secret`](Self::from_secret) for HMAC.
    ///
    /// ```
    /// use oidc_core::jwt::{Algorithm, SigningKey};
    ///
    /// let pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n-----END PRIVATE KEY-----\n";
    /// let key = SigningKey::from_pem(pem, Algorithm::EdDSA)?;
    /// assert_eq!(key.public_jwk().unwrap().thumbprint(), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    /// assert!(SigningKey::from_pem(pem, Algorithm::ES256).is_err());
    /// # Ok::<(), oidc_core::jwt::JwtError>(())
    /// ```
    pub fn from_pem(pem: &str, alg: Algorithm) -> Result<Self, JwtError> {
        let bad = |what: &str| JwtError::InvalidKey(format!("not a PEM {what} private key"));
        let key = match family(alg) {
            AlgorithmFamily::Rsa => {
                let bits = super::der::rsa_pem_modulus_bits(pem).ok_or_else(|| bad("RSA"))?;
                if let Some(problem) = super::public_key::rsa_size_problem(bits) {
                    return Err(JwtError::InvalidKey(problem));
                }
                EncodingKey::from_rsa_pem(pem.as_bytes()).map_err(|_| bad("RSA"))?
            }
            AlgorithmFamily::Ec => {
                EncodingKey::from_ec_pem(pem.as_bytes()).map_err(|_| bad("EC"))?
            }
            AlgorithmFamily::Ed => {
                EncodingKey::from_ed_pem(pem.as_bytes()).map_err(|_| bad("Ed25519"))?
            }
            AlgorithmFamily::Hmac => {
                return Err(JwtError::InvalidKey(
                    "HMAC keys are secrets, not PEM documents: use SigningKey::from_secret"
                        .to_owned(),
                ))
            }
        };
        let public = public_half(&key, alg).map_err(|problem| {
            JwtError::InvalidKey(problem.unwrap_or_else(|| {
                format!(
                    "the PEM key does not fit {} (wrong type or curve)",
                    algorithm_name(alg)
                )
            }))
        })?;
        Self::asymmetric(alg, None, key, public).map_err(JwtError::InvalidKey)
    }

    /// A shared secret for HS256 / HS384 / HS512 (`client_secret_jwt` signs with the
    /// client secret's UTF-8 bytes, OIDC Core §9). RFC 7518 §3.2 requires a key at
    /// least as long as the hash (32, 48, 64 bytes); a shorter one is refused (see
    /// [`from_legacy_secret`](Self::from_legacy_secret)).
    pub fn from_secret(secret: &[u8], alg: Algorithm) -> Result<Self, JwtError> {
        Self::secret(secret, alg, false)
    }

    /// Like [`from_secret`](Self::from_secret), but a secret shorter than RFC 7518 §3.2
    /// requires is accepted: an explicit opt-in for a registered client secret that
    /// predates the rule (the verifying side has `JwkSet::from_legacy_secret`). What is
    /// signed is only as strong as the secret. An empty secret is still refused.
    pub fn from_legacy_secret(secret: &[u8], alg: Algorithm) -> Result<Self, JwtError> {
        Self::secret(secret, alg, true)
    }

    fn secret(secret: &[u8], alg: Algorithm, legacy: bool) -> Result<Self, JwtError> {
        check_secret(secret.len(), alg, legacy).map_err(JwtError::InvalidKey)?;
        Ok(SigningKey {
            alg,
            kid: None,
            key: EncodingKey::from_secret(secret),
            public: None,
            legacy_secret: legacy,
        })
    }

    pub(super) fn asymmetric(
        alg: Algorithm,
        kid: Option<String>,
        key: EncodingKey,
        public: PublicJwk,
    ) -> Result<Self, String> {
        let signing_key = SigningKey {
            alg,
            kid,
            key,
            public: Some(public),
            legacy_secret: false,
        };
        signing_key.self_test()?;
        Ok(signing_key)
    }

    /// This key with `kid` (the JOSE header's `kid`, and the JWK Set entry's).
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// This key for another algorithm of its type: RS256 / RS384 / RS512 / PS256 /
    /// PS384 / PS512 for RSA keys, HS256 / HS384 / HS512 for secrets (long enough for
    /// the hash). An EC key signs with its curve's algorithm only, Ed25519 with EdDSA.
    pub fn with_algorithm(mut self, alg: Algorithm) -> Result<Self, JwtError> {
        let fits = match (&self.public, family(alg)) {
            (None, AlgorithmFamily::Hmac) => {
                check_secret(self.key.as_bytes().len(), alg, self.legacy_secret)
                    .map_err(JwtError::InvalidKey)?;
                true
            }
            (Some(public), AlgorithmFamily::Rsa) => public.kty() == "RSA",
            _ => self.alg == alg,
        };
        if !fits {
            return Err(JwtError::InvalidKey(format!(
                "this {} key cannot sign {}",
                self.public.as_ref().map_or("HMAC", PublicJwk::kty),
                algorithm_name(alg)
            )));
        }
        self.alg = alg;
        Ok(self)
    }

    /// The algorithm this key signs with (the JOSE header's `alg`).
    pub fn alg(&self) -> Algorithm {
        self.alg
    }

    /// The key's `kid`, if it has one.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The public half (`None` for an HMAC secret, which has none).
    pub fn public_jwk(&self) -> Option<&PublicJwk> {
        self.public.as_ref()
    }

    /// The public half as a JWK Set document (`{"keys":[..]}`, with `kid`, `use`,
    /// `alg`): what a provider serves at its `jwks_uri`, or a `private_key_jwt` client
    /// registers. `None` for an HMAC secret.
    pub fn public_jwk_set_json(&self) -> Option<String> {
        let public = self.public.as_ref()?;
        Some(format!(
            "{{\"keys\":[{}]}}",
            public.to_json_with(self.kid.as_deref(), self.alg)
        ))
    }

    /// The keys that verify what this key signs, for `from_jwt`: the public half (with
    /// this key's `kid`), or the secret itself for HMAC.
    pub fn verifying_keys(&self) -> JwkSet {
        match &self.public {
            Some(public) => public.to_key_set(self.kid.as_deref()),
            None if self.legacy_secret => JwkSet::from_legacy_secret(self.key.as_bytes()),
            None => JwkSet::from_secret(self.key.as_bytes()),
        }
    }

    /// Signs `signing_input` (the JWS Signing Input, RFC 7515 §5.1:
    /// `BASE64URL(header) '.' BASE64URL(payload)`) and returns the base64url signature.
    pub fn sign(&self, signing_input: &[u8]) -> Result<String, JwtError> {
        super::backend::sign(signing_input, &self.key, self.alg)
            .map_err(|e| JwtError::Signing(format!("{:?}", e.kind())))
    }

    /// Signs a test message and verifies it with the public half.
    fn self_test(&self) -> Result<(), String> {
        const MESSAGE: &[u8] = b"eyJhbGciOiJub25lIn0.b2lkYy1ycyBrZXkgY2hlY2s";
        const MISMATCH: &str =
            "the private key does not match its public members (or is malformed)";
        let signature = self.sign(MESSAGE).map_err(|_| MISMATCH.to_owned())?;
        let keys = self.verifying_keys();
        let verifies = keys
            .keys()
            .first()
            .and_then(|jwk| jwk.key())
            .is_some_and(|key| super::backend::verify(&signature, MESSAGE, key, self.alg));
        if verifies {
            Ok(())
        } else {
            Err(MISMATCH.to_owned())
        }
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("alg", &self.alg)
            .field("kid", &self.kid)
            .field("public", &self.public)
            .field("key", &"<redacted>")
            .finish()
    }
}

/// RFC 7518 §3.2: an HMAC key at least as long as the hash, unless `legacy`; never empty.
fn check_secret(len: usize, alg: Algorithm, legacy: bool) -> Result<(), String> {
    let needed = match alg {
        Algorithm::HS256 => 32,
        Algorithm::HS384 => 48,
        Algorithm::HS512 => 64,
        other => {
            return Err(format!(
                "a shared secret signs HS256, HS384 or HS512, not {}",
                algorithm_name(other)
            ))
        }
    };
    if len == 0 {
        return Err("empty HMAC key".to_owned());
    }
    if len < needed && !legacy {
        return Err(format!(
            "HMAC key of {} bits is shorter than {} allows ({} bits, RFC 7518 §3.2)",
            len * 8,
            algorithm_name(alg),
            needed * 8
        ));
    }
    Ok(())
}

/// The public half of an asymmetric `key` for `alg`, as the signing backend derives it.
/// `Err(None)` when the key does not fit the algorithm, `Err(Some(problem))` when its
/// public half is not usable (an RSA key below 2048 bits).
pub(super) fn public_half(key: &EncodingKey, alg: Algorithm) -> Result<PublicJwk, Option<String>> {
    let jwk = super::backend::public_jwk(key, alg).map_err(|_| None)?;
    let json = serde_json::to_string(&jwk).map_err(|_| None)?;
    match PublicJwk::from_json(&json) {
        Ok(public) => Ok(public),
        Err(JwtError::InvalidKey(problem)) => Err(Some(problem)),
        Err(_) => Err(None),
    }
}

/// A private JWK's members: the kind, then the key.
fn read_jwk(object: &UniqueObject) -> Result<SigningKey, String> {
    if let Some(name) = &object.duplicate {
        return Err(format!(
            "member {} appears more than once (RFC 7517 §4)",
            quoted(name)
        ));
    }
    let text = |name: &'static str| -> Result<Option<&str>, String> {
        object
            .text(name)
            .map_err(|name| format!("member \"{name}\" is not a string"))
    };
    let required = |name: &'static str| -> Result<&str, String> {
        text(name)?.ok_or_else(|| format!("member \"{name}\" is missing"))
    };
    // Key material: zeroized when dropped.
    let bytes = |name: &'static str| -> Result<Zeroizing<Vec<u8>>, String> {
        URL_SAFE_NO_PAD
            .decode(required(name)?)
            .map(Zeroizing::new)
            .map_err(|_| format!("member \"{name}\" is not base64url (RFC 7515 §2)"))
    };
    if text("use")?.is_some_and(|u| u != "sig") {
        return Err("the key's \"use\" is not \"sig\"".to_owned());
    }
    match object.members.get("key_ops") {
        None => {}
        Some(Value::Array(ops)) if ops.iter().any(|op| op == "sign") => {}
        Some(_) => return Err("the key's \"key_ops\" do not include \"sign\"".to_owned()),
    }
    let kid = text("kid")?.map(str::to_owned);
    let named_alg = match text("alg")? {
        Some(name) => Some(
            name.parse::<Algorithm>()
                .map_err(|_| format!("unsupported algorithm {}", quoted(name)))?,
        ),
        None => None,
    };
    let kty = required("kty")?;
    let (default_alg, key, public) = match kty {
        "oct" => {
            let secret = bytes("k")?;
            let alg = named_alg.unwrap_or(Algorithm::HS256);
            check_secret(secret.len(), alg, false)?;
            return Ok(SigningKey {
                alg,
                kid,
                key: EncodingKey::from_secret(&secret),
                public: None,
                legacy_secret: false,
            });
        }
        "RSA" => {
            if object.members.contains_key("oth") {
                return Err("multi-prime RSA keys (\"oth\") are not supported".to_owned());
            }
            let (n, e, d) = (bytes("n")?, bytes("e")?, bytes("d")?);
            let (p, q) = (bytes("p")?, bytes("q")?);
            let (dp, dq, qi) = (bytes("dp")?, bytes("dq")?, bytes("qi")?);
            let public = public_of(object)?;
            let der = der::rsa_pkcs1(&RsaParts {
                n: &n,
                e: &e,
                d: &d,
                p: &p,
                q: &q,
                dp: &dp,
                dq: &dq,
                qi: &qi,
            })?;
            (Algorithm::RS256, EncodingKey::from_rsa_der(&der), public)
        }
        "EC" => {
            let (curve, alg) = match required("crv")? {
                "P-256" => (Curve::P256, Algorithm::ES256),
                "P-384" => (Curve::P384, Algorithm::ES384),
                other => return Err(format!("unsupported EC curve {}", quoted(other))),
            };
            let public = public_of(object)?;
            let (x, y, d) = (bytes("x")?, bytes("y")?, bytes("d")?);
            if d.len() != curve.size() {
                return Err(format!(
                    "member \"d\" must be {} bytes for this curve (RFC 7518 §6.2.2.1)",
                    curve.size()
                ));
            }
            let der = der::ec_pkcs8(curve, &d, &x, &y)?;
            (alg, EncodingKey::from_ec_der(&der), public)
        }
        "OKP" => {
            let public = public_of(object)?;
            let d = bytes("d")?;
            if d.len() != 32 {
                return Err("member \"d\" must be 32 bytes for Ed25519 (RFC 8037 §2)".to_owned());
            }
            let der = der::ed25519_pkcs8(&d)?;
            (Algorithm::EdDSA, EncodingKey::from_ed_der(&der), public)
        }
        other => return Err(format!("unsupported key type {}", quoted(other))),
    };
    let alg = named_alg.unwrap_or(default_alg);
    let fits = match family(alg) {
        AlgorithmFamily::Rsa => kty == "RSA",
        _ => alg == default_alg,
    };
    if !fits {
        return Err(format!(
            "this {kty} key cannot sign {}",
            algorithm_name(alg)
        ));
    }
    SigningKey::asymmetric(alg, kid, key, public)
}

/// The public members of a private JWK, read with the public key rules (size, curve).
fn public_of(object: &UniqueObject) -> Result<PublicJwk, String> {
    let mut public = UniqueObject {
        members: object.members.clone(),
        duplicate: None,
    };
    for private in ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] {
        public.members.remove(private);
    }
    PublicJwk::from_object(&public)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets() {
        assert!(SigningKey::from_secret(&[1; 32], Algorithm::HS256).is_ok());
        let err = SigningKey::from_secret(&[1; 31], Algorithm::HS256).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid key: HMAC key of 248 bits is shorter than HS256 allows (256 bits, RFC 7518 §3.2)"
        );
        assert!(SigningKey::from_secret(&[1; 47], Algorithm::HS384).is_err());
        assert!(SigningKey::from_secret(&[1; 48], Algorithm::HS384).is_ok());
        assert!(SigningKey::from_secret(&[1; 63], Algorithm::HS512).is_err());
        assert!(SigningKey::from_secret(&[1; 64], Algorithm::HS512).is_ok());
        assert!(SigningKey::from_legacy_secret(b"ahoj", Algorithm::HS256).is_ok());
        assert!(SigningKey::from_legacy_secret(b"", Algorithm::HS256).is_err());
        assert!(SigningKey::from_secret(&[1; 64], Algorithm::RS256).is_err());
        let key = SigningKey::from_secret(&[1; 48], Algorithm::HS256).unwrap();
        assert!(key.clone().with_algorithm(Algorithm::HS384).is_ok());
        assert!(key.clone().with_algorithm(Algorithm::HS512).is_err());
        assert!(key.clone().with_algorithm(Algorithm::ES256).is_err());
        assert!(key.public_jwk().is_none() && key.public_jwk_set_json().is_none());
        let legacy = SigningKey::from_legacy_secret(b"ahoj", Algorithm::HS256).unwrap();
        assert!(legacy.with_algorithm(Algorithm::HS512).is_ok());
        assert_eq!(
            format!(
                "{:?}",
                SigningKey::from_secret(&[0x41; 32], Algorithm::HS256).unwrap()
            ),
            "SigningKey { alg: HS256, kid: None, public: None, key: \"<redacted>\" }"
        );
    }

    /// The verifying side of a secret holds it to the same rule as the signing side:
    /// a secret long enough for HS256 only does not verify HS512, while a legacy
    /// secret, shorter than any hash, verifies what it signs.
    #[test]
    fn a_secret_verifies_under_its_own_rule() {
        let key = SigningKey::from_secret(&[7; 32], Algorithm::HS256).unwrap();
        let set = key.verifying_keys();
        assert!(set.keys()[0].fits(Algorithm::HS256));
        assert!(!set.keys()[0].fits(Algorithm::HS512));
        let legacy = SigningKey::from_legacy_secret(b"ahoj", Algorithm::HS256).unwrap();
        let set = legacy.verifying_keys();
        assert!(set.keys()[0].problem().is_none());
        assert!(set.keys()[0].fits(Algorithm::HS256));
    }

    /// RFC 7517 §4.3: a JWK whose `key_ops` include "sign" may sign.
    #[test]
    fn key_ops_with_sign() {
        let k = "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc";
        for ops in [r#"["sign"]"#, r#"["verify","sign"]"#] {
            let json = format!(r#"{{"kty":"oct","alg":"HS256","key_ops":{ops},"k":"{k}"}}"#);
            assert_eq!(
                SigningKey::from_jwk(&json).unwrap().alg(),
                Algorithm::HS256,
                "{ops}"
            );
        }
    }
}
